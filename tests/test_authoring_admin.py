"""Writing and publishing in the admin: the form, the post list, actions and the substantive-update mark."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from blog.models import Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_logged_in(client, admin_user):
    client.force_login(admin_user)
    return client


def add_form(**overrides):
    data = {
        "title": "Fresh essay",
        "slug": "fresh-essay",
        "body": "Hello **world**.",
        "status": "draft",
        "publish_at_0": "2027-01-10",
        "publish_at_1": "09:30:00",
        "description": "About freshness.",
        "hero_alt": "",
        "comments_enabled": "on",
        "preview_links-TOTAL_FORMS": "0",
        "preview_links-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_new_post_belongs_to_its_writer_and_renders_its_html(admin_client_logged_in, admin_user):
    response = admin_client_logged_in.post("/admin/blog/post/add/", add_form())
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    post = Post.objects.get(slug="fresh-essay")
    assert post.author == admin_user
    assert "<strong>world</strong>" in post.body_html


def test_publish_at_is_entered_in_the_site_time_zone(admin_client_logged_in, settings):
    settings.TIME_ZONE = "America/New_York"
    timezone.activate(ZoneInfo("America/New_York"))
    try:
        admin_client_logged_in.post("/admin/blog/post/add/", add_form(status="published"))
    finally:
        timezone.deactivate()
    post = Post.objects.get(slug="fresh-essay")
    assert post.publish_at == datetime(2027, 1, 10, 14, 30, tzinfo=ZoneInfo("UTC"))


def test_form_names_the_zone_and_the_time_there(admin_client_logged_in, settings):
    with time_machine.travel(datetime(2026, 7, 1, 12, 0, tzinfo=ZoneInfo("UTC")), tick=False):
        page = admin_client_logged_in.get("/admin/blog/post/add/").content.decode()
    assert "site&#x27;s time zone, UTC (UTC+0000)" in page or "site's time zone, UTC (UTC+0000)" in page
    assert "01 Jul 2026, 12:00" in page


def test_slug_must_be_unique(admin_client_logged_in, make_post):
    make_post(slug="taken")
    response = admin_client_logged_in.post("/admin/blog/post/add/", add_form(slug="taken"))
    assert response.status_code == 200
    assert "Post with this Slug already exists." in response.content.decode()


def test_hero_image_needs_alt_text(admin_client_logged_in):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.conftest import png_bytes

    data = add_form(hero_image=SimpleUploadedFile("h.png", png_bytes(), content_type="image/png"))
    response = admin_client_logged_in.post("/admin/blog/post/add/", data)
    assert response.status_code == 200
    assert "Describe the hero image" in response.content.decode()
    assert not Post.objects.exists()


def test_post_list_shows_status_badges_and_filters(admin_client_logged_in, make_post):
    make_post("Plain draft", status=Post.Status.DRAFT)
    make_post("Future piece", days=5)
    make_post("Old piece", days=-5, tags=["craft"])
    page = admin_client_logged_in.get("/admin/blog/post/").content.decode()
    assert ">Draft</span>" in page and ">Published</span>" in page and "Scheduled for " in page
    for value, expected in [("draft", "Plain draft"), ("scheduled", "Future piece"), ("published", "Old piece")]:
        listed = admin_client_logged_in.get(f"/admin/blog/post/?publication={value}").context["cl"].result_list
        assert [post.title for post in listed] == [expected]


def test_post_list_search_covers_title_and_body(admin_client_logged_in, make_post):
    make_post("Zebra title")
    make_post("Other", body="a quagga in the body")
    titles = lambda q: [p.title for p in admin_client_logged_in.get(f"/admin/blog/post/?q={q}").context["cl"].result_list]
    assert titles("zebra") == ["Zebra title"]
    assert titles("quagga") == ["Other"]


def test_publish_now_and_revert_to_draft_actions(admin_client_logged_in, make_post):
    draft = make_post(status=Post.Status.DRAFT, days=-30)
    scheduled = make_post(days=10)
    admin_client_logged_in.post(
        "/admin/blog/post/", {"action": "publish_now", "_selected_action": [draft.pk, scheduled.pk]}
    )
    for post in (draft, scheduled):
        post.refresh_from_db()
        assert post.is_live
        assert timezone.now() - post.publish_at < timedelta(minutes=1)
    admin_client_logged_in.post("/admin/blog/post/", {"action": "revert_to_draft", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Post.Status.DRAFT


def change_form(post, **overrides):
    local = timezone.localtime(post.publish_at)
    data = add_form(
        title=post.title, slug=post.slug, body=post.body, status=post.status, description=post.description,
        publish_at_0=f"{local:%Y-%m-%d}", publish_at_1=f"{local:%H:%M:%S}",
    )
    data.update(overrides)
    return data


def test_substantive_update_sets_the_updated_date_and_small_fixes_do_not(admin_client_logged_in, client, make_post):
    post = make_post(days=-3)
    admin_client_logged_in.post(f"/admin/blog/post/{post.pk}/change/", change_form(post, body="Typo fixed."))
    post.refresh_from_db()
    assert post.revised_at is None
    admin_client_logged_in.post(
        f"/admin/blog/post/{post.pk}/change/", change_form(post, body="A new section.", substantive_update="on")
    )
    post.refresh_from_db()
    assert post.revised_at is not None
    client.logout()
    assert "Updated" in client.get(post.get_absolute_url()).content.decode()


def test_ticking_substantive_update_before_publication_shows_no_updated_date(admin_client_logged_in, client, make_post):
    scheduled = make_post(days=2)
    local = timezone.localtime(scheduled.publish_at)
    admin_client_logged_in.post(
        f"/admin/blog/post/{scheduled.pk}/change/",
        change_form(scheduled, body="Still unpublished.", substantive_update="on",
                    publish_at_0=f"{local:%Y-%m-%d}", publish_at_1=f"{local:%H:%M:%S}"),
    )
    scheduled.refresh_from_db()
    assert scheduled.revised_at is None
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        page = client.get(scheduled.get_absolute_url()).content.decode()
        assert "Updated" not in page and "article:modified_time" not in page


def test_an_update_time_before_publication_is_never_shown_to_readers(client, make_post):
    post = make_post(days=-1)
    post.revised_at = post.publish_at - timedelta(hours=1)
    post.save()
    assert post.updated_for_readers is None
    assert "Updated" not in client.get(post.get_absolute_url()).content.decode()
    import feedparser

    entry = feedparser.parse(client.get("/atom.xml").content).entries[0]
    assert entry.updated_parsed == entry.published_parsed
