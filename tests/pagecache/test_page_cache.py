"""Django's own page cache, for a site without a proxy: anonymous pages from the shared cache,
purged by the same keys, refreshed by one request while the others get the previous copy."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import services
from tests.factories import ArticleFactory, live_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.CACHE_PROXIES = []
    settings.CACHE_WAIT_SECONDS = 0.3


def page_name(url):
    """The cache name of the page at `url`."""
    import hashlib

    from django.test import RequestFactory

    from pagecache.middleware import page_address

    return "pc:p:" + hashlib.sha1(page_address(RequestFactory().get(url)).encode()).hexdigest()


def lock_of(client, url):
    """Take the refresh lock of `url` as another request rendering it would."""
    assert cache.add(f"{page_name(url)}:lock", 1, 30)


def test_a_second_reader_gets_the_page_from_the_cache_with_no_query(client):
    """The first anonymous request renders and stores; the next costs no database query."""
    story = live_article(["uk"], title_uk="Перша новина")
    first = client.get("/")
    assert first["X-Cache"] == "MISS"
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/")
    assert second["X-Cache"] == "HIT" and len(queries) == 0
    assert second.content == first.content and "Перша новина" in second.content.decode()
    assert second["Cache-Control"] == first["Cache-Control"]
    assert second["Surrogate-Key"] == first["Surrogate-Key"]
    assert f"article-{story.pk}" in second["Surrogate-Key"]


def test_a_publication_replaces_the_cached_page(client, committed):
    """After a story goes live, the next reader renders the page anew with it."""
    live_article(["uk"])
    client.get("/")
    article = ArticleFactory(title_uk="Щойно опубліковано")
    committed(lambda: services.article_publish(article=article, language="uk"))
    response = client.get("/")
    assert response["X-Cache"] == "MISS"
    assert "Щойно опубліковано" in response.content.decode()
    assert client.get("/")["X-Cache"] == "HIT"


def test_during_a_refresh_the_other_readers_get_the_previous_copy(client, committed):
    """No stampede: while one request re-renders a softly purged page, the others are served
    the copy they would have got a moment before."""
    live_article(["uk"], title_uk="Стара новина")
    client.get("/")
    article = ArticleFactory(title_uk="Нова новина")
    committed(lambda: services.article_publish(article=article, language="uk"))
    lock_of(client, "/")  # another request is re-rendering the home page
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response["X-Cache"] == "STALE" and len(queries) == 0
    assert "Стара новина" in response.content.decode()


def test_a_story_that_left_is_never_served_from_the_cache(client, committed):
    """A hard purge (unpublished) drops every copy showing it: even while another request
    refreshes the page, nobody is served the copy with the story."""
    story = live_article(["uk"], title_uk="Знята новина")
    client.get("/")
    client.get(story.get_absolute_url("uk"))
    committed(lambda: services.article_unpublish(article=story, language="uk"))
    lock_of(client, "/")
    response = client.get("/")
    assert response["X-Cache"] == "MISS" and "Знята новина" not in response.content.decode()
    assert client.get(story.get_absolute_url("uk")).status_code == 404


def test_a_scheduled_story_appears_on_its_minute_without_any_purge(client):
    """The cached copy ends at the scheduled minute, and is not served stale after it."""
    now = timezone.now().replace(microsecond=0)
    at = now + timedelta(minutes=3)
    live_article(["uk"])
    services.article_publish(article=ArticleFactory(title_uk="За розкладом"), language="uk", at=at)
    with time_machine.travel(now, tick=False):
        assert "За розкладом" not in client.get("/").content.decode()
        assert client.get("/")["X-Cache"] == "HIT"
    with time_machine.travel(at, tick=False):
        lock_of(client, "/")  # even with a refresh under way elsewhere
        response = client.get("/")
        assert response["X-Cache"] == "MISS" and "За розкладом" in response.content.decode()


def test_a_page_past_its_lifetime_is_refreshed_by_one_request(client, settings):
    """Within stale-while-revalidate after its lifetime, readers get the copy while one
    request refreshes it; past that window they wait for a new one."""
    settings.CACHE_SECONDS, settings.CACHE_STALE_SECONDS = 60, 30
    live_article(["uk"])
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        client.get("/news/")
    with time_machine.travel(now + timedelta(seconds=75), tick=False):
        lock_of(client, "/news/")
        assert client.get("/news/")["X-Cache"] == "STALE"
    with time_machine.travel(now + timedelta(seconds=95), tick=False):
        assert client.get("/news/")["X-Cache"] == "MISS"


def test_the_previous_copy_is_served_when_rendering_fails(client, committed, monkeypatch):
    """stale-if-error: a database outage during a refresh gives readers the last good page,
    not an error."""
    live_article(["uk"], title_uk="Остання добра")
    client.get("/news/")
    committed(lambda: live_article(["uk"]))  # purged softly: the next request re-renders

    def broken(*args, **kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr("articles.views.paginate", broken)
    client.raise_request_exception = False
    response = client.get("/news/")
    assert response.status_code == 200 and response["X-Cache"] == "STALE-IF-ERROR"
    assert "Остання добра" in response.content.decode()


def test_staff_are_never_served_nor_stored(client, admin_user):
    """A logged-in editor gets a fresh page and leaves nothing in the cache."""
    live_article(["uk"])
    client.force_login(admin_user)
    assert "X-Cache" not in client.get("/")
    client.logout()
    client.cookies.clear()
    assert client.get("/")["X-Cache"] == "MISS"


def test_conditional_requests_get_304_from_the_cache(client):
    """A feed reader sending back the ETag gets 304 from the cached copy."""
    live_article(["uk"])
    first = client.get("/rss/")
    again = client.get("/rss/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_a_head_request_is_answered_from_the_cached_copy_without_a_body(client):
    """HEAD uses the GET's copy."""
    live_article(["uk"])
    client.get("/")
    response = client.head("/")
    assert response["X-Cache"] == "HIT" and response.content == b""


