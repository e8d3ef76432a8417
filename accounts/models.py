"""The site's user model: Django's user plus the public face of a reader or author."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    display_name = models.CharField(max_length=100, blank=True)
    bio = models.TextField(blank=True, help_text="A few sentences shown on your author page and under your essays.")
    website = models.URLField(blank=True)

    @property
    def public_name(self):
        return self.display_name or self.get_full_name() or self.username

    def __str__(self):
        return self.public_name
