"""Every moderation and spam rule at its boundary, through the real form where a reader would meet it."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from blog.models import Comment, CommentBlocklistEntry
from blog.moderation import HOLD, Submission, verified_reader
from tests.comment_support import clock, commenter, comments_section, form_token, make_commenter  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(make_post):
    """Make `email` a known commenter: it has an approved comment from yesterday."""

    def make(email="ada@example.com"):
        Comment.objects.create(
            post=make_post("Older essay"),
            name="Ada Reader",
            email=email,
            body="Earlier.",
            status=Comment.Status.APPROVED,
            created_at=timezone.now() - timedelta(days=1),
        )

    return make


def test_honeypot_filled_is_spam_silently(commenter, make_post, django_capture_on_commit_callbacks):
    post = make_post()
    with django_capture_on_commit_callbacks(execute=True):
        response = commenter.comment(post, homepage_url="http://spam.example", body="Buy now")
    comment = Comment.objects.get()
    assert response.status_code == 302  # nothing tells the robot it was caught
    assert comment.status == Comment.Status.SPAM
    assert comment.moderation_reason == "The hidden honeypot field was filled in."
    assert "Buy now" not in Client().get(post.get_absolute_url()).content.decode()
    assert mail.outbox == []  # moderators are not bothered with spam


@pytest.mark.parametrize(
    "wait, accepted",
    [(2.9, False), (3, True), (2 * 60 * 60, True), (2 * 60 * 60 + 1, False)],
    ids=["2.9s", "3s", "2h", "2h+1s"],
)
def test_form_timing_window(commenter, make_post, wait, accepted):
    post = make_post()
    response = commenter.comment(post, wait=wait, body="Timed words")
    assert Comment.objects.exists() is accepted
    if not accepted:
        assert response.status_code == 400
        page = response.content.decode()
        assert ("quicker than anyone can type" in page) if wait < 3 else ("expired" in page)
        assert "send it again" in page.lower()
        assert "Timed words" in page


def test_after_a_timing_refusal_sending_again_works(commenter, make_post):
    post = make_post()
    refused = commenter.comment(post, wait=1)
    commenter.clock.shift(4)
    again = commenter.send(post, token=form_token(refused))
    assert again.status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("links, status", [(1, Comment.Status.APPROVED), (2, Comment.Status.PENDING)])
def test_two_or_more_links_are_held(commenter, make_post, known, links, status):
    known()
    post = make_post()
    body = " and ".join(f"[site {n}](https://example.com/{n})" for n in range(links))
    commenter.comment(post, body=body)
    comment = Comment.objects.get(post=post)
    assert comment.status == status
    if status == Comment.Status.PENDING:
        assert comment.moderation_reason == "Contains 2 links."


def test_plain_text_urls_count_as_links(commenter, make_post, known):
    known()
    post = make_post()
    commenter.comment(post, body="See https://one.example and www.two.example")
    assert Comment.objects.get(post=post).status == Comment.Status.PENDING


@pytest.mark.parametrize(
    "kind, value, fields, blocked",
    [
        ("word", "Casino", {"body": "Try the casino today!"}, True),
        ("word", "casino", {"body": "Casinos are a different word."}, False),
        ("word", "cheap pills", {"name": "CHEAP PILLS shop"}, True),
        ("email_domain", "spam.example", {"email": "bob@spam.example"}, True),
        ("email_domain", "@spam.example", {"email": "bob@mail.spam.example"}, True),
        ("email_domain", "spam.example", {"email": "bob@notspam.example"}, False),
        ("ip", "203.0.113.7", {"ip": "203.0.113.7"}, True),
        ("ip", "203.0.113.7", {"ip": "203.0.113.8"}, False),
        ("ip", "203.0.113.0/24", {"ip": "203.0.113.200"}, True),
        ("ip", "203.0.113.0/24", {"ip": "203.0.114.1"}, False),
        ("ip", "2001:db8::/32", {"ip": "2001:db8:5::1"}, True),
    ],
)
def test_blocklist_marks_spam(make_commenter, make_post, known, kind, value, fields, blocked):
    known("ok@example.com")
    entry = CommentBlocklistEntry(kind=kind, value=value)
    entry.full_clean()
    entry.save()
    post = make_post()
    reader = make_commenter(ip=fields.pop("ip", None))
    defaults = {"email": "ok@example.com", "body": "Innocent words."}
    reader.comment(post, **{**defaults, **fields})
    comment = Comment.objects.get(post=post)
    assert (comment.status == Comment.Status.SPAM) is blocked
    if blocked:
        assert "block" in comment.moderation_reason


def test_blocklist_entries_are_validated(db):
    entry = CommentBlocklistEntry(kind="ip", value="not-an-ip")
    with pytest.raises(Exception, match="IP address or a network"):
        entry.full_clean()


def test_first_comment_held_known_address_approved(make_commenter, make_post):
    post = make_post()
    make_commenter().comment(post, email="new@example.com", body="First")
    first = Comment.objects.get(body="First")
    assert first.status == Comment.Status.PENDING
    first.moderate(Comment.Status.APPROVED)
    make_commenter().comment(post, email="new@example.com", body="Second", wait=20)
    assert Comment.objects.get(body="Second").status == Comment.Status.APPROVED


def test_a_held_comment_does_not_make_the_address_known(make_commenter, make_post):
    post = make_post()
    make_commenter().comment(post, email="new@example.com", body="First")
    make_commenter().comment(post, email="new@example.com", body="Second", wait=60)
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.Status.PENDING}


def test_verified_reader_rule_is_the_seam_for_accounts(make_post):
    post = make_post()
    verified = Submission(
        post=post, body="x", body_html="", name="V", email="v@example.com", user=SimpleNamespace(email_verified=True)
    )
    unverified = Submission(post=post, body="x", body_html="", name="U", email="u@example.com", user=SimpleNamespace())
    assert verified_reader(verified).action == "approve"
    assert verified_reader(unverified) is None


def test_signed_in_reader_without_verified_email_is_held_like_anyone(make_post, django_user_model, clock):
    post = make_post()
    reader = django_user_model.objects.create_user("reader", "reader@example.com", "pw-long-enough-1")
    browser = Client()
    browser.force_login(reader)
    token = form_token(browser.get(post.get_absolute_url()))
    clock.shift(5)
    browser.post(
        f"{post.get_absolute_url()}comments/", {"token": token, "body": "Hello"}, HTTP_ORIGIN="https://quire.test"
    )
    assert Comment.objects.get().status == Comment.Status.PENDING


class TestFlooding:
    def test_second_comment_within_15_seconds_from_one_network_is_429(self, make_commenter, make_post):
        post = make_post()
        first = make_commenter(ip="203.0.113.5")
        first.comment(post, email="one@example.com", body="One")
        neighbour = make_commenter(ip="203.0.113.77")  # same /24
        token = form_token(neighbour.form_page(post))
        neighbour.clock.shift(14)  # 14 seconds after the first comment
        response = neighbour.send(post, token=token, email="two@example.com", body="Two, too soon")
        assert response.status_code == 429
        page = response.content.decode()
        assert "1 comment in the last 15 seconds" in page and "Please wait" in page
        assert "Two, too soon" in page
        assert response["Retry-After"] == "15"
        assert Comment.objects.count() == 1

        neighbour.clock.shift(1)  # exactly 15 seconds after the first
        assert neighbour.send(post, token=token, email="two@example.com", body="Two").status_code == 302
        assert Comment.objects.count() == 2

    def test_second_comment_within_15_seconds_from_one_email_is_429(self, make_commenter, make_post):
        post = make_post()
        make_commenter().comment(post, email="same@example.com", body="One")
        other_network = make_commenter()
        assert other_network.comment(post, email="SAME@example.com", body="Two", wait=10).status_code == 429
        assert Comment.objects.count() == 1

    def test_other_readers_are_not_slowed_down(self, make_commenter, make_post):
        post = make_post()
        make_commenter().comment(post, email="one@example.com", body="One")
        assert make_commenter().comment(post, email="two@example.com", body="Two").status_code == 302

    def test_eleventh_comment_in_an_hour_is_429(self, make_commenter, make_post):
        post = make_post()
        reader = make_commenter()
        for n in range(10):
            assert reader.comment(post, email="busy@example.com", body=f"Comment {n}", wait=16).status_code == 302
        eleventh = reader.comment(post, email="busy@example.com", body="Eleventh", wait=16)
        assert eleventh.status_code == 429
        assert "10 comments in the last hour" in eleventh.content.decode()
        assert Comment.objects.count() == 10
        # the first comment was posted 16 s in; an hour after it, one slot is free again
        first = Comment.objects.order_by("created_at").first()
        reader.clock.move_to(first.created_at + timedelta(hours=1))
        retry = reader.send(post, token=form_token(eleventh), email="busy@example.com", body="Eleventh")
        assert retry.status_code == 302

    def test_limits_count_across_processes_from_the_database(self, make_post, make_commenter):
        """A comment stored by another worker (here: written straight to the table) counts just the same."""
        post = make_post()
        reader = make_commenter(ip="192.0.2.10")
        Comment.objects.create(
            post=post, name="Other", email="x@example.com", body="From elsewhere", ip_network="192.0.2.0"
        )
        assert reader.comment(post, email="y@example.com", body="Hi", wait=5).status_code == 429


def test_moderation_reason_defaults_to_hold_for_first_comment(make_post):
    from blog.moderation import judge

    post = make_post()
    now = timezone.now()
    verdict = judge(
        Submission(
            post=post,
            body="Hi",
            body_html="<p>Hi</p>",
            name="N",
            email="n@example.com",
            form_issued_at=now - timedelta(seconds=10),
            now=now,
        )
    )
    assert (verdict.action, verdict.status) == (HOLD, Comment.Status.PENDING)


def test_held_comment_is_in_no_public_place(commenter, make_post):
    post = make_post()
    commenter.comment(post, body="Secret held words")
    stranger = Client()
    for url in [post.get_absolute_url(), "/", f"{post.get_absolute_url()}comments.xml", "/comments.xml"]:
        assert "Secret held words" not in stranger.get(url).content.decode(), url
    assert "Secret held words" in comments_section(commenter.client.get(post.get_absolute_url()).content.decode())


def test_behind_a_proxy_the_forwarded_address_counts(make_post, make_commenter, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    post = make_post()
    for n, forwarded in enumerate(["6.6.6.6, 198.51.100.20", "6.6.6.6, 203.0.113.20"]):
        reader = make_commenter(ip="127.0.0.1")
        token = form_token(reader.form_page(post))
        reader.clock.shift(5)
        response = reader.client.post(
            f"{post.get_absolute_url()}comments/",
            {"name": "P", "email": f"p{n}@example.com", "body": f"Via proxy {n}", "token": token},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
            HTTP_ORIGIN="https://quire.test",
        )
        assert response.status_code == 302  # the spoofable left-hand entry (6.6.6.6) is ignored
    assert sorted(Comment.objects.values_list("ip_network", flat=True)) == ["198.51.100.0", "203.0.113.0"]


def test_a_proxy_the_settings_do_not_know_about_is_reported_once(caplog, settings, monkeypatch):
    from config import client_ip

    settings.TRUSTED_PROXY_COUNT = 0
    monkeypatch.setattr(client_ip, "warned_about_proxy", False)
    for _ in range(2):
        Client().post("/accounts/password/reset/", {"email": "someone@example.com"}, REMOTE_ADDR="127.0.0.1",
                      HTTP_X_FORWARDED_FOR="198.51.100.20")
    warnings = [record for record in caplog.records if "TRUSTED_PROXY_COUNT is 0" in record.getMessage()]
    assert len(warnings) == 1


@pytest.mark.parametrize(
    "address, stored",
    [("203.0.113.77", "203.0.113.0"), ("2001:db8:abcd:12:34::1", "2001:db8:abcd::"), ("not an ip", None), ("", None)],
)
def test_addresses_are_stored_truncated(address, stored):
    from config.client_ip import truncate_ip

    assert truncate_ip(address) == stored
