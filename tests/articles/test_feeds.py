"""RSS feeds per language: live items only, every field a reader needs, parseable by a standard
client, and 304 for a reader that already has the current version."""

import feedparser
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Block
from tests.distribution import assert_only_live, cast, title  # noqa: F401  (the fixture)
from tests.factories import PhotoFactory

pytestmark = pytest.mark.django_db
PREFIX = {"uk": "", "ru": "/ru", "en": "/en"}


def feed_urls(cast, language):  # noqa: F811
    prefix = PREFIX[language]
    return [
        f"{prefix}/rss/",
        f"{prefix}/rss/full/",
        f"{prefix}/rss/sections/{cast['section'].slug}/",
        f"{prefix}/rss/tags/{cast['tag'].slug}/",
        f"{prefix}/rss/authors/{cast['author'].slug}/full/",
    ]


@pytest.mark.parametrize("language", ["uk", "ru", "en"])
def test_every_feed_carries_live_items_only_until_the_scheduled_minute(client, cast, language):  # noqa: F811
    """Each feed of each language lists the live article and no draft, scheduled, unpublished
    or other-language one; at the scheduled minute the scheduled one joins."""
    for url in feed_urls(cast, language):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/rss+xml")
        assert_only_live(response.content.decode(), language)
    with time_machine.travel(cast["at"]):
        for url in feed_urls(cast, language):
            assert_only_live(client.get(url).content.decode(), language, scheduled_live=True)


@pytest.mark.parametrize("language", ["uk", "en"])
def test_a_standard_client_reads_every_field(client, cast, language):  # noqa: F811
    """feedparser reads the feed without complaint (bozo 0), with title, link, lead,
    author, tags, date, image and — in the full feed — the text."""
    live = cast["articles"]["live"]
    live.hero_photo = PhotoFactory()
    live.save()
    Block.objects.create(
        article=live, language=language, kind="paragraph", text="<p>Full <b>text</b>.</p>"
    )
    for url, full in [(f"{PREFIX[language]}/rss/", False), (f"{PREFIX[language]}/rss/full/", True)]:
        parsed = feedparser.parse(client.get(url).content)
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        assert parsed.feed.language == language
        item = next(e for e in parsed.entries if e.title == title("live", language))
        assert item.link == f"http://testserver{live.get_absolute_url(language)}"
        assert item.summary == f"Lead of live in {language}."
        assert item.author == getattr(cast["author"], f"name_{language}")
        assert [t.term for t in item.tags] == [getattr(cast["tag"], f"name_{language}")]
        assert item.published_parsed is not None
        assert item.media_content[0]["url"].startswith("http://testserver/media/")
        assert item.media_content[0]["medium"] == "image"
        if full:
            assert "Full <b>text</b>." in item.content[0].value
        else:
            assert "content" not in item


def test_full_text_addresses_are_absolute(client, cast):  # noqa: F811
    """Links and images inside content:encoded point at the site, not at the reader's app."""
    live = cast["articles"]["live"]
    Block.objects.create(article=live, language="uk", kind="photo", photo=PhotoFactory())
    entries = feedparser.parse(client.get("/rss/full/").content).entries
    item = next(e for e in entries if e.title == title("live", "uk"))
    text = item.content[0].value
    assert 'src="http://testserver/media/' in text
    assert 'src="/' not in text and ", /media" not in text


def test_a_repeat_request_with_the_etag_gets_304_until_anything_changes(client, cast):  # noqa: F811
    """The ETag comes back as 304 with no body; a scheduled story going live, a story taken
    to the trash and a renamed tag each give a new feed. A client with only If-Modified-Since
    gets the feed (no 304 could be trusted after a removal)."""
    from articles import services

    def etag_now(etag):
        response = client.get("/rss/", headers={"If-None-Match": etag})
        return response.status_code, response.get("ETag")

    first = client.get("/rss/")
    etag = first["ETag"]
    assert first["Last-Modified"]
    again = client.get("/rss/", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert (
        client.get("/rss/", headers={"If-Modified-Since": first["Last-Modified"]}).status_code
        == 200
    )
    with time_machine.travel(cast["at"]):
        status, etag_live = etag_now(etag)
        assert status == 200 and etag_live != etag
    services.article_trash(article=cast["articles"]["live"], by=None)
    status, etag_trash = etag_now(etag)
    assert status == 200 and etag_trash != etag
    assert etag_now(etag_trash)[0] == 304
    cast["tag"].name_uk = "Перейменований тег"
    cast["tag"].save()
    assert etag_now(etag_trash)[0] == 200


def test_control_characters_pasted_into_a_title_do_not_break_the_feeds(client, cast):  # noqa: F811
    """A vertical tab from a word processor is dropped from feeds and the news sitemap."""
    import xml.etree.ElementTree as ET

    live = cast["articles"]["live"]
    live.title_uk = "Zorya live uk\x0bheadline"
    live.lead_uk = "Lead\x0c with a form feed."
    live.save()
    feed = client.get("/rss/full/")
    assert feed.status_code == 200
    parsed = feedparser.parse(feed.content)
    assert parsed.bozo == 0
    assert "Zorya live ukheadline" in [entry.title for entry in parsed.entries]
    ET.fromstring(client.get("/news-sitemap.xml").content)  # well-formed


def test_feeds_cost_a_fixed_number_of_queries(client, cast, steady_minute):  # noqa: F811
    """A full feed takes the same queries for 2 items as for 12."""

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/rss/full/").status_code == 200
        return len(captured)

    queries()  # the next scheduled change (a cache lifetime limit) is read once a minute
    few = queries()
    from tests.factories import live_article, sign, tag_article

    for _ in range(10):
        article = live_article(["uk"], hero_photo=PhotoFactory())
        sign(article, cast["author"])
        tag_article(article, cast["tag"])
    assert queries() == few


def test_feeds_of_unknown_or_empty_tags_and_authors_are_404(client, cast):  # noqa: F811
    """No feed for a made-up section, nor for a tag or author with nothing live here."""
    from tests.factories import TagFactory

    assert client.get("/rss/sections/no-such-section/").status_code == 404
    assert client.get(f"/rss/tags/{TagFactory().slug}/").status_code == 404


def test_pages_announce_their_feeds(client, cast):  # noqa: F811
    """Every page links the news feed; section, tag and author pages their own too."""
    home = client.get("/en/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in home and "/en/rss/" in home
    section = client.get(f"/sections/{cast['section'].slug}/").content.decode()
    assert f'href="/rss/sections/{cast["section"].slug}/"' in section
    tag = client.get(f"/tags/{cast['tag'].slug}/").content.decode()
    assert f'href="/rss/tags/{cast["tag"].slug}/"' in tag
    author = client.get(f"/authors/{cast['author'].slug}/").content.decode()
    assert f'href="/rss/authors/{cast["author"].slug}/"' in author
