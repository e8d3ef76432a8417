"""Fill the database with realistic fake posts, tags and threaded comments, fast (bulk inserts)."""

import hashlib
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from blog import content_version, fake_content
from blog.comment_markdown import render_comment_markdown
from blog.markdown import reading_time_minutes, render_markdown
from blog.models import Comment, Post, Tag

FAKE_AUTHOR_PREFIX = "fake-author-"
BODY_POOL = 120  # distinct essays, rendered once each and shared among the posts
COMMENT_POOL = 400
STATUS_WEIGHTS = [(Comment.Status.APPROVED, 90), (Comment.Status.PENDING, 6), (Comment.Status.SPAM, 2),
                  (Comment.Status.REMOVED, 2)]
BATCH = 2000


class Command(BaseCommand):
    help = "Fill the database with realistic fake posts (a few drafts and scheduled ones), tags and threaded comments."

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=100, help="Posts to create (default 100).")
        parser.add_argument("--comments", type=int, default=1000, help="Comments to spread over them (default 1000).")
        parser.add_argument("--tags", type=int, default=30, help=f"Tags to use, at most {len(fake_content.TAG_NAMES)}.")
        parser.add_argument("--years", type=float, default=8, help="Publication dates spread over this many years.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed makes the same data.")
        parser.add_argument("--clear", action="store_true", help="First delete the posts of earlier fake authors.")

    def handle(self, *args, posts, comments, tags, years, seed, clear, **options):
        if posts < 0 or comments < 0 or not 1 <= tags <= len(fake_content.TAG_NAMES):
            raise CommandError(f"--posts and --comments must be 0 or more, --tags 1 to {len(fake_content.TAG_NAMES)}.")
        if comments and not posts:
            raise CommandError("Comments need posts: give --posts too.")
        self.rng = fake_content.make_rng(seed)
        started = time.monotonic()
        with transaction.atomic():
            if clear:
                deleted = Post.objects.filter(author__username__startswith=FAKE_AUTHOR_PREFIX).delete()[1]
                self.stdout.write(f"Deleted earlier fake data: {deleted.get('blog.Post', 0)} posts.")
            created_posts = self.create_posts(posts, self.fake_authors(), self.fake_tags(tags), years)
            self.create_comments(created_posts, comments)
        if connection.vendor == "postgresql" and created_posts:
            self.index_for_search(created_posts)
        content_version.bump()
        self.stdout.write(self.style.SUCCESS(
            f"Created {len(created_posts)} posts and {comments} comments in {time.monotonic() - started:.1f} s."
        ))

    def fake_authors(self):
        authors = []
        for n in range(1, 6):
            user, created = get_user_model().objects.get_or_create(
                username=f"{FAKE_AUTHOR_PREFIX}{n}",
                defaults={"email": f"{FAKE_AUTHOR_PREFIX}{n}@example.com", "display_name": fake_content.person(self.rng)},
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            authors.append(user)
        return authors

    def fake_tags(self, count):
        names = fake_content.TAG_NAMES[:count]
        existing = {tag.slug: tag for tag in Tag.objects.filter(slug__in=names)}
        Tag.objects.bulk_create([Tag(name=name, slug=name) for name in names if name not in existing])
        return list(Tag.objects.filter(slug__in=names))

    def create_posts(self, count, authors, tags, years):
        rng = self.rng
        bodies = []
        for _ in range(min(BODY_POOL, count)):
            body = fake_content.essay_body(rng)
            html = render_markdown(body)
            bodies.append((body, html, reading_time_minutes(html)))
        now = timezone.now()
        span = timedelta(days=365 * years)
        offset = (Post.objects.aggregate(Max("id"))["id__max"] or 0) + 1
        posts = []
        for n in range(count):
            title = fake_content.title(rng)
            body, html, minutes = rng.choice(bodies)
            roll = rng.random()
            status = Post.Status.DRAFT if roll < 0.02 else Post.Status.PUBLISHED
            publish_at = now + timedelta(days=rng.uniform(1, 60)) if roll > 0.99 else now - span * (n / max(count, 1)) - timedelta(minutes=rng.randint(1, 600))
            posts.append(Post(
                title=title, slug=f"{slugify(title)[:180]}-{offset + n}", description=fake_content.sentence(rng),
                body=body, body_html=html, reading_time=minutes, author=rng.choice(authors), status=status,
                publish_at=publish_at, comments_enabled=rng.random() > 0.05,
            ))
        posts = Post.objects.bulk_create(posts, batch_size=BATCH)
        links = [Post.tags.through(post_id=post.pk, tag_id=tag.pk) for post in posts
                 for tag in rng.sample(tags, min(len(tags), rng.randint(1, 4)))]
        Post.tags.through.objects.bulk_create(links, batch_size=BATCH * 5)
        self.stdout.write(f"Posts: {len(posts)} ({len(links)} tag links).")
        return posts

    def comment_counts(self, posts, total):
        """A few posts with long threads, most with a handful: weights skewed by a cube."""
        weights = [self.rng.random() ** 3 for _ in posts]
        scale = total / (sum(weights) or 1)
        counts = [int(weight * scale) for weight in weights]
        for n in range(total - sum(counts)):
            counts[n % len(counts)] += 1
        return counts

    def create_comments(self, posts, total):
        if not total or not posts:
            return
        rng = self.rng
        pool = [(body, render_comment_markdown(body)) for body in (fake_content.comment_body(rng) for _ in range(COMMENT_POOL))]
        statuses = [status for status, weight in STATUS_WEIGHTS for _ in range(weight)]
        levels = {1: [], 2: [], 3: []}  # (comment, index of parent in the level above or None)
        for post, count in zip(posts, self.comment_counts(posts, total)):
            at = post.publish_at
            mine = {1: [], 2: []}
            for _ in range(count):
                at += timedelta(minutes=rng.randint(3, 600))
                depth = 1 if not mine[1] or rng.random() < 0.55 else (2 if not mine[2] or rng.random() < 0.7 else 3)
                body, html = rng.choice(pool)
                name = fake_content.person(rng)
                comment = Comment(
                    post_id=post.pk, depth=depth, name=name, email=f"{slugify(name)}.{rng.randint(1, 999)}@example.com",
                    body=body, body_html=html, status=rng.choice(statuses), ip_network=f"203.0.113.{rng.randint(0, 255)}",
                    created_at=at, content_hash=hashlib.sha256(f"{post.pk}:{at.timestamp()}:{rng.random()}".encode()).hexdigest(),
                )
                parent = None if depth == 1 else rng.choice(mine[depth - 1])
                levels[depth].append((comment, parent))
                if depth < 3:
                    mine[depth].append(len(levels[depth]) - 1)
        created = []
        for depth in (1, 2, 3):
            rows = levels[depth]
            for comment, parent in rows:
                if parent is not None:
                    comment.parent_id = levels[depth - 1][parent][0].pk
            created.extend(Comment.objects.bulk_create([comment for comment, _ in rows], batch_size=BATCH))
        self.stdout.write(f"Comments: {len(created)}.")

    def index_for_search(self, posts):
        """The same weighted full-text vector Post.update_search_vector stores, for all new posts in one statement."""
        with connection.cursor() as cursor:
            cursor.execute(
                """
                UPDATE blog_post SET search_vector =
                    setweight(to_tsvector('english', title), 'A')
                    || setweight(to_tsvector('english', description), 'B')
                    || setweight(to_tsvector('english', regexp_replace(body_html, '<[^>]+>', ' ', 'g')), 'C')
                WHERE id BETWEEN %s AND %s
                """,
                [min(post.pk for post in posts), max(post.pk for post in posts)],
            )
            cursor.execute("ANALYZE blog_post; ANALYZE blog_comment; ANALYZE blog_post_tags;")
