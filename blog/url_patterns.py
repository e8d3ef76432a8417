"""`reverse()` for the URLs pages print by the hundred (a post's, a tag's): resolved once per URL configuration and
script prefix, then filled in by string formatting (reverse() costs tens of microseconds a call)."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

PLACEHOLDER = "0placeholder0"  # a valid slug that appears nowhere else in a URL


@lru_cache(maxsize=64)
def _pattern(name, urlconf, script_prefix):
    return reverse(name, args=[PLACEHOLDER], urlconf=urlconf).split(PLACEHOLDER)


def slug_url(name, slug):
    """reverse(name, args=[slug]) for a URL whose only argument is a slug (no escaping needed)."""
    before, after = _pattern(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    return f"{before}{slug}{after}"
