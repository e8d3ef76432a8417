"""Aggregates over every live post (tags with their counts, the archive's years, sitemap dates), computed once
per change of the essays (the stamp's editorial part, blog/content_version.py: none of them counts comments) and
shared through the cache, so that their cost is paid once per change of content, not once per page view.
DERIVED_CACHE_SECONDS = 0 computes them every time."""

from django.conf import settings
from django.core.cache import cache

from blog import content_version
from blog.local_copies import LocalCopies

process_copies = LocalCopies(64)


def once_per_stamp(name, compute):
    """`compute()`, or its value stored under the current editorial stamp."""
    seconds = settings.DERIVED_CACHE_SECONDS
    if seconds <= 0:
        return compute()
    return stored_or_computed(f"derived:{name}:{content_version.current().editorial_token}", compute, seconds)


def stored_or_computed(key, compute, seconds):
    """The value stored under `key`, a key that names the version of its value, else `compute()`, stored."""
    value = stored(key)
    if value is None:
        value = compute()
        store(key, value, seconds)
    return value


def stored(key, copies=process_copies):
    """The value under `key` (a key that names its version): this process's copy, else the cache's; None if
    neither has it."""
    shared = content_version.shares_cache()
    value = copies.get(key) if shared else None
    if value is None:
        value = cache.get(key)
        if value is not None and shared:
            copies.put(key, value)
    return value


def store(key, value, seconds, copies=process_copies):
    cache.set(key, value, seconds)
    if content_version.shares_cache():
        copies.put(key, value)


def live_post_count():
    """How many posts are live: the total behind the home page's pages and the sitemap's."""
    from blog.models import Post

    return once_per_stamp("live-post-count", lambda: Post.objects.live().count())


def live_tags():
    """Tags that have live posts, by name, each with its `live_count`."""
    from blog.models import Tag

    return once_per_stamp("tag-index", lambda: list(Tag.objects.with_live_counts()))


def with_known_count(paginator, count):
    """`paginator`, told its total so that it does not count its items again (Paginator.count is a
    cached_property: this sets the cached value)."""
    paginator.count = count
    return paginator
