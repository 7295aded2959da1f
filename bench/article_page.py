"""How long does an uncached article page take in-process, and where does the time go?

Measures the article page the way the Wagtail peer's inproc_bench.py does (Django's test Client,
DEBUG off, no test instrumentation, random live article URLs), on a database loaded with
bench/load.py, and can profile it:

    DATABASE_URL=postgres://root@127.0.0.1:5432/newsroom_10k \
        REDIS_URL=redis://127.0.0.1:6379/3 PAGE_CACHE=0 SECRET_KEY=bench \
        .venv/bin/python bench/article_page.py [--n 200] [--warmup 50] [--cold] \
            [--profile out.prof] [--show-sql]

* `--cold`: purge every fragment (the `all` key) before every timed request (the worst case:
  every shared list rebuilt); by default fragments are shared between pages, as in production.
* `--n 0 --warmup 1500`: only fill the shared fragments (every tag's list, w.h.p.), e.g. before
  compare.sh, so that it measures the steady state.
* prints the median / p95 ms, the median CPU time of this process (less disturbed by the other
  work of a shared machine, but without the database server's share) and the SQL queries of a
  first and of a second render of a page.
"""

import argparse
import cProfile
import math
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

os.environ["DEBUG"] = "0"  # measured as served: cached template loader, no query log
os.environ.setdefault("PAGE_CACHE", "0")
os.environ.setdefault("SECRET_KEY", "bench")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")  # plain HTTP, as wrk speaks
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import _django  # noqa: F401  (sets Django up)
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from pagecache import keys, store


def pct(values, p):
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p / 100 * len(ordered))) - 1]


def purge_fragments():
    """Every fragment stale (purged by the `all` key they all carry): rebuilt when next read."""
    store.invalidate([keys.ALL])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cold", action="store_true")
    parser.add_argument("--profile")
    parser.add_argument("--show-sql", action="store_true")
    args = parser.parse_args()
    assert not settings.DEBUG and not settings.PAGE_CACHE

    urls = [
        article.get_absolute_url("uk")
        for article in Article.objects.live("uk").only("id", "publish_at", "created_at")
    ]
    rng = random.Random(args.seed)
    client = Client(HTTP_HOST="127.0.0.1")

    def get(path):
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"GET {path} -> {response.status_code}")
        return response

    for _ in range(args.warmup):
        get(rng.choice(urls))

    # Profiled in CPU time of this process: waiting for PostgreSQL or Redis is not counted.
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    times, cpu_times = [], []
    for _ in range(args.n):
        path = rng.choice(urls)
        if args.cold:
            purge_fragments()
        started, cpu_started = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        get(path)
        if profiler:
            profiler.disable()
        times.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - cpu_started) * 1000)

    if not times:
        print(f"warmed up: {args.warmup} pages")
        return
    path = rng.choice(urls)
    purge_fragments()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = get(path)
        counts.append(len(queries))
        if args.show_sql:
            print(f"--- {len(queries)} queries for {path}")
            for query in queries.captured_queries:
                print(query["sql"][:300])

    print(
        f"our_cms in-process ({'cold' if args.cold else 'warm'} fragments, N={len(urls)}): "
        f"median {statistics.median(times):.2f} ms, p95 {pct(times, 95):.2f} ms, "
        f"median CPU of this process {statistics.median(cpu_times):.2f} ms, "
        f"queries first/second render {counts[0]}/{counts[1]}, "
        f"html {len(response.content)} bytes"
    )
    if profiler:
        profiler.dump_stats(args.profile)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
