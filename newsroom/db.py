"""PostgreSQL read replicas (DATABASE_REPLICA_URLS): which reads may go to one, and falling back
to the primary when one is down, lagging or fails.

Installed only when replicas are configured (newsroom/settings.py); without them nothing here
runs and no query is added anywhere.

Who reads from a replica: an anonymous GET or HEAD of a public page (the views the shared caches
keep, pagecache.middleware.is_public_view, with no session, CSRF or messages cookie). Staff,
every POST, the admin, previews, ads, the health check, management commands and jobs use the
primary. Once a request has written (the router was asked where to write), its later reads go
to the primary too, as do reads inside a transaction.

Read-your-writes without a cookie. Every request that wrote, and every cache purge
(pagecache.purge, on commit, before the purge is sent), records the primary's WAL insert
position in the shared cache (Redis; a Lua max, so concurrent writers never move it back). A
request uses a replica only if the replica has replayed up to that position, checked with one
small query on the replica when the request first reads. So the person who saved, and the
reader who refills a page the save purged, never see a replica older than the save, on any app
server. Nothing depends on a cookie, so shared caches never vary on one and a "pinned" reader
cannot exist to poison them. Without a shared cache (no REDIS_URL, or Redis unreachable, or the
key evicted) the primary is asked for its position instead: one more tiny query, still correct.

Fallback. A replica that refuses, times out (a short connect_timeout), is no longer in recovery,
or lags more than DATABASE_REPLICA_MAX_LAG seconds is not used, and is not tried again by this
process for DATABASE_REPLICA_RETRY_SECONDS. If it fails in the middle of a request, the request
(a GET or HEAD that has not written) is answered again from the primary.
"""

import logging
import random
import threading
import time
from contextlib import suppress
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.db.backends.signals import connection_created

logger = logging.getLogger("newsroom.db")

PRIMARY = "default"
LSN_KEY = "db:primary-lsn"
# Where the replica stands: what it has replayed, and how far behind the primary it is (zero
# when it has replayed all it received: an idle primary is not a lag).
REPLICA_SQL = (
    "SELECT pg_last_wal_replay_lsn()::text, "
    "CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
    "ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END"
)
# The insert position, not pg_current_wal_lsn(): with asynchronous commit a committed change
# may not be written yet, but it is always inserted.
PRIMARY_SQL = "SELECT pg_current_wal_insert_lsn()::text"
# KEYS[1] := max(KEYS[1], ARGV[1]), atomically. Lua numbers are doubles: exact up to 2^53 bytes
# of WAL (8 PiB), far beyond any cluster's life. The record expires (ARGV[2] s after the last
# raise; then the primary is asked again), so a primary restored from a backup, whose positions
# are lower, does not keep every reader off the replicas for long.
MAX_SCRIPT = (
    "local v = tonumber(redis.call('GET', KEYS[1]) or '0') "
    "if tonumber(ARGV[1]) > v then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end "
    "return 1"
)
LSN_SECONDS = 3600

_current = ContextVar("newsroom_db_request", default=None)
# Replica alias -> monotonic time before which this process does not try it again.
_down_until = {}
_down_lock = threading.Lock()


def replicas():
    return getattr(settings, "DATABASE_REPLICAS", [])


def parse_lsn(text):
    """'16/B374D848' -> an integer position, None for NULL (not a replica)."""
    if not text:
        return None
    high, low = text.split("/")
    return (int(high, 16) << 32) | int(low, 16)


# --- Where the last write stands --------------------------------------------------------------


def _shared_cache():
    """Only a Redis cache is seen by every app server, and can keep a maximum atomically."""
    from django.core.cache import caches

    return isinstance(caches["default"], RedisCache)


def _primary_lsn():
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute(PRIMARY_SQL)
        return parse_lsn(cursor.fetchone()[0])


def _record(lsn):
    key = cache.make_and_validate_key(LSN_KEY)
    client = cache._cache.get_client(key, write=True)
    breaker = getattr(cache, "_breaker", None)  # newsroom.cache.ResilientRedisCache's
    if breaker is not None:
        breaker.call(client.eval, MAX_SCRIPT, 1, key, lsn, LSN_SECONDS)
    else:
        client.eval(MAX_SCRIPT, 1, key, lsn, LSN_SECONDS)


def note_write():
    """Record that the primary has committed everything up to now: replicas are used again
    only once they have replayed it. Called after a request that wrote, and by every cache
    purge before it is sent (the reader refilling the page must see the change)."""
    if not replicas() or not _shared_cache():
        return  # no replicas; or every reader asks the primary (see needed_lsn)
    try:
        _record(_primary_lsn())
    except Exception as error:  # the write is committed: never fail the user over this
        # Readers whose cache is reachable may see a replica behind this write for as long as
        # it lags (DATABASE_REPLICA_MAX_LAG at most).
        logger.warning("Could not record the primary's WAL position: %s", error)


