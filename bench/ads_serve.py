"""How much does an ad cost to serve and to count?

Books N creatives (default 300, a third of them in `sidebar_top`) in the configured database (use
a scratch one), then prints the median time and query count of: choosing a creative from the
warm plan, serving the slot frame with counts in the database and in Redis, following a click,
and flushing the Redis sums of many creatives.

    DEBUG=1 DATABASE_URL=postgres://root@127.0.0.1:5432/newsroom_bench \
        REDIS_URL=redis://127.0.0.1:6379/14 .venv/bin/python bench/ads_serve.py
"""

import argparse
import os
import random
import statistics
import time
from datetime import timedelta

import _django  # noqa: F401  (sets Django up; must come first)
from django.conf import settings
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test import Client
from django.utils import timezone

from ads import counters, serving
from ads.models import Creative, Slot

TAG = '<div id="ad">bench</div><script>document.getElementById("ad").title = "x"</script>'


def populate(n):
    existing = Creative.objects.filter(name__startswith="bench ").count()
    slots = list(Slot.objects.all())
    for i in range(existing, n):
        creative = Creative.objects.create(
            name=f"bench {i}",
            kind=Creative.Kind.HTML,
            html=TAG,
            weight=1 + i % 5,
            starts_at=timezone.now() - timedelta(days=1),
            languages=["uk", "ru", "en"] if i % 2 else ["uk"],
        )
        creative.slots.set([slots[0] if i % 3 == 0 else slots[i % len(slots)]])
    serving.new_plan_version()


def measure(label, fn, repeat=200):
    times, queries = [], []
    for _ in range(repeat):
        reset_queries()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        queries.append(len(connection.queries))
    print(
        f"{label:<48} median {statistics.median(times) * 1000:7.3f} ms   "
        f"p95 {sorted(times)[int(len(times) * 0.95)] * 1000:7.3f} ms   "
        f"queries {statistics.median(queries):.0f} (most {max(queries)})"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--creatives", type=int, default=300)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = True  # records queries
    populate(args.creatives)
    code = Slot.objects.order_by("placement", "code").first().code
    running = len(serving.candidates(serving.build_plan(), code, language="uk"))
    print(f"{Creative.objects.count()} creatives; {running} can run in {code} on uk pages\n")

    client = Client()
    rng = random.Random(1)
    serving.get_plan()
    measure(
        "choose from the warm plan",
        lambda: serving.choose(serving.candidates(serving.get_plan(), code, language="uk"), rng),
    )
    url = f"/ads/slot/{code}/?l=uk"
    settings.ADS_COUNTS_REDIS_URL = ""
    # The most is a creative's first view of the day: UPDATE, then INSERT in a savepoint.
    measure("serve the frame, counted in the database", lambda: client.get(url))
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        settings.ADS_COUNTS_REDIS_URL = redis_url
        measure("serve the frame, counted in Redis", lambda: client.get(url))
    else:
        print("serve the frame, counted in Redis: set REDIS_URL to measure")
    creative = Creative.objects.filter(name__startswith="bench ").first()
    creative.kind, creative.html = Creative.Kind.IMAGE, ""
    Creative.objects.filter(pk=creative.pk).update(link_url="https://example.org/landing")
    measure("follow a click", lambda: client.get(f"/ads/click/{creative.click_token()}/"))
    if redis_url:
        ids = list(Creative.objects.values_list("pk", flat=True))
        for pk in ids:
            counters.count(counters.IMPRESSION, pk)
            counters.count(counters.CLICK, pk)
        start = time.perf_counter()
        rows = counters.flush()
        print(
            f"{'flush the sums of every creative':<48} {rows} rows in "
            f"{(time.perf_counter() - start) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
