"""Purges by key, after commit, on every change a reader could see; to every proxy; a proxy
that is down never fails a save and gets the purge later."""

import logging
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from ads.models import Slot
from articles import services
from articles.models import Block
from pagecache.models import PendingPurge
from tags.services import tag_merge
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    PhotoFactory,
    SectionFactory,
    TagFactory,
    book,
    image_bytes,
    live_article,
    sign,
    tag_article,
)

from .conftest import RecordingProxy

pytestmark = pytest.mark.django_db


def test_publication_purges_the_article_and_its_language_softly(proxy, committed):
    """Going live replaces the article's pages, every newest-news list of the language, its
    home, feeds and the sitemaps; stale copies may be served while they refresh."""
    article = ArticleFactory()
    committed(lambda: services.article_publish(article=article, language="en"))
    soft = proxy.keys(hard=False)
    assert {f"article-{article.pk}", "news-en", "home-en", "feed-en", "sitemaps"} <= soft
    assert "news-uk" not in soft


@pytest.mark.parametrize("how", ["unpublish", "trash", "expire"])
def test_leaving_the_site_purges_hard(proxy, committed, how):
    """Unpublished, trashed or expired: every cached copy showing the article is dropped and
    never served again, not even stale."""
    now = timezone.now()
    article = live_article(["uk"])
    if how == "expire":
        services.article_publish(
            article=article, language="uk", at=now - timedelta(hours=1), until=now
        )
    proxy.purges.clear()
    if how == "unpublish":
        committed(lambda: services.article_unpublish(article=article, language="uk"))
    elif how == "trash":
        committed(lambda: services.article_trash(article=article, by=None))
    else:
        committed(lambda: services.publish_due(now=now + timedelta(seconds=1)))
    assert {f"article-{article.pk}", "sitemaps"} <= proxy.keys(hard=True)
    assert "news-uk" in proxy.keys(hard=False)


def test_a_scheduled_version_reaching_its_minute_is_purged_by_publish_scheduled(proxy, committed):
    """The job that does the going-live steps purges too (the cache lifetime already ended at
    that minute: this covers proxies that ignore it)."""
    at = timezone.now() + timedelta(minutes=5)
    article = ArticleFactory()
    committed(lambda: services.article_publish(article=article, language="uk", at=at))
    assert "schedule" in proxy.keys(hard=False)  # the new limit on lifetimes
    proxy.purges.clear()
    committed(lambda: services.publish_due(now=at + timedelta(seconds=1)))
    assert {f"article-{article.pk}", "news-uk"} <= proxy.keys(hard=False)


def test_restoring_from_the_trash_purges_like_a_publication(proxy, committed):
    """Back from the trash: its language lists show it again."""
    article = live_article(["ru"])
    services.article_trash(article=article, by=None)
    committed(lambda: services.article_restore(article=article, by=None))
    assert {f"article-{article.pk}", "news-ru"} <= proxy.keys(hard=False)


def test_edits_of_an_article_purge_its_pages_and_the_lists_it_joins(proxy, committed):
    """Title, body, authors, tags, related links and photo: the pages showing the article, and
    the tag or author page it has just joined."""
    article = live_article(["uk"])
    tag, author = TagFactory(), AuthorFactory()

    def edit():
        article.title_uk = "Новий заголовок"
        article.save()
        Block.objects.create(article=article, language="uk", kind="paragraph", text="<p>Ще</p>")
        tag_article(article, tag)
        sign(article, author)

    committed(edit)
    keys = proxy.keys(hard=False)
    assert {f"article-{article.pk}", f"tag-{tag.pk}", f"author-{author.pk}"} <= keys
    assert f"section-{article.section_id}" in keys and "home-uk" in keys


def test_renames_purge_every_page_showing_the_name(proxy, committed):
    """A tag, an author, a photo's caption, a section (in every page's menu)."""
    tag, author, photo, section = TagFactory(), AuthorFactory(), PhotoFactory(), SectionFactory()

    def rename():
        tag.name_en = "Renamed"
        tag.save()
        author.name_en = "Renamed"
        author.save()
        photo.caption_en = "New caption"
        photo.save()
        section.name_en = "Renamed"
        section.save()

    committed(rename)
    keys = proxy.keys(hard=False)
    expected = {f"tag-{tag.pk}", f"author-{author.pk}", f"photo-{photo.pk}", "sections"}
    assert expected <= keys


