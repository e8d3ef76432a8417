"""RSS and Atom feeds: valid, full-content, absolute links, stable ids, and the elements their specs require."""

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser

import feedparser
import pytest
from django.utils import timezone

from blog.markdown import html_to_text
from blog.models import Post

pytestmark = pytest.mark.django_db

SITE = "https://quire.test"
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
MEDIA = "{http://search.yahoo.com/mrss/}"
FEEDS = ["/rss.xml", "/atom.xml", "/tags/essays/rss.xml"]
RFC822_DATE = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
                         r"\d{2}:\d{2}:\d{2} [+-]\d{4}$")
RFC3339_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
BODY_WITH_RELATIVE_URLS = (
    "See [the archive](/archive/), [a sibling](../other-essay/), [a section](#the-point) and "
    "[elsewhere](https://example.com/page).\n\n![A chart](/media/uploads/chart.png)\n\n## The Point\n\nDone.[^1]\n\n"
    "[^1]: A footnote.\n"
)


def feed_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def parsed(client, url):
    feed = feedparser.parse(feed_xml(client, url).content)
    assert feed.bozo == 0, (url, feed.get("bozo_exception"))
    return feed


class UrlCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        self.urls += [(tag, name, value) for name, value in attrs if name in {"href", "src"}]


class HeroFinder(HTMLParser):
    """The images inside <figure> elements, as attribute dicts."""

    def __init__(self):
        super().__init__()
        self.in_figure = False
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "figure":
            self.in_figure = True
        elif tag == "img" and self.in_figure:
            self.images.append(dict(attrs))

    def handle_endtag(self, tag):
        if tag == "figure":
            self.in_figure = False


def urls_in(html):
    collector = UrlCollector()
    collector.feed(html)
    return collector.urls


@pytest.fixture
def essay(make_post):
    return make_post(
        "Fish & chips <3",
        slug="fish-and-chips",
        description="Why Fish & chips <3 matter — a <b>bold</b> claim.",
        tags=["essays", "food"],
        hero=True,
        body=BODY_WITH_RELATIVE_URLS,
    )


# --- parsing and content --------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_parse_cleanly(client, essay, url):
    feed = parsed(client, url)
    assert [entry.title for entry in feed.entries] == ["Fish & chips <3"]
    assert feed.version in {"rss20", "atom10"}


def test_feed_content_types(client, essay):
    assert feed_xml(client, "/rss.xml")["Content-Type"].startswith("application/rss+xml")
    assert feed_xml(client, "/atom.xml")["Content-Type"].startswith("application/atom+xml")
    assert feed_xml(client, "/tags/essays/rss.xml")["Content-Type"].startswith("application/rss+xml")


@pytest.mark.parametrize("url", FEEDS)
def test_entry_carries_full_body_summary_author_and_tags(client, essay, url):
    [entry] = parsed(client, url).entries
    assert entry.link == f"{SITE}/blog/fish-and-chips/"
    # The summary is the plain-text description: read as the HTML the feed declares it to be, it says exactly that.
    assert html_to_text(entry.summary) == essay.description
    assert entry.author == "Wren Writer"
    assert sorted(tag.term for tag in entry.tags) == ["essays", "food"]
    [content] = entry.content
    assert content.type == "text/html"
    assert "A footnote." in content.value and 'id="the-point"' in content.value
    hero = HeroFinder()
    hero.feed(content.value)
    assert hero.images[0] == {"src": f"{SITE}{essay.hero_image.url}", "alt": "An orange rectangle."}


@pytest.mark.parametrize("url", FEEDS)
def test_relative_links_and_images_in_the_body_become_absolute(client, essay, url):
    [entry] = parsed(client, url).entries
    urls = urls_in(entry.content[0].value)
    assert urls
    for tag, name, value in urls:
        assert value.startswith(("https://", "mailto:")), (tag, name, value)
    values = {value for _, _, value in urls}
    assert f"{SITE}/archive/" in values
    assert f"{SITE}/blog/other-essay/" in values
    assert f"{SITE}/blog/fish-and-chips/#the-point" in values
    assert f"{SITE}/media/uploads/chart.png" in values
    assert "https://example.com/page" in values


def test_raw_feed_body_is_rewritten_not_just_resolved_by_the_parser(client, essay):
    """feedparser resolves relative URLs itself; readers that do not still need absolute ones in the XML."""
    root = ET.fromstring(feed_xml(client, "/rss.xml").content)
    body = root.find(f"channel/item/{CONTENT}encoded").text
    assert 'href="/archive/"' not in body and 'src="/media/' not in body
    assert f'href="{SITE}/archive/"' in body
    atom = ET.fromstring(feed_xml(client, "/atom.xml").content)
    assert f'src="{SITE}/media/uploads/chart.png"' in atom.find(f"{ATOM}entry/{ATOM}content").text


@pytest.mark.parametrize("url", FEEDS)
def test_hero_image_is_media_content_with_absolute_url(client, essay, url):
    root = ET.fromstring(feed_xml(client, url).content)
    [media] = root.iter(f"{MEDIA}content")
    assert media.get("url") == f"{SITE}{essay.hero_image.url}"
    assert media.get("medium") == "image"
    assert (media.get("width"), media.get("height")) == ("40", "20")
    [entry] = feedparser.parse(feed_xml(client, url).content).entries
    assert entry.media_content[0]["url"] == f"{SITE}{essay.hero_image.url}"


def test_post_without_hero_has_no_media_element(client, make_post):
    make_post(slug="plain")
    assert MEDIA not in "".join(element.tag for element in ET.fromstring(feed_xml(client, "/rss.xml").content).iter())


