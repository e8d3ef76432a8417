"""`seed_demo` builds a demo site that shows off every feature, and running it again changes nothing."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from blog.models import Post, Tag

pytestmark = pytest.mark.django_db


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def snapshot():
    return {
        "posts": sorted(Post.objects.values_list("slug", "title", "status", "publish_at", "updated_at", "body_html",
                                                 "hero_image")),
        "tags": sorted(Tag.objects.values_list("slug", "name")),
        "post_tags": sorted(Post.tags.through.objects.values_list("post__slug", "tag__slug")),
        "users": sorted(get_user_model().objects.values_list("username", "password", "display_name")),
    }


@pytest.fixture
def seeded():
    run("seed_demo")
    return list(Post.objects.select_related("author").prefetch_related("tags"))


def test_second_run_changes_nothing(seeded):
    before = snapshot()
    output = run("seed_demo")
    assert snapshot() == before
    assert "0 essays created" in output


def test_demo_has_live_draft_and_scheduled_posts(seeded):
    assert len(seeded) >= 6
    assert Post.objects.drafts().count() == 1
    assert Post.objects.scheduled().filter(publish_at__gt=timezone.now()).count() >= 1
    assert Post.objects.live().count() >= 4


def test_every_post_shows_off_the_markdown_features(seeded):
    for post in seeded:
        html = post.body_html
        assert "<table>" in html and "<th" in html, post.slug
        assert '<div class="highlight"><pre tabindex="0">' in html and re.search(r'<span class="(?!w")\w+">', html), post.slug
        assert 'class="footnote-ref"' in html and 'class="footnote-backref"' in html, post.slug
        assert re.search(r'<h2 id="[a-z0-9-]+">', html), post.slug
        assert post.reading_time >= 2, post.slug


def test_in_page_links_point_at_real_headings(seeded):
    for post in seeded:
        ids = set(re.findall(r'\sid="([^"]+)"', post.body_html))
        for target in re.findall(r'href="#([^"]+)"', post.body_html):
            assert target in ids, (post.slug, target)


def test_every_hero_image_has_alt_text(seeded):
    for post in seeded:
        assert post.hero_image, post.slug
        assert len(post.hero_alt.strip()) > 20, post.slug
        assert post.hero_width and post.hero_height


def test_posts_have_descriptions_tags_and_a_named_author(seeded):
    for post in seeded:
        assert post.description, post.slug
        assert post.tags.exists(), post.slug
        assert post.author.public_name == "Mara Ellison"


def test_demo_author_cannot_log_in(seeded):
    assert not get_user_model().objects.get(username="mara").has_usable_password()


def test_seeded_site_renders(client, seeded):
    for post in Post.objects.live():
        response = client.get(post.get_absolute_url())
        assert response.status_code == 200, post.slug
    assert client.get("/").status_code == 200


def test_ensure_admin_creates_one_superuser_once():
    User = get_user_model()
    first = run("ensure_admin")
    password = re.search(r"Password: (\S+)", first).group(1)
    assert User.objects.filter(is_superuser=True).count() == 1
    admin = User.objects.get(is_superuser=True)
    assert admin.username == "admin" and admin.is_staff and admin.check_password(password)
    second = run("ensure_admin")
    assert password not in second and "Password" not in second
    assert User.objects.filter(is_superuser=True).count() == 1


def test_ensure_admin_leaves_an_existing_superuser_alone(django_user_model):
    django_user_model.objects.create_superuser("owner", "owner@example.com", "a-long-test-password")
    assert "Password" not in run("ensure_admin")
    assert list(django_user_model.objects.filter(is_superuser=True).values_list("username", flat=True)) == ["owner"]
