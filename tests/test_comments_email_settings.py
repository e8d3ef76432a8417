"""EMAIL_URL turns into Django's EMAIL_* settings; a malformed one stops the site with a clear message."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import email_settings_from_url


def test_submission_url_uses_starttls_on_587():
    config = email_settings_from_url("submission://mailer%40example.com:p%40ss@smtp.example.com")
    assert config == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.com",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "mailer@example.com",
        "EMAIL_HOST_PASSWORD": "p@ss",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
    }


def test_smtps_url_uses_implicit_tls_and_smtp_can_ask_for_starttls():
    smtps = email_settings_from_url("smtps://u:p@mail.example.com")
    assert (smtps["EMAIL_PORT"], smtps["EMAIL_USE_SSL"], smtps["EMAIL_USE_TLS"]) == (465, True, False)
    smtp = email_settings_from_url("smtp://mail.example.com:2525/?tls=1")
    assert (smtp["EMAIL_PORT"], smtp["EMAIL_USE_TLS"], smtp["EMAIL_HOST_USER"]) == (2525, True, "")


def test_console_url_prints_mail():
    assert email_settings_from_url("console://") == {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}


@pytest.mark.parametrize("url", ["http://mail.example.com", "smtp://", "smtp://h/?tls=1&ssl=1"])
def test_bad_email_urls_are_explained(url):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        email_settings_from_url(url)
