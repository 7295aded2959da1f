"""Cache headers and surrogate keys: every public response says how long a shared cache may keep
it and names what it shows; nothing personal is ever shared-cached."""

import re
from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import services
from articles.models import Block, RelatedArticle
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    PhotoFactory,
    TagFactory,
    book,
    live_article,
    sign,
    tag_article,
)

pytestmark = pytest.mark.django_db


def midday_tomorrow():
    """A moment far from midnight, when every page's lifetime is cut short (the date in the top
    bar changes): tests of other limits travel there so the hour they run at cannot matter."""
    zone = timezone.get_current_timezone()
    day = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(12)), zone)


def directives(response):
    """Cache-Control as {directive: value or True}."""
    found = {}
    for part in response["Cache-Control"].split(","):
        name, _, value = part.strip().partition("=")
        found[name] = int(value) if value.isdigit() else True
    return found


def surrogate_keys(response):
    return set(response["Surrogate-Key"].split())


@pytest.fixture
def story():
    tag, author = TagFactory(), AuthorFactory()
    article = live_article(["uk", "en"], hero_photo=PhotoFactory())
    sign(article, author)
    tag_article(article, tag)
    return article


def public_addresses(story):
    tag = story.tagged_items.get().tag
    author = story.bylines.get().author
    day = timezone.localdate().isoformat()
    return [
        "/",
        "/en/",
        "/news/",
        f"/news/date/{day}/",
        story.get_absolute_url("uk"),
        story.get_absolute_url("en"),
        story.section.get_absolute_url(),
        f"/tags/{tag.slug}/",
        f"/authors/{author.slug}/",
        "/search/?q=news",
        "/support/",
        "/rss/",
        "/en/rss/full/",
        "/sitemap.xml",
        "/news-sitemap.xml",
        "/robots.txt",
        "/api/v1/articles?language=en",
        f"/api/v1/articles/{story.pk}?language=uk",
    ]


def test_public_responses_say_how_long_a_shared_cache_may_keep_them(client, story):
    """Pages, lists, feeds, sitemaps, robots.txt and the API are public for shared caches, with
    a short browser lifetime and stale windows, and set no cookie."""
    for url in public_addresses(story):
        response = client.get(url)
        assert response.status_code == 200, url
        cache = directives(response)
        assert cache["public"] is True, url
        assert cache["s-maxage"] > 0 and 0 < cache["max-age"] <= 30, url
        assert cache["max-age"] <= cache["s-maxage"], url
        assert cache["stale-if-error"] >= 3600, url
        assert "stale-while-revalidate" in cache, url
        assert not response.cookies, url
        assert {"all", "schedule"} <= surrogate_keys(response), url


def test_cached_responses_vary_neither_on_cookies_nor_on_accept_language(client, story):
    """The language is in the address: an unprefixed page is Ukrainian for every browser, so a
    shared cache keeps one copy, not one per language list or cookie."""
    for url in ["/", "/news/", story.get_absolute_url("uk"), "/rss/", "/sitemap.xml"]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9", HTTP_COOKIE="_ga=1")
        vary = response.get("Vary", "").lower()
        assert "accept-language" not in vary and "cookie" not in vary, (url, vary)
        assert response["Content-Language"] == "uk"


def test_the_article_page_names_everything_it_shows(client, story):
    """The article, its section, authors, tags, photos, related and recent items, the menu and
    the ads: a change to any of them purges the page."""
    neighbour = live_article(["uk"], section=story.section)
    linked = live_article(["uk"])
    tag_article(neighbour, story.tagged_items.get().tag)
    RelatedArticle.objects.create(article=story, related=linked)
    photo = PhotoFactory()
    Block.objects.create(article=story, language="uk", kind="photo", photo=photo, position=1)
    book("article_after_tags")
    response = client.get(story.get_absolute_url("uk"))
    found = surrogate_keys(response)
    expected = {
        f"article-{story.pk}",
        f"section-{story.section_id}",
        f"author-{story.bylines.get().author_id}",
        f"tag-{story.tagged_items.get().tag_id}",
        f"photo-{story.hero_photo_id}",
        f"photo-{photo.pk}",
        f"article-{linked.pk}",  # related
        f"article-{neighbour.pk}",  # more on the tag, recent news
        "news-uk",
        "sections",
        "ads",
    }
    assert expected <= found, expected - found


