"""Parts of pages kept in the cache under the version of what they show, so that a change elsewhere on the site
does not render them again.

The page cache (blog/page_cache.py) forgets every page whenever anything readers see changes: a comment approved
under one essay makes every essay page render again. Most of such a page has not changed, though: its essay,
its metadata, its neighbours and its comment thread each depend on a few versions (the stamp's editorial part,
the post's own comment version; blog/content_version.py). A part is rendered when its version is new and read
from the cache otherwise: from this process's own copies when it has them (blog/local_copies.py), else all of
a page's parts in one round trip. FRAGMENT_CACHE_SECONDS bounds how long an unused part is kept in the cache; 0
renders every part every time.
"""

from dataclasses import dataclass
from typing import Callable

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe

from blog.content_version import shares_cache
from blog.local_copies import LocalCopies

LOCAL_COPIES = 512  # parts each process keeps beside the shared cache

process_copies = LocalCopies(LOCAL_COPIES)


@dataclass(frozen=True)
class Part:
    render: Callable[[], str]
    version: tuple | None  # None: shown to one reader only (or a preview), rendered every time and never stored


def part_key(name, version):
    return "fragment:" + ":".join(str(value) for value in (name, *version))


def render_parts(parts):
    """{name: Part} to {name: HTML}: stored parts from the cache, the others rendered (and stored)."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    keys = {name: part_key(name, part.version) for name, part in parts.items() if part.version is not None}
    stored = stored_parts(keys.values()) if keys and seconds > 0 else {}
    html, fresh = {}, {}
    for name, part in parts.items():
        key = keys.get(name)
        if key in stored:
            html[name] = mark_safe(stored[key])
            continue
        html[name] = mark_safe(part.render())
        if key is not None and seconds > 0:
            fresh[key] = str(html[name])
    if fresh:
        cache.set_many(fresh, seconds)
        keep_copies(fresh)
    return html


def stored_parts(keys):
    """{key: HTML} of the parts found: this process's copies first, then the cache in one round trip."""
    local = shares_cache()
    found = {key: html for key in keys if (html := process_copies.get(key)) is not None} if local else {}
    missing = [key for key in keys if key not in found]
    if missing:
        from_cache = cache.get_many(missing)
        found.update(from_cache)
        if local:
            keep_copies(from_cache)
    return found


def keep_copies(parts):
    if shares_cache():
        for key, html in parts.items():
            process_copies.put(key, html)
