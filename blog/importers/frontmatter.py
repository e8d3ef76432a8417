"""Front matter: split a Markdown file into metadata and body, and read the keys Astro, Jekyll and Hugo use."""

import re
import tomllib
from dataclasses import dataclass, field

import yaml

from blog.importers.dates import parse_date
from blog.importers.records import AuthorRecord, ImportProblem

FENCE = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\n(.*?)^\1[ \t]*$\n?", re.DOTALL | re.MULTILINE)

PUBLISHED_KEYS = ("pubDate", "date", "publishDate", "published", "pubdate", "publishedAt", "created")
UPDATED_KEYS = ("updatedDate", "lastmod", "last_modified_at", "updated", "modified", "updatedAt")
DESCRIPTION_KEYS = ("description", "summary", "excerpt", "subtitle")
HERO_KEYS = ("heroImage", "hero_image", "image", "cover", "featured_image", "featuredImage", "thumbnail")
ALT_KEYS = ("heroAlt", "heroImageAlt", "hero_alt", "alt", "imageAlt", "image_alt")
OLD_URL_KEYS = ("permalink", "url", "aliases", "redirect_from")


def split_front_matter(text):
    """(metadata dict, body) of a file with YAML (---) or TOML (+++) front matter; a file without any has {}."""
    text = text.replace("\r\n", "\n")
    match = FENCE.match(text)
    if not match:
        return {}, text.lstrip("\ufeff")
    fence, raw = match.group(1), match.group(2)
    try:
        meta = yaml.safe_load(raw) if fence == "---" else tomllib.loads(raw)
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" on line {where.line + 2}" if where else ""
        reason = getattr(error, "problem", None) or str(error)
        raise ImportProblem(f"bad YAML front matter{line}: {reason}") from error
    except tomllib.TOMLDecodeError as error:
        raise ImportProblem(f"bad TOML front matter: {error}") from error
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ImportProblem("front matter is not a set of key: value pairs")
    body = text[match.end():]
    if body.startswith("\n"):
        body = body[1:]
    return meta, body


@dataclass
class FrontMatter:
    """The keys of one file's front matter that a post needs, whichever generator wrote them."""

    title: str
    slug: str = ""
    description: str = ""
    published: object = None
    updated: object = None
    tags: list[str] = field(default_factory=list)
    status: str | None = None
    author: AuthorRecord | None = None
    hero: str = ""
    hero_alt: str = ""
    old_urls: list[str] = field(default_factory=list)
    quire_dialect: bool = False


def read_front_matter(meta):
    """FrontMatter from a raw metadata dict; ImportProblem for a missing title or an unreadable date."""
    title = _text(meta.get("title"))
    if not title:
        raise ImportProblem("missing title (add a `title:` line to the front matter)")
    hero, hero_alt = _hero(meta)
    return FrontMatter(
        title=title,
        slug=_text(meta.get("slug")),
        description=_first_text(meta, DESCRIPTION_KEYS),
        published=_first_date(meta, PUBLISHED_KEYS),
        updated=_first_date(meta, UPDATED_KEYS),
        tags=_tags(meta),
        status=_status(meta),
        author=_author(meta),
        hero=hero,
        hero_alt=hero_alt,
        old_urls=_old_urls(meta),
        quire_dialect=meta.get("markdownDialect") == "quire",
    )


def _text(value):
    if value is None or isinstance(value, (dict, list)):
        return ""
    return " ".join(str(value).split())


def _first_text(meta, keys):
    for key in keys:
        if _text(meta.get(key)):
            return _text(meta[key])
    return ""


def _first_date(meta, keys):
    for key in keys:
        value = meta.get(key)
        if value not in (None, "") and not isinstance(value, bool):
            return parse_date(value, key)
    return None


def _as_list(value):
    if value is None:
        return []
    if isinstance(value, str):
        pieces = value.split(",") if "," in value else value.split()
        return [piece.strip() for piece in pieces if piece.strip()]
    if isinstance(value, (list, tuple)):
        return [str(item).strip() for item in value if str(item).strip()]
    return [str(value)]


def _tags(meta):
    names = []
    for key in ("tags", "categories", "category", "keywords"):
        for name in _as_list(meta.get(key)):
            if name.lower() not in {existing.lower() for existing in names}:
                names.append(name)
    return names


def _status(meta):
    if meta.get("draft") is True or meta.get("published") is False:
        return "draft"
    if meta.get("draft") is False:
        return "published"
    status = _text(meta.get("status")).lower()
    if status in ("draft", "published"):
        return status
    if status in ("publish", "public", "live"):
        return "published"
    return None


def _author(meta):
    value = meta.get("author")
    if value is None and isinstance(meta.get("authors"), list) and meta["authors"]:
        value = meta["authors"][0]
    if isinstance(value, dict):
        name = _text(value.get("name") or value.get("username"))
        email = _text(value.get("email"))
        username = _text(value.get("username")) or name
        return AuthorRecord(username=username, email=email, display_name=name) if username else None
    name = _text(value)
    return AuthorRecord(username=name, display_name=name) if name else None


def _hero(meta):
    """(image reference, alt text): heroImage: x.jpg, or image: {src|url|image: x.jpg, alt: ...}."""
    hero, nested_alt = "", ""
    for key in HERO_KEYS:
        value = meta.get(key)
        if isinstance(value, dict):
            hero = _text(value.get("src") or value.get("url") or value.get("image") or value.get("path"))
            nested_alt = _text(value.get("alt"))
        else:
            hero = _text(value)
        if hero:
            break
    return hero, _first_text(meta, ALT_KEYS) or nested_alt


def _old_urls(meta):
    urls = []
    for key in OLD_URL_KEYS:
        for url in _as_list(meta.get(key)) if key in ("aliases", "redirect_from") else [_text(meta.get(key))]:
            if url and url not in urls:
                urls.append(url)
    return urls
