from django.core.management.base import BaseCommand

from ads import counters
from newsroom.logs import job_run


class Command(BaseCommand):
    help = (
        "Write the impressions and clicks summed in Redis to the database. Run it every minute "
        "(cron or a systemd timer), next to publish_scheduled; several at once are safe."
    )

    def handle(self, *args, **options):
        # One log line per run (newsroom.jobs), with the rows written.
        with job_run("flush_ad_counts") as result:
            rows = result["rows"] = counters.flush()
        if options["verbosity"] > 1 or rows:
            self.stdout.write(f"Ad counts flushed: {rows} creative-day rows updated.")
