import json
import socket
from datetime import timedelta

import pytest
from django.db import OperationalError, connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import load_backend
from django.utils import timezone

from newsroom import health
from tests.factories import LanguageVersionFactory

# Nothing a check reports may carry a connection string or an exception's text.
SECRET = "s3cret-password"


def free_port():
    """A local port nothing listens on: bound to port 0, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def readyz(client):
    response = client.get("/readyz")
    return response, json.loads(response.content)


@pytest.fixture
def warm(client, db):
    """/readyz asked once: the migrations check, done once per process, is behind us."""
    client.get("/readyz")


def test_healthz_is_json_without_the_database(client):
    """/healthz says {"status": "ok"} without a query (no `db` fixture: any query would fail),
    and no cache may keep it."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_probes_answer_plain_http_on_the_servers_own_address(client, settings, db):
    """Varnish and systemd probe an app server over plain HTTP by its address: neither the
    HTTPS redirect nor ALLOWED_HOSTS turns the probe into a 301 or a 400."""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["news.example.org"]
    for path in ("/healthz", "/readyz"):
        response = client.get(path, HTTP_HOST="127.0.0.1:8001")
        assert response.status_code == 200, (path, response.status_code)
    # The rest of the site still refuses the unknown host.
    assert client.get("/", HTTP_HOST="127.0.0.1:8001").status_code == 400


def test_readyz_reports_every_check(client, db):
    """All well: 200 "ok", each check with ok, its time and a short detail; never cached."""
    response, body = readyz(client)
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert {"database", "migrations", "cache", "storage", "scheduler"} <= set(body["checks"])
    for check in body["checks"].values():
        assert check["ok"] is True
        assert isinstance(check["ms"], float) and check["ms"] >= 0
        assert isinstance(check["detail"], str) and len(check["detail"]) < 80
    assert "no-store" in response["Cache-Control"]
    assert "X-Cache" not in response


def test_readyz_costs_a_fixed_number_of_queries(client, warm, django_assert_num_queries):
    """Three queries (the database, then the oldest due publication and expiry), however many
    versions are due; the migrations are checked once per process."""
    with django_assert_num_queries(3):
        assert readyz(client)[1]["status"] == "ok"
    LanguageVersionFactory.create_batch(5, publish_at=timezone.now() - timedelta(minutes=1))
    with django_assert_num_queries(3):
        assert readyz(client)[1]["status"] == "ok"


def test_a_scheduler_overdue_is_degraded_not_failing(client, warm):
    """A version due ten minutes ago and still not stamped by publish_scheduled: 200 and
    "degraded", with the lag; a load balancer keeps the server."""
    LanguageVersionFactory(publish_at=timezone.now() - timedelta(minutes=10))
    response, body = readyz(client)
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["scheduler"]["ok"] is False
    assert "overdue by 6" in body["checks"]["scheduler"]["detail"]
    assert body["checks"]["database"]["ok"] is True


def test_a_dead_redis_is_degraded_not_failing(client, settings, warm):
    """Redis down (nothing listening): "degraded" with a 200, the error named by its class."""
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": f"redis://:{SECRET}@127.0.0.1:{free_port()}/0",
        }
    }
    response, body = readyz(client)
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["cache"] == {**body["checks"]["cache"], "ok": False}
    assert body["checks"]["cache"]["detail"] == "ConnectionError"
    assert SECRET not in response.content.decode()


def test_an_unreachable_primary_database_fails_with_503(client, warm):
    """The database refusing: 503 "failing", the exception's class and never its message
    (which names hosts and users); the migrations are not asked."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError(f'connection to "db.internal" failed: password "{SECRET}"')

    with connection.execute_wrapper(refuse):
        response, body = readyz(client)
    assert response.status_code == 503
    assert body["status"] == "failing"
    assert body["checks"]["database"] == {**body["checks"]["database"], "ok": False}
    assert body["checks"]["database"]["detail"] == "OperationalError"
    assert body["checks"]["migrations"]["ok"] is False
    assert SECRET not in response.content.decode() and "db.internal" not in str(body)


def test_migrations_not_applied_fail_with_503(client, monkeypatch, db):
    """A release whose migrations were not run: 503 until they are (checked afresh by a new
    process, then remembered once true)."""
    monkeypatch.setattr(health, "_migrations_applied", False)
    recorder = MigrationRecorder(connection)
    last = max(name for app, name in recorder.applied_migrations() if app == "articles")
    recorder.record_unapplied("articles", last)
    response, body = readyz(client)
    assert response.status_code == 503
    assert body["status"] == "failing"
    assert body["checks"]["migrations"] == {**body["checks"]["migrations"], "ok": False}
    assert body["checks"]["migrations"]["detail"] == "1 not applied"
    recorder.record_applied("articles", last)
    assert readyz(client)[0].status_code == 200


@pytest.fixture
def unreachable_replica(warm, monkeypatch, tmp_path):
    """A second database alias (a read replica) that cannot be reached. Its connection is made
    here rather than in DATABASES, which a test may not change: the readiness check sees it
    among the aliases as it would see a configured one."""
    config = dict(connections.settings["default"])
    if config["ENGINE"].endswith("sqlite3"):
        config["NAME"] = str(tmp_path / "no-such-folder" / "replica.sqlite3")
    else:
        config.update(HOST="127.0.0.1", PORT=str(free_port()), PASSWORD=SECRET)
    replica = load_backend(config["ENGINE"]).DatabaseWrapper(config, "replica")
    monkeypatch.setattr(
        health, "connections", {"default": connections["default"], "replica": replica}
    )
    yield "replica"
    replica.close()


def test_an_unreachable_replica_is_degraded(client, unreachable_replica):
    """Every extra database alias is checked; one that is down degrades, never fails."""
    response, body = readyz(client)
    assert response.status_code == 200
    assert body["status"] == "degraded"
    check = body["checks"][f"database:{unreachable_replica}"]
    assert check["ok"] is False and check["detail"] == "OperationalError"
    assert SECRET not in response.content.decode()
