"""Logging in and out, redirects back to where the reader was (and only on this site), brute-force throttling on
the site's and the admin's login, password reset through the email outbox, and password change."""

import pytest
from django.core import mail
from django.test import Client

from tests.account_support import PASSWORD, is_signed_in, link_in_last_email, log_in, path_of, reader  # noqa: F401
from tests.comment_support import clock  # noqa: F401

pytestmark = pytest.mark.django_db


def test_login_page_uses_the_site_templates_and_logs_in(client, reader):
    page = client.get("/accounts/login/")
    html = page.content.decode()
    assert page.status_code == 200
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    assert '<label for="id_username">' in html and '<label for="id_password">' in html
    assert 'href="/accounts/password/reset/"' in html and 'href="/accounts/signup/"' in html

    response = log_in(client)
    assert response.status_code == 302 and response["Location"] == "/accounts/profile/"
    assert is_signed_in(client)


def test_wrong_password_says_so_above_the_form(client, reader):
    response = log_in(client, password="not-it")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html and "Please enter a correct username and password" in html
    assert not is_signed_in(client)


def test_login_goes_back_to_the_post_the_reader_wanted_to_comment_on(client, reader, make_post):
    post = make_post()
    page = client.get(post.get_absolute_url()).content.decode()
    login_link = f'href="/accounts/login/?next={post.get_absolute_url()}%23comments"'
    assert login_link in page

    form = client.get(f"/accounts/login/?next={post.get_absolute_url()}%23comments").content.decode()
    assert f'name="next" value="{post.get_absolute_url()}#comments"' in form
    response = log_in(client, next=f"{post.get_absolute_url()}#comments")
    assert response["Location"] == f"{post.get_absolute_url()}#comments"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http://quire.test.evil.example/",
        "https:evil.example",
        " //evil.example",
    ],
)
def test_login_never_redirects_to_another_site(client, reader, target):
    response = log_in(client, next=target)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/"


def test_logout_is_a_post_and_returns_to_the_page(client, reader, make_post):
    post = make_post()
    client.force_login(reader)
    assert client.get("/accounts/logout/").status_code == 405
    assert is_signed_in(client)

    response = client.post("/accounts/logout/", {"next": post.get_absolute_url()})

    assert response["Location"] == post.get_absolute_url()
    assert not is_signed_in(client)
    assert client.post("/accounts/logout/", {"next": "https://evil.example/"})["Location"] == "/"


class TestThrottling:
    def test_five_failures_for_one_user_name_lock_it_even_from_new_addresses(self, client, reader):
        for n in range(4):
            assert log_in(Client(), password="wrong", ip=f"203.0.113.{n}").status_code == 200

        fifth = log_in(Client(), password="wrong", ip="203.0.113.4")
        assert fifth.status_code == 429

        browser = Client()
        refused = log_in(browser, ip="198.51.100.1")  # the right password, from an address never seen before
        assert refused.status_code == 429
        assert not is_signed_in(browser)
        html = refused.content.decode()
        assert "Too many login attempts" in html
        assert "Please try again in 15 minutes." in html
        assert int(refused["Retry-After"]) == 15 * 60

    def test_five_failures_from_one_address_lock_every_user_name_from_it(self, django_user_model, reader):
        django_user_model.objects.create_user("other", "other@example.com", "other-long-password")
        attacker = "203.0.113.50"
        for name in ["alice", "bob", "carol", "dave", "erin"]:
            log_in(Client(), username=name, password="guess", ip=attacker)

        same_address = Client()
        assert log_in(same_address, "other", "other-long-password", ip=attacker).status_code == 429
        assert not is_signed_in(same_address)
        elsewhere = Client()
        assert log_in(elsewhere, "other", "other-long-password", ip="198.51.100.9").status_code == 302
        assert is_signed_in(elsewhere)

    def test_four_failures_still_let_the_right_password_in(self, client, reader):
        for _ in range(4):
            log_in(client, password="wrong")
        assert log_in(client).status_code == 302

    def test_lock_is_released_after_the_window_and_refusals_do_not_prolong_it(self, reader, clock):
        for _ in range(5):
            log_in(Client(), password="wrong")
        clock.shift(10 * 60)
        assert log_in(Client()).status_code == 429  # refused; does not restart the 15 minutes
        later = Client()
        clock.shift(5 * 60 + 1)
        assert log_in(later).status_code == 302
        assert is_signed_in(later)

    def test_lock_message_counts_down(self, reader, clock):
        for _ in range(5):
            log_in(Client(), password="wrong")
        clock.shift(11 * 60)
        assert "Please try again in 4 minutes." in log_in(Client()).content.decode()

    def test_admin_login_is_throttled_too(self, admin_user):
        for n in range(5):
            Client().post(
                "/admin/login/?next=/admin/", {"username": "admin", "password": "wrong"}, REMOTE_ADDR=f"203.0.113.{n}"
            )
        browser = Client()
        response = browser.post(
            "/admin/login/?next=/admin/", {"username": "admin", "password": "password"}, REMOTE_ADDR="198.51.100.7"
        )
        assert response.status_code == 429
        assert "Too many login attempts" in response.content.decode()
        assert not is_signed_in(browser)

    def test_failures_on_the_admin_count_for_the_site_login(self, reader):
        for _ in range(5):
            Client().post("/admin/login/", {"username": "reader", "password": "wrong"}, REMOTE_ADDR="203.0.113.70")
        assert log_in(Client(), ip="198.51.100.70").status_code == 429

    def test_login_in_tests_without_a_request_still_works(self, client, reader):
        assert client.login(username="reader", password=PASSWORD)
        assert not client.login(username="reader", password="wrong")


