"""Through a real Varnish (deploy/varnish/newsroom.vcl, Debian's varnish + varnish-modules) in
front of the live test server: what readers get through the cache after each change."""

import http.client
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import previews, services
from articles.models import RelatedArticle
from tests.distribution import KINDS, title
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
    live_article,
    sign,
    tag_article,
)

from .conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def shows(varnish, url, text):
    return text in varnish.get(url).text


def warm(varnish, *urls):
    """Fetch each address until the cache answers it."""
    for url in urls:
        varnish.get(url)
        assert wait_for(lambda url=url: varnish.get(url).headers["X-Cache"] == "HIT", within=3), url


def whole_seconds_from_now(seconds):
    return (timezone.now() + timedelta(seconds=seconds + 1)).replace(microsecond=0)


def test_a_publication_shows_through_the_cache_within_a_second(varnish):
    """Home, the news list and the article's own pages in each language show a new story (and
    a new translation) through the cache within a second of publishing."""
    old = live_article(["uk"], title_uk="Вчорашня новина")
    urls = ["/", "/news/", "/en/", "/en/news/", old.get_absolute_url("uk")]
    warm(varnish, *urls)
    story = ArticleFactory(title_uk="Новина щойно", title_en="Fresh news")
    services.article_publish(article=story, language="uk")
    services.article_publish(article=story, language="en")
    for url in ["/", "/news/", old.get_absolute_url("uk")]:  # recent news on the article page
        assert wait_for(lambda url=url: shows(varnish, url, "Новина щойно")), url
    for url in ["/en/", "/en/news/"]:
        assert wait_for(lambda url=url: shows(varnish, url, "Fresh news")), url
    # A translation going live: the original's language switcher links to it.
    english = f'href="{old.get_absolute_url("en")}" lang="en"'
    assert english not in varnish.get(old.get_absolute_url("uk")).text
    old.title_en = "Yesterday's news"
    old.save()
    services.article_publish(article=old, language="en")
    assert wait_for(lambda: english in varnish.get(old.get_absolute_url("uk")).text)


@pytest.mark.parametrize("how", ["unpublish", "trash", "expiry"])
def test_a_story_leaving_is_gone_through_the_cache_within_a_second(varnish, how):
    """Unpublished, trashed, or expiring at its minute with no job running: gone from the
    lists and its page through the cache within a second, never served stale."""
    live_article(["uk"])
    story = live_article(["uk"], title_uk="Новина, що зникне")
    if how == "expiry":
        until = whole_seconds_from_now(8)
        services.article_publish(
            article=story, language="uk", at=timezone.now() - timedelta(hours=1), until=until
        )
    urls = ["/", "/news/", story.get_absolute_url("uk")]
    warm(varnish, *urls)
    assert shows(varnish, "/", "Новина, що зникне")
    if how == "expiry":
        assert timezone.now() < until, "the pages were not cached before the expiry"
    if how == "unpublish":
        services.article_unpublish(article=story, language="uk")
    elif how == "trash":
        services.article_trash(article=story, by=None)
    else:
        time.sleep(max(0, (until - timezone.now()).total_seconds()))
    for url in urls[:2]:
        assert wait_for(lambda url=url: not shows(varnish, url, "Новина, що зникне")), url
    assert wait_for(lambda: varnish.get(story.get_absolute_url("uk")).status_code == 404)


def test_a_scheduled_story_appears_through_the_cache_on_its_minute(varnish):
    """No job, no purge: the cached home page's lifetime ends at the scheduled second."""
    live_article(["uk"])
    at = whole_seconds_from_now(6)
    services.article_publish(article=ArticleFactory(title_uk="Точно вчасно"), language="uk", at=at)
    warm(varnish, "/", "/news/")
    assert not shows(varnish, "/", "Точно вчасно")
    assert timezone.now() < at, "the pages were not cached before the scheduled minute"
    time.sleep(max(0, (at - timezone.now()).total_seconds()))
    for url in ["/", "/news/"]:
        assert wait_for(lambda url=url: shows(varnish, url, "Точно вчасно")), url


def session_cookie(user):
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def test_a_staff_session_never_gets_nor_poisons_a_cached_page(varnish, admin_user):
    """An editor's requests pass the cache both ways: they see the site as it is, and what
    they are sent is never stored for readers."""
    live_article(["uk"])
    staff = {"Cookie": f"{session_cookie(admin_user)}; _ga=1"}
    first = varnish.get("/news/", headers=staff)
    assert first.status_code == 200 and first.headers["X-Cache"] == "PASS"
    assert "private" in first.headers["Cache-Control"]
    assert varnish.get("/news/").headers["X-Cache"] == "MISS"  # nothing was stored for them
    warm(varnish, "/news/")
    assert varnish.get("/news/", headers=staff).headers["X-Cache"] == "PASS"
    # Another cookie of the reader's (analytics, consent) does not split or skip the cache.
    assert varnish.get("/news/", headers={"Cookie": "_ga=2"}).headers["X-Cache"] == "HIT"


