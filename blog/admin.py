"""Posts, tags and site settings in the Django admin: the authors' and editors' workplace."""

from django.contrib import admin, messages
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from markdownx.admin import MarkdownxModelAdmin

from blog.absolute import absolute_url

from blog.admin_forms import PostAdminForm, PreviewLinkForm
from blog.comment_admin import PendingCommentsColumn
from blog.models import Post, PreviewLink, SiteSettings, Tag
from blog.revision_admin import RevisionAdminMixin


class PublicationFilter(admin.SimpleListFilter):
    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("draft", "Draft"), ("scheduled", "Scheduled"), ("published", "Published")]

    def queryset(self, request, queryset):
        return {
            "draft": queryset.drafts,
            "scheduled": queryset.scheduled,
            "published": queryset.live,
        }.get(self.value(), queryset.all)()


class PreviewLinkInline(admin.TabularInline):
    """Shareable preview links: add a row to create one; tick "revoke" to cut it off."""

    model = PreviewLink
    form = PreviewLinkForm
    extra = 0
    fields = ("note", "expires_at", "link", "revoke")
    readonly_fields = ("link",)
    verbose_name = "shareable preview link"
    can_delete = False

    @admin.display(description="Link")
    def link(self, preview):
        if not preview.pk:
            return "Save the post to get the link."
        if preview.revoked_at:
            return f"Revoked {timezone.localtime(preview.revoked_at):%d %b %Y, %H:%M}"
        if not preview.is_usable:
            return "Expired"
        return format_html('<a href="{0}">{0}</a>', absolute_url(preview.get_absolute_url()))



@admin.register(Post)
class PostAdmin(PendingCommentsColumn, RevisionAdminMixin, MarkdownxModelAdmin):
    form = PostAdminForm
    inlines = (PreviewLinkInline,)
    list_display = ("title", "status_badge", "author", "publish_at", "tag_names", "pending_comments")
    list_filter = (PublicationFilter, "tags", "author")
    list_select_related = ("author",)
    search_fields = ("title", "body")
    date_hierarchy = "publish_at"
    ordering = ("-publish_at", "-pk")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("tags",)
    readonly_fields = ("revised_at",)
    actions = ("publish_now", "revert_to_draft")
    fieldsets = (
        ("Content", {"fields": ("title", "body")}),
        ("Publication", {"fields": ("status", "publish_at", "substantive_update", "revised_at")}),
        ("Listing and SEO", {"fields": ("slug", "description", "hero_image", "hero_alt", "tags")}),
        ("Discussion", {"fields": ("comments_enabled",)}),
    )

    class Media:
        css = {"all": ["css/admin-editor.css"]}
        js = ["js/admin-editor.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags").editable_by(request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.editable_by(request.user))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.editable_by(request.user))

    def save_formset(self, request, form, formset, change):
        for link in formset.save(commit=False):
            if link.created_by_id is None:
                link.created_by = request.user
            link.save()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        if form.cleaned_data.get("substantive_update") and change and Post.objects.live().filter(pk=obj.pk).exists():
            obj.revised_at = timezone.now()
        obj.revision_author = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="Status", ordering="status")
    def status_badge(self, post):
        if post.status == Post.Status.DRAFT:
            kind, label = "draft", "Draft"
        elif post.is_scheduled:
            kind, label = "scheduled", f"Scheduled for {timezone.localtime(post.publish_at):%d %b %Y, %H:%M}"
        else:
            kind, label = "published", "Published"
        return format_html('<span class="status-badge status-badge--{}">{}</span>', kind, label)

    @admin.display(description="Tags")
    def tag_names(self, post):
        return format_html_join(", ", "{}", ((tag.name,) for tag in post.tags.all()))

    @admin.action(description="Publish selected posts now", permissions=["change"])
    def publish_now(self, request, queryset):
        now = timezone.now()
        not_yet_public = Q(status=Post.Status.DRAFT) | Q(publish_at__gt=now)
        count = 0
        for post in queryset.filter(not_yet_public):
            post.status = Post.Status.PUBLISHED
            post.publish_at = now
            post.revision_author = request.user
            post.save()
            count += 1
        self.message_user(request, f"Published {count} post{'s' if count != 1 else ''}.", messages.SUCCESS)

    @admin.action(description="Revert selected posts to draft", permissions=["change"])
    def revert_to_draft(self, request, queryset):
        count = 0
        for post in queryset.exclude(status=Post.Status.DRAFT):
            post.status = Post.Status.DRAFT
            post.revision_author = request.user
            post.save()
            count += 1
        self.message_user(request, f"Reverted {count} post{'s' if count != 1 else ''} to draft.", messages.SUCCESS)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
