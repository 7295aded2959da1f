"""A receiver on loopback and a real RQ queue on the machine's Redis, for the webhook tests.

The queue is the test's own (a fresh name in the Redis database of this test process: REDIS_URL's,
which settings.py gives each pytest-xdist process, or the machine's Redis with the same scheme
without it), so tests in parallel processes never take each other's jobs.
"""

import json
import os
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import redis
from rq import SimpleWorker

from webhooks import queue as webhook_queue


def machine_redis_url() -> str:
    """REDIS_URL as settings.py made it for this process, or the machine's Redis, db 15 for the
    first test process and one below for each next (the scheme of settings.py)."""
    from django.conf import settings

    if settings.REDIS_URL:
        return settings.REDIS_URL
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return f"redis://127.0.0.1:6379/{(15 - int(worker[2:] or 0)) % 16}"


HANG = True


class Receiver:
    """An HTTP server on 127.0.0.1 that records what it is sent and answers as told: each
    request takes the next of `script` — (status, HANG or not) — then 200s. HANG holds the
    answer back until the sender has given up (the test ends, or calls `release`)."""

    def __init__(self):
        self.requests = []
        self.script = []
        self.arrived = threading.Condition()
        self.released = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver.arrived:
                    status, hang = receiver.script.pop(0) if receiver.script else (200, False)
                    receiver.requests.append(
                        {
                            "headers": {k.lower(): v for k, v in self.headers.items()},
                            "body": raw,
                            "status": status,
                        }
                    )
                    receiver.arrived.notify_all()
                if hang:
                    receiver.released.wait(30)
                answer = json.dumps({"ok": status < 400}).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except OSError:
                    pass  # the sender gave up waiting (the timeout test)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def bodies(self):
        return [json.loads(request["body"]) for request in self.requests]

    def wait_for(self, count, timeout=30):
        with self.arrived:
            return self.arrived.wait_for(lambda: len(self.requests) >= count, timeout)

    def release(self):
        self.released.set()

    def close(self):
        self.release()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    found = Receiver()
    yield found
    found.close()


@pytest.fixture(autouse=True)
def _webhook_settings(settings):
    # Short waits: retries a fifth of a second apart (RQ's scheduler makes it a second); a
    # timeout that a loaded machine's answers still meet.
    settings.WEBHOOK_TIMEOUT = 2
    settings.WEBHOOK_RETRY_DELAYS = [0.2, 0.2, 0.2]
    settings.WEBHOOK_MAX_ATTEMPTS = 4
    settings.WEBHOOK_REQUEUE_SECONDS = 0
    settings.WEBHOOK_SITE_URL = "https://news.example.org"
    settings.WEBHOOK_ALLOW_HTTP = True
    # No queue unless a test takes the `rq_queue` fixture (whatever REDIS_URL is).
    settings.WEBHOOK_QUEUE_URL = ""
    webhook_queue._down_until.clear()


class QueueUnderTest:
    def __init__(self, url, name):
        self.url, self.name = url, name
        self.connection = redis.Redis.from_url(url)
        self.queue = webhook_queue.get_queue(self.connection)

    def work(self):
        """Run every job that is queued or whose scheduled time has come, in this process (and
        this test's database transaction), then return."""
        worker = SimpleWorker([self.queue], connection=self.connection)
        worker.work(burst=True, with_scheduler=True, logging_level="WARNING")

    def __len__(self):
        return len(self.queue) + len(self.queue.scheduled_job_registry)

    def wait_and_work(self, timeout=10):
        """Wait until RQ's scheduler would start the next scheduled retry (it counts whole
        seconds), then work."""
        registry = self.queue.scheduled_job_registry
        deadline = time.monotonic() + timeout
        while registry.get_job_ids() and not registry.get_jobs_to_schedule():
            assert time.monotonic() < deadline, "no scheduled job came due"
            time.sleep(0.05)
        self.work()

    def close(self):
        registries = [
            self.queue.finished_job_registry,
            self.queue.failed_job_registry,
            self.queue.scheduled_job_registry,
        ]
        jobs = [job for registry in registries for job in registry.get_job_ids()]
        self.queue.delete(delete_jobs=True)
        for key in self.connection.scan_iter(f"*{self.name}*"):
            self.connection.delete(key)
        for job in jobs:
            self.connection.delete(f"rq:job:{job}", f"rq:results:{job}")
        self.connection.close()


@pytest.fixture
def rq_queue(settings):
    url = machine_redis_url()
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        pytest.fail(f"Redis at {url} is needed for the queue tests (CI starts it)")
    settings.WEBHOOK_QUEUE_URL = url
    settings.WEBHOOK_QUEUE_NAME = f"webhooks-test-{uuid.uuid4().hex[:10]}"
    found = QueueUnderTest(url, settings.WEBHOOK_QUEUE_NAME)
    yield found
    found.close()
