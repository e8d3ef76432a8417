"""Hero images are offered as WebP renditions at several widths, with the original as fallback and its size set."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from blog.models import Post
from blog.renditions import rendition_name
from tests.conftest import png_bytes
from tests.test_authoring_admin import add_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def wide_hero_post(make_post):
    post = make_post("Wide hero", hero=False)
    post.hero_alt = "A wide orange field."
    post.hero_image.save("field.png", ContentFile(png_bytes(2000, 1000)), save=False)
    post.save()
    return post


def stored_image(name):
    with default_storage.open(name, "rb") as file:
        image = Image.open(io.BytesIO(file.read()))
        image.load()
        return image


def test_saving_a_post_writes_webp_renditions_at_each_width_without_upscaling(wide_hero_post):
    for width in (480, 960, 1600):
        image = stored_image(rendition_name(wide_hero_post.hero_image.name, width))
        assert (image.format, image.size) == ("WEBP", (width, width // 2))


def test_a_small_hero_gets_one_rendition_at_its_own_width(make_post):
    post = make_post(hero=True)  # 40 x 20
    image = stored_image(rendition_name(post.hero_image.name, 40))
    assert (image.format, image.size) == ("WEBP", (40, 20))
    assert not default_storage.exists(rendition_name(post.hero_image.name, 480))


def test_post_page_offers_webp_srcset_with_sizes_and_the_original_with_its_dimensions(client, wide_hero_post):
    html = client.get(wide_hero_post.get_absolute_url()).content.decode()
    picture = re.search(r'<figure class="post-hero">\s*(<picture>.*?</picture>)', html, re.S).group(1)
    source = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="([^"]+)">', picture)
    name = wide_hero_post.hero_image.name
    assert source.group(1) == ", ".join(f"/media/{rendition_name(name, width)} {width}w" for width in (480, 960, 1600))
    assert source.group(2) == "(min-width: 64rem) 60rem, 100vw"
    assert f'<img src="/media/{name}" alt="A wide orange field." width="2000" height="1000" fetchpriority="high">' in picture


def test_post_cards_load_the_hero_lazily_from_the_same_renditions(client, wide_hero_post):
    html = client.get("/").content.decode()
    card = re.search(r'<a class="post-card__image"[^>]*>\s*(<picture>.*?</picture>)', html, re.S).group(1)
    assert 'sizes="(min-width: 44rem) 16rem, 100vw"' in card
    assert f"/media/{rendition_name(wide_hero_post.hero_image.name, 480)} 480w" in card
    assert 'alt="" width="2000" height="1000" loading="lazy" decoding="async"' in card


def test_an_unreadable_hero_is_saved_and_shown_without_renditions(make_post, client, caplog):
    post = make_post()
    post.hero_alt = "Not really an image."
    post.hero_image.save("broken.png", ContentFile(b"not an image"), save=False)
    post.save()
    assert not default_storage.exists(rendition_name(post.hero_image.name, 480))
    html = client.get(post.get_absolute_url()).content.decode()
    assert f'<picture><img src="/media/{post.hero_image.name}" alt="Not really an image." fetchpriority="high"></picture>' in html


def test_make_renditions_command_restores_missing_files(wide_hero_post):
    missing = rendition_name(wide_hero_post.hero_image.name, 960)
    default_storage.delete(missing)
    out = io.StringIO()
    call_command("make_renditions", stdout=out)
    assert stored_image(missing).size == (960, 480)
    assert "1 written" in out.getvalue()


def test_a_hero_uploaded_in_the_admin_gets_its_renditions(client, admin_user):
    client.force_login(admin_user)
    upload = SimpleUploadedFile("meadow.png", png_bytes(1000, 500), content_type="image/png")
    response = client.post("/admin/blog/post/add/", add_form(hero_image=upload, hero_alt="A meadow."))
    assert response.status_code == 302
    post = Post.objects.get(slug="fresh-essay")
    assert [stored_image(rendition_name(post.hero_image.name, width)).size for width in (480, 960, 1000)] == [
        (480, 240), (960, 480), (1000, 500)
    ]


@pytest.mark.django_db
def test_hero_dimensions_are_stored_even_for_files_saved_from_a_stream(make_post):
    post = make_post(hero=True)
    post.refresh_from_db()
    assert (post.hero_width, post.hero_height) == (40, 20)
