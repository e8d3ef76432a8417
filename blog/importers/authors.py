"""Authors named by imported posts: matched to existing users, or created without a usable password."""

import re

from django.contrib.auth import get_user_model
from django.db.models import Q

from blog.importers.records import ImportProblem

NOT_USERNAME = re.compile(r"[^\w.@+-]+")


def match_author(record):
    """The existing user a source's author is: same username, else same email, else same display name."""
    User = get_user_model()
    username = clean_username(record.username)
    query = Q(username__iexact=record.username) | Q(username__iexact=username)
    user = User.objects.filter(query).order_by("pk").first()
    if user is None and record.email:
        user = User.objects.filter(email__iexact=record.email).order_by("pk").first()
    if user is None and record.display_name:
        user = User.objects.filter(display_name__iexact=record.display_name).order_by("pk").first()
    return user


def create_author(record):
    """A new user for an author no account matches: no usable password, so no login until an admin sets one."""
    User = get_user_model()
    base = clean_username(record.username) or "author"
    username, number = base, 1
    while User.objects.filter(username__iexact=username).exists():
        number += 1
        username = f"{base[:140]}-{number}"
    user = User(username=username, email=record.email, display_name=record.display_name[:100])
    user.set_unusable_password()
    user.save()
    return user


def clean_username(name):
    return NOT_USERNAME.sub("-", name.strip()).strip("-").lower()[:150]


def fallback_author():
    """The author for posts whose source names none when --author is not given: the first superuser."""
    return get_user_model().objects.filter(is_superuser=True).order_by("pk").first()


def require_user(username):
    """The user named by --author; ImportProblem when there is none."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise ImportProblem(f"--author: there is no user {username!r}")
    return user
