"""Each process's copy of the content stamp, kept current by Redis (blog/stamp_watch.py): a change written by any
instance reaches it at once, and while the watch cannot vouch for its copy, requests read the stamp from Redis."""

import time
from dataclasses import astuple

import pytest
import redis

from blog import content_version
from blog.content_version import STAMP_KEY, Stamp
from tests.production_support import redis_url  # noqa: F401

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


def test_a_stamp_bumped_here_is_read_by_the_next_request_here(watched):
    bumped = content_version.bump()
    assert content_version.read() == bumped  # no wait for Redis's notice of this process's own write
    eventually(lambda: watched.latest() == bumped)


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
