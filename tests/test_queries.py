"""Public pages and feeds cost the same number of database queries however many posts and tags there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

TAGS = ["craft", "web", "writing"]


def queries_for(client, url):
    """Queries one request costs once per-process caches (the site settings) are warm."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries), captured


def add_posts(make_post, count, start=0):
    return [
        make_post(f"Zebra essay {n}", slug=f"essay-{n}", days=-(n + 1), tags=TAGS, hero=True, body=f"Zebra {n}.")
        for n in range(start, start + count)
    ]


def assert_constant(client, make_post, url, *, small=1, large=30, ceiling):
    add_posts(make_post, small)
    few, _ = queries_for(client, url)
    add_posts(make_post, large - small, start=small)
    many, captured = queries_for(client, url)
    detail = "\n".join(query["sql"] for query in captured.captured_queries)
    assert many == few, f"{url}: {few} queries with {small} posts, {many} with {large}\n{detail}"
    assert many <= ceiling, f"{url}: {many} queries\n{detail}"


@pytest.mark.parametrize(
    ("url", "ceiling"),
    [
        ("/", 8),
        ("/?page=2", 8),
        ("/tags/craft/", 8),
        ("/archive/", 6),
        ("/search/?q=zebra", 8),
        ("/rss.xml", 6),
        ("/atom.xml", 6),
        ("/tags/craft/rss.xml", 6),
        ("/sitemap.xml", 6),
        ("/sitemap-posts.xml", 5),
        ("/sitemap-tags.xml", 4),
        ("/comments.xml", 4),
    ],
)
def test_list_pages_and_feeds_cost_the_same_for_one_post_or_thirty(client, make_post, url, ceiling):
    small = 11 if "page=2" in url else 1
    assert_constant(client, make_post, url, small=small, large=30, ceiling=ceiling)


def test_tag_index_costs_the_same_for_one_tag_or_fifteen(client, make_post):
    make_post(slug="first", tags=["tag-0"])
    few, _ = queries_for(client, "/tags/")
    for n in range(1, 15):
        make_post(slug=f"post-{n}", tags=[f"tag-{n}", "tag-0"])
    many, _ = queries_for(client, "/tags/")
    assert many == few <= 4


def test_post_page_costs_the_same_with_one_tag_or_ten(client, make_post):
    neighbours = [make_post(f"Neighbour {n}", slug=f"neighbour-{n}", days=-(n + 2), tags=["tag-0"], hero=True)
                  for n in range(5)]
    post = make_post("The essay", slug="the-essay", days=-1, tags=["tag-0"], hero=True)
    assert neighbours
    few, _ = queries_for(client, post.get_absolute_url())
    post.tags.add(*[make_post(slug=f"tagger-{n}", days=-30, tags=[f"tag-{n}"]).tags.get() for n in range(1, 10)])
    assert post.tags.count() == 10
    many, captured = queries_for(client, post.get_absolute_url())
    detail = "\n".join(query["sql"] for query in captured.captured_queries)
    assert many == few, f"{few} queries with 1 tag, {many} with 10\n{detail}"
    assert many <= 12, detail


def test_post_page_cost_does_not_grow_with_the_archive(client, make_post):
    post = make_post("The essay", slug="the-essay", days=-0.5, tags=TAGS, hero=True)
    add_posts(make_post, 2)
    few, _ = queries_for(client, post.get_absolute_url())
    add_posts(make_post, 28, start=2)
    many, _ = queries_for(client, post.get_absolute_url())
    assert many == few


def test_archive_year_page_costs_the_same_for_one_post_or_thirty(client, make_post):
    from django.utils import timezone

    year = timezone.localtime().year
    add_posts(make_post, 1)
    url = f"/archive/{year}/"
    few, _ = queries_for(client, url)
    add_posts(make_post, 29, start=1)
    many, captured = queries_for(client, url)
    assert many == few <= 4, "\n".join(query["sql"] for query in captured.captured_queries)


def test_post_page_costs_the_same_with_one_comment_or_forty(client, make_post):
    from blog.models import Comment

    post = make_post("Discussed", slug="discussed", tags=TAGS)

    def comment(parent=None):
        reply = Comment(post=post, name="Rae", email="rae@example.com", body="Yes.", status=Comment.Status.APPROVED)
        reply.attach_to(parent)
        reply.save()
        return reply

    first = comment()
    few, _ = queries_for(client, post.get_absolute_url())
    for n in range(13):
        comment(comment(comment(first if n % 2 else None)))
    many, captured = queries_for(client, post.get_absolute_url())
    assert many == few, "\n".join(query["sql"] for query in captured.captured_queries)
