"""Redis as an optional helper: the site keeps serving, from the database, while Redis is down.

Everything kept in Redis can be rebuilt or done without (the sections menu, the ad plan, who is
editing, unflushed ad counts), so an unreachable Redis must cost neither a 500 nor seconds of
waiting per request. Two pieces:

* `Breaker`, one per Redis server and process: after a failure, Redis is skipped for
  `REDIS_RETRY_SECONDS` without touching the network, then one call tries again. It logs the
  outage once when it starts and once when it ends, never per request. `ads/counters.py` goes
  through the same breaker, so the cache and the counters notice a shared server's outage together.
* `ResilientRedisCache`, Django's Redis cache with every operation through the breaker: an
  unreachable Redis behaves like an empty cache that stores nothing.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ClusterDownError, MasterDownError, OutOfMemoryError, ReadOnlyError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("newsroom.cache")

# "Redis cannot serve us": refused or reset connections, timeouts, a server still loading its
# data (a ConnectionError), a replica left read-only after a failover, a full memory, a failing
# cluster. OSError covers socket errors raised outside redis-py's own wrapping. Other Redis errors
# (a wrong command or argument) are bugs and are left to surface.
UNREACHABLE = (
    RedisConnectionError,
    RedisTimeoutError,
    ReadOnlyError,
    OutOfMemoryError,
    MasterDownError,
    ClusterDownError,
    OSError,
)

# Used when the settings do not say: short enough that a dead Redis costs a reader nothing
# noticeable, long enough for a healthy one on the local network.
DEFAULT_TIMEOUT_SECONDS = 0.25
DEFAULT_RETRY_SECONDS = 5


class Skipped(RedisConnectionError):
    """Raised instead of calling Redis while its breaker is open."""


class Breaker:
    """Whether to call one Redis server now; shared by every thread of the process."""

    def __init__(self, name):
        self.name = name
        self._lock = threading.Lock()
        self._down_since = None  # monotonic time of the failure that opened the breaker
        self._retry_at = 0.0

    def call(self, func, *args, **kwargs):
        """func(*args, **kwargs), or Skipped while Redis is known to be down. A failure to reach
        Redis is recorded and re-raised, for the caller to fall back."""
        if not self._allow():
            raise Skipped(f"Redis at {self.name} is skipped after a failure")
        started = time.monotonic()
        try:
            result = func(*args, **kwargs)
        except UNREACHABLE as error:
            self._failed(error)
            raise
        self._succeeded(started)
        return result

    def _allow(self):
        # The common case, Redis up, takes no lock: a stale read costs one call that fails fast.
        if self._down_since is None:
            return True
        with self._lock:
            now = time.monotonic()
            if now < self._retry_at:
                return False
            # This call tries Redis again; the others keep skipping it until the next interval,
            # so a still-dead Redis costs one request the timeout, not every request at once.
            self._retry_at = now + _retry_seconds()
            return True

    def _failed(self, error):
        with self._lock:
            self._retry_at = time.monotonic() + _retry_seconds()
            if self._down_since is not None:
                return  # already logged for this outage
            self._down_since = time.monotonic()
        logger.warning(
            "Redis unreachable at %s (%s): serving without it, trying again every %s s",
            self.name,
            error,
            _retry_seconds(),
        )

    def _succeeded(self, started):
        if self._down_since is None:
            return
        with self._lock:
            # Another thread saw it come back first, or this call was under way before the
            # failure: its success says nothing about now, and would log a flapping outage.
            if self._down_since is None or started < self._down_since:
                return
            down_for = time.monotonic() - self._down_since
            self._down_since = None
        logger.info("Redis at %s reachable again after %.0f s", self.name, down_for)


def _retry_seconds():
    return getattr(settings, "REDIS_RETRY_SECONDS", DEFAULT_RETRY_SECONDS)


def timeout_seconds():
    """How long one call may wait for Redis to connect or answer."""
    return getattr(settings, "REDIS_TIMEOUT", DEFAULT_TIMEOUT_SECONDS)


_breakers = {}
_breakers_lock = threading.Lock()


def breaker(url):
    """The breaker of the Redis server at `url`. Keyed by host and port (never the password or
    the database number): an outage is of a server, whichever of its databases is used."""
    parts = urlsplit(url)
    name = f"{parts.hostname}:{parts.port or 6379}" if parts.hostname else parts.path
    with _breakers_lock:
        return _breakers.setdefault(name, Breaker(name))


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, with one `redis.Redis` per connection pool instead of a new
    one for every call: building one copies its ~160 response callbacks, which cost a page
    making a dozen cache calls a tenth of its CPU time (bench/peer_compare.md). redis-py's
    clients are thread-safe: the pool hands each command its own connection."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, for which an unreachable Redis is an empty cache: reads miss, writes
    do nothing, `incr` raises ValueError as for a missing key (what callers already handle, see
    ads/serving.new_plan_version). `get_or_set`, `decr` and the async methods go through these."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        # Without a socket timeout, a server that stopped answering (rather than refusing)
        # would hold each request for the operating system's TCP timeout.
        seconds = timeout_seconds()
        self._options = {
            "socket_connect_timeout": seconds,
            "socket_timeout": seconds,
            **self._options,
        }
        # Writes, and so health, are the first server's (Django reads replicas, if any, too).
        self._breaker = breaker(self._servers[0])

    def _try(self, fallback, method, *args, **kwargs):
        try:
            return self._breaker.call(method, *args, **kwargs)
        except UNREACHABLE:
            return fallback

    def get(self, key, default=None, version=None):
        return self._try(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._try({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._try(False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(False, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be stored.
        return self._try(list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._try(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._try(None, super().delete_many, keys, version)

    def clear(self):
        return self._try(False, super().clear)

    def incr(self, key, delta=1, version=None):
        try:
            return self._breaker.call(super().incr, key, delta, version)
        except UNREACHABLE:
            raise ValueError(f"Key '{key}' not found (Redis unreachable).") from None
