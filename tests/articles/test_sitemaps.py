"""Sitemaps, the Google News sitemap and robots.txt: live language versions only, with their
alternates, in valid XML."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import sitemaps
from tests.distribution import assert_only_live, cast  # noqa: F401  (the fixture)
from tests.factories import live_article

pytestmark = pytest.mark.django_db
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
PREFIX = {"uk": "", "ru": "/ru", "en": "/en"}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return ET.fromstring(response.content)


def article_entries(client):
    """{loc: [(hreflang, href), …]} of every article sitemap listed in the index."""
    index = parse(client, "/sitemap.xml")
    entries = {}
    for loc in index.findall("sm:sitemap/sm:loc", NS):
        if "sitemap-articles-" in loc.text:
            for url in parse(client, loc.text.removeprefix("http://testserver")).findall(
                "sm:url", NS
            ):
                entries[url.find("sm:loc", NS).text] = [
                    (link.get("hreflang"), link.get("href"))
                    for link in url.findall("xhtml:link", NS)
                ]
    return entries


def address(article, language):
    return f"http://testserver{article.get_absolute_url(language)}"


def test_the_index_lists_monthly_article_sitemaps_and_taxonomies_with_lastmod(client, cast):  # noqa: F811
    """sections, tags, authors and this month's articles, each with a lastmod."""
    index = parse(client, "/sitemap.xml")
    locations = [s.find("sm:loc", NS).text for s in index.findall("sm:sitemap", NS)]
    month = timezone.localtime().strftime("%Y-%m")
    assert locations == [
        "http://testserver/sitemap-sections.xml",
        "http://testserver/sitemap-tags.xml",
        "http://testserver/sitemap-authors.xml",
        f"http://testserver/sitemap-articles-{month}.xml",
    ]
    assert all(s.find("sm:lastmod", NS) is not None for s in index.findall("sm:sitemap", NS))


def test_article_sitemaps_list_live_versions_only_with_live_alternates(client, cast):  # noqa: F811
    """Each live language version is a URL, with alternates for exactly the languages it is
    live in and x-default; drafts, scheduled, unpublished versions are absent until their
    minute."""
    articles = cast["articles"]
    entries = article_entries(client)
    live = articles["live"]
    for code in ["uk", "ru", "en"]:
        assert entries[address(live, code)] == [
            ("uk", address(live, "uk")),
            ("ru", address(live, "ru")),
            ("en", address(live, "en")),
            ("x-default", address(live, "uk")),
        ]
        for kind in ["draft", "scheduled", "unpublished", "expired", "trashed"]:
            assert address(articles[kind], code) not in entries, (kind, code)
    elsewhere = articles["elsewhere"]
    assert entries[address(elsewhere, "uk")] == [
        ("uk", address(elsewhere, "uk")),
        ("x-default", address(elsewhere, "uk")),
    ]
    assert address(elsewhere, "en") not in entries and address(elsewhere, "ru") not in entries
    with time_machine.travel(cast["at"]):
        assert address(articles["scheduled"], "en") in article_entries(client)


def test_taxonomy_sitemaps_list_pages_in_the_languages_they_have_news_in(client, cast):  # noqa: F811
    """A tag with live news in all three languages is listed thrice with alternates; a tag
    known only from a draft is not listed at all."""
    from tests.factories import ArticleFactory, TagFactory, tag_article

    hidden = TagFactory()
    tag_article(ArticleFactory(), hidden)
    tags = parse(client, "/sitemap-tags.xml")
    locations = [u.find("sm:loc", NS).text for u in tags.findall("sm:url", NS)]
    slug = cast["tag"].slug
    assert locations == [
        f"http://testserver/tags/{slug}/",
        f"http://testserver/ru/tags/{slug}/",
        f"http://testserver/en/tags/{slug}/",
    ]
    assert not any(hidden.slug in loc for loc in locations)
    sections = parse(client, "/sitemap-sections.xml")
    assert len(sections.findall("sm:url", NS)) == 3
    authors = parse(client, "/sitemap-authors.xml")
    assert len(authors.findall("sm:url", NS)) == 3


