"""A draft and a scheduled post are absent from every public surface; the scheduled one appears on time."""

from datetime import timedelta

import feedparser
import pytest
import time_machine
from django.utils import timezone

from blog.models import Post

pytestmark = pytest.mark.django_db

PUBLIC_LISTS = ["/", "/tags/", "/tags/shared/", "/archive/", "/search/?q=zebra", "/sitemap-posts.xml"]
FEEDS = ["/rss.xml", "/atom.xml", "/tags/shared/rss.xml"]


@pytest.fixture
def three_posts(make_post):
    live = make_post("Live zebra essay", slug="live-essay", days=-2, tags=["shared"], body="A zebra walks.")
    draft = make_post("Draft zebra essay", slug="draft-essay", days=-1, status=Post.Status.DRAFT, tags=["shared"], body="A zebra hides.")
    scheduled = make_post("Scheduled zebra essay", slug="scheduled-essay", days=3, tags=["shared"], body="A zebra waits.")
    return live, draft, scheduled


def surfaces_text(client):
    pages = {url: client.get(url) for url in PUBLIC_LISTS + FEEDS}
    for url, response in pages.items():
        assert response.status_code == 200, url
    return {url: response.content.decode() for url, response in pages.items()}


def test_only_live_posts_appear_anywhere(client, three_posts):
    live, draft, scheduled = three_posts
    for url, text in surfaces_text(client).items():
        if url != "/tags/":
            assert "live-essay" in text, url
        assert "draft-essay" not in text, url
        assert "scheduled-essay" not in text, url
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_hidden_posts_are_not_previous_next_or_related(client, three_posts):
    live, draft, scheduled = three_posts
    page = client.get(live.get_absolute_url()).content.decode()
    assert "Draft zebra essay" not in page and "Scheduled zebra essay" not in page


def test_tag_list_counts_only_live_posts(client, three_posts):
    response = client.get("/tags/")
    assert [(tag.slug, tag.live_count) for tag in response.context["tags"]] == [("shared", 1)]


def test_scheduled_post_appears_everywhere_once_its_time_passes(client, three_posts):
    live, draft, scheduled = three_posts
    with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
        assert client.get(scheduled.get_absolute_url()).status_code == 200
        for url, text in surfaces_text(client).items():
            if url != "/tags/":
                assert "scheduled-essay" in text, url
            assert "draft-essay" not in text, url
        assert client.get(live.get_absolute_url()).context["next_post"] == scheduled
        assert [tag.live_count for tag in client.get("/tags/").context["tags"]] == [2]
        feed = feedparser.parse(client.get("/rss.xml").content)
        assert [entry.title for entry in feed.entries] == ["Scheduled zebra essay", "Live zebra essay"]


def test_a_tag_with_only_hidden_posts_is_not_public(client, make_post):
    make_post(slug="secret", status=Post.Status.DRAFT, tags=["secret-tag"])
    assert b"secret-tag" not in client.get("/tags/").content
    assert client.get("/tags/secret-tag/").status_code == 404
    assert client.get("/tags/secret-tag/rss.xml").status_code == 404


def test_live_queryset_is_the_definition(make_post):
    make_post(slug="a", days=-1)
    make_post(slug="b", days=1)
    make_post(slug="c", days=-1, status=Post.Status.DRAFT)
    assert list(Post.objects.live().values_list("slug", flat=True)) == ["a"]
    assert list(Post.objects.scheduled().values_list("slug", flat=True)) == ["b"]
    assert list(Post.objects.drafts().values_list("slug", flat=True)) == ["c"]
