"""The profile page: editing it, the reader's own comments with their status, the data export, and deleting the
account in both modes (and what happens to the comments)."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from accounts.erasure import DELETED_NAME
from blog.models import Comment
from tests.account_support import PASSWORD, is_signed_in, reader  # noqa: F401
from tests.comment_support import comments_section

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def signed_in(client, reader):
    client.force_login(reader)
    return client


def comment_by(user, post, body, status=Comment.Status.APPROVED, parent=None, **fields):
    comment = Comment(
        post=post, user=user, name=user.public_name if user else fields.pop("name", "Someone"),
        email=user.email if user else fields.pop("email", "someone@example.com"), body=body, status=status,
        ip_network="192.0.2.0", **fields,
    )
    comment.attach_to(parent)
    comment.save()
    return comment


def profile_data(**fields):
    data = {"display_name": "Rae Reader", "email": "reader@example.com", "bio": "", "website": ""}
    data["current_password"] = ""
    data.update(fields)
    return data


def test_profile_needs_a_login(client):
    assert client.get("/accounts/profile/")["Location"] == "/accounts/login/?next=/accounts/profile/"


def test_profile_is_private_and_never_cached(signed_in):
    response = signed_in.get("/accounts/profile/")
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    assert "Cookie" in response["Vary"]


def test_edit_display_name_bio_and_website(signed_in, reader):
    response = signed_in.post(
        "/accounts/profile/", profile_data(display_name="Rae R.", bio="I read essays.", website="rae.example.org")
    )
    assert response["Location"] == "/accounts/profile/"
    reader.refresh_from_db()
    assert (reader.display_name, reader.bio, reader.website) == ("Rae R.", "I read essays.", "https://rae.example.org")
    page = signed_in.get("/accounts/profile/").content.decode()
    assert "Your profile is saved." in page
    assert "Rae R." in page


def test_bad_website_is_an_error_next_to_the_field_and_nothing_is_saved(signed_in, reader):
    response = signed_in.post("/accounts/profile/", profile_data(display_name="Changed", website="not a url at all"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_website_error"' in html and "Enter a valid URL." in html
    assert 'aria-describedby="id_website_helptext id_website_error"' in html
    reader.refresh_from_db()
    assert reader.display_name == "Rae Reader"
    assert "<summary><span class=\"visually-hidden\">Signed in as </span>Rae Reader</summary>" in html


def test_overlong_website_is_a_form_error_not_a_server_error(signed_in, reader):
    response = signed_in.post("/accounts/profile/", profile_data(website="https://example.org/" + "a" * 200))
    assert response.status_code == 400
    assert "Ensure this value has at most 200 characters" in response.content.decode()


def test_changing_email_needs_the_password_and_a_new_confirmation(signed_in, reader):
    reader.mark_email_verified()
    refused = signed_in.post("/accounts/profile/", profile_data(email="new@example.com"))
    assert refused.status_code == 400
    assert "enter your current password correctly" in refused.content.decode()
    reader.refresh_from_db()
    assert reader.email == "reader@example.com" and reader.email_verified

    signed_in.post("/accounts/profile/", profile_data(email="new@example.com", current_password=PASSWORD))

    reader.refresh_from_db()
    assert reader.email == "new@example.com" and not reader.email_verified
    assert mail.outbox[-1].to == ["new@example.com"]


def test_email_of_another_account_is_refused(signed_in, django_user_model):
    django_user_model.objects.create_user("other", "other@example.com", "x-long-password-1")
    response = signed_in.post("/accounts/profile/", profile_data(email="OTHER@example.com", current_password=PASSWORD))
    assert response.status_code == 400
    assert "An account with this email address already exists." in response.content.decode()


def test_profile_lists_own_comments_with_their_status(signed_in, reader, make_post, django_user_model):
    post = make_post("Open essay")
    hidden_post = make_post("Later withdrawn", status="draft")
    comment_by(reader, post, "Published words", Comment.Status.APPROVED)
    comment_by(reader, post, "Waiting words", Comment.Status.PENDING)
    comment_by(reader, post, "Spammy words", Comment.Status.SPAM)
    comment_by(reader, hidden_post, "On a draft", Comment.Status.APPROVED)
    other = django_user_model.objects.create_user("other", "other@example.com", "x-long-password-1")
    comment_by(other, post, "Someone else's words")

    html = signed_in.get("/accounts/profile/").content.decode()

    section = html.split('id="comments-heading"', 1)[1].split("</ol>", 1)[0]
    assert section.count("<li>") == 4
    assert "Published words" in section and "Published</span>" in section
    assert section.count("Awaiting moderation") == 2  # spam is not announced to its author
    assert "Someone else" not in section
    assert f'href="{post.get_absolute_url()}#comment-' in section
    assert f'href="{hidden_post.get_absolute_url()}' not in section


def test_export_is_a_json_download_of_profile_and_comments(signed_in, reader, make_post):
    reader.bio, reader.website = "Bio here.", "https://rae.example.org"
    reader.save()
    post = make_post("Open essay")
    first = comment_by(reader, post, "First words", notify_replies=True)
    comment_by(reader, post, "A reply", Comment.Status.PENDING, parent=first)

    response = signed_in.get("/accounts/profile/export/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="quire-account-{reader.pk}.json"'
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["profile"] == {
        "username": "reader",
        "display_name": "Rae Reader",
        "email": "reader@example.com",
        "email_verified": False,
        "bio": "Bio here.",
        "website": "https://rae.example.org",
        "date_joined": reader.date_joined.isoformat(),
        "last_login": reader.last_login.isoformat(),
    }
    assert [c["body"] for c in data["comments"]] == ["First words", "A reply"]
    assert data["comments"][0]["post"] == {"title": "Open essay", "url": f"https://quire.test{post.get_absolute_url()}"}
    assert data["comments"][0]["email_me_replies"] is True
    assert data["comments"][1]["in_reply_to"] == first.pk and data["comments"][1]["status"] == "pending"
    assert "password" not in response.content.decode()


def test_export_needs_a_login(client):
    assert client.get("/accounts/profile/export/").status_code == 302


class TestDeletion:
    def test_wrong_password_or_no_choice_deletes_nothing(self, signed_in, reader):
        wrong = signed_in.post("/accounts/profile/delete/", {"comments": "keep", "password": "nope"})
        assert wrong.status_code == 400 and "That is not your password." in wrong.content.decode()
        no_choice = signed_in.post("/accounts/profile/delete/", {"password": PASSWORD})
        assert no_choice.status_code == 400 and "Choose what happens to your comments." in no_choice.content.decode()
        assert User.objects.filter(pk=reader.pk).exists()

    def test_keeping_comments_shows_them_as_deleted_user(self, signed_in, reader, make_post):
        post = make_post()
        kept = comment_by(reader, post, "Words worth keeping", website="https://rae.example.org")

        response = signed_in.post("/accounts/profile/delete/", {"comments": "keep", "password": PASSWORD})

        assert response["Location"] == "/accounts/deleted/"
        assert not User.objects.filter(pk=reader.pk).exists()
        assert not is_signed_in(signed_in)
        kept.refresh_from_db()
        assert (kept.user, kept.name, kept.email, kept.website, kept.ip_network) == (None, DELETED_NAME, "", "", None)
        assert kept.status == Comment.Status.APPROVED and kept.body == "Words worth keeping"
        thread = comments_section(Client().get(post.get_absolute_url()).content.decode())
        assert "[deleted user]" in thread and "Words worth keeping" in thread
        assert "Rae Reader" not in thread and "rae.example.org" not in thread

    def test_removing_comments_keeps_other_readers_replies_readable(self, signed_in, reader, make_post):
        post = make_post()
        answered = comment_by(reader, post, "A question with an answer")
        reply = comment_by(None, post, "An answer from someone else", parent=answered, name="Other Reader")
        lonely = comment_by(reader, post, "Nobody answered this")
        own_reply = comment_by(reader, post, "Replying to myself", parent=lonely)

        signed_in.post("/accounts/profile/delete/", {"comments": "remove", "password": PASSWORD})

        assert not Comment.objects.filter(pk__in=[lonely.pk, own_reply.pk]).exists()
        answered.refresh_from_db()
        assert answered.status == Comment.Status.REMOVED
        assert (answered.body, answered.name, answered.email, answered.user) == ("", DELETED_NAME, "", None)
        assert Comment.objects.get(pk=reply.pk).status == Comment.Status.APPROVED
        thread = comments_section(Client().get(post.get_absolute_url()).content.decode())
        assert "[removed]" in thread and "An answer from someone else" in thread
        assert "A question" not in thread and "Nobody answered" not in thread

    def test_an_author_with_essays_is_told_to_ask_an_editor(self, client, author, make_post):
        make_post()
        client.force_login(author)
        page = client.get("/accounts/profile/delete/")
        assert "ask an editor to hand your essays to another author" in page.content.decode()
        assert 'name="password"' not in page.content.decode()
        refused = client.post("/accounts/profile/delete/", {"comments": "keep", "password": "a-long-test-password"})
        assert refused.status_code == 409
        assert User.objects.filter(pk=author.pk).exists()

    def test_delete_needs_a_login_and_a_post(self, client, signed_in, reader):
        assert Client().post("/accounts/profile/delete/", {"comments": "keep"}).status_code == 302
        assert signed_in.get("/accounts/profile/delete/").status_code == 200
        assert User.objects.filter(pk=reader.pk).exists()
