"""Edge Side Includes (pagecache/esi.py): behind Varnish the recent news sidebar is a fragment
of its own, so a publication replaces it and leaves the article pages cached; without a proxy
that assembles ESI the sidebar is inline, as it always was. And the article pages' related and
"More on" lists follow their tags rather than the language's news."""

import gzip
import http.client
import time
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import selectors, services, views
from pagecache import keys
from pagecache.purge import purge
from tests.factories import ArticleFactory, SectionFactory, TagFactory, live_article, tag_article

from .conftest import http as request
from .conftest import wait_for

ESI = {"HTTP_SURROGATE_CAPABILITY": "varnish=ESI/1.0"}
transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def surrogate_keys(response):
    return set(response["Surrogate-Key"].split())


# --- what the app sends ------------------------------------------------------------------------


@pytest.mark.django_db
def test_without_an_esi_proxy_the_sidebar_is_inline_and_the_page_follows_the_news(client):
    """No Surrogate-Capability (no proxy, or one that does not assemble ESI): the page has the
    recent news itself and carries `news-uk`, and asks nobody to assemble it."""
    story = live_article(["uk"], title_uk="Свіжа новина")
    response = client.get(story.get_absolute_url("uk"))
    text = response.content.decode()
    assert 'class="recent-news"' in text and "esi:" not in text
    assert keys.news("uk") in surrogate_keys(response)
    assert "Surrogate-Control" not in response


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["uk", "ru", "en"])
def test_behind_an_esi_proxy_the_sidebar_is_an_include_of_its_language(client, proxy, language):
    """With Surrogate-Capability the sidebar is an include of the fragment's address in the
    page's language, the page does not carry the language's news and says it needs assembly."""
    story = live_article([language])
    response = client.get(story.get_absolute_url(language), **ESI)
    text = response.content.decode()
    prefix = "" if language == "uk" else f"/{language}"
    assert f'<esi:include src="{prefix}/fragments/recent-news/"/>' in text
    assert 'class="recent-news"' not in text
    assert keys.news(language) not in surrogate_keys(response)
    assert keys.article(story.pk) in surrogate_keys(response)
    assert response["Surrogate-Control"] == 'content="ESI/1.0"'


@pytest.mark.django_db
def test_the_lists_keep_the_news_key_when_the_sidebar_is_an_include(client, proxy):
    """A list of the newest news (and search) must still be purged by a publication when its
    sidebar no longer names the language's news."""
    live_article(["uk"])
    for url in ["/news/", "/search/?q=x"]:
        response = client.get(url, **ESI)
        assert "<esi:include" in response.content.decode(), url
        assert keys.news("uk") in surrogate_keys(response), url


@pytest.mark.django_db
def test_without_a_purged_proxy_django_page_cache_or_with_a_session_the_capability_is_ignored(
    client, settings, admin_user
):
    """No proxy in CACHE_PROXIES means no Varnish in front (a client's header must not get the
    raw form into a CDN); Django's own page cache would store the raw form for requests without
    a proxy; staff pages pass the proxy: all get the sidebar inline."""
    story = live_article(["uk"])
    settings.CACHE_PROXIES = []
    response = client.get(story.get_absolute_url("uk"), **ESI)
    assert 'class="recent-news"' in response.content.decode()
    assert "esi:" not in response.content.decode() and "Surrogate-Control" not in response
    # Never purged in this test (nothing commits): any address will do.
    settings.CACHE_PROXIES = ["http://127.0.0.1:9"]
    settings.PAGE_CACHE = True
    response = client.get(story.get_absolute_url("uk"), **ESI)
    assert 'class="recent-news"' in response.content.decode()
    assert "esi:" not in response.content.decode() and "Surrogate-Control" not in response
    settings.PAGE_CACHE = False
    client.force_login(admin_user)
    response = client.get(story.get_absolute_url("uk"), **ESI)
    assert 'class="recent-news"' in response.content.decode()
    assert "Surrogate-Control" not in response


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/ru", "/en"])
def test_the_fragment_is_a_public_cacheable_address_never_indexed(client, proxy, prefix):
    """The fragment is the bare aside, cached under the language's news, kept out of search
    engines, and never an include itself even when the proxy could assemble one."""
    language = prefix.strip("/") or "uk"
    live_article([language], **{f"title_{language}": "Заголовок фрагмента"})
    response = client.get(f"{prefix}/fragments/recent-news/", **ESI)
    text = response.content.decode()
    assert response.status_code == 200
    assert text.startswith('<section class="recent-news"') and "Заголовок фрагмента" in text
    assert "<html" not in text and "esi:" not in text
    assert response["Cache-Control"].startswith("public, ")
    assert keys.news(language) in surrogate_keys(response)
    assert response["X-Robots-Tag"] == "noindex"
    assert "Surrogate-Control" not in response
    assert "fragments" not in client.get("/sitemap.xml").content.decode()


