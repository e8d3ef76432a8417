"""Comment moderation in the admin: a queue with pending comments first, bulk decisions, and the blocklist."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from blog.absolute import absolute_url
from blog.models import Comment, CommentBlocklistEntry


class PendingCommentsColumn:
    """For the post list: each post's number of comments awaiting moderation, linked to that queue."""

    def get_queryset(self, request):
        pending = (
            Comment.objects.filter(post=OuterRef("pk"), status=Comment.Status.PENDING)
            .order_by()
            .values("post")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return super().get_queryset(request).annotate(pending_comment_count=Coalesce(Subquery(pending), 0))

    @admin.display(description="Pending comments", ordering="pending_comment_count")
    def pending_comments(self, post):
        count = post.pending_comment_count
        if not count:
            return "0"
        url = reverse("admin:blog_comment_changelist") + f"?post__id__exact={post.pk}&status__exact=pending"
        return format_html('<a href="{}">{} pending</a>', url, count)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("excerpt", "name", "post_title", "status", "moderation_reason", "created_at", "on_site")
    list_filter = ("status", ("post", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("post",)
    search_fields = ("body", "name", "email")
    actions = ("approve", "mark_spam", "remove")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = (
        "post",
        "parent",
        "user",
        "rendered_body",
        "moderation_reason",
        "ip_network",
        "created_at",
        "edited_at",
        "notify_replies",
    )
    fieldsets = (
        (None, {"fields": ("status", "moderation_reason", "post", "parent", "rendered_body")}),
        ("Author", {"fields": ("name", "email", "website", "user", "ip_network", "notify_replies")}),
        ("Text", {"fields": ("body",), "description": "The comment's Markdown; saving renders it again."}),
        ("Dates", {"fields": ("created_at", "edited_at")}),
    )

    def get_ordering(self, request):
        pending_first = Case(
            When(status=Comment.Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return (pending_first.asc(), "-created_at", "-pk")

    def has_add_permission(self, request):
        return False

    @admin.display(description="Comment")
    def excerpt(self, comment):
        return Truncator(comment.body).chars(80) or "(erased by its author)"

    @admin.display(description="Post", ordering="post__title")
    def post_title(self, comment):
        return comment.post.title

    @admin.display(description="On the site")
    def on_site(self, comment):
        if not comment.is_public:
            return "—"
        return format_html('<a href="{}">View</a>', absolute_url(comment.get_absolute_url()))

    @admin.display(description="As readers see it")
    def rendered_body(self, comment):
        return format_html('<div class="comment__body">{}</div>', mark_safe(comment.body_html)) if comment.pk else "—"

    def decide(self, request, queryset, status, done):
        changed = 0
        for comment in queryset.select_related("post"):
            if comment.status != status:
                comment.moderate(status)
                changed += 1
        self.message_user(request, f"{done} {changed} comment{'s' if changed != 1 else ''}.", messages.SUCCESS)

    @admin.action(description="Approve selected comments", permissions=["change"])
    def approve(self, request, queryset):
        self.decide(request, queryset, Comment.Status.APPROVED, "Approved")

    @admin.action(description="Mark selected comments as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self.decide(request, queryset, Comment.Status.SPAM, "Marked as spam:")

    @admin.action(description="Remove selected comments", permissions=["change"])
    def remove(self, request, queryset):
        self.decide(request, queryset, Comment.Status.REMOVED, "Removed")


@admin.register(CommentBlocklistEntry)
class CommentBlocklistAdmin(admin.ModelAdmin):
    list_display = ("value", "kind", "note", "created_at")
    list_filter = ("kind",)
    search_fields = ("value", "note")
