"""A live story's cached page and fragment are purged by each update that appears, changes or
leaves (through pagecache: Django's cache and the proxies), and by nothing readers cannot see."""

import pytest

from liveblog import services
from tests.factories import LiveUpdateFactory, live_story
from tests.pagecache.test_page_cache import lock_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.CACHE_PROXIES = []
    settings.CACHE_WAIT_SECONDS = 0.3


@pytest.fixture
def story():
    article = live_story(["uk"])
    LiveUpdateFactory(article=article, text="<p>Перше оновлення.</p>")
    return article


def urls(story):
    return [story.get_absolute_url("uk"), f"/news/{story.pk}/live-updates/"]


def cached(client, story):
    for url in urls(story):
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT", url


def test_a_new_update_replaces_the_cached_page_and_fragment(client, story, committed):
    """Published: the next reader of the page and of the fragment gets it."""
    cached(client, story)
    committed(lambda: services.update_create(article=story, language="uk", text="<p>Свіже.</p>"))
    for url in urls(story):
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
        assert "Свіже." in response.content.decode(), url


def test_an_edit_replaces_the_cached_page(client, story, committed):
    """Edited: softly purged, the next rendering has the new text."""
    update = story.live_updates.get()
    cached(client, story)
    committed(lambda: services.update_edit(update=update, text="<p>Виправлено.</p>"))
    assert "Виправлено." in client.get(story.get_absolute_url("uk")).content.decode()


@pytest.mark.parametrize("how", ["unpublish", "delete"])
def test_an_update_that_left_is_never_served_from_the_cache(client, story, committed, how):
    """Unpublished or deleted: a hard purge, so even while another request re-renders the page
    nobody gets the copy with it."""
    update = LiveUpdateFactory(article=story, text="<p>Помилкове.</p>")
    cached(client, story)
    if how == "unpublish":
        committed(lambda: services.update_unpublish(update=update))
    else:
        committed(lambda: services.update_delete(update=update))
    for url in urls(story):
        lock_of(client, url)
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
        assert "Помилкове." not in response.content.decode()


def test_a_draft_purges_nothing(client, story, committed):
    """A draft changes no public page: the cached copies stay."""
    cached(client, story)
    committed(
        lambda: services.update_create(
            article=story, language="uk", text="<p>Чернетка.</p>", publish=False
        )
    )
    for url in urls(story):
        assert client.get(url)["X-Cache"] == "HIT"


def test_proxies_are_told_the_articles_key(story, committed, proxy):
    """Behind Varnish: a soft purge of the article's key (its page, fragment, lists, feeds)
    when an update appears, a hard one when it leaves."""
    update = committed(
        lambda: services.update_create(article=story, language="uk", text="<p>Нове.</p>")
    )
    assert f"article-{story.pk}" in proxy.keys(hard=False)
    assert f"article-{story.pk}" not in proxy.keys(hard=True)
    committed(lambda: services.update_unpublish(update=update))
    assert f"article-{story.pk}" in proxy.keys(hard=True)


def test_ending_the_coverage_replaces_the_cached_page(client, story, committed):
    """Ended: the page is rendered anew without the "Live" mark and the polling."""
    cached(client, story)
    committed(lambda: services.coverage_end(article=story))
    response = client.get(story.get_absolute_url("uk"))
    assert response["X-Cache"] == "MISS" and "data-live-poll" not in response.content.decode()
