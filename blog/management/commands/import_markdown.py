"""`manage.py import_markdown PATH`: import a folder of Markdown posts (Astro, Jekyll, Hugo) by slug."""

from pathlib import Path

from blog.importers.command import ImportCommand
from blog.importers.markdown_tree import MarkdownTreeReader
from blog.importers.records import ImportProblem


class Command(ImportCommand):
    help = (
        "Import .md/.mdx files with front matter from PATH (an Astro, Jekyll or Hugo project, or its posts folder). "
        "Posts are matched by slug, so running it again updates them instead of adding copies."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The site's project folder, its posts folder, or one Markdown file.")
        super().add_arguments(parser)

    def reader(self, options):
        path = Path(options["path"]).expanduser()
        if not path.exists():
            raise ImportProblem(f"{path} does not exist")
        return MarkdownTreeReader(path)
