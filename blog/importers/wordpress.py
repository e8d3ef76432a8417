"""Read a WordPress export (WXR) into PostRecords: posts with status, dates, slugs, tags, authors, featured
images found in a local copy of wp-content/uploads, and approved comments with their threading.

The file is parsed with defusedxml: it comes from outside, and entity tricks must not exhaust the server.
"""

from datetime import timezone as dt_timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from django.utils.text import Truncator

from blog.importers.dates import parse_date
from blog.importers.markdown_tree import TITLE_MAX, fitted_description, hero_alt_or_title, post_slug
from blog.importers.media import HTML_IMAGE, MARKDOWN_IMAGE, read_image, rewrite_image_links
from blog.importers.records import AuthorRecord, CommentRecord, ImportProblem, PostRecord
from blog.importers.wp_html import wordpress_html_to_markdown
from blog.markdown import html_to_text

STATUSES = {"publish": "published", "future": "published", "draft": "draft", "pending": "draft", "private": "draft"}
UPLOADS_MARKER = "/wp-content/uploads/"
EMPTY_DATE = "0000-00-00 00:00:00"
NAME_MAX = 100


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _children(element, name):
    return [child for child in element if _local(child.tag) == name]


def _text(element, name):
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _encoded(item, namespace_part):
    """The text of <content:encoded> or <excerpt:encoded>, told apart by their namespace."""
    for child in item:
        if _local(child.tag) == "encoded" and namespace_part in child.tag:
            return child.text or ""
    return ""


