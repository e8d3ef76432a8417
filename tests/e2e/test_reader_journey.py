"""A reader in Chromium: home, a post, its tag, the archive, search, and the feed link."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_reader_goes_from_home_to_post_tag_archive_search_and_finds_the_feed(page, make_post):
    make_post("Gardens of Plain Text", tags=["craft"], days=-3, body="## Soil\n\nNotes about **compost** and files.")
    make_post("Slow Mornings", tags=["habits"], days=-2, body="Coffee, then writing.")
    make_post("Not Yet", days=5, body="Scheduled compost talk.")

    page.goto("/")
    cards = page.locator(".post-card")
    expect(cards).to_have_count(2)
    expect(page.get_by_role("link", name="Not Yet")).to_have_count(0)
    rss = page.locator('head link[rel="alternate"][type="application/rss+xml"]')
    expect(rss).to_have_attribute("href", re.compile(r"/rss\.xml$"))
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="RSS")).to_have_attribute("href", "/rss.xml")

    page.get_by_role("link", name="Gardens of Plain Text").click()
    expect(page).to_have_url(re.compile(r"/blog/essay-1/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Gardens of Plain Text")
    expect(page.get_by_role("heading", name="Soil")).to_be_visible()
    expect(page.locator(".prose strong")).to_have_text("compost")

    page.locator("article.post").get_by_role("link", name="craft").click()
    expect(page).to_have_url(re.compile(r"/tags/craft/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("craft")
    expect(page.locator(".post-card")).to_have_count(1)
    expect(page.get_by_role("link", name="RSS feed for craft")).to_have_attribute("href", "/tags/craft/rss.xml")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Archive").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Archive")
    expect(page.locator(".archive-list a")).to_have_text(["Slow Mornings", "Gardens of Plain Text"])

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.get_by_label("Search the essays").fill("compost")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=compost$"))
    expect(page.locator(".search-summary")).to_have_text("1 essay match “compost”.")
    expect(page.locator(".post-card__title")).to_have_text(["Gardens of Plain Text"])

    feed_url = urlsplit(page.locator('head link[rel="alternate"][type="application/rss+xml"]').get_attribute("href"))
    feed = page.request.get(feed_url.path)  # the link is absolute, on SITE_URL; fetch it from the live server
    assert feed.ok and feed.headers["content-type"].startswith("application/rss+xml")
    assert "Gardens of Plain Text" in feed.text() and "Not Yet" not in feed.text()
