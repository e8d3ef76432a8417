"""Helpers for the importer tests: copy a fixture tree to a temporary folder and paint the images it needs."""

import io
import shutil
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def image_bytes(colour, image_format="PNG", size=(30, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=image_format)
    return buffer.getvalue()


def copy_fixture(name, tmp_path, images=()):
    """Copy tests/fixtures/import/<name> under tmp_path; `images` are (relative path, bytes) to write into it."""
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    for relative, data in images:
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return target


def run_command(*args):
    """(stdout, stderr, error) of a management command; `error` is the CommandError it raised, or None."""
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=stdout, stderr=stderr)
    except CommandError as error:
        return stdout.getvalue(), stderr.getvalue(), error
    return stdout.getvalue(), stderr.getvalue(), None


def stored_files(media_root):
    root = Path(media_root)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()) if root.exists() else []
