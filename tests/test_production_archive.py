"""The archive stays cheap with thousands of posts: the newest ones by month, every year with its count, and a
page per year (a hundred posts at a time)."""

import pytest
from django.core.management import call_command

from blog.models import Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_posts():
    call_command("generate_fake", "--posts", "260", "--comments", "0", "--years", "3", "--seed", "5", verbosity=0)
    return Post.objects.live()


def test_archive_lists_the_newest_hundred_and_every_year(client, many_posts):
    page = client.get("/archive/").content.decode()
    newest = list(many_posts.newest_first()[:101])
    assert newest[99].title in page and f'href="{newest[100].get_absolute_url()}"' not in page
    for year in {post.publish_at.year for post in many_posts}:
        assert f'href="/archive/{year}/"' in page
    assert f"{many_posts.count()} essays" in page


def test_a_year_page_lists_that_year_a_hundred_at_a_time(client, many_posts):
    year = many_posts.newest_first()[150].publish_at.year
    in_year = many_posts.filter(publish_at__year=year).newest_first()
    first = client.get(f"/archive/{year}/")
    assert first.status_code == 200
    text = first.content.decode()
    assert in_year[0].title in text and f"{in_year.count()} essays" in text
    if in_year.count() > 100:
        assert f'href="{in_year[100].get_absolute_url()}"' not in text
        assert in_year[100].get_absolute_url() in client.get(f"/archive/{year}/?page=2").content.decode()


@pytest.mark.parametrize("url", ["/archive/1999/", "/archive/2024/?page=99", "/archive/2024/?page=x"])
def test_empty_years_and_bad_pages_are_404(client, many_posts, url):
    assert client.get(url).status_code == 404



def test_search_ranks_only_the_newest_matches_and_says_so(client, many_posts):
    from django.db import connection

    from blog.querysets import SEARCH_CANDIDATES

    if connection.vendor != "postgresql":
        pytest.skip("ranked full-text search is PostgreSQL's")
    response = client.get("/search/", {"q": "reader"})  # in nearly every fake essay's body
    assert response.status_code == 200
    assert response.context["paginator"].count == SEARCH_CANDIDATES
    assert f"More than {SEARCH_CANDIDATES} essays match" in response.content.decode()
