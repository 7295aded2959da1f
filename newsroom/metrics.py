"""Prometheus metrics at `/metrics`.

- Requests by view, method and status and their latency: django-prometheus' middleware
  (`django_http_responses_total_by_status_view_method`,
  `django_http_requests_latency_seconds_by_view_method`, …).
- `newsroom_db_queries_total` / `newsroom_db_query_seconds` by database alias: counted by an
  execute wrapper on every connection. (django-prometheus' own database metrics would need its
  ENGINE names in DATABASES, which dj-database-url does not write, for every alias.)
- `newsroom_page_cache_responses_total{result}`: Django's page cache by its X-Cache (hit, miss,
  stale, …); the hit ratio is hit / sum.
- Read from the shared truth when scraped, so they are right whichever process answers:
  `newsroom_publications_last_hour{language}`, `newsroom_publish_lag_seconds` and
  `newsroom_ad_counts_pending{kind}`. A scrape costs three queries and one Redis call.

gunicorn runs several worker processes: with `PROMETHEUS_MULTIPROC_DIR` set (an empty folder,
emptied at each start) every worker writes its numbers there and a scrape sums them all; the
master's `child_exit` hook calls `worker_exited(worker.pid)`.
"""

import hmac
import ipaddress
import logging
import os
import time
from datetime import timedelta

from django.conf import settings
from django.db import connections
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

logger = logging.getLogger("newsroom.metrics")

# No `*_created` series: a third of a scrape's lines that no dashboard reads.
disable_created_metrics()

