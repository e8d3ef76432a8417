"""Redirects: editable old-URL mappings answer 301 for pages that would be 404, on a Site named after SITE_URL."""

from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site

from blog.sites import sync_site_with_site_url
from tests.importing import copy_fixture, run_command

pytestmark = pytest.mark.django_db


def test_site_is_named_after_site_url(settings):
    site = Site.objects.get(pk=settings.SITE_ID)
    assert site.domain == urlsplit(settings.SITE_URL).netloc
    assert Site.objects.count() == 1


def test_site_follows_a_changed_site_url_on_the_next_migrate(settings):
    settings.SITE_URL = "https://blog.example.org"
    sync_site_with_site_url(apps.get_app_config("sites"))
    assert Site.objects.get_current().domain == "blog.example.org"


def test_sitemap_still_uses_site_url(client, make_post, settings):
    make_post("Mapped", slug="mapped")
    assert f"<loc>{settings.SITE_URL}/sitemap-posts.xml</loc>" in client.get("/sitemap.xml").content.decode()
    text = client.get("/sitemap-posts.xml").content.decode()
    assert f"<loc>{settings.SITE_URL}/blog/mapped/</loc>" in text
    assert "example.com" not in text


def test_a_redirect_made_in_the_admin_answers_301(client, make_post, settings):
    make_post("Moved", slug="moved")
    Redirect.objects.create(site_id=settings.SITE_ID, old_path="/index.php/2015/moved.html", new_path="/blog/moved/")

    response = client.get("/index.php/2015/moved.html")
    assert response.status_code == 301
    assert response["Location"] == "/blog/moved/"
    assert client.get("/index.php/2015/unknown.html").status_code == 404


def test_a_redirect_never_hides_a_live_page(client, make_post, settings):
    make_post("Here", slug="here")
    Redirect.objects.create(site_id=settings.SITE_ID, old_path="/blog/here/", new_path="/elsewhere/")
    assert client.get("/blog/here/").status_code == 200


def test_imported_astro_post_with_a_new_slug_keeps_its_old_url(client, tmp_path, author):
    astro = copy_fixture("astro", tmp_path)
    (astro / "src/content/blog/first-post.md").unlink()  # its hero image is not in the copied tree
    (astro / "src/content/blog/using-mdx.mdx").unlink()
    (astro / "src/content/blog/second-post.md").write_text(
        (astro / "src/content/blog/second-post.md").read_text().replace('heroImage: "/blog-placeholder-2.jpg"\n', "")
    )
    run_command("import_markdown", str(astro), "--author", author.username)

    response = client.get("/blog/second-post/")
    assert response.status_code == 301 and response["Location"] == "/blog/renamed-second/"
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/blog/nested/deep-post/")["Location"] == "/blog/deep-post/"
    assert not Redirect.objects.filter(old_path="/blog/deep-post/").exists()  # same URL: no redirect


def test_redirects_are_editable_in_the_admin(admin_client):
    assert admin_client.get("/admin/redirects/redirect/add/").status_code == 200
