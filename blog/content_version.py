"""The content stamp: one value that changes whenever anything an anonymous reader sees changes.

Anonymous pages and feeds are the same for everyone until a post, tag, approved comment, author name or the site
settings change, or a scheduled post goes live. The stamp records when that last happened and when the next
scheduled post goes live; ETag, Last-Modified and the page cache (blog/page_cache.py) are derived from it, so
bumping it invalidates every cached page at once. The database row (ContentStamp) is the truth. When the cache is
shared between processes (Redis), the stamp is also kept there, for STAMP_CACHE_SECONDS, so that reading it costs
no query, and each process keeps a copy that Redis tells it to read again when it changes (blog/stamp_watch.py),
so that reading it costs no round trip either. With a per-process cache it is read from the database (one small
query a request), so that all workers agree.

The stamp also records when the essays themselves last changed (`editorial_at`: everything above except
comments). Parts of pages that show no comments are cached under it (blog/fragments.py), so approving a comment
re-renders only the thread it belongs to.
"""

import threading
import time
from contextvars import ContextVar
from dataclasses import astuple, dataclass
from datetime import datetime
from datetime import timezone as dt_timezone

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.http import http_date

from blog.stamp_watch import StampWatch

STAMP_KEY = "content-stamp:2"  # :2 holds the editorial part too (older code read a pair)
STAMP_CACHE_SECONDS = 60  # bounds staleness should a bump fail to reach the cache (Redis briefly down)
PER_PROCESS_BACKENDS = ("django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache")

PENDING = object()  # inside a request, not read yet
_request_stamp = ContextVar("quire_content_stamp", default=None)


@dataclass(frozen=True)
class Stamp:
    changed_at: float  # seconds since the epoch
    next_publish_at: float | None = None
    editorial_at: float | None = None  # None in stamps written before it existed: taken as changed_at

    @property
    def token(self):
        return hex_microseconds(self.changed_at)

    @property
    def editorial_token(self):
        return hex_microseconds(self.changed_at if self.editorial_at is None else self.editorial_at)

    @property
    def etag(self):
        # Weak: the same content may be rendered with different bytes (the comment form's signed token).
        return f'W/"{self.token}"'

    @property
    def last_modified(self):
        return int(self.changed_at)

    @property
    def last_modified_header(self):
        return http_date(self.last_modified)

    def seconds_until_next_publish(self, now=None):
        if self.next_publish_at is None:
            return None
        return max(0, self.next_publish_at - (now if now is not None else time.time()))

    def freshness(self, seconds, now=None):
        """`seconds`, cut short so that nothing cached outlives the next scheduled publication."""
        until_next = self.seconds_until_next_publish(now)
        return int(seconds if until_next is None else min(seconds, until_next))


def hex_microseconds(seconds):
    return f"{round(seconds * 1_000_000):x}"


def shares_cache():
    return settings.CACHES["default"]["BACKEND"] not in PER_PROCESS_BACKENDS


def current():
    """The stamp in force, read once a request; a scheduled publication that has passed bumps it."""
    remembered = _request_stamp.get()
    if remembered is not None and remembered is not PENDING:
        return remembered
    stamp = read()
    if stamp.next_publish_at is not None and stamp.next_publish_at <= time.time():
        stamp = bump()
    if remembered is PENDING:
        _request_stamp.set(stamp)
    return stamp


def open_request():
    """Start remembering the stamp for one request (it is read at most once); returns the token for `close`."""
    return _request_stamp.set(PENDING)


def close_request(token):
    _request_stamp.reset(token)


def read():
    if shares_cache():
        stamp = watched_copy() or read_from_cache()
        if stamp is not None:
            return stamp
    stamp = read_from_database()
    if shares_cache():
        cache.add(STAMP_KEY, astuple(stamp), STAMP_CACHE_SECONDS)
    return stamp


def read_from_cache():
    """The stamp as the cache has it (from Redis's primary server: a replica may lag), or None (also when the cache
    cannot be reached: the database has the truth)."""
    backend = caches["default"]
    cached = getattr(backend, "get_from_primary", backend.get)(STAMP_KEY)
    return Stamp(*cached) if cached is not None else None


def watched_copy():
    watch = stamp_watch()
    return watch.latest() if watch is not None else None


_watch = {}  # {"watch": this process's StampWatch or None}, made on first use
_watch_lock = threading.Lock()


def stamp_watch():
    """This process's watch on the stamp's key (blog/stamp_watch.py), or None when the cache is not Redis."""
    if "watch" not in _watch:
        with _watch_lock:
            if "watch" not in _watch:
                backend = caches["default"]
                _watch["watch"] = (
                    StampWatch(backend._servers[0], backend.make_and_validate_key(STAMP_KEY), read_from_cache)
                    if isinstance(backend, RedisCache) else None
                )
    return _watch["watch"]


@receiver(setting_changed, dispatch_uid="quire.stamp_watch.settings")
def forget_stamp_watch(setting, **kwargs):
    if setting == "CACHES":
        with _watch_lock:
            watch = _watch.pop("watch", None)
        if watch is not None:
            watch.stop()  # the watch made for the settings before


def read_from_database():
    from blog.models import ContentStamp

    row = ContentStamp.objects.filter(pk=1).values_list("changed_at", "next_publish_at", "editorial_changed_at").first()
    if row is None:
        return bump()
    return Stamp(row[0].timestamp(), epoch(row[1]), epoch(row[2]))


def bump(editorial=True):
    """Record that what readers see changed now; works out when the next scheduled post goes live.
    `editorial=False`: only comments changed, the essays did not."""
    from blog.models import ContentStamp, Post

    now = datetime.now(dt_timezone.utc)
    if not editorial and publication_is_due(now):
        editorial = True  # a scheduled post went live since the last bump: the essays changed too
    next_publish_at = Post.objects.scheduled().order_by("publish_at").values_list("publish_at", flat=True).first()
    changes = {"changed_at": now, "next_publish_at": next_publish_at}
    if editorial:
        changes["editorial_changed_at"] = now
    row, _ = ContentStamp.objects.update_or_create(pk=1, defaults=changes)
    stamp = Stamp(now.timestamp(), epoch(next_publish_at), epoch(row.editorial_changed_at))
    if shares_cache():
        watch = stamp_watch()
        if watch is not None:
            watch.forget()  # this process's requests read Redis from now until the watch has read the new value
        cache.set(STAMP_KEY, astuple(stamp), STAMP_CACHE_SECONDS)
        if watch is not None:
            watch.forget()  # in case the watch read the old value again while it was being written
    if _request_stamp.get() is not None:
        _request_stamp.set(stamp)  # the rest of this request sees its own change
    return stamp


def publication_is_due(now):
    from blog.models import ContentStamp

    due = ContentStamp.objects.filter(pk=1).values_list("next_publish_at", flat=True).first()
    return due is not None and due <= now


def epoch(moment):
    return moment.timestamp() if moment is not None else None
