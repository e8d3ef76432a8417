"""The content stamp: one row saying when what anonymous readers see last changed (blog/content_version.py)."""

from django.db import models


class ContentStamp(models.Model):
    """When a post, tag, approved comment or the site settings last changed, and when the next scheduled post goes
    live. Pages' ETag, Last-Modified and the page cache are derived from it."""

    changed_at = models.DateTimeField()
    next_publish_at = models.DateTimeField(null=True, blank=True)
    # The same, leaving out comments: what essays, tags, authors and the site look like (blog/fragments.py).
    editorial_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "content stamp"

    def __str__(self):
        return f"Content changed at {self.changed_at:%Y-%m-%d %H:%M:%S}"
