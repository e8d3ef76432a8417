"""Keyboard only, in Chromium: the skip link, the header navigation and the comment form work with Tab, Space and
Enter, and every stop shows where the focus is."""

import re

import pytest
from playwright.sync_api import expect

from blog.models import Comment

pytestmark = pytest.mark.e2e

# What has the focus, and whether the page draws a visible focus indicator on it.
FOCUSED_JS = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  return {text: (el.innerText || el.getAttribute("aria-label") || "").trim(), id: el.id, tag: el.tagName,
          ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0};
}"""


def tab_to(page, is_target, limit=150):
    """Press Tab until `is_target(focused)` holds; every element passed on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        assert focused["ring"] or focused["tag"] == "BODY", f"no visible focus on {focused}"
        if is_target(focused):
            return focused
    raise AssertionError("Tab never reached the target")


def test_header_navigation_works_with_the_keyboard(page, make_post):
    make_post("First Light", tags=["mornings"])
    page.goto("/")
    stops = []
    for _ in range(7):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED_JS)["text"])
    assert stops == ["Skip to content", page.locator(".site-title").inner_text(), "Home", "Tags", "Archive", "Search", "RSS"]

    page.goto("/")
    tab_to(page, lambda focused: focused["text"] == "Archive")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/archive/$"))
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Archive")).to_have_attribute("aria-current", "page")

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    expect(page.get_by_role("link", name="Skip to content")).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="First Light")).to_be_focused()


def test_comment_form_can_be_filled_and_sent_with_the_keyboard(page, make_post, settings):
    settings.COMMENTS_MIN_FORM_SECONDS = 0
    post = make_post("Quiet Tools", body="A [link](https://example.com) and some text.")
    page.goto(post.get_absolute_url())

    tab_to(page, lambda focused: focused["id"] == "id_name")
    page.keyboard.type("Kim Keys")
    page.keyboard.press("Tab")
    expect(page.locator("#id_email")).to_be_focused()
    page.keyboard.type("kim@example.com")
    page.keyboard.press("Tab")
    expect(page.locator("#id_website")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#id_body")).to_be_focused()
    page.keyboard.type("Written without touching the mouse.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("checkbox", name="Email me replies")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.get_by_role("checkbox", name="Email me replies")).to_be_checked()
    page.keyboard.press("Tab")  # the hidden honeypot field is skipped
    expect(page.get_by_role("button", name="Post comment")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"#comment-\d+$"))
    comment = Comment.objects.get(post=post)
    assert (comment.name, comment.email, comment.notify_replies) == ("Kim Keys", "kim@example.com", True)
    expect(page.locator(f"#comment-{comment.pk}").get_by_role("status")).to_contain_text("Awaiting moderation.")
