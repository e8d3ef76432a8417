"""Template helpers: absolute URLs, JSON-LD for posts, and page links that keep the query string."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from blog.absolute import absolute_url

register = template.Library()

JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def absolute(path):
    return absolute_url(str(path))


@register.simple_tag
def post_json_ld(post, site):
    """A schema.org BlogPosting for search engines, as a non-executable data block (allowed under CSP)."""
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "description": post.summary,
        "url": absolute_url(post.get_absolute_url()),
        "mainEntityOfPage": absolute_url(post.get_absolute_url()),
        "datePublished": post.publish_at.isoformat(),
        "dateModified": (post.updated_for_readers or post.publish_at).isoformat(),
        "author": {"@type": "Person", "name": post.author.public_name},
        "publisher": {"@type": "Organization", "name": site.title},
        "keywords": [tag.name for tag in post.tags.all()],
    }
    if post.hero_image:
        data["image"] = absolute_url(post.hero_image.url)
    payload = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL's query string with `page` set to `number` (page 1 drops it)."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    if number != 1:
        query["page"] = number
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else context["request"].path
