"""HTTP caching and the page cache: anonymous pages are public with validators, revalidate to 304 without
rendering, are served from the cache, and are dropped at once when what they show changes."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog import content_version
from blog.models import Comment, Post, SiteSettings, Tag

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.DERIVED_CACHE_SECONDS = 3600


@pytest.fixture
def essay(make_post):
    return make_post("The cached essay", slug="cached-essay", tags=["craft"], body="First words.")


def max_age(response):
    return int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))


def test_anonymous_pages_are_public_with_validators(client, essay):
    for url in ("/", essay.get_absolute_url(), "/tags/craft/", "/rss.xml", "/archive/", "/sitemap.xml"):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = response["Cache-Control"]
        assert "public" in directives and "stale-while-revalidate=" in directives, url
        assert max_age(response) == 60, url
        assert response["ETag"].startswith('W/"'), url
        assert response["Last-Modified"].endswith("GMT"), url


def test_second_request_comes_from_the_cache(client, essay):
    first = client.get(essay.get_absolute_url())
    second = client.get(essay.get_absolute_url())
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["ETag"] == first["ETag"]


@pytest.mark.parametrize("url", ["/rss.xml", "/atom.xml", "/comments.xml", "/blog/cached-essay/", "/"])
def test_conditional_request_is_a_304_without_rendering(client, essay, url):
    etag = client.get(url)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert not response.templates, "a 304 must not render anything"
    assert len(queries) <= 1, [query["sql"] for query in queries]  # at most the content stamp
    assert response["ETag"] == etag


def test_if_modified_since_gets_a_304_too(client, essay):
    last_modified = client.get("/rss.xml")["Last-Modified"]
    assert client.get("/rss.xml", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_head_has_the_headers_and_no_body(client, essay):
    response = client.head(essay.get_absolute_url())
    assert response.status_code == 200 and response.content == b""
    assert "public" in response["Cache-Control"] and response["ETag"]


def test_editing_a_post_invalidates_at_once(client, essay, committed):
    url = essay.get_absolute_url()
    before = client.get(url)
    client.get(url)
    essay.title = "A retitled essay"
    committed(essay.save)
    after = client.get(url)
    assert after["X-Page-Cache"] == "miss"
    assert "A retitled essay" in after.content.decode()
    assert after["ETag"] != before["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_unpublishing_removes_the_post_everywhere(client, essay, committed):
    for url in ("/", essay.get_absolute_url(), "/rss.xml"):
        client.get(url)
    essay.status = Post.Status.DRAFT
    committed(essay.save)
    assert client.get(essay.get_absolute_url()).status_code == 404
    assert "The cached essay" not in client.get("/").content.decode()
    assert "The cached essay" not in client.get("/rss.xml").content.decode()


def test_publishing_a_post_shows_it_on_the_home_page(client, essay, make_post, committed):
    client.get("/")
    committed(lambda: make_post("A brand new essay", slug="brand-new"))
    assert "A brand new essay" in client.get("/").content.decode()


def approved_comment(post, status=Comment.Status.PENDING):
    comment = Comment(post=post, name="Rae", email="rae@example.com", body="Zebras are lovely.", status=status)
    comment.save()
    return comment


def test_comment_approval_and_removal_show_at_once(client, essay, committed):
    comment = approved_comment(essay)
    url = essay.get_absolute_url()
    client.get(url)
    assert "Zebras are lovely." not in client.get(url).content.decode()
    committed(lambda: comment.moderate(Comment.Status.APPROVED))
    assert "Zebras are lovely." in client.get(url).content.decode()
    assert "Zebras are lovely." in client.get("/comments.xml").content.decode()
    committed(lambda: comment.moderate(Comment.Status.REMOVED))
    assert "Zebras are lovely." not in client.get(url).content.decode()


def test_tag_site_settings_and_author_changes_show_at_once(client, essay, committed):
    client.get("/tags/craft/")
    client.get("/")
    tag = Tag.objects.get(slug="craft")
    tag.name = "Craftsmanship"
    committed(tag.save)
    assert "Craftsmanship" in client.get("/tags/craft/").content.decode()
    site = SiteSettings.load()
    site.title = "The Renamed Journal"
    committed(site.save)
    assert "The Renamed Journal" in client.get("/").content.decode()
    assert "The Renamed Journal" in client.get("/rss.xml").content.decode()
    author = essay.author
    author.display_name = "Wren Renamed"
    committed(author.save)
    assert "Wren Renamed" in client.get(essay.get_absolute_url()).content.decode()


def test_signing_in_does_not_invalidate_the_cache(client, essay, committed, django_user_model):
    django_user_model.objects.create_user("reader", "reader@example.com", "a-long-test-password")
    stamp = content_version.read()
    committed(lambda: Client().login(username="reader", password="a-long-test-password"))
    assert content_version.read() == stamp


def test_a_scheduled_post_appears_on_time_and_nothing_is_cached_past_it(client, essay, make_post, committed):
    committed(lambda: make_post("The scheduled essay", slug="scheduled", days=0.5 / 24))  # in 30 minutes
    home = client.get("/")
    assert "The scheduled essay" not in home.content.decode()
    assert max_age(home) == 60
    with time_machine.travel(timezone.now() + timedelta(minutes=29, seconds=30)):
        near = client.get("/")
        assert max_age(near) <= 30, near["Cache-Control"]
        assert "stale-while-revalidate=0" in near["Cache-Control"]
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        later = client.get("/")
        assert "The scheduled essay" in later.content.decode()
        assert later["ETag"] != home["ETag"]
        assert client.get("/", HTTP_IF_NONE_MATCH=home["ETag"]).status_code == 200


def test_signed_in_readers_never_get_or_leave_cached_pages(client, essay, django_user_model):
    django_user_model.objects.create_user("reader", "reader@example.com", "a-long-test-password",
                                          display_name="Rae Reader")
    url = essay.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    reader = Client()
    reader.login(username="reader", password="a-long-test-password")
    personal = reader.get(url)
    assert "X-Page-Cache" not in personal and "private" in personal["Cache-Control"]
    assert "Rae Reader" in personal.content.decode()
    assert reader.get(url, HTTP_IF_NONE_MATCH=personal.get("ETag", "*")).status_code == 200
    anonymous = client.get(url)
    assert anonymous["X-Page-Cache"] == "hit" and "Rae Reader" not in anonymous.content.decode()


def test_staff_previews_are_never_cached(client, make_post, django_user_model):
    draft = make_post("A secret draft", slug="secret-draft", status=Post.Status.DRAFT)
    client.force_login(draft.author.__class__.objects.create_superuser("boss", "boss@example.com", "pw-long-enough"))
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "X-Page-Cache" not in response
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_comment_authors_see_their_own_page(client, essay, settings):
    from django.core import signing

    from blog.comment_readers import AUTHOR_COOKIE_SALT

    client.get(essay.get_absolute_url())
    signer = signing.get_cookie_signer(salt=settings.COMMENTS_AUTHOR_COOKIE + AUTHOR_COOKIE_SALT)
    client.cookies["quire_commenter"] = signer.sign("12")
    response = client.get(essay.get_absolute_url())
    assert response.status_code == 200 and "X-Page-Cache" not in response


def test_posts_and_responses_that_set_cookies_are_not_stored(client, essay):
    login_page = client.get("/accounts/login/")
    assert "csrftoken" in login_page.cookies
    assert "X-Page-Cache" not in login_page and "public" not in login_page.get("Cache-Control", "")
    response = client.post(f"{essay.get_absolute_url()}comments/", {"body": "hi"})
    assert "X-Page-Cache" not in response


def test_unknown_query_parameters_are_rendered_not_stored(client, essay):
    response = client.get("/?utm_source=newsletter")
    assert response.status_code == 200 and "X-Page-Cache" not in response
    assert "public" in response["Cache-Control"]


def test_page_cache_off_still_sends_validators(client, essay, settings):
    settings.PAGE_CACHE_SECONDS = 0
    response = client.get("/")
    assert "X-Page-Cache" not in response and response["ETag"]
    assert client.get("/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_pages_work_while_redis_is_unreachable(client, essay, settings):
    settings.CACHES = {"default": {"BACKEND": "config.cache.ResilientRedisCache", "LOCATION": "redis://127.0.0.1:9/0",
                                   "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}}}
    for url in ("/", essay.get_absolute_url(), "/rss.xml", "/tags/"):
        assert client.get(url).status_code == 200, url


def test_lists_count_their_posts_once_per_change(client, essay, make_post, committed, settings):
    settings.PAGE_CACHE_SECONDS = 0
    urls = ("/", "/tags/craft/", "/sitemap.xml", "/tags/")
    for url in urls:
        client.get(url)
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        totals = ('AS "__count"', 'AS "live_count"')  # counting posts, or posts per tag
        assert not [query["sql"] for query in queries if any(total in query["sql"] for total in totals)], url

    committed(lambda: make_post("A second craft essay", slug="second-craft", tags=["craft"]))
    assert "2 essays" in client.get("/tags/").content.decode()
    assert "A second craft essay" in client.get("/tags/craft/").content.decode()
    assert client.get("/tags/nothing-here/").status_code == 404


def test_a_comment_first_after_a_scheduled_time_still_publishes_the_post(client, essay, make_post, committed, settings):
    """The first change after a post's time may be a comment approved in the admin: the post goes live all the same,
    in the lists kept once per change of the essays."""
    settings.PAGE_CACHE_SECONDS = 0
    committed(lambda: make_post("Due at dawn", slug="due-at-dawn", tags=["dawn"], days=10 / (24 * 60)))
    assert "dawn" not in client.get("/tags/").content.decode()  # the tag index is now kept
    comment = approved_comment(essay)
    with time_machine.travel(timezone.now() + timedelta(minutes=20)):  # kept aggregates have not expired yet
        committed(lambda: comment.moderate(Comment.Status.APPROVED))  # before any page is read
        assert ">dawn</a>" in client.get("/tags/").content.decode()
        assert "Due at dawn" in client.get("/tags/dawn/").content.decode()


def test_links_that_act_when_followed_are_all_kept_out_of_the_cache():
    """blog/page_cache.py lists them by path: a URL moved in the URLconf must move there too."""
    from django.urls import reverse

    from blog.page_cache import ACTION_LINK_PREFIXES

    for url in (reverse("blog:comment-unsubscribe"), reverse("accounts:verify-email", args=["any-token"])):
        assert url.startswith(ACTION_LINK_PREFIXES), url
