import gzip
import json
import os
import textwrap
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.newsroom.processes import run_django

# A Django process with SENTRY_DSN set, whose view raises; it sends the event and waits.
APP = textwrap.dedent(
    """
    import sys, types
    import django
    django.setup()
    import sentry_sdk
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import path

    def boom(request):
        raise RuntimeError("the printing press jammed")

    from newsroom import urls as site

    # The site's addresses (middleware reverses some) and one that fails.
    urls = types.ModuleType("boom_urls")
    urls.urlpatterns = [path("boom/", boom), *site.urlpatterns]
    urls.handler500 = site.handler500
    sys.modules["boom_urls"] = urls
    with override_settings(ROOT_URLCONF="boom_urls"):
        response = Client(raise_request_exception=False).get(
            "/boom/", HTTP_X_REQUEST_ID="req-42", HTTP_COOKIE="sessionid=reader-secret"
        )
    print(response.status_code)
    sentry_sdk.flush(timeout=20)
    """
)


class FakeSentry(BaseHTTPRequestHandler):
    """Takes envelopes as Sentry's ingestion endpoint would, and keeps them."""

    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        self.received.append((self.path, body))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_server():
    FakeSentry.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeSentry)
    server.daemon_threads, server.block_on_close = True, False
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def events(received):
    """The event items of the received envelopes (a header line, then item header + payload
    line pairs)."""
    found = []
    for _path, body in received:
        lines = body.split(b"\n")
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):
            if json.loads(header).get("type") == "event":
                found.append(json.loads(payload))
    return found


def test_an_error_reaches_sentry_and_the_json_log_under_one_request_id(sentry_server):
    """In production (DEBUG off, SENTRY_DSN set), a view's exception is sent to a local
    stand-in for Sentry with the environment and the request id as a tag, without the reader's
    cookie; the app's log, JSON by default, has the request's line under the same id."""
    port = sentry_server.server_address[1]
    unset = {"REDIS_URL", "DATABASE_URL", "LOG_FORMAT", "LOG_LEVEL"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    result = run_django(
        APP,
        env={
            **env,
            "DEBUG": "0",
            "SECURE_SSL_REDIRECT": "0",
            "ALLOWED_HOSTS": "testserver",
            "SENTRY_DSN": f"http://publickey@127.0.0.1:{port}/7",
            "SENTRY_ENVIRONMENT": "staging",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["500"]
    assert all(path == "/api/7/envelope/" for path, _body in FakeSentry.received)
    [event] = [e for e in events(FakeSentry.received) if e.get("exception")]
    [exception] = event["exception"]["values"]
    assert (exception["type"], exception["value"]) == ("RuntimeError", "the printing press jammed")
    assert event["tags"]["request_id"] == "req-42"
    assert event["environment"] == "staging"
    assert b"reader-secret" not in b"".join(body for _path, body in FakeSentry.received)
    # The same id is in the app's own JSON line for the request (stderr, JSON by default).
    [line] = [
        json.loads(text)
        for text in result.stderr.splitlines()
        if text.startswith("{") and json.loads(text)["logger"] == "newsroom.request"
    ]
    assert (line["request_id"], line["status"], line["path"]) == ("req-42", 500, "/boom/")
