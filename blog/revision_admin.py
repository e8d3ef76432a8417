"""Revision history in the admin: a post's revisions, a readable diff between two, and restoring one."""

import difflib

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from blog.models import PostRevision


def revision_diff(older, newer):
    """An HTML side-by-side diff (classes only, no inline styles) of each revised field that changed."""
    differ = difflib.HtmlDiff(wrapcolumn=70)
    changes = []
    for field in PostRevision.REVISED_FIELDS:
        before = getattr(older, field) if older else ""
        after = getattr(newer, field)
        if before != after:
            table = differ.make_table(
                before.splitlines(), after.splitlines(), "Before", "After", context=True, numlines=2
            )
            changes.append((field, mark_safe(table)))
    return changes


class RevisionAdminMixin:
    """Adds /admin/blog/post/<id>/revisions/ (list and diff) and a restore endpoint to PostAdmin."""

    def get_urls(self):
        own = [
            path("<int:post_id>/revisions/", self.admin_site.admin_view(self.revisions_view), name="blog_post_revisions"),
            path(
                "<int:post_id>/revisions/<int:revision_id>/",
                self.admin_site.admin_view(self.revision_view),
                name="blog_post_revision",
            ),
            path(
                "<int:post_id>/revisions/<int:revision_id>/restore/",
                self.admin_site.admin_view(require_POST(self.restore_view)),
                name="blog_post_revision_restore",
            ),
        ]
        return own + super().get_urls()

    def editable_post(self, request, post_id):
        post = get_object_or_404(self.get_queryset(request), pk=post_id)
        if not self.has_change_permission(request, post):
            raise PermissionDenied
        return post

    def revisions_view(self, request, post_id):
        post = self.editable_post(request, post_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "post": post,
            "revisions": post.revisions.select_related("created_by"),
            "title": f"Revisions of “{post.title}”",
        }
        return TemplateResponse(request, "admin/blog/post/revisions.html", context)

    def revision_view(self, request, post_id, revision_id):
        post = self.editable_post(request, post_id)
        revision = get_object_or_404(post.revisions.select_related("created_by"), pk=revision_id)
        previous = revision.previous()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "post": post,
            "revision": revision,
            "previous": previous,
            "changes": revision_diff(previous, revision),
            "title": f"Revision of “{post.title}”",
        }
        return TemplateResponse(request, "admin/blog/post/revision.html", context)

    def restore_view(self, request, post_id, revision_id):
        post = self.editable_post(request, post_id)
        revision = get_object_or_404(post.revisions, pk=revision_id)
        for field in PostRevision.REVISED_FIELDS:
            setattr(post, field, getattr(revision, field))
        post.revision_author = request.user
        post.revision_note = f"Restored the revision of {revision.created_at:%d %b %Y, %H:%M}"
        post.save()
        messages.success(request, f"Restored the revision of {revision.created_at:%d %b %Y, %H:%M}.")
        return redirect(reverse("admin:blog_post_change", args=[post.pk]))
