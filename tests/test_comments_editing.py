"""Authors edit or delete their own comment for 15 minutes: anonymous ones by a signed cookie, signed-in ones by
account. Nobody else can, and an edited comment says so."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from blog.models import Comment
from tests.comment_support import clock, comments_section, make_commenter  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_reader(make_commenter, make_post):
    """A reader whose address is known (comments are approved at once), with a comment just posted."""
    post = make_post()
    Comment.objects.create(
        post=post,
        name="Ada Reader",
        email="ada@example.com",
        body="Old",
        status="approved",
        created_at=timezone.now() - timedelta(days=1),
    )
    reader = make_commenter()
    reader.comment(post, body="First words")
    return reader, Comment.objects.get(body="First words")


def test_author_edits_within_15_minutes_and_the_comment_says_edited(known_reader):
    reader, comment = known_reader
    page = reader.client.get(comment.post.get_absolute_url()).content.decode()
    assert f'href="/comments/{comment.pk}/edit/"' in page

    form = reader.client.get(f"/comments/{comment.pk}/edit/")
    assert form.status_code == 200 and "First words" in form.content.decode()
    reader.clock.shift(14 * 60)
    response = reader.client.post(f"/comments/{comment.pk}/edit/", {"body": "Better words"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.body, comment.body_html, comment.status) == ("Better words", "<p>Better words</p>", "approved")
    assert comment.edited_at is not None
    public = comments_section(Client().get(comment.post.get_absolute_url()).content.decode())
    assert "Better words" in public and "(edited" in public


def test_after_15_minutes_the_comment_is_fixed(known_reader):
    reader, comment = known_reader
    reader.clock.shift(15 * 60)
    assert reader.client.post(f"/comments/{comment.pk}/edit/", {"body": "Too late"}).status_code == 403
    assert reader.client.post(f"/comments/{comment.pk}/delete/").status_code == 403
    assert f"/comments/{comment.pk}/edit/" not in reader.client.get(comment.post.get_absolute_url()).content.decode()
    comment.refresh_from_db()
    assert comment.body == "First words"


def test_someone_else_cannot_edit_or_delete(known_reader):
    _, comment = known_reader
    stranger = Client()
    assert stranger.get(f"/comments/{comment.pk}/edit/").status_code == 403
    assert stranger.post(f"/comments/{comment.pk}/edit/", {"body": "Hijacked"}).status_code == 403
    assert stranger.post(f"/comments/{comment.pk}/delete/").status_code == 403
    comment.refresh_from_db()
    assert (comment.body, comment.status) == ("First words", "approved")


def test_a_forged_author_cookie_gives_no_rights(known_reader):
    _, comment = known_reader
    forger = Client()
    forger.cookies[settings.COMMENTS_AUTHOR_COOKIE] = f"{comment.pk}:forged:signature"
    assert forger.post(f"/comments/{comment.pk}/edit/", {"body": "Hijacked"}).status_code == 400  # never set here
    comment.refresh_from_db()
    assert comment.body != "Hijacked"


def test_signed_in_author_edits_by_account_from_any_browser(make_post, django_user_model, clock):
    post = make_post()
    owner = django_user_model.objects.create_user("owner", "owner@example.com", "pw-long-enough-1")
    other = django_user_model.objects.create_user("other", "other@example.com", "pw-long-enough-1")
    comment = Comment.objects.create(
        post=post, user=owner, name="Owner", email="owner@example.com", body="Mine", status="approved"
    )
    phone = Client()
    phone.force_login(owner)
    assert phone.post(f"/comments/{comment.pk}/edit/", {"body": "Mine, edited"}).status_code == 302
    intruder = Client()
    intruder.force_login(other)
    assert intruder.post(f"/comments/{comment.pk}/edit/", {"body": "Theirs"}).status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Mine, edited"


def test_an_edit_that_adds_links_goes_back_to_moderation(known_reader):
    reader, comment = known_reader
    reader.client.post(f"/comments/{comment.pk}/edit/", {"body": "[a](https://a.example) [b](https://b.example)"})
    comment.refresh_from_db()
    assert comment.status == "pending"
    assert comment.moderation_reason == "Contains 2 links."
    assert "a.example" not in Client().get(comment.post.get_absolute_url()).content.decode()


def test_an_empty_or_too_long_edit_is_refused_with_a_message(known_reader):
    reader, comment = known_reader
    empty = reader.client.post(f"/comments/{comment.pk}/edit/", {"body": "  "})
    assert empty.status_code == 400 and "delete it instead" in empty.content.decode()
    too_long = reader.client.post(f"/comments/{comment.pk}/edit/", {"body": "x" * 5001})
    assert too_long.status_code == 400 and "at most 5,000 characters" in too_long.content.decode()


def test_author_deletes_and_replies_keep_a_marker(known_reader, make_commenter):
    reader, comment = known_reader
    make_commenter().comment(comment.post, parent=comment, body="A reply", email="ada@example.com", wait=20)
    assert reader.client.get(f"/comments/{comment.pk}/delete/").status_code == 200
    assert reader.client.post(f"/comments/{comment.pk}/delete/").status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.body) == ("removed", "")
    thread = comments_section(Client().get(comment.post.get_absolute_url()).content.decode())
    assert "[removed]" in thread and "A reply" in thread and "First words" not in thread


def test_author_deletes_a_comment_without_replies_and_it_is_gone(known_reader):
    reader, comment = known_reader
    reader.client.post(f"/comments/{comment.pk}/delete/")
    thread = comments_section(Client().get(comment.post.get_absolute_url()).content.decode())
    assert "First words" not in thread and "[removed]" not in thread


def test_reposting_someone_elses_words_does_not_grant_their_edit_rights(make_commenter, make_post):
    post = make_post()
    victim = make_commenter(ip="203.0.113.10")
    victim.comment(post, body="My exact words.", email="victim@example.org", name="Victim")
    comment = Comment.objects.get(post=post)
    attacker = make_commenter(ip="203.0.113.99")  # same /24 network, another browser and form
    attacker.comment(post, body="My exact words.", email="victim@example.org", name="Mallory")
    assert Comment.objects.filter(post=post).count() == 1
    response = attacker.client.post(f"/comments/{comment.pk}/edit/", {"body": "Edited by attacker"}, REMOTE_ADDR=attacker.ip)
    assert response.status_code in (403, 404)
    comment.refresh_from_db()
    assert comment.body == "My exact words."