def test_a_preview_is_never_cached(varnish, admin_user):
    """The preview of a draft goes through the cache to the app every time, and readers get
    the login page, never the draft."""
    draft = ArticleFactory(title_uk="Секретна чернетка")
    url = f"/admin/articles/article/{draft.pk}/preview/uk/"
    staff = {"Cookie": session_cookie(admin_user)}
    for _ in range(2):
        response = varnish.get(url, headers=staff)
        assert response.status_code == 200 and response.headers["X-Cache"] == "PASS"
        assert "Секретна чернетка" in response.text
    anonymous = varnish.get(url)
    assert anonymous.status_code == 302 and "Секретна чернетка" not in anonymous.text


def test_a_preview_link_goes_to_the_app_every_time_so_revoking_it_works_at_once(
    varnish, admin_user
):
    """A preview link for someone without an account is never stored by Varnish: once revoked,
    the next request already answers 410."""
    draft = ArticleFactory(title_uk="Чернетка для юриста")
    link = previews.preview_link_create(article=draft, language="uk", by=admin_user, hours=2)
    url = reverse("preview_link", args=[previews.link_token(link)])
    for _ in range(2):
        response = varnish.get(url)
        assert response.status_code == 200 and response.headers["X-Cache"] == "PASS"
        assert "Чернетка для юриста" in response.text
    previews.preview_link_revoke(link=link, by=admin_user)
    gone = varnish.get(url)
    assert gone.status_code == 410 and "Чернетка для юриста" not in gone.text


def test_while_the_app_is_down_readers_get_the_cached_pages(varnish):
    """stale-if-error: with the backend out, pages purged softly are still served from the
    cache; a page purged hard (a story that left) is not."""
    live_article(["uk"], title_uk="Новина на час аварії")
    warm(varnish, "/", "/news/")
    varnish.admin("backend.set_health", "app1", "sick")
    services.article_publish(article=ArticleFactory(), language="uk")  # soft purge of lists
    response = varnish.get("/")
    assert response.status_code == 200 and "Новина на час аварії" in response.text
    varnish.forget_everything()  # hard
    assert varnish.get("/news/").status_code == 503


def test_a_purged_page_is_refreshed_by_one_request_while_readers_get_the_copy(varnish):
    """A soft purge under load: the next reader is answered at once from the cache while one
    background fetch renders the new page; the reader after that gets the new one."""
    live_article(["uk"], title_uk="Перша версія")
    warm(varnish, "/news/")
    services.article_publish(article=ArticleFactory(title_uk="Друга версія"), language="uk")
    stale = varnish.get("/news/")
    assert stale.headers["X-Cache"] == "HIT" and "Друга версія" not in stale.text
    assert wait_for(lambda: shows(varnish, "/news/", "Друга версія"))


