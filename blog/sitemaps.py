"""Sitemap of live posts, tags with live posts, and the fixed pages, with absolute URLs from SITE_URL."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from blog.models import Post, Tag


class SiteUrlSitemap(Sitemap):
    limit = 5000

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        parts = urlsplit(settings.SITE_URL)
        return parts.netloc + parts.path


class PostSitemap(SiteUrlSitemap):
    changefreq = "monthly"

    def items(self):
        return Post.objects.live().only("slug", "updated_at", "publish_at").order_by("-publish_at", "-pk")

    def lastmod(self, post):
        return max(post.updated_at, post.publish_at)


class TagSitemap(SiteUrlSitemap):
    changefreq = "weekly"

    def items(self):
        live = Q(posts__status=Post.Status.PUBLISHED, posts__publish_at__lte=timezone.now())
        return (
            Tag.objects.with_live_counts()
            .annotate(newest=Max("posts__publish_at", filter=live))
            .only("slug")
        )

    def lastmod(self, tag):
        return tag.newest


class PageSitemap(SiteUrlSitemap):
    changefreq = "daily"

    def items(self):
        return ["blog:home", "blog:tags", "blog:archive"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "posts": PostSitemap, "tags": TagSitemap}
