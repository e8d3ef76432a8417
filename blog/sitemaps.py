"""Sitemaps of live posts (a page per POSTS_PER_SITEMAP), tags with live posts and the fixed pages, with absolute
URLs from SITE_URL, and the sitemap index at /sitemap.xml that lists every page of them."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.db.models import Max, Q
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from blog import derived
from blog.absolute import absolute_url
from blog.models import Post, Tag


POSTS_PER_SITEMAP = 500


class SiteUrlSitemap(Sitemap):
    limit = 5000

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        parts = urlsplit(settings.SITE_URL)
        return parts.netloc + parts.path


class PostSitemap(SiteUrlSitemap):
    changefreq = "monthly"
    limit = POSTS_PER_SITEMAP

    def get_latest_lastmod(self):
        def newest():
            dates = Post.objects.live().aggregate(updated=Max("updated_at"), published=Max("publish_at"))
            return [max(filter(None, dates.values()), default=None)]

        return derived.once_per_stamp("sitemap-posts-lastmod", newest)[0]

    def items(self):
        return Post.objects.live().only("slug", "updated_at", "publish_at").order_by("-publish_at", "-pk")

    @property
    def paginator(self):
        return derived.with_known_count(super().paginator, derived.live_post_count())

    def lastmod(self, post):
        return max(post.updated_at, post.publish_at)


class TagSitemap(SiteUrlSitemap):
    changefreq = "weekly"

    def items(self):
        def tags():
            live = Q(posts__status=Post.Status.PUBLISHED, posts__publish_at__lte=timezone.now())
            return list(Tag.objects.with_live_counts().annotate(newest=Max("posts__publish_at", filter=live)).only("slug"))

        return derived.once_per_stamp("sitemap-tags", tags)

    def lastmod(self, tag):
        return tag.newest

    def get_latest_lastmod(self):
        return derived.once_per_stamp(
            "sitemap-tags-lastmod", lambda: Post.objects.live().aggregate(newest=Max("publish_at"))["newest"]
        )


class PageSitemap(SiteUrlSitemap):
    changefreq = "daily"

    def items(self):
        return ["blog:home", "blog:tags", "blog:archive"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "posts": PostSitemap, "tags": TagSitemap}


def sitemap_index(request):
    """/sitemap.xml: every page of every section, as absolute URLs on SITE_URL, in templates/sitemap_index.xml
    (Django's, without `spaceless`). Its lines grow with the number of posts, so it is rendered once per change of
    the essays (a constant number of queries, and a constant cost per request from then on)."""
    def render():
        entries = []
        for section, sitemap_class in SITEMAPS.items():
            sitemap = sitemap_class()
            location = absolute_url(reverse("sitemap-section", kwargs={"section": section}))
            lastmod = sitemap.get_latest_lastmod()
            lastmod = timezone.localtime(lastmod).isoformat() if lastmod else None  # formatted once for its pages
            entries.append(SitemapIndexItem(location, lastmod))
            pages = range(2, sitemap.paginator.num_pages + 1)
            entries += [SitemapIndexItem(f"{location}?p={page}", lastmod) for page in pages]
        return render_to_string("sitemap_index.xml", {"sitemaps": entries})

    return HttpResponse(derived.once_per_stamp("sitemap-index", render), content_type="application/xml")
