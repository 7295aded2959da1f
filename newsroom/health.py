"""Health (`/healthz`: the process answers) and readiness (`/readyz`: what serving needs).

`/readyz` answers 503 only when this server cannot serve at all: the primary database is
unreachable or its migrations are not applied. Anything optional failing (Redis, the storage, a
read replica, the scheduler being late) makes it "degraded" with a 200, so a load balancer never
takes every server out of rotation because a shared Redis died: the site serves without it.

No check says more than the exception's class: a message could hold a URL with a password.
"""

import logging
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import JsonResponse
from django.urls import resolve
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .logs import PROBE_PATHS

logger = logging.getLogger("newsroom.health")

OK, DEGRADED, FAILING = "ok", "degraded", "failing"

# Set once the migrations on disk are all applied; a new release starts new processes, so a
# process never needs to ask again.
_migrations_applied = False


class ProbeMiddleware:
    """Answers /healthz, /readyz and /metrics before the rest of the middleware: no Host
    check, no HTTPS redirect, no session. Probes (Varnish, systemd) and Prometheus speak plain
    HTTP to an app server by its address, which is neither an ALLOWED_HOSTS name nor HTTPS.
    Right after the request log and metrics middleware, so probes are logged and counted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path not in PROBE_PATHS:
            return self.get_response(request)
        match = resolve(request.path)
        request.resolver_match = match
        return match.func(request, *match.args, **match.kwargs)


# --- the checks -----------------------------------------------------------------------------


def _database(alias):
    # A server that is down is noticed within the connect timeout settings.py gives PostgreSQL
    # (DATABASE_CONNECT_TIMEOUT), not libpq's two minutes.
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")
    return "reachable"


def _migrations():
    global _migrations_applied
    if _migrations_applied:
        return "applied"
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        raise NotReady(f"{len(plan)} not applied")
    _migrations_applied = True
    return "applied"


def _cache():
    from django.core.cache import caches

    from .cache import ResilientRedisCache, breaker

    cache = caches["default"]

    if isinstance(cache, ResilientRedisCache):
        # Through the breaker: while Redis is known to be down this costs no network call.
        client = cache._cache.get_client(write=True)
        breaker(cache._servers[0]).call(client.ping)
        return "redis"
    key = "readyz:probe"
    cache.set(key, 1, 10)
    if cache.get(key) != 1:
        raise NotReady("not storing")
    return type(cache).__name__


def _ad_counts():
    from ads import counters

    from .cache import breaker

    client = counters.redis_client()
    breaker(settings.ADS_COUNTS_REDIS_URL).call(client.ping)
    return "redis"


def _storage():
    import os

    from django.core.files.storage import FileSystemStorage, default_storage

    if isinstance(default_storage, FileSystemStorage):
        # The folder is made by the first upload: until then its nearest parent must let it.
        folder = os.path.abspath(default_storage.location)
        while not os.path.exists(folder) and os.path.dirname(folder) != folder:
            folder = os.path.dirname(folder)
        if not (os.path.isdir(folder) and os.access(folder, os.W_OK)):
            raise NotReady("media folder not writable")
    else:
        # A remote storage (S3): one HEAD request says whether it answers and takes our keys.
        default_storage.exists("readyz-probe")
    return default_storage.__class__.__name__


def scheduler_lag(now=None) -> float:
    """Seconds the oldest scheduled change (going live or expiring) is overdue, 0 if none.
    Two queries on the schedule indexes; shared by /readyz and the metrics."""
    from articles.services import due_to_expire, due_to_go_live

    now = now or timezone.now()
    oldest = [
        moment
        for moment in (
            due_to_go_live(now).values_list("publish_at", flat=True).first(),
            due_to_expire(now)
            .order_by("unpublish_at")
            .values_list("unpublish_at", flat=True)
            .first(),
        )
        if moment is not None
    ]
    return max(0.0, (now - min(oldest)).total_seconds()) if oldest else 0.0


def _scheduler():
    from articles.admin.calendar import OVERDUE_AFTER

    lag = scheduler_lag()
    if lag > OVERDUE_AFTER.total_seconds():
        raise NotReady(f"overdue by {int(lag)} s: is publish_scheduled running?")
    return f"lag {int(lag)} s"


class NotReady(Exception):
    """A check's own finding (not an error of a library): its text is shown."""


def _run(check, *args):
    started = time.perf_counter()
    try:
        detail, ok = check(*args), True
    except NotReady as finding:
        detail, ok = str(finding), False
    except Exception as error:
        # The class only: a message may hold a host, a user or a password.
        detail, ok = type(error).__name__, False
        logger.warning("Readiness check %s failed: %s", check.__name__.strip("_"), detail)
    return {"ok": ok, "ms": round((time.perf_counter() - started) * 1000, 1), "detail": detail}


def readiness() -> tuple[str, dict]:
    """(status, checks): "failing" if the site cannot serve, "degraded" if an optional part is
    down, else "ok"."""
    checks = {"database": _run(_database, DEFAULT_DB_ALIAS)}
    if checks["database"]["ok"]:
        checks["migrations"] = _run(_migrations)
    else:
        checks["migrations"] = {"ok": False, "ms": 0.0, "detail": "database unreachable"}
    required = ("database", "migrations")
    for alias in connections:
        if alias != DEFAULT_DB_ALIAS:
            checks[f"database:{alias}"] = _run(_database, alias)
    checks["cache"] = _run(_cache)
    if settings.ADS_COUNTS_REDIS_URL and settings.ADS_COUNTS_REDIS_URL != settings.REDIS_URL:
        checks["ad_counts"] = _run(_ad_counts)
    checks["storage"] = _run(_storage)
    if checks["migrations"]["ok"]:
        checks["scheduler"] = _run(_scheduler)
    if not all(checks[name]["ok"] for name in required):
        return FAILING, checks
    if not all(check["ok"] for check in checks.values()):
        return DEGRADED, checks
    return OK, checks


@never_cache
def readyz(request):
    """Readiness as JSON: 503 only when failing (see the module's docstring)."""
    status, checks = readiness()
    return JsonResponse(
        {"status": status, "checks": checks}, status=503 if status == FAILING else 200
    )
