"""Rebuild every article's search text and vectors: after the search migration on a site with
articles, or after changing the search configuration. Saving keeps the index current otherwise."""

from django.core.management.base import BaseCommand

from articles import search
from articles.models import Article

BATCH = 500


class Command(BaseCommand):
    help = "Rebuild the site search index of every article (in batches of 500)."

    def handle(self, *args, **options):
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        done = 0
        for start in range(0, len(ids), BATCH):
            done += search.update_index(ids[start : start + BATCH])
        self.stdout.write(f"Search index rebuilt: {done} language versions of {len(ids)} articles.")
