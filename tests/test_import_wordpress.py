"""import_wordpress: statuses, dates, slugs, tags, authors, HTML to Markdown, featured and inline images,
redirects from old permalinks, idempotence, dry runs and bad files."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.redirects.models import Redirect

from blog.models import Comment, Post, Tag
from tests.importing import copy_fixture, image_bytes, run_command, stored_files

pytestmark = pytest.mark.django_db

FEATURED = image_bytes((1, 2, 3), "JPEG")
INLINE = image_bytes((9, 9, 9))


@pytest.fixture
def wxr(tmp_path):
    folder = copy_fixture(
        "wordpress", tmp_path, images=[("uploads/2020/01/featured.jpg", FEATURED), ("uploads/2020/01/inline.png", INLINE)]
    )
    return folder / "export.xml"


@pytest.fixture
def imported(wxr, author):
    out, err, error = run_command("import_wordpress", str(wxr), "--author", author.username)
    assert error is None, err
    return out


def test_statuses_keep_their_meaning(imported, client):
    published = Post.objects.get(slug="hello-world")
    draft = Post.objects.get(slug="half-written-thoughts")  # a draft without a slug: made from its title
    scheduled = Post.objects.get(slug="coming-soon")

    assert published.is_live
    assert published.publish_at == datetime(2020, 1, 15, 9, 0, tzinfo=ZoneInfo("UTC"))  # post_date_gmt
    assert draft.status == Post.Status.DRAFT
    assert scheduled.is_scheduled
    assert set(Post.objects.values_list("slug", flat=True)) == {"hello-world", "half-written-thoughts", "coming-soon"}
    home = client.get("/").content.decode()
    assert "Hello World" in home and "Coming soon" not in home and "Half-written" not in home


def test_a_date_without_gmt_is_read_in_the_site_time_zone(wxr, author, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    run_command("import_wordpress", str(wxr), "--author", author.username)

    draft = Post.objects.get(slug="half-written-thoughts")  # post_date_gmt is 0000-00-00 00:00:00
    assert draft.publish_at == datetime(2020, 2, 1, 8, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert Post.objects.get(slug="hello-world").publish_at == datetime(2020, 1, 15, 9, 0, tzinfo=ZoneInfo("UTC"))


def test_categories_and_tags_become_tags(imported):
    assert sorted(Post.objects.get(slug="hello-world").tags.values_list("name", flat=True)) == ["Greetings", "News"]
    assert not Tag.objects.filter(slug="uncategorized").exists()
    assert Tag.objects.filter(slug="greetings").count() == 1


def test_authors_are_matched_or_created_without_login(imported, author):
    jane = Post.objects.get(slug="hello-world").author
    assert (jane.username, jane.email, jane.display_name) == ("jane", "jane@example.com", "Jane Press")
    assert not jane.has_usable_password()
    assert Post.objects.get(slug="half-written-thoughts").author == author  # login "writer" matches
    assert Post.objects.get(slug="coming-soon").author.username == "newcomer"  # no <wp:author> entry
    assert get_user_model().objects.filter(username="writer").count() == 1


def test_html_bodies_become_markdown(imported):
    post = Post.objects.get(slug="hello-world")

    assert post.body.startswith("## A heading\n\nRead [the docs](https://example.org/docs) and **enjoy**.")
    assert "```python\ndef greet():\n    return \"hi\" if 1 < 2 else None\n```" in post.body
    assert "<li>Outer item<ul>\n<li>Inner item</li>" in post.body_html
    assert 'href="https://example.org/docs"' in post.body_html
    assert "alert" not in post.body and "<!--" not in post.body
    draft = Post.objects.get(slug="half-written-thoughts")
    assert draft.body_html.count("<p>") == 2  # classic-editor paragraphs, separated by a blank line
    assert Post.objects.get(slug="hello-world").description == "The very first post."


def test_featured_and_inline_images_come_from_the_local_uploads_copy(imported, settings):
    post = Post.objects.get(slug="hello-world")
    with post.hero_image.open("rb") as hero:
        assert hero.read() == FEATURED
    assert post.hero_alt == "A lighthouse at dusk"

    inline = next(line for line in post.body.splitlines() if line.startswith("![An inline figure]("))
    name = inline[len("![An inline figure](/media/") : -1]
    assert (settings.MEDIA_ROOT / name).read_bytes() == INLINE
    assert "![Missing locally](https://old.example.com/wp-content/uploads/2019/12/not-copied.png)" in post.body
    assert "1 image(s) not found in the local uploads folder" in imported


def test_without_the_uploads_folder_posts_import_without_images(wxr, author, tmp_path):
    elsewhere = tmp_path / "empty-uploads"
    elsewhere.mkdir()
    out, _, error = run_command("import_wordpress", str(wxr), "--author", author.username, "--uploads", str(elsewhere))

    assert error is None
    post = Post.objects.get(slug="hello-world")
    assert not post.hero_image
    assert "featured image https://old.example.com/wp-content/uploads/2020/01/featured.jpg is not in the local" in out


def test_old_permalinks_redirect_to_the_new_urls(imported, client):
    response = client.get("/2020/01/15/hello-world/")
    assert response.status_code == 301
    assert response["Location"] == "/blog/hello-world/"
    assert not Redirect.objects.filter(old_path__contains="?p=").exists()  # drafts have no permalink


def test_second_run_changes_nothing(wxr, author, imported, settings):
    counts = (Post.objects.count(), Tag.objects.count(), Redirect.objects.count(), get_user_model().objects.count())
    files = stored_files(settings.MEDIA_ROOT)

    out, _, error = run_command("import_wordpress", str(wxr), "--author", author.username)

    assert error is None
    assert "0 created, 0 updated, 3 unchanged, 0 failed" in out
    assert (Post.objects.count(), Tag.objects.count(), Redirect.objects.count(), get_user_model().objects.count()) == counts
    assert stored_files(settings.MEDIA_ROOT) == files


def test_dry_run_writes_nothing(wxr, author, settings):
    out, _, error = run_command("import_wordpress", str(wxr), "--author", author.username, "--dry-run")

    assert error is None
    assert "Dry run, nothing written: 3 created" in out
    assert Post.objects.count() == 0 and Redirect.objects.count() == 0
    assert get_user_model().objects.count() == 1
    assert stored_files(settings.MEDIA_ROOT) == []


def test_a_post_without_title_fails_alone(wxr, author):
    text = wxr.read_text()
    wxr.write_text(text.replace("<title>Coming soon</title>", "<title></title>"))
    out, err, error = run_command("import_wordpress", str(wxr), "--author", author.username)

    assert error is not None and error.returncode == 1
    assert "post 3 (untitled): missing title" in err
    assert "2 created, 0 updated, 0 unchanged, 1 failed" in out


def test_a_file_that_is_not_xml_is_a_clear_error(tmp_path, author):
    bad = tmp_path / "export.xml"
    bad.write_text("<rss><channel><item>unclosed")
    _, _, error = run_command("import_wordpress", str(bad), "--author", author.username)
    assert "is not a readable WordPress export" in str(error)


def test_entity_expansion_is_refused(tmp_path, author):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        "<rss><channel><title>&b;</title></channel></rss>"
    )
    _, _, error = run_command("import_wordpress", str(bomb), "--author", author.username)
    assert "was refused" in str(error)
    assert Post.objects.count() == 0


def test_approved_comments_keep_their_threading(imported, client):
    post = Post.objects.get(slug="hello-world")
    comments = {comment.name: comment for comment in post.comments.all()}

    assert set(comments) == {"Ann Reader", "Jane Press", "Bob Replier", "Reply To Spam"}  # no spam, no pingback
    assert all(comment.status == comment.Status.APPROVED for comment in comments.values())
    ann, jane, bob = comments["Ann Reader"], comments["Jane Press"], comments["Bob Replier"]
    assert (ann.parent, jane.parent, bob.parent) == (None, ann, jane)
    assert (ann.depth, jane.depth, bob.depth) == (1, 2, 3)
    assert comments["Reply To Spam"].parent is None  # its parent was never approved
    assert ann.created_at == datetime(2020, 1, 16, 10, 0, tzinfo=ZoneInfo("UTC"))
    assert (ann.email, ann.website, ann.body) == ("ann@example.net", "https://ann.example.net/", "Lovely first post!\n")
    assert jane.user == post.author  # written by the WordPress user "jane" while logged in
    page = client.get("/blog/hello-world/").content.decode()
    assert "Lovely first post!" in page and "Buy things" not in page


def test_comments_are_not_imported_twice(wxr, author, imported):
    before = sorted(Comment.objects.values_list("pk", "parent_id"))
    out, _, _ = run_command("import_wordpress", str(wxr), "--author", author.username)
    assert "3 unchanged" in out
    assert sorted(Comment.objects.values_list("pk", "parent_id")) == before


def test_a_new_comment_in_a_later_export_is_added_under_its_parent(wxr, author, imported):
    reply = """<wp:comment>
			<wp:comment_id>107</wp:comment_id>
			<wp:comment_author><![CDATA[Late Reader]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[late@example.net]]></wp:comment_author_email>
			<wp:comment_date_gmt><![CDATA[2020-03-01 10:00:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[Late to the party.]]></wp:comment_content>
			<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
			<wp:comment_parent>101</wp:comment_parent>
		</wp:comment>
		"""
    first_comment = "<wp:comment>\n\t\t\t<wp:comment_id>101</wp:comment_id>"
    wxr.write_text(wxr.read_text().replace(first_comment, reply + first_comment))
    out, _, _ = run_command("import_wordpress", str(wxr), "--author", author.username, "-v", "2")

    assert "/blog/hello-world/ updated (1 new comment(s))" in out
    late = Comment.objects.get(name="Late Reader")
    assert late.parent.name == "Ann Reader"
    assert Comment.objects.filter(post__slug="hello-world").count() == 5
