"""Bumps the content stamp (blog/content_version.py), once the change is committed, whenever what anonymous
readers see changes: posts, their tags, tags, approved comments, site settings, authors' names, and deploys."""

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver
from django.utils import timezone

from blog import content_version
from blog.comment_signals import comment_visibility_changed
from blog.models import Post, SiteSettings, Tag

# A user's save that changes only these cannot change a page (signing in stamps last_login).
INVISIBLE_USER_FIELDS = frozenset({"last_login", "password", "verified_email", "verification_sent_at"})


def bump_after_commit():
    transaction.on_commit(content_version.bump)


@receiver(post_save, sender=Post, dispatch_uid="quire.bump.post_saved")
@receiver(post_delete, sender=Post, dispatch_uid="quire.bump.post_deleted")
@receiver(post_save, sender=Tag, dispatch_uid="quire.bump.tag_saved")
@receiver(post_delete, sender=Tag, dispatch_uid="quire.bump.tag_deleted")
def content_changed(sender, **kwargs):
    bump_after_commit()


@receiver(post_save, sender=SiteSettings, dispatch_uid="quire.bump.site_saved")
def site_settings_changed(sender, instance, created, **kwargs):
    """The record made with default values on first use (SiteSettings.load) shows nothing new."""
    if created and all(
        getattr(instance, field.attname) == field.get_default() for field in sender._meta.concrete_fields
        if not field.primary_key
    ):
        return
    bump_after_commit()


@receiver(m2m_changed, sender=Post.tags.through, dispatch_uid="quire.bump.post_tags")
def post_tags_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        bump_after_commit()


@receiver(comment_visibility_changed, dispatch_uid="quire.bump.comment")
def comment_visibility(sender, post_id, **kwargs):
    """The signal is sent after commit. Only this post's comment thread changed (blog/fragments.py)."""
    Post.objects.filter(pk=post_id).update(comments_changed_at=timezone.now())
    content_version.bump(editorial=False)


@receiver(post_save, sender=get_user_model(), dispatch_uid="quire.bump.author")
def author_changed(sender, instance, created, update_fields=None, **kwargs):
    if created or (update_fields is not None and set(update_fields) <= INVISIBLE_USER_FIELDS):
        return
    if Post.objects.filter(author=instance).exists():
        bump_after_commit()


@receiver(post_migrate, dispatch_uid="quire.bump.migrate")
def deployed(sender, **kwargs):
    """Every deploy runs `migrate`: new code may render pages differently, so cached copies are dropped. (Not when
    the schema migrated to lacks the columns this writes: a migration back, or forward to an older one.)"""
    if sender.label != "blog" or not schema_has_versions(kwargs.get("apps")):
        return
    Post.objects.update(comments_changed_at=timezone.now())  # comment threads render anew too (blog/fragments.py)
    content_version.bump()


def schema_has_versions(apps):
    """Whether the schema migrate left holds the columns the stamp and the comment versions are written to."""
    if apps is None:
        return True
    try:
        apps.get_model("blog", "Post")._meta.get_field("comments_changed_at")
        apps.get_model("blog", "ContentStamp")._meta.get_field("editorial_changed_at")
    except (LookupError, FieldDoesNotExist):
        return False
    return True
