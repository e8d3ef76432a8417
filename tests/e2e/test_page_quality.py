"""Page quality in Chromium: valid HTML (Nu HTML Checker), a light post page that reads without JavaScript, and
responsive hero images that do not move the page while they load."""

import pytest
from playwright.sync_api import expect

from tests.e2e.content import account_pages, demo_post, demo_site, public_pages, submit_blank_comment
from tests.e2e.tools import html_errors

pytestmark = pytest.mark.e2e

PAGE_BUDGET_BYTES = 40 * 1024

# Bytes of the document and of every stylesheet and script it loaded (@imports included), uncompressed.
PAGE_WEIGHT_JS = """() => {
  const [doc] = performance.getEntriesByType("navigation");
  const code = performance.getEntriesByType("resource").filter(e => ["css", "script", "link"].includes(e.initiatorType) || /\\.(css|js)(\\?|$)/.test(e.name));
  return {document: doc.decodedBodySize, code: code.map(e => [e.name, e.decodedBodySize])};
}"""

# Layout shifts so far (the page's CLS), read from the buffered performance timeline.
LAYOUT_SHIFT_JS = """() => new Promise(resolve => {
  new PerformanceObserver(list => resolve(list.getEntries().reduce((sum, e) => sum + (e.hadRecentInput ? 0 : e.value), 0)))
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(0), 500);
})"""


def test_pages_are_valid_html(page, tmp_path):
    post = demo_site()
    pages = public_pages(post) + [(name, path) for name, path in account_pages() if path]
    files = []
    for name, path in pages:
        response = page.goto(path)
        files.append(tmp_path / f"{name}.html")
        files[-1].write_text(response.text(), encoding="utf-8")
    files.append(tmp_path / "comment-errors.html")
    files[-1].write_text(submit_blank_comment(page, post), encoding="utf-8")
    errors = html_errors(files)
    assert not errors, "\n".join(errors)


def test_post_page_weighs_under_40_kb_without_images(page):
    post = demo_post()
    page.goto(post.get_absolute_url())
    weight = page.evaluate(PAGE_WEIGHT_JS)
    total = weight["document"] + sum(size for _, size in weight["code"])
    assert weight["document"] > 10_000 and any(name.endswith("site.css") for name, _ in weight["code"]), weight
    assert total < PAGE_BUDGET_BYTES, f"{total} bytes: {weight}"
    assert page.locator("script[src]").count() == 0


def test_post_reads_completely_without_javascript(new_page):
    post = demo_post()
    page = new_page(java_script_enabled=False)
    page.goto(post.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(post.title)
    expect(page.locator(".prose table").first).to_be_visible()
    expect(page.locator(".prose .highlight").first).to_be_visible()
    expect(page.locator(".comment")).to_have_count(4)
    expect(page.get_by_role("button", name="Post comment")).to_be_visible()


def test_hero_image_is_a_webp_rendition_sized_for_the_screen_without_layout_shift(new_page):
    post = demo_post()
    for viewport, expected_width in (({"width": 375, "height": 740}, 480), ({"width": 1280, "height": 900}, 960)):
        page = new_page(viewport=viewport)
        page.goto(post.get_absolute_url())
        hero = page.locator(".post-hero img")
        expect(hero).to_have_attribute("width", "1600")
        expect(hero).to_have_attribute("height", "900")
        expect(hero).to_have_js_property("complete", True)
        assert page.locator(".post-hero source").get_attribute("type") == "image/webp"
        chosen = hero.evaluate("img => img.currentSrc")
        assert chosen.endswith(f"-{expected_width}w.webp"), chosen
        assert page.evaluate(LAYOUT_SHIFT_JS) < 0.01
