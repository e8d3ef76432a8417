"""Whole anonymous pages, served from the cache and revalidated without rendering.

For an anonymous GET or HEAD of a public page (no session, comment-author or messages cookie, no Authorization,
not the admin, a preview, static or media files), the middleware
- answers a conditional request (If-None-Match / If-Modified-Since) whose copy is current with a 304, before any
  view runs: the validators come from the content stamp (blog/content_version.py), not from the page;
- serves the page from Django's cache when it was stored under the current stamp (PAGE_CACHE_SECONDS, 0 turns
  this off), else renders it and stores it if it is public: 200, no cookie set, not marked private or no-store;
- marks public pages `Cache-Control: public` with a short max-age and stale-while-revalidate, plus ETag and
  Last-Modified, never reaching past the next scheduled publication.
Signed-in readers, staff, previews, comment authors and POSTs always get a fresh page.
"""

import hashlib
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

from blog import content_version
from blog.local_copies import LocalCopies

CACHE_HEADER = "X-Page-Cache"
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
STORED_QUERY_KEYS = frozenset({"page", "q"})  # other parameters (tracking tags, junk) are rendered, not stored
MESSAGES_COOKIE = "messages"
LOCAL_COPIES = 256  # pages each process keeps beside the shared cache


def personal_cookie_names():
    return (settings.SESSION_COOKIE_NAME, settings.COMMENTS_AUTHOR_COOKIE, MESSAGES_COOKIE)


# Links from emails that act when followed: a 304 would skip the action.
ACTION_LINK_PREFIXES = ("/comments/unsubscribe/", "/accounts/verify/")


def bypass_prefixes():
    return (f"/{settings.ADMIN_URL}", settings.STATIC_URL, settings.MEDIA_URL, "/preview/", "/healthz",
            *ACTION_LINK_PREFIXES)


def is_anonymous_read(request):
    """A request whose answer is the same for every anonymous reader."""
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    if cookies and any(name in cookies for name in personal_cookie_names()):
        return False
    if request.path_info.startswith(bypass_prefixes()):
        return False
    return not (settings.SECURE_SSL_REDIRECT and not request.is_secure())


def page_key(request):
    """The cache key of a page: scheme, host (validated against ALLOWED_HOSTS here) and full path."""
    address = f"{request.scheme}://{request.get_host()}{quote(request.get_full_path())}"
    return "page:" + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()


def cache_control(stamp):
    """`public` with max-age and stale-while-revalidate, none of which reaches past the next scheduled post."""
    max_age = stamp.freshness(settings.HTTP_CACHE_MAX_AGE)
    stale = max(0, stamp.freshness(settings.HTTP_CACHE_MAX_AGE + settings.HTTP_CACHE_STALE_SECONDS) - max_age)
    return f"public, max-age={max_age}, stale-while-revalidate={stale}, stale-if-error=86400"


def add_validators(response, stamp):
    response["ETag"] = stamp.etag
    response["Last-Modified"] = stamp.last_modified_header
    if "Cache-Control" in response:
        patch_cache_control(response, public=True, max_age=stamp.freshness(settings.HTTP_CACHE_MAX_AGE))
    else:
        response["Cache-Control"] = cache_control(stamp)
    return response


def is_public_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    directives = response.get("Cache-Control", "")
    return not any(word in directives for word in UNCACHEABLE_DIRECTIVES)


def is_storable(request):
    return settings.PAGE_CACHE_SECONDS > 0 and set(request.GET) <= STORED_QUERY_KEYS


# With a shared cache (Redis), each process also keeps copies of the pages it served most recently, checked
# against the stamp like the shared ones: a hit then fetches only the small stamp from Redis, not the page.
process_copies = LocalCopies(LOCAL_COPIES)


def stored_page(key, stamp):
    """The page stored under the current stamp: this process's copy, else the cache's; None if there is none."""
    shared = content_version.shares_cache()
    entry = process_copies.get(key) if shared else None
    if entry is None or entry[0] != stamp.token:
        entry = cache.get(key)
        if entry is None or entry[0] != stamp.token:
            return None
        if shared:
            process_copies.put(key, entry)
    return entry


def store_page(key, entry, timeout):
    cache.set(key, entry, timeout)
    if content_version.shares_cache():
        process_copies.put(key, entry)


class PageCacheMiddleware:
    """Place first (after RequestHygieneMiddleware): a cache hit then skips every other middleware; what it stores
    already carries the headers the inner ones added (security headers, CSP)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = content_version.open_request()
        try:
            if not is_anonymous_read(request):
                return self.get_response(request)
            return self.anonymous_response(request)
        finally:
            content_version.close_request(token)

    def anonymous_response(self, request):
        stamp = content_version.current()
        not_modified = get_conditional_response(request, etag=stamp.etag, last_modified=stamp.last_modified)
        if not_modified is not None:
            return add_validators(not_modified, stamp)
        storable = is_storable(request)
        if storable:
            key = page_key(request)
            entry = stored_page(key, stamp)
            if entry is not None:
                return self.from_entry(entry, stamp)
        response = self.get_response(request)
        if not is_public_response(response):
            return response
        add_validators(response, stamp)
        if storable:
            timeout = stamp.freshness(settings.PAGE_CACHE_SECONDS)
            if timeout > 0:
                headers = [(name, value) for name, value in response.items() if name != "Cache-Control"]
                store_page(key, (stamp.token, response.status_code, headers, response.content), timeout)
                response[CACHE_HEADER] = "miss"
        return response

    @staticmethod
    def from_entry(entry, stamp):
        _, status, headers, content = entry
        response = HttpResponse(content, status=status, headers=dict(headers))
        response["Cache-Control"] = cache_control(stamp)
        response[CACHE_HEADER] = "hit"
        return response

