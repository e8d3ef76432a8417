"""Where a Markdown site keeps its posts and public files: Astro, Jekyll and Hugo project layouts."""

from pathlib import Path

from django.utils.text import slugify

MARKDOWN_SUFFIXES = {".md", ".mdx", ".markdown"}
SKIPPED_FOLDERS = {"node_modules", "dist", "public", "static", "assets", "media"}
SKIPPED_FILES = {"_index.md", "readme.md", "license.md", "changelog.md"}
HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml")
PUBLIC_FOLDERS = ("public", "static")


class SiteTree:
    """A folder of Markdown posts: which files are posts, and where a root-relative /x.jpg lives."""

    def __init__(self, path):
        self.path = Path(path).resolve()
        self.collection = None  # an Astro content collection folder, whose file paths were the post URLs
        if self.path.is_file():
            self.root, self.content_dirs = self.path.parent, []
        else:
            self.root = self.path
            self.content_dirs = self._content_dirs()
        self.collection = self.collection or self._enclosing_collection()

    def _content_dirs(self):
        path = self.path
        if (path / "src" / "content").is_dir():
            blog = path / "src" / "content" / "blog"
            if blog.is_dir():
                self.collection = blog
                return [blog]
            return [path / "src" / "content"]
        if (path / "_config.yml").is_file() or (path / "_config.toml").is_file():
            return [folder for folder in (path / "_posts", path / "_drafts") if folder.is_dir()] or [path]
        if (path / "content").is_dir() and any((path / name).is_file() for name in HUGO_CONFIGS):
            posts = path / "content" / "posts"
            return [posts if posts.is_dir() else path / "content"]
        return [path]

    def _enclosing_collection(self):
        """The Astro collection folder (src/content/<name>) that PATH is or lies in, if any."""
        start = self.path if self.path.is_dir() else self.path.parent
        for folder in [start, *start.parents]:
            if folder.parent.name == "content" and folder.parent.parent.name == "src":
                return folder
        return None

    def files(self):
        """Every post file, sorted by path."""
        if self.path.is_file():
            return [self.path]
        found = set()
        for folder in self.content_dirs:
            for path in folder.rglob("*"):
                relative = path.relative_to(folder).parts
                if (
                    path.suffix.lower() in MARKDOWN_SUFFIXES
                    and path.name.lower() not in SKIPPED_FILES
                    and not any(part.startswith(".") or part in SKIPPED_FOLDERS for part in relative[:-1])
                    and path.is_file()
                ):
                    found.add(path)
        return sorted(found)

    def label(self, path):
        """The path as the user knows it: relative to PATH when inside it."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def is_draft_folder(self, path):
        return "_drafts" in path.parts

    def collection_url(self, path):
        """The URL an Astro collection gave this file (/blog/<file path>/), or None outside a collection."""
        if self.collection is None:
            return None
        try:
            parts = list(path.with_suffix("").relative_to(self.collection).parts)
        except ValueError:
            return None
        if parts and parts[-1] == "index":
            parts.pop()
        parts = [slugify(part) for part in parts]
        return f"/{self.collection.name}/{'/'.join(parts)}/" if parts and all(parts) else None

    def public_file(self, start, url_path):
        """The file a root-relative URL (/x.jpg) names: in public/ or static/ (Astro, Hugo) or a Jekyll site root,
        found by walking up from `start`; None when nowhere."""
        relative = url_path.lstrip("/")
        if not relative:
            return None
        for folder in [start, *start.parents]:
            bases = [folder / name for name in PUBLIC_FOLDERS]
            if (folder / "_config.yml").is_file():
                bases.append(folder)
            for base in bases:
                candidate = (base / relative).resolve()
                if base.is_dir() and candidate.is_relative_to(base.resolve()) and candidate.is_file():
                    return candidate
        return None

    def media_export_name(self, path):
        """For an image inside a Quire export's media/ folder, its original media name; else ""."""
        media = (self.root / "media").resolve()
        try:
            return path.resolve().relative_to(media).as_posix()
        except ValueError:
            return ""
