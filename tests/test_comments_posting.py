"""Posting comments through the real form: redirect to the comment, held comments seen by their author only,
cache-friendly anonymous pages, cross-site protection, closed and non-public posts, replies and duplicates."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from blog.models import Comment, Post
from tests.comment_support import clock, commenter, comments_section, form_token, make_commenter  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_by(make_post):
    """An approved comment from `email`, which makes that address a known commenter."""

    def make(email, post=None, **fields):
        return Comment.objects.create(
            post=post or make_post("Earlier essay", slug="earlier-essay"),
            name=fields.pop("name", "Ada Reader"),
            email=email,
            body=fields.pop("body", "An earlier approved comment."),
            status=Comment.Status.APPROVED,
            created_at=timezone.now() - timedelta(days=1),
            **fields,
        )

    return make


def test_anonymous_post_page_sets_no_cookie_and_does_not_vary_on_cookie(client, make_post):
    post = make_post()
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert "private" not in response.get("Cache-Control", "")
    page = response.content.decode()
    assert "csrfmiddlewaretoken" not in page
    assert 'name="token"' in page and 'name="email"' in page


def test_first_comment_is_held_and_only_its_author_sees_it(commenter, make_post):
    post = make_post()
    response = commenter.comment(post, body="I *loved* this essay.")

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{post.get_absolute_url()}?comment={comment.pk}#comment-{comment.pk}"
    assert comment.status == Comment.Status.PENDING
    assert comment.moderation_reason == "First comment from this email address."
    assert comment.body_html == "<p>I <em>loved</em> this essay.</p>"

    own_page = commenter.client.get(post.get_absolute_url())
    assert "Awaiting moderation" in own_page.content.decode()
    assert "I <em>loved</em> this essay." in comments_section(own_page.content.decode())
    assert "private" in own_page["Cache-Control"] and "Cookie" in own_page["Vary"]

    stranger_page = Client().get(post.get_absolute_url()).content.decode()
    assert "loved" not in stranger_page
    assert "Awaiting moderation" not in stranger_page


def test_comment_from_a_known_address_is_approved_and_counted(commenter, make_post, approved_by):
    post = make_post("Counted essay", slug="counted")
    approved_by("ada@example.com", website="https://ada.example.org")

    commenter.comment(post, body="Back again.", email="ADA@example.com", website="ada.example.org")

    comment = Comment.objects.get(post=post)
    assert comment.status == Comment.Status.APPROVED
    assert comment.email == "ada@example.com"
    page = Client().get(post.get_absolute_url()).content.decode()
    thread = comments_section(page)
    assert "Back again." in thread
    assert '<a href="https://ada.example.org" rel="nofollow ugc noopener">Ada Reader</a>' in thread
    assert "ada@example.com" not in page
    assert "1 comment" in page
    home = Client().get("/").content.decode()
    assert f'href="{post.get_absolute_url()}#comments">1 comment</a>' in home


def test_signed_in_reader_is_not_asked_for_name_or_email_and_csrf_is_enforced(make_post, django_user_model, clock):
    post = make_post()
    reader = django_user_model.objects.create_user(
        "reader", "reader@example.com", "pw-long-enough-1", display_name="Rae"
    )
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reader)

    page = browser.get(post.get_absolute_url())
    html = page.content.decode()
    assert 'name="name"' not in html and 'name="email"' not in html
    assert "Commenting as <strong>Rae</strong>" in html
    csrf = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    token = form_token(page)
    clock.shift(5)

    without_csrf = browser.post(
        f"{post.get_absolute_url()}comments/", {"token": token, "body": "Hi"}, HTTP_ORIGIN="https://quire.test"
    )
    assert without_csrf.status_code == 403
    assert not Comment.objects.exists()

    with_csrf = browser.post(
        f"{post.get_absolute_url()}comments/",
        {"token": token, "body": "Hi", "csrfmiddlewaretoken": csrf},
        HTTP_ORIGIN="https://quire.test",
    )
    assert with_csrf.status_code == 302
    comment = Comment.objects.get()
    assert (comment.user, comment.name, comment.email) == (reader, "Rae", "reader@example.com")


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_ORIGIN": "null"}, {"HTTP_REFERER": "https://evil.example/page"}],
    ids=["foreign-origin", "null-origin", "foreign-referer"],
)
def test_anonymous_comment_from_another_site_is_refused(commenter, make_post, headers):
    post = make_post()
    token = form_token(commenter.form_page(post))
    commenter.clock.shift(5)
    response = commenter.client.post(
        f"{post.get_absolute_url()}comments/",
        {"name": "Eve", "email": "eve@example.com", "body": "Cross-site", "token": token},
        REMOTE_ADDR=commenter.ip,
        **headers,
    )
    assert response.status_code == 403
    assert "sent from another website" in response.content.decode()
    assert not Comment.objects.exists()


def test_same_host_origin_and_referer_are_accepted(commenter, make_post):
    post = make_post()
    assert commenter.comment(post, origin="http://testserver").status_code == 302
    token = form_token(commenter.form_page(post))
    commenter.clock.shift(20)
    response = commenter.client.post(
        f"{post.get_absolute_url()}comments/",
        {"name": "Ada", "email": "other@example.com", "body": "Via referer", "token": token},
        REMOTE_ADDR="192.0.2.9",
        HTTP_REFERER="https://quire.test/blog/essay-1/",
    )
    assert response.status_code == 302
    assert Comment.objects.count() == 2


@pytest.mark.parametrize("kind", ["draft", "scheduled", "unknown"])
def test_posting_to_a_post_that_is_not_public_is_404(commenter, make_post, kind):
    live = make_post(slug="live")
    token = form_token(commenter.form_page(live))
    if kind == "draft":
        target = make_post(slug="draft", status=Post.Status.DRAFT)
    elif kind == "scheduled":
        target = make_post(slug="scheduled", days=2)
    else:
        target = Post(slug="no-such-essay")
    commenter.clock.shift(5)
    response = commenter.send(target, token=token)
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_post_with_comments_closed_shows_no_form_and_refuses_comments(commenter, make_post):
    open_post = make_post(slug="open")
    token = form_token(commenter.form_page(open_post))
    closed = make_post(slug="closed", comments_enabled=False)

    page = commenter.client.get(closed.get_absolute_url()).content.decode()
    assert "Comments are closed on this essay." in page
    assert 'class="comment-form"' not in page

    commenter.clock.shift(5)
    response = commenter.send(closed, token=token)
    assert response.status_code == 403
    assert "Comments are closed on this essay." in response.content.decode()
    assert 'class="comment-form"' not in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize("days_ago, is_open", [(29, True), (31, False)])
def test_comments_close_automatically_after_the_configured_days(client, make_post, settings, days_ago, is_open):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    post = make_post(days=-days_ago)
    page = client.get(post.get_absolute_url()).content.decode()
    assert ('class="comment-form"' in page) is is_open
    assert ("Comments are closed on this essay." in page) is not is_open


def test_comments_never_close_by_age_by_default(client, make_post):
    post = make_post(days=-3650)
    assert 'class="comment-form"' in client.get(post.get_absolute_url()).content.decode()


@pytest.mark.parametrize("length, accepted", [(5000, True), (5001, False)])
def test_comment_length_limit(commenter, make_post, length, accepted):
    post = make_post()
    body = "w" * length
    response = commenter.comment(post, body=body)
    assert (response.status_code == 302) is accepted
    assert Comment.objects.exists() is accepted
    if not accepted:
        assert response.status_code == 400
        page = response.content.decode()
        assert "Comments can be at most 5,000 characters; this one has 5,001." in page
        assert body in page  # the text is kept for the reader to shorten


def test_missing_fields_are_explained_and_the_text_kept(commenter, make_post):
    post = make_post()
    response = commenter.comment(post, email="not-an-address", body="Keep these words.")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a valid email address." in page
    assert "Keep these words." in page
    assert form_token(response)  # a fresh token to send it again


@pytest.mark.parametrize("token", ["forged", "eyJwb3N0IjoxfQ:1abc:def"], ids=["garbage", "bad-signature"])
def test_a_forged_form_token_is_refused(commenter, make_post, token):
    post = make_post()
    commenter.form_page(post)
    response = commenter.send(post, token=token)
    assert response.status_code == 400
    assert "could not be checked" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_token_for_another_post_is_refused(commenter, make_post):
    first, second = make_post(slug="first"), make_post(slug="second")
    token = form_token(commenter.form_page(first))
    commenter.clock.shift(5)
    assert commenter.send(second, token=token).status_code == 400
    assert not Comment.objects.exists()


def test_replies_nest_three_levels_and_a_reply_to_the_third_becomes_its_sibling(make_commenter, make_post, approved_by):
    post = make_post()
    approved_by("ada@example.com")
    ada = make_commenter()
    ada.comment(post, body="Level one")
    one = Comment.objects.get(body="Level one")
    ada.clock.shift(20)
    ada.comment(post, parent=one, body="Level two")
    two = Comment.objects.get(body="Level two")
    ada.clock.shift(20)
    ada.comment(post, parent=two, body="Level three")
    three = Comment.objects.get(body="Level three")
    ada.clock.shift(20)
    ada.comment(post, parent=three, body="Also level three")
    sibling = Comment.objects.get(body="Also level three")

    assert [(c.depth, c.parent_id) for c in (one, two, three, sibling)] == [
        (1, None),
        (2, one.pk),
        (3, two.pk),
        (3, two.pk),
    ]
    thread = comments_section(Client().get(post.get_absolute_url()).content.decode())
    assert (
        thread.index("Level one")
        < thread.index("Level two")
        < thread.index("Level three")
        < thread.index("Also level three")
    )
    assert thread.count('class="comment comment--reply"') == 3


def test_a_known_address_under_another_name_or_website_is_held(commenter, make_post, approved_by):
    post = make_post("Impersonated essay", slug="impersonated")
    approved_by("victim@example.org", name="Victim")
    commenter.comment(post, body="Hello again.", name="Victim", email="VICTIM@example.org", website="https://evil.example")
    commenter.clock.shift(60)
    commenter.comment(post, body="Me again.", name="Someone Else", email="victim@example.org")
    assert set(Comment.objects.filter(post=post).values_list("status", flat=True)) == {Comment.Status.PENDING}


def test_reply_page_quotes_the_comment_and_404s_for_unapproved_ones(client, make_post):
    post = make_post()
    approved = Comment.objects.create(
        post=post, name="Una", email="una@example.com", body="Approved words", status="approved"
    )
    held = Comment.objects.create(post=post, name="Hal", email="hal@example.com", body="Held words", status="pending")
    page = client.get(f"/comments/{approved.pk}/reply/")
    assert page.status_code == 200
    assert "Reply to Una" in page.content.decode() and "Approved words" in page.content.decode()
    assert f'name="parent" value="{approved.pk}"' in page.content.decode()
    assert not page.cookies and "Cookie" not in page.get("Vary", "")
    assert client.get(f"/comments/{held.pk}/reply/").status_code == 404


def test_a_reply_to_an_unapproved_comment_is_refused(commenter, make_post):
    post = make_post()
    held = Comment.objects.create(post=post, name="Hal", email="hal@example.com", body="Held", status="pending")
    token = form_token(commenter.form_page(post))
    commenter.clock.shift(5)
    response = commenter.send(post, token=token, parent=held.pk)
    assert response.status_code == 400
    assert "no longer available" in response.content.decode()
    assert Comment.objects.count() == 1


def test_removed_comment_with_replies_leaves_a_marker(client, make_post):
    post = make_post()
    removed = Comment.objects.create(post=post, name="Gone", email="g@example.com", body="Rude words", status="removed")
    reply = Comment(post=post, name="Kind", email="k@example.com", body="A kind reply", status="approved")
    reply.attach_to(removed)
    reply.save()
    Comment.objects.create(post=post, name="Alone", email="a@example.com", body="Removed, no replies", status="removed")

    thread = comments_section(client.get(post.get_absolute_url()).content.decode())
    assert thread.count("[removed]") == 1
    assert "Rude words" not in thread and "Removed, no replies" not in thread
    assert "A kind reply" in thread


def test_the_same_form_sent_twice_is_stored_once(commenter, make_post):
    post = make_post()
    token = form_token(commenter.form_page(post))
    commenter.clock.shift(5)
    first = commenter.send(post, token=token, body="Double click")
    second = commenter.send(post, token=token, body="Double click")
    assert Comment.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]


def test_the_same_words_sent_again_from_a_fresh_form_are_stored_once(commenter, make_post):
    post = make_post()
    commenter.comment(post, body="Said  it once.")
    commenter.clock.shift(60)
    again = commenter.comment(post, body="Said it once. ")
    assert again.status_code == 302
    assert Comment.objects.count() == 1


def test_the_same_words_from_someone_else_are_two_comments(make_commenter, make_post):
    post = make_post()
    make_commenter().comment(post, body="Agreed.", email="one@example.com")
    make_commenter().comment(post, body="Agreed.", email="two@example.com")
    assert Comment.objects.count() == 2
