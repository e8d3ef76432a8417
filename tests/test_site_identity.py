"""The site's identity is edited in the admin and used by every page and feed."""

import feedparser
import pytest

from blog.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_defaults_exist_without_any_setup(client):
    page = client.get("/").content.decode()
    assert "<title>Quire" in page


def test_editing_site_settings_in_the_admin_changes_pages_and_feeds(client, admin_user, make_post):
    make_post("An essay")
    client.get("/")  # warm the settings cache
    client.force_login(admin_user)
    site = SiteSettings.load()
    response = client.post(
        f"/admin/blog/sitesettings/{site.pk}/change/",
        {
            "title": "The Slow Desk",
            "tagline": "Notes from a quiet room",
            "description": "Essays about attention.",
            "footer_text": "Written by hand.",
            "footer_links": "Colophon | https://example.com/colophon\nbroken line without a bar",
        },
    )
    assert response.status_code == 302
    client.logout()
    home = client.get("/").content.decode()
    assert "<title>The Slow Desk — Notes from a quiet room</title>" in home
    assert '<meta name="description" content="Essays about attention.">' in home
    assert "Written by hand." in home and '<a href="https://example.com/colophon">Colophon</a>' in home
    assert "broken line" not in home
    post_page = client.get("/blog/essay-1/").content.decode()
    assert "— The Slow Desk</title>" in post_page
    for url in ("/rss.xml", "/atom.xml"):
        assert feedparser.parse(client.get(url).content).feed.title == "The Slow Desk"


def test_there_is_only_one_settings_record(client, admin_user):
    SiteSettings.load()
    client.force_login(admin_user)
    assert client.get("/admin/blog/sitesettings/add/").status_code == 403
    assert SiteSettings.objects.count() == 1


def test_tags_can_be_created_from_the_post_form(client, admin_user):
    client.force_login(admin_user)
    page = client.get("/admin/blog/post/add/").content.decode()
    assert 'id="add_id_tags"' in page and "/admin/blog/tag/add/?_to_field=id&amp;_popup=1" in page
    assert "admin-autocomplete" in page
