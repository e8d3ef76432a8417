"""Email verification: a signed link bound to the account and its current address, valid ACCOUNTS_VERIFY_LINK_DAYS.

The token carries the user's id and a hash of their email address, signed with a timestamp; changing the address
makes every earlier link invalid. Nothing is stored until the link is followed.
"""

import hashlib
import logging
import math
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from blog.absolute import absolute_url

SALT = "accounts.verify-email"
logger = logging.getLogger(__name__)


class LinkExpired(Exception):
    """The link was genuine but is older than ACCOUNTS_VERIFY_LINK_DAYS."""


class LinkInvalid(Exception):
    """The link was changed, cut short, or names an account that no longer exists."""


class LinkForOldAddress(Exception):
    """The link was genuine, but the account's email address has changed since it was sent."""


def address_fingerprint(email):
    return hashlib.sha256((email or "").strip().lower().encode()).hexdigest()[:24]


def make_token(user):
    return signing.dumps({"user": user.pk, "email": address_fingerprint(user.email)}, salt=SALT)


def link_lifetime():
    return timedelta(days=settings.ACCOUNTS_VERIFY_LINK_DAYS)


def user_for_token(token):
    """The user whose current address this token verifies, or one of the Link* exceptions saying why not."""
    try:
        payload = signing.loads(token or "", salt=SALT, max_age=link_lifetime())
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkInvalid from None
    if not isinstance(payload, dict):
        raise LinkInvalid
    user = get_user_model().objects.filter(pk=payload.get("user"), is_active=True).first()
    if user is None:
        raise LinkInvalid
    if not user.email or payload.get("email") != address_fingerprint(user.email):
        raise LinkForOldAddress
    return user


def verification_link(user):
    return absolute_url(reverse("accounts:verify-email", args=[make_token(user)]))


def seconds_until_resend(user, now=None):
    """0 when another verification email may go out now, else how many seconds to wait."""
    if user.verification_sent_at is None:
        return 0
    ready_at = user.verification_sent_at + timedelta(seconds=settings.ACCOUNTS_RESEND_SECONDS)
    return max(0, math.ceil((ready_at - (now or timezone.now())).total_seconds()))


def send_verification_email(user):
    """Email `user` a fresh link. True when handed to the mail server; a failure is logged and returns False."""
    context = {"user": user, "link": verification_link(user), "days": settings.ACCOUNTS_VERIFY_LINK_DAYS}
    subject = render_to_string("accounts/email_verify_subject.txt", context).strip()
    body = render_to_string("accounts/email_verify.txt", context)
    user.verification_sent_at = timezone.now()
    user.save(update_fields=["verification_sent_at"])
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:
        logger.exception("Could not send the verification email to user %s.", user.pk)
        return False
    return True
