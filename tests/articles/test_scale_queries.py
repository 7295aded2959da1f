"""A million articles: the pages that read the whole archive (the sitemaps and the admin's
article list) take as many queries for 25 articles as for 5, never count the whole article
table, and give the same answers as the slower ways they replace. Articles are made with
bench/load.py, which is checked here too."""

import sys
from datetime import timedelta

import pytest
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import blocks, search, sitemaps
from articles.admin import ArticleListQuerySet
from articles.models import Article, Block, LanguageVersion, Section, Status
from articles.pagination import EstimatingPaginator
from bench import load

pytestmark = pytest.mark.django_db
SMALL = load.Pools(sections=3, authors=4, tags=6, photos=1, photo_size=(320, 180))
FAST = 100_000  # articles a day: 25 articles within half a minute of each other
ADMIN = "/admin/articles/article/"
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's planner and its estimates"
)


def add(n, **kwargs):
    kwargs.setdefault("per_day", FAST)
    return load.load(n, pools=SMALL, **kwargs)


def sql_of(client, url, warm=True):
    """The SQL of one request of `url` (after one untimed request that fills the caches other
    parts of the site keep, unless `warm` is False)."""
    if warm:
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in captured.captured_queries]


def admin_urls():
    section = Section.objects.order_by("pk").first()
    return [ADMIN, f"{ADMIN}?section__id__exact={section.pk}", f"{ADMIN}?q=бюджет"]


def this_month():
    return timezone.localdate().replace(day=1)


# --- the loader ------------------------------------------------------------------------------


def test_the_loader_writes_articles_as_the_site_would():
    """50 articles: all live in Ukrainian, every third also in Russian and English, 8 clean
    blocks a language, and search text (and vectors) equal to what the site's indexer makes."""
    archive = add(50)
    ids = list(range(archive.first_id, archive.first_id + 50))
    assert Article.objects.count() == 50
    assert Article.objects.live("uk").count() == 50
    assert Article.objects.live("en").count() == Article.objects.live("ru").count() == 17
    for version in LanguageVersion.objects.live():
        body = Block.objects.filter(article_id=version.article_id, language=version.language)
        assert body.count() == 8
    for block in Block.objects.all():
        assert blocks.clean_text(block.kind, block.text) == block.text
        assert blocks.clean_items(block.items) == block.items
    loaded = dict(LanguageVersion.objects.values_list("pk", "search_text"))
    vectors = dict(LanguageVersion.objects.values_list("pk", "search_vector"))
    search.update_index(ids)
    assert dict(LanguageVersion.objects.values_list("pk", "search_text")) == loaded
    assert dict(LanguageVersion.objects.values_list("pk", "search_vector")) == vectors
    texts = dict(
        LanguageVersion.objects.filter(language="uk").values_list("article", "search_text")
    )
    words = [load.rare_word("uk", k) for k in range(load.N_RARE)]
    rare = next(
        word
        for word in words
        if any(word in text.lower() for text in texts.values())
        and not any(word in other for other in words + load.WORDS["uk"] if other != word)
    )
    found = [article.pk for article in search.search("uk", rare)[:50]]
    assert found == [pk for pk in reversed(ids) if rare in texts[pk].lower()]
    assert found


def test_the_loader_refuses_a_database_with_articles_unless_appending(monkeypatch):
    """Without --append it stops before writing anything to a database that has articles."""
    add(3)
    monkeypatch.setattr(sys, "argv", ["load.py", "--n", "5"])
    with pytest.raises(SystemExit):
        load.main()
    assert Article.objects.count() == 3


# --- sitemaps -------------------------------------------------------------------------------


def test_the_sitemap_index_takes_as_many_queries_for_25_articles_as_for_5(client, steady_minute):
    """Cold (nothing cached) and warm, the index costs the same whatever the archive."""
    add(5)
    cold = sql_of(client, "/sitemap.xml", warm=False)
    warm = sql_of(client, "/sitemap.xml")
    add(20)
    cache.clear()
    assert len(sql_of(client, "/sitemap.xml", warm=False)) == len(cold)
    assert len(sql_of(client, "/sitemap.xml")) == len(warm) < len(cold)


