"""Every post as a Markdown file with Astro-compatible front matter, its images beside it in a media/ folder.

PATH/<slug>.md holds title, description, pubDate, updatedDate, heroImage (relative to the file) and heroAlt, as the
Astro blog starter expects, plus slug, status, tags, author and aliases (old URLs that redirect to the post).
Images are copied to PATH/media/<their media name> and linked relatively, so `import_markdown PATH` into an empty
site gives back the same posts.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.core.files.storage import default_storage
from django.utils import timezone

from blog.importers.markdown_cleanup import outside_code
from blog.importers.media import HTML_IMAGE, MARKDOWN_IMAGE
from blog.models import Post

MEDIA_FOLDER = "media"


@dataclass
class ExportResult:
    posts: int = 0
    images: int = 0
    warnings: list = field(default_factory=list)


def front_matter(post, hero_path=""):
    """The front matter of one exported post, keys in the order Astro's starter lists them."""
    meta = {
        "title": post.title,
        "description": post.description,
        "pubDate": timezone.localtime(post.publish_at).isoformat(),
    }
    if post.revised_at:
        meta["updatedDate"] = timezone.localtime(post.revised_at).isoformat()
    if hero_path:
        meta["heroImage"] = hero_path
        meta["heroAlt"] = post.hero_alt
    meta["slug"] = post.slug
    meta["status"] = post.status
    if post.status == Post.Status.DRAFT:
        meta["draft"] = True
    meta["tags"] = [tag.name for tag in post.tags.all()]
    meta["author"] = post.author.get_username()
    old_paths = Redirect.objects.filter(site_id=settings.SITE_ID, new_path=post.get_absolute_url())
    if old_paths:
        meta["aliases"] = sorted(old_paths.values_list("old_path", flat=True))
    # Bodies are Quire's Markdown already (nested lists at four spaces): the importer keeps them as they are.
    meta["markdownDialect"] = "quire"
    return meta


def render_post_file(meta, body):
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000) + "---\n\n" + body


class MarkdownExporter:
    """Writes posts and the media files they use under one folder."""

    def __init__(self, path):
        self.path = Path(path)
        self.result = ExportResult()
        self.copied = set()

    def export(self, posts):
        self.path.mkdir(parents=True, exist_ok=True)
        for post in posts:
            self.export_post(post)
        return self.result

    def export_post(self, post):
        hero_path = ""
        if post.hero_image and self._copy(post.hero_image.name, post.slug):
            hero_path = f"./{MEDIA_FOLDER}/{post.hero_image.name}"
        body = outside_code(post.body.replace("\r\n", "\n"), lambda text: self._relink(text, post.slug))
        target = self.path / f"{post.slug}.md"
        target.write_text(render_post_file(front_matter(post, hero_path), body), encoding="utf-8", newline="\n")
        self.result.posts += 1

    def _relink(self, text, slug):
        def relink(url):
            if not url.startswith(settings.MEDIA_URL):
                return url
            name = url[len(settings.MEDIA_URL):]
            return f"{MEDIA_FOLDER}/{name}" if self._copy(name, slug) else url

        text = MARKDOWN_IMAGE.sub(lambda m: m.group(1) + relink(m.group(2)) + m.group(3), text)
        return HTML_IMAGE.sub(lambda m: m.group(1) + m.group(2) + relink(m.group(3)) + m.group(2), text)

    def _copy(self, name, slug):
        """Copy media file `name` to PATH/media/<name>; False (with a warning) when it is not in storage."""
        if name in self.copied:
            return True
        target = (self.path / MEDIA_FOLDER / name).resolve()
        if not target.is_relative_to((self.path / MEDIA_FOLDER).resolve()):
            self.result.warnings.append(f"{slug}: media name {name!r} leaves the media folder; not copied")
            return False
        try:
            with default_storage.open(name, "rb") as source:
                data = source.read()
        except (OSError, ValueError):
            self.result.warnings.append(f"{slug}: image {name} is missing from media storage; link kept as it was")
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.copied.add(name)
        self.result.images += 1
        return True


def export_markdown(path):
    """Export every post, whatever its status, to `path`."""
    posts = Post.objects.select_related("author").prefetch_related("tags").order_by("publish_at", "pk")
    return MarkdownExporter(path).export(posts.iterator(chunk_size=200))
