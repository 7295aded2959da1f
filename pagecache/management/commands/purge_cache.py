from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from pagecache import keys as surrogate
from pagecache import purge


class Command(BaseCommand):
    help = (
        "Purge cached pages by surrogate key (e.g. article-12 news-en), or --all; "
        "--retry sends again the purges a proxy missed."
    )

    def add_arguments(self, parser):
        parser.add_argument("keys", nargs="*", help="Surrogate keys, e.g. article-12 news-uk.")
        parser.add_argument("--all", action="store_true", help="Everything cached.")
        parser.add_argument(
            "--hard", action="store_true", help="Never serve the purged copies again, even stale."
        )
        parser.add_argument("--retry", action="store_true", help="Send pending purges again.")

    def handle(self, *args, **options):
        chosen = list(options["keys"]) + ([surrogate.ALL] if options["all"] else [])
        if not chosen and not options["retry"]:
            raise CommandError("Name keys to purge, or use --all or --retry.")
        if chosen:
            with transaction.atomic():
                purge.purge(chosen, hard=options["hard"])
            self.stdout.write(f"Purged: {' '.join(chosen)}")
        if options["retry"]:
            sent, left = purge.retry_pending()
            self.stdout.write(f"Pending purges sent: {sent}; still pending: {left}")
