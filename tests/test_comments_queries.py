"""Comments cost a constant number of queries: the post page with 0, 10 or 200 comments, and post lists."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from blog.comment_markdown import render_comment_markdown
from blog.models import Comment
from tests.comment_support import clock, make_commenter  # noqa: F401

pytestmark = pytest.mark.django_db


def add_thread(post, count):
    """`count` comments in threads three deep, with removed comments that keep their replies, and spam."""
    quarter = count // 4
    top = Comment.objects.bulk_create(
        Comment(
            post=post,
            name=f"R{n}",
            email=f"r{n}@example.com",
            body=f"Comment {n}",
            body_html=render_comment_markdown(f"Comment {n}"),
            status="removed" if n % 5 == 0 else "approved",
            content_hash=f"{post.pk}-top-{n}",
        )
        for n in range(count - 2 * quarter)
    )
    second = Comment.objects.bulk_create(
        Comment(
            post=post,
            parent=parent,
            depth=2,
            name="S",
            email="s@example.com",
            body="Reply",
            body_html="<p>Reply</p>",
            status="approved",
            content_hash=f"{post.pk}-second-{parent.pk}",
        )
        for parent in top[:quarter]
    )
    Comment.objects.bulk_create(
        Comment(
            post=post,
            parent=parent,
            depth=3,
            name="T",
            email="t@example.com",
            body="Deep",
            body_html="<p>Deep</p>",
            status="spam" if i % 3 == 0 else "approved",
            content_hash=f"{post.pk}-third-{parent.pk}",
        )
        for i, parent in enumerate(second[:quarter])
    )
    assert Comment.objects.filter(post=post).count() == count


def queries_for(client, url):
    client.get(url)  # the first request of a test also loads the cached site settings
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize("reader", ["anonymous", "author-with-cookie"])
def test_post_page_query_count_does_not_grow_with_comments(make_post, make_commenter, reader):
    counts, pages = [], []
    for size in (0, 10, 200):
        post = make_post(slug=f"size-{size}")
        add_thread(post, size)
        client = Client()
        if reader == "author-with-cookie":
            author = make_commenter()
            author.comment(post, body="My own held comment", email=f"me{size}@example.com")
            client = author.client
        count, response = queries_for(client, post.get_absolute_url())
        counts.append(count)
        pages.append(response.content.decode())
    assert counts[0] == counts[1] == counts[2], counts
    assert pages[2].count('class="comment__body"') > 150


def test_post_lists_show_counts_at_a_constant_query_count(make_post):
    posts = [make_post(slug=f"listed-{n}", tags=["shared"]) for n in range(3)]
    before = {url: queries_for(Client(), url)[0] for url in ("/", "/tags/shared/", "/search/?q=essay")}
    add_thread(posts[0], 10)
    add_thread(posts[1], 40)
    for url, count in before.items():
        after, response = queries_for(Client(), url)
        assert after == count, url
        page = response.content.decode()
        approved = Comment.objects.filter(post=posts[1], status="approved").count()
        assert f'href="/blog/listed-1/#comments">{approved} comments</a>' in page, url