def test_lists_name_each_item_and_the_list(client, story):
    """A list carries each item's key (an edit or removal purges it) and the newest-news key
    of its language (a publication purges it)."""
    others = [live_article(["en"]) for _ in range(3)]
    home = surrogate_keys(client.get("/en/"))
    assert {"home-en", "news-en", f"article-{story.pk}"} <= home
    assert {f"article-{other.pk}" for other in others} <= home
    feed = surrogate_keys(client.get("/en/rss/"))
    assert {"feed-en", "news-en", f"article-{story.pk}"} <= feed
    assert "news-uk" not in feed


def test_the_404_of_an_article_not_live_carries_its_key_and_a_short_lifetime(client):
    """A 404 for a scheduled or unpublished article is purged when it goes live, and lives in
    a cache for minutes, not an hour."""
    draft = ArticleFactory()
    response = client.get(f"/news/{draft.pk}/")
    assert response.status_code == 404
    assert f"article-{draft.pk}" in surrogate_keys(response)
    assert directives(response)["s-maxage"] <= 300
    assert directives(response)["max-age"] == 0  # a browser cannot be purged


def test_staff_and_sessions_are_never_shared_cached(client, admin_user, story):
    """A logged-in editor, or anyone with a session or CSRF cookie, gets private pages with no
    keys: they are neither served from nor stored into a shared cache."""
    url = story.get_absolute_url("uk")
    client.cookies["csrftoken"] = "x" * 32
    response = client.get(url)
    assert directives(response) == {"private": True, "no-cache": True}
    assert "Surrogate-Key" not in response
    client.cookies.clear()
    client.force_login(admin_user)
    response = client.get(url)
    assert "public" not in response["Cache-Control"] and "Surrogate-Key" not in response


def test_previews_admin_ad_frames_and_clicks_are_never_shared_cached(admin_client, client):
    """What is personal or counted keeps its own private or no-store header."""
    article = ArticleFactory(title_uk="Чернетка")
    preview = admin_client.get(f"/admin/articles/article/{article.pk}/preview/uk/")
    assert preview.status_code == 200 and "no-store" in preview["Cache-Control"]
    assert "private" in admin_client.get("/admin/")["Cache-Control"]
    creative = book("sidebar_top")
    frame = client.get("/ads/slot/sidebar_top/?l=uk")
    click = client.get(creative.get_absolute_url())
    for response in (frame, click):
        assert "public" not in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
        assert "Surrogate-Key" not in response


def test_a_post_is_never_cached(client, story):
    """Only GET and HEAD are cacheable."""
    response = client.post("/news/")
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("what", ["publication", "expiry", "booking"])
def test_the_lifetime_ends_at_the_next_scheduled_change(client, story, what):
    """A page may not be kept past the minute a scheduled story goes live, an expiring one
    leaves or a booking starts, and may not be served stale after it either."""
    now = midday_tomorrow()
    soon = now + timedelta(minutes=10)
    if what == "publication":
        services.article_publish(article=ArticleFactory(title_uk="Пізніше"), language="uk", at=soon)
    elif what == "expiry":
        services.article_publish(
            article=live_article(["uk"]), language="uk", at=now - timedelta(hours=1), until=soon
        )
    else:
        book("sidebar_top", starts_at=soon)
    with time_machine.travel(now, tick=False):
        cache = directives(client.get("/"))
    assert 590 <= cache["s-maxage"] <= 600
    assert cache["stale-while-revalidate"] == 0
    assert cache["max-age"] <= 30
    if what == "expiry":  # not even while the app is down: the story leaves at that second
        assert cache["stale-if-error"] == 0


