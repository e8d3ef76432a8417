"""Two gunicorn instances sharing one PostgreSQL and one Redis: a change made through one instance's admin is
visible through the other at once, although both had the page in their cache."""

import http.cookiejar
import re
import urllib.parse
import urllib.request

import pytest

from blog.models import Comment, SiteSettings
from tests.production_support import Gunicorn, database_url, production_env, redis_url, require_postgres  # noqa: F401
from tests.test_production_serving import static_root  # noqa: F401  (session fixture: collectstatic once)

pytestmark = [pytest.mark.multiinstance, pytest.mark.django_db(transaction=True)]


class Browser:
    """A person with a cookie jar, using one instance."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        with self.opener.open(self.base + path, timeout=15) as response:
            return response.read().decode(), dict(response.headers)

    def post_form(self, path, form_page, data):
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        with self.opener.open(request, timeout=15) as response:
            return response.read().decode()

    def log_in(self, username, password):
        page, _ = self.get("/admin/login/")
        landing = self.post_form("/admin/login/?next=/admin/", page, {"username": username, "password": password})
        assert "Log out" in landing or "logout" in landing


def cached_twice(base, path):
    """Fetch `path` until this instance serves it from its cache; returns the page."""
    for _ in range(3):
        page, headers = Browser(base).get(path)
        if headers.get("X-Page-Cache") == "hit":
            return page
    raise AssertionError(f"{base}{path} was never served from the cache")


def test_a_change_through_one_instance_shows_through_the_other_at_once(
    make_post, django_user_model, static_root, redis_url, tmp_path, settings  # noqa: F811
):
    require_postgres()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # what the servers can check
    post = make_post("A shared essay", slug="shared-essay")
    comment = Comment.objects.create(post=post, name="Rae", email="rae@example.com", body="Waiting for approval.")
    SiteSettings.load()
    django_user_model.objects.create_superuser("moderator", "mod@example.com", "a-long-moderator-password")
    env = production_env(static_root, tmp_path / "media", DATABASE_URL=database_url(), REDIS_URL=redis_url,
                         WEB_CONCURRENCY="2")
    with Gunicorn(env, tmp_path / "a.log") as a, Gunicorn(env, tmp_path / "b.log") as b:
        url = post.get_absolute_url()
        for base in (a.base, b.base):
            assert "Waiting for approval." not in cached_twice(base, url)
            cached_twice(base, "/")

        moderator = Browser(a.base)
        moderator.log_in("moderator", "a-long-moderator-password")
        changelist, _ = moderator.get("/admin/blog/comment/")
        moderator.post_form("/admin/blog/comment/", changelist,
                            {"action": "approve", "_selected_action": [comment.pk], "index": "0"})
        page, headers = Browser(b.base).get(url)
        assert "Waiting for approval." in page
        assert headers["X-Page-Cache"] == "miss"

        form, _ = moderator.get("/admin/blog/sitesettings/1/change/")
        moderator.post_form("/admin/blog/sitesettings/1/change/", form, {
            "title": "The Shared Journal", "tagline": "", "description": "", "footer_text": "", "footer_links": "",
            "_save": "Save",
        })
        home, _ = Browser(b.base).get("/")
        assert "The Shared Journal" in home
        feed, _ = Browser(b.base).get("/rss.xml")
        assert "The Shared Journal" in feed
