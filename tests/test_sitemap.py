"""The sitemap lists exactly the public pages, with absolute URLs; robots.txt points search engines at it."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from blog.models import Post

pytestmark = pytest.mark.django_db

SITE = "https://quire.test"
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_entries(client):
    """Every URL in every sitemap that the index at /sitemap.xml lists."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert index["Content-Type"].startswith("application/xml")
    root = ET.fromstring(index.content)
    assert root.tag == f"{NS}sitemapindex"
    entries = {}
    for location in (sitemap.findtext(f"{NS}loc") for sitemap in root.findall(f"{NS}sitemap")):
        assert location.startswith(f"{SITE}/sitemap-"), location
        response = client.get(location.removeprefix(SITE))
        assert response.status_code == 200
        page = ET.fromstring(response.content)
        assert page.tag == f"{NS}urlset"
        entries.update({url.findtext(f"{NS}loc"): url.findtext(f"{NS}lastmod") for url in page.findall(f"{NS}url")})
    return entries


@pytest.fixture
def posts(make_post):
    live = make_post("Live", slug="live-post", days=-3, tags=["gardening"])
    older = make_post("Older", slug="older-post", days=-30, tags=["gardening", "history"])
    draft = make_post("Draft", slug="draft-post", status=Post.Status.DRAFT, tags=["secret-drafts"])
    scheduled = make_post("Later", slug="scheduled-post", days=4, tags=["coming-soon"])
    return live, older, draft, scheduled


def test_lists_live_posts_with_absolute_urls_and_lastmod(client, posts):
    live, older, draft, scheduled = posts
    entries = sitemap_entries(client)
    for post in (live, older):
        url = f"{SITE}/blog/{post.slug}/"
        assert url in entries
        assert entries[url] == timezone.localtime(max(post.updated_at, post.publish_at)).date().isoformat()


def test_every_location_is_absolute_on_site_url(client, posts):
    for url in sitemap_entries(client):
        assert url.startswith(SITE + "/"), url


def test_drafts_and_scheduled_posts_are_left_out(client, posts):
    text = "".join(client.get(f"/sitemap-{section}.xml").content.decode() for section in ("pages", "posts", "tags"))
    assert "draft-post" not in text and "scheduled-post" not in text
    assert "secret-drafts" not in text and "coming-soon" not in text


def test_lists_tags_with_live_posts_dated_by_their_newest_live_post(client, posts):
    live, older, draft, scheduled = posts
    entries = sitemap_entries(client)
    assert entries[f"{SITE}/tags/gardening/"] == timezone.localtime(live.publish_at).date().isoformat()
    assert entries[f"{SITE}/tags/history/"] == timezone.localtime(older.publish_at).date().isoformat()


def test_lists_the_fixed_pages(client, posts):
    entries = sitemap_entries(client)
    for path in ("/", "/tags/", "/archive/"):
        assert f"{SITE}{path}" in entries


def test_exact_set_of_urls(client, posts):
    assert set(sitemap_entries(client)) == {
        f"{SITE}/", f"{SITE}/tags/", f"{SITE}/archive/",
        f"{SITE}/blog/live-post/", f"{SITE}/blog/older-post/",
        f"{SITE}/tags/gardening/", f"{SITE}/tags/history/",
    }


def test_a_revised_post_shows_its_new_lastmod(client, make_post):
    post = make_post(slug="edited", days=-20)
    with_later_edit = timezone.now() + timedelta(days=2)
    with time_machine.travel(with_later_edit):
        post.body = "A substantive rewrite."
        post.save()
        assert sitemap_entries(client)[f"{SITE}/blog/edited/"] == timezone.localtime(with_later_edit).date().isoformat()


def test_empty_site_sitemap_has_only_fixed_pages(client):
    assert set(sitemap_entries(client)) == {f"{SITE}/", f"{SITE}/tags/", f"{SITE}/archive/"}


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines


def test_sitemap_index_redirects_permanently(client):
    response = client.get("/sitemap-index.xml")
    assert response.status_code == 301
    assert response["Location"] in ("/sitemap.xml", f"{SITE}/sitemap.xml")
