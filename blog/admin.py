"""Posts and tags in the Django admin, with the markdownx editor for the body."""

from django.contrib import admin
from markdownx.admin import MarkdownxModelAdmin

from blog.models import Post, SiteSettings, Tag


@admin.register(Post)
class PostAdmin(MarkdownxModelAdmin):
    list_display = ("title", "status", "author", "publish_at")
    list_filter = ("status", "tags", "author")
    search_fields = ("title", "body")
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("tags",)
    fieldsets = (
        ("Content", {"fields": ("title", "body")}),
        ("Publication", {"fields": ("status", "publish_at", "revised_at")}),
        ("Listing and SEO", {"fields": ("slug", "description", "hero_image", "hero_alt", "tags")}),
        ("Discussion", {"fields": ("comments_enabled",)}),
    )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)



@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