def test_only_the_app_servers_may_purge(varnish):
    """The VCL takes PURGE only from the addresses in its ACL."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", varnish.port, timeout=5, source_address=("127.0.0.2", 0)
    )
    try:
        connection.request("PURGE", "/", headers={"xkey-purge": "all"})
        assert connection.getresponse().status == 403
    finally:
        connection.close()


def test_no_leak_through_the_cache(varnish):
    """The no-leak sweep once more, through the cache: every channel in every language was
    cached while the stories were live; after they left (unpublished, expired at its minute,
    trashed) and with one still scheduled, every channel shows exactly the live story."""
    section = SectionFactory()
    tag, author = TagFactory(), AuthorFactory()
    hour_ago = timezone.now() - timedelta(hours=1)
    until = whole_seconds_from_now(25)
    languages = ["uk", "en"]
    stories = {}
    for kind in KINDS:
        story = ArticleFactory(section=section, **{f"title_{c}": title(kind, c) for c in languages})
        sign(story, author)
        tag_article(story, tag)
        for code in languages:
            if kind in {"live", "unpublished", "trashed"}:
                services.article_publish(article=story, language=code, at=hour_ago)
            elif kind == "expired":
                services.article_publish(article=story, language=code, at=hour_ago, until=until)
            elif kind == "scheduled":
                services.article_publish(
                    article=story, language=code, at=hour_ago + timedelta(hours=2)
                )
        stories[kind] = story
    neighbour = live_article(languages, section=section)
    tag_article(neighbour, tag)
    for story in stories.values():
        RelatedArticle.objects.create(article=neighbour, related=story)
    month = timezone.localdate().strftime("%Y-%m")
    day = timezone.localdate().isoformat()

    def channels(code):
        prefix = "" if code == "uk" else f"/{code}"
        return [
            f"{prefix}/",
            f"{prefix}/news/",
            f"{prefix}/news/date/{day}/",
            f"{prefix}/sections/{section.slug}/",
            f"{prefix}/tags/{tag.slug}/",
            f"{prefix}/authors/{author.slug}/",
            neighbour.get_absolute_url(code),
            f"{prefix}/rss/",
            f"{prefix}/rss/full/",
            f"{prefix}/rss/tags/{tag.slug}/",
            f"{prefix}/news-sitemap.xml",
            f"{prefix}/search/?q=Zorya",
            f"/api/v1/articles?language={code}",
        ]

    for code in languages:
        warm(varnish, *channels(code), stories["unpublished"].get_absolute_url(code))
    assert title("unpublished", "en") in varnish.get("/en/news/").text
    assert title("expired", "en") in varnish.get("/en/news/").text
    assert timezone.now() < until, "the pages were not cached before the expiry"
    for code in languages:
        services.article_unpublish(article=stories["unpublished"], language=code)
    services.article_trash(article=stories["trashed"], by=None)
    time.sleep(max(0, (until - timezone.now()).total_seconds()))
    sitemap = varnish.get(f"/sitemap-articles-{month}.xml").text
    for kind in ("unpublished", "expired", "trashed", "scheduled", "draft"):
        assert stories[kind].get_absolute_url("en") not in sitemap, kind
    for code in languages:
        for url in channels(code):
            text = varnish.get(url).text
            for kind in KINDS:
                expected = kind == "live"
                if kind == "elsewhere":
                    continue
                assert (title(kind, code) in text) == expected, (url, kind)
        assert varnish.get(stories["unpublished"].get_absolute_url(code)).status_code == 404


def test_when_the_app_fails_to_render_readers_get_the_previous_copy(varnish, monkeypatch):
    """The database is down but the process answers its health check: a page past its
    lifetime is served from the cache (stale-if-error) instead of the app's 500."""
    from articles import views

    live_article(["uk"], title_uk="Остання вдала версія")
    at = whole_seconds_from_now(4)
    services.article_publish(article=ArticleFactory(title_uk="Пізніше"), language="uk", at=at)
    warm(varnish, "/news/")  # kept until `at`, and not to be served stale after it...
    assert timezone.now() < at, "the page was not cached before the scheduled minute"

    def database_down(*args, **kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(views, "paginate", database_down)
    time.sleep(max(0, (at - timezone.now()).total_seconds()) + 0.2)
    response = varnish.get("/news/")  # ...unless the app cannot give a new one
    assert response.status_code == 200 and "Остання вдала версія" in response.text
    monkeypatch.undo()
    assert wait_for(lambda: shows(varnish, "/news/", "Пізніше"), within=2)


def test_readers_behind_the_cache_get_only_the_browser_lifetime(varnish):
    """s-maxage and the stale windows are for the purged cache: a CDN or proxy behind it
    cannot be purged, so it is told max-age alone; keys stay inside."""
    live_article(["uk"])
    response = varnish.get("/")
    assert response.headers["Cache-Control"] == "public, max-age=30"
    assert "Surrogate-Key" not in response.headers and "X-Stale-Until" not in response.headers


def test_tracking_parameters_share_the_cached_copy_and_ad_frames_pass(varnish):
    """/?utm_source=… is the cached home page; ad frames always reach the app (counted)."""
    live_article(["uk"])
    warm(varnish, "/news/")
    tracked = varnish.get("/news/?utm_source=telegram&fbclid=x1")
    assert tracked.headers["X-Cache"] == "HIT"
    assert varnish.get("/news/?page=1").headers["X-Cache"] == "MISS"
    assert varnish.get("/ads/slot/sidebar_top/?l=uk").headers["X-Cache"] == "PASS"


def test_a_cache_hit_carries_the_request_s_own_id(varnish):
    """The id in X-Request-ID is the reader's request's (nginx's), not that of the request that
    rendered the cached copy; one that could break a log line is replaced by Varnish's own."""
    live_article(["uk"])
    warm(varnish, "/news/")
    hit = varnish.get("/news/", headers={"X-Request-ID": "reader-42.a_b"})
    assert hit.headers["X-Cache"] == "HIT" and hit.headers["X-Request-ID"] == "reader-42.a_b"
    for bad in ["two words", "x" * 65, ""]:
        hit = varnish.get("/news/", headers={"X-Request-ID": bad})
        assert hit.headers["X-Cache"] == "HIT"
        assert hit.headers["X-Request-ID"].startswith("varnish-"), bad
        assert hit.headers["X-Request-ID"] != bad
    ids = {varnish.get("/news/").headers["X-Request-ID"] for _ in range(2)}
    assert len(ids) == 2 and all(found.startswith("varnish-") for found in ids)
