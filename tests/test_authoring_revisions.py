"""Revisions: kept when title, description or body change; shown as a readable diff; restorable."""

import pytest

from blog.models import PostRevision

pytestmark = pytest.mark.django_db


def edit(post, **fields):
    for name, value in fields.items():
        setattr(post, name, value)
    post.save()


def test_content_changes_keep_revisions_and_other_saves_do_not(make_post):
    post = make_post("First title", body="one")
    assert post.revisions.count() == 1
    edit(post, comments_enabled=False)
    edit(post, status="draft")
    assert post.revisions.count() == 1
    edit(post, body="two")
    edit(post, description="new summary")
    assert [r.body for r in post.revisions.all()] == ["two", "two", "one"]
    assert post.revisions.first().description == "new summary"


def test_revision_records_who_saved_it_through_the_admin(client, admin_user, make_post):
    post = make_post(body="before")
    client.force_login(admin_user)
    form = {
        "title": post.title, "slug": post.slug, "body": "after", "status": post.status, "description": post.description,
        "publish_at_0": post.publish_at.strftime("%Y-%m-%d"), "publish_at_1": post.publish_at.strftime("%H:%M:%S"),
        "hero_alt": "", "preview_links-TOTAL_FORMS": "0", "preview_links-INITIAL_FORMS": "0",
    }
    assert client.post(f"/admin/blog/post/{post.pk}/change/", form).status_code == 302
    latest = post.revisions.first()
    assert (latest.body, latest.created_by) == ("after", admin_user)


def test_history_lists_revisions_and_shows_a_diff(client, admin_user, make_post):
    post = make_post("Title", body="The quick brown fox.\nSecond line.")
    edit(post, body="The quick red fox.\nSecond line.")
    client.force_login(admin_user)
    listing = client.get(f"/admin/blog/post/{post.pk}/revisions/").content.decode()
    latest, first = post.revisions.all()
    assert f"/revisions/{latest.pk}/" in listing and f"/revisions/{first.pk}/" in listing
    diff = client.get(f"/admin/blog/post/{post.pk}/revisions/{latest.pk}/").content.decode()
    assert 'class="diff"' in diff
    assert 'The&nbsp;quick&nbsp;<span class="diff_sub">b</span>r<span class="diff_chg">own</span>' in diff
    assert 'The&nbsp;quick&nbsp;r<span class="diff_chg">ed</span>' in diff
    assert "style=" not in diff.split('class="diff"', 1)[1].split("</table>", 1)[0]


def test_restore_brings_back_old_content_as_a_new_revision(client, admin_user, make_post):
    post = make_post("Old title", body="old body")
    first = post.revisions.get()
    edit(post, title="New title", body="new body")
    client.force_login(admin_user)
    response = client.post(f"/admin/blog/post/{post.pk}/revisions/{first.pk}/restore/")
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.title, post.body) == ("Old title", "old body")
    assert "old body" in post.body_html
    assert post.revisions.count() == 3
    assert post.revisions.first().note.startswith("Restored") and post.revisions.first().created_by == admin_user


def test_restore_needs_post(client, admin_user, make_post):
    post = make_post()
    client.force_login(admin_user)
    assert client.get(f"/admin/blog/post/{post.pk}/revisions/{post.revisions.get().pk}/restore/").status_code == 405
    assert PostRevision.objects.count() == 1
