"""Create a demo author, tags and the essays in blog/demo/essays/ with generated hero images.

Running it again changes nothing: existing users, tags and posts (matched by slug) are left alone.
"""

from datetime import timedelta
from pathlib import Path

import yaml
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from blog.demo.hero import make_hero_image
from blog.models import Post, Tag

ESSAYS_DIR = Path(__file__).resolve().parents[2] / "demo" / "essays"
DEMO_AUTHOR = {
    "username": "mara",
    "display_name": "Mara Ellison",
    "bio": "Writes about the open web, the craft of software and the habit of writing things down.",
    "website": "https://example.com/",
}


def read_essay(path):
    """Front matter (a dict) and Markdown body of one demo essay file."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body.strip() + "\n"


class Command(BaseCommand):
    help = "Create demo content (an author, tags and essays). Running it twice changes nothing."

    @transaction.atomic
    def handle(self, *args, **options):
        author = self.demo_author()
        created = 0
        for path in sorted(ESSAYS_DIR.glob("*.md")):
            meta, body = read_essay(path)
            if Post.objects.filter(slug=meta["slug"]).exists():
                continue
            self.create_post(meta, body, author)
            created += 1
        self.stdout.write(f"Demo content: {created} essays created, {Post.objects.count()} posts in total.")

    def demo_author(self):
        User = get_user_model()
        defaults = {key: value for key, value in DEMO_AUTHOR.items() if key != "username"}
        author, created = User.objects.get_or_create(username=DEMO_AUTHOR["username"], defaults=defaults)
        if created:
            author.set_unusable_password()
            author.save()
        return author

    def create_post(self, meta, body, author):
        post = Post(
            title=meta["title"],
            slug=meta["slug"],
            description=meta.get("description", ""),
            body=body,
            author=author,
            status=meta.get("status", Post.Status.PUBLISHED),
            publish_at=timezone.now() - timedelta(days=meta.get("days_ago", 0)),
            hero_alt=meta.get("hero_alt", ""),
        )
        if meta.get("hero_palette"):
            image = make_hero_image(meta["slug"], meta["hero_palette"])
            post.hero_image.save(f"{meta['slug']}.jpg", ContentFile(image), save=False)
        post.save()
        post.tags.set(Tag.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ")})[0] for slug in meta.get("tags", []))
