import os
import textwrap
from datetime import timedelta

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from ads import counters
from tests.factories import LanguageVersionFactory
from tests.newsroom.processes import run_django


def scrape(client, **headers):
    response = client.get("/metrics", **headers)
    assert response.status_code == 200, response.status_code
    assert "no-store" in response["Cache-Control"]
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def value(samples, name, **labels):
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.mark.parametrize(
    "remote, forwarded, proxies, allowed",
    [
        ("127.0.0.1", None, 0, True),
        ("::1", None, 0, True),
        ("10.1.2.3", None, 0, True),
        ("192.168.0.9", None, 0, True),
        ("8.8.4.4", None, 0, False),
        # Through a proxy nobody declared: the reader may be anyone.
        ("127.0.0.1", "8.8.4.4", 0, False),
        # nginx on this host, TRUSTED_PROXIES=1: the reader's own address decides.
        ("127.0.0.1", "8.8.4.4", 1, False),
        ("127.0.0.1", "10.0.0.7", 1, True),
    ],
)
def test_metrics_only_for_private_addresses(
    client, settings, db, remote, forwarded, proxies, allowed
):
    """/metrics answers the host and the private network, never the internet, proxies or not."""
    settings.TRUSTED_PROXIES = proxies
    headers = {"REMOTE_ADDR": remote}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    response = client.get("/metrics", **headers)
    assert response.status_code == (200 if allowed else 403)
    assert "no-store" in response["Cache-Control"]


def test_metrics_token_opens_it_to_any_address(client, settings, db):
    """With METRICS_TOKEN set, `Authorization: Bearer <token>` is let in from anywhere; a wrong
    token is not."""
    settings.METRICS_TOKEN = "t0ken-for-prometheus"
    public = {"REMOTE_ADDR": "8.8.4.4"}
    assert client.get("/metrics", **public).status_code == 403
    bad = client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong", **public)
    assert bad.status_code == 403
    scrape(client, HTTP_AUTHORIZATION="Bearer t0ken-for-prometheus", **public)


def test_requests_by_view_and_status_latency_and_queries(client, db):
    """Responses counted by view, method and status with a latency histogram, and the SQL
    queries they ran by database."""
    before = scrape(client)
    client.get("/readyz")
    client.get("/readyz")
    client.get("/news/2024/11/08/999999/")  # a 404
    after = scrape(client)
    by_view = "django_http_responses_total_by_status_view_method_total"
    latency = "django_http_requests_latency_seconds_by_view_method_count"
    labels = {"status": "200", "view": "readyz", "method": "GET"}
    assert value(after, by_view, **labels) - value(before, by_view, **labels) == 2
    assert (
        value(after, latency, view="readyz", method="GET")
        - value(before, latency, view="readyz", method="GET")
        == 2
    )
    assert any(
        name == by_view and dict(labels).get("status") == "404" and samples > 0
        for (name, labels), samples in after.items()
    )
    queries = "newsroom_db_queries_total"
    assert (
        value(after, queries, database="default") - value(before, queries, database="default") >= 6
    )
    assert value(after, "newsroom_db_query_seconds_count", database="default") > 0


def test_page_cache_hits_and_misses(client, settings, db):
    """Django's page cache: a miss, then hits, counted by result (the hit ratio's parts)."""
    settings.PAGE_CACHE = True
    before = scrape(client)
    for _ in range(3):
        client.get("/news/")
    after = scrape(client)
    name = "newsroom_page_cache_responses_total"
    assert value(after, name, result="miss") - value(before, name, result="miss") == 1
    assert value(after, name, result="hit") - value(before, name, result="hit") == 2


def test_shared_gauges_and_the_cost_of_a_scrape(client, db, django_assert_num_queries):
    """Publications of the last hour by language and the publish lag are read from the database
    at scrape time, in three queries however many versions there are."""
    with django_assert_num_queries(3):
        empty = scrape(client)
    assert value(empty, "newsroom_publish_lag_seconds") == 0
    assert value(empty, "newsroom_publications_last_hour", language="uk") == 0
    now = timezone.now()
    LanguageVersionFactory.create_batch(3, publish_at=now - timedelta(minutes=10))
    LanguageVersionFactory(language="en", publish_at=now - timedelta(minutes=5))
    LanguageVersionFactory(publish_at=now - timedelta(hours=2), went_live_at=now)
    with django_assert_num_queries(3):
        full = scrape(client)
    assert 600 <= value(full, "newsroom_publish_lag_seconds") < 900
    assert value(full, "newsroom_publications_last_hour", language="uk") == 3
    assert value(full, "newsroom_publications_last_hour", language="en") == 1
    assert value(full, "newsroom_publications_last_hour", language="ru") == 0


def test_ad_counts_waiting_for_the_flush(client, settings, db):
    """With Redis, the impressions and clicks not yet flushed; without it (counted straight
    into the database) nothing waits and no series is shown."""
    counters.count(counters.IMPRESSION, 7)
    counters.count(counters.IMPRESSION, 8)
    counters.count(counters.CLICK, 7)
    samples = scrape(client)
    name = "newsroom_ad_counts_pending"
    if settings.ADS_COUNTS_REDIS_URL:
        assert value(samples, name, kind="impressions") == 2
        assert value(samples, name, kind="clicks") == 1
        counters.flush()
        assert value(scrape(client), name, kind="impressions") == 0
    else:
        assert not [key for key in samples if key[0] == name]


def test_a_scrape_survives_redis_being_down(client, settings, db):
    """Redis down: the ad gauge is left out, everything else is served."""
    settings.ADS_COUNTS_REDIS_URL = "redis://127.0.0.1:1/0"
    samples = scrape(client)
    assert not [key for key in samples if key[0] == "newsroom_ad_counts_pending"]
    assert ("newsroom_publish_lag_seconds", ()) in samples


WORKERS = textwrap.dedent(
    """
    import os, django
    django.setup()
    from django.db import connection
    from newsroom import metrics

    # A management command (a job) imports the module too: its queries leave no file.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    print("command:", os.listdir(os.environ["PROMETHEUS_MULTIPROC_DIR"]))
    metrics.PAGE_CACHE.labels("hit").inc(2)
    pid = os.fork()
    if pid == 0:  # a second gunicorn worker
        metrics.PAGE_CACHE.labels("hit").inc(3)
        os._exit(0)
    os.waitpid(pid, 0)
    metrics.worker_exited(pid)
    print(metrics.exposition().decode())
    """
)


def test_multiprocess_mode_sums_every_worker(tmp_path):
    """With PROMETHEUS_MULTIPROC_DIR, a scrape answered by one worker counts every worker's
    requests, a dead worker's included (gunicorn's child_exit calls worker_exited); a
    management command's queries write nothing there."""
    folder = tmp_path / "prometheus"
    folder.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG"}}
    result = run_django(
        WORKERS,
        env={
            **env,
            "PROMETHEUS_MULTIPROC_DIR": str(folder),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'none.sqlite3'}",
            "LOG_FORMAT": "text",
        },
    )
    assert result.returncode == 0, result.stderr
    assert "command: []" in result.stdout
    assert 'newsroom_page_cache_responses_total{result="hit"} 5.0' in result.stdout
    assert len(list(folder.glob("counter_*.db"))) == 2
