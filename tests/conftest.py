"""Shared fixtures: an author, a post factory that writes real rows, and media kept in a temporary folder."""

import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from blog.models import Post, Tag


@pytest.fixture(autouse=True)
def isolated_media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Hashed static names need `collectstatic` first; tests/test_static.py covers the manifest storage itself.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def plain_http_test_client(settings):
    """SITE_URL is https in tests; the test client speaks plain HTTP (tests/test_production_* cover HTTPS)."""
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Pages are rendered afresh: tests inside a transaction never commit, so the content stamp that invalidates
    cached pages (and the versions of cached page parts) never moves. tests/test_production_caching.py and
    tests/test_production_fragments.py turn the caches on, with commits."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    settings.DERIVED_CACHE_SECONDS = 0


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what would happen after the transaction commits (the stamp's bump), as in production."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Production's slow password hash costs ~0.4 s a user; tests only need logins to work."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def author(django_user_model):
    return django_user_model.objects.create_user(
        "writer", "writer@example.com", "a-long-test-password", display_name="Wren Writer"
    )


def png_bytes(width=40, height=20, colour=(200, 80, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def make_post(author):
    """Create a post; `days` is its publish time relative to now (negative = past, positive = scheduled)."""
    counter = {"n": 0}

    def make(title=None, *, days=-1, status=Post.Status.PUBLISHED, tags=(), body="Some *words*.", hero=False, **fields):
        counter["n"] += 1
        title = title or f"Essay number {counter['n']}"
        post = Post(
            title=title,
            slug=fields.pop("slug", None) or f"essay-{counter['n']}",
            description=fields.pop("description", f"What essay {counter['n']} is about."),
            body=body,
            author=fields.pop("author", author),
            status=status,
            publish_at=timezone.now() + timedelta(days=days),
            **fields,
        )
        if hero:
            post.hero_alt = "An orange rectangle."
            post.hero_image.save("hero.png", ContentFile(png_bytes()), save=False)
        post.save()
        post.tags.set(tag if isinstance(tag, Tag) else Tag.objects.get_or_create(slug=tag, defaults={"name": tag})[0] for tag in tags)
        return post

    return make
