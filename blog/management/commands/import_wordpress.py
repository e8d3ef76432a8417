"""`manage.py import_wordpress FILE.xml`: import posts, tags, authors and approved comments from a WordPress export."""

from pathlib import Path

from blog.importers.command import ImportCommand
from blog.importers.records import ImportProblem
from blog.importers.wordpress import WordPressReader


class Command(ImportCommand):
    help = (
        "Import a WordPress export (Tools → Export, a WXR .xml file): posts keep their status, dates, slugs, tags "
        "and categories (as tags), authors and approved comments. Running it again updates posts by slug."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The WordPress export (.xml).")
        parser.add_argument(
            "--uploads",
            metavar="DIR",
            help="A copy of the old site's wp-content/uploads folder, for featured and inline images "
            "(default: an uploads/ or wp-content/uploads/ folder beside FILE).",
        )
        super().add_arguments(parser)

    def reader(self, options):
        path = Path(options["file"]).expanduser()
        if not path.is_file():
            raise ImportProblem(f"{path} is not a file")
        uploads = Path(options["uploads"]).expanduser() if options["uploads"] else None
        if uploads is not None and not uploads.is_dir():
            raise ImportProblem(f"--uploads: {uploads} is not a folder")
        return WordPressReader(path, uploads=uploads)
