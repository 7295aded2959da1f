"""The public side of a live story: its page, the updates fragment, structured data, feeds, the
news sitemap and the "Live" mark in lists."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from liveblog import services
from liveblog.models import LiveUpdate
from tests.factories import (
    AuthorFactory,
    LiveUpdateBlockFactory,
    LiveUpdateFactory,
    PhotoFactory,
    live_article,
    live_story,
)

pytestmark = pytest.mark.django_db
TELEGRAM_POST = "https://t.me/newsroom/12"


def structured(page: str) -> list[dict]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return [json.loads(text) for text in found]


def posting(page: str) -> dict:
    return next(d for d in structured(page) if d["@type"] in ("NewsArticle", "LiveBlogPosting"))


@pytest.fixture
def story():
    article = live_story(["uk", "en"], title_uk="Буря на заході", lead_uk="Головне за день.")
    now = timezone.now()
    for minutes, text in [(50, "Перше"), (30, "Друге"), (10, "Третє")]:
        LiveUpdateFactory(article=article, publish_at=now - timedelta(minutes=minutes), text=text)
    return article


def test_the_page_shows_the_lead_the_pinned_entry_then_updates_newest_first(client, story):
    """Summary, then the pinned update, then the others newest first, each with its anchor."""
    pinned = LiveUpdateFactory(
        article=story,
        headline="Головне на цю хвилину",
        text="<p>Підсумок.</p>",
        publish_at=timezone.now() - timedelta(minutes=60),
        pinned=True,
    )
    page = client.get(story.get_absolute_url("uk")).content.decode()
    page = page[page.index("<main") :]  # not the structured data in the head
    lead, top, third, second, first = (
        page.index(text)
        for text in ['class="lead">Головне за день.', "Підсумок.", "Третє", "Друге", "Перше"]
    )
    assert lead < top < third < second < first
    assert f'id="update-{pinned.pk}"' in page and page.count(f'id="update-{pinned.pk}"') == 1
    for update in LiveUpdate.objects.filter(article=story):
        assert f'href="#update-{update.pk}"' in page
    assert 'class="flag flag-live"' in page and "data-live-poll=" in page


def test_update_times_are_kyiv_times(client, story):
    """An update at 09:05 UTC in winter shows 11:05, Kyiv time."""
    at = datetime(2024, 1, 15, 9, 5, tzinfo=UTC)
    update = LiveUpdateFactory(article=story, publish_at=at, text="Ранкове")
    page = client.get(story.get_absolute_url("uk")).content.decode()
    block = page[page.index(f'id="update-{update.pk}"') :]
    assert "11:05" in block[:600]


def test_each_language_has_its_own_updates(client, story):
    """An English update is on the English page only."""
    LiveUpdateFactory(article=story, language="en", text="English only")
    assert "English only" in client.get(story.get_absolute_url("en")).content.decode()
    assert "English only" not in client.get(story.get_absolute_url("uk")).content.decode()
    assert "Перше" not in client.get(story.get_absolute_url("en")).content.decode()


def test_long_days_are_paged_with_an_older_updates_link(client, story):
    """More than 20 updates: page 1 has the newest 20 and a link to the older ones, which work
    without scripts; a page past the end is a 404."""
    now = timezone.now()
    for index in range(25):
        LiveUpdateFactory(
            article=story, publish_at=now - timedelta(hours=2, minutes=index), text=f"Старе {index}"
        )
    url = story.get_absolute_url("uk")
    first = client.get(url).content.decode()
    assert "Старе 16" in first and "Старе 17" not in first
    assert 'href="?page=2#live-updates"' in first
    second = client.get(url + "?page=2").content.decode()
    assert "Старе 17" in second and "Старе 24" in second and "Третє" not in second
    assert "data-live-poll" not in second  # older pages do not poll
    assert client.get(url + "?page=9").status_code == 404


def test_page_queries_do_not_grow_with_updates(client, steady_minute):
    """A live story with one update and one with 20 updates (photos, authors) cost the same
    number of queries."""
    small, big = live_story(["uk"]), live_story(["uk"])
    LiveUpdateFactory(article=small)
    for index in range(20):
        update = LiveUpdateFactory(article=big, author=AuthorFactory())
        if index % 5 == 0:
            LiveUpdateBlockFactory(update=update, kind="photo", text="", photo=PhotoFactory())
        if index % 7 == 0:
            LiveUpdateBlockFactory(update=update, kind="embed", text="", url=TELEGRAM_POST)
    LiveUpdateFactory(article=big, pinned=True)

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert count(big.get_absolute_url("uk")) == count(small.get_absolute_url("uk"))


def test_an_ordinary_article_costs_no_query_for_live_coverage(client, steady_minute):
    """The coverage comes with the article's own query: an ordinary article pays nothing."""
    article = live_article(["uk"])
    client.get(article.get_absolute_url("uk"))
    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url("uk"))
    assert not [q for q in queries if 'FROM "liveblog_' in q["sql"]]


