"""Fixtures for the page cache: a recording stand-in for a caching proxy, and a real Varnish
(Debian's varnish + varnish-modules, like the browser tests' Chromium) in front of the live
test server."""

import http.client as http_client
import shutil
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "varnish"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RecordingProxy:
    """Answers PURGE like Varnish does and remembers each: [(hard, {keys})]."""

    def __init__(self):
        self.purges = []
        self.status = 200
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                hard = "xkey-purge" in self.headers
                keys = self.headers.get("xkey-purge") or self.headers.get("xkey-softpurge", "")
                proxy.purges.append((hard, set(keys.split())))
                self.send_response(proxy.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def keys(self, *, hard):
        return set().union(*(keys for is_hard, keys in self.purges if is_hard == hard))

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class Fetched:
    """What a plain HTTP client got: status, headers (case-insensitive) and text."""

    def __init__(self, response):
        self.status_code = response.status
        self.headers = response.headers
        self.text = response.read().decode("utf-8", "replace")


def http(method, url, headers=None, timeout=10):
    address = urlsplit(url)
    connection = http_client.HTTPConnection(address.hostname, address.port, timeout=timeout)
    try:
        path = address.path or "/"
        connection.request(
            method, path + (f"?{address.query}" if address.query else ""), headers=headers or {}
        )
        return Fetched(connection.getresponse())
    finally:
        connection.close()


class Varnish:
    def __init__(self, backend_port):
        if not shutil.which("varnishd"):
            pytest.fail("varnishd is not installed: apt-get install varnish varnish-modules")
        self.workdir = Path(subprocess.check_output(["mktemp", "-d"], text=True).strip())
        self.port, self.admin_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # The shipped rules (deploy/varnish/newsroom.vcl) with this test server as the backend,
        # probed often so that a stopped backend is noticed within a second or two.
        (self.workdir / "top.vcl").write_text(
            f"""vcl 4.1;
import directors;
backend app1 {{
    .host = "127.0.0.1";
    .port = "{backend_port}";
    .probe = {{ .url = "/healthz"; .interval = 0.5s; .timeout = 2s;
               .window = 3; .threshold = 2; .initial = 2; }}
}}
acl purgers {{ "127.0.0.1"; }}
sub vcl_init {{ new app = directors.round_robin(); app.add_backend(app1); }}
include "newsroom.vcl";
"""
        )
        self.log = open(self.workdir / "varnishd.log", "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                "varnishd",
                "-F",
                "-j",
                "none",
                "-n",
                str(self.workdir / "n"),
                "-a",
                f"127.0.0.1:{self.port}",
                "-T",
                f"127.0.0.1:{self.admin_port}",
                "-f",
                str(self.workdir / "top.vcl"),
                "-p",
                f"vcl_path={DEPLOY}",
                "-p",
                "http_resp_hdr_len=32k",
                "-p",
                "http_resp_size=64k",
                "-s",
                "malloc,64m",
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                http("PURGE", self.url, headers={"xkey-purge": "all"}, timeout=1)
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        self.stop()
        pytest.fail(f"varnishd did not start: {(self.workdir / 'varnishd.log').read_text()}")

    def get(self, path, headers=None):
        return http("GET", self.url + path, headers=headers)

    def admin(self, *command):
        return subprocess.run(
            ["varnishadm", "-n", str(self.workdir / "n"), *command],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def forget_everything(self):
        http("PURGE", self.url, headers={"xkey-purge": "all"}, timeout=5)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def varnish_server(live_server):
    server = Varnish(urlsplit(live_server.url).port)
    yield server
    server.stop()


@pytest.fixture
def varnish(varnish_server, settings):
    """Varnish in front of the live server, empty, and told of every purge the app makes. (The
    tests using it are marked transactional with serialized rollback, like the browser tests:
    the rows made by data migrations are back for the tests after them.)"""
    settings.CACHE_PROXIES = [varnish_server.url]
    varnish_server.admin("backend.set_health", "app1", "auto")
    varnish_server.forget_everything()
    return varnish_server


def wait_for(check, *, within=1.0, step=0.05):
    """Poll `check()` until it is true or `within` seconds have passed; returns the last
    result."""
    deadline = time.monotonic() + within
    while True:
        result = check()
        if result or time.monotonic() >= deadline:
            return result
        time.sleep(step)
