"""Signing up, and confirming the email address through the signed link: valid, expired, changed, for an old
address; what a confirmed address changes for comments."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.verification import make_token
from blog.models import Comment
from tests.account_support import PASSWORD, is_signed_in, link_in_last_email, path_of, reader  # noqa: F401
from tests.comment_support import clock, form_token  # noqa: F401

pytestmark = pytest.mark.django_db
User = get_user_model()


def sign_up(client, **fields):
    data = {
        "username": "newreader",
        "email": "New.Reader@example.com",
        "display_name": "Nell",
        "password1": "correct horse battery",
        "password2": "correct horse battery",
    }
    data.update(fields)
    return client.post("/accounts/signup/", data)


def test_sign_up_creates_account_signs_in_and_emails_a_confirmation_link(client):
    response = sign_up(client)

    assert response.status_code == 302 and response["Location"] == "/accounts/profile/"
    user = User.objects.get(username="newreader")
    assert user.display_name == "Nell" and user.check_password("correct horse battery")
    assert not user.email_verified
    assert is_signed_in(client)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["New.Reader@example.com"]
    assert "/accounts/verify/" in link_in_last_email()
    profile = client.get("/accounts/profile/").content.decode()
    assert "We sent a link to New.Reader@example.com" in profile
    assert "is not confirmed yet" in profile


def test_sign_up_goes_back_to_the_post_the_reader_came_from(client, make_post):
    post = make_post()
    response = sign_up(client, next=f"{post.get_absolute_url()}#comments")
    assert response["Location"] == f"{post.get_absolute_url()}#comments"
    evil = sign_up(Client(), username="second", email="second@example.com", next="https://evil.example/")
    assert evil["Location"] == "/accounts/profile/"


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"password1": "short", "password2": "short"}, "password2", "too short"),
        ({"password1": "password123", "password2": "password123"}, "password2", "too common"),
        ({"password1": "83920174650", "password2": "83920174650"}, "password2", "entirely numeric"),
        ({"password1": "newreader1", "password2": "newreader1"}, "password2", "too similar to the username"),
        ({"password2": "something else entirely"}, "password2", "didn’t match"),
        ({"email": "not-an-address"}, "email", "valid email address"),
        ({"username": "has space"}, "username", "Enter a valid username"),
    ],
)
def test_sign_up_errors_are_shown_next_to_their_field(client, fields, field, message):
    response = sign_up(client, **fields)

    assert response.status_code == 400
    html = response.content.decode()
    error_block = html.split(f'id="id_{field}_error"', 1)[1].split("</ul>", 1)[0]
    assert message in error_block
    control = re.search(rf'<input [^>]*id="id_{field}">', html).group(0)
    assert 'aria-invalid="true"' in control
    assert re.search(rf'aria-describedby="[^"]*\bid_{field}_error\b', control)
    assert not User.objects.exists()
    assert not mail.outbox


def test_user_name_and_email_already_in_use_are_refused(client, reader):
    taken_name = sign_up(client, username="READER")
    assert taken_name.status_code == 400
    assert "A user with that username already exists." in taken_name.content.decode()
    taken_email = sign_up(client, email="Reader@Example.com")
    assert taken_email.status_code == 400
    assert "An account with this email address already exists." in taken_email.content.decode()
    assert User.objects.count() == 1


def test_confirmation_link_verifies_the_address(client):
    sign_up(client)
    link = link_in_last_email()

    response = Client().get(path_of(link))  # another browser, not signed in: the link alone is enough

    assert response.status_code == 200
    assert "New.Reader@example.com is confirmed" in response.content.decode()
    assert User.objects.get().email_verified
    again = Client().get(path_of(link))
    assert again.status_code == 200 and "was already confirmed" in again.content.decode()


def test_expired_link_is_refused_with_a_clear_message(client):
    sign_up(client)
    link = link_in_last_email()
    with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
        response = client.get(path_of(link))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert not User.objects.get().email_verified


def test_link_still_works_just_before_three_days(client):
    sign_up(client)
    link = link_in_last_email()
    with time_machine.travel(timezone.now() + timedelta(days=2, hours=23)):
        assert client.get(path_of(link)).status_code == 200
    assert User.objects.get().email_verified


def flip_last_characters(token):
    return token[:-2] + ("BB" if token.endswith("AA") else "AA")


@pytest.mark.parametrize("mangle", [flip_last_characters, lambda t: "x" + t, lambda t: "nonsense"])
def test_tampered_link_is_a_400_not_a_500(client, reader, mangle):
    token = make_token(reader)
    response = client.get(f"/accounts/verify/{mangle(token)}/")
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    reader.refresh_from_db()
    assert not reader.email_verified


def test_link_for_an_address_the_account_no_longer_has_does_not_verify_the_new_one(client, reader):
    old_link = f"/accounts/verify/{make_token(reader)}/"
    reader.email = "changed@example.com"
    reader.save()

    response = client.get(old_link)

    assert response.status_code == 400
    assert "The email address on this account has changed" in response.content.decode()
    reader.refresh_from_db()
    assert not reader.email_verified


def test_changing_the_address_makes_a_verified_account_unverified(reader):
    reader.mark_email_verified()
    assert reader.email_verified
    reader.email = "elsewhere@example.com"
    assert not reader.email_verified


def test_resend_sends_a_new_link_but_not_twice_a_minute(client, reader, clock):
    client.force_login(reader)
    first = client.post("/accounts/verify/resend/", follow=True)
    assert "We sent a new link to reader@example.com" in first.content.decode()
    assert len(mail.outbox) == 1

    clock.shift(10)
    second = client.post("/accounts/verify/resend/", follow=True)
    assert "You can ask again in 50 seconds" in second.content.decode()
    assert len(mail.outbox) == 1

    clock.shift(51)
    client.post("/accounts/verify/resend/")
    assert len(mail.outbox) == 2
    assert client.get(path_of(link_in_last_email())).status_code == 200


def test_resend_needs_a_signed_in_reader_and_a_post(client, reader):
    assert client.post("/accounts/verify/resend/")["Location"].startswith("/accounts/login/?next=")
    client.force_login(reader)
    assert client.get("/accounts/verify/resend/").status_code == 405
    assert not mail.outbox


def test_mail_failure_at_sign_up_is_reported_and_loses_nothing(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1

    response = sign_up(client)

    assert response.status_code == 302
    assert User.objects.filter(username="newreader").exists()
    assert "We could not send the email just now" in client.get("/accounts/profile/").content.decode()


def comment_as(browser, post, clock, body):
    token = form_token(browser.get(post.get_absolute_url()))
    clock.shift(5)
    return browser.post(
        f"{post.get_absolute_url()}comments/", {"token": token, "body": body}, HTTP_ORIGIN="https://quire.test"
    )


def test_unverified_readers_comments_wait_and_verified_readers_comments_appear(client, make_post, clock):
    post = make_post()
    sign_up(client)
    page = client.get(post.get_absolute_url()).content.decode()
    assert "Your comments wait for a moderator until you" in page
    comment_as(client, post, clock, "Before confirming.")
    assert Comment.objects.get().status == Comment.Status.PENDING

    client.get(path_of(link_in_last_email()))
    clock.shift(60)
    comment_as(client, post, clock, "After confirming.")

    latest = Comment.objects.latest("pk")
    assert latest.status == Comment.Status.APPROVED
    assert latest.moderation_reason == "Signed-in reader with a verified email address."
