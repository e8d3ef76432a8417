"""Secure by default: `check --deploy` is clean, every page carries the security headers and an enforced CSP that
the site, the admin and the editor live within, cookies are locked down, the admin URL is configurable, and bad
requests get a 4xx."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from blog.models import Comment
from tests.test_settings import manage

pytestmark = pytest.mark.django_db

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3Yq-8vJx2R9mZt4Lw7Pn1Hs6Dc0Fb5Ga8Ue3Ti2Oy9Qr7Xe4Vk1Nj6Mh0Lp5Sd2",
    "SITE_URL": "https://blog.example.com",
    "ALLOWED_HOSTS": "blog.example.com",
    "DATABASE_URL": "postgres://quire:password@127.0.0.1:5432/quire",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
}


def csp_directives(response):
    return {part.split()[0]: part.split()[1:] for part in response["Content-Security-Policy"].split("; ")}


def test_check_deploy_reports_nothing_under_the_documented_production_settings():
    result = manage("check", "--deploy", "--fail-level", "DEBUG", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_does_complain_about_plain_http():
    result = manage("check", "--deploy", **{**PRODUCTION, "SITE_URL": "http://blog.example.com"})
    assert "security.W004" in result.stderr and "security.W008" in result.stderr  # no HSTS, no HTTPS redirect


@pytest.fixture
def essay(make_post):
    post = make_post("A secure essay", slug="secure-essay", tags=["craft"])
    Comment.objects.create(post=post, name="Rae", email="rae@example.com", body="Nice *one*.",
                           status=Comment.Status.APPROVED)
    return post


def test_every_page_has_the_security_headers(client, essay):
    for url in ("/", essay.get_absolute_url(), "/rss.xml", "/accounts/login/", "/no-such-page/"):
        response = client.get(url, secure=True)
        assert response["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert response["X-Frame-Options"] == "DENY", url
        assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_the_csp_is_enforced_strict_and_has_no_nonce(client, essay):
    response = client.get(essay.get_absolute_url(), secure=True)
    assert "Content-Security-Policy-Report-Only" not in response
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy and "nonce-" not in policy
    directives = csp_directives(response)
    assert directives["default-src"] == ["'none'"]
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
    assert directives["connect-src"] == ["'self'"] and directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"] and directives["base-uri"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert "upgrade-insecure-requests" in directives


class InlineCode(HTMLParser):
    """Finds what a CSP without 'unsafe-inline' would block: inline scripts, style attributes and elements,
    event-handler attributes and javascript: URLs."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes and attributes.get("type") != "application/ld+json":
            self.found.append(f"<script> without src: {attrs}")
        if tag == "style":
            self.found.append("<style> element")
        for name, value in attrs:
            if name == "style" or name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def test_public_and_admin_pages_have_nothing_the_csp_would_block(client, essay, admin_user):
    for url in ("/", essay.get_absolute_url(), "/tags/", "/archive/", "/search/?q=secure", "/accounts/login/"):
        assert inline_code(client.get(url).content.decode()) == [], url
    client.force_login(admin_user)
    for url in ("/admin/", "/admin/blog/post/", "/admin/blog/post/add/", f"/admin/blog/post/{essay.pk}/change/",
                "/admin/blog/comment/", essay.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200, url
        assert inline_code(response.content.decode()) == [], url


def test_editor_preview_and_upload_work_with_an_httponly_csrf_cookie(admin_user, settings):
    """markdownx reads the CSRF token from the form when the cookie is HttpOnly; the admin form carries it."""
    assert settings.CSRF_COOKIE_HTTPONLY
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin_user)
    form = browser.get("/admin/blog/post/add/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    assert browser.post(settings.MARKDOWNX_URLS_PATH, {"content": "**bold**"}).status_code == 403
    preview = browser.post(settings.MARKDOWNX_URLS_PATH, {"content": "**bold**", "csrfmiddlewaretoken": token})
    assert preview.status_code == 200 and "<strong>bold</strong>" in preview.content.decode()
    assert "csrftoken" in browser.cookies and browser.cookies["csrftoken"]["httponly"]


def test_cookies_are_secure_httponly_and_samesite(django_user_model):
    django_user_model.objects.create_user("reader", "reader@example.com", "a-long-test-password")
    browser = Client()
    login_page = browser.get("/accounts/login/", secure=True)
    csrf = login_page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page.content.decode()).group(1)
    response = browser.post("/accounts/login/", {"username": "reader", "password": "a-long-test-password",
                                                  "csrfmiddlewaretoken": token}, secure=True)
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_admin_url_is_configurable_and_the_editor_follows_it():
    script = (
        "from django.conf import settings; from django.urls import reverse; from django.test import Client; "
        "print(reverse('admin:index'), settings.MARKDOWNX_URLS_PATH, reverse('markdownx_markdownify'), "
        "settings.MARKDOWNX_UPLOAD_URLS_PATH, reverse('markdownx_upload')); "
        "from django.core.management import call_command; call_command('migrate', verbosity=0); "
        "print(repr(Client().get('/robots.txt', secure=True).content.decode()))"
    )
    environment = {**PRODUCTION, "DATABASE_URL": "sqlite:///:memory:", "ADMIN_URL": "/desk-7f3a",
                   "ALLOWED_HOSTS": "testserver", "REDIS_URL": None}
    result = manage("shell", "-c", script, **environment)
    assert result.returncode == 0, result.stderr
    paths, robots = result.stdout.strip().splitlines()[-2:]
    assert paths.split() == ["/desk-7f3a/", "/desk-7f3a/markdownx/markdownify/", "/desk-7f3a/markdownx/markdownify/",
                             "/desk-7f3a/markdownx/upload/", "/desk-7f3a/markdownx/upload/"]
    assert "desk" not in robots and "Sitemap:" in robots