def test_structured_data_is_a_live_blog_posting(client, story):
    """LiveBlogPosting with its coverage start and every update as a BlogPosting with an
    anchor; no end while it is on."""
    page = client.get(story.get_absolute_url("uk")).content.decode()
    data = posting(page)
    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageStartTime"] and "coverageEndTime" not in data
    updates = data["liveBlogUpdate"]
    assert [u["articleBody"] for u in updates] == ["Третє", "Друге", "Перше"]
    assert all(u["@type"] == "BlogPosting" and "#update-" in u["url"] for u in updates)
    assert data["headline"] == "Буря на заході"


def test_an_ordinary_article_stays_a_news_article(client):
    """No coverage: NewsArticle, as before."""
    article = live_article(["uk"])
    assert posting(client.get(article.get_absolute_url("uk")).content.decode())["@type"] == (
        "NewsArticle"
    )


def test_ending_the_coverage_keeps_the_updates_without_badge_or_polling(client, story):
    """An ended story: updates still shown, no "Live" mark, no script, coverageEndTime set."""
    services.coverage_end(article=story)
    page = client.get(story.get_absolute_url("uk")).content.decode()
    assert "Перше" in page and "Третє" in page
    assert "flag-live" not in page and "data-live-poll" not in page and "live.js" not in page
    assert "coverageEndTime" in posting(page)
    fragment = client.get(f"/news/{story.pk}/live-updates/").json()
    assert fragment["on"] is False


def test_the_fragment_lists_the_newest_updates(client, story):
    """The script's fragment: newest first, each with id, version, time and its HTML."""
    response = client.get(f"/news/{story.pk}/live-updates/")
    assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex"
    data = response.json()
    assert data["on"] is True and data["pinned"] is None
    assert [entry["html"].count("Третє") for entry in data["updates"]][0] == 1
    assert [u["id"] for u in data["updates"]] == list(
        LiveUpdate.objects.filter(article=story)
        .order_by("-publish_at")
        .values_list("id", flat=True)
    )
    english = client.get(f"/en/news/{story.pk}/live-updates/").json()
    assert english["updates"] == []


def test_the_fragment_is_404_for_an_ordinary_or_unpublished_article(client):
    """Only a live story live in the language has a fragment."""
    assert client.get(f"/news/{live_article(['uk']).pk}/live-updates/").status_code == 404
    story = live_story(["uk"])
    assert client.get(f"/en/news/{story.pk}/live-updates/").status_code == 404
    assert client.get("/news/99999999/live-updates/").status_code == 404


def test_lists_mark_live_stories_without_a_query_per_item(client, steady_minute):
    """Home and the news list mark a live story "Live"; an ended one is not marked, and the
    count of queries does not depend on how many are live."""
    story = live_story(["uk"], title_uk="Жива історія")
    live_article(["uk"], title_uk="Звичайна новина")
    page = client.get("/news/").content.decode()
    item = page[page.index("Жива історія") - 200 : page.index("Жива історія")]
    assert "flag-live" in item
    plain = page[page.index("Звичайна новина") - 200 : page.index("Звичайна новина")]
    assert "flag-live" not in plain
    client.get("/news/")
    with CaptureQueriesContext(connection) as before:
        client.get("/news/")
    for _ in range(3):
        live_story(["uk"])
    client.get("/news/")
    with CaptureQueriesContext(connection) as after:
        client.get("/news/")
    assert len(after) == len(before)
    services.coverage_end(article=story)
    page = client.get("/news/").content.decode()
    assert "flag-live" not in page[page.index("Жива історія") - 200 : page.index("Жива історія")]


