"""Parts of post pages cached under the version of what they show (blog/fragments.py, blog/post_page.py): a change
elsewhere on the site does not render an essay and its comments again, and every change a reader could see on
the page shows at once."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import Comment, SiteSettings, Tag
from tests.comment_support import clock, make_commenter  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def parts_cached_pages_rendered(settings):
    settings.FRAGMENT_CACHE_SECONDS = 3600
    settings.PAGE_CACHE_SECONDS = 0  # every request renders its page, from the parts


@pytest.fixture
def older(make_post):
    return make_post("The older essay", slug="older", tags=["craft"], days=-3)


@pytest.fixture
def newer(make_post, older):
    return make_post("The newer essay", slug="newer", tags=["craft"], days=-1)


@pytest.fixture
def approve(committed):
    def approve(post, body, parent=None):
        comment = Comment(post=post, parent=parent, name="Rae", email="rae@example.com", body=body)
        comment.save()
        committed(lambda: comment.moderate(Comment.Status.APPROVED))
        return comment

    return approve


def read(url, client=None):
    with CaptureQueriesContext(connection) as queries:
        response = (client or Client()).get(url)
    assert response.status_code == 200, url
    return response.content.decode(), [query["sql"] for query in queries]


def test_a_comment_under_another_essay_does_not_render_this_one_again(older, newer, approve):
    approve(newer, "Words under the newer essay.")
    first, _ = read(newer.get_absolute_url())
    approve(older, "Words under the older essay.")

    page, queries = read(newer.get_absolute_url())

    # The post itself and the content stamp: no comments, tags, neighbours or related essays are read again.
    assert len(queries) <= 2, queries
    assert not any("blog_comment" in sql or "blog_tag" in sql for sql in queries), queries
    assert "Words under the newer essay." in page and "1 comment" in page
    assert 'rel="prev" href="/blog/older/"' in page and "The older essay" in page
    assert page.count("<article") == first.count("<article")


def test_an_approved_comment_shows_at_once_with_its_count(older, newer, approve):
    read(older.get_absolute_url())
    first = approve(older, "The first reply.")
    page, _ = read(older.get_absolute_url())
    assert "The first reply." in page and ">1 comment</" in page

    approve(older, "An answer to it.", parent=first)
    page, _ = read(older.get_absolute_url())
    assert "An answer to it." in page and "2 comments" in page
    assert "An answer to it." not in read(newer.get_absolute_url())[0]


def test_a_removed_comment_goes_at_once(older, approve, committed):
    comment = approve(older, "Soon to be removed.")
    assert "Soon to be removed." in read(older.get_absolute_url())[0]
    committed(lambda: comment.moderate(Comment.Status.REMOVED))
    assert "Soon to be removed." not in read(older.get_absolute_url())[0]


def test_renaming_a_neighbour_shows_on_this_page(older, newer, committed):
    assert "The older essay" in read(newer.get_absolute_url())[0]
    older.title = "The renamed older essay"
    committed(older.save)
    assert "The renamed older essay" in read(newer.get_absolute_url())[0]


def test_site_tag_and_author_changes_show_at_once(older, committed):
    read(older.get_absolute_url())

    settings_row = SiteSettings.load()
    settings_row.title = "Renamed Journal"
    committed(settings_row.save)
    tag = Tag.objects.get(slug="craft")
    tag.name = "Woodwork"
    committed(tag.save)
    older.author.display_name = "Wren Renamed"
    committed(older.author.save)

    page, _ = read(older.get_absolute_url())
    assert '<meta property="og:site_name" content="Renamed Journal">' in page
    assert '<meta property="article:tag" content="Woodwork">' in page and ">Woodwork</a>" in page
    assert page.count("Wren Renamed") >= 2  # byline and author box


def test_a_commenter_sees_their_pending_comment_and_others_do_not(newer, approve, make_commenter):
    approve(newer, "An approved comment.")
    read(newer.get_absolute_url())  # the shared thread is now cached

    commenter = make_commenter()
    assert commenter.comment(newer, body="My words, awaiting a moderator.").status_code == 302
    own, _ = read(newer.get_absolute_url(), commenter.client)
    assert "My words, awaiting a moderator." in own and "Awaiting moderation." in own
    assert "An approved comment." in own

    others, _ = read(newer.get_absolute_url())
    assert "My words, awaiting a moderator." not in others and "An approved comment." in others


def test_comments_closing_with_time_drop_the_reply_links(settings, make_post, approve):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    post = make_post("Nearly closed", slug="nearly-closed", days=-29)
    approve(post, "Still open for replies.")
    page, _ = read(post.get_absolute_url())
    assert ">Reply</a>" in page and "Leave a comment" in page

    with time_machine.travel(timezone.now() + timedelta(days=2)):
        page, _ = read(post.get_absolute_url())
    assert "Still open for replies." in page
    assert ">Reply</a>" not in page and "Comments are closed on this essay." in page


def test_previews_are_rendered_every_time(make_post, admin_client):
    draft = make_post("A draft", slug="a-draft", status="draft", body="First take.")
    assert "First take." in admin_client.get(draft.get_absolute_url()).content.decode()
    draft.body = "Second take."
    draft.save()  # not committed: nothing bumps any version
    assert "Second take." in admin_client.get(draft.get_absolute_url()).content.decode()


def test_a_moderator_editing_a_name_or_website_shows_at_once(older, approve, committed):
    comment = approve(older, "Buy things.")
    comment.website = "https://spam.example/"
    committed(comment.save)
    assert "spam.example" in read(older.get_absolute_url())[0]

    comment.website = ""
    comment.name = "Renamed by a moderator"
    committed(comment.save)
    page, _ = read(older.get_absolute_url())
    assert "spam.example" not in page and "Renamed by a moderator" in page


def test_a_deploy_renders_every_part_anew(older, approve):
    """A deploy runs `migrate`; new code may render a thread differently from what the cache holds."""
    from django.core.management import call_command

    comment = approve(older, "As first rendered.")
    read(older.get_absolute_url())
    Comment.objects.filter(pk=comment.pk).update(body_html="<p>As the new code renders it.</p>")  # no signal
    assert "As first rendered." in read(older.get_absolute_url())[0]

    call_command("migrate", verbosity=0)
    assert "As the new code renders it." in read(older.get_absolute_url())[0]


def test_the_summary_of_a_post_without_description_costs_nothing_once_cached(make_post):
    post = make_post("Undescribed", slug="undescribed", description="", body="The opening words of the body.")
    first, _ = read(post.get_absolute_url())
    assert '<meta name="description" content="The opening words of the body.' in first
    page, queries = read(post.get_absolute_url())
    assert len(queries) <= 2 and not any("body_html" in sql for sql in queries), queries
    assert '<meta name="description" content="The opening words of the body.' in page


def test_migrating_to_a_schema_without_the_versions_skips_the_deploy_bump():
    """`migrate blog 0005` (back, or forward to it) must not write columns that schema does not have."""
    from django.db.migrations.loader import MigrationLoader

    from blog.cache_invalidation import schema_has_versions

    loader = MigrationLoader(connection)
    assert not schema_has_versions(loader.project_state(("blog", "0005_content_stamp")).apps)
    assert schema_has_versions(loader.project_state().apps)


def test_an_essay_read_again_is_found_without_reading_the_post(older):
    read(older.get_absolute_url())
    page, queries = read(older.get_absolute_url())
    assert "The older essay" in page
    assert not any('"blog_post"' in sql for sql in queries), queries


def test_edits_to_what_the_stored_post_holds_show_at_once(older, committed):
    read(older.get_absolute_url())
    older.title = "The older essay, retitled"
    older.comments_enabled = False
    committed(older.save)

    page, _ = read(older.get_absolute_url())
    assert "<title>The older essay, retitled" in page
    assert "Leave a comment" not in page and "Comments are closed on this essay." in page


def test_an_unpublished_essay_is_gone_at_once(older, committed):
    read(older.get_absolute_url())
    older.status = "draft"
    committed(older.save)
    assert Client().get(older.get_absolute_url()).status_code == 404


def test_a_draft_an_editor_previewed_stays_hidden_from_readers(make_post, admin_client):
    draft = make_post("Not yet", slug="not-yet", status="draft")
    assert admin_client.get(draft.get_absolute_url()).status_code == 200
    assert Client().get(draft.get_absolute_url()).status_code == 404
    assert Client().get("/blog/no-such-essay/").status_code == 404
