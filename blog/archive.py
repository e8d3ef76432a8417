"""The archive at a bounded cost: the newest posts by year and month, an index of years, and one year's posts a
page at a time."""

from itertools import groupby

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils import timezone

from blog import derived
from blog.models import Post

RECENT_POSTS = 100  # /archive/ lists this many, newest first; older ones are reached through the years
YEAR_PAGE_SIZE = 100


def archive_posts():
    return Post.objects.live().newest_first().only("title", "slug", "publish_at")


def by_year_and_month(posts):
    """[(year, [(first day of month, [posts])])], in the site's time zone, in the order given."""
    dated = [(timezone.localtime(post.publish_at).date().replace(day=1), post) for post in posts]
    return [
        (year, [(month, [post for _, post in items]) for month, items in groupby(year_items, key=lambda i: i[0])])
        for year, year_items in groupby(dated, key=lambda item: item[0].year)
    ]


def years_with_counts():
    """[(year, number of live posts)], newest year first: one aggregate query, once per change of content."""

    def count():
        rows = (
            Post.objects.live().annotate(year=ExtractYear("publish_at")).order_by().values("year")
            .annotate(count=Count("pk")).order_by("-year")
        )
        return [(row["year"], row["count"]) for row in rows]

    return derived.once_per_stamp("archive-years", count)
