"""Comment emails: moderators hear of new comments, subscribers of approved replies (with a signed unsubscribe
link), all after commit; a mail server that fails loses nothing."""

import logging
import re
from datetime import timedelta
from smtplib import SMTPException
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.utils import timezone

from blog.models import Comment
from blog.notifications import unsubscribe_url
from tests.comment_support import clock, make_commenter  # noqa: F401

pytestmark = pytest.mark.django_db


class UnreachableMailServer(BaseEmailBackend):
    """Behaves like an SMTP server that is down."""

    def send_messages(self, messages):
        raise SMTPException("Connection refused")


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("ed", "editor@example.com", "pw-long-enough-1", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_comment"))
    return user


@pytest.fixture
def thread_starter(make_post):
    """An approved comment whose author asked to hear about replies."""
    post = make_post("Discussed essay", slug="discussed")
    return Comment.objects.create(
        post=post,
        name="Starter",
        email="starter@example.com",
        body="What do you think?",
        status="approved",
        notify_replies=True,
        created_at=timezone.now() - timedelta(days=1),
    )


def known(email, post):
    Comment.objects.create(
        post=post,
        name="Ada Reader",
        email=email,
        body="Earlier",
        status="approved",
        created_at=timezone.now() - timedelta(days=2),
    )


def test_author_and_editors_get_an_email_for_each_new_comment(
    make_commenter, make_post, editor, django_capture_on_commit_callbacks
):
    post = make_post("Emailed essay")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_commenter().comment(post, body="Worth a reply", email="reader@example.com")
        assert mail.outbox == []  # nothing is sent before the transaction commits
    assert len(callbacks) == 1
    comment = Comment.objects.get()
    assert sorted(message.to[0] for message in mail.outbox) == ["editor@example.com", "writer@example.com"]
    message = mail.outbox[0]
    assert message.subject.endswith("New comment on “Emailed essay” (awaiting moderation)")
    assert "Worth a reply" in message.body
    assert f"https://quire.test/admin/blog/comment/{comment.pk}/change/" in message.body
    assert "First comment from this email address." in message.body


def test_a_failing_mail_server_loses_no_comment(
    make_commenter, make_post, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.test_comments_notifications.UnreachableMailServer"
    post = make_post()
    with caplog.at_level(logging.ERROR, logger="blog.notifications"), django_capture_on_commit_callbacks(execute=True):
        response = make_commenter().comment(post, body="Still here")
    assert response.status_code == 302
    assert Comment.objects.get().body == "Still here"
    assert "Could not send the moderator email" in caplog.text


def test_subscriber_gets_one_email_per_approved_reply_with_unsubscribe_link(
    make_commenter, thread_starter, django_capture_on_commit_callbacks
):
    post = thread_starter.post
    known("replier@example.com", post)
    with django_capture_on_commit_callbacks(execute=True):
        make_commenter().comment(post, parent=thread_starter, body="Here is my answer", email="replier@example.com")
    to_starter = [m for m in mail.outbox if m.to == ["starter@example.com"]]
    assert len(to_starter) == 1
    message = to_starter[0]
    assert message.subject == "[Quire] Ada Reader replied to your comment on “Discussed essay”"
    assert "Here is my answer" in message.body
    link = re.search(r"https://quire\.test/comments/unsubscribe/\S+", message.body).group(0)
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_held_reply_notifies_only_once_approved_and_only_once(
    make_commenter, thread_starter, django_capture_on_commit_callbacks
):
    post = thread_starter.post
    with django_capture_on_commit_callbacks(execute=True):
        make_commenter().comment(post, parent=thread_starter, body="A first-time reply", email="new@example.com")
    assert not [m for m in mail.outbox if m.to == ["starter@example.com"]]
    reply = Comment.objects.get(body="A first-time reply")
    with django_capture_on_commit_callbacks(execute=True):
        reply.moderate(Comment.Status.APPROVED)
    assert len([m for m in mail.outbox if m.to == ["starter@example.com"]]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        reply.moderate(Comment.Status.REMOVED)
        reply.moderate(Comment.Status.APPROVED)
    assert len([m for m in mail.outbox if m.to == ["starter@example.com"]]) == 1


def test_no_email_without_the_tick_or_for_replying_to_oneself(
    make_commenter, thread_starter, django_capture_on_commit_callbacks
):
    post = thread_starter.post
    quiet = Comment.objects.create(
        post=post,
        name="Quiet",
        email="quiet@example.com",
        body="No emails please",
        status="approved",
        created_at=timezone.now() - timedelta(days=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        make_commenter().comment(post, parent=quiet, body="Reply to quiet", email="starter@example.com")
        make_commenter().comment(
            post, parent=thread_starter, body="Talking to myself", email="starter@example.com", wait=20
        )
    assert not [m for m in mail.outbox if m.to in (["quiet@example.com"], ["starter@example.com"])]


def unsubscribe_parts(email):
    query = parse_qs(urlsplit(unsubscribe_url(email)).query)
    return query["address"][0], query["token"][0]


def test_unsubscribe_link_works_without_login(client, thread_starter, django_capture_on_commit_callbacks):
    other_thread = Comment.objects.create(
        post=thread_starter.post,
        name="Starter",
        email="starter@example.com",
        body="Another",
        status="approved",
        notify_replies=True,
    )
    response = client.get(unsubscribe_url("starter@example.com"))
    assert response.status_code == 200
    assert "starter@example.com will get no more emails" in response.content.decode()
    assert not Comment.objects.filter(pk__in=[thread_starter.pk, other_thread.pk], notify_replies=True).exists()

    reply = Comment.objects.create(
        post=thread_starter.post,
        parent=thread_starter,
        depth=2,
        name="R",
        email="r@example.com",
        body="Reply",
        status="pending",
    )
    with django_capture_on_commit_callbacks(execute=True):
        reply.moderate(Comment.Status.APPROVED)
    assert not [m for m in mail.outbox if m.to == ["starter@example.com"]]


def test_one_click_unsubscribe_by_post_from_a_mail_program(thread_starter):
    response = Client(enforce_csrf_checks=True).post(
        unsubscribe_url("starter@example.com"), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    thread_starter.refresh_from_db()
    assert thread_starter.notify_replies is False


def test_tampered_unsubscribe_link_is_refused(client, thread_starter):
    address, token = unsubscribe_parts("starter@example.com")
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.get("/comments/unsubscribe/", {"address": address, "token": tampered})
    assert response.status_code == 400
    assert "incomplete or was changed" in response.content.decode()
    thread_starter.refresh_from_db()
    assert thread_starter.notify_replies is True


def test_an_unsubscribe_link_cannot_be_used_for_another_address(client, thread_starter):
    _, mallory_token = unsubscribe_parts("mallory@example.com")
    response = client.get("/comments/unsubscribe/", {"address": "starter@example.com", "token": mallory_token})
    assert response.status_code == 400
    thread_starter.refresh_from_db()
    assert thread_starter.notify_replies is True


def test_unsubscribe_link_without_token_is_refused(client, thread_starter):
    assert client.get("/comments/unsubscribe/", {"address": "starter@example.com"}).status_code == 400
    assert client.get("/comments/unsubscribe/").status_code == 400


def test_unsubscribe_link_acts_even_on_a_revalidation_and_is_never_cached(client, thread_starter, settings):
    """A browser or proxy that revalidates the link with the site's ETag must not get a 304 that skips the action."""
    settings.PAGE_CACHE_SECONDS = 300
    etag = client.get("/")["ETag"]
    response = client.get(unsubscribe_url("starter@example.com"), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    thread_starter.refresh_from_db()
    assert thread_starter.notify_replies is False
