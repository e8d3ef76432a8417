"""The options and the end-of-run report that `import_markdown` and `import_wordpress` share."""

from django.core.management.base import BaseCommand, CommandError

from blog.importers import authors
from blog.importers.records import ImportProblem
from blog.importers.runner import CREATED, PostImporter
from blog.models import Post


class ImportCommand(BaseCommand):
    """Subclasses add their source argument and implement `reader(options)`."""

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; write nothing.")
        parser.add_argument(
            "--author",
            metavar="USERNAME",
            help="Author of posts whose source names none (default: the first superuser).",
        )
        parser.add_argument(
            "--status",
            choices=[Post.Status.DRAFT, Post.Status.PUBLISHED],
            default=Post.Status.PUBLISHED,
            help="Status of posts whose source does not say (default: published).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar.")

    def reader(self, options):
        raise NotImplementedError

    def handle(self, *args, **options):
        try:
            default_author = authors.require_user(options["author"]) if options["author"] else authors.fallback_author()
            reader = self.reader(options)
        except ImportProblem as problem:
            raise CommandError(str(problem)) from problem
        importer = PostImporter(
            dry_run=options["dry_run"],
            default_status=options["status"],
            default_author=default_author,
            progress=options["verbosity"] > 0 and not options["no_progress"],
        )
        summary = importer.run(reader)
        self.report(summary, options)
        if summary.failed:
            raise CommandError(f"{summary.failed} post(s) could not be imported; see the reasons above.")

    def report(self, summary, options):
        dry_run = options["dry_run"]
        if options["verbosity"] > 1 or dry_run:
            for source, slug, outcome, changed in summary.changes:
                verb = ("would be " if dry_run else "") + outcome
                detail = "" if outcome == CREATED else f" ({', '.join(changed)})"
                self.stdout.write(f"  {source}: /blog/{slug}/ {verb}{detail}")
        for source, warning in summary.warnings:
            self.stdout.write(self.style.WARNING(f"  warning: {source}: {warning}"))
        for source, reason in summary.failures:
            self.stderr.write(f"  failed: {source}: {reason}")
        prefix = "Dry run, nothing written: " if dry_run else "Imported: "
        style = self.style.ERROR if summary.failed else self.style.SUCCESS
        self.stdout.write(style(prefix + summary.line() + "."))
