"""Hero image renditions: WebP copies at a few widths, made when a post is saved, for a responsive `srcset`.

Names are derived from the hero's own name and the width (`renditions/<hero name>-<width>w.webp`), so templates
know them from `hero_image.name` and `hero_width` without touching storage. The original stays the fallback.
"""

import io
import logging

from django.core.files.base import ContentFile
from django.db.models.signals import post_save
from django.dispatch import receiver
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

RENDITION_WIDTHS = (480, 960, 1600)
WEBP_QUALITY = 80


def rendition_widths(original_width):
    """The widths to offer: each standard width, capped at the original's (never upscaled)."""
    if not original_width:
        return []
    return sorted({min(width, original_width) for width in RENDITION_WIDTHS})


def rendition_name(hero_name, width):
    return f"renditions/{hero_name}-{width}w.webp"


def hero_renditions(post):
    """(url, width) of each WebP rendition of the post's hero image; empty without a hero or its size."""
    if not post.hero_image or not post.hero_width:
        return []
    storage = post.hero_image.storage
    return [(storage.url(rendition_name(post.hero_image.name, width)), width) for width in rendition_widths(post.hero_width)]


def resized_webp(image, width):
    height = max(1, round(image.height * width / image.width))
    copy = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    copy.save(buffer, format="WEBP", quality=WEBP_QUALITY, method=4)
    return buffer.getvalue()


def make_renditions(post):
    """Write the missing renditions of the post's hero image; returns the names written. A hero that cannot be
    read is logged and skipped: the page then offers the original alone."""
    if not post.hero_image:
        return []
    storage = post.hero_image.storage
    try:
        original_width = post.hero_width or post.hero_image.width  # the latter reads the file's header
        widths = rendition_widths(original_width)
        missing = [width for width in widths if not storage.exists(rendition_name(post.hero_image.name, width))]
        if not missing:
            return []
        with storage.open(post.hero_image.name, "rb") as file, Image.open(file) as opened:
            image = ImageOps.exif_transpose(opened)
            image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
            written = []
            for width in missing:
                name = rendition_name(post.hero_image.name, width)
                written.append(storage.save(name, ContentFile(resized_webp(image, width))))
            return written
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        logger.warning("Could not make renditions of the hero image %s of post %s.", post.hero_image.name, post.pk, exc_info=True)
        return []


@receiver(post_save, sender="blog.Post", dispatch_uid="blog.renditions.make_renditions")
def make_renditions_on_save(sender, instance, raw=False, **kwargs):
    if not raw:
        make_renditions(instance)
