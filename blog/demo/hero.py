"""Deterministic abstract hero images for Quire's demo content.

The ``seed_demo`` management command needs a hero picture for every demo
essay, but shipping binary images in the repository is wasteful and
licensing them is a chore. Instead, each essay names a ``hero_seed`` (its
slug) and a ``hero_palette`` in its front matter, and this module paints a
soft abstract composition from those two values:

* a background in the palette's last colour, washed with a faint vertical
  gradient towards the first colour;
* one or two broad translucent diagonal bands;
* a cluster of soft-edged, overlapping translucent circles in the remaining
  palette colours, gathered around a focal point on one of the thirds;
* a couple of thin concentric rings, like ripples, around the focal point.

The same seed and palette always produce byte-identical JPEG output (given
the same Pillow version), so the images can be regenerated at will and the
alt text written for them in the essays stays accurate.

Only Pillow and the standard library are required.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageColor, ImageDraw, ImageFilter

__all__ = ["make_hero_image"]

# Shapes are painted on a half-size canvas and scaled up at the end: the
# pictures are deliberately soft, so nothing is lost, and it keeps the
# generator comfortably fast.
_SCALE = 2


def _rgb(colour: str) -> tuple[int, int, int]:
    return ImageColor.getrgb(colour)[:3]


def _composite(
    base: Image.Image,
    bbox: tuple[float, float, float, float],
    draw_fn,
    blur: float,
) -> None:
    """Draw one shape on its own transparent layer and blend it onto *base*.

    Only the shape's bounding box (plus room for the blur) is allocated, so
    many soft shapes stay cheap. ``draw_fn(draw, dx, dy)`` must offset its
    coordinates by ``(dx, dy)``. The layer may extend past the canvas edges;
    it is blurred first and cropped afterwards, so shapes bleeding off the
    edge stay solid there instead of fading out.
    """
    margin = int(blur * 3) + 2
    lx0, ly0 = int(bbox[0]) - margin, int(bbox[1]) - margin
    lx1, ly1 = int(bbox[2]) + margin + 1, int(bbox[3]) + margin + 1
    cx0, cy0 = max(0, lx0), max(0, ly0)
    cx1, cy1 = min(base.width, lx1), min(base.height, ly1)
    if cx1 <= cx0 or cy1 <= cy0:
        return  # entirely off-canvas
    layer = Image.new("RGBA", (lx1 - lx0, ly1 - ly0), (0, 0, 0, 0))
    draw_fn(ImageDraw.Draw(layer), -lx0, -ly0)
    if blur > 0:
        layer = layer.filter(ImageFilter.GaussianBlur(blur))
    layer = layer.crop((cx0 - lx0, cy0 - ly0, cx1 - lx0, cy1 - ly0))
    base.alpha_composite(layer, dest=(cx0, cy0))


def make_hero_image(
    seed: str, palette: list[str], width: int = 1600, height: int = 900
) -> bytes:
    """Return JPEG bytes of a deterministic abstract picture.

    ``seed`` drives every random choice (via ``random.Random(seed)``), and
    ``palette`` is a list of at least one CSS colour string (``"#1d3557"``,
    ``"rgb(…)"``, named colours…). The last colour is used as the
    background; the others paint the circles and bands. The result is a
    progressive, optimised JPEG at quality 82.
    """
    if not palette:
        raise ValueError("palette must contain at least one colour")
    if width < 16 or height < 16:
        raise ValueError("image is too small")

    rng = random.Random(seed)
    colours = [_rgb(c) for c in palette]
    background = colours[-1]
    inks = colours[:-1] or colours

    w = max(8, width // _SCALE)
    h = max(8, height // _SCALE)
    short = min(w, h)

    # Background with a gentle vertical wash towards the first colour.
    img = Image.new("RGBA", (w, h), background + (255,))
    wash = Image.new("RGBA", (w, h), colours[0] + (255,))
    mask = Image.linear_gradient("L").resize((w, h))
    mask = mask.point(lambda v: v * 38 // 255)  # at most ~15% opacity
    if rng.random() < 0.5:
        mask = mask.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    img = Image.composite(wash, img, mask)

    # Focal point on one of the rule-of-thirds intersections, jittered.
    fx = w * rng.choice((1 / 3, 2 / 3)) + rng.uniform(-0.06, 0.06) * w
    fy = h * rng.choice((1 / 3, 2 / 3)) + rng.uniform(-0.08, 0.08) * h

    # Broad diagonal bands sweeping across the canvas.
    for _ in range(rng.randint(1, 2)):
        colour = rng.choice(inks)
        alpha = rng.randint(28, 55)
        thickness = rng.uniform(0.12, 0.28) * h
        slope = rng.uniform(-0.45, 0.45) * h
        offset = rng.uniform(0.2, 0.8) * h
        y0, y1 = offset - slope, offset + slope
        band = [(-w * 0.1, y0), (w * 1.1, y1),
                (w * 1.1, y1 + thickness), (-w * 0.1, y0 + thickness)]
        xs, ys = [x for x, _ in band], [y for _, y in band]
        _composite(
            img,
            (min(xs), min(ys), max(xs), max(ys)),
            lambda d, dx, dy, p=band, c=colour, a=alpha: d.polygon(
                [(x + dx, y + dy) for x, y in p], fill=c + (a,)
            ),
            blur=short * 0.02,
        )

    # Soft overlapping circles: large ones first, smaller ones on top.
    count = rng.randint(5, 8)
    radii = sorted((rng.uniform(0.10, 0.42) * short for _ in range(count)),
                   reverse=True)
    for i, r in enumerate(radii):
        colour = inks[i % len(inks)] if i < len(inks) else rng.choice(inks)
        spread = 0.55 if i < 2 else 0.9
        cx = fx + rng.gauss(0, 0.22) * w * spread
        cy = fy + rng.gauss(0, 0.22) * h * spread
        alpha = rng.randint(70, 150)
        box = (cx - r, cy - r, cx + r, cy + r)
        _composite(
            img,
            box,
            lambda d, dx, dy, b=box, c=colour, a=alpha: d.ellipse(
                (b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy), fill=c + (a,)
            ),
            blur=max(1.0, r * rng.uniform(0.02, 0.06)),
        )

    # Thin ripple rings around the focal point.
    ring_colour = rng.choice(inks)
    base_r = rng.uniform(0.18, 0.3) * short
    step = rng.uniform(0.07, 0.12) * short
    for k in range(rng.randint(2, 3)):
        r = base_r + k * step
        box = (fx - r, fy - r, fx + r, fy + r)
        alpha = max(24, 80 - k * 22)
        _composite(
            img,
            box,
            lambda d, dx, dy, b=box, c=ring_colour, a=alpha: d.ellipse(
                (b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy),
                outline=c + (a,),
                width=max(1, short // 220),
            ),
            blur=0.8,
        )

    out = img.convert("RGB").resize((width, height), Image.Resampling.BICUBIC)
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=82, optimize=True, progressive=True)
    return buf.getvalue()
