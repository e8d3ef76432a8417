"""An author in Chromium: log in to the admin, write in the markdownx editor with its live preview, drop an
image in, schedule the post, find it "Scheduled" in the list, and preview it with the banner."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from blog.models import Post
from tests.conftest import png_bytes
from tests.e2e.content import log_in
from tests.e2e.tools import save_screenshot

pytestmark = pytest.mark.e2e

BODY = """Why small tools last.

| Tool | Years in use |
|------|-------------:|
| make | 45 |
| grep | 50 |

```python
def greet(name):
    return f"Hello, {name}"
```
"""

# markdownx uploads files dropped on its textarea: build a real File in the page and drop it there.
DROP_FILE_JS = """bytes => {
  const transfer = new DataTransfer();
  transfer.items.add(new File([new Uint8Array(bytes)], "workbench.png", {type: "image/png"}));
  return transfer;
}"""


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        "editor", "editor@example.com", "a-long-test-password", display_name="Ed Itor"
    )


def test_author_writes_previews_uploads_schedules_and_previews_a_post(new_page, editor, settings):
    page = new_page(viewport={"width": 1500, "height": 1000})
    log_in(page, "editor", "a-long-test-password")

    page.goto("/admin/blog/post/add/")
    page.get_by_label("Title").press_sequentially("Small Tools Last")  # the slug follows keystrokes
    expect(page.get_by_label("Slug")).to_have_value("small-tools-last")
    body = page.locator("textarea#id_body")
    body.fill(BODY)
    preview = page.locator(".markdownx-preview")
    expect(preview.locator("table th")).to_have_text(["Tool", "Years in use"])
    expect(preview.locator(".highlight .k")).to_have_text(["def", "return"])  # Pygments marks the keywords
    expect(preview.locator(".highlight .nf")).to_have_text("greet")

    transfer = page.evaluate_handle(DROP_FILE_JS, list(png_bytes(120, 80)))
    body.dispatch_event("drop", {"dataTransfer": transfer})
    expect(body).to_have_value(re.compile(r"!\[Describe this image\]\(/media/uploads/\d{4}/\d{2}/[\w-]+\.png\)"))
    uploaded = preview.locator("img")
    expect(uploaded).to_have_js_property("naturalWidth", 120)
    save_screenshot(page, "admin-editor", locator=page.locator("fieldset").first)

    publish_at = timezone.localtime() + timedelta(days=3)
    page.get_by_label("Status").select_option("published")
    page.locator("#id_publish_at_0").fill(f"{publish_at:%Y-%m-%d}")
    page.locator("#id_publish_at_1").fill("09:30:00")
    page.get_by_label("Description").fill("Why the tools we reach for every day are the small, boring ones.")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    row = page.locator("#result_list tr", has=page.get_by_role("link", name="Small Tools Last"))
    expect(row.locator(".status-badge--scheduled")).to_have_text(f"Scheduled for {publish_at:%d %b %Y}, 09:30")
    post = Post.objects.get(slug="small-tools-last")
    assert post.is_scheduled and post.author == editor and "<table>" in post.body_html

    row.get_by_role("link", name="Small Tools Last").click()
    expect(page.get_by_label("Title")).to_have_value("Small Tools Last")
    page.goto(post.get_absolute_url())
    banner = page.locator(".preview-banner")
    expect(banner).to_contain_text(f"Scheduled for {publish_at:%-d %B %Y}, 09:30")
    expect(banner).to_contain_text("readers cannot see this yet")
    expect(page.locator(".prose table")).to_be_visible()
    expect(page.locator(".prose img")).to_have_js_property("naturalWidth", 120)

    reader = new_page()
    assert reader.goto(post.get_absolute_url()).status == 404
