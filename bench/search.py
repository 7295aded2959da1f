"""How fast is site search as the archive grows, and what does each language's configuration
find?

Creates N articles (default 5,000) in three languages with varied text in the configured
database (use a scratch PostgreSQL one), indexes them, then prints the median time of the
search page for common and rare words per language, and — for Ukrainian, which has no
PostgreSQL dictionary — how many articles `simple` finds for inflected forms compared with a
plain substring scan (ILIKE), and how long that scan takes.

    DEBUG=1 DATABASE_URL=postgres://root@127.0.0.1:5432/newsroom_bench_search \
        .venv/bin/python bench/search.py --articles 5000
"""

import argparse
import random
import statistics
import sys
import time
from datetime import timedelta

import _django  # noqa: F401  (sets Django up; must come first)
from django.conf import settings
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test import Client
from django.utils import timezone

from articles import search
from articles.models import Article, Block, LanguageVersion, Section, Status

WORDS = {
    "uk": [
        "міст",
        "мосту",
        "мостом",
        "мости",
        "рада",
        "бюджет",
        "уряд",
        "школа",
        "лікарня",
        "вибори",
        "енергетика",
        "фронт",
        "економіка",
        "культура",
        "місто",
        "область",
        "громада",
        "ремонт",
        "дорога",
        "зерно",
        "порт",
    ],
    "ru": [
        "мост",
        "моста",
        "мостом",
        "мосты",
        "рада",
        "бюджет",
        "правительство",
        "школа",
        "больница",
        "выборы",
        "энергетика",
        "фронт",
        "экономика",
        "культура",
        "город",
        "область",
        "община",
        "ремонт",
        "дорога",
        "зерно",
        "порт",
    ],
    "en": [
        "bridge",
        "bridges",
        "council",
        "budget",
        "government",
        "school",
        "hospital",
        "elections",
        "energy",
        "front",
        "economy",
        "culture",
        "city",
        "region",
        "community",
        "repair",
        "road",
        "grain",
        "port",
        "ports",
    ],
}


def populate(n):
    if Article.objects.count() >= n:
        return
    section, _ = Section.objects.get_or_create(
        slug="bench", defaults={"name_uk": "Бенч", "name_ru": "Бенч", "name_en": "Bench"}
    )
    rng = random.Random(7)
    now = timezone.now()

    # Mostly filler words, a topical one now and then: each topical word is in a few percent
    # of the articles, as real news words are.
    filler = ["".join(rng.choice("бвгдклмнпрстаеиоу") for _ in range(6)) for _ in range(3000)]

    def sentence(code, k):
        return " ".join(
            rng.choice(WORDS[code]) if rng.random() < 0.02 else rng.choice(filler) for _ in range(k)
        )

    for start in range(Article.objects.count(), n, 500):
        articles = Article.objects.bulk_create(
            Article(
                section=section,
                publish_at=now - timedelta(minutes=i),
                **{f"title_{c}": sentence(c, 6) for c in WORDS},
                **{f"lead_{c}": sentence(c, 20) for c in WORDS},
            )
            for i in range(start, min(start + 500, n))
        )
        LanguageVersion.objects.bulk_create(
            LanguageVersion(article=a, language=c, status=Status.PUBLISHED, publish_at=a.publish_at)
            for a in articles
            for c in WORDS
        )
        Block.objects.bulk_create(
            Block(article=a, language=c, kind="paragraph", position=p, text=sentence(c, 60))
            for a in articles
            for c in WORDS
            for p in range(4)
        )
        search.update_index([a.pk for a in articles])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def timed(fn, repeat=15):
    times = []
    for _ in range(repeat):
        reset_queries()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run this against PostgreSQL (DATABASE_URL=postgres://…).")
    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    populate(args.articles)
    client = Client()
    print(f"{Article.objects.count()} articles, {LanguageVersion.objects.count()} versions\n")
    for code, prefix, common, rare in [
        ("uk", "", "бюджет", "зерно порт"),
        ("ru", "/ru", "бюджет", "зерно порт"),
        ("en", "/en", "budget", "grain port"),
    ]:
        for word in (common, rare):
            ms = timed(lambda url=f"{prefix}/search/?q={word}": client.get(url))
            print(f"{code} search page, q={word!r:<14} median {ms:7.1f} ms")
    print()
    for form in ["міст", "мосту", "мостом"]:
        fts = search.search("uk", form).count()
        scan_ms = timed(
            lambda f=form: LanguageVersion.objects.filter(
                language="uk", search_text__icontains=f
            ).count(),
            repeat=5,
        )
        stem = form[:3]
        substring = LanguageVersion.objects.filter(
            language="uk", search_text__icontains=stem
        ).count()
        print(
            f"uk {form!r:<9} simple FTS finds {fts:5d}; ILIKE on the stem {stem!r} finds "
            f"{substring:5d} (a scan: {scan_ms:6.1f} ms)"
        )


if __name__ == "__main__":
    main()