class WordPressReader:
    """The posts of one WXR file; `uploads` is a local copy of the old site's wp-content/uploads, if any."""

    def __init__(self, path, uploads=None):
        self.path = Path(path)
        try:
            channel = SafeET.parse(self.path).getroot().find("channel")
        except ParseError as error:
            raise ImportProblem(f"{self.path} is not a readable WordPress export: {error}") from error
        except DefusedXmlException as error:
            raise ImportProblem(f"{self.path} was refused: it uses XML entities or a DTD ({error})") from error
        except OSError as error:
            raise ImportProblem(f"cannot read {self.path}: {error.strerror or error}") from error
        if channel is None:
            raise ImportProblem(f"{self.path} is not a WordPress export (no <channel>)")
        self.uploads = Path(uploads) if uploads else self._default_uploads()
        self.logins = {_text(author, "author_id"): _text(author, "author_login") for author in _children(channel, "author")}
        self.authors = {
            _text(author, "author_login"): AuthorRecord(
                username=_text(author, "author_login"),
                email=_text(author, "author_email"),
                display_name=_text(author, "author_display_name")[:NAME_MAX],
            )
            for author in _children(channel, "author")
        }
        items = _children(channel, "item")
        self.attachments = {_text(item, "post_id"): item for item in items if _text(item, "post_type") == "attachment"}
        self.posts = [
            item for item in items if _text(item, "post_type") == "post" and _text(item, "status") in STATUSES
        ]

    def _default_uploads(self):
        for candidate in (self.path.parent / "uploads", self.path.parent / "wp-content" / "uploads"):
            if candidate.is_dir():
                return candidate
        return None

    def items(self):
        return self.posts

    def label(self, item):
        return f"post {_text(item, 'post_id')} ({Truncator(_text(item, 'title')).chars(40) or 'untitled'})"

    def read(self, item):
        title = " ".join(_text(item, "title").split())
        if not title:
            raise ImportProblem("missing title")
        if len(title) > TITLE_MAX:
            raise ImportProblem(f"title is longer than {TITLE_MAX} characters")
        warnings = []
        body, html_warnings = wordpress_html_to_markdown(_encoded(item, "/content/"))
        warnings += html_warnings
        body, images = rewrite_image_links(body, lambda url: self._upload(url))
        left = [url for url in _image_urls(body) if UPLOADS_MARKER in url]
        if left:
            warnings.append(f"{len(left)} image(s) not found in the local uploads folder; they still link to the old site")
        wp_status = _text(item, "status")
        record = PostRecord(
            source=self.label(item),
            title=title,
            slug=post_slug(unquote(_text(item, "post_name")), title),
            body=body,
            description=fitted_description(html_to_text(_encoded(item, "/excerpt/")), warnings),
            status=STATUSES[wp_status],
            publish_at=self._date(item),
            tags=self._tags(item),
            author=self._author(item),
            body_images=images,
            old_urls=[_text(item, "link")] if wp_status in ("publish", "future") and _text(item, "link") else [],
            comments=self._comments(item),
            warnings=warnings,
        )
        self._featured_image(item, record)
        return record

    def _date(self, item):
        gmt = _text(item, "post_date_gmt")
        if gmt and gmt != EMPTY_DATE:
            return parse_date(gmt, "post_date_gmt").replace(tzinfo=dt_timezone.utc)
        local = _text(item, "post_date")
        if local and local != EMPTY_DATE:
            return parse_date(local, "post_date")
        return None

    def _tags(self, item):
        names = []
        for category in _children(item, "category"):
            name = " ".join((category.text or "").split())
            if category.get("domain") not in ("post_tag", "category") or category.get("nicename") == "uncategorized":
                continue
            if name and name.lower() not in {existing.lower() for existing in names}:
                names.append(name)
        return names

    def _author(self, item):
        login = _text(item, "creator")
        if not login:
            return None
        return self.authors.get(login) or AuthorRecord(username=login, display_name=login[:NAME_MAX])

    def _meta(self, item, key):
        for meta in _children(item, "postmeta"):
            if _text(meta, "meta_key") == key:
                return _text(meta, "meta_value")
        return ""

    def _upload(self, url):
        """(ImageFile, "") for an image URL under wp-content/uploads found locally; None otherwise."""
        path = urlsplit(url).path if "://" in url or url.startswith("//") else url
        if self.uploads is None or UPLOADS_MARKER not in path:
            return None
        relative = unquote(path.split(UPLOADS_MARKER, 1)[1])
        candidate = (self.uploads / relative).resolve()
        if not candidate.is_relative_to(self.uploads.resolve()) or not candidate.is_file():
            return None
        return read_image(candidate, url), ""

    def _featured_image(self, item, record):
        attachment = self.attachments.get(self._meta(item, "_thumbnail_id"))
        if attachment is None:
            return
        url = _text(attachment, "attachment_url") or _text(attachment, "guid")
        found = self._upload(url)
        if found is None:
            record.warnings.append(f"featured image {url} is not in the local uploads folder; not imported")
            return
        record.hero = found[0]
        alt = self._meta(attachment, "_wp_attachment_image_alt")
        record.hero_alt = hero_alt_or_title(" ".join(alt.split()), record.title, record.warnings)

    def _comments(self, item):
        """Approved comments (not pingbacks), each answering its nearest approved ancestor."""
        comments = _children(item, "comment")
        parents = {_text(comment, "comment_id"): _text(comment, "comment_parent") for comment in comments}
        approved = {
            _text(comment, "comment_id"): comment
            for comment in comments
            if _text(comment, "comment_approved") == "1" and _text(comment, "comment_type") in ("", "comment")
        }
        records = []
        for key, comment in approved.items():
            parent = parents.get(key, "0")
            while parent not in ("", "0") and parent not in approved:
                parent = parents.get(parent, "0")
            records.append(
                CommentRecord(
                    key=key,
                    name=(_text(comment, "comment_author") or "Anonymous")[:NAME_MAX],
                    email=_text(comment, "comment_author_email"),
                    website=_text(comment, "comment_author_url"),
                    body=wordpress_html_to_markdown(_text(comment, "comment_content"))[0],
                    created_at=self._comment_date(comment),
                    parent_key="" if parent in ("", "0") else parent,
                    username=self.logins.get(_text(comment, "comment_user_id"), ""),
                )
            )
        return records

    def _comment_date(self, comment):
        gmt = _text(comment, "comment_date_gmt")
        if gmt and gmt != EMPTY_DATE:
            return parse_date(gmt, "comment_date_gmt").replace(tzinfo=dt_timezone.utc)
        return parse_date(_text(comment, "comment_date"), "comment_date")


def _image_urls(markdown):
    return [m.group(2) for m in MARKDOWN_IMAGE.finditer(markdown)] + [m.group(3) for m in HTML_IMAGE.finditer(markdown)]
