"""Write any missing WebP renditions of hero images (e.g. after restoring media from a backup)."""

from django.core.management.base import BaseCommand

from blog.models import Post
from blog.renditions import make_renditions


class Command(BaseCommand):
    help = "Create the missing WebP renditions (480, 960, 1600 px wide) of every post's hero image."

    def handle(self, *args, **options):
        written = 0
        for post in Post.objects.exclude(hero_image="").only("pk", "hero_image", "hero_width", "hero_height"):
            written += len(make_renditions(post))
        self.stdout.write(f"Hero image renditions: {written} written.")