@pytest.mark.parametrize("language", ["uk", "ru", "en"])
def test_the_news_sitemap_of_each_edition(client, cast, language):  # noqa: F811
    """Live news of this language only, with news:publication (name, language),
    news:publication_date with offset and news:title; the scheduled one from its minute."""
    url = f"{PREFIX[language]}/news-sitemap.xml"
    response = client.get(url)
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['sm']}}}urlset"
    text = response.content.decode()
    assert_only_live(text, language)
    for news in root.findall("sm:url/news:news", NS):
        assert news.find("news:publication/news:name", NS).text == "Newsroom"
        assert news.find("news:publication/news:language", NS).text == language
        date = news.find("news:publication_date", NS).text
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", date), date
    with time_machine.travel(cast["at"]):
        assert_only_live(client.get(url).content.decode(), language, scheduled_live=True)


def test_the_news_sitemap_keeps_to_48_hours_and_its_cap(client, monkeypatch):
    """An article first published 47 hours ago is in it, one of 49 hours is not; no more than
    the cap (1,000; 3 here), newest first."""
    recent = live_article(["uk"], at=timezone.now() - timedelta(hours=47))
    old = live_article(["uk"], at=timezone.now() - timedelta(hours=49))
    text = client.get("/news-sitemap.xml").content.decode()
    assert recent.get_absolute_url("uk") in text and old.get_absolute_url("uk") not in text
    assert sitemaps.NEWS_LIMIT == 1000
    monkeypatch.setattr(sitemaps, "NEWS_LIMIT", 3)
    newest = [live_article(["uk"], at=timezone.now() - timedelta(minutes=m)) for m in (1, 2, 3)]
    root = ET.fromstring(client.get("/news-sitemap.xml").content)
    locations = [loc.text for loc in root.findall("sm:url/sm:loc", NS)]
    assert locations == [address(article, "uk") for article in newest]


def test_sitemaps_cost_a_fixed_number_of_queries(client, cast):  # noqa: F811
    """The month's sitemap takes the same queries for 5 articles as for 25."""
    month = timezone.localtime().strftime("%Y-%m")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(f"/sitemap-articles-{month}.xml")
            client.get("/sitemap-tags.xml")
        return len(captured)

    # Each count is taken right after a request that filled the cache: the months' and the
    # taxonomies' figures are kept for a minute, and a slow machine may take longer than that
    # to make the twenty articles (the figures query would then count once more).
    queries()
    few = queries()
    for _ in range(20):
        live_article(["uk", "en"])
    queries()
    assert queries() == few


def test_robots_txt_points_at_the_sitemaps_and_keeps_crawlers_out_of_private_pages(client):
    """robots.txt names the index and each edition's news sitemap; the admin, the ad frames
    and search results are disallowed."""
    text = client.get("/robots.txt").content.decode()
    for line in [
        "Disallow: /admin/",
        "Disallow: /ads/",
        "Disallow: /search/",
        "Disallow: /en/search/",
        "Sitemap: http://testserver/sitemap.xml",
        "Sitemap: http://testserver/news-sitemap.xml",
        "Sitemap: http://testserver/ru/news-sitemap.xml",
        "Sitemap: http://testserver/en/news-sitemap.xml",
    ]:
        assert line in text.splitlines(), line


def test_months_are_kyiv_months(client):
    """A story first published at 00:30 Kyiv time on 1 December (still 30 November in UTC)
    is in December's sitemap, not November's."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    story = live_article(["uk"], at=datetime(2025, 12, 1, 0, 30, tzinfo=ZoneInfo("Europe/Kyiv")))
    december = client.get("/sitemap-articles-2025-12.xml").content.decode()
    assert address(story, "uk") in december
    assert client.get("/sitemap-articles-2025-11.xml").status_code == 404
