"""The every-minute jobs in one long-running process, for setups without cron or systemd timers
(`make run`, `make prod`; a real server uses deploy/systemd/newsroom-jobs.timer instead):

    python manage.py run_jobs          # at every minute's :00, until SIGTERM or Ctrl-C
    python manage.py run_jobs --once   # one run, what the systemd timer starts

Each run calls publish_scheduled, then flush_ad_counts, then deliver_webhooks (webhook
deliveries Redis missed), in this process. A job that fails is
logged and the loop goes on: a database restarting for a minute must not end publishing until
someone notices. Both jobs are safe to run on several servers at once, so a second loop (or a
timer next to this) does nothing twice.
"""

import logging
import signal
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection, connections

logger = logging.getLogger(__name__)

JOBS = ("publish_scheduled", "flush_ad_counts", "deliver_webhooks")


def run_once(stdout=None) -> int:
    """Run every job once; returns how many failed (each is logged, none is raised)."""
    failed = 0
    for name in JOBS:
        try:
            call_command(name, stdout=stdout)
        except Exception:
            failed += 1
            logger.exception("Job %s failed", name)
        finally:
            # A connection broken by a database restart must not fail the next minute too.
            # (Not inside a transaction: a caller's, or a test's.)
            if not connection.in_atomic_block:
                close_old_connections()
    return failed


def seconds_to_next_minute(now: float) -> float:
    return 60 - (now % 60)


class Command(BaseCommand):
    help = (
        "Run publish_scheduled, flush_ad_counts and deliver_webhooks every minute (or once, "
        "with --once)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run the jobs once and exit.")

    def handle(self, *args, once=False, **options):
        if once:
            failed = run_once(self.stdout)
            if failed:
                # The timer's unit shows as failed; the log says which job and why.
                raise SystemExit(1)
            return
        stop = threading.Event()

        def request_stop(signum, frame):
            # The run in progress finishes (a half-done publication is still atomic, but a
            # purge is worth sending); the loop then exits instead of waiting for the minute.
            logger.info("run_jobs: signal %s, stopping after the current run", signum)
            stop.set()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
        logger.info("run_jobs: running %s every minute", ", ".join(JOBS))
        # Once at start: whatever fell due while nothing ran is done now, not in a minute.
        run_once(self.stdout)
        while not stop.wait(seconds_to_next_minute(time.time())):
            run_once(self.stdout)
        connections.close_all()