def test_a_month_sitemap_takes_one_query_whatever_the_month(client, steady_minute):
    """A page of a month's sitemap is one query, for 5 articles as for 25."""
    add(5)
    url = f"/sitemap-articles-{this_month():%Y-%m}.xml"
    few = sql_of(client, url)
    add(20)
    many = sql_of(client, url)
    assert len(many) == len(few)
    assert len([q for q in many if "articles_languageversion" in q]) == 1


def test_the_news_sitemap_takes_one_query_whatever_the_archive(client, steady_minute):
    """The news sitemap reads the last 48 hours in one query, for 5 articles as for 25."""
    add(5)
    few = sql_of(client, "/news-sitemap.xml")
    add(20)
    many = sql_of(client, "/news-sitemap.xml")
    assert len(many) == len(few)
    assert len([q for q in many if "articles_languageversion" in q]) == 1


def test_month_sitemap_pages_are_what_djangos_sitemap_view_renders(client, monkeypatch):
    """Byte for byte the page Django's view and template make of the same URLs; split into
    pages of 4, no URL is lost or repeated and each keeps all its alternates."""
    add(12, span_days=0.001)
    month = this_month()
    section = f"articles-{month:%Y-%m}"
    whole = client.get(f"/sitemap-{section}.xml")
    request = RequestFactory().get(f"/sitemap-{section}.xml")
    expected = sitemap_views.sitemap(
        request, {section: sitemaps.ArticleMonthSitemap(month)}, section=section
    )
    expected.render()
    assert whole.content == expected.content
    assert whole["Last-Modified"] == expected["Last-Modified"]
    assert whole["X-Robots-Tag"] == expected["X-Robots-Tag"]

    monkeypatch.setattr(sitemaps.ArticleMonthSitemap, "limit", 4)
    full = sitemaps.month_entries(month, 1, limit=1000)
    paged = []
    page = 1
    while client.get(f"/sitemap-{section}.xml?p={page}").status_code == 200:
        paged += sitemaps.month_entries(month, page)
        page += 1
    assert paged == full and len(full) == LanguageVersion.objects.live().count()
    assert page - 1 == -(-len(full) // 4)
    for bad in ["0", "x", "99", "9" * 30]:
        assert client.get(f"/sitemap-{section}.xml?p={bad}").status_code == 404


def test_the_index_is_what_djangos_index_view_renders(client, monkeypatch):
    """Byte for byte the index Django's view and template make of the same sitemaps (months
    over several years, several pages in some), with the same Last-Modified."""
    monkeypatch.setattr(sitemaps.ArticleMonthSitemap, "limit", 3)
    add(30, span_days=500)
    ours = client.get("/sitemap.xml")
    request = RequestFactory().get("/sitemap.xml")
    expected = sitemap_views.index(
        request, sitemaps.all_sitemaps(), sitemap_url_name="sitemap_section"
    )
    expected.render()
    assert ours.content == expected.content
    assert ours["Last-Modified"] == expected["Last-Modified"]
    assert ours.content.count(b"<sitemap>") > 12


def test_the_index_lists_each_months_pages_from_its_figures(client, monkeypatch):
    """Months before this one and this month come from two grouped queries, then from the
    cache: the index lists every page of every month; new articles show once this month's
    figures expire (after a minute)."""
    monkeypatch.setattr(sitemaps.ArticleMonthSitemap, "limit", 4)
    earlier = timezone.now().replace(day=1) - timedelta(days=40)
    add(6, end=earlier, span_days=0.01)
    add(5)
    urls = [
        line.split("<loc>")[1].split("</loc>")[0]
        for line in client.get("/sitemap.xml").content.decode().split("<sitemap>")[1:]
    ]
    months = {}
    for version in LanguageVersion.objects.live().select_related("article"):
        key = f"{timezone.localtime(version.article.publish_at):%Y-%m}"
        months[key] = months.get(key, 0) + 1
    for key, count in months.items():
        pages = [url for url in urls if f"sitemap-articles-{key}.xml" in url]
        assert len(pages) == -(-count // 4), key
    before = len(urls)
    add(8)
    assert client.get("/sitemap.xml").content.decode().count("<sitemap>") == before
    cache.delete(f"sitemap-month:{this_month():%Y-%m}")
    assert client.get("/sitemap.xml").content.decode().count("<sitemap>") > before


# --- the admin's article list ---------------------------------------------------------------


def test_the_article_list_takes_as_many_queries_for_25_articles_as_for_5(admin_client):
    """Plain, filtered by section, and searched by title: the same queries for 5 and 25."""
    add(5)
    few = [len(sql_of(admin_client, url)) for url in admin_urls()]
    add(20)
    assert [len(sql_of(admin_client, url)) for url in admin_urls()] == few


@postgres_only
def test_the_article_list_never_counts_the_whole_article_table(admin_client, monkeypatch):
    """Every COUNT over the article table stops at a LIMIT; past it the paginator takes the
    planner's estimate (the cap is 3 here, 1,000 in production)."""
    monkeypatch.setattr(EstimatingPaginator, "exact_up_to", 3)
    add(25)
    for url in admin_urls():
        queries = sql_of(admin_client, url)
        counts = [q for q in queries if "COUNT(" in q and 'FROM "articles_article"' in q]
        assert counts, url
        for query in counts:
            assert " LIMIT " in query, query
        if url == ADMIN:  # 25 rows, over the cap: estimated
            assert any(q.startswith("EXPLAIN") for q in queries)


def test_the_paginator_counts_exactly_up_to_its_cap_and_estimates_beyond(monkeypatch):
    """At or under the cap the count is exact; over it, at least cap + 1; a list estimated
    far beyond the cap (on PostgreSQL) is not counted at all."""
    add(10)
    articles = Article.objects.order_by("pk")
    assert EstimatingPaginator(articles, 100).count == 10
    monkeypatch.setattr(EstimatingPaginator, "exact_up_to", 4)
    assert EstimatingPaginator(articles, 100).count >= 5
    if connection.vendor == "postgresql":
        monkeypatch.setattr(EstimatingPaginator, "estimate_over", 0)
        with CaptureQueriesContext(connection) as captured:
            assert EstimatingPaginator(articles, 100).count >= 1
        assert [q["sql"][:7] for q in captured.captured_queries] == ["EXPLAIN"]


def test_the_date_hierarchy_finds_the_periods_a_distinct_query_finds(admin_client):
    """Years, the months of a year and the days of a month, filtered or not: the same dates as
    Django's SELECT DISTINCT, by probing the index period by period."""
    add(40, span_days=800)
    Article.objects.filter(pk__in=Article.objects.order_by("?")[:10]).update(
        deleted_at=timezone.now()
    )
    year = Article.objects.order_by("publish_at").first().publish_at
    year = timezone.localtime(year).year
    month = timezone.localtime(Article.objects.order_by("-publish_at").first().publish_at)
    for queryset, kind in [
        (Article.objects.all(), "year"),
        (Article.objects.filter(deleted_at__isnull=True), "year"),
        (Article.objects.filter(publish_at__year=year), "month"),
        (
            Article.objects.filter(publish_at__year=month.year, publish_at__month=month.month),
            "day",
        ),
    ]:
        probed = queryset._chain()
        probed.__class__ = ArticleListQuerySet
        assert probed.datetimes("publish_at", kind) == list(queryset.datetimes("publish_at", kind))
    assert admin_client.get(f"{ADMIN}?publish_at__year={year}").status_code == 200


def test_a_draft_without_publication_time_does_not_trip_the_date_hierarchy(admin_client):
    """Articles never published (no first publication) are listed and skipped by the dates."""
    add(3)
    Article.objects.create(section=Section.objects.first(), title_uk="Чернетка")
    LanguageVersion.objects.filter(status=Status.DRAFT).count()
    response = admin_client.get(ADMIN)
    assert response.status_code == 200 and "Чернетка" in response.content.decode()
