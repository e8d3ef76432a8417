"""Junk in URLs and query strings gets the designed 404 page or a clear notice, never a server error."""

import pytest

pytestmark = pytest.mark.django_db

NOT_FOUND_TEXT = "There is nothing at this address."
LISTS = ["/?", "/tags/essays/?", "/search/?q=zebra&"]  # each ends where a query parameter can follow
PUBLIC_PAGES = ["/", "/blog/zebra-essay/", "/tags/", "/tags/essays/", "/archive/", "/search/?q=zebra", "/rss.xml",
                "/atom.xml", "/tags/essays/rss.xml", "/sitemap.xml", "/sitemap-index.xml", "/robots.txt"]


@pytest.fixture(autouse=True)
def one_live_post(make_post):
    return make_post("A zebra essay", slug="zebra-essay", tags=["essays"], body="The zebra crossed.")


def assert_designed_404(response):
    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    text = response.content.decode()
    assert "<h1>Page not found</h1>" in text and NOT_FOUND_TEXT in text
    assert '<meta name="robots" content="noindex">' in text


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999999", "1.5", "%00", "2", "1e3"])
@pytest.mark.parametrize("base", LISTS)
def test_bad_page_numbers_are_404(client, base, page):
    assert_designed_404(client.get(f"{base}page={page}"))


@pytest.mark.parametrize("base", LISTS)
def test_first_page_is_fine(client, base):
    response = client.get(f"{base}page=1")
    assert response.status_code == 200
    assert "A zebra essay" in response.content.decode()


def test_very_long_query_is_cut_with_a_notice(client):
    # "or" joins alternatives in a web search, so the cut query (ending in a fragment) still finds the post.
    response = client.get("/search/", {"q": ("zebra or " * 600)[:5000]})
    assert response.status_code == 200
    text = response.content.decode()
    assert "only its first 200 characters were used" in text
    assert len(response.context["query"]) == 200
    assert "A zebra essay" in text


def test_short_query_has_no_notice(client):
    assert "first 200 characters" not in client.get("/search/", {"q": "zebra"}).content.decode()


@pytest.mark.parametrize(
    "raw_query",
    [
        "%00",  # NUL alone
        "zebra%00crossing",  # NUL inside a word
        "%00zebra",
        "%E2%80%AE%E2%80%8B%EF%BB%BF",  # right-to-left override, zero-width space, BOM
        "%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "%27%3B%20DROP%20TABLE%20blog_post%3B--",
        "!!!%20%26%26%20%7C%7C%20%3A*%20%3C-%3E",  # tsquery operators
        "%5C",
    ],
)
def test_junk_in_query_is_not_a_server_error(client, raw_query):
    response = client.get(f"/search/?q={raw_query}")
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "\x00" not in response.content.decode()


@pytest.mark.parametrize(
    "raw_query",
    [
        "%ED%A0%80",  # a lone high surrogate, as UTF-8-ish bytes
        "%ED%BF%BF%ED%A0%80",  # lone low then high surrogate
        "%F0%28%8C%28",  # invalid UTF-8
        "%FF%FE%FD",
        "%C0%AF",  # overlong encoding of /
    ],
)
def test_query_that_is_not_utf8_is_a_clear_400(client, raw_query):
    response = client.get(f"/search/?q={raw_query}")
    assert response.status_code == 400
    assert "query string is not valid UTF-8" in response.content.decode()


def test_nul_between_words_still_finds_the_post(client):
    response = client.get("/search/?q=zebra%00crossed")
    assert response.status_code == 200
    assert "A zebra essay" in response.content.decode()


@pytest.mark.parametrize(
    "slug",
    [
        "%F0%9F%92%A9",
        "%E2%80%AE%E2%80%8B",
        "caf%C3%A9",
        "%00",
        "%ED%A0%80",
        "a" * 5000,
        "zebra-essay" + "-x" * 2000,
        "..%2F..%2Fetc%2Fpasswd",
        "zebra-essay%0A",
        "%20zebra-essay",
    ],
)
@pytest.mark.parametrize("prefix", ["/blog/", "/tags/"])
def test_junk_slugs_are_404(client, prefix, slug):
    assert_designed_404(client.get(f"{prefix}{slug}/"))


@pytest.mark.parametrize("slug", ["a" * 5000, "%F0%9F%92%A9", "nope"])
def test_junk_tag_feed_slugs_are_404(client, slug):
    assert client.get(f"/tags/{slug}/rss.xml").status_code == 404


@pytest.mark.parametrize("url", PUBLIC_PAGES)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_to_public_pages_is_405(client, url, method):
    response = getattr(client, method)(url)
    assert response.status_code == 405, (method, url)
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_head_works_where_get_does(client, url):
    get = client.get(url)
    head = client.head(url)
    assert head.status_code == get.status_code
    assert head.content == b""
