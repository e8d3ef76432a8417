"""Comments sent at the same moment, in real transactions from two threads (each with its own connection)."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.utils import timezone

from blog.comment_forms import issue_form_token
from blog.models import Comment

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL (make test)"),
]


def token_shown_seconds_ago(post, seconds=10):
    with time_machine.travel(timezone.now() - timedelta(seconds=seconds)):
        return issue_form_token(post)


def send_together(post, submissions):
    """Send each (data, ip) from its own thread, released at the same moment; the responses in order."""
    barrier = threading.Barrier(len(submissions))
    responses = [None] * len(submissions)

    def send(index, data, ip):
        try:
            barrier.wait(timeout=10)
            responses[index] = Client().post(
                f"{post.get_absolute_url()}comments/", data, REMOTE_ADDR=ip, HTTP_ORIGIN="https://quire.test"
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n, data, ip)) for n, (data, ip) in enumerate(submissions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return responses


def test_two_readers_at_the_same_moment_are_both_stored(make_post):
    post = make_post()
    submissions = [
        (
            {
                "name": f"Reader {n}",
                "email": f"reader{n}@example.com",
                "body": f"Comment {n}",
                "token": token_shown_seconds_ago(post),
            },
            f"203.0.{n}.1",
        )
        for n in range(2)
    ]
    responses = send_together(post, submissions)
    assert [response.status_code for response in responses] == [302, 302]
    assert sorted(Comment.objects.values_list("body", flat=True)) == ["Comment 0", "Comment 1"]


@pytest.mark.parametrize("with_lock", [True, False], ids=["advisory-lock", "unique-constraint-only"])
def test_a_double_submit_is_stored_once(make_post, monkeypatch, with_lock):
    if not with_lock:
        # Without the per-sender lock both requests can pass the duplicate check; the database's unique
        # constraint on (content, form) must still keep one row.
        monkeypatch.setattr("blog.comment_posting.lock_sender", lambda *keys: None)
    post = make_post()
    data = {"name": "Ada", "email": "ada@example.com", "body": "Clicked twice", "token": token_shown_seconds_ago(post)}
    responses = send_together(post, [(data, "198.51.100.4"), (data, "198.51.100.4")])
    assert [response.status_code for response in responses] == [302, 302]
    assert responses[0]["Location"] == responses[1]["Location"]
    assert Comment.objects.count() == 1