@pytest.mark.parametrize("change", ["focal point", "image"])
def test_replacing_a_photos_files_purges_its_pages_hard(proxy, committed, change):
    """A new focal point or image deletes the old crops (or all the files) after commit: no
    stale page may be served pointing at them."""
    photo = PhotoFactory()
    proxy.purges.clear()

    def replace():
        if change == "image":
            photo.image = ContentFile(image_bytes(size=(1200, 800)), name="new.jpg")
        else:
            photo.focal_x, photo.focal_y = 0.2, 0.3
        photo.save()

    committed(replace)
    assert f"photo-{photo.pk}" in proxy.keys(hard=True)
    assert f"photo-{photo.pk}" not in proxy.keys(hard=False)


def test_merging_tags_purges_both_tags_pages(proxy, committed):
    """The merged tag's pages go, the target's list grows."""
    target, other = TagFactory(), TagFactory()
    expected = {f"tag-{target.pk}", f"tag-{other.pk}"}
    tag_article(live_article(["uk"]), other)
    committed(lambda: tag_merge(target=target, others=[other], by=None))
    assert expected <= proxy.keys(hard=False)


def test_ad_slot_and_booking_changes_purge_the_pages_with_slots(proxy, committed):
    """A slot's box appears, goes or changes size with the bookings."""
    committed(lambda: book("sidebar_top"))
    assert {"ads", "schedule"} <= proxy.keys(hard=False)
    proxy.purges.clear()
    committed(lambda: Slot.objects.filter(code="sidebar_top").first().save())
    assert "ads" in proxy.keys(hard=False)


def test_purges_wait_for_the_commit_and_a_rollback_sends_none(proxy, committed):
    """A proxy never refetches from data that is not committed; a change rolled back purges
    nothing."""
    article = ArticleFactory()

    def publish_then_roll_back():
        try:
            with transaction.atomic():
                services.article_publish(article=article, language="uk")
                assert proxy.purges == []  # not before the commit
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass

    committed(publish_then_roll_back)
    assert f"article-{article.pk}" not in proxy.keys(hard=False)


def test_every_proxy_gets_every_purge(settings, committed):
    """Several Varnish hosts: each is told."""
    first, second = RecordingProxy(), RecordingProxy()
    settings.CACHE_PROXIES = [first.url, second.url]
    try:
        article = ArticleFactory()
        committed(lambda: services.article_publish(article=article, language="uk"))
        assert f"article-{article.pk}" in first.keys(hard=False)
        assert f"article-{article.pk}" in second.keys(hard=False)
    finally:
        first.stop()
        second.stop()


def test_a_proxy_that_is_down_fails_no_save_and_gets_the_purge_later(settings, committed, caplog):
    """The save succeeds, the failure is logged and kept; publish_scheduled sends it again
    once the proxy is back, and forgets it."""
    down = RecordingProxy()
    address = down.url
    down.stop()  # nothing listens there now
    settings.CACHE_PROXIES = [address]
    article = ArticleFactory()
    with caplog.at_level(logging.WARNING, logger="pagecache"):
        committed(lambda: services.article_publish(article=article, language="uk"))
    assert services.LanguageVersion.objects.get(article=article, language="uk").is_live
    assert any("will retry" in record.getMessage() for record in caplog.records)
    pending = PendingPurge.objects.all()
    assert f"article-{article.pk}" in {key for row in pending for key in row.keys.split()}
    assert not any(row.hard for row in pending)

    call_command("publish_scheduled")  # still down: kept, one more attempt counted
    assert {row.attempts for row in PendingPurge.objects.all()} == {2}

    back = RecordingProxy()
    settings.CACHE_PROXIES = [back.url]
    PendingPurge.objects.update(proxy=back.url)  # the same proxy, back at its address
    try:
        call_command("publish_scheduled")
        assert f"article-{article.pk}" in back.keys(hard=False)
        assert not PendingPurge.objects.exists()
    finally:
        back.stop()


