"""axe-core, run inside Chromium: no serious or critical accessibility violations on the pages readers use."""

import pytest
from playwright.sync_api import expect

from tests.e2e.content import account_pages, demo_post, demo_site, public_pages, submit_blank_comment
from tests.e2e.tools import axe_violations

pytestmark = pytest.mark.e2e


@pytest.fixture
def axe_page(new_page):
    # axe is injected as a script element, which a strict Content-Security-Policy would refuse.
    return new_page(bypass_csp=True)


def test_reader_pages_have_no_serious_accessibility_violations(axe_page):
    post = demo_site()
    problems = {}
    for name, path in public_pages(post):
        axe_page.goto(path)
        problems[name] = axe_violations(axe_page)
    assert problems == {name: [] for name, _ in public_pages(post)}


def test_comment_form_showing_errors_has_no_serious_accessibility_violations(axe_page):
    post = demo_post()
    submit_blank_comment(axe_page, post)
    expect(axe_page.get_by_role("alert")).to_contain_text("Your comment was not posted yet")
    expect(axe_page.get_by_text("Write your comment before sending it.")).to_be_visible()
    assert axe_violations(axe_page) == []


@pytest.mark.parametrize("page_name", ["login", "signup"])
def test_account_pages_have_no_serious_accessibility_violations(axe_page, page_name):
    path = dict(account_pages())[page_name]
    if path is None:
        pytest.skip("accounts not built yet")
    axe_page.goto(path)
    expect(axe_page.locator("form")).not_to_have_count(0)
    assert axe_violations(axe_page) == []
