import json
import logging
import os
import re
import socket
import sys
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsroom.logs import JsonFormatter, job_run
from tests.factories import LanguageVersionFactory

GENERATED_ID = re.compile(r"^[0-9a-f]{32}$")


@pytest.fixture
def request_lines(caplog):
    """The `newsroom.request` records (the logger is quiet in tests unless asked)."""
    caplog.set_level(logging.INFO, logger="newsroom.request")
    return lambda: [r for r in caplog.records if r.name == "newsroom.request"]


def test_a_request_id_from_the_proxy_is_kept_and_echoed(client, db):
    """nginx's X-Request-ID is used as the request's id and sent back."""
    response = client.get("/healthz", HTTP_X_REQUEST_ID="0f3c-ab.12_Z")
    assert response["X-Request-ID"] == "0f3c-ab.12_Z"


@pytest.mark.parametrize("supplied", ["", "x" * 65, 'a"b', "a b", "ключ"])
def test_an_unlikely_request_id_is_replaced(client, db, supplied):
    """An id that is empty, too long or has characters that could break a log line is
    replaced by a new one."""
    response = client.get("/healthz", HTTP_X_REQUEST_ID=supplied)
    assert GENERATED_ID.match(response["X-Request-ID"])


def test_one_line_per_request_with_its_fields(client, db, request_lines):
    """A reader's request: method, path, status, time, id, view and cache, no user id."""
    response = client.get("/news/", HTTP_X_REQUEST_ID="req-1")
    assert response.status_code == 200
    [line] = request_lines()
    assert line.levelno == logging.INFO
    assert (line.method, line.path, line.status, line.request_id) == ("GET", "/news/", 200, "req-1")
    assert line.view == "articles:news" and line.cache == "-" and line.user_id is None
    assert isinstance(line.duration_ms, float) and line.duration_ms > 0
    fields = json.loads(JsonFormatter().format(line))
    assert fields["request_id"] == "req-1" and fields["status"] == 200
    assert fields["message"].startswith("GET /news/ 200 ")


def test_staff_requests_carry_the_user_id(admin_client, admin_user, request_lines):
    """Staff in the admin: the line names the user by id (never by name)."""
    assert admin_client.get("/admin/").status_code == 200
    [line] = request_lines()
    assert line.user_id == admin_user.pk


def test_page_cache_hits_are_logged_with_the_readers_own_id(client, settings, db, request_lines):
    """Served from Django's page cache, a page says HIT in the log and carries the id of the
    request that got it, never the id of the one that rendered it."""
    settings.PAGE_CACHE = True
    first = client.get("/news/", HTTP_X_REQUEST_ID="first")
    second = client.get("/news/", HTTP_X_REQUEST_ID="second")
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert (first["X-Request-ID"], second["X-Request-ID"]) == ("first", "second")
    assert [(r.request_id, r.cache) for r in request_lines()] == [
        ("first", "MISS"),
        ("second", "HIT"),
    ]


def test_every_line_logged_during_a_request_carries_its_id(client, settings, caplog, db):
    """Any logger's record written while a request runs gets the request id in JSON."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }
    caplog.handler.setFormatter(JsonFormatter())
    caplog.set_level(logging.WARNING)
    client.get("/readyz", HTTP_X_REQUEST_ID="trace-me")
    lines = [json.loads(text) for text in caplog.text.splitlines()]
    assert {line["logger"] for line in lines} >= {"newsroom.health"}
    assert {line["request_id"] for line in lines} == {"trace-me"}


def test_json_formatter_writes_one_line_with_extras_and_the_traceback():
    """A record with extra fields and an exception is one JSON object on one line."""
    try:
        raise ValueError("bad\nvalue")
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, __file__, 1, "broke %s", ("here",), sys.exc_info(),
            extra={"job": "publish_scheduled", "when": timezone.now()},
        )  # fmt: skip
    text = JsonFormatter().format(record)
    assert "\n" not in text
    line = json.loads(text)
    assert line["message"] == "broke here" and line["level"] == "ERROR" and line["logger"] == "x"
    assert line["job"] == "publish_scheduled" and isinstance(line["when"], str)
    assert line["exc_type"] == "ValueError" and "Traceback" in line["exc"]
    assert "request_id" not in line


def test_a_job_run_is_one_line_with_its_numbers(db, caplog):
    """publish_scheduled logs one `newsroom.jobs` line: the job, its numbers, ok, its time."""
    LanguageVersionFactory(publish_at=timezone.now() - timedelta(minutes=2))
    caplog.set_level(logging.INFO, logger="newsroom.jobs")
    call_command("publish_scheduled", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("flush_ad_counts")
    lines = [r for r in caplog.records if r.name == "newsroom.jobs"]
    assert [(r.job, r.ok, r.error) for r in lines] == [
        ("publish_scheduled", True, None),
        ("flush_ad_counts", True, None),
    ]
    assert lines[0].result == {"went_live": 1, "expired": 0, "purges_sent": 0, "purges_pending": 0}
    assert lines[1].result == {"rows": 0}
    assert all(isinstance(r.duration_ms, float) for r in lines)


def test_a_failed_job_run_is_logged_as_an_error_and_raised(caplog):
    """A job that raises: its line says ok false and the error's class; lines it logged carry
    the run's id."""
    caplog.handler.setFormatter(JsonFormatter())
    with pytest.raises(RuntimeError), job_run("flaky") as result:
        result["done"] = 3
        logging.getLogger("newsroom.test").warning("halfway")
        raise RuntimeError("database restarting")
    halfway, failed = (json.loads(text) for text in caplog.text.splitlines())
    assert failed["job"] == "flaky" and failed["ok"] is False and failed["error"] == "RuntimeError"
    assert failed["level"] == "ERROR" and failed["result"] == {"done": 3}
    assert (
        halfway["request_id"].startswith("job-") and halfway["request_id"] == failed["request_id"]
    )
