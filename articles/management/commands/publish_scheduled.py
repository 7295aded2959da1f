"""Run every minute (cron, a systemd timer, a Kubernetes CronJob):

    * * * * *  cd /srv/newsroom && .venv/bin/python manage.py publish_scheduled

Readers see scheduled versions at their minute without it; it does the steps of going live
(first-publication stamp, history, cache purge signal) and takes expired versions off the site.
Idempotent and safe to run twice at once. It also sends again the cache purges a proxy missed
(pagecache.purge.retry_pending).
"""

from django.core.management.base import BaseCommand

from articles.services import publish_due
from newsroom.logs import job_run
from pagecache.purge import retry_pending


class Command(BaseCommand):
    help = "Do the going-live steps of scheduled versions whose time has come; expire others."

    def handle(self, *args, **options):
        # One log line per run (newsroom.jobs), with these numbers.
        with job_run("publish_scheduled") as result:
            self._run(result)

    def _run(self, result):
        went, expired = publish_due()
        result.update(went_live=went, expired=expired)
        self.stdout.write(f"Went live: {went}. Expired: {expired}.")
        sent, left = retry_pending()
        result.update(purges_sent=sent, purges_pending=left)
        if sent or left:
            self.stdout.write(f"Missed cache purges sent again: {sent}; still pending: {left}.")