def test_password_reset_through_the_email(client, reader):
    form = client.get("/accounts/password/reset/")
    assert form.status_code == 200
    response = client.post("/accounts/password/reset/", {"email": "reader@example.com"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1
    link = link_in_last_email(to="reader@example.com")
    assert link.startswith("https://quire.test/accounts/password/reset/")

    set_password_page = client.get(path_of(link), follow=True)
    assert set_password_page.status_code == 200
    assert "Set a new password" in set_password_page.content.decode()
    done = client.post(
        set_password_page.redirect_chain[-1][0],
        {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
    )
    assert done["Location"] == "/accounts/password/reset/done/"

    assert log_in(Client(), password=PASSWORD).status_code == 200  # the old password no longer works
    browser = Client()
    assert log_in(browser, password="a brand new passphrase").status_code == 302
    assert is_signed_in(browser)

    used_again = Client().get(path_of(link))
    assert used_again.status_code == 200 and "This link does not work" in used_again.content.decode()


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, reader):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert not mail.outbox


def test_new_password_is_checked_by_the_validators(client, reader):
    client.post("/accounts/password/reset/", {"email": "reader@example.com"})
    page = client.get(path_of(link_in_last_email()), follow=True)
    response = client.post(page.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()


NEW_PASSWORD = "another fine passphrase"


def test_password_change(client, reader):
    client.force_login(reader)
    wrong = client.post(
        "/accounts/password/change/",
        {"old_password": "nope", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert "Your old password was entered incorrectly" in wrong.content.decode()

    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == "/accounts/password/change/done/"
    assert is_signed_in(client)  # the session that changed it stays signed in
    reader.refresh_from_db()
    assert reader.check_password(NEW_PASSWORD)


def test_password_change_needs_a_login(client):
    assert client.get("/accounts/password/change/")["Location"] == "/accounts/login/?next=/accounts/password/change/"


def test_password_reset_emails_to_one_address_are_limited_and_say_nothing_more(client, reader, settings):
    settings.PASSWORD_RESET_EMAILS_PER_ADDRESS = 3
    for n, spelling in enumerate(["reader@example.com", "Reader@Example.com", "READER@example.com",
                                  "reader@EXAMPLE.com", "reader@example.com"]):
        response = Client().post("/accounts/password/reset/", {"email": spelling}, REMOTE_ADDR=f"203.0.{n}.9")
        assert response["Location"] == "/accounts/password/reset/sent/"  # the same answer every time
    assert len(mail.outbox) == 3


def test_password_reset_requests_from_one_network_get_a_429(client, reader, settings):
    settings.PASSWORD_RESET_REQUESTS_PER_NETWORK = 4
    for n in range(4):
        assert client.post("/accounts/password/reset/", {"email": f"someone{n}@example.com"},
                           REMOTE_ADDR=f"198.51.100.{n}").status_code == 302
    refused = client.post("/accounts/password/reset/", {"email": "reader@example.com"}, REMOTE_ADDR="198.51.100.77")
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 3600
    assert "Too many password-reset requests" in refused.content.decode()
    assert not mail.outbox
    elsewhere = Client().post("/accounts/password/reset/", {"email": "reader@example.com"}, REMOTE_ADDR="192.0.2.1")
    assert elsewhere.status_code == 302 and len(mail.outbox) == 1


def test_reset_limits_read_addresses_as_proxies_write_them(client, reader, settings):
    """IPv4 mapped into IPv6 or with a port is its own network, not one shared by every such visitor."""
    settings.PASSWORD_RESET_REQUESTS_PER_NETWORK = 1
    for address in ("::ffff:203.0.113.5", "::ffff:198.51.100.5", "192.0.2.7:4431", "[2001:db8::1]:443"):
        response = Client().post("/accounts/password/reset/", {"email": "nobody@example.com"}, REMOTE_ADDR=address)
        assert response.status_code == 302, address


def test_reset_limit_per_address_sees_look_alike_spellings_as_one(settings):
    """Django matches accounts case-insensitively after NFKC: the long s (U+017F) is an s to it, and to the limit."""
    from accounts.throttling import reset_email_allowed

    settings.PASSWORD_RESET_EMAILS_PER_ADDRESS = 2
    assert reset_email_allowed("sam@example.com") and reset_email_allowed("SAM@Example.com")
    assert not reset_email_allowed("\u017fam@example.com")
