"""The one import loop both importers share: upsert each post by slug in its own transaction, count what
happened (created, updated, unchanged, failed), show progress, and write nothing on a dry run."""

import sys
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import slugify
from tqdm import tqdm

from blog.importers import authors, redirects
from blog.importers.comments import missing_comments, save_comments
from blog.importers.media import stored_bytes, write_stored_image
from blog.importers.records import ImportProblem
from blog.models import Post, Tag

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
TAG_MAX = Tag._meta.get_field("name").max_length


@dataclass
class ImportSummary:
    """What an import run did, for the report at its end."""

    counts: dict = field(default_factory=lambda: {CREATED: 0, UPDATED: 0, UNCHANGED: 0})
    failures: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    changes: list = field(default_factory=list)

    @property
    def failed(self):
        return len(self.failures)

    def line(self):
        counts = ", ".join(f"{number} {outcome}" for outcome, number in self.counts.items())
        return f"{counts}, {self.failed} failed"


def _messages(error):
    if hasattr(error, "message_dict"):
        return [f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()]
    return error.messages


def tag_for_name(name, dry_run=False):
    """The tag a source's tag or category name means (matched by slug, else by name), created when new."""
    name = name.strip()[:TAG_MAX]
    slug = slugify(name)[:TAG_MAX]
    tag = Tag.objects.filter(slug=slug).first() if slug else None
    tag = tag or Tag.objects.filter(name__iexact=name).first()
    if tag or dry_run:
        return tag
    if not slug:
        raise ImportProblem(f"tag {name!r} has no letters or digits usable in a URL")
    return Tag.objects.create(name=name, slug=slug)


class PostImporter:
    """Applies PostRecords to the database. `default_status` and `default_author` fill in what a source omits."""

    def __init__(self, *, dry_run=False, default_status=Post.Status.PUBLISHED, default_author=None, progress=True):
        self.dry_run = dry_run
        self.default_status = default_status
        self.default_author = default_author
        self.progress = progress
        self.summary = ImportSummary()
        self.slugs_seen = {}

    def run(self, reader):
        """Import every item `reader` offers; one item's failure never stops the others."""
        items = reader.items()
        bar = tqdm(items, unit="post", file=sys.stderr, disable=None if self.progress else True, leave=False)
        for item in bar:
            label = reader.label(item)
            try:
                record = reader.read(item)
                outcome = self.apply(record)
            except ImportProblem as problem:
                self.summary.failures.append((label, str(problem)))
                continue
            except ValidationError as error:
                self.summary.failures.append((label, "invalid: " + "; ".join(_messages(error))))
                continue
            except (DatabaseError, OSError, ValueError) as error:
                self.summary.failures.append((label, f"could not be saved: {error}"))
                continue
            self.summary.counts[outcome] += 1
            self.summary.warnings += [(label, warning) for warning in record.warnings]
        return self.summary

    def apply(self, record):
        """Create or update the post `record` describes; return CREATED, UPDATED or UNCHANGED."""
        first = self.slugs_seen.setdefault(record.slug, record.source)
        if first != record.source:
            raise ImportProblem(f"slug {record.slug!r} is already used by {first} in this import")
        post = Post.objects.filter(slug=record.slug).prefetch_related("tags").first()
        author = self._author(record, post)
        new_path = f"/blog/{record.slug}/"
        old_paths, url_warnings = redirects.redirect_paths(record.old_urls, new_path)
        record.warnings += url_warnings
        desired = self._desired(post, record)
        tag_names = self._tag_names(record)
        changed = self._changed_fields(post, record, desired, author, tag_names, old_paths, new_path)
        if post and not changed:
            return UNCHANGED
        self.summary.changes.append((record.source, record.slug, CREATED if post is None else UPDATED, changed))
        if not self.dry_run:
            with transaction.atomic():
                self._save(post, record, desired, author, tag_names, old_paths, new_path)
        return CREATED if post is None else UPDATED

    def _author(self, record, post):
        if record.author:
            user = authors.match_author(record.author)
            if user is None and not self.dry_run:
                return None  # created inside the post's transaction
            return user or record.author
        if post is not None and self.default_author is None:
            return post.author
        if self.default_author is None:
            raise ImportProblem("no author: the source names none and --author was not given (and no superuser exists)")
        return self.default_author

    def _desired(self, post, record):
        publish_at = record.publish_at or (post.publish_at if post else None)
        if publish_at is None:
            record.warnings.append("no date; publish time set to now")
            publish_at = timezone.now()
        return {
            "title": record.title,
            "description": record.description,
            "body": record.body,
            "status": record.status or self.default_status,
            "publish_at": publish_at,
            "revised_at": record.revised_at,
        }

    def _tag_names(self, record):
        names = []
        for name in record.tags:
            if slugify(name):
                names.append(name)
            else:
                record.warnings.append(f"tag {name!r} left out: it has no letters or digits usable in a URL")
        return names

    def _tag_slug(self, name):
        existing = tag_for_name(name, dry_run=True)
        return existing.slug if existing else slugify(name)[:TAG_MAX]

    def _changed_fields(self, post, record, desired, author, tag_names, old_paths, new_path):
        """Names of what would change; ["new post"] for a new one."""
        if post is None:
            return ["new post"]
        changed = [name for name, value in desired.items() if getattr(post, name) != value]
        if author is None or getattr(author, "pk", None) != post.author_id:
            changed.append("author")
        wanted_tags = {self._tag_slug(name) for name in tag_names}
        if wanted_tags != {tag.slug for tag in post.tags.all()}:
            changed.append("tags")
        if record.hero and (post.hero_alt != record.hero_alt or stored_bytes(post.hero_image) != record.hero.data):
            changed.append("hero image")
        if redirects.missing_redirects(old_paths, new_path):
            changed.append("redirects")
        if record.comments and (new_comments := len(missing_comments(post, record.comments))):
            changed.append(f"{new_comments} new comment(s)")
        return changed

    def _save(self, post, record, desired, author, tag_names, old_paths, new_path):
        if author is None:
            author = authors.create_author(record.author)
        for image in record.body_images:
            write_stored_image(image)
        post = post or Post(slug=record.slug)
        for name, value in desired.items():
            setattr(post, name, value)
        post.author = author
        if record.hero and stored_bytes(post.hero_image) != record.hero.data:
            post.hero_image.save(record.hero.name, ContentFile(record.hero.data), save=False)
        if record.hero:
            post.hero_alt = record.hero_alt
        post.full_clean(exclude=["body_html", "search_vector", "uuid"], validate_unique=False)
        post.save()
        post.tags.set([tag_for_name(name) for name in tag_names])
        redirects.save_redirects(old_paths, new_path)
        if record.comments:
            save_comments(post, record.comments)
