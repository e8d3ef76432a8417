"""Revisions: a copy of a post's title, description and body each time a save changes them."""

from django.conf import settings
from django.db import models


class PostRevision(models.Model):
    post = models.ForeignKey("blog.Post", on_delete=models.CASCADE, related_name="revisions")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=200)
    description = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    note = models.CharField(max_length=200, blank=True)

    REVISED_FIELDS = ("title", "description", "body")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["post", "-created_at"], name="revision_post_idx")]

    def __str__(self):
        return f"{self.post} at {self.created_at:%Y-%m-%d %H:%M}"

    def previous(self):
        return PostRevision.objects.filter(post_id=self.post_id, pk__lt=self.pk).order_by("-pk").first()