def test_a_reader_waits_for_the_page_another_request_is_rendering(client, committed, settings):
    """No stampede after a hard purge either: while one request renders a page nobody may get
    stale, the others wait for it instead of rendering it too."""
    import threading

    from pagecache import store

    settings.CACHE_WAIT_SECONDS = 3
    story = live_article(["uk"], title_uk="Знята новина")
    client.get("/")
    committed(lambda: services.article_unpublish(article=story, language="uk"))
    lock_of(client, "/")  # another request is rendering the home page
    name = page_name("/")

    def the_other_request_stores_its_page():
        clock = store.now()
        headers = [("Content-Type", "text/html"), ("Cache-Control", "public, max-age=30")]
        page = (200, headers, "Сторінка без знятої новини".encode())
        now = __import__("time").time()
        extra = {"stored": now, "fresh_until": now + 60, "stale_until": now + 60}
        extra["error_until"] = now + 60
        store.store(name, store.Entry(page, frozenset({"all"}), clock, extra), 60)

    threading.Timer(0.3, the_other_request_stores_its_page).start()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response["X-Cache"] == "HIT" and len(queries) == 0
    assert "Сторінка без знятої новини" in response.content.decode()


def test_a_page_rendered_while_what_it_shows_was_purged_is_kept_nowhere(client, monkeypatch):
    """A purge that lands during the rendering (the data read may predate it): the reader gets
    the page, no cache keeps it."""
    from articles import views
    from pagecache import store

    live_article(["uk"])
    original = views.recent_news

    def purged_meanwhile(language):
        items = original(language)
        store.invalidate(["news-uk"], hard=True)  # an unpublication commits now
        return items

    monkeypatch.setattr(views, "recent_news", purged_meanwhile)
    response = client.get("/news/")
    assert "s-maxage=0" in response.get("Cache-Control") or "max-age=0" in response["Cache-Control"]
    assert "X-Cache" not in response
    monkeypatch.undo()
    assert client.get("/news/")["X-Cache"] == "MISS"


def test_a_page_rendered_while_what_it_shows_changed_is_kept_as_a_stale_copy(client, monkeypatch):
    """A soft purge during the rendering (an edit, a story going live): the page is no older
    than a softly purged copy, so caches keep it as one — served while one request renders the
    page again — instead of not at all, which left a page purged every second uncached."""
    from articles import views
    from pagecache import store

    live_article(["uk"], title_uk="Перша новина")
    client.get("/news/")
    live_article(["uk"], title_uk="Друга новина")
    store.invalidate(["news-uk"])  # its publication
    original = views.recent_news

    def changed_meanwhile(*args, **kwargs):
        items = original(*args, **kwargs)
        store.invalidate(["news-uk"])  # a third story goes live and commits now
        return items

    monkeypatch.setattr(views, "recent_news", changed_meanwhile)
    response = client.get("/news/")
    assert response["X-Cache"] == "MISS"  # kept, as a copy that is stale already
    assert response["Cache-Control"] == "public, max-age=0"  # browsers: not at all
    monkeypatch.undo()
    lock_of(client, "/news/")  # another request is rendering it again
    with CaptureQueriesContext(connection) as queries:
        meanwhile = client.get("/news/")
    assert meanwhile["X-Cache"] == "STALE" and len(queries) == 0
    assert "Друга новина" in meanwhile.content.decode()  # the copy rendered during the purge


def test_conditional_requests_fill_the_cache_too(client, committed):
    """Feed readers mostly ask with If-None-Match: after a purge such a request renders the
    whole feed once, stores it and answers 304; the next reader gets it from the cache."""
    live_article(["uk"])
    etag = client.get("/rss/")["ETag"]
    committed(lambda: live_article(["en"]))  # a purge of what every feed carries (schedule)
    again = client.get("/rss/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code in {200, 304}
    assert client.get("/rss/")["X-Cache"] == "HIT"


def test_tracking_parameters_share_one_copy(client):
    """/?utm_source=… and /?fbclid=… are the home page: one cached copy."""
    live_article(["uk"])
    client.get("/")
    assert client.get("/?utm_source=telegram&fbclid=abc")["X-Cache"] == "HIT"
    assert client.get("/news/?page=1")["X-Cache"] == "MISS"  # a real parameter is not ignored


def test_readers_are_told_only_the_browser_lifetime(client):
    """This cache is the shared one: what stands behind it (a CDN, a corporate proxy) cannot be
    purged, so it is given max-age alone."""
    live_article(["uk"])
    for response in (client.get("/"), client.get("/")):
        assert response["Cache-Control"] == "public, max-age=30", response["X-Cache"]


def test_the_api_is_cached_once_for_every_origin(client):
    """CORS: `*` for every request, so a copy stored for one origin (or none) serves all."""
    live_article(["en"])
    client.get("/api/v1/articles?language=en")
    response = client.get("/api/v1/articles?language=en", HTTP_ORIGIN="https://partner.example")
    assert response["X-Cache"] == "HIT"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "origin" not in response.get("Vary", "").lower()