# --- related and "More on" follow the tags -----------------------------------------------------


@pytest.mark.django_db
def test_an_article_page_carries_its_tags_not_the_news(client, proxy):
    """The page's related and "More on" lists come from its tags' newest: it names the tags,
    and the language's news only through an inline sidebar."""
    tag = TagFactory()
    page = live_article(["uk"])
    tag_article(page, tag)
    tag_article(live_article(["uk"]), tag)
    response = client.get(page.get_absolute_url("uk"), **ESI)
    found = surrogate_keys(response)
    assert keys.tag(tag.pk) in found and keys.news("uk") not in found


@pytest.mark.django_db
def test_a_story_going_live_or_leaving_purges_its_tags_only(proxy, committed):
    """Publishing (and unpublishing) a story with tag T purges `tag-T` with the language's
    lists, and no other tag."""
    tag, other = TagFactory(), TagFactory()
    tag_article(live_article(["uk"]), other)
    story = ArticleFactory()
    tag_article(story, tag)
    committed(lambda: purge([]))  # what making them left pending
    proxy.purges.clear()
    committed(lambda: services.article_publish(article=story, language="uk"))
    soft = proxy.keys(hard=False)
    assert {keys.tag(tag.pk), keys.news("uk"), keys.article(story.pk)} <= soft
    assert keys.tag(other.pk) not in soft
    proxy.purges.clear()
    committed(lambda: services.article_unpublish(article=story, language="uk"))
    assert keys.tag(tag.pk) in proxy.keys(hard=False)
    assert keys.tag(other.pk) not in proxy.keys(hard=False) | proxy.keys(hard=True)


@pytest.mark.django_db
def test_a_tags_shared_list_is_rebuilt_when_a_story_of_the_tag_goes_live(committed):
    """The tag's newest (a fragment kept until one of its keys is purged) shows a story of the
    tag that went live; another tag's list is still the cached one."""
    tag, other = TagFactory(), TagFactory()
    older = live_article(["uk"], at=timezone.now() - timedelta(hours=2))
    tag_article(older, tag, other)
    story = ArticleFactory()
    tag_article(story, tag)
    committed(lambda: purge([]))  # what making them left pending
    shared = selectors.Shared()
    assert [row[0] for row in selectors.tag_pool(tag.pk, "uk", shared)] == [older.pk]
    selectors.tag_pool(other.pk, "uk", shared)
    committed(lambda: services.article_publish(article=story, language="uk"))
    shared = selectors.Shared()
    with CaptureQueriesContext(connection) as rebuilt:
        pool = selectors.tag_pool(tag.pk, "uk", shared)
    assert [row[0] for row in pool] == [story.pk, older.pk] and len(rebuilt) == 1
    with CaptureQueriesContext(connection) as kept:
        assert [row[0] for row in selectors.tag_pool(other.pk, "uk", shared)] == [older.pk]
    assert len(kept) == 0


# --- through Varnish ---------------------------------------------------------------------------


def fetch_bytes(url, headers):
    """Status, headers and the raw body (not decoded: to see what the encoding was)."""
    address = urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.request("GET", address.path, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


@pytest.fixture
def renders(monkeypatch):
    """How many article pages the app rendered (the live server runs in this process)."""
    counted = []
    real = views.article_context

    def counting(*args, **kwargs):
        counted.append(args[1].pk)
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "article_context", counting)
    return counted


