"""Aggregates over every live post (tags with their counts, the archive's years, sitemap dates), computed once per
content stamp (blog/content_version.py) and shared through the cache, so that their cost is paid once per change
of content, not once per page view. DERIVED_CACHE_SECONDS = 0 computes them every time."""

from django.conf import settings
from django.core.cache import cache

from blog import content_version


def once_per_stamp(name, compute):
    """`compute()`, or its value stored under the current content stamp."""
    seconds = settings.DERIVED_CACHE_SECONDS
    if seconds <= 0:
        return compute()
    key = f"derived:{name}:{content_version.current().token}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value
