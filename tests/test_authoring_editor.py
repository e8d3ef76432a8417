"""The admin editor's preview and upload endpoints: staff-only, sanitised, and strict about images."""

import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.conftest import png_bytes

pytestmark = pytest.mark.django_db

PREVIEW_URL = "/admin/markdownx/markdownify/"
UPLOAD_URL = "/admin/markdownx/upload/"
AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_user("ed", "ed@example.com", "pw-for-tests-123", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_post"))
    client.force_login(user)
    return client


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def upload(client, name, content, content_type="image/png"):
    return client.post(UPLOAD_URL, {"image": SimpleUploadedFile(name, content, content_type=content_type)}, **AJAX)


@pytest.mark.parametrize("who", ["anonymous", "reader", "staff-without-permission"])
def test_preview_and_upload_refuse_everyone_but_post_editors(client, django_user_model, settings, who):
    if who != "anonymous":
        user = django_user_model.objects.create_user(who, f"{who}@example.com", "pw-for-tests-123", is_staff=who != "reader")
        client.force_login(user)
    preview = client.post(PREVIEW_URL, {"content": "# Hi"})
    uploaded = upload(client, "ok.png", png_bytes())
    for response in (preview, uploaded):
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "/admin/login/" in response["Location"]
    assert stored_files(settings) == []


def test_preview_uses_the_site_pipeline_and_sanitises(editor_client):
    response = editor_client.post(
        PREVIEW_URL,
        {"content": "## The Lure of Speed\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script>\n[x](javascript:alert(2))"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="the-lure-of-speed"' in html and "<table>" in html
    assert "<script" not in html and "javascript:" not in html


def test_preview_answers_only_post(editor_client):
    assert editor_client.get(PREVIEW_URL).status_code == 405


def test_valid_png_is_stored_under_a_random_name_by_month(editor_client, settings):
    response = upload(editor_client, "holiday photo.png", png_bytes())
    assert response.status_code == 200
    code = response.json()["image_code"]
    url = re.search(r"\((.+)\)", code).group(1)
    assert re.fullmatch(r"/media/uploads/\d{4}/\d{2}/[\w-]{16}\.png", url)
    assert "holiday" not in url
    assert len(stored_files(settings)) == 1


def test_svg_with_script_is_refused(editor_client, settings):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
    response = upload(editor_client, "x.svg", svg, "image/svg+xml")
    assert response.status_code == 400
    assert "JPEG, PNG, WebP or GIF" in response.json()["error"]
    assert stored_files(settings) == []


def test_php_renamed_png_is_refused(editor_client, settings):
    response = upload(editor_client, "shell.png", b"<?php system($_GET['c']); ?>", "image/png")
    assert response.status_code == 400
    assert stored_files(settings) == []


def test_image_over_the_limit_is_refused_with_its_size(editor_client, settings):
    big = png_bytes() + b"\0" * (6 * 1024 * 1024)
    response = upload(editor_client, "big.png", big)
    assert response.status_code == 400
    assert "5.0\xa0MB" in response.json()["error"] or "5.0 MB" in response.json()["error"]
    assert stored_files(settings) == []


def test_limit_is_a_setting(editor_client, settings):
    settings.MARKDOWNX_UPLOAD_MAX_SIZE = 50
    assert upload(editor_client, "ok.png", png_bytes()).status_code == 400


def test_metadata_such_as_gps_is_stripped(editor_client, settings):
    image = Image.new("RGB", (30, 30), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # camera make
    exif[0x8825] = {1: "N", 2: (52.0, 31.0, 12.0)}  # GPS info
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    assert b"SpyCam" in buffer.getvalue()
    response = upload(editor_client, "gps.jpg", buffer.getvalue(), "image/jpeg")
    assert response.status_code == 200
    (stored,) = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    data = stored.read_bytes()
    assert b"SpyCam" not in data
    with Image.open(stored) as reopened:
        assert reopened.format == "JPEG" and not reopened.getexif()
