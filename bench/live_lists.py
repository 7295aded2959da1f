"""How fast are live() lists and the article page as the archive grows?

Creates N articles (default 5,000) in three languages in the configured database (use a scratch
one: DATABASE_URL=postgres://root@127.0.0.1:5432/newsroom_bench), then prints the median time and
query count of: newest 20 live per language, a tag page, and the article page.

    DEBUG=1 DATABASE_URL=postgres://root@127.0.0.1:5432/newsroom_bench \
        .venv/bin/python bench/live_lists.py --articles 5000
"""

import argparse
import statistics
import time
from datetime import timedelta

import _django  # noqa: F401  (sets Django up; must come first)
from django.conf import settings
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test import Client
from django.utils import timezone

from articles.models import (
    Article,
    ArticleTag,
    Block,
    LanguageVersion,
    Section,
    Status,
)
from tags.models import Tag


def populate(n):
    if Article.objects.count() >= n:
        return
    section, _ = Section.objects.get_or_create(
        slug="bench", defaults={"name_uk": "Бенч", "name_ru": "Бенч", "name_en": "Bench"}
    )
    tags = [
        Tag.objects.get_or_create(name_uk=f"бенч {i}", defaults={"name_en": f"bench {i}"})[0]
        for i in range(50)
    ]
    now = timezone.now()
    batch = 1000
    for start in range(Article.objects.count(), n, batch):
        articles = Article.objects.bulk_create(
            Article(
                section=section,
                title_uk=f"Новина {i}",
                title_ru=f"Новость {i}",
                title_en=f"News {i}",
                publish_at=now - timedelta(minutes=i),
            )
            for i in range(start, min(start + batch, n))
        )
        versions, blocks, tagged = [], [], []
        for article in articles:
            i = article.pk
            for code, status in (
                ("uk", Status.PUBLISHED),
                ("ru", Status.PUBLISHED),
                ("en", Status.DRAFT if i % 3 else Status.PUBLISHED),
            ):
                versions.append(
                    LanguageVersion(
                        article=article, language=code, status=status, publish_at=article.publish_at
                    )
                )
            blocks += [
                Block(
                    article=article,
                    language="uk",
                    kind="paragraph",
                    position=p,
                    text="<p>Текст абзацу.</p>",
                )
                for p in range(6)
            ]
            tagged += [
                ArticleTag(content_object=article, tag=tags[(i + k) % 50], position=k)
                for k in range(3)
            ]
        LanguageVersion.objects.bulk_create(versions)
        Block.objects.bulk_create(blocks)
        ArticleTag.objects.bulk_create(tagged)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def measure(label, fn, repeat=20):
    times, queries = [], 0
    for _ in range(repeat):
        reset_queries()
        start = time.perf_counter()
        response = fn()
        assert getattr(response, "status_code", 200) == 200, label
        times.append((time.perf_counter() - start) * 1000)
        queries = len(connection.queries)
    print(f"{label:<42} median {statistics.median(times):7.2f} ms   {queries:3d} queries")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    populate(args.articles)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    article = Article.objects.live("uk").newest_first().first()
    tag = Tag.objects.filter(slug__startswith="bench").first()
    print(f"{connection.vendor}, {Article.objects.count()} articles")
    for code in ("uk", "ru", "en"):
        measure(
            f"newest 20 live ({code}) query",
            lambda code=code: list(Article.objects.live(code).newest_first()[:20]),
        )
    measure("home page (uk)", lambda: client.get("/"))
    measure("tag page (uk)", lambda: client.get(tag.get_absolute_url()))
    measure("article page (uk)", lambda: client.get(article.get_absolute_url("uk")))


if __name__ == "__main__":
    main()