def test_at_most_twenty_newest_live_posts(client, make_post):
    for n in range(22):
        make_post(f"Post {n:02}", slug=f"post-{n:02}", days=-(n + 1), tags=["essays"])
    make_post("Hidden draft", slug="hidden-draft", days=-0.5, status=Post.Status.DRAFT, tags=["essays"])
    make_post("Future", slug="future", days=2, tags=["essays"])
    expected = [f"Post {n:02}" for n in range(20)]
    for url in FEEDS:
        assert [entry.title for entry in parsed(client, url).entries] == expected, url


def test_tag_feed_has_only_that_tags_posts(client, make_post):
    make_post("Tagged", slug="tagged", tags=["essays"])
    make_post("Other", slug="other", tags=["other"])
    feed = parsed(client, "/tags/essays/rss.xml")
    assert [entry.title for entry in feed.entries] == ["Tagged"]
    assert feed.feed.link == f"{SITE}/tags/essays/"


def test_unknown_tag_feed_is_404(client):
    assert client.get("/tags/nope/rss.xml").status_code == 404


def test_guid_survives_title_and_slug_change(client, essay):
    before = {url: parsed(client, url).entries[0].id for url in FEEDS}
    assert before["/rss.xml"] == f"urn:uuid:{essay.uuid}" == before["/atom.xml"]
    essay.title = "A renamed essay"
    essay.slug = "renamed-essay"
    essay.save()
    for url in FEEDS:
        [entry] = parsed(client, url).entries
        assert entry.id == before[url]
        assert entry.title == "A renamed essay"
        assert entry.link == f"{SITE}/blog/renamed-essay/"


def test_published_and_updated_times(client, make_post):
    published = timezone.now().replace(microsecond=0) - timedelta(days=5)
    revised = published + timedelta(days=2)
    plain = make_post("Never revised", slug="never-revised", days=-6)
    plain.publish_at = published - timedelta(days=1)
    plain.save()
    revised_post = make_post("Revised", slug="revised", revised_at=revised)
    revised_post.publish_at = published
    revised_post.save()

    atom = {entry.title: entry for entry in parsed(client, "/atom.xml").entries}
    assert datetime(*atom["Revised"].published_parsed[:6]) == published.replace(tzinfo=None)
    assert datetime(*atom["Revised"].updated_parsed[:6]) == revised.replace(tzinfo=None)
    assert datetime(*atom["Never revised"].updated_parsed[:6]) == (published - timedelta(days=1)).replace(tzinfo=None)

    rss = {entry.title: entry for entry in parsed(client, "/rss.xml").entries}
    assert datetime(*rss["Revised"].published_parsed[:6]) == published.replace(tzinfo=None)


# --- the specs' required elements -----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/rss.xml", "/tags/essays/rss.xml"])
def test_rss_required_elements(client, essay, url):
    root = ET.fromstring(feed_xml(client, url).content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    [channel] = root.findall("channel")
    for name in ("title", "link", "description"):
        assert (channel.findtext(name) or "").strip(), name
    assert channel.findtext("link").startswith(SITE + "/")
    [self_link] = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link.get("href") == f"{SITE}{url}"
    assert RFC822_DATE.match(channel.findtext("lastBuildDate"))
    parsedate_to_datetime(channel.findtext("lastBuildDate"))
    items = channel.findall("item")
    assert len(items) == 1
    for item in items:
        assert item.findtext("title") and item.findtext("link").startswith(SITE + "/")
        [guid] = item.findall("guid")
        assert guid.get("isPermaLink") == "false"
        assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", guid.text)
        pub_date = item.findtext("pubDate")
        assert RFC822_DATE.match(pub_date), pub_date
        assert parsedate_to_datetime(pub_date) == essay.publish_at.replace(microsecond=0)
        assert item.findtext(f"{CONTENT}encoded")
        assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Wren Writer"


def test_atom_required_elements(client, essay):
    root = ET.fromstring(feed_xml(client, "/atom.xml").content)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{name}") or "").strip(), name
    assert RFC3339_DATE.match(root.findtext(f"{ATOM}updated"))
    links = {link.get("rel", "alternate"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {"alternate": f"{SITE}/", "self": f"{SITE}/atom.xml"}
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    for entry in entries:
        assert entry.findtext(f"{ATOM}id") == f"urn:uuid:{essay.uuid}"
        assert entry.findtext(f"{ATOM}title")
        assert RFC3339_DATE.match(entry.findtext(f"{ATOM}updated"))
        assert RFC3339_DATE.match(entry.findtext(f"{ATOM}published"))
        [link] = entry.findall(f"{ATOM}link")
        assert link.get("rel") == "alternate" and link.get("href") == f"{SITE}/blog/fish-and-chips/"
        assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Wren Writer"
        assert entry.find(f"{ATOM}content").get("type") == "html"
        assert entry.find(f"{ATOM}summary") is not None


def test_atom_feed_updated_is_newest_entry_update(client, make_post):
    revised = timezone.now().replace(microsecond=0) - timedelta(hours=1)
    make_post(slug="older", days=-10, revised_at=revised)
    make_post(slug="newer", days=-3)
    feed = parsed(client, "/atom.xml")
    assert datetime(*feed.feed.updated_parsed[:6]) == revised.replace(tzinfo=None)


@pytest.mark.parametrize("url", ["/rss.xml", "/atom.xml"])
def test_empty_site_still_serves_valid_feeds(client, url):
    feed = parsed(client, url)
    assert feed.entries == []
    assert feed.feed.title == "Quire"