PAGE_CACHE = Counter(
    "newsroom_page_cache_responses_total",
    "Responses of Django's page cache by result (X-Cache: hit, miss, stale, …).",
    ["result"],
)
DB_QUERIES = Counter(
    "newsroom_db_queries_total", "SQL queries run, by database alias.", ["database"]
)
DB_QUERY_SECONDS = Histogram(
    "newsroom_db_query_seconds",
    "Time of SQL queries, by database alias.",
    ["database"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def multiprocess_dir() -> str | None:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


def worker_exited(pid: int) -> None:
    """For gunicorn's `child_exit(server, worker)` hook: `worker_exited(worker.pid)`. Drops the
    dead worker's live gauges from the sums (its counters stay counted)."""
    if multiprocess_dir():
        multiprocess.mark_process_dead(pid)


# --- what the app does: observed as it happens -----------------------------------------------


def observe_response(x_cache: str) -> None:
    """Called by the request log middleware for every response."""
    if x_cache and x_cache != "-":
        PAGE_CACHE.labels(x_cache.lower()).inc()


class _QueryCounter:
    """An execute wrapper (Django's connection.execute_wrappers) counting and timing queries."""

    def __init__(self, alias):
        self.queries = DB_QUERIES.labels(alias)
        self.seconds = DB_QUERY_SECONDS.labels(alias)

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.inc()
            self.seconds.observe(time.perf_counter() - started)


def count_queries(connection) -> None:
    if not any(isinstance(w, _QueryCounter) for w in connection.execute_wrappers):
        # First, not last: `connection.execute_wrapper()` pops the last wrapper when its block
        # ends, and a connection opened inside such a block must not lose ours instead.
        connection.execute_wrappers.insert(0, _QueryCounter(connection.alias))


def _on_connection_created(sender, connection, **kwargs):
    count_queries(connection)


def count_all_queries() -> None:
    """Count the queries of every connection this process opens from now on (each thread has
    its own) and of those already open. Called when the web handler loads its middleware, not
    at import: a management command (a job run every minute) must not leave a metrics file per
    run in PROMETHEUS_MULTIPROC_DIR."""
    connection_created.connect(_on_connection_created, dispatch_uid="newsroom.metrics")
    for connection in connections.all(initialized_only=True):
        count_queries(connection)


# --- the shared truth: read at scrape time ----------------------------------------------------


class NewsroomCollector:
    """Gauges read from the database and Redis when scraped, never from a process's memory."""

    def collect(self):
        yield from self._guarded("publications", self._publications)
        yield from self._guarded("publish_lag", self._publish_lag)
        yield from self._guarded("ad_counts", self._ad_counts)

    def _guarded(self, name, collect):
        try:
            yield from list(collect())
        except Exception as error:
            # A scrape shows what it can; the missing series tells the story (and the log).
            logger.warning("Metric %s not collected: %s", name, type(error).__name__)

    def _publications(self):
        from django.db.models import Count

        from articles.models import Language, LanguageVersion

        now = timezone.now()
        counts = dict(
            LanguageVersion.objects.live(now)
            .filter(publish_at__gt=now - timedelta(hours=1))
            .order_by()
            .values_list("language")
            .annotate(n=Count("id"))
        )
        family = GaugeMetricFamily(
            "newsroom_publications_last_hour",
            "Language versions that went live in the last hour (published or scheduled).",
            labels=["language"],
        )
        for code in Language.values:
            family.add_metric([code], counts.get(code, 0))
        yield family

    def _publish_lag(self):
        from .health import scheduler_lag

        yield GaugeMetricFamily(
            "newsroom_publish_lag_seconds",
            "Seconds the oldest scheduled publication or expiry is overdue "
            "(publish_scheduled not run yet); 0 when nothing is.",
            value=scheduler_lag(),
        )

    def _ad_counts(self):
        from ads import counters

        from .cache import breaker

        client = counters.redis_client()
        if client is None:
            return  # counted straight into the database: nothing waits
        live, _batches = counters._keys()
        raw = breaker(settings.ADS_COUNTS_REDIS_URL).call(client.hgetall, live)
        sums = {counters.IMPRESSION: 0, counters.CLICK: 0}
        for row in counters._sums(raw).values():
            for kind, n in row.items():
                sums[kind] += n
        family = GaugeMetricFamily(
            "newsroom_ad_counts_pending",
            "Impressions and clicks counted in Redis, not yet written by flush_ad_counts.",
            labels=["kind"],
        )
        for kind, n in sums.items():
            family.add_metric([kind], n)
        yield family


class _Scrape:
    """What one scrape exposes: this process's (or, in multiprocess mode, every worker's)
    metrics, and the shared gauges."""

    def __init__(self, *sources):
        self.sources = sources

    def collect(self):
        for source in self.sources:
            yield from source.collect()


def exposition() -> bytes:
    if multiprocess_dir():
        workers = CollectorRegistry()
        multiprocess.MultiProcessCollector(workers)
        return generate_latest(_Scrape(workers, NewsroomCollector()))
    return generate_latest(_Scrape(REGISTRY, NewsroomCollector()))


# --- /metrics ---------------------------------------------------------------------------------


def client_address(request):
    """The scraper's address: REMOTE_ADDR, or behind our proxies the address TRUSTED_PROXIES
    places from the right of X-Forwarded-For (as accounts.clientip reads it for lockouts), so
    a reader coming through nginx is not taken for nginx's own address."""
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXIES
    if not hops:
        if request.META.get("HTTP_X_FORWARDED_FOR"):
            return None  # forwarded by a proxy we were not told about: the client is anyone
        candidate = remote
    else:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        chain = [part.strip() for part in forwarded if part.strip()] + [remote]
        candidate = chain[max(len(chain) - 1 - hops, 0)]
    try:
        address = ipaddress.ip_address(candidate)
    except ValueError:
        return None
    return address.ipv4_mapped or address if address.version == 6 else address


def allowed(request) -> bool:
    """A scraper on this host or the private network, or anyone with the token."""
    token = settings.METRICS_TOKEN
    if token:
        supplied = request.headers.get("Authorization", "")
        if hmac.compare_digest(supplied.encode(), f"Bearer {token}".encode()):
            return True
    address = client_address(request)
    return address is not None and (address.is_loopback or address.is_private)


@never_cache
def metrics_view(request):
    if not allowed(request):
        return HttpResponse("Forbidden\n", status=403, content_type="text/plain")
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
