"""Posts and tags: the content, and `Post.objects.live()` (in blog/querysets.py) deciding what is public."""

import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Q, Value
from django.utils import timezone
from markdownx.models import MarkdownxField

from blog.markdown import html_to_text, reading_time_minutes, render_markdown
from blog.querysets import SEARCH_CONFIG, PostQuerySet, TagQuerySet, may_change_posts
from blog.url_patterns import slug_url


class Tag(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.TextField(blank=True)

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("blog:tag", self.slug)


class Post(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, help_text="The last part of the post's URL: /blog/<slug>/.")
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="Plain-text summary for lists, search results, link previews and feeds (about 150 characters).",
    )
    body = MarkdownxField(blank=True)
    body_html = models.TextField(blank=True, editable=False)
    reading_time = models.PositiveSmallIntegerField(default=1, editable=False, help_text="Minutes.")
    hero_image = models.ImageField(
        upload_to="heroes/%Y/%m/", max_length=255, blank=True, width_field="hero_width", height_field="hero_height"
    )
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_alt = models.CharField(
        "hero image alt text",
        max_length=500,
        blank=True,
        help_text="Describe the picture for people who cannot see it. Required with a hero image.",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posts")
    tags = models.ManyToManyField(Tag, blank=True, related_name="posts")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        "publish at", default=timezone.now, help_text="The post goes public at this time once its status is Published."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    revised_at = models.DateTimeField(
        "substantively updated at", null=True, blank=True, help_text='Shown to readers as "Updated" and in feeds.'
    )
    comments_enabled = models.BooleanField(default=True)
    # When a comment under this post last became visible, changed or went away: the version of its comment thread
    # (blog/fragments.py). Set with a queryset update, so it never touches updated_at.
    comments_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-publish_at"], name="post_live_idx"),
            models.Index(fields=["-publish_at", "-id"], name="post_newest_idx"),
            GinIndex(fields=["search_vector"], name="post_search_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(hero_image="") | ~Q(hero_alt=""), name="post_hero_has_alt"),
        ]
        permissions = [("edit_others_posts", "Can edit and publish other authors' posts")]

    @classmethod
    def from_db(cls, db, field_names, values):
        post = super().from_db(db, field_names, values)
        post._saved_content = post.revised_content()
        return post

    def revised_content(self):
        """The fields a revision keeps, or None when some of them were not loaded."""
        loaded = self.__dict__
        if not all(name in loaded for name in ("title", "description", "body")):
            return None
        return (self.title, self.description, self.body)

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("blog:post", self.slug)

    def clean(self):
        if self.hero_image and not self.hero_alt.strip():
            raise ValidationError({"hero_alt": "Describe the hero image for readers who cannot see it."})

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        self.reading_time = reading_time_minutes(self.body_html)
        if self.hero_image and not (self.hero_width and self.hero_height):
            # Files saved from an unnamed stream skip Django's dimension update; read the header once, here.
            self._meta.get_field("hero_image").update_dimension_fields(self, force=True)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {"body_html", "reading_time"}
        super().save(*args, **kwargs)
        self.update_search_vector()
        self.record_revision()

    def record_revision(self, note=""):
        """Keep a revision when the title, description or body differ from what was last saved."""
        from blog.models.revisions import PostRevision

        content = self.revised_content()
        if content is None or content == getattr(self, "_saved_content", None):
            return None
        self._saved_content = content
        return PostRevision.objects.create(
            post=self,
            created_by=getattr(self, "revision_author", None),
            title=self.title,
            description=self.description,
            body=self.body,
            note=note or getattr(self, "revision_note", ""),
        )

    def update_search_vector(self):
        """Weight title over description over body in the stored full-text vector (PostgreSQL only)."""
        if connection.vendor != "postgresql":
            return
        vector = (
            SearchVector(Value(self.title), weight="A", config=SEARCH_CONFIG)
            + SearchVector(Value(self.description), weight="B", config=SEARCH_CONFIG)
            + SearchVector(Value(html_to_text(self.body_html)), weight="C", config=SEARCH_CONFIG)
        )
        Post.objects.filter(pk=self.pk).update(search_vector=vector)

    def editable_by(self, user):
        """Staff who may change posts may edit their own; editing others' posts needs `edit_others_posts`."""
        if not may_change_posts(user):
            return False
        return self.author_id == user.pk or user.has_perm("blog.edit_others_posts")

    @property
    def updated_for_readers(self):
        """The substantive-update time readers are shown, or None: only an update made after publication counts."""
        if self.revised_at and self.revised_at > self.publish_at:
            return self.revised_at
        return None

    @property
    def is_live(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.publish_at > timezone.now()

    @property
    def summary(self):
        return self.description or html_to_text(self.body_html)[:200]

    def previous_live(self):
        # A range on publish_at (not an OR) lets PostgreSQL walk the publish_at index from this post: constant cost.
        return (
            Post.objects.live()
            .filter(publish_at__lte=self.publish_at)
            .exclude(publish_at=self.publish_at, pk__gte=self.pk)
            .newest_first()
            .only("title", "slug")
            .first()
        )

    def next_live(self):
        return (
            Post.objects.live()
            .filter(publish_at__gte=self.publish_at)
            .exclude(publish_at=self.publish_at, pk__lte=self.pk)
            .order_by("publish_at", "pk")
            .only("title", "slug")
            .first()
        )
