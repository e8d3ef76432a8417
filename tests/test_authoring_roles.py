"""Authors edit only their own posts; Editors may change every post and tag; previews follow the same rule."""

import pytest
from django.contrib.auth.models import Group

from blog.models import Post

pytestmark = pytest.mark.django_db


def member(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw-for-tests-123", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def alice(django_user_model):
    return member(django_user_model, "alice", "Authors")


@pytest.fixture
def bob(django_user_model):
    return member(django_user_model, "bob", "Authors")


@pytest.fixture
def edna(django_user_model):
    return member(django_user_model, "edna", "Editors")


@pytest.fixture
def bobs_draft(make_post, bob):
    return make_post("Bob's secret draft", author=bob, status=Post.Status.DRAFT, body="original")


def test_groups_exist_with_their_permissions():
    authors = set(Group.objects.get(name="Authors").permissions.values_list("codename", flat=True))
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"add_post", "change_post", "delete_post", "add_tag"} <= authors
    assert "edit_others_posts" not in authors
    assert {"edit_others_posts", "change_tag", "delete_tag"} <= editors
    assert {"change_comment", "change_commentblocklistentry", "change_sitesettings"} <= editors
    assert not {"change_comment", "change_sitesettings"} & authors


def test_every_role_permission_exists():
    from django.contrib.auth.models import Permission

    from blog.roles import ROLES

    for wanted in ROLES.values():
        for dotted in wanted:
            app_label, codename = dotted.split(".")
            assert Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists(), dotted


def test_editor_can_moderate_comments(client, edna):
    client.force_login(edna)
    assert client.get("/admin/blog/comment/").status_code == 200


def test_author_cannot_see_others_posts_in_the_list(client, alice, bobs_draft, make_post):
    mine = make_post("Alice's essay", author=alice)
    client.force_login(alice)
    listed = client.get("/admin/blog/post/").context["cl"].result_list
    assert list(listed) == [mine]


@pytest.mark.parametrize("url", ["change", "delete", "history", "revisions"])
def test_author_cannot_open_others_posts_by_url(client, alice, bobs_draft, url):
    client.force_login(alice)
    response = client.get(f"/admin/blog/post/{bobs_draft.pk}/{url}/")
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert f"/{bobs_draft.pk}/" not in response["Location"]


def test_author_cannot_change_or_delete_others_posts_by_post(client, alice, bobs_draft):
    client.force_login(alice)
    client.post(f"/admin/blog/post/{bobs_draft.pk}/change/", {"title": "Hijacked", "slug": bobs_draft.slug, "body": "x", "status": "published"})
    client.post(f"/admin/blog/post/{bobs_draft.pk}/delete/", {"post": "yes"})
    client.post("/admin/blog/post/", {"action": "publish_now", "_selected_action": [bobs_draft.pk]})
    client.post("/admin/blog/post/", {"action": "delete_selected", "_selected_action": [bobs_draft.pk], "post": "yes"})
    bobs_draft.refresh_from_db()
    assert (bobs_draft.title, bobs_draft.status, bobs_draft.body) == ("Bob's secret draft", "draft", "original")


def test_author_cannot_restore_a_revision_of_others_posts(client, alice, bobs_draft):
    revision = bobs_draft.revisions.get()
    client.force_login(alice)
    response = client.post(f"/admin/blog/post/{bobs_draft.pk}/revisions/{revision.pk}/restore/")
    assert response.status_code in (403, 404)


def test_author_cannot_preview_others_drafts(client, alice, bob, bobs_draft):
    client.force_login(alice)
    assert client.get(bobs_draft.get_absolute_url()).status_code == 404
    client.force_login(bob)
    assert client.get(bobs_draft.get_absolute_url()).status_code == 200


def test_editor_can_change_others_posts_and_tags(client, edna, bobs_draft):
    client.force_login(edna)
    assert client.get(f"/admin/blog/post/{bobs_draft.pk}/change/").status_code == 200
    client.post("/admin/blog/post/", {"action": "publish_now", "_selected_action": [bobs_draft.pk]})
    bobs_draft.refresh_from_db()
    assert bobs_draft.is_live
    assert client.get("/admin/blog/tag/add/").status_code == 200


def test_author_can_write_and_tag_their_own_post(client, alice):
    client.force_login(alice)
    assert client.get("/admin/blog/post/add/").status_code == 200
    response = client.get("/admin/autocomplete/", {"app_label": "blog", "model_name": "post", "field_name": "tags", "term": ""})
    assert response.status_code == 200


def test_editable_by_is_one_rule_for_the_list_and_the_single_post(alice, edna, bobs_draft, make_post, django_user_model):
    mine = make_post("Alice's essay", author=alice)
    reader = django_user_model.objects.create_user("reader", "r@example.com", "pw-for-tests-123")
    for user, expected in [(alice, {mine}), (edna, {mine, bobs_draft}), (reader, set())]:
        assert set(Post.objects.editable_by(user)) == expected
        assert {post for post in (mine, bobs_draft) if post.editable_by(user)} == expected
