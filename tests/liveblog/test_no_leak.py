"""No leak, no miss, for live updates: a draft or scheduled update is on no public channel (the
page, the fragment, the feeds, the news sitemap, structured data, the API, search) until its
minute, and appears at its minute even through the page cache."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from liveblog import services
from pagecache import schedule
from pagecache.middleware import lifetimes
from tests.factories import LiveUpdateFactory, live_story

pytestmark = pytest.mark.django_db
SECRET = "Таємне оновлення о 15:20"


@pytest.fixture
def story():
    article = live_story(["uk"], title_uk="Жива історія")
    LiveUpdateFactory(article=article, text="<p>Відкрите оновлення.</p>")
    return article


def channels(story):
    return [
        story.get_absolute_url("uk"),
        f"/news/{story.pk}/live-updates/",
        "/rss/",
        "/rss/full/",
        "/news-sitemap.xml",
        f"/api/v1/articles/{story.pk}?language=uk",
        "/search/?q=Таємне",
        "/",
    ]


def text_of(response) -> str:
    """The response as text, JSON with its non-ASCII characters as they are (not escaped)."""
    if response["Content-Type"].startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def assert_nowhere(client, story, text):
    for url in channels(story):
        response = client.get(url)
        assert response.status_code == 200, url
        assert text not in text_of(response), url


def test_a_draft_update_is_nowhere(client, story):
    """A draft, also pinned, is on no public channel."""
    LiveUpdateFactory(article=story, status="draft", publish_at=None, text=SECRET, pinned=True)
    assert_nowhere(client, story, SECRET)


def test_an_unpublished_update_is_nowhere(client, story):
    """Taken off the page, it is gone from every channel."""
    update = LiveUpdateFactory(article=story, text=SECRET)
    assert SECRET in client.get(story.get_absolute_url("uk")).content.decode()
    services.update_unpublish(update=update)
    assert_nowhere(client, story, SECRET)


def test_a_scheduled_update_is_nowhere_before_its_minute_and_everywhere_from_it(client, story):
    """Scheduled: absent before its minute, on the page and in the fragment from it."""
    at = (timezone.now() + timedelta(hours=1)).replace(second=0, microsecond=0)
    services.update_create(article=story, language="uk", text=SECRET, at=at)
    with time_machine.travel(at - timedelta(seconds=1)):
        assert_nowhere(client, story, SECRET)
    with time_machine.travel(at):
        assert SECRET in client.get(story.get_absolute_url("uk")).content.decode()
        assert SECRET in text_of(client.get(f"/news/{story.pk}/live-updates/"))
        assert SECRET in client.get("/rss/full/").content.decode()


def test_a_draft_updates_time_is_not_in_the_sitemap_or_feed(client, story):
    """The last update time given to feeds and the sitemap counts live updates only."""
    future = timezone.now() + timedelta(hours=3)
    LiveUpdateFactory(article=story, publish_at=future, text=SECRET)
    stamp = timezone.localtime(future).strftime("%Y-%m-%dT%H:%M")
    assert stamp not in client.get("/news-sitemap.xml").content.decode()
    assert future.strftime("%Y-%m-%dT%H:%M") not in client.get("/rss/").content.decode()


def test_updates_of_a_story_not_live_in_the_language_are_nowhere(client):
    """A published update on an article whose version is still a draft: no page, no fragment."""
    story = live_story(["uk"])
    LiveUpdateFactory(article=story, language="en", text="Hidden English")
    assert client.get(story.get_absolute_url("en")).status_code == 404
    assert client.get(f"/en/news/{story.pk}/live-updates/").status_code == 404
    assert "Hidden English" not in client.get("/en/rss/full/").content.decode()


def test_the_cache_lifetime_is_capped_by_the_next_scheduled_update(story):
    """An update scheduled in five minutes caps every cached page's lifetime at it."""
    now = timezone.now().replace(microsecond=0)
    cache.clear()
    LiveUpdateFactory(article=story, publish_at=now + timedelta(minutes=5), text=SECRET)
    with time_machine.travel(now, tick=False):
        assert schedule.moments(now)["change"] == now + timedelta(minutes=5)
        assert lifetimes(200, now, now)["s-maxage"] == 300


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.CACHE_PROXIES = []
    settings.CACHE_WAIT_SECONDS = 0.3


def test_a_scheduled_update_appears_through_the_page_cache_on_its_minute(client, story, page_cache):
    """Cached before its minute, the page and the fragment are rendered anew at it, without any
    purge or job."""
    now = timezone.now().replace(microsecond=0)
    at = now + timedelta(minutes=3)
    services.update_create(article=story, language="uk", text=SECRET, at=at)
    urls = [story.get_absolute_url("uk"), f"/news/{story.pk}/live-updates/"]
    with time_machine.travel(now, tick=False):
        for url in urls:
            assert SECRET not in text_of(client.get(url))
            assert client.get(url)["X-Cache"] == "HIT"
    with time_machine.travel(at, tick=False):
        for url in urls:
            response = client.get(url)
            assert response["X-Cache"] == "MISS" and SECRET in text_of(response)
