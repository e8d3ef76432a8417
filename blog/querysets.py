"""Chainable querysets. `Post.objects.live()` is the one definition of what the public may see."""

from django.db import connection, models
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200
SEARCH_CANDIDATES = 200  # matches ranked for one search, the newest first


class PostQuerySet(models.QuerySet):
    def live(self):
        """Published posts whose publish time has passed: what every public page, feed and sitemap shows."""
        return self.filter(status=self.model.Status.PUBLISHED, publish_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status=self.model.Status.PUBLISHED, publish_at__gt=timezone.now())

    def drafts(self):
        return self.filter(status=self.model.Status.DRAFT)

    def newest_first(self):
        return self.order_by("-publish_at", "-pk")

    def for_listing(self):
        """What a list of posts shows (title, summary, tags, author), without the heavy body columns."""
        return (
            self.select_related("author")
            .prefetch_related("tags")
            .defer("body", "body_html", "search_vector")
            .with_comment_counts()
            .newest_first()
        )

    def with_comment_counts(self):
        """Posts annotated with `comment_count`, their approved comments, counted in the same query."""
        from blog.models.comments import Comment

        approved = (
            Comment.objects.filter(post=models.OuterRef("pk"), status=Comment.Status.APPROVED)
            .order_by()
            .values("post")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(comment_count=Coalesce(models.Subquery(approved), 0))

    def editable_by(self, user):
        """The posts `user` may edit: every post with `edit_others_posts`, else their own (see Post.editable_by)."""
        if not may_change_posts(user):
            return self.none()
        return self if user.has_perm("blog.edit_others_posts") else self.filter(author=user)

    def related_to(self, post, limit=3):
        """Other posts sharing the most tags with `post`, newest first among equals."""
        return (
            self.exclude(pk=post.pk)
            .filter(tags__in=post.tags.all())
            .annotate(shared_tags=Count("tags"))
            .order_by("-shared_tags", "-publish_at", "-pk")
            .only("title", "slug", "publish_at", "description")[:limit]
        )

    def search(self, query):
        """Posts matching `query`, best first: ranked full-text search on PostgreSQL, a word match elsewhere."""
        # PostgreSQL text cannot hold NUL; a query carrying one is treated as if it were a space.
        query = (query or "").replace("\x00", " ").strip()[:MAX_QUERY_LENGTH]
        if not query:
            return self.none()
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchRank

            search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
            # Ranking reads each match's whole vector: only the newest SEARCH_CANDIDATES matches are ranked, so a
            # common word costs the same with ten thousand posts as with a hundred.
            newest = self.filter(search_vector=search_query).order_by("-publish_at", "-pk").values("pk")
            return (
                self.filter(pk__in=models.Subquery(newest[:SEARCH_CANDIDATES]))
                .annotate(rank=SearchRank(models.F("search_vector"), search_query))
                .order_by("-rank", "-publish_at", "-pk")
            )
        matches = self
        for word in query.split()[:10]:
            matches = matches.filter(Q(title__icontains=word) | Q(description__icontains=word) | Q(body__icontains=word))
        return matches.newest_first()


class TagQuerySet(models.QuerySet):
    def with_live_counts(self):
        """Tags annotated with `live_count`, the number of live posts carrying them; tags with none are left out."""
        from blog.models import Post

        live_posts = Q(posts__status=Post.Status.PUBLISHED, posts__publish_at__lte=timezone.now())
        return self.annotate(live_count=Count("posts", filter=live_posts)).filter(live_count__gt=0).order_by("name")


def may_change_posts(user):
    """Staff allowed to change posts at all (their own, at least)."""
    return user.is_authenticated and user.is_staff and user.has_perm("blog.change_post")
