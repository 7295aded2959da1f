"""The worker as `make run` starts it (`manage.py webhooks_worker`, its own process): an RQ
worker with its scheduler on the queue, or a poll of the database without one."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from articles import services
from tests.factories import ArticleFactory
from webhooks.models import Delivery, Endpoint

from .conftest import machine_redis_url

BASE = Path(__file__).resolve().parents[2]


@pytest.fixture
def database_url():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: the worker is another process sharing the test database, which "
            "SQLite keeps in this process's memory"
        )
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


def wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


# Serialized: the data migrations' rows (roles, ad slots) are back for the tests after it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("mode", ["queue", "poll"])
def test_the_worker_process_delivers_retries_and_stops_on_sigterm(
    database_url, receiver, settings, mode
):
    """A receiver failing once gets the publication on the retry, from the worker process;
    SIGTERM ends the worker cleanly."""
    name = f"webhooks-test-{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "0",
        "REDIS_URL": "",
        "WEBHOOK_QUEUE_URL": machine_redis_url() if mode == "queue" else "",
        "WEBHOOK_QUEUE_NAME": name,
        "WEBHOOK_TIMEOUT": "2",
        "WEBHOOK_RETRY_DELAYS": "0.2",
        "WEBHOOK_POLL_SECONDS": "0.2",
        "LOG_FORMAT": "text",
    }
    settings.WEBHOOK_QUEUE_URL, settings.WEBHOOK_QUEUE_NAME = env["WEBHOOK_QUEUE_URL"], name
    Endpoint.objects.create(name="Partner", url=receiver.url)
    receiver.script = [(500, False)]
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "webhooks_worker"],
        cwd=BASE,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        article = ArticleFactory()
        services.article_publish(article=article, language="uk")  # commits: no test atomic
        assert receiver.wait_for(2), worker.stdout and worker.poll()
        assert wait_for(lambda: Delivery.objects.get().status == Delivery.Status.DELIVERED)
        delivery = Delivery.objects.get()
        assert (delivery.attempts, delivery.response_code) == (2, 200)
        assert [request["status"] for request in receiver.requests] == [500, 200]
        worker.terminate()
        assert worker.wait(30) == 0, worker.stdout.read()
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        if mode == "queue":
            import redis

            conn = redis.Redis.from_url(machine_redis_url())
            for key in conn.scan_iter(f"*{name}*"):
                conn.delete(key)
