"""`manage.py export_markdown PATH`: write every post as Markdown with Astro-compatible front matter."""

from django.core.management.base import BaseCommand, CommandError

from blog.exporters import export_markdown


class Command(BaseCommand):
    help = (
        "Write every post (drafts and scheduled ones too) to PATH as <slug>.md with Astro-compatible front matter, "
        "and the images they use to PATH/media/. import_markdown PATH reads it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Folder to write to (created if missing; files of the same name are replaced).")

    def handle(self, *args, **options):
        try:
            result = export_markdown(options["path"])
        except OSError as error:
            raise CommandError(f"Cannot write to {options['path']}: {error.strerror or error}") from error
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(f"  warning: {warning}"))
        done = f"Exported {result.posts} posts and {result.images} images to {options['path']}."
        self.stdout.write(self.style.SUCCESS(done))
