"""Production static files: `collectstatic` with the manifest storage succeeds and pages link hashed names."""

import io
import json
import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PRODUCTION_STATIC = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture
def collected(settings, tmp_path):
    """Run collectstatic as production does, into a temporary STATIC_ROOT."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STATIC}}
    # Any CSS url()/@import naming a missing file makes the manifest storage raise here.
    call_command("collectstatic", "--noinput", verbosity=0, stdout=io.StringIO())
    return settings.STATIC_ROOT


def test_collectstatic_builds_a_manifest_of_hashed_files(collected):
    manifest = json.loads((collected / "staticfiles.json").read_text())
    paths = manifest["paths"]
    for name in ("css/site.css", "css/code.css"):
        assert name in paths, name
        hashed = paths[name]
        assert re.fullmatch(rf"{name.removesuffix('.css')}\.[0-9a-f]{{12}}\.css", hashed), hashed
        assert (collected / hashed).exists()
        assert (collected / f"{hashed}.gz").exists()  # compressed copies for the web server


def test_css_references_point_at_hashed_files_that_exist(collected):
    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
    for name, hashed in manifest.items():
        if not name.endswith(".css") or name.startswith("admin/"):
            continue
        css = (collected / hashed).read_text()
        for reference in re.findall(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""", css):
            target = next(part for part in reference if part)
            if target.startswith(("data:", "#", "http:", "https:")):
                continue
            resolved = (collected / hashed).parent.joinpath(target.split("?")[0].split("#")[0]).resolve()
            assert resolved.exists(), (name, target)


def test_home_page_links_hashed_stylesheet(client, collected, make_post):
    make_post(slug="styled")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert stylesheets
    for href in stylesheets:
        assert re.fullmatch(r"/static/css/[\w-]+\.[0-9a-f]{12}\.css", href), href
        assert (collected / href.removeprefix("/static/")).exists()


def test_post_page_renders_with_hashed_static_files(client, collected, make_post):
    post = make_post(slug="styled", body="```python\nprint('hi')\n```\n", hero=True)
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    for href in re.findall(r'href="(/static/[^"]+)"', response.content.decode()):
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", href), href
