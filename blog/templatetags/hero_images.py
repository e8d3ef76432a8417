"""`{% hero_picture %}`: a post's hero image as <picture>, WebP renditions (blog/renditions.py) first."""

from django import template

from blog.renditions import hero_renditions

register = template.Library()


@register.inclusion_tag("blog/includes/hero_picture.html")
def hero_picture(post, sizes, alt="", lazy=True):
    """`sizes` tells the browser how wide the image is drawn; `lazy` for images below the fold, else it is
    fetched with high priority."""
    srcset = ", ".join(f"{url} {width}w" for url, width in hero_renditions(post))
    return {"post": post, "srcset": srcset, "sizes": sizes, "alt": alt, "lazy": lazy}
