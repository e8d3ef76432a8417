"""A 375-pixel-wide phone in Chromium: home, a post (wide tables and code included) and the admin post form
never scroll sideways."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.e2e.content import demo_site, log_in

pytestmark = pytest.mark.e2e

# How far the page is wider than the screen, and which elements stick out past its right edge.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > width + 1 && !el.closest(".table-scroll, .highlight, .markdownx-preview"))
    .slice(0, 5).map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.split(" ").join(".") : ""));
  return {extra: document.documentElement.scrollWidth - width, wide};
}"""


def assert_no_sideways_scrolling(page):
    overflow = page.evaluate(OVERFLOW_JS)
    assert overflow["extra"] <= 0, f"{page.url} is {overflow['extra']}px wider than the screen: {overflow['wide']}"


def test_home_post_and_admin_post_form_fit_a_phone(new_page, django_user_model):
    post = demo_site()
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)

    page.goto("/")
    expect(page.locator(".post-card").first).to_be_visible()
    assert_no_sideways_scrolling(page)

    page.goto(post.get_absolute_url())
    expect(page.locator(".prose table").first).to_be_attached()
    assert_no_sideways_scrolling(page)
    table_box = page.locator(".table-scroll").first
    assert table_box.evaluate("box => box.scrollWidth > box.clientWidth"), "a wide table scrolls inside its own box"

    django_user_model.objects.create_superuser("editor", "editor@example.com", "a-long-test-password")
    log_in(page, "editor", "a-long-test-password")
    page.goto(f"/admin/blog/post/{post.pk}/change/")
    expect(page.locator("textarea#id_body")).to_be_visible()
    assert_no_sideways_scrolling(page)
