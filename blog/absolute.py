"""Absolute URLs built from settings.SITE_URL, for feeds, sitemaps and meta tags."""

import re
from urllib.parse import urljoin

from django.conf import settings

URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def absolute_url(path):
    """`path` (or an already absolute URL) joined onto the public base URL."""
    return urljoin(settings.SITE_URL + "/", path)


def absolutize_html(html, base_path="/"):
    """Rewrite every relative href and src in sanitised HTML as an absolute URL, as feed readers need."""
    base = absolute_url(base_path)
    return URL_ATTRIBUTE.sub(lambda m: m.group(1) + urljoin(base, m.group(2)) + m.group(3), html)
