"""Read a folder of Markdown posts (Astro, Jekyll, Hugo or plain) into PostRecords, one file at a time."""

import re
from datetime import datetime

from django.utils import timezone
from django.utils.text import Truncator, slugify

from blog.importers.frontmatter import read_front_matter, split_front_matter
from blog.importers.layout import SiteTree
from blog.importers.markdown_cleanup import normalise_list_indentation, strip_mdx
from blog.importers.media import is_local_reference, read_image, rewrite_image_links
from blog.importers.records import ImportProblem, PostRecord
from blog.models import Post

JEKYLL_DATE_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")
TITLE_MAX = Post._meta.get_field("title").max_length
SLUG_MAX = Post._meta.get_field("slug").max_length
DESCRIPTION_MAX = Post._meta.get_field("description").max_length
ALT_MAX = Post._meta.get_field("hero_alt").max_length


def post_slug(value, fallback_title):
    """An ASCII URL slug from a slug key or file name, else from the title; ImportProblem when neither gives one."""
    slug = slugify(value.replace("/", "-")) or slugify(fallback_title)
    if not slug:
        raise ImportProblem("cannot make a URL slug from the file name or title; add a `slug:` key")
    if len(slug) > SLUG_MAX:
        raise ImportProblem(f"slug is longer than {SLUG_MAX} characters")
    return slug


def hero_alt_or_title(alt, title, warnings):
    """The hero image's alt text; the post title (with a warning) when the source gives none."""
    if alt:
        return Truncator(alt).chars(ALT_MAX)
    warnings.append("hero image has no alt text; used the post title instead, please describe the picture")
    return Truncator(title).chars(ALT_MAX)


def fitted_description(description, warnings):
    if len(description) <= DESCRIPTION_MAX:
        return description
    warnings.append(f"description shortened to {DESCRIPTION_MAX} characters")
    return Truncator(description).chars(DESCRIPTION_MAX)


class MarkdownTreeReader:
    """Turns each Markdown file under PATH into a PostRecord (see SiteTree for which files are posts)."""

    def __init__(self, path):
        self.tree = SiteTree(path)

    def items(self):
        return self.tree.files()

    def label(self, path):
        return self.tree.label(path)

    def read(self, path):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise ImportProblem("not UTF-8 text") from error
        except OSError as error:
            raise ImportProblem(f"cannot read the file: {error.strerror or error}") from error
        meta, body = split_front_matter(text)
        front = read_front_matter(meta)
        if len(front.title) > TITLE_MAX:
            raise ImportProblem(f"title is longer than {TITLE_MAX} characters")
        warnings = []
        file_slug, file_date = self._from_file_name(path)
        slug = post_slug(front.slug or file_slug, front.title)
        if path.suffix.lower() == ".mdx":
            body, mdx_warnings = strip_mdx(body)
            warnings += mdx_warnings
        if not front.quire_dialect:
            body = normalise_list_indentation(body)
        body, images = rewrite_image_links(body, lambda url: self._body_image(path, url, warnings))
        record = PostRecord(
            source=self.label(path),
            title=front.title,
            slug=slug,
            body=body,
            description=fitted_description(front.description, warnings),
            status=front.status or ("draft" if self.tree.is_draft_folder(path) else None),
            publish_at=front.published or file_date,
            revised_at=front.updated,
            tags=front.tags,
            author=front.author,
            body_images=images,
            old_urls=list(front.old_urls),
            warnings=warnings,
        )
        if front.hero:
            record.hero = self._hero(path, front.hero, warnings)
            if record.hero:
                record.hero_alt = hero_alt_or_title(front.hero_alt, front.title, warnings)
        collection_url = self.tree.collection_url(path)
        if collection_url:
            record.old_urls.append(collection_url)
        return record

    def _from_file_name(self, path):
        """(slug, date) from the file name: Jekyll's 2022-07-08-title.md, Hugo's title/index.md, or title.md."""
        stem = path.parent.name if path.stem.lower() == "index" else path.stem
        jekyll = JEKYLL_DATE_PREFIX.match(stem)
        if not jekyll:
            return stem, None
        try:
            day = datetime(int(jekyll.group(1)), int(jekyll.group(2)), int(jekyll.group(3)))
        except ValueError:
            return stem, None
        return jekyll.group(4), timezone.make_aware(day, timezone.get_default_timezone())

    def _hero(self, path, reference, warnings):
        if not is_local_reference(reference):
            warnings.append(f"hero image {reference} is not a local file; not imported")
            return None
        candidates = []
        if not reference.startswith("/"):
            candidates.append(path.parent / reference)
        candidates.append(self.tree.public_file(path.parent, "/" + reference.lstrip("/")))
        found = next((candidate for candidate in candidates if candidate and candidate.is_file()), None)
        if found is None:
            raise ImportProblem(f"unreadable image {reference}: no such file (looked beside the post and in public/)")
        return read_image(found, reference)

    def _body_image(self, path, url, warnings):
        if not is_local_reference(url):
            return None
        if url.startswith("/"):
            found = self.tree.public_file(path.parent, url)
            if found is None:
                warnings.append(f"image {url} not found in public/ or static/; link left as it was")
                return None
        else:
            found = path.parent / url
        return read_image(found, url), self.tree.media_export_name(found)
