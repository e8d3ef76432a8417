"""Shareable preview links: a signed, expiring, revocable URL that shows an unpublished post to a reviewer."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone

SIGNING_SALT = "blog.preview-link"


def default_expiry():
    return timezone.now() + timedelta(days=settings.PREVIEW_LINK_DAYS)


def new_key():
    return secrets.token_urlsafe(16)


class PreviewLinkQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    post = models.ForeignKey("blog.Post", on_delete=models.CASCADE, related_name="preview_links")
    key = models.CharField(max_length=32, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField(default=default_expiry)
    revoked_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=100, blank=True, help_text="Who the link is for, to recognise it later.")

    objects = PreviewLinkQuerySet.as_manager()

    def __str__(self):
        return f"Preview of {self.post} ({self.note or self.key[:6]})"

    @property
    def token(self):
        return signing.dumps(self.key, salt=SIGNING_SALT)

    def get_absolute_url(self):
        return reverse("blog:preview-link", args=[self.token])

    @property
    def is_usable(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    @classmethod
    def find_usable(cls, token):
        """The live preview link a token names, or None when it is tampered, unknown, expired or revoked."""
        try:
            key = signing.loads(token, salt=SIGNING_SALT)
        except signing.BadSignature:
            return None
        return cls.objects.usable().select_related("post__author").filter(key=key).first()
