"""What accounts change on public pages: the header (log in, or the reader's name and menu) without making
anonymous pages uncacheable, public author pages, and the byline and author box under essays."""

import json
import re

import feedparser
import pytest

from tests.account_support import reader  # noqa: F401

pytestmark = pytest.mark.django_db


class TestHeader:
    def test_anonymous_page_has_a_log_in_link_back_to_it_and_no_cookie(self, client, make_post):
        make_post()
        response = client.get("/tags/?x=1")
        html = response.content.decode()
        login_link = '<a class="account-nav__login" href="/accounts/login/?next=%2Ftags%2F%3Fx%3D1" rel="nofollow">'
        assert f"{login_link}Log in</a>" in html
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", "")
        assert "private" not in response.get("Cache-Control", "")

    @pytest.mark.parametrize("path", ["/", "/archive/", "/no-such-page/"])
    def test_anonymous_pages_set_no_cookie_and_do_not_vary_on_it(self, client, make_post, path):
        post = make_post()
        for url in (path, post.get_absolute_url()):
            response = client.get(url)
            assert not response.cookies, url
            assert "Cookie" not in response.get("Vary", ""), url
            assert "csrfmiddlewaretoken" not in response.content.decode(), url

    def test_signed_in_reader_sees_their_name_and_a_menu_and_the_page_is_private(self, client, reader, make_post):
        post = make_post()
        client.force_login(reader)
        for url in ("/", post.get_absolute_url(), "/tags/"):
            response = client.get(url)
            html = response.content.decode()
            assert '<summary><span class="visually-hidden">Signed in as </span>Rae Reader</summary>' in html
            assert '<a href="/accounts/profile/">Your profile</a>' in html
            logout_form = html.split('action="/accounts/logout/"', 1)[1].split("</form>", 1)[0]
            assert 'name="csrfmiddlewaretoken"' in logout_form and f'name="next" value="{url}"' in logout_form
            assert ">Log in</a>" not in html
            assert "private" in response["Cache-Control"], url
            assert "Cookie" in response["Vary"], url

    def test_account_pages_link_to_log_in_without_next(self, client):
        html = client.get("/accounts/signup/").content.decode()
        assert '<a class="account-nav__login" href="/accounts/login/" rel="nofollow">Log in</a>' in html

    def test_after_logging_out_the_header_says_log_in_again(self, client, reader):
        client.force_login(reader)
        client.post("/accounts/logout/")
        response = client.get("/")
        assert ">Log in</a>" in response.content.decode()
        assert "Rae Reader" not in response.content.decode()


class TestAuthorPage:
    def test_shows_name_bio_website_and_only_live_posts(self, client, author, make_post):
        author.bio = "Writes about <small> software.\nAnd typography."
        author.website = "https://wren.example.org"
        author.save()
        make_post("Live essay", slug="live")
        make_post("Draft essay", slug="draft", status="draft")
        make_post("Scheduled essay", slug="scheduled", days=3)

        response = client.get("/authors/writer/")

        assert response.status_code == 200
        html = response.content.decode()
        assert '<h1 class="p-name">Wren Writer</h1>' in html
        assert "Writes about &lt;small&gt; software.<br>And typography." in html
        assert 'href="https://wren.example.org" rel="me noopener"' in html
        assert "Live essay" in html
        assert "Draft essay" not in html and "Scheduled essay" not in html
        assert not response.cookies

    def test_is_paginated(self, client, settings, make_post):
        for n in range(12):
            make_post(f"Essay {n}", days=-1 - n)
        first = client.get("/authors/writer/").content.decode()
        assert first.count('class="post-card"') == 10
        assert 'href="?page=2"' in first
        second = client.get("/authors/writer/?page=2").content.decode()
        assert second.count('class="post-card"') == 2
        assert client.get("/authors/writer/?page=3").status_code == 404

    def test_pages_count_only_this_authors_essays(self, client, make_post, django_user_model):
        other = django_user_model.objects.create_user("other", "other@example.com", "a-long-test-password")
        make_post("Mine")
        for n in range(12):
            make_post(f"Theirs {n}", author=other, days=-1 - n)
        page = client.get("/authors/writer/").content.decode()
        assert page.count('class="post-card"') == 1 and "?page=2" not in page
        assert client.get("/authors/writer/?page=2").status_code == 404

    def test_users_without_live_posts_have_none(self, client, author, reader, make_post):
        assert client.get("/authors/reader/").status_code == 404  # a reader: no posts at all
        make_post(status="draft")
        make_post(days=2)
        assert client.get("/authors/writer/").status_code == 404  # only a draft and a scheduled post
        assert client.get("/authors/nobody/").status_code == 404

    def test_unsafe_website_is_not_linked(self, client, author, make_post):
        make_post()
        author.website = "javascript:alert(1)"
        author.save()
        assert "javascript:" not in client.get("/authors/writer/").content.decode()


class TestPostPage:
    def test_byline_links_to_the_author_page_and_the_author_box_shows_the_bio(self, client, author, make_post):
        author.bio = "Wren writes slowly."
        author.save()
        post = make_post()
        html = client.get(post.get_absolute_url()).content.decode()
        assert 'By <a class="p-author h-card" href="/authors/writer/" rel="author">Wren Writer</a>' in html
        box = html.split('<aside class="author-box', 1)[1].split("</aside>", 1)[0]
        assert 'href="/authors/writer/"' in box and "Wren writes slowly." in box

    def test_preview_of_a_draft_does_not_link_to_a_missing_author_page(self, client, author, make_post):
        post = make_post(status="draft")
        client.force_login(author)
        html = client.get(post.get_absolute_url()).content.decode()
        assert "/authors/writer/" not in html
        assert "Wren Writer" in html

    def test_feeds_and_json_ld_use_the_display_name(self, client, author, make_post):
        post = make_post()
        feed = feedparser.parse(client.get("/atom.xml").content)
        assert feed.entries[0].author == "Wren Writer"
        html = client.get(post.get_absolute_url()).content.decode()
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
        assert data["author"]["name"] == "Wren Writer"
