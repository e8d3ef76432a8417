"""import_markdown: an Astro project (both hero-image styles, MDX, broken files), Jekyll and Hugo trees,
idempotence, dry runs, defaults and the error summary."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.redirects.models import Redirect
from django.core.management import ManagementUtility

from blog.models import Post, Tag
from tests.importing import copy_fixture, image_bytes, run_command, stored_files

pytestmark = pytest.mark.django_db

ASSET_HERO = image_bytes((10, 20, 30), "JPEG")
PUBLIC_HERO = image_bytes((200, 20, 30), "JPEG")
DIAGRAM = image_bytes((0, 200, 0))


@pytest.fixture
def astro(tmp_path):
    return copy_fixture(
        "astro",
        tmp_path,
        images=[
            ("src/assets/blog-placeholder-1.jpg", ASSET_HERO),
            ("public/blog-placeholder-2.jpg", PUBLIC_HERO),
            ("src/content/blog/images/diagram.png", DIAGRAM),
        ],
    )


def hero_bytes(post):
    with post.hero_image.open("rb") as hero:
        return hero.read()


def test_astro_project_imports_posts_hero_images_and_dates(astro, author, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    out, err, error = run_command("import_markdown", str(astro), "--author", author.username)

    assert error is not None  # the two broken files
    first = Post.objects.get(slug="first-post")
    assert first.title == "First post"
    assert first.description == "Lorem ipsum dolor sit amet"
    assert first.status == Post.Status.PUBLISHED and first.is_live
    assert first.author == author
    assert first.publish_at == datetime(2022, 7, 8, tzinfo=ZoneInfo("Europe/Berlin"))  # 'Jul 08 2022', site time
    assert hero_bytes(first) == ASSET_HERO  # ../../assets/x.jpg, relative to the file
    assert first.hero_alt == "First post"
    assert "first-post.md: hero image has no alt text" in out

    second = Post.objects.get(slug="renamed-second")
    assert hero_bytes(second) == PUBLIC_HERO  # /x.jpg, from the project's public/ folder
    assert second.hero_alt == "Two bars of colour"
    assert second.publish_at == datetime(2022, 7, 15, tzinfo=ZoneInfo("Europe/Berlin"))
    assert second.revised_at == datetime(2022, 8, 1, 7, 30, tzinfo=ZoneInfo("UTC"))
    assert sorted(second.tags.values_list("slug", flat=True)) == ["astro", "migration"]


def test_body_images_are_copied_to_media_and_relinked(astro, author):
    run_command("import_markdown", str(astro), "--author", author.username)
    post = Post.objects.get(slug="first-post")

    assert "./images/diagram.png" not in post.body
    link = next(line for line in post.body.splitlines() if line.startswith("![A diagram]("))
    url = link[len("![A diagram](") : -1]
    assert url.startswith("/media/")
    with post.hero_image.storage.open(url.removeprefix("/media/"), "rb") as stored:
        assert stored.read() == DIAGRAM
    assert f'src="{url}"' in post.body_html


def test_nested_lists_written_with_two_spaces_render_nested(astro, author):
    run_command("import_markdown", str(astro), "--author", author.username)
    html = Post.objects.get(slug="first-post").body_html

    assert "<li>Fruit<ul>" in html
    assert "<li>Pear<ul>\n<li>Conference</li>" in html
    assert "- a\n  - b" in Post.objects.get(slug="first-post").body  # the list inside a code block is untouched


def test_mdx_imports_exports_and_components_are_dropped_with_a_warning(astro, author):
    out, _, _ = run_command("import_markdown", str(astro), "--author", author.username)
    post = Post.objects.get(slug="using-mdx")

    assert post.body == "Before the chart.\n\nAfter the chart.\n"
    assert "MDX components could not be kept: Chart" in out
    assert "dropped 2 import/export line(s)" in out
    assert post.hero_alt == "The nested alt text"  # image: {src, alt}
    assert hero_bytes(post) == ASSET_HERO


def test_broken_files_are_reported_by_path_and_do_not_stop_the_others(astro, author):
    out, err, error = run_command("import_markdown", str(astro), "--author", author.username)

    assert "2 post(s) could not be imported" in str(error)
    assert "src/content/blog/broken-yaml.md: bad YAML front matter" in err
    assert "src/content/blog/no-title.md: missing title" in err
    assert "4 created, 0 updated, 0 unchanged, 2 failed" in out
    assert Post.objects.count() == 4


def test_an_unreadable_hero_image_fails_only_that_post(astro, author):
    (astro / "src/assets/blog-placeholder-1.jpg").write_text("not a picture")
    out, err, error = run_command("import_markdown", str(astro / "src/content/blog"), "--author", author.username)

    assert "first-post.md: unreadable image ../../assets/blog-placeholder-1.jpg" in err
    assert "using-mdx.mdx: unreadable image" in err
    assert set(Post.objects.values_list("slug", flat=True)) == {"renamed-second", "deep-post"}


def test_content_folder_as_path_finds_public_folder_by_walking_up(astro, author):
    run_command("import_markdown", str(astro / "src" / "content" / "blog"), "--author", author.username)

    assert hero_bytes(Post.objects.get(slug="renamed-second")) == PUBLIC_HERO
    assert Redirect.objects.filter(old_path="/blog/second-post/", new_path="/blog/renamed-second/").exists()


def test_second_run_changes_nothing_and_makes_no_duplicates(astro, author, settings):
    run_command("import_markdown", str(astro), "--author", author.username)
    counts = (Post.objects.count(), Tag.objects.count(), Redirect.objects.count(), get_user_model().objects.count())
    files = stored_files(settings.MEDIA_ROOT)
    updated_at = dict(Post.objects.values_list("slug", "updated_at"))

    out, _, _ = run_command("import_markdown", str(astro), "--author", author.username)

    assert "0 created, 0 updated, 4 unchanged, 2 failed" in out
    assert (Post.objects.count(), Tag.objects.count(), Redirect.objects.count(), get_user_model().objects.count()) == counts
    assert stored_files(settings.MEDIA_ROOT) == files
    assert dict(Post.objects.values_list("slug", "updated_at")) == updated_at


def test_a_changed_file_updates_its_post_by_slug(astro, author):
    run_command("import_markdown", str(astro), "--author", author.username)
    source = astro / "src/content/blog/second-post.md"
    source.write_text(source.read_text().replace("Second body.", "A revised body."))

    out, _, _ = run_command("import_markdown", str(astro), "--author", author.username, "--dry-run")
    assert "/blog/renamed-second/ would be updated (body)" in out
    assert Post.objects.get(slug="renamed-second").body == "Second body.\n"

    out, _, _ = run_command("import_markdown", str(astro), "--author", author.username)
    assert "0 created, 1 updated, 3 unchanged" in out
    assert Post.objects.get(slug="renamed-second").body == "A revised body.\n"
    assert Post.objects.filter(title="Second post").count() == 1


def test_dry_run_writes_nothing(astro, author, settings):
    out, _, error = run_command("import_markdown", str(astro), "--author", author.username, "--dry-run")

    assert "Dry run, nothing written: 4 created, 0 updated, 0 unchanged, 2 failed" in out
    assert "src/content/blog/first-post.md: /blog/first-post/ would be created" in out
    assert error is not None
    assert Post.objects.count() == 0 and Tag.objects.count() == 0 and Redirect.objects.count() == 0
    assert stored_files(settings.MEDIA_ROOT) == []


@pytest.mark.django_db(transaction=True)
def test_exit_status_is_non_zero_only_when_a_file_failed(astro, author, capsys):
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "import_markdown", str(astro), "--author", "writer"]).execute()
    assert exited.value.code == 1
    assert "2 post(s) could not be imported" in capsys.readouterr().err

    for broken in ("broken-yaml.md", "no-title.md"):
        (astro / "src/content/blog" / broken).unlink()
    ManagementUtility(["manage.py", "import_markdown", str(astro), "--author", "writer"]).execute()  # no SystemExit
    assert "0 created, 0 updated, 4 unchanged, 0 failed" in capsys.readouterr().out


def test_status_and_author_options_are_defaults_the_source_can_override(tmp_path, author, django_user_model):
    jekyll = copy_fixture("jekyll", tmp_path)
    hugo = copy_fixture("hugo", tmp_path)
    run_command("import_markdown", str(jekyll), "--status", "draft", "--author", author.username)
    run_command("import_markdown", str(hugo), "--status", "published", "--author", author.username)

    jekyll_post = Post.objects.get(slug="hello-jekyll")
    assert jekyll_post.status == Post.Status.DRAFT  # from --status: the file does not say
    assert jekyll_post.author.display_name == "Jo Jekyll"  # the file names its author: created, without login
    assert not jekyll_post.author.has_usable_password()
    assert Post.objects.get(slug="unfinished").author == author  # no author key: --author
    assert Post.objects.get(slug="hugo-bundle").status == Post.Status.DRAFT  # draft = true beats --status


def test_without_author_option_posts_go_to_the_first_superuser_or_fail(astro, django_user_model):
    out, err, _ = run_command("import_markdown", str(astro))
    assert "first-post.md: no author" in err
    assert Post.objects.count() == 0

    admin = django_user_model.objects.create_superuser("boss", "boss@example.com", "a-long-test-password")
    run_command("import_markdown", str(astro))
    assert set(Post.objects.values_list("author", flat=True)) == {admin.pk}


def test_unknown_author_option_is_a_clear_error(astro):
    _, _, error = run_command("import_markdown", str(astro), "--author", "nobody")
    assert "there is no user 'nobody'" in str(error)


def test_jekyll_site_keys_dates_drafts_and_permalinks(tmp_path, author):
    jekyll = copy_fixture("jekyll", tmp_path)
    out, _, error = run_command("import_markdown", str(jekyll), "--author", author.username)

    assert error is None
    post = Post.objects.get(slug="hello-jekyll")  # the date prefix of 2021-03-04-hello-jekyll.md is not in the slug
    assert post.publish_at == datetime(2021, 3, 4, 9, 30, tzinfo=ZoneInfo("UTC"))
    assert post.description == "The first post on the old site."
    assert sorted(post.tags.values_list("name", flat=True)) == ["Notes", "first-steps", "welcome"]
    assert Redirect.objects.get(old_path="/2021/03/hello.html").new_path == "/blog/hello-jekyll/"
    assert Post.objects.get(slug="unfinished").status == Post.Status.DRAFT  # from _drafts/
    assert "unfinished.md: no date" in out


def test_hugo_bundle_with_toml_front_matter(tmp_path, author):
    hugo = copy_fixture("hugo", tmp_path)
    run_command("import_markdown", str(hugo), "--author", author.username)

    assert list(Post.objects.values_list("slug", flat=True)) == ["hugo-bundle"]  # _index.md is a section page
    post = Post.objects.get()
    assert post.title == "Bundle post" and post.status == Post.Status.DRAFT
    assert post.publish_at == datetime(2020, 5, 6, 7, 8, 9, tzinfo=ZoneInfo("UTC"))
    assert post.revised_at is not None and post.revised_at.date().isoformat() == "2020-06-01"
    assert post.description == "A page bundle with TOML front matter."
    assert set(Redirect.objects.values_list("old_path", flat=True)) == {"/old/bundle/", "/posts/bundle-post/"}