def test_feeds_give_a_live_story_its_last_update_time(client, story):
    """RSS: <atom:updated> is the newest update's time; the full-text feed has the updates."""
    newest = LiveUpdate.objects.filter(article=story, language="uk").latest("publish_at")
    feed = client.get("/rss/").content.decode()
    item = feed[feed.index("Буря на заході") :]
    item = item[: item.index("</item>")]
    stamp = re.search(r"<atom:updated>(.*?)</atom:updated>", item).group(1)
    assert datetime.fromisoformat(stamp) == newest.publish_at
    full = client.get("/rss/full/").content.decode()
    assert "Третє" in full and f"#update-{newest.pk}" in full


def test_the_full_text_feed_reads_only_a_page_of_each_storys_updates(client, story):
    """A long day's updates: the feed shows the newest twenty, and its query reads no more than
    twenty per story (not every update of the day)."""
    now = timezone.now()
    LiveUpdateFactory.create_batch(
        30, article=story, language="uk", publish_at=now - timedelta(minutes=30)
    )
    newest = LiveUpdate.objects.filter(article=story, language="uk").latest("publish_at", "id")
    with CaptureQueriesContext(connection) as queries:
        full = client.get("/rss/full/").content.decode()
    assert full.count('class="live-update"') == 20 and f"#update-{newest.pk}" in full
    [read] = [
        q["sql"]
        for q in queries.captured_queries
        if "liveblog_liveupdate" in q["sql"] and "ROW_NUMBER" in q["sql"].upper()
    ]
    assert "20" in read


def test_the_news_sitemap_gives_a_live_story_its_last_update_time(client, story):
    """<lastmod> of a live story in the Google News sitemap: its newest update."""
    newest = LiveUpdate.objects.filter(article=story, language="uk").latest("publish_at")
    sitemap = client.get("/news-sitemap.xml").content.decode()
    assert f"<lastmod>{timezone.localtime(newest.publish_at).isoformat()}" in sitemap or (
        timezone.localtime(newest.publish_at).strftime("%Y-%m-%dT%H:%M") in sitemap
    )
    plain = live_article(["uk"])
    sitemap = client.get("/news-sitemap.xml").content.decode()
    entry = sitemap[sitemap.index(plain.get_absolute_url("uk")) :]
    assert "<lastmod>" not in entry[: entry.index("</url>")]


def test_update_text_is_sanitised(client, story):
    """Scripts and styles typed or imported into an update never reach the page."""
    LiveUpdateFactory(
        article=story, text='<p onclick="x()">Так<script>alert(1)</script><b>жирно</b></p>'
    )
    page = client.get(story.get_absolute_url("uk")).content.decode()
    assert "alert(1)" not in page and "onclick" not in page and "<b>жирно</b>" in page


def test_live_pages_are_valid_html(client, tmp_path):
    """The Nu checker finds no error on a live page (pinned entry, headline, photo, embed, older
    updates link), its second page and an ended one."""
    from tests.htmlcheck import html_errors

    story = live_story(["uk"], title_uk="Жива сторінка", lead_uk="Лід.")
    now = timezone.now()
    LiveUpdateFactory(article=story, pinned=True, headline="Головне", text="<ul><li>а</li></ul>")
    photo = LiveUpdateFactory(article=story, headline="Фото", author=AuthorFactory())
    LiveUpdateBlockFactory(update=photo, kind="photo", text="", photo=PhotoFactory())
    embed = LiveUpdateFactory(article=story, text="")
    LiveUpdateBlockFactory(update=embed, kind="embed", text="", url=TELEGRAM_POST)
    LiveUpdateBlockFactory(update=embed, kind="quote", text="Так.", attribution="Хтось")
    LiveUpdateBlockFactory(update=embed, kind="background", text="", items="Раз\nДва")
    LiveUpdateBlockFactory(update=embed, kind="read_also", text="", link_article=live_article())
    for index in range(22):
        LiveUpdateFactory(article=story, publish_at=now - timedelta(days=1, minutes=index))
    url = story.get_absolute_url("uk")
    pages = {"live": client.get(url).content.decode()}
    pages["older"] = client.get(url + "?page=2").content.decode()
    services.coverage_end(article=story)
    pages["ended"] = client.get(url).content.decode()
    assert html_errors(pages, tmp_path) == []
