"""Images found by the importers: read and check them, choose their media names, and rewrite links to them."""

import hashlib
import io
import re
from pathlib import PurePosixPath
from urllib.parse import unquote

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.text import get_valid_filename
from PIL import Image, UnidentifiedImageError

from blog.importers.markdown_cleanup import outside_code
from blog.importers.records import ImageFile, ImportProblem, StoredImage

IMPORTS_FOLDER = "imports"
MARKDOWN_IMAGE = re.compile(r"(!\[[^\]\n]*\]\()(<[^>\n]+>|[^)\s]+)((?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\))")
HTML_IMAGE = re.compile(r"(<img\b[^>]*?\bsrc\s*=\s*)([\"'])(.*?)\2", re.IGNORECASE | re.DOTALL)


def check_image(data, label):
    """ImportProblem unless `data` is an image Pillow can read."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as error:
        raise ImportProblem(f"unreadable image {label}: not a picture Pillow can open ({error})") from error


def read_image(path, label):
    """An ImageFile from a local file; ImportProblem naming `label` when it is missing or not an image."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportProblem(f"unreadable image {label}: {error.strerror or error}") from error
    check_image(data, label)
    return ImageFile(name=safe_file_name(path.name), data=data)


def safe_file_name(name):
    return get_valid_filename(PurePosixPath(name).name) or "image"


def media_name_for(image, preferred=""):
    """Where a body image goes in media: `preferred` when free or already these bytes, else imports/<hash>/<name>."""
    if preferred and _is_valid_name(preferred) and _free_or_same(preferred, image.data):
        return preferred
    digest = hashlib.sha256(image.data).hexdigest()[:16]
    return f"{IMPORTS_FOLDER}/{digest}/{safe_file_name(image.name)}"


def _is_valid_name(name):
    return all(part == get_valid_filename(part) for part in name.split("/"))


def _free_or_same(name, data):
    if not default_storage.exists(name):
        return True
    with default_storage.open(name, "rb") as stored:
        return stored.read() == data


def stored_bytes(field_file):
    """The bytes of a saved FileField's file, or None when it has none or it is missing from storage."""
    if not field_file:
        return None
    try:
        with field_file.storage.open(field_file.name, "rb") as stored:
            return stored.read()
    except OSError:
        return None


def write_stored_image(image):
    """Write a body image to media storage unless these bytes are already there under its name."""
    if default_storage.exists(image.name):
        return
    saved = default_storage.save(image.name, io.BytesIO(image.data))
    if saved != image.name:
        raise ImportProblem(f"could not store image as {image.name} (storage chose {saved})")


def is_local_reference(url):
    """True for a relative or root-relative path; False for URLs with a scheme, protocol-relative URLs and anchors."""
    return bool(url) and not re.match(r"^([a-z][a-z0-9+.-]*:|//|#)", url, re.IGNORECASE)


def rewrite_image_links(body, resolve):
    """(body, images to store): every image link (except ones already in media) passed to `resolve(url)`, which
    returns an ImageFile and a preferred media name, or None to leave the link as it is."""
    images = {}

    def replace(url):
        target = unquote(url.strip("<>").split("?")[0].split("#")[0])
        if not target or target.startswith(("#", settings.MEDIA_URL)):
            return url
        found = resolve(target)
        if found is None:
            return url
        image, preferred = found
        name = media_name_for(image, preferred)
        images[name] = StoredImage(name=name, data=image.data)
        return settings.MEDIA_URL + name

    def rewrite(text):
        text = MARKDOWN_IMAGE.sub(lambda m: m.group(1) + replace(m.group(2)) + m.group(3), text)
        return HTML_IMAGE.sub(lambda m: m.group(1) + m.group(2) + replace(m.group(3)) + m.group(2), text)

    return outside_code(body, rewrite), list(images.values())
