"""export_markdown: every post as Astro-compatible Markdown with its images, and the round trip back."""

from datetime import timedelta

import pytest
import yaml
from django.contrib.redirects.models import Redirect
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from blog.models import Post, Tag
from tests.importing import image_bytes, run_command

pytestmark = pytest.mark.django_db

FIGURE = image_bytes((20, 120, 220))
NESTED_BODY = """An essay with a figure and a nested list.

![A figure](/media/uploads/figure.png)

- Outer
    - Inner, four spaces in
- Second

1. one
  - two spaces under an ordered item

```python
print("code kept")
```
"""


@pytest.fixture
def site_posts(make_post, author):
    default_storage.save("uploads/figure.png", ContentFile(FIGURE))
    essay = make_post(
        "An essay: with a colon",
        slug="an-essay",
        days=-30,
        tags=["open-web", "writing"],
        body=NESTED_BODY,
        hero=True,
        description="What the essay is about, with \"quotes\".",
        revised_at=timezone.now() - timedelta(days=2, microseconds=17),
    )
    draft = make_post("A draft", slug="a-draft", days=-1, status=Post.Status.DRAFT, body="Not *yet*.\n")
    scheduled = make_post("Later", slug="later", days=5, tags=["writing"], body="Soon.")
    Redirect.objects.create(site_id=1, old_path="/2019/old-essay/", new_path="/blog/an-essay/")
    return [essay, draft, scheduled]


def snapshot():
    posts = {}
    for post in Post.objects.prefetch_related("tags"):
        hero = None
        if post.hero_image:
            with post.hero_image.open("rb") as file:
                hero = file.read()
        posts[post.slug] = {
            "title": post.title,
            "body": post.body,
            "description": post.description,
            "publish_at": post.publish_at,
            "revised_at": post.revised_at,
            "status": post.status,
            "tags": sorted((tag.name, tag.slug) for tag in post.tags.all()),
            "hero": hero,
            "hero_alt": post.hero_alt,
        }
    return posts


def test_export_writes_astro_front_matter_and_images_beside_the_posts(site_posts, tmp_path):
    out, _, error = run_command("export_markdown", str(tmp_path / "out"))

    assert error is None
    assert "Exported 3 posts and 2 images" in out
    text = (tmp_path / "out" / "an-essay.md").read_text()
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"] == "An essay: with a colon"
    assert meta["description"] == 'What the essay is about, with "quotes".'
    assert meta["pubDate"].startswith(timezone.localtime(site_posts[0].publish_at).date().isoformat())
    assert "updatedDate" in meta
    assert (tmp_path / "out" / meta["heroImage"]).read_bytes() == site_posts[0].hero_image.open("rb").read()
    assert meta["heroAlt"] == "An orange rectangle."
    assert (meta["slug"], meta["status"], meta["tags"]) == ("an-essay", "published", ["open-web", "writing"])
    assert meta["aliases"] == ["/2019/old-essay/"]
    assert "![A figure](media/uploads/figure.png)" in text
    assert (tmp_path / "out" / "media" / "uploads" / "figure.png").read_bytes() == FIGURE
    assert yaml.safe_load((tmp_path / "out" / "a-draft.md").read_text().split("---\n")[1])["status"] == "draft"
    assert (tmp_path / "out" / "later.md").exists()


def test_export_then_import_into_an_empty_site_gives_the_same_posts(site_posts, tmp_path, settings, author):
    before = snapshot()
    run_command("export_markdown", str(tmp_path / "out"))

    Post.objects.all().delete()
    Tag.objects.all().delete()
    Redirect.objects.all().delete()
    settings.MEDIA_ROOT = tmp_path / "fresh-media"
    out, err, error = run_command("import_markdown", str(tmp_path / "out"), "--author", author.username)

    assert error is None, err
    assert "3 created, 0 updated, 0 unchanged, 0 failed" in out
    after = snapshot()
    assert after.keys() == before.keys()
    for slug, fields in before.items():
        for name, value in fields.items():
            assert (slug, name, after[slug][name]) == (slug, name, value)
    assert (tmp_path / "fresh-media" / "uploads" / "figure.png").read_bytes() == FIGURE
    assert Redirect.objects.get(old_path="/2019/old-essay/").new_path == "/blog/an-essay/"

    out, _, _ = run_command("import_markdown", str(tmp_path / "out"), "--author", author.username)
    assert "0 created, 0 updated, 3 unchanged" in out
