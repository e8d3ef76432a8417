"""The site's user model: Django's user plus the public face of a reader or author."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    display_name = models.CharField(max_length=100, blank=True)
    bio = models.TextField(blank=True, help_text="A few sentences shown on your author page and under your essays.")
    website = models.URLField(blank=True)
    verified_email = models.EmailField(
        blank=True,
        help_text="The address this person proved is theirs by following the emailed link. Changing the email "
        "address makes it unverified again.",
    )
    verification_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    @property
    def public_name(self):
        return self.display_name or self.get_full_name() or self.username

    @property
    def email_verified(self):
        """Whether the current email address is the one verified (comment moderation trusts such readers)."""
        return bool(self.email) and self.email.strip().lower() == self.verified_email.strip().lower()

    @property
    def safe_website(self):
        """The website, only if it is an http(s) address (it becomes a link)."""
        return self.website if self.website.lower().startswith(("https://", "http://")) else ""

    def mark_email_verified(self):
        self.verified_email = self.email.strip().lower()
        self.save(update_fields=["verified_email"])

    def __str__(self):
        return self.public_name

