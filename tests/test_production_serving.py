"""Serving in production: /healthz, a plain 503 page while the database is down (and recovery without a restart),
uploaded media served safely, S3 storage switched on by environment variables, and gunicorn's own settings and
limits, tested against a real gunicorn."""

import io
import os
import time

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from tests.production_support import (
    Gunicorn,
    Relay,
    collect_static,
    database_url,
    production_env,
    raw_request,
    request,
    require_postgres,
)
from tests.test_settings import manage


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("collected") / "static"
    collect_static(root)
    return root


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_healthz_answers_before_the_host_check(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db(transaction=True)
def test_database_outage_gives_a_plain_503_and_recovers_by_itself(make_post, static_root, tmp_path):
    require_postgres()
    from django.db import connection

    make_post("Still here", slug="still-here")
    relay = Relay(connection.settings_dict["HOST"] or "127.0.0.1", int(connection.settings_dict["PORT"] or 5432))
    relay.restore()
    env = production_env(static_root, tmp_path / "media", DATABASE_URL=database_url("127.0.0.1", relay.port))
    with Gunicorn(env, tmp_path / "gunicorn.log") as server:
        assert server.get("/blog/still-here/").status == 200
        relay.cut()
        for path in ("/", "/blog/still-here/", "/rss.xml"):
            down = server.get(path)
            assert down.status == 503, (path, down.text[:500])
            assert "Back in a moment" in down.text and "Traceback" not in down.text
            assert down.header("Retry-After") == "30" and down.header("Cache-Control") == "no-store"
        assert server.get("/healthz").status == 503
        relay.restore()
        deadline = time.monotonic() + 10
        while server.get("/blog/still-here/").status != 200:
            assert time.monotonic() < deadline, "the site did not recover"
            time.sleep(0.2)
        assert server.get("/healthz").status == 200
        assert "Still here" in server.get("/").text
    relay.cut()


@pytest.fixture
def media(settings):
    root = settings.MEDIA_ROOT
    (root / "uploads" / "2026").mkdir(parents=True)
    (root / "uploads" / "2026" / "photo.png").write_bytes(png_bytes())
    (root / "uploads" / "2026" / "page.html").write_text("<script>alert(1)</script>")
    (root / "uploads" / "2026" / "drawing.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    (root / "uploads" / ".env").write_text("SECRET=1")
    (root.parent / "outside.txt").write_text("not media")
    return root


@pytest.mark.django_db
def test_images_are_served_inline_with_safe_headers(client, media):
    response = client.get("/media/uploads/2026/photo.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == (media / "uploads/2026/photo.png").read_bytes()
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"] and "default-src 'none'" in response["Content-Security-Policy"]
    assert "Content-Disposition" not in response
    assert "public" in response["Cache-Control"]
    again = client.get("/media/uploads/2026/photo.png", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["page.html", "drawing.svg"])
def test_anything_but_an_image_is_a_download(client, media, name):
    response = client.get(f"/media/uploads/2026/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/media/uploads/", "/media/uploads/2026/", "/media/uploads/.env", "/media/../outside.txt",
     "/media/uploads/%2e%2e/%2e%2e/outside.txt", "/media/uploads/2026/nothing.png", "/media/%00.png"],
)
def test_no_listings_no_hidden_files_no_way_out(client, media, path):
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_media_refuses_writes(client, media):
    assert client.post("/media/uploads/2026/photo.png").status_code == 405


@pytest.mark.django_db
def test_uploaded_hero_image_is_served(client, make_post):
    post = make_post("With a picture", slug="with-picture", hero=True)
    assert client.get(post.hero_image.url).status_code == 200


S3 = {
    "DEBUG": "0", "SECRET_KEY": "s" * 60, "SITE_URL": "https://blog.example.com", "DATABASE_URL": "sqlite:///:memory:",
    "AWS_STORAGE_BUCKET_NAME": "quire-media", "AWS_S3_ENDPOINT_URL": "https://s3.eu.example.net",
    "AWS_S3_REGION_NAME": "eu-1", "AWS_ACCESS_KEY_ID": "AKIATEST", "AWS_SECRET_ACCESS_KEY": "secret",
}
SHOW_STORAGE = (
    "from django.conf import settings; from django.core.files.storage import default_storage, storages; "
    "print(settings.STORAGES['default']['BACKEND'], settings.SERVE_MEDIA, type(storages['default']).__name__); "
    "print(default_storage.url('uploads/2026/photo.png')); "
    "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
)


def test_s3_storage_is_used_when_a_bucket_is_configured():
    result = manage("shell", "-c", SHOW_STORAGE, **S3)
    assert result.returncode == 0, result.stderr
    backend, url, img_src = result.stdout.strip().splitlines()[-3:]
    assert backend.split() == ["storages.backends.s3.S3Storage", "False", "S3Storage"]
    assert url.startswith("https://s3.eu.example.net/quire-media/uploads/2026/photo.png")
    assert "X-Amz-Signature" not in url  # plain URLs: cached pages never hold an expiring link
    assert "https://s3.eu.example.net" in img_src


def test_a_cdn_domain_serves_s3_media():
    result = manage("shell", "-c", SHOW_STORAGE, **S3, AWS_S3_CUSTOM_DOMAIN="media.example.com")
    assert result.returncode == 0, result.stderr
    _, url, img_src = result.stdout.strip().splitlines()[-3:]
    assert url == "https://media.example.com/uploads/2026/photo.png"
    assert "https://media.example.com" in img_src


def test_local_files_without_a_bucket():
    environment = {name: value for name, value in S3.items() if not name.startswith("AWS_")}
    result = manage("shell", "-c", SHOW_STORAGE, **environment)
    assert result.returncode == 0, result.stderr
    backend = result.stdout.strip().splitlines()[-3]
    assert backend.split() == ["django.core.files.storage.FileSystemStorage", "True", "FileSystemStorage"]


def gunicorn_config(**env):
    import subprocess
    import sys

    from tests.production_support import PROJECT

    environment = {"PATH": os.environ.get("PATH", ""), "HOME": "/tmp", "DEBUG": "1", **env}
    result = subprocess.run([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--print-config",
                             "config.wsgi"], cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return {name.strip(): value.strip() for name, _, value in
            (line.partition(" = ") for line in result.stdout.splitlines()) if value}


def test_gunicorn_takes_its_settings_from_the_environment():
    config = gunicorn_config(WEB_CONCURRENCY="5", PORT="8123", GUNICORN_TIMEOUT="45")
    assert config["workers"] == "5" and config["bind"] == "['127.0.0.1:8123']"
    assert config["worker_class"] == "config.gunicorn_worker.ThreadWorker" and config["timeout"] == "45"
    assert config["accesslog"] == "-" and config["errorlog"] == "-"
    assert gunicorn_config(BIND="unix:/run/quire.sock")["bind"] == "['unix:/run/quire.sock']"
    assert config["reuse_port"] == "True" and gunicorn_config(GUNICORN_REUSE_PORT="0")["reuse_port"] == "False"



@pytest.mark.django_db(transaction=True)
def test_raw_bad_requests_get_a_4xx_from_real_gunicorn(make_post, static_root, tmp_path):
    require_postgres()
    make_post("Sturdy", slug="sturdy")
    env = production_env(static_root, tmp_path / "media", DATABASE_URL=database_url())
    with Gunicorn(env, tmp_path / "gunicorn.log") as server:
        port = server.port
        ok = b"GET /blog/sturdy/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        assert raw_request(port, ok + b"\r\n") == 200
        assert raw_request(port, b"GET /search/?q=caf\xe9 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n") == 400
        assert raw_request(port, b"GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n") == 400
        assert raw_request(port, ok.replace(b"GET", b"POST") + b"Content-Length: 999999999\r\n\r\n") == 413
        assert raw_request(port, ok + b"Cookie: sessionid=" + b"x" * 10_000 + b"\r\n\r\n") == 431  # header too large
        assert raw_request(port, ok + b"Cookie: sessionid=\xff\xfe; quire_commenter=%%%\r\n\r\n") == 400  # malformed
        assert request(port, "GET", "/blog/sturdy/").status == 200  # still serving


def test_upload_of_a_file_stays_in_media(settings, tmp_path):
    from django.core.files.storage import default_storage

    name = default_storage.save("uploads/2026/x.png", ContentFile(png_bytes()))
    assert (settings.MEDIA_ROOT / name).is_file()


@pytest.mark.django_db
def test_a_connection_the_database_dropped_is_noticed_before_it_is_used():
    """config/postgres_backend: the health check polls the socket instead of asking the server."""
    require_postgres()
    from django.db import connection, connections

    pooled = connections.create_connection("default")
    try:
        pooled.ensure_connection()
        assert pooled.is_usable()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pooled.connection.info.backend_pid])
        deadline = time.monotonic() + 5
        while pooled.is_usable():
            assert time.monotonic() < deadline, "a terminated connection still looks usable"
            time.sleep(0.05)
    finally:
        pooled.close()
