"""Does every page stay fast as the archive grows? Times each page type in-process.

Load an archive with bench/load.py, then, with DEBUG off (as in production):

    DATABASE_URL=postgres://root@127.0.0.1:5432/newsroom_1m SECRET_KEY=bench \
        .venv/bin/python bench/scale.py [--repeat 30] [--warmup 3] [--only home,admin]
        [--save out.json] [--sql PAGE]
    .venv/bin/python bench/scale.py --compare 10k-1.json,10k-2.json 1m-1.json,1m-2.json

Each page is requested through Django's test Client (no network, no server): a few warm-up
requests, then `--repeat` timed ones; the table gives the median and 95th percentile in ms, the
SQL queries of one request and the response size. The admin pages are requested as a superuser.
The page cache (pagecache/) is switched off: this measures the work a cache miss costs.
`--sql PAGE` prints the SQL of one request of that page with each query's time.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("DEBUG", "0")  # bench/_django.py would switch it on
import _django  # noqa: F401  (sets Django up)
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import timezone
from load import rare_word

from articles.api import _encode_cursor
from articles.models import Article, ArticleAuthor, ArticleTag, Section

COMMON_WORD = "уряд"
TITLE_WORD = "бюджет"


def pages():
    """[(name, path)] of every page measured, chosen from the archive so that the same pages
    exist at any size: the middle of the archive, yesterday, the month of ten days ago."""
    live = Article.objects.live("uk").newest_first()
    total = live.count()
    middle = live[total // 2]
    deep = live[min(total - 1, 5000)]
    yesterday = timezone.localdate() - timedelta(days=1)
    # The month of ten days ago: a full page (10,000 URLs) at 300 articles a day.
    month = (timezone.localdate() - timedelta(days=10)).replace(day=1)
    tag = ArticleTag.objects.order_by("tag_id").values_list("tag__slug", flat=True).first()
    author = ArticleAuthor.objects.order_by("author_id").values_list("author__slug", flat=True)[0]
    section = Section.objects.order_by("pk").first()
    admin = "/admin/articles/article/"
    return [
        ("home", "/"),
        ("article", middle.get_absolute_url("uk")),
        ("news page 1", "/news/"),
        ("news page 50", "/news/?page=50"),
        ("archive day", f"/news/date/{yesterday:%Y-%m-%d}/"),
        ("tag", f"/tags/{tag}/"),
        ("author", f"/authors/{author}/"),
        ("search common", f"/search/?q={COMMON_WORD}"),
        ("search rare", f"/search/?q={rare_word('uk', 7)}"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap month", f"/sitemap-articles-{month:%Y-%m}.xml"),
        ("news sitemap", "/news-sitemap.xml"),
        ("rss", "/rss/"),
        ("api deep cursor", f"/api/v1/articles?cursor={_encode_cursor(deep)}"),
        ("admin list", admin),
        ("admin filtered", f"{admin}?section__id__exact={section.pk}"),
        ("admin search", f"{admin}?q={TITLE_WORD}"),
    ]


class Counter:
    """Counts (and optionally times) the SQL of the requests it wraps."""

    def __init__(self, keep=False):
        self.count = 0
        self.keep = keep
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            if self.keep:
                self.queries.append(((time.perf_counter() - start) * 1000, sql, params))


def request(client, path):
    response = client.get(path, secure=True)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return response


def measure(clients, name, path, repeat, warmup):
    client = clients["admin" if name.startswith("admin") else "reader"]
    for _ in range(warmup):
        request(client, path)
    counter = Counter()
    with connection.execute_wrapper(counter):
        response = request(client, path)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        request(client, path)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "page": name,
        "path": path,
        "median": statistics.median(times),
        "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        "queries": counter.count,
        "bytes": len(response.content),
    }


def machine():
    version = connection.vendor
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            version = cursor.fetchone()[0].split(" on ")[0]
    memory = ""
    try:
        with open("/proc/meminfo") as meminfo:
            kib = int(meminfo.readline().split()[1])
            memory = f"{kib / 1024 / 1024:.0f} GB"
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "memory": memory,
        "database": version,
        "python": platform.python_version(),
        "articles": Article.objects.count(),
        "live_uk": Article.objects.live("uk").count(),
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
    }


def print_table(results, info):
    print(
        f"{info['articles']:,} articles ({info['live_uk']:,} live in Ukrainian); "
        f"{info['cpus']} CPUs, {info['memory']}, {info['database']}, Python {info['python']}, "
        f"cache {info['cache']}"
    )
    print(f"{'page':<18} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'KB':>7}")
    for r in results:
        print(
            f"{r['page']:<18} {r['median']:>10.1f} {r['p95']:>8.1f} {r['queries']:>8} "
            f"{r['bytes'] / 1024:>7.0f}"
        )
    for r in results:
        print(
            f"RESULT {r['page'].replace(' ', '_')}: median {r['median']:.1f} ms, "
            f"p95 {r['p95']:.1f} ms, {r['queries']} queries  {r['path']}"
        )


def _best(names):
    """The results of several runs of one database, page by page the run with the lowest p95
    (on a shared machine the slowest runs measure the neighbours)."""
    runs = [json.loads(Path(name).read_text()) for name in names.split(",")]
    best = {}
    for run in runs:
        for r in run["results"]:
            if r["page"] not in best or r["p95"] < best[r["page"]]["p95"]:
                best[r["page"]] = r
    return runs[0]["machine"], best


def compare(first, second):
    """A markdown table of two databases' runs (each: one JSON file, or several separated by
    commas, of which each page's best p95 is taken)."""
    (ma, a), (mb, b) = _best(first), _best(second)
    na, nb = ma["articles"], mb["articles"]
    print(
        f"| Page | median at {na:,} | p95 at {na:,} | median at {nb:,} | p95 at {nb:,} "
        "| p95 ratio | queries |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for page, r in a.items():
        other = b.get(page)
        if other is None:
            continue
        ratio = other["p95"] / r["p95"] if r["p95"] else float("nan")
        queries = (
            str(r["queries"])
            if r["queries"] == other["queries"]
            else f"{r['queries']} / {other['queries']}"
        )
        print(
            f"| {page} | {r['median']:.0f} | {r['p95']:.0f} | {other['median']:.0f} "
            f"| {other['p95']:.0f} | {ratio:.2f}× | {queries} |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30, help="timed requests a page")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests first")
    parser.add_argument("--only", help="comma-separated page names (or prefixes)")
    parser.add_argument("--save", help="write the results to this JSON file")
    parser.add_argument("--sql", help="print the SQL of one request of this page, and stop")
    parser.add_argument(
        "--compare",
        nargs=2,
        metavar="JSON",
        help="two saved runs side by side (a,b,c: several runs, each page's best p95)",
    )
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
        return
    if settings.DEBUG:
        print("warning: DEBUG is on; figures are not production-like", file=sys.stderr)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.PAGE_CACHE = False

    admin, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    clients = {"reader": Client(), "admin": Client()}
    clients["admin"].force_login(admin)

    chosen = pages()
    if args.sql:
        name, path = next((n, p) for n, p in chosen if n == args.sql)
        client = clients["admin" if name.startswith("admin") else "reader"]
        request(client, path)
        counter = Counter(keep=True)
        with connection.execute_wrapper(counter):
            request(client, path)
        for ms, sql, params in counter.queries:
            print(f"-- {ms:.1f} ms  params={params!r}\n{sql}\n")
        print(f"{len(counter.queries)} queries, {sum(q[0] for q in counter.queries):.1f} ms")
        return
    if args.only:
        wanted = [w.strip() for w in args.only.split(",")]
        chosen = [(n, p) for n, p in chosen if any(n.startswith(w) for w in wanted)]
    info = machine()
    results = []
    for name, path in chosen:
        results.append(measure(clients, name, path, args.repeat, args.warmup))
        r = results[-1]
        print(
            f"  {name}: median {r['median']:.1f} ms, p95 {r['p95']:.1f} ms, {r['queries']} queries",
            file=sys.stderr,
            flush=True,
        )
    print_table(results, info)
    if args.save:
        with open(args.save, "w") as out:
            json.dump({"machine": info, "results": results}, out, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
