"""Reader comments and the moderators' blocklist.

Whenever what readers see of a post's comments changes (a comment approved, hidden, edited or deleted), the
`comment_visibility_changed` signal (blog/comment_signals.py) is sent after the transaction commits: the hook
for anything that caches pages or feeds.
"""

import hashlib
import ipaddress
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from blog.comment_markdown import render_comment_markdown


def comments_are_open(post, now=None):
    """Whether `post` takes new comments: enabled on the post and not closed by COMMENTS_CLOSE_AFTER_DAYS."""
    if not post.comments_enabled:
        return False
    days = settings.COMMENTS_CLOSE_AFTER_DAYS
    return not days or (now or timezone.now()) < post.publish_at + timedelta(days=days)


def content_fingerprint(post_id, parent_id, identity, body):
    """The same words by the same person in the same place hash the same, whatever the spacing."""
    normalised = " ".join((body or "").split())
    return hashlib.sha256(f"{post_id}|{parent_id or ''}|{identity}|{normalised}".encode()).hexdigest()


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def on_live_posts(self):
        from blog.models.posts import Post

        return self.filter(post__in=Post.objects.live())

    def for_thread(self, post, user=None, own_ids=()):
        """Everything one reader sees under a post, in one query: approved comments, removed or spam ones that
        still have approved replies (shown as "[removed]"), and the reader's own comments awaiting moderation."""
        approved = Comment.Status.APPROVED
        hidden_with_replies = Q(status__in=[Comment.Status.REMOVED, Comment.Status.SPAM]) & (
            Q(Exists(Comment.objects.filter(parent=OuterRef("pk"), status=approved)))
            | Q(Exists(Comment.objects.filter(parent__parent=OuterRef("pk"), status=approved)))
        )
        awaiting = Q(status__in=[Comment.Status.PENDING, Comment.Status.SPAM]) & (
            Q(pk__in=list(own_ids)) | (Q(user=user) if user is not None else Q(pk__in=[]))
        )
        return (
            self.filter(post=post)
            .filter(Q(status=approved) | hidden_with_replies | awaiting)
            .order_by("created_at", "pk")
        )


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        REMOVED = "removed", "Removed"

    post = models.ForeignKey("blog.Post", on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    depth = models.PositiveSmallIntegerField(default=1, editable=False, help_text="1 for a top-level comment.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    name = models.CharField(max_length=100)
    email = models.EmailField(blank=True, help_text="Never shown publicly.")
    website = models.URLField(max_length=300, blank=True)
    body = models.TextField()
    body_html = models.TextField(blank=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    moderation_reason = models.CharField(max_length=200, blank=True)
    notify_replies = models.BooleanField("email me replies", default=False)
    replies_notified = models.BooleanField(
        default=False, editable=False, help_text="Whether the parent comment's author was emailed about this reply."
    )
    ip_network = models.GenericIPAddressField(
        "IP network", null=True, blank=True, help_text="The poster's address truncated to its /24 (IPv4) or /48 (IPv6)."
    )
    content_hash = models.CharField(max_length=64, editable=False)
    form_issued_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["post", "status", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["status", "-created_at"], name="comment_status_idx"),
            models.Index(fields=["ip_network", "created_at"], name="comment_ip_recent_idx"),
            models.Index(fields=["email", "created_at"], name="comment_email_recent_idx"),
        ]
        constraints = [
            # One form, rendered once, submitted twice with the same words (a double click): stored once.
            models.UniqueConstraint(fields=["content_hash", "form_issued_at"], name="comment_no_double_submit"),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._stored = (None, None) if self._state.adding else (self.status, self.shown_fields())

    @classmethod
    def from_db(cls, db, field_names, values):
        comment = super().from_db(db, field_names, values)
        comment._stored = (comment.__dict__.get("status"), comment.shown_fields())
        return comment

    def shown_fields(self):
        """What readers see of a visible comment besides its place in the thread (None for fields not loaded)."""
        return tuple(self.__dict__.get(name) for name in ("body", "name", "website", "edited_at"))

    def __str__(self):
        return f"{self.name} on {self.post_id}: {self.body[:40]}"

    def get_absolute_url(self):
        return f"{self.post.get_absolute_url()}#comment-{self.pk}"

    @property
    def anchor(self):
        return f"comment-{self.pk}"

    @property
    def safe_website(self):
        """The website, only if it is an http(s) address (it becomes a link)."""
        return self.website if self.website.lower().startswith(("https://", "http://")) else ""

    @property
    def is_public(self):
        return self.status == self.Status.APPROVED

    def attach_to(self, parent):
        """Reply to `parent`; a reply to a comment at the deepest level becomes its sibling."""
        if parent is None:
            self.parent, self.depth = None, 1
        elif parent.depth >= settings.COMMENTS_MAX_DEPTH:
            self.parent_id, self.depth = parent.parent_id, parent.depth
        else:
            self.parent, self.depth = parent, parent.depth + 1

    def fingerprint_identity(self):
        return f"user:{self.user_id}" if self.user_id else f"email:{self.email}"

    def editable_until(self):
        return self.created_at + timedelta(minutes=settings.COMMENTS_EDIT_MINUTES)

    def can_be_changed_by(self, user=None, own_ids=(), now=None):
        """Its author may edit or delete it for COMMENTS_EDIT_MINUTES: by account, or (anonymous) by cookie."""
        if self.status == self.Status.REMOVED or (now or timezone.now()) >= self.editable_until():
            return False
        if self.user_id:
            return user is not None and user.is_authenticated and user.pk == self.user_id
        return self.pk in own_ids

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        self.body_html = render_comment_markdown(self.body)
        self.content_hash = content_fingerprint(self.post_id, self.parent_id, self.fingerprint_identity(), self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {"email", "body_html", "content_hash"}
        super().save(*args, **kwargs)
        self._announce_change()

    def _announce_change(self):
        old_status, old_shown = self._stored
        self._stored = (self.status, self.shown_fields())
        was_public = old_status == self.Status.APPROVED
        if self.is_public and not was_public:
            change = "approved"
        elif was_public and not self.is_public:
            change = "hidden"
        elif self.is_public and old_shown != self._stored[1]:
            change = "edited"
        else:
            return
        transaction.on_commit(partial(announce_visibility_change, self.pk, self.post_id, change))

    def remove_by_author(self):
        """The author's delete: the words are erased; a "[removed]" marker keeps any replies readable."""
        self.status = self.Status.REMOVED
        self.moderation_reason = "Deleted by its author."
        self.body = ""
        self.website = ""
        self.notify_replies = False
        self.save()

    def moderate(self, status):
        """A moderator's decision; saving it notifies readers' caches and, on approval, reply subscribers."""
        if self.status != status:
            self.status = status
            self.save(update_fields=["status"])


def announce_visibility_change(comment_id, post_id, change):
    from blog.comment_signals import comment_visibility_changed
    from blog.notifications import notify_reply_subscriber

    comment_visibility_changed.send(sender=Comment, comment_id=comment_id, post_id=post_id, change=change)
    if change == "approved":
        notify_reply_subscriber(comment_id)


@receiver(post_delete, sender=Comment)
def announce_deleted_comment(sender, instance, **kwargs):
    if instance._stored[0] == Comment.Status.APPROVED:
        transaction.on_commit(partial(announce_visibility_change, instance.pk, instance.post_id, "hidden"))


class CommentBlocklistEntry(models.Model):
    """A word, email domain or IP address (or network) whose comments are marked as spam."""

    class Kind(models.TextChoices):
        WORD = "word", "Word or phrase"
        EMAIL_DOMAIN = "email_domain", "Email domain"
        IP = "ip", "IP address or network"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    value = models.CharField(
        max_length=200,
        help_text="A word or phrase (matched as whole words, any case); a domain such as example.com (its "
        "subdomains too); or an address or network such as 203.0.113.7 or 203.0.113.0/24.",
    )
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "comment blocklist entry"
        verbose_name_plural = "comment blocklist"
        ordering = ["kind", "value"]
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="comment_blocklist_unique")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    def clean(self):
        self.value = (self.value or "").strip()
        if self.kind == self.Kind.EMAIL_DOMAIN:
            self.value = self.value.lower().lstrip("@")
            if "." not in self.value or " " in self.value:
                raise ValidationError({"value": "Enter a domain such as example.com."})
        elif self.kind == self.Kind.IP:
            try:
                self.value = str(ipaddress.ip_network(self.value, strict=False))
            except ValueError:
                raise ValidationError({"value": "Enter an IP address or a network such as 203.0.113.0/24."}) from None
        elif self.kind == self.Kind.WORD:
            self.value = self.value.lower()
            if not self.value:
                raise ValidationError({"value": "Enter a word or phrase."})
