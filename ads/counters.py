"""Impressions and clicks per creative per Kyiv day, without a row per view.

With Redis (`ADS_COUNTS_REDIS_URL`, by default `REDIS_URL`), a view costs one `HINCRBY` on a
hash shared by every app server and no database query; `flush()` — run every minute by
`python manage.py flush_ad_counts`, and before the ad admin shows figures — moves the sums into
`DailyStat` rows. Without Redis (a single-server or development setup), each view is one atomic
`UPDATE … SET impressions = impressions + 1` of the day's row.

Nothing about the reader is recorded: no cookie, no address, no identifier, only the sums.
"""

import logging
import uuid
from contextlib import suppress
from datetime import timedelta
from functools import cache as memoize

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from redis.exceptions import RedisError, ResponseError

from newsroom.cache import UNREACHABLE, breaker, timeout_seconds

from .models import Creative, DailyStat, FlushedBatch

logger = logging.getLogger(__name__)

IMPRESSION = "impressions"
CLICK = "clicks"
# Batches are met again only after a crash between commit and delete: minutes, not days.
KEEP_FLUSHED_BATCHES = timedelta(days=2)


@memoize
def _client(url, timeout):
    import redis

    # A short timeout: a count is not worth keeping a reader's ad waiting for a dead Redis.
    return redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)


def _keys():
    """The hash views are counted in, and the prefix of batches taken from it for flushing;
    the prefix lets sites (and test runs) share a Redis."""
    prefix = settings.ADS_COUNTS_KEY_PREFIX
    return f"{prefix}:ads:counts", f"{prefix}:ads:counts:batch:"


def redis_client():
    """The Redis client counts go through, or None to count straight into the database."""
    url = settings.ADS_COUNTS_REDIS_URL
    return _client(url, timeout_seconds()) if url else None


def count(what: str, creative_id: int, *, day=None) -> bool:
    """Add one impression or click; False if it could not be counted.

    Never raises: a counter that is down (Redis restarting, a locked database) costs a few
    counts, logged, and never the reader's ad or the click's way to the advertiser. Redis goes
    through the same breaker as the cache (newsroom/cache.py): while it is down, counting costs
    no network call, and the outage is logged once rather than once a view.
    """
    day = day or timezone.localdate()
    client = redis_client()
    try:
        if client is None:
            add(creative_id, day, **{what: 1})
        else:
            field_name = f"{what}:{creative_id}:{day.isoformat()}"
            breaker(settings.ADS_COUNTS_REDIS_URL).call(client.hincrby, _keys()[0], field_name, 1)
    except UNREACHABLE:
        return False  # Redis is down: the breaker has logged the outage
    except (DatabaseError, RedisError):
        logger.warning("Could not count %s of creative %s", what, creative_id, exc_info=True)
        return False
    return True


def add(creative_id: int, day, *, impressions=0, clicks=0) -> None:
    """Add to one creative's row for `day`: one UPDATE, and an INSERT only for the day's first."""
    changes = {"impressions": F("impressions") + impressions, "clicks": F("clicks") + clicks}
    rows = DailyStat.objects.filter(creative_id=creative_id, day=day)
    if rows.update(**changes):
        return
    # Checked now rather than left to the foreign key, which the database checks only at the
    # end of the outer transaction, too late to be caught here.
    if not Creative.objects.filter(pk=creative_id).exists():
        return
    try:
        with transaction.atomic():
            DailyStat.objects.create(
                creative_id=creative_id, day=day, impressions=impressions, clicks=clicks
            )
    except IntegrityError:
        # Another server created the day's row between our UPDATE and INSERT.
        rows.update(**changes)


def flush() -> int:
    """Write the Redis sums into DailyStat, each exactly once; returns the (creative, day) rows
    written.

    The counting hash is renamed to a batch of its own (atomically: new views go to a fresh
    hash), and a batch is written in one transaction together with its id in FlushedBatch. A
    batch left behind by a flush that died before or after its commit is found by the next
    flush: written if its id is unknown, dropped if it is known. Several flushes at once are
    safe: the id's primary key lets only one of them write a batch.
    """
    client = redis_client()
    if client is None:
        return 0
    # A Redis known to be down is not waited for; the caller hears of it as a RedisError.
    breaker(settings.ADS_COUNTS_REDIS_URL).call(client.ping)
    live, batch_prefix = _keys()
    # ResponseError: no such key, nothing was counted since the last flush.
    with suppress(ResponseError):
        client.rename(live, f"{batch_prefix}{uuid.uuid4().hex}")
    rows = sum(
        _write_batch(client, key.decode())
        for key in client.scan_iter(match=f"{batch_prefix}*", count=500)
    )
    FlushedBatch.objects.filter(flushed_at__lt=timezone.now() - KEEP_FLUSHED_BATCHES).delete()
    return rows


def _write_batch(client, key) -> int:
    sums = _sums(client.hgetall(key))
    existing = set(
        Creative.objects.filter(pk__in={pk for pk, _day in sums}).values_list("pk", flat=True)
    )
    try:
        with transaction.atomic():
            FlushedBatch.objects.create(id=key.rsplit(":", 1)[1])
            for (creative_id, day), row in sums.items():
                # Counts of a creative deleted since are dropped with it.
                if creative_id in existing:
                    add(creative_id, day, **row)
    except IntegrityError:
        # Written already, by a flush that died before deleting it, or by another flush now.
        sums = {}
    client.delete(key)
    return len(sums)


def _sums(raw) -> dict:
    """{(creative id, day): {"impressions": n, "clicks": m}} from a counting hash."""
    sums = {}
    for field_name, value in raw.items():
        what, creative_id, day = field_name.decode().split(":")
        row = sums.setdefault((int(creative_id), day), {IMPRESSION: 0, CLICK: 0})
        row[what] += int(value)
    return sums


def pending() -> dict:
    """Sums not yet in the database, {(creative id, what): n}; for tests and diagnostics."""
    client = redis_client()
    if client is None:
        return {}
    live, batch_prefix = _keys()
    result = {}
    for key in [live.encode(), *client.scan_iter(match=f"{batch_prefix}*")]:
        for (creative_id, _day), row in _sums(client.hgetall(key)).items():
            for what, n in row.items():
                if n:
                    result[(creative_id, what)] = result.get((creative_id, what), 0) + n
    return result
