"""Screenshots for the README (docs/screenshots/): the home page, a post in light and dark, and a comment thread,
taken from the demo content. (The admin editor's is taken by the author journey.)"""

import pytest
from playwright.sync_api import expect

from tests.e2e.content import demo_site
from tests.e2e.tools import save_screenshot

pytestmark = pytest.mark.e2e

# Resolves once every image in view has loaded (lazy ones further down are left alone).
IMAGES_IN_VIEW_JS = """() => Promise.all([...document.images]
  .filter(img => img.getBoundingClientRect().top < innerHeight)
  .map(img => img.complete ? null : new Promise(done => { img.onload = img.onerror = done; })))"""

VIEWPORT = {"width": 1200, "height": 860}


def test_screenshots_of_home_post_in_light_and_dark_and_comment_thread(new_page):
    post = demo_site()
    light = new_page(viewport=VIEWPORT)
    light.goto("/")
    expect(light.locator(".post-card")).to_have_count(6)  # 8 demo essays: one is a draft, one scheduled
    light.evaluate(IMAGES_IN_VIEW_JS)
    save_screenshot(light, "home")

    light.goto(post.get_absolute_url())
    expect(light.locator(".post-hero img")).to_have_js_property("complete", True)
    save_screenshot(light, "post-light")
    thread = light.locator("#comments")
    expect(thread.locator(".comment")).to_have_count(4)
    thread.scroll_into_view_if_needed()
    save_screenshot(light, "comments", locator=thread, max_height=640)

    dark = new_page(viewport=VIEWPORT, color_scheme="dark")
    dark.goto(post.get_absolute_url())
    expect(dark.locator(".post-hero img")).to_have_js_property("complete", True)
    background = "getComputedStyle(document.body).backgroundColor"
    assert dark.evaluate(background) != light.evaluate(background)
    save_screenshot(dark, "post-dark")
