"""What a source (a Markdown file, a WordPress item) becomes before it is saved: plain records, no database."""

from dataclasses import dataclass, field
from datetime import datetime


class ImportProblem(Exception):
    """A source cannot be imported; the message says why, in words its author understands."""


@dataclass
class ImageFile:
    """An image read from the source: a file name for it and its checked bytes."""

    name: str
    data: bytes


@dataclass
class StoredImage:
    """A body image to be written to media storage under `name` (the body already links to it)."""

    name: str
    data: bytes


@dataclass
class AuthorRecord:
    """The author a source names: matched to a user by username, else by email, else created without login."""

    username: str
    email: str = ""
    display_name: str = ""


@dataclass
class CommentRecord:
    """One approved reader comment; `parent_key` is the `key` of the comment it answers."""

    key: str
    name: str
    body: str
    created_at: datetime
    email: str = ""
    website: str = ""
    parent_key: str = ""
    username: str = ""


@dataclass
class PostRecord:
    """Everything one source says about a post. None means "the source does not say": a default applies."""

    source: str
    title: str
    slug: str
    body: str = ""
    description: str = ""
    status: str | None = None
    publish_at: datetime | None = None
    revised_at: datetime | None = None
    tags: list[str] = field(default_factory=list)
    author: AuthorRecord | None = None
    hero: ImageFile | None = None
    hero_alt: str = ""
    body_images: list[StoredImage] = field(default_factory=list)
    old_urls: list[str] = field(default_factory=list)
    comments: list[CommentRecord] | None = None
    warnings: list[str] = field(default_factory=list)
