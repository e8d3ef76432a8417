"""Approved reader comments brought in by an import: threaded as they were, matched so a re-run adds none twice."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from blog.models import Comment

WEBSITE_MAX = Comment._meta.get_field("website").max_length


def _identity(created_at, name, email):
    return created_at, name, _clean_email((email or "").strip().lower())


def _existing(post):
    if post is None or post.pk is None:
        return set()
    return {_identity(*row) for row in post.comments.values_list("created_at", "name", "email")}


def missing_comments(post, records):
    """The comment records not yet stored under `post` (all of them for a new post)."""
    stored = _existing(post)
    return [record for record in records if _identity(record.created_at, record.name, record.email) not in stored]


def in_thread_order(records):
    """Records ordered so that every comment comes after the one it answers."""
    keys = {record.key for record in records}
    children = {}
    for record in records:
        parent = record.parent_key if record.parent_key in keys else ""
        children.setdefault(parent, []).append(record)
    ordered, waiting = [], [""]
    while waiting:
        for record in sorted(children.get(waiting.pop(0), []), key=lambda r: (r.created_at, r.key)):
            ordered.append(record)
            waiting.append(record.key)
    return ordered


def _clean_email(email):
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        return ""
    return email


def _clean_website(url):
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return ""
    return url if len(url) <= WEBSITE_MAX else ""


def save_comments(post, records):
    """Store the approved comments of `records` that `post` does not have yet, replies under their parents."""
    by_identity = {_identity(c.created_at, c.name, c.email): c for c in post.comments.all()}
    usernames = {record.username for record in records if record.username}
    users = {user.username: user for user in get_user_model().objects.filter(username__in=usernames)}
    by_key = {}
    for record in in_thread_order(records):
        identity = _identity(record.created_at, record.name, record.email)
        comment = by_identity.get(identity)
        if comment is None:
            comment = Comment(
                post=post,
                user=users.get(record.username),
                name=record.name,
                email=_clean_email(record.email),
                website=_clean_website(record.website),
                body=record.body,
                status=Comment.Status.APPROVED,
                created_at=record.created_at,
                replies_notified=True,  # old conversations: nobody is emailed about them
            )
            comment.attach_to(by_key.get(record.parent_key))
            comment.save()
            by_identity[identity] = comment
        by_key[record.key] = comment
