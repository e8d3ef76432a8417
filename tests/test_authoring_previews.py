"""Previewing unpublished posts: staff at the public URL, reviewers through signed, expiring, revocable links."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from blog.models import Post, PreviewLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(make_post):
    return make_post("Unfinished thoughts", status=Post.Status.DRAFT)


def assert_private_preview(response):
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_staff_author_sees_a_draft_with_a_banner(client, admin_user, draft):
    client.force_login(admin_user)
    response = client.get(draft.get_absolute_url())
    assert_private_preview(response)
    assert "Draft</strong> — only you can see this." in response.content.decode()


def test_scheduled_banner_names_the_time(client, admin_user, make_post):
    post = make_post(days=2)
    client.force_login(admin_user)
    response = client.get(post.get_absolute_url())
    assert_private_preview(response)
    assert f"Scheduled for {timezone.localtime(post.publish_at):%-d %B %Y}" in response.content.decode()


def test_everyone_else_gets_404(client, django_user_model, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(django_user_model.objects.create_user("reader", "r@example.com", "pw-for-tests-123"))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_view_on_site_works_for_drafts(client, admin_user, draft):
    client.force_login(admin_user)
    page = client.get(f"/admin/blog/post/{draft.pk}/change/").content.decode()
    assert "View on site" in page
    content_type = ContentType.objects.get_for_model(Post)
    response = client.get(f"/admin/r/{content_type.pk}/{draft.pk}/", follow=True)
    assert response.status_code == 200 and "only you can see this" in response.content.decode()


def test_shared_link_shows_the_draft_to_anyone_until_it_expires(client, draft):
    link = PreviewLink.objects.create(post=draft, note="for Sam")
    response = client.get(link.get_absolute_url())
    assert_private_preview(response)
    assert "Unfinished thoughts" in response.content.decode()
    assert "not published yet" in response.content.decode()
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        assert client.get(link.get_absolute_url()).status_code == 404


def test_expiry_defaults_to_seven_days_and_is_a_setting(settings, draft):
    assert abs(PreviewLink.objects.create(post=draft).expires_at - timezone.now() - timedelta(days=7)) < timedelta(minutes=1)
    settings.PREVIEW_LINK_DAYS = 2
    assert abs(PreviewLink.objects.create(post=draft).expires_at - timezone.now() - timedelta(days=2)) < timedelta(minutes=1)


def test_revoked_and_tampered_links_are_404(client, draft):
    link = PreviewLink.objects.create(post=draft)
    url = link.get_absolute_url()
    assert client.get(url[:-3] + "abc/").status_code == 404
    other = PreviewLink.objects.create(post=draft)
    forged = url.replace(link.token.split(":")[0], other.token.split(":")[0])
    assert client.get(forged).status_code == 404
    link.revoked_at = timezone.now()
    link.save()
    assert client.get(url).status_code == 404
    assert client.get(other.get_absolute_url()).status_code == 200


def test_link_to_a_post_that_went_live_redirects_to_it(client, make_post):
    post = make_post(days=-1)
    link = PreviewLink.objects.create(post=post)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()


def test_links_are_created_and_revoked_in_the_admin(client, admin_user, draft):
    client.force_login(admin_user)
    local = timezone.localtime(draft.publish_at)
    form = {
        "title": draft.title, "slug": draft.slug, "body": draft.body, "status": "draft", "description": "",
        "publish_at_0": f"{local:%Y-%m-%d}", "publish_at_1": f"{local:%H:%M:%S}", "hero_alt": "",
        "preview_links-TOTAL_FORMS": "1", "preview_links-INITIAL_FORMS": "0",
        "preview_links-0-note": "for Sam",
        "preview_links-0-expires_at_0": f"{timezone.localtime() + timedelta(days=7):%Y-%m-%d}",
        "preview_links-0-expires_at_1": "12:00:00",
    }
    assert client.post(f"/admin/blog/post/{draft.pk}/change/", form).status_code == 302
    link = draft.preview_links.get()
    assert link.created_by == admin_user
    page = client.get(f"/admin/blog/post/{draft.pk}/change/").content.decode()
    assert link.get_absolute_url() in page
    form.update({
        "preview_links-INITIAL_FORMS": "1", "preview_links-0-id": str(link.pk), "preview_links-0-post": str(draft.pk),
        "preview_links-0-revoke": "on",
    })
    assert client.post(f"/admin/blog/post/{draft.pk}/change/", form).status_code == 302
    client.logout()
    assert client.get(link.get_absolute_url()).status_code == 404
