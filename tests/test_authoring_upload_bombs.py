"""Images built to exhaust memory: a few bytes of GIF that ask for gigabytes are refused with a message."""

import io
import struct

import pytest
from PIL import Image

from tests.test_authoring_editor import editor_client, stored_files, upload  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def one_pixel_frames_gif(width, height, positions):
    """A GIF whose logical screen is width x height, with a 1x1 frame at each position."""
    data = bytearray(b"GIF89a" + struct.pack("<HH", width, height) + bytes([0xF0, 0, 0]) + b"\x00\x00\x00\xff\xff\xff")
    data += b"\x21\xFF\x0BNETSCAPE2.0\x03\x01\x00\x00\x00"
    for index, (x, y) in enumerate(positions):
        data += b"\x21\xF9\x04\x04\x01\x00\x00\x00" + b"\x2C" + struct.pack("<HHHH", x, y, 1, 1) + b"\x00"
        data += b"\x02\x02" + struct.pack("<H", 4 | ((index % 2) << 3) | (5 << 6)) + b"\x00"
    return bytes(data + b"\x3B")


def test_many_frames_on_a_large_canvas_are_refused(editor_client, settings):
    bomb = one_pixel_frames_gif(6000, 6000, [(i, 0) for i in range(60)])
    assert len(bomb) < 2000
    response = upload(editor_client, "bomb.gif", bomb, "image/gif")
    assert response.status_code == 400
    assert "too many pixels or frames" in response.json()["error"]
    assert stored_files(settings) == []


@pytest.mark.parametrize("offset", [3000, 13000, 19999])
def test_a_frame_that_grows_the_canvas_is_refused(editor_client, settings, offset):
    bomb = one_pixel_frames_gif(100, 100, [(0, 0), (offset, offset)])
    response = upload(editor_client, "grow.gif", bomb, "image/gif")
    assert response.status_code == 400
    assert "too many pixels or frames" in response.json()["error"]
    assert stored_files(settings) == []


def test_a_small_animation_is_kept_animated_without_its_comment(editor_client, settings):
    frames = [Image.new("RGB", (20, 20), colour) for colour in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], comment=b"secret location")
    response = upload(editor_client, "anim.gif", buffer.getvalue(), "image/gif")
    assert response.status_code == 200
    (stored,) = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    assert b"secret location" not in stored.read_bytes()
    with Image.open(stored) as reopened:
        assert reopened.n_frames == 3 and reopened.size == (20, 20)