@pytest.mark.parametrize("admin_url", ["../x/", "/", "a b/"])
def test_a_bad_admin_url_is_refused_clearly(admin_url):
    result = manage("check", **{**PRODUCTION, "ADMIN_URL": admin_url})
    assert result.returncode != 0 and "ADMIN_URL must be a path" in result.stderr


def test_bad_host_header_is_a_400_with_a_plain_page(client, essay):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode() and "Traceback" not in response.content.decode()


def test_oversized_body_is_refused_before_it_is_read(client, essay, settings):
    settings.MAX_REQUEST_BYTES = 10_000
    response = client.post(f"{essay.get_absolute_url()}comments/", {"body": "x" * 20_000})
    assert response.status_code == 413
    assert "Request too large" in response.content.decode()


def test_too_many_form_bytes_in_memory_is_a_400(client, essay, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 5_000
    response = client.post(f"{essay.get_absolute_url()}comments/", {"body": "x" * 6_000},
                           HTTP_ORIGIN="https://quire.test")
    assert response.status_code == 400


@pytest.mark.parametrize("cookie, cleared", [
    ("quire_commenter=12:not-signed", "quire_commenter"),
    ("theme=dark\x01", "theme"),
    ("sessionid=abc\x1b[31m", "sessionid"),
])
def test_a_cookie_no_browser_would_send_is_a_400_that_clears_it(essay, cookie, cleared):
    response = Client(HTTP_COOKIE=cookie).get(essay.get_absolute_url())
    assert response.status_code == 400
    assert "cookie for this site that the site never set" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert response.cookies[cleared]["max-age"] == 0


def test_after_the_400_the_reload_works(essay):
    browser = Client()
    browser.cookies["quire_commenter"] = "12:not-signed"
    assert browser.get(essay.get_absolute_url()).status_code == 400
    assert browser.get(essay.get_absolute_url()).status_code == 200  # the browser dropped the cookie


@pytest.mark.parametrize("cookie", ["sessionid=%FF%FE", "csrftoken=!!!", "sessionid=; csrftoken="])
def test_session_and_csrf_cookies_in_the_wrong_shape_are_ignored(essay, cookie):
    """Another application on a parent domain may use these names; Django starts a new session or token."""
    page = Client(HTTP_COOKIE=cookie).get(essay.get_absolute_url())
    assert page.status_code == 200 and "Log in" in page.content.decode()


def test_other_cookies_and_expired_ones_are_not_malformed(essay, settings):
    from django.core import signing

    from blog.comment_readers import AUTHOR_COOKIE_SALT

    old = signing.get_cookie_signer(salt=settings.COMMENTS_AUTHOR_COOKIE + AUTHOR_COOKIE_SALT)
    with time_machine.travel(timezone.now() - timedelta(days=400)):
        expired = old.sign("12")
    browser = Client(HTTP_COOKIE=f"_ga=GA1.2.3; prefs=a b; =; ;;; quire_commenter={expired}")
    assert browser.get(essay.get_absolute_url()).status_code == 200


def test_a_form_post_with_a_malformed_csrf_cookie_is_refused_and_stores_nothing(essay, django_user_model):
    browser = Client(enforce_csrf_checks=True, HTTP_COOKIE="csrftoken=" + "a" * 31)
    refused = browser.post("/accounts/signup/", {"username": "x", "email": "x@example.com", "password1": "y",
                                                 "password2": "y", "csrfmiddlewaretoken": "a" * 31})
    assert refused.status_code == 403
    assert not django_user_model.objects.filter(username="x").exists()


def test_query_string_that_is_not_utf8_is_a_400(client, essay):
    response = client.get("/search/?q=caf%E9")
    assert response.status_code == 400
    assert "not valid UTF-8" in response.content.decode()
    assert client.get("/search/?q=caf%C3%A9").status_code == 200