def test_a_proxy_refusing_the_purge_counts_as_a_failure(proxy, committed):
    """A 403 (the app's address is not in the proxy's ACL) is kept for retry, not ignored."""
    proxy.status = 403
    committed(lambda: services.article_publish(article=ArticleFactory(), language="uk"))
    assert PendingPurge.objects.filter(proxy=proxy.url).exists()


def test_purge_cache_command(proxy, committed):
    """An operator purges keys by hand, or everything."""
    committed(lambda: call_command("purge_cache", "article-7", "news-en"))
    committed(lambda: call_command("purge_cache", "--all", "--hard"))
    assert {"article-7", "news-en"} <= proxy.keys(hard=False)
    assert "all" in proxy.keys(hard=True)


def test_a_purge_the_shared_cache_missed_is_kept_and_retried(settings, committed, monkeypatch):
    """Redis unreachable during a purge: its cached pages cannot be served then, but would be
    once it is back, so the purge is kept and publish_scheduled applies it again."""
    from pagecache import store

    settings.CACHE_PROXIES = []
    article = live_article(["uk"])
    monkeypatch.setattr(store, "tick", lambda: 0)  # the cache is down
    committed(lambda: services.article_unpublish(article=article, language="uk"))
    kept = PendingPurge.objects.get(proxy="cache", hard=True)
    assert f"article-{article.pk}" in kept.keys.split()
    monkeypatch.undo()
    entry = store.Entry("page", frozenset({f"article-{article.pk}"}), store.now())
    store.store("pc:p:test", entry, 60)
    assert store.state(entry) == store.FRESH
    call_command("publish_scheduled")
    assert store.state(entry) == store.GONE
    assert not PendingPurge.objects.filter(proxy="cache", hard=True).exists()


def test_drafts_and_reviews_purge_nothing_readers_see(proxy, committed):
    """Writing a draft and sending it for review change no public page: no home page, no
    schedule (which every cached page carries) is purged."""
    article = ArticleFactory()

    def write():
        article.title_uk = "Ще чернетка"
        article.save()
        services.article_submit_for_review(article=article, language="uk", by=None)

    committed(write)
    purged = proxy.keys(hard=False) | proxy.keys(hard=True)
    assert not purged & {"schedule", "home-uk", "news-uk", "all"}


def test_a_long_list_of_keys_goes_out_in_requests_a_proxy_accepts(proxy, committed):
    """After a long outage the kept purges are many: they are sent in several requests, each
    with a header well under a proxy's limit."""
    many = [f"article-{number}" for number in range(3000)]
    committed(lambda: call_command("purge_cache", *many))
    assert len(proxy.purges) > 1
    assert set(many) <= proxy.keys(hard=False)
    assert all(len(" ".join(keys)) < 4100 for _hard, keys in proxy.purges)


def test_a_dead_proxy_is_not_waited_for_on_every_save(settings, committed):
    """After one failure the proxy is skipped for a few seconds: later saves keep their purges
    for retry at once instead of each waiting for the timeout."""
    import time

    silent = __import__("socket").socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts, never answers: each request would wait for the timeout
    settings.CACHE_PROXIES = [f"http://127.0.0.1:{silent.getsockname()[1]}"]
    settings.CACHE_PURGE_TIMEOUT = 2  # without the skip: at least 3 × 2 s below
    try:
        committed(lambda: services.article_publish(article=ArticleFactory(), language="uk"))
        started = time.monotonic()
        for _ in range(3):
            committed(lambda: services.article_publish(article=ArticleFactory(), language="uk"))
        assert time.monotonic() - started < 4
        assert PendingPurge.objects.count() >= 4
    finally:
        silent.close()


def test_renaming_a_section_renames_it_in_every_page_menu(client, committed):
    """The sections menu is a fragment carrying `sections`: a rename purges it with the pages."""
    section = SectionFactory(name_uk="Старий розділ")
    live_article(["uk"], section=section)
    assert "Старий розділ" in client.get("/").content.decode()
    section.name_uk = "Новий розділ"
    committed(section.save)
    page = client.get("/news/").content.decode()
    assert "Новий розділ" in page and "Старий розділ" not in page