@transactional
def test_a_publication_refreshes_the_sidebar_and_leaves_the_article_page_cached(varnish, renders):
    """Through Varnish the page is assembled (no `esi:` left) with the newest headline; its
    cached copy does not carry `news-uk`; a new story shows in the sidebar at once while the
    article page stays a cache hit and is not rendered again."""
    page = live_article(["uk"], title_uk="Стара новина")
    # The new story's section exists already: a new section changes every page's menu.
    elsewhere = SectionFactory()
    url = page.get_absolute_url("uk")
    first = varnish.get(url)
    assert first.status_code == 200 and "Стара новина" in first.text
    assert 'class="recent-news"' in first.text and "esi:" not in first.text
    assert first.text.count("<!doctype html>") == 1
    assert wait_for(lambda: varnish.get(url).headers["X-Cache"] == "HIT", within=3)
    # The copy in the cache is not purged by the language's news (hard: it would be gone).
    request("PURGE", varnish.url, headers={"xkey-purge": keys.news("uk")})
    assert varnish.get(url).headers["X-Cache"] == "HIT"
    rendered = len(renders)
    story = ArticleFactory(section=elsewhere, title_uk="Щойно опубліковано")
    services.article_publish(article=story, language="uk")
    assert wait_for(lambda: "Щойно опубліковано" in varnish.get(url).text, within=5)
    again = varnish.get(url)
    assert again.headers["X-Cache"] == "HIT" and "esi:" not in again.text
    assert len(renders) == rendered, "the article page was rendered again"


@transactional
def test_the_assembled_page_is_right_for_gzip_and_identity_clients(varnish):
    """The app does not compress (nginx does, in front): whatever the client accepts, Varnish
    delivers a page it can read, with the sidebar in it."""
    page = live_article(["uk"], title_uk="Стиснута новина")
    url = varnish.url + page.get_absolute_url("uk")
    for encoding in ["gzip", "identity", None]:
        headers = {"Accept-Encoding": encoding} if encoding else {}
        status, response_headers, body = fetch_bytes(url, headers)
        if response_headers.get("Content-Encoding") == "gzip":
            assert encoding == "gzip"
            body = gzip.decompress(body)
        text = body.decode()
        assert status == 200 and 'class="recent-news"' in text, encoding
        assert "Стиснута новина" in text and "esi:" not in text, encoding


def failing_fragment(real):
    """`recent_news` that fails for the fragment's own address only (the page's include is
    made as usual)."""

    def failing(language, shared=None, *, inline=False):
        if inline:
            raise RuntimeError("the sidebar is broken")
        return real(language, shared, inline=inline)

    return failing


@transactional
def test_a_failing_fragment_never_puts_an_error_page_into_the_page(varnish, monkeypatch):
    """The fragment's address answers 500 and Varnish has no copy: the article page is
    delivered whole, without the sidebar, never with the error page inside."""
    monkeypatch.setattr(views, "recent_news", failing_fragment(views.recent_news))
    page = live_article(["uk"], title_uk="Стаття без бічної колонки")
    assert varnish.get("/fragments/recent-news/").status_code == 500
    response = varnish.get(page.get_absolute_url("uk"))
    assert response.status_code == 200 and "Стаття без бічної колонки" in response.text
    assert 'class="recent-news"' not in response.text and "esi:" not in response.text
    assert response.text.count("<!doctype html>") == 1
    assert "</html>" in response.text


@transactional
def test_a_failing_fragment_is_served_from_its_stale_copy(varnish, monkeypatch):
    """The same rules as pages: a fragment past its lifetime (a story scheduled for this
    second) whose refresh fails is served from its copy (stale-if-error) inside the page, and
    one purged softly is served while its refresh fails in the background."""
    page = live_article(["uk"], title_uk="Сторінка зі старою колонкою")
    url = page.get_absolute_url("uk")
    at = (timezone.now() + timedelta(seconds=6)).replace(microsecond=0)
    services.article_publish(article=ArticleFactory(title_uk="Пізніше"), language="uk", at=at)
    assert "Сторінка зі старою колонкою" in varnish.get(url).text
    assert timezone.now() < at, "the fragment was not cached before the scheduled second"
    monkeypatch.setattr(views, "recent_news", failing_fragment(views.recent_news))
    time.sleep(max(0, (at - timezone.now()).total_seconds()) + 0.2)
    assert varnish.get("/fragments/recent-news/").headers["X-Cache"] == "HIT"  # served stale
    services.article_publish(article=ArticleFactory(title_uk="Не показана"), language="uk")
    for _ in range(3):
        response = varnish.get(url)
        assert response.status_code == 200 and 'class="recent-news"' in response.text
        assert "Сторінка зі старою колонкою" in response.text and "esi:" not in response.text
        assert "Не показана" not in response.text