def needed_lsn():
    """How far a replica must have replayed to be used now, or None to use the primary."""
    if _shared_cache():
        value = cache.get(LSN_KEY)
        if isinstance(value, int):
            return value
    # No shared record (no Redis, Redis unreachable, the key evicted): the primary says where
    # it is, which covers every committed write.
    try:
        lsn = _primary_lsn()
    except DatabaseError:
        return None
    if _shared_cache():
        # Redis is optional: if this fails, the next reader asks the primary again.
        with suppress(Exception):
            _record(lsn)
    return lsn


# --- Replica health -------------------------------------------------------------------------


def _mark_down(alias, why):
    with _down_lock:
        already = time.monotonic() < _down_until.get(alias, 0)
        _down_until[alias] = time.monotonic() + settings.DATABASE_REPLICA_RETRY_SECONDS
    if not already:
        logger.warning(
            "Read replica %s not used for %s s: %s",
            alias,
            settings.DATABASE_REPLICA_RETRY_SECONDS,
            why,
        )
    with suppress(DatabaseError):
        connections[alias].close()


def _position(alias):
    """(replayed LSN, lag in seconds) of a replica; a stale persistent connection (the replica
    restarted) is replaced once before the replica counts as down."""
    for attempt in (1, 2):
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute(REPLICA_SQL)
                replayed, lag = cursor.fetchone()
            return parse_lsn(replayed), float(lag or 0)
        except (OperationalError, InterfaceError):
            if attempt == 2 or not connections[alias].connection:
                raise
            connections[alias].close()
    raise AssertionError("unreachable")


def choose_replica():
    """A healthy replica that has replayed the last recorded write, or None."""
    now = time.monotonic()
    candidates = [alias for alias in replicas() if now >= _down_until.get(alias, 0)]
    if not candidates:
        return None
    needed = needed_lsn()
    if needed is None:
        return None
    random.shuffle(candidates)  # spread the readers over the healthy ones
    for alias in candidates:
        try:
            replayed, lag = _position(alias)
        except DatabaseError as error:
            _mark_down(alias, str(error).strip() or type(error).__name__)
            continue
        if replayed is None:
            _mark_down(alias, "not in recovery (promoted, or not a replica)")
        elif lag > settings.DATABASE_REPLICA_MAX_LAG:
            _mark_down(alias, f"{lag:.0f} s behind the primary")
        elif replayed >= needed:
            return alias
        # Else it has not replayed the last write yet: the primary, for this request only.
    return None


# --- Per request ----------------------------------------------------------------------------


class _Request:
    __slots__ = ("request", "eligible", "alias", "wrote", "failed")

    def __init__(self, request):
        from pagecache.middleware import request_is_anonymous

        self.request = request
        self.eligible = request_is_anonymous(request)
        self.alias = None  # decided at the first read, once the URL is resolved
        self.wrote = False
        self.failed = False

    def read_alias(self):
        if self.wrote or not self.eligible or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        if self.alias is None:
            from pagecache.middleware import is_public_view

            if getattr(self.request, "resolver_match", None) is None:
                return PRIMARY  # a middleware reading before the view is known
            self.alias = (is_public_view(self.request) and choose_replica()) or PRIMARY
            # A failed health query is not a failed page: choose_replica has dealt with it.
            self.failed = False
        return self.alias


class ReplicaRouter:
    """Reads of a public anonymous request to a replica; everything else to the primary."""

    def db_for_read(self, model, **hints):
        state = _current.get()
        return PRIMARY if state is None else state.read_alias()

    def db_for_write(self, model, **hints):
        state = _current.get()
        if state is not None:
            state.wrote = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        same_data = {PRIMARY, *replicas()}
        if obj1._state.db in same_data and obj2._state.db in same_data:
            return True
        return None

    def allow_migrate(self, db, app_label, **hints):
        # A replica is a copy of the primary: only the primary is migrated.
        return db not in replicas()


class ReplicaMiddleware:
    """Gives the router its request, answers again from the primary when a replica failed
    mid-request, and records the primary's position after a request that wrote."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        state = _Request(request)
        token = _current.set(state)
        try:
            response = self.get_response(request)
            if state.failed and not state.wrote:
                # Nothing was written (a write sends every later read to the primary, so the
                # replica failed before any): the same request again, on the primary.
                _mark_down(state.alias, "failed during a request")
                state.eligible, state.alias, state.failed = False, PRIMARY, False
                response = self.get_response(request)
            if state.wrote:
                note_write()
            return response
        finally:
            _current.reset(token)


def _watch(execute, sql, params, many, context):
    """Marks the request whose replica query failed (the view turns the error into a 500 the
    middleware then replaces). Any database error: a replica may refuse what the primary
    answers (a conflict with replay, a role or setting of its own), and a GET that failed on
    the primary as well costs one more try."""
    try:
        return execute(sql, params, many, context)
    except DatabaseError:
        state = _current.get()
        if state is not None:
            state.failed = True
        raise


def _on_connection(sender, connection, **kwargs):
    if connection.alias in replicas() and _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


connection_created.connect(_on_connection, dispatch_uid="newsroom.db.watch_replicas")
