"""Helpers for the account tests: a reader with a known password, logging in through the real form, and links
found in sent emails."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

PASSWORD = "a-long-reader-password"
LINK = re.compile(r"https?://\S+")


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(
        "reader", "reader@example.com", PASSWORD, display_name="Rae Reader"
    )


def log_in(client, username="reader", password=PASSWORD, ip="192.0.2.10", **extra):
    return client.post("/accounts/login/", {"username": username, "password": password, **extra}, REMOTE_ADDR=ip)


def link_in_last_email(to=None):
    message = mail.outbox[-1]
    if to is not None:
        assert message.to == [to]
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(0)


def path_of(url):
    return urlsplit(url).path


def is_signed_in(client):
    return "_auth_user_id" in client.session
