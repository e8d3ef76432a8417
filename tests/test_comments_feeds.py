"""Atom feeds of approved comments: per post at /blog/<slug>/comments.xml and site-wide at /comments.xml."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from blog.models import Comment, Post

pytestmark = pytest.mark.django_db


def add(post, body, status="approved", minutes_ago=10, **fields):
    return Comment.objects.create(
        post=post,
        name=fields.pop("name", "Reader"),
        email="r@example.com",
        body=body,
        status=status,
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
        **fields,
    )


@pytest.fixture
def discussed(make_post):
    post = make_post("Discussed & debated", slug="discussed")
    add(post, "Older *approved*", minutes_ago=20, website="https://reader.example")
    add(post, "Newer approved", minutes_ago=5)
    add(post, "Held back", status="pending")
    add(post, "Spammy", status="spam")
    add(post, "Taken down", status="removed")
    return post


def test_post_comment_feed_lists_approved_comments_newest_first(client, discussed):
    response = client.get("/blog/discussed/comments.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0
    assert feed.feed.title == "Comments on “Discussed & debated”"
    assert [entry.summary for entry in feed.entries] == ["Newer approved", "Older approved"]
    older = feed.entries[1]
    assert older.content[0].value == "<p>Older <em>approved</em></p>"
    assert (
        older.link == f"https://quire.test/blog/discussed/#comment-{Comment.objects.get(body__startswith='Older').pk}"
    )
    assert older.author_detail.name == "Reader" and older.author_detail.href == "https://reader.example"
    assert "r@example.com" not in response.content.decode()


def test_site_comment_feed_covers_live_posts_only(client, discussed, make_post):
    draft = make_post("Unpublished", slug="unpublished", status=Post.Status.DRAFT)
    add(draft, "On a draft")
    scheduled = make_post("Later", slug="later", days=3)
    add(scheduled, "On a scheduled post")
    feed = feedparser.parse(client.get("/comments.xml").content)
    assert feed.bozo == 0
    assert [entry.summary for entry in feed.entries] == ["Newer approved", "Older approved"]
    assert feed.entries[0].title == "Reader on “Discussed & debated”"


@pytest.mark.parametrize("slug", ["unpublished", "later", "no-such-post"])
def test_post_comment_feed_is_404_unless_the_post_is_live(client, make_post, slug):
    make_post(slug="unpublished", status=Post.Status.DRAFT)
    make_post(slug="later", days=3)
    assert client.get(f"/blog/{slug}/comments.xml").status_code == 404


def test_empty_feeds_are_valid(client, make_post):
    make_post(slug="quiet")
    for url in ("/blog/quiet/comments.xml", "/comments.xml"):
        feed = feedparser.parse(client.get(url).content)
        assert feed.bozo == 0 and feed.entries == []


def test_post_page_advertises_its_comment_feed(client, discussed):
    page = client.get("/blog/discussed/").content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Comments on Discussed &amp; debated" href="https://quire.test/blog/discussed/comments.xml">'
        in page
    )
