"""Each process's copy of the content stamp, kept current by Redis (blog/stamp_watch.py): a change written by any
instance reaches it at once, and while the watch cannot vouch for its copy, requests read the stamp from Redis."""

import threading
import time
from dataclasses import astuple

import pytest
import redis
from django.core.cache import caches

from blog import content_version
from blog.content_version import Stamp
from blog.stamp_watch import LIVENESS_SECONDS, PING_SECONDS
from tests.production_support import redis_server, redis_url  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def watched(settings, redis_url):  # noqa: F811
    settings.CACHES = {"default": {"BACKEND": "config.cache.ResilientRedisCache", "LOCATION": redis_url,
                                   "KEY_PREFIX": "watch-test"}}
    content_version.read()  # starts the watch
    watch = content_version.stamp_watch()
    eventually(lambda: watch.latest() is not None)
    return watch


@pytest.fixture
def other_instance(watched):
    """What another instance does to the stamp's key, through its own connection."""
    return redis.Redis.from_url(watched.url)


def eventually(condition, seconds=3.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "did not happen in time"
        time.sleep(0.01)


def write_elsewhere(client, key, stamp):
    from django.core.cache import cache

    client.set(key, cache._cache._serializer.dumps(astuple(stamp)), ex=60)


def test_a_change_written_by_another_instance_reaches_this_process_at_once(watched, other_instance):
    newer = Stamp(content_version.read().changed_at + 10)
    write_elsewhere(other_instance, watched.key, newer)
    eventually(lambda: watched.latest() == newer, seconds=0.5)
    assert content_version.read() == newer


@pytest.fixture
def held_read(watched, monkeypatch):
    """The watch's next read of the key takes its value, then waits until the test lets it go on."""
    entered, go_on = threading.Event(), threading.Event()
    read = watched.read

    def read_and_wait():
        value = read()
        if not go_on.is_set():
            entered.set()
            go_on.wait(5)
        return value

    monkeypatch.setattr(watched, "read", read_and_wait)
    assert entered.wait(PING_SECONDS * 4), "the watch did not read the key again"
    yield go_on
    go_on.set()


def test_a_stamp_bumped_here_is_read_by_the_next_request_here(watched, held_read):
    before = watched.state[0]
    bumped = content_version.bump()  # the watch is busy: Redis's notice of this write waits for it
    assert bumped != before
    assert content_version.read() == bumped
    held_read.set()  # the watch now offers what it read before the bump: it must not be used
    time.sleep(0.05)
    assert watched.latest() in (None, bumped)
    eventually(lambda: watched.latest() == bumped)


def test_a_key_that_expires_unnoticed_stops_being_used_within_the_liveness_time(watched, other_instance):
    """Redis deletes an expired key only when it is read or found by its sampling of keys with a time to live,
    which on a busy cache can take minutes; the watch's own reads find it."""
    with other_instance.pipeline(transaction=False) as pipe:
        for n in range(20000):
            pipe.set(f"watch-test:filler:{n}", b"x", ex=3600)
        pipe.execute()
    other_instance.pexpire(watched.key, 100)
    eventually(lambda: watched.latest() is None, seconds=LIVENESS_SECONDS)
    assert content_version.read() == content_version.read_from_database()


def test_an_expired_key_is_not_vouched_for_and_is_read_again_from_the_database(watched, other_instance):
    other_instance.delete(watched.key)
    eventually(lambda: watched.latest() is None, seconds=0.5)
    truth = content_version.read_from_database()
    assert content_version.read() == truth  # and written back to Redis
    eventually(lambda: watched.latest() == truth)


def test_while_the_watch_reconnects_requests_read_redis(watched, other_instance):
    other_instance.client_kill_filter(_type="pubsub")
    eventually(lambda: watched.latest() is None, seconds=0.5)
    newer = Stamp(content_version.read().changed_at + 20)
    write_elsewhere(other_instance, watched.key, newer)
    assert content_version.read() == newer
    eventually(lambda: watched.latest() == newer)


def test_without_redis_the_copy_is_not_used(watched, other_instance):
    other_instance.shutdown(nosave=True)
    eventually(lambda: watched.latest() is None, seconds=5)
    assert content_version.read() == content_version.read_from_database()


def test_the_stamp_is_read_from_the_server_that_takes_the_writes(settings, redis_url, tmp_path):  # noqa: F811
    """With a replica listed after the primary in LOCATION, Django reads from the replica, which may not have the
    latest write yet: the stamp, which every cached thing is checked against, is read from the primary."""
    (tmp_path / "replica").mkdir()
    with redis_server(tmp_path / "replica") as replica_url:
        settings.CACHES = {"default": {"BACKEND": "config.cache.ResilientRedisCache",
                                       "LOCATION": f"{redis_url},{replica_url}", "KEY_PREFIX": "primary-test"}}
        backend = caches["default"]
        lagging = astuple(Stamp(1.0, None, 1.0))
        redis.Redis.from_url(replica_url).set(backend.make_and_validate_key(content_version.STAMP_KEY),
                                              backend._cache._serializer.dumps(lagging))
        stamp = content_version.bump()
        assert content_version.read_from_cache() == stamp
        assert backend.get(content_version.STAMP_KEY) == lagging  # what a plain read would have used
