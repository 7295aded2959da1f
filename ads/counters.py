"""Impressions and clicks per creative per Kyiv day, without a row per view.

With Redis (`ADS_COUNTS_REDIS_URL`, by default `REDIS_URL`), a view costs one `HINCRBY` on a
hash shared by every app server and no database query; `flush()` — run every minute by
`python manage.py flush_ad_counts`, and before the ad admin shows figures — moves the sums into
`DailyStat` rows in one transaction. Without Redis (a single-server or development setup), each
view is one atomic `UPDATE … SET impressions = impressions + 1` of the day's row.

Nothing about the reader is recorded: no cookie, no address, no identifier, only the sums.
"""

import logging
import uuid
from functools import cache as memoize

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from redis.exceptions import RedisError

from .models import Creative, DailyStat

logger = logging.getLogger(__name__)

IMPRESSION = "impressions"
CLICK = "clicks"
LOCK_SECONDS = 120

# Subtracts what a flush wrote from the hash, and drops fields that reach zero; atomic, so
# views counted during the flush are kept for the next one.
_SUBTRACT = """
for i = 1, #ARGV, 2 do
  local left = redis.call('HINCRBY', KEYS[1], ARGV[i], -tonumber(ARGV[i + 1]))
  if left <= 0 then redis.call('HDEL', KEYS[1], ARGV[i]) end
end
return 1
"""
_UNLOCK = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


@memoize
def _client(url):
    import redis

    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


def _keys():
    """The counts hash and the flush lock; the prefix lets sites (and test runs) share a Redis."""
    prefix = settings.ADS_COUNTS_KEY_PREFIX
    return f"{prefix}:ads:counts", f"{prefix}:ads:counts:flush-lock"


def redis_client():
    """The Redis client counts go through, or None to count straight into the database."""
    url = settings.ADS_COUNTS_REDIS_URL
    return _client(url) if url else None


def count(what: str, creative_id: int, *, day=None) -> bool:
    """Add one impression or click; False if it could not be counted.

    Never raises: a counter that is down (Redis restarting, a locked database) costs a few
    counts, logged, and never the reader's ad or the click's way to the advertiser.
    """
    day = day or timezone.localdate()
    client = redis_client()
    try:
        if client is None:
            add(creative_id, day, **{what: 1})
        else:
            client.hincrby(_keys()[0], f"{what}:{creative_id}:{day.isoformat()}", 1)
    except (DatabaseError, RedisError, OSError):
        logger.warning("Could not count %s of creative %s", what, creative_id, exc_info=True)
        return False
    return True


def add(creative_id: int, day, *, impressions=0, clicks=0) -> None:
    """Add to one creative's row for `day`: one UPDATE, and an INSERT only for the day's first."""
    changes = {"impressions": F("impressions") + impressions, "clicks": F("clicks") + clicks}
    rows = DailyStat.objects.filter(creative_id=creative_id, day=day)
    if rows.update(**changes):
        return
    try:
        with transaction.atomic():
            DailyStat.objects.create(
                creative_id=creative_id, day=day, impressions=impressions, clicks=clicks
            )
    except IntegrityError:
        # Another server created the day's row between our UPDATE and INSERT, or the creative
        # has been deleted (nothing to count then).
        if Creative.objects.filter(pk=creative_id).exists():
            rows.update(**changes)


def flush() -> int:
    """Move the Redis sums into DailyStat; returns how many (creative, day) rows it touched.

    One flusher at a time (a Redis lock); what is read is subtracted only after the database
    transaction has committed, so a crash between the two may count a batch twice but never
    loses one.
    """
    client = redis_client()
    if client is None:
        return 0
    hash_key, lock_key = _keys()
    token = uuid.uuid4().hex
    if not client.set(lock_key, token, nx=True, ex=LOCK_SECONDS):
        return 0
    try:
        raw = client.hgetall(hash_key)
        sums = {}
        for field_name, value in raw.items():
            what, creative_id, day = field_name.decode().split(":")
            row = sums.setdefault((int(creative_id), day), {IMPRESSION: 0, CLICK: 0})
            row[what] += int(value)
        existing = set(
            Creative.objects.filter(pk__in={key[0] for key in sums}).values_list("pk", flat=True)
        )
        with transaction.atomic():
            for (creative_id, day), row in sums.items():
                if creative_id in existing:
                    add(creative_id, day, **row)
        if raw:
            arguments = [item for pair in raw.items() for item in pair]
            client.eval(_SUBTRACT, 1, hash_key, *arguments)
        return len(sums)
    finally:
        client.eval(_UNLOCK, 1, lock_key, token)


def pending() -> dict:
    """Sums not yet flushed, {(creative id, what): n}; for tests and diagnostics."""
    client = redis_client()
    if client is None:
        return {}
    result = {}
    for field_name, value in client.hgetall(_keys()[0]).items():
        what, creative_id, _day = field_name.decode().split(":")
        key = (int(creative_id), what)
        result[key] = result.get(key, 0) + int(value)
    return result
