"""Every public page carries its metadata, navigation and no inline code; post pages carry rich link previews."""

import json
import re
from datetime import datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from blog.markdown import html_to_text
from blog.models import Post

pytestmark = pytest.mark.django_db

SITE = "https://quire.test"


class Page(HTMLParser):
    """A rendered page as lists of elements (tag, attrs), with the text of <title> and of each <script>."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.titles = []
        self.scripts = []
        self.nav_links = []
        self._open = []
        self._nav_depth = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs_dict = dict(attrs)
        self.elements.append((tag, attrs_dict, attrs))
        if tag == "nav" and attrs_dict.get("aria-label") == "Main":
            self._nav_depth = 1
        elif tag == "nav" and self._nav_depth:
            self._nav_depth += 1
        if tag in {"title", "script"}:
            self._open.append([tag, attrs_dict, ""])
        if tag == "a" and self._nav_depth:
            self._open.append(["nav-a", attrs_dict, ""])

    def handle_endtag(self, tag):
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1
        if self._open and (self._open[-1][0] == tag or (tag == "a" and self._open[-1][0] == "nav-a")):
            kind, attrs, text = self._open.pop()
            if kind == "title":
                self.titles.append(text.strip())
            elif kind == "script":
                self.scripts.append((attrs, text))
            else:
                self.nav_links.append((text.strip(), attrs.get("href")))

    def handle_data(self, data):
        if self._open:
            self._open[-1][2] += data

    def find(self, tag, **attrs):
        wanted = {name.replace("_", "-"): value for name, value in attrs.items()}
        return [found for name, found, _ in self.elements
                if name == tag and all(found.get(key) == value for key, value in wanted.items())]

    def meta(self, key):
        return [found.get("content") for tag, found, _ in self.elements
                if tag == "meta" and key in (found.get("property"), found.get("name"))]


def page(client, url, status=200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, url
    return Page(response.content.decode()), response


@pytest.fixture
def site(make_post):
    older = make_post("An older essay", slug="older", days=-10, tags=["craft"], hero=True)
    essay = make_post(
        "The Lure of Speed", slug="the-lure", days=-5, tags=["craft", "web", "zebra-tag"], hero=True,
        description="Why fast sites feel kind.", body="## Why\n\nZebra words. " + "word " * 500,
        revised_at=timezone.now() - timedelta(days=1),
    )
    newer = make_post("A newer essay", slug="newer", days=-1, tags=["web"])
    return older, essay, newer


# --- every page ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/blog/the-lure/", "/tags/", "/tags/craft/", "/archive/", "/search/",
                                 "/search/?q=zebra"])
def test_every_public_page_has_title_description_canonical_and_feed_links(client, site, url):
    parsed, _ = page(client, url)
    assert len(parsed.titles) == 1 and parsed.titles[0]
    [description] = parsed.meta("description")
    assert description.strip()
    [canonical] = parsed.find("link", rel="canonical")
    assert canonical["href"].startswith(SITE + "/")
    assert canonical["href"] == SITE + url.split("?")[0]
    assert parsed.find("link", rel="alternate", type="application/rss+xml", href=f"{SITE}/rss.xml")
    assert parsed.find("link", rel="alternate", type="application/atom+xml", href=f"{SITE}/atom.xml")


def test_page_titles_say_what_the_page_is(client, site):
    assert page(client, "/blog/the-lure/")[0].titles == ["The Lure of Speed — Quire"]
    assert page(client, "/tags/craft/")[0].titles[0].startswith("Essays tagged “craft”")
    assert page(client, "/archive/")[0].titles[0].startswith("Archive")


def test_later_pages_of_a_list_are_their_own_canonical_page(client, make_post):
    for n in range(12):
        make_post(slug=f"many-{n}", days=-(n + 1), tags=["craft"])
    for url in ("/?page=2", "/tags/craft/?page=2"):
        parsed, _ = page(client, url)
        [canonical] = parsed.find("link", rel="canonical")
        assert canonical["href"] == SITE + url, url
        assert "Page 2" in parsed.titles[0] or "page 2" in parsed.titles[0]
    [first] = page(client, "/?page=1")[0].find("link", rel="canonical")
    assert first["href"] == f"{SITE}/"


def test_tag_page_offers_its_own_feed(client, site):
    parsed, _ = page(client, "/tags/craft/")
    assert parsed.find("link", rel="alternate", type="application/rss+xml", href=f"{SITE}/tags/craft/rss.xml")


@pytest.mark.parametrize("url", ["/", "/blog/the-lure/", "/tags/", "/tags/craft/", "/archive/", "/search/?q=zebra",
                                 "/missing-page/"])
def test_header_nav_and_skip_link(client, site, url):
    parsed, _ = page(client, url, status=404 if "missing" in url else 200)
    assert parsed.nav_links == [("Home", "/"), ("Tags", "/tags/"), ("Archive", "/archive/"), ("Search", "/search/"),
                                ("RSS", "/rss.xml")]
    [skip] = [a for a in parsed.find("a") if a.get("href") == "#main"]
    assert "skip-link" in skip.get("class", "")
    assert parsed.find("main", id="main")


@pytest.mark.parametrize("url", ["/", "/blog/the-lure/", "/tags/", "/tags/craft/", "/archive/", "/search/",
                                 "/search/?q=zebra", "/missing-page/"])
def test_no_inline_styles_or_scripts(client, site, url):
    parsed, _ = page(client, url, status=404 if "missing" in url else 200)
    for tag, attrs, attr_list in parsed.elements:
        names = [name for name, _ in attr_list]
        assert "style" not in names, (tag, attrs)
        assert not [name for name in names if re.fullmatch(r"on\w+", name)], (tag, attrs)
        for name in ("href", "src", "action"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), (tag, attrs)
    assert not parsed.find("style")
    for attrs, text in parsed.scripts:
        if attrs.get("src"):
            assert attrs["src"].startswith("/static/"), attrs
        else:
            assert attrs.get("type") == "application/ld+json", (attrs, text[:80])


def test_only_the_post_page_carries_json_ld(client, site):
    assert [attrs.get("type") for attrs, _ in page(client, "/blog/the-lure/")[0].scripts] == ["application/ld+json"]
    assert page(client, "/")[0].scripts == []


def test_designed_404_page(client, site):
    parsed, response = page(client, "/no-such-thing/", status=404)
    assert parsed.titles[0].startswith("Page not found")
    assert "There is nothing at this address." in response.content.decode()
    assert parsed.meta("robots") == ["noindex"]
    assert parsed.find("form", action="/search/")


# --- the post page -------------------------------------------------------------------------------------------


def test_post_page_social_metadata(client, site):
    older, essay, newer = site
    parsed, _ = page(client, essay.get_absolute_url())
    hero_url = f"{SITE}{essay.hero_image.url}"
    assert parsed.meta("og:type") == ["article"]
    assert parsed.meta("og:title") == ["The Lure of Speed"]
    assert parsed.meta("og:url") == [f"{SITE}/blog/the-lure/"]
    assert parsed.meta("og:image") == [hero_url]
    assert parsed.meta("og:image:alt") == ["An orange rectangle."]
    assert parsed.meta("og:description") == ["Why fast sites feel kind."]
    [published] = parsed.meta("article:published_time")
    assert datetime.fromisoformat(published) == essay.publish_at
    [modified] = parsed.meta("article:modified_time")
    assert datetime.fromisoformat(modified) == essay.revised_at
    assert sorted(parsed.meta("article:tag")) == ["craft", "web", "zebra-tag"]
    assert parsed.meta("twitter:card") == ["summary_large_image"]
    assert parsed.meta("twitter:image") == [hero_url]


def test_post_without_hero_gets_a_summary_card(client, site):
    older, essay, newer = site
    parsed, _ = page(client, newer.get_absolute_url())
    assert parsed.meta("twitter:card") == ["summary"]
    assert parsed.meta("og:image") == []


def test_post_json_ld_is_a_blog_posting(client, site):
    older, essay, newer = site
    parsed, _ = page(client, essay.get_absolute_url())
    [(attrs, text)] = parsed.scripts
    data = json.loads(text)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "The Lure of Speed"
    assert data["author"]["name"] == "Wren Writer"
    assert datetime.fromisoformat(data["datePublished"]) == essay.publish_at
    assert datetime.fromisoformat(data["dateModified"]) == essay.revised_at
    assert data["image"] == f"{SITE}{essay.hero_image.url}"
    assert data["url"] == f"{SITE}/blog/the-lure/"


def test_json_ld_cannot_be_broken_out_of(client, make_post):
    title = "</script><script>alert(1)</script> & <!-- \u2028"
    post = make_post(title, slug="tricky", description="</SCRIPT> too")
    parsed, response = page(client, post.get_absolute_url())
    [(attrs, text)] = parsed.scripts
    assert attrs.get("type") == "application/ld+json"
    assert json.loads(text)["headline"] == title
    assert "</script><script>" not in response.content.decode()


def test_hero_figure_has_alt_text(client, site):
    older, essay, newer = site
    parsed, _ = page(client, essay.get_absolute_url())
    heroes = [img for img in parsed.find("img") if img.get("src") == essay.hero_image.url]
    assert heroes and heroes[0]["alt"] == "An orange rectangle."
    assert parsed.find("figure", **{"class": "post-hero"})


def test_updated_shown_only_when_revised(client, site):
    older, essay, newer = site
    revised = html_to_text(client.get(essay.get_absolute_url()).content.decode())
    assert f"Updated {timezone.localtime(essay.revised_at):%-d %B %Y}" in revised
    assert "Updated" not in html_to_text(client.get(newer.get_absolute_url()).content.decode().split("<main")[1])


def test_previous_and_next_links(client, site):
    older, essay, newer = site
    parsed, _ = page(client, essay.get_absolute_url())
    assert [a["href"] for a in parsed.find("a", rel="prev")] == ["/blog/older/"]
    assert [a["href"] for a in parsed.find("a", rel="next")] == ["/blog/newer/"]
    first, _ = page(client, older.get_absolute_url())
    assert first.find("a", rel="prev") == []
    assert [a["href"] for a in first.find("a", rel="next")] == ["/blog/the-lure/"]


def test_reading_time_shown(client, site):
    older, essay, newer = site
    assert essay.reading_time == 3  # a heading, two words and 500 more at 230 a minute
    assert "3 min read" in html_to_text(client.get(essay.get_absolute_url()).content.decode())


def test_related_posts_ordered_by_shared_tags(client, make_post):
    post = make_post("The one", slug="the-one", days=-1, tags=["a", "b", "c"])
    make_post("Shares one, newest", slug="one-new", days=-2, tags=["a"])
    make_post("Shares three", slug="three", days=-30, tags=["a", "b", "c", "z"])
    make_post("Shares two", slug="two", days=-20, tags=["b", "c"])
    make_post("Shares one, oldest", slug="one-old", days=-40, tags=["c"])
    make_post("Shares none", slug="none", days=-3, tags=["z"])
    make_post("Draft sharing all", slug="draft", days=-3, tags=["a", "b", "c"], status=Post.Status.DRAFT)
    response = client.get(post.get_absolute_url())
    assert [p.slug for p in response.context["related_posts"]] == ["three", "two", "one-new"]
    html = response.content.decode()
    related = html.split('class="related"')[1]
    assert related.index("/blog/three/") < related.index("/blog/two/") < related.index("/blog/one-new/")
    assert "/blog/one-old/" not in related and "/blog/none/" not in related


def test_post_without_tags_has_no_related_section(client, make_post):
    post = make_post(slug="lonely")
    make_post(slug="other", tags=["a"])
    assert 'class="related"' not in client.get(post.get_absolute_url()).content.decode()


# --- previews of unpublished posts ---------------------------------------------------------------------------


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.com", "a-long-test-password",
                                                 is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_post", content_type__app_label="blog"))
    return user


def test_author_with_change_permission_previews_their_draft(client, make_post, editor):
    draft = make_post("Work in progress", slug="wip", status=Post.Status.DRAFT, author=editor)
    client.force_login(editor)
    parsed, response = page(client, draft.get_absolute_url())
    banner = html_to_text(response.content.decode().split('class="preview-banner"')[1].split("</div>")[0])
    assert "Draft — only you can see this" in banner
    assert "noindex" in response["X-Robots-Tag"]
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    assert parsed.meta("robots") == ["noindex, nofollow"]


def test_scheduled_post_preview_says_when_it_goes_out(client, make_post, editor):
    scheduled = make_post("Coming soon", slug="soon", days=3, author=editor)
    client.force_login(editor)
    _, response = page(client, scheduled.get_absolute_url())
    assert "Scheduled for" in response.content.decode() and "readers cannot see this yet" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_superuser_previews_anyones_draft(client, make_post, django_user_model):
    draft = make_post(slug="wip", status=Post.Status.DRAFT)
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.com", "a-long-test-password"))
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_live_post_is_not_marked_as_preview(client, site, editor):
    client.force_login(editor)
    _, response = page(client, "/blog/the-lure/")
    assert "preview-banner" not in response.content.decode()
    assert "X-Robots-Tag" not in response


@pytest.mark.parametrize("who", ["anonymous", "reader", "staff-without-permission"])
def test_others_cannot_see_drafts(client, make_post, django_user_model, who):
    draft = make_post(slug="wip", status=Post.Status.DRAFT)
    scheduled = make_post(slug="later", days=2)
    if who == "reader":
        client.force_login(django_user_model.objects.create_user("reader", "r@example.com", "a-long-test-password"))
    elif who == "staff-without-permission":
        client.force_login(django_user_model.objects.create_user("staffer", "s@example.com", "a-long-test-password",
                                                                 is_staff=True))
    for post in (draft, scheduled):
        response = client.get(post.get_absolute_url())
        assert response.status_code == 404
        assert "Work in progress" not in response.content.decode()
