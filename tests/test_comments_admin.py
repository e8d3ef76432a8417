"""Moderation in the admin: the queue (pending first, filters, reasons, links), bulk decisions, post list counts."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.utils import timezone

from blog.models import Comment, CommentBlocklistEntry

pytestmark = pytest.mark.django_db

QUEUE = "/admin/blog/comment/"


def add(post, body, status, minutes_ago, reason=""):
    return Comment.objects.create(
        post=post,
        name="Reader",
        email="r@example.com",
        body=body,
        status=status,
        moderation_reason=reason,
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


@pytest.fixture
def queue(make_post):
    first, second = make_post("First essay", slug="first"), make_post("Second essay", slug="second")
    return {
        "old_pending": add(first, "Old pending words", "pending", 60, "First comment from this email address."),
        "new_approved": add(first, "New approved words", "approved", 1),
        "new_pending": add(second, "New pending words", "pending", 5, "Contains 3 links."),
        "spam": add(second, "Spam words", "spam", 2, "The hidden honeypot field was filled in."),
        "first": first,
        "second": second,
    }


def test_queue_lists_pending_first_with_reasons_and_site_links(admin_client, queue):
    page = admin_client.get(QUEUE).content.decode()
    order = [
        page.index(words) for words in ("New pending words", "Old pending words", "New approved words", "Spam words")
    ]
    assert order == sorted(order)
    assert "Contains 3 links." in page and "First comment from this email address." in page
    assert f'href="https://quire.test/blog/first/#comment-{queue["new_approved"].pk}"' in page


def test_queue_filters_by_status_and_post(admin_client, queue):
    pending = admin_client.get(QUEUE, {"status__exact": "pending"}).content.decode()
    assert "Old pending words" in pending and "New pending words" in pending and "Spam words" not in pending
    second = admin_client.get(QUEUE, {"post__id__exact": queue["second"].pk}).content.decode()
    assert "New pending words" in second and "Old pending words" not in second


@pytest.mark.parametrize("action, status", [("approve", "approved"), ("mark_spam", "spam"), ("remove", "removed")])
def test_bulk_actions(admin_client, queue, action, status, django_capture_on_commit_callbacks):
    chosen = [queue["old_pending"].pk, queue["new_pending"].pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(QUEUE, {"action": action, ACTION_CHECKBOX_NAME: chosen}, follow=True)
    assert response.status_code == 200
    assert set(Comment.objects.filter(pk__in=chosen).values_list("status", flat=True)) == {status}
    public = Client().get("/blog/first/").content.decode()
    assert ("Old pending words" in public) is (status == "approved")


def test_removing_an_approved_comment_takes_it_off_the_page_and_announces_it(
    admin_client, queue, django_capture_on_commit_callbacks
):
    from blog.comment_signals import comment_visibility_changed

    heard = []

    def listener(sender, **kwargs):
        heard.append((kwargs["post_id"], kwargs["change"]))

    comment_visibility_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.post(QUEUE, {"action": "remove", ACTION_CHECKBOX_NAME: [queue["new_approved"].pk]})
    finally:
        comment_visibility_changed.disconnect(listener)
    assert heard == [(queue["first"].pk, "hidden")]
    assert "New approved words" not in Client().get("/blog/first/").content.decode()


def test_post_list_shows_pending_counts(admin_client, queue):
    page = admin_client.get("/admin/blog/post/").content.decode()
    assert "Pending comments" in page
    assert (
        f'href="/admin/blog/comment/?post__id__exact={queue["first"].pk}&amp;status__exact=pending">1 pending</a>'
        in page
    )
    assert (
        f'href="/admin/blog/comment/?post__id__exact={queue["second"].pk}&amp;status__exact=pending">1 pending</a>'
        in page
    )


def test_change_page_shows_the_comment_as_readers_see_it(admin_client, queue):
    page = admin_client.get(f"{QUEUE}{queue['new_pending'].pk}/change/").content.decode()
    assert "<p>New pending words</p>" in page
    assert "Contains 3 links." in page


def test_moderator_can_approve_on_the_change_page(admin_client, queue):
    comment = queue["old_pending"]
    page = admin_client.get(f"{QUEUE}{comment.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in ("status", "name", "email", "website", "body")}
    data["status"] = "approved"
    response = admin_client.post(f"{QUEUE}{comment.pk}/change/", data)
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "approved"


def test_blocklist_is_editable_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/blog/commentblocklistentry/add/", {"kind": "email_domain", "value": "@Spam.Example", "note": ""}
    )
    assert response.status_code == 302
    assert CommentBlocklistEntry.objects.get().value == "spam.example"
    refused = admin_client.post(
        "/admin/blog/commentblocklistentry/add/", {"kind": "ip", "value": "999.1.1.1", "note": ""}
    )
    assert refused.status_code == 200 and "Enter an IP address or a network" in refused.content.decode()


def test_readers_cannot_reach_the_queue(client, django_user_model, queue):
    reader = django_user_model.objects.create_user("reader", "reader@example.com", "pw-long-enough-1")
    client.force_login(reader)
    assert client.get(QUEUE).status_code == 302  # to the admin login
