"""Purging by surrogate key: Django's own page cache and fragments (`store.invalidate`) and every
caching proxy in `CACHE_PROXIES` (Varnish with xkey; see deploy/varnish/).

`purge()` is called inside the transaction that made the change and does its work after the
commit, so a proxy never refetches a page from data that is not committed yet, and a rolled-back
change purges nothing it did not have to. All purges of one transaction go out together.

A proxy that is down never fails a save: the purge is logged and kept as a `PendingPurge`, which
`retry_pending()` (run by `publish_scheduled` every minute, and `purge_cache --retry`) sends
again.
"""

import http.client
import logging
import threading
import time
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, transaction

from newsroom.db import note_write

from . import store

logger = logging.getLogger("pagecache")

_pending = threading.local()
# Proxy → monotonic time until which it is not asked (it failed just before).
_skip_until = {}
PROXY_RETRY_SECONDS = 10
MAX_HEADER = 4000
# The "proxy" name of purges of Django's own cache (the page cache and fragments) kept to retry.
SHARED_CACHE = "cache"


def purge(keys: Iterable[str], *, hard: bool = False) -> None:
    """Purge `keys` after the current transaction commits (at once outside one).

    `hard` for things that left the site (unpublished, expired, trashed): their cached copies
    must never be served again. Otherwise (`soft`) a stale copy may be served for the moment it
    takes one request to render the new page.
    """
    batch = _pending.__dict__.setdefault("keys", {})
    for key in keys:
        batch[key] = batch.get(key, False) or hard
    # robust: the change is committed already; a failed purge is logged, never the user's 500.
    transaction.on_commit(_flush, robust=True)


def _flush():
    batch, _pending.keys = getattr(_pending, "keys", {}), {}
    if not batch:
        return
    # Before anything is purged: whoever refills these pages must not read a replica that has
    # not replayed this change yet (newsroom/db.py; nothing without replicas).
    note_write()
    hard = {key for key, is_hard in batch.items() if is_hard}
    soft = set(batch) - hard
    for keys, is_hard in ((hard, True), (soft, False)):
        if keys:
            if not store.invalidate(keys, hard=is_hard):
                # Redis unreachable: its entries cannot be served now, but would be once it is
                # back, so the purge is kept like a proxy's.
                logger.warning("Purge of %s in the shared cache failed: will retry", keys)
                _record(SHARED_CACHE, " ".join(sorted(keys)), is_hard, "cache unreachable")
            for proxy in settings.CACHE_PROXIES:
                send(proxy, keys, hard=is_hard)


def send(proxy: str, keys: Iterable[str], *, hard: bool, record: bool = True) -> bool:
    """Purge `keys` on one proxy; True if it answered 200 to each request. A failure is
    logged and, with `record`, kept to be sent again. After a failure the proxy is not asked
    again for PROXY_RETRY_SECONDS (saves wait for no dead proxy in the meantime: their purges
    are kept at once)."""
    keys = sorted(set(keys))
    if time.monotonic() < _skip_until.get(proxy, 0):
        if record:
            _record(proxy, " ".join(keys), hard, "skipped: the proxy failed moments ago")
        return False
    try:
        for chunk in _chunks(keys):
            _purge_request(proxy, chunk, hard)
    except OSError as error:  # refused, timed out, unreachable, or refused by the proxy's ACL
        _skip_until[proxy] = time.monotonic() + PROXY_RETRY_SECONDS
        logger.warning("Purge on %s failed (%s): will retry", proxy, error)
        if record:
            _record(proxy, " ".join(keys), hard, error)
        return False
    _skip_until.pop(proxy, None)
    return True


def _purge_request(proxy, keys, hard):
    address = urlsplit(proxy)
    connection = http.client.HTTPConnection(
        address.hostname, address.port or 80, timeout=settings.CACHE_PURGE_TIMEOUT
    )
    try:
        header = "xkey-purge" if hard else "xkey-softpurge"
        connection.request("PURGE", address.path or "/", headers={header: " ".join(keys)})
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise OSError(f"HTTP {response.status} {response.reason}")


def _chunks(keys):
    """Keys in groups whose header stays well under a proxy's header limit (8 KB by default)."""
    chunk, size = [], 0
    for key in keys:
        if chunk and size + len(key) + 1 > MAX_HEADER:
            yield chunk
            chunk, size = [], 0
        chunk.append(key)
        size += len(key) + 1
    if chunk:
        yield chunk


def _record(proxy, keys, hard, error):
    from .models import PendingPurge

    try:
        PendingPurge.objects.create(proxy=proxy, keys=keys, hard=hard, last_error=str(error)[:300])
    except DatabaseError:
        logger.exception("Could not keep the failed purge of %s on %s", keys, proxy)


def retry_pending(limit: int = 500) -> tuple[int, int]:
    """Send the kept purges again, per proxy in one request per kind; returns (sent, still
    pending)."""
    from django.db.models import F

    from .models import PendingPurge

    rows = list(PendingPurge.objects.all()[:limit])
    sent = 0
    for proxy in {row.proxy for row in rows}:
        for hard in (True, False):
            group = [row for row in rows if row.proxy == proxy and row.hard == hard]
            if not group:
                continue
            keys = {key for row in group for key in row.keys.split()}
            ids = [row.pk for row in group]
            if proxy == SHARED_CACHE:
                done = store.invalidate(keys, hard=hard)
            else:
                done = send(proxy, keys, hard=hard, record=False)
            if done:
                PendingPurge.objects.filter(pk__in=ids).delete()
                sent += len(ids)
            else:
                PendingPurge.objects.filter(pk__in=ids).update(attempts=F("attempts") + 1)
    return sent, PendingPurge.objects.count()