def test_copies_are_not_served_on_errors_past_the_next_expiry(client, story):
    """stale-if-error ends when the next story expires: an outage never shows it after."""
    now = midday_tomorrow()
    services.article_publish(
        article=live_article(["uk"]),
        language="uk",
        at=now - timedelta(hours=1),
        until=now + timedelta(hours=2),
    )
    with time_machine.travel(now, tick=False):
        cache = directives(client.get("/"))
    assert cache["s-maxage"] == 3600 and cache["stale-if-error"] == 3600


def test_the_lifetime_ends_at_midnight(client, story):
    """The top bar shows today's date: no page outlives the day it was made on."""
    zone = timezone.get_current_timezone()
    late = timezone.make_aware(
        timezone.datetime.combine(timezone.localdate(), timezone.datetime.min.time()), zone
    ) + timedelta(hours=23, minutes=59, seconds=20)
    with time_machine.travel(late, tick=False):
        cache = directives(client.get("/news/"))
    assert 0 < cache["s-maxage"] <= 40


def test_keys_fit_in_a_proxy_header(client, story):
    """Even a long list names its items in a header Varnish accepts (set to 32 KB)."""
    for _ in range(25):
        live_article(["uk"])
    header = client.get("/news/")["Surrogate-Key"]
    assert len(header) < 8192
    assert re.fullmatch(r"[a-z0-9 -]+", header)


def test_the_404_of_a_tag_or_author_without_live_news_ends_with_a_publication(client):
    """A tag's or author's page (and feed) is a 404 until something with it is live: the 404
    carries the language's newest-news key, which that publication purges."""
    tag, author = TagFactory(), AuthorFactory()
    draft = ArticleFactory()
    tag_article(draft, tag)
    sign(draft, author)
    for url in [f"/tags/{tag.slug}/", f"/authors/{author.slug}/", f"/rss/tags/{tag.slug}/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "news-uk" in surrogate_keys(response), url


def test_an_article_page_names_its_tags_without_a_name_in_the_language(client, story):
    """A tag not yet named in English is not shown on the English page; naming it purges the
    page (it carries the tag's key)."""
    from articles.models import ArticleTag

    unnamed = TagFactory(name_en="")
    ArticleTag.objects.create(content_object=story, tag=unnamed, position=5)
    response = client.get(story.get_absolute_url("en"))
    assert f"tag-{unnamed.pk}" in surrogate_keys(response)


@pytest.mark.parametrize(("hard", "expected"), [(False, 1), (True, 0)])
def test_a_page_rendered_during_a_purge_tells_proxies_how_to_keep_it(
    client, monkeypatch, proxy, hard, expected
):
    """Rendered while what it shows changed (a soft purge): fresh for one second, so the readers
    who waited for it get it, then served stale for a minute while one request renders it again;
    while something it shows left the site (a hard purge): kept nowhere, never served stale."""
    from articles import views
    from pagecache import store

    live_article(["uk"])
    client.get("/news/")  # the keys' marks exist, as on any running site
    original = views.recent_news

    def purged_meanwhile(*args, **kwargs):
        items = original(*args, **kwargs)
        store.invalidate(["news-uk"], hard=hard)
        return items

    monkeypatch.setattr(views, "recent_news", purged_meanwhile)
    with time_machine.travel(midday_tomorrow()):
        response = client.get("/news/")
        now = timezone.now()
    found = directives(response)
    assert (found["s-maxage"], found["max-age"]) == (expected, 0)
    stale_until = datetime.strptime(response["X-Stale-Until"], "%a, %d %b %Y %H:%M:%S GMT")
    stale_for = stale_until.replace(tzinfo=UTC) - now
    if hard:
        assert found["stale-while-revalidate"] == found["stale-if-error"] == 0
    else:
        assert found["stale-while-revalidate"] == 60
        assert timedelta(seconds=58) <= stale_for <= timedelta(seconds=61)
