"""Django's Redis cache, made to degrade to "nothing cached" while Redis is unreachable instead of failing pages."""

import logging

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger("quire.cache")


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django makes a new redis.Redis for every cache operation, which with redis-py 8 costs more than the
    round trip to Redis (it builds its table of reply parsers each time). One per connection pool, made once, does
    the same work: a redis.Redis holds no connection of its own and may be shared by threads."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients.setdefault(pool, self._client(connection_pool=pool))
        return client

    def get_from_primary(self, key, default):
        """`get`, from the server that takes the writes (the first in LOCATION): a replica may not have the
        latest write yet."""
        value = self.get_client(key, write=True).get(key)
        return default if value is None else self._serializer.loads(value)


class ResilientRedisCache(RedisCache):
    """Reads miss and writes are dropped (with a warning in the log) when Redis cannot be reached; every page
    still works, from the database. Invalidation stays correct because the content stamp expires from the cache
    (blog/content_version.py) and is read from the database again."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def _guarded(self, operation, fallback, *args, **kwargs):
        return self._guarded_call(operation, fallback, getattr(super(), operation), *args, **kwargs)

    @staticmethod
    def _guarded_call(operation, fallback, call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except redis.exceptions.RedisError as error:  # ConnectionError, TimeoutError, ...
            logger.warning("Redis cache %s failed (%s); carrying on without the cache.", operation, error)
            return fallback

    def get_from_primary(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._guarded_call("get", default, self._cache.get_from_primary, key, default)

    def get(self, key, default=None, version=None):
        return self._guarded("get", default, key, default=default, version=version)

    def get_many(self, keys, version=None):
        return self._guarded("get_many", {}, keys, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set", None, key, value, timeout=timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("add", False, key, value, timeout=timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set_many", list(data), data, timeout=timeout, version=version)

    def incr(self, key, delta=1, version=None):
        return self._guarded("incr", delta, key, delta=delta, version=version)  # counts from zero meanwhile

    def delete(self, key, version=None):
        return self._guarded("delete", False, key, version=version)

    def delete_many(self, keys, version=None):
        return self._guarded("delete_many", None, keys, version=version)

    def has_key(self, key, version=None):
        return self._guarded("has_key", False, key, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("touch", False, key, timeout=timeout, version=version)

    def clear(self):
        return self._guarded("clear", False)
