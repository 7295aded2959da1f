"""Part of the every-minute jobs (`run_jobs`): webhook deliveries that are due but not in the
queue (Redis was down, a job was lost, a worker died mid-attempt) are queued again; without a
queue (no REDIS_URL) they are sent from here. Safe to run anywhere, any number of times."""

from django.core.management.base import BaseCommand

from newsroom.logs import job_run
from webhooks import services


class Command(BaseCommand):
    help = "Queue (or, without a queue, send) the webhook deliveries that are due."

    def handle(self, *args, **options):
        with job_run("deliver_webhooks") as result:
            result.update(services.sweep())
        if options["verbosity"] > 1 or result["queued"] or result["sent"] or result["stuck"]:
            self.stdout.write(
                "Webhooks: {queued} queued, {sent} sent, {stuck} stuck attempts reset, "
                "{pending} pending.".format(**result)
            )
