"""The webhook worker, next to the web servers (`make run`, `make prod`, a systemd unit, a
container):

    python manage.py webhooks_worker

With a queue (WEBHOOK_QUEUE_URL, by default REDIS_URL) it is an RQ worker with its scheduler
(retries are jobs scheduled for later). Jobs run in this process, one at a time, each a claimed
attempt with its own timeout: no fork, so no database connection is shared with a child.
A Redis that goes away ends RQ's loop; this one waits and starts it again.

Without a queue (the zero-setup `make run`) it sends the due deliveries from the database every
WEBHOOK_POLL_SECONDS instead. SIGTERM or Ctrl-C: the attempt in progress finishes, then it exits.
"""

import logging
import signal
import threading
import uuid

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connections
from redis.exceptions import RedisError
from rq import SimpleWorker

from webhooks import queue, services

logger = logging.getLogger(__name__)

RECONNECT_SECONDS = 5


class Command(BaseCommand):
    help = "Send webhook deliveries: an RQ worker on the queue, or a poll of the database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--burst", action="store_true", help="Empty the queue (or send what is due) and exit."
        )

    def handle(self, *args, burst=False, **options):
        self.stop = threading.Event()
        if queue.configured():
            self.work_queue(burst)
        else:
            self.poll(burst)
        connections.close_all()

    def _handle_signals(self):
        def request_stop(signum, frame):
            logger.info("webhooks_worker: signal %s, stopping", signum)
            self.stop.set()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)

    def poll(self, burst):
        self._handle_signals()
        logger.info(
            "webhooks_worker: no queue configured, sending due deliveries every %ss",
            settings.WEBHOOK_POLL_SECONDS,
        )
        while True:
            try:
                services.sweep(budget=settings.WEBHOOK_POLL_SECONDS * 4)
            except Exception:
                logger.exception("webhooks_worker: sweep failed")
            finally:
                close_old_connections()
            if burst or self.stop.wait(settings.WEBHOOK_POLL_SECONDS):
                return

    def work_queue(self, burst):
        stop = self.stop

        class Worker(SimpleWorker):
            def request_stop(self, signum, frame):
                stop.set()
                super().request_stop(signum, frame)

        while not stop.is_set():
            try:
                conn = queue.connection(for_worker=True)
                conn.ping()
                worker = Worker(
                    [queue.get_queue(conn)],
                    connection=conn,
                    name=f"webhooks-{uuid.uuid4().hex[:12]}",
                    # Its scheduler (retries) dies with a Redis outage; RQ starts it again at
                    # the next maintenance: within a minute, not ten.
                    maintenance_interval=60,
                )
                logger.info("webhooks_worker: RQ worker on queue %s", settings.WEBHOOK_QUEUE_NAME)
                worker.work(burst=burst, with_scheduler=True, logging_level="WARNING")
            except RedisError as error:
                logger.warning("webhooks_worker: queue unreachable (%s), retrying", error)
                if burst:
                    return
            if burst:
                return
            # RQ's loop ended without a stop request (Redis went away): start it again soon.
            if not stop.is_set():
                self._handle_signals()
                stop.wait(RECONNECT_SECONDS)
