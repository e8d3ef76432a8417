"""A commenter and a moderator in Chromium: a first comment waits for moderation, is approved in the admin,
appears for everyone, and a reply to it nests beneath it."""

import re

import pytest
from playwright.sync_api import expect

from blog.models import Comment
from tests.e2e.content import log_in

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def quick_commenting(settings):
    """The journey sends forms at a person's speed, faster than the 3-second rule and the 1-per-15-seconds flood
    limit allow (tests/test_comments_moderation.py covers both)."""
    settings.COMMENTS_MIN_FORM_SECONDS = 0
    settings.COMMENTS_FLOOD_LIMITS = [(3600, 10)]


def write_comment(form, body, name="Ines Calder", email="ines@example.com"):
    form.get_by_role("textbox", name="Name").fill(name)
    form.get_by_role("textbox", name="Email").fill(email)
    form.get_by_role("textbox", name="Comment").fill(body)
    form.get_by_role("button", name="Post comment").click()


def test_comment_is_moderated_then_shown_and_a_reply_nests_under_it(new_page, make_post, django_user_model):
    post = make_post("On Keeping Notes", body="Notes are conversations with your future self.")
    django_user_model.objects.create_superuser("moderator", "mod@example.com", "a-long-test-password")

    commenter = new_page()
    commenter.goto(post.get_absolute_url())
    expect(commenter.get_by_text("No comments yet.")).to_be_visible()
    write_comment(commenter.locator("form.comment-form"), "I keep mine in *plain text*, one file a day.")
    expect(commenter).to_have_url(re.compile(rf"{post.get_absolute_url()}\?comment=\d+#comment-\d+$"))
    comment = Comment.objects.get(post=post)
    assert commenter.url.endswith(f"#comment-{comment.pk}")
    own = commenter.locator(f"#comment-{comment.pk}")
    expect(own.get_by_role("status")).to_contain_text("Awaiting moderation.")
    expect(own.locator("em")).to_have_text("plain text")

    passer_by = new_page()
    passer_by.goto(post.get_absolute_url())
    expect(passer_by.locator(".comment")).to_have_count(0)

    moderator = new_page()
    log_in(moderator, "moderator", "a-long-test-password")
    moderator.goto("/admin/blog/comment/")
    row = moderator.locator("#result_list tbody tr", has_text="I keep mine in")
    expect(row).to_contain_text("Pending")
    row.get_by_role("checkbox").check()
    moderator.locator("select[name=action]").select_option(label="Approve selected comments")
    moderator.get_by_role("button", name="Go").click()
    expect(moderator.locator(".messagelist")).to_contain_text("Approved 1 comment.")

    passer_by.reload()
    expect(passer_by.locator(f"#comment-{comment.pk} .comment__body")).to_have_text("I keep mine in plain text, one file a day.")
    expect(passer_by.get_by_role("heading", name="1 comment")).to_be_visible()

    commenter.reload()
    expect(own.get_by_role("status")).to_have_count(0)
    own.get_by_role("link", name="Reply").click()
    expect(commenter.get_by_role("heading", level=1)).to_have_text("Reply to Ines Calder")
    write_comment(commenter.locator("form.comment-form"), "Update: I now add a date to each file name.")
    expect(commenter).to_have_url(re.compile(rf"{post.get_absolute_url()}\?comment=\d+#comment-\d+$"))
    reply = Comment.objects.get(parent=comment)
    assert reply.status == Comment.Status.APPROVED  # the address already has an approved comment
    assert commenter.url.endswith(f"#comment-{reply.pk}")

    thread = commenter.locator(f"li:has(> #comment-{comment.pk})")
    nested = thread.locator(f"> ol.comment-list > li > #comment-{reply.pk}")
    expect(nested).to_have_class(re.compile(r"\bcomment--reply\b"))
    expect(nested.locator(".comment__body")).to_have_text("Update: I now add a date to each file name.")
    expect(commenter.get_by_role("heading", name="2 comments")).to_be_visible()
