"""What each change purges. Connected in `apps.py`; every purge happens after commit.

Readers' view of the rules: a story that goes live appears at once on every page that lists the
newest news of its language or of one of its tags (the article pages' related and "More on"); one
that leaves (unpublished, expired, trashed, deleted) is gone at once from every page that showed
it, and its cached copies are never served again (a *hard* purge); an edit, a rename or a new
booking replaces the cached pages that show it, which may be served stale for the moment one
request takes to render the new page (a *soft* purge).
"""

from datetime import timedelta

from django.db.models.signals import m2m_changed, post_delete, post_save

from . import keys
from .purge import purge


def _language_keys(language):
    return [keys.news(language), keys.home(language), keys.feed(language)]


def _tag_keys(article_id):
    """The article's tags (one query): the pages of articles sharing one list its newest in
    "related" and "More on" (articles/selectors.py `tag_pool`), and carry the tag's key rather
    than the language's news, so that a publication re-renders the pages it can change, not
    every article page of the language."""
    from articles.models import ArticleTag

    found = ArticleTag.objects.filter(content_object_id=article_id).values_list("tag_id", flat=True)
    return [keys.tag(tag_id) for tag_id in found]


def went_live(sender, version, **kwargs):
    purge(
        [
            keys.article(version.article_id),
            *_language_keys(version.language),
            *_tag_keys(version.article_id),
            keys.SITEMAPS,
        ]
    )


def went_offline(sender, version, **kwargs):
    purge([keys.article(version.article_id), keys.SITEMAPS], hard=True)
    # The tags too, as when it went live: the lists that showed it carry its key already, so
    # this only keeps the rule simple (a story of the tag came or went); leaving is rare.
    purge([*_language_keys(version.language), *_tag_keys(version.article_id)])


def version_saved(sender, instance, **kwargs):
    """A publication or an expiry scheduled (or moved) within a cache lifetime changes how
    long pages may be kept: they are stored again with the new limit. Every cached response
    carries `schedule`, so this is the one purge kept to what needs it."""
    from django.conf import settings
    from django.utils import timezone

    from articles.models import Status

    if instance.status != Status.PUBLISHED:
        return
    now = timezone.now()
    horizon = now + timedelta(seconds=settings.CACHE_SECONDS)
    moments = (instance.publish_at, instance.unpublish_at)
    if any(moment is not None and now < moment <= horizon for moment in moments):
        purge([keys.SCHEDULE])


def article_saved(sender, instance, **kwargs):
    """An edit of the article's own fields: its pages and the lists showing it (they carry its
    key); once it has been published, also its section's page (it may just have moved there)
    and the home pages (importance decides the main stories). A draft is on no page."""
    found = [keys.article(instance.pk)]
    if instance.publish_at is not None:
        found += [keys.section(instance.section_id), *(keys.home(c) for c in _languages())]
    purge(found)


def article_deleted(sender, instance, **kwargs):
    purge([keys.article(instance.pk), keys.SITEMAPS], hard=True)


def article_part_changed(sender, instance, **kwargs):
    """A body block, byline, tag link or related link: the article's pages, and the page of a
    tag or author it was just given (lists it joins do not carry its key yet)."""
    article_id = getattr(instance, "article_id", None) or instance.content_object_id
    found = [keys.article(article_id)]
    if getattr(instance, "tag_id", None):
        found.append(keys.tag(instance.tag_id))
    if getattr(instance, "author_id", None):
        found.append(keys.author(instance.author_id))
    purge(found)


def tag_changed(sender, instance, **kwargs):
    purge([keys.tag(instance.pk)])


def author_changed(sender, instance, **kwargs):
    purge([keys.author(instance.pk)])


def photo_changed(sender, instance, **kwargs):
    # A new image or focal point deletes the old files after commit: a stale page would show
    # broken pictures. A caption or credit can be served stale for the moment of a refresh.
    purge([keys.photo(instance.pk)], hard=getattr(instance, "files_replaced", False))


def section_changed(sender, instance, **kwargs):
    # Every page shows the sections menu.
    purge([keys.section(instance.pk), keys.SECTIONS])


def ads_changed(sender, **kwargs):
    """A slot's box appears, goes or changes size; a booking's dates bound cache lifetimes."""
    purge([keys.ADS, keys.SCHEDULE])


def booking_saved(sender, instance, **kwargs):
    """A booking's start or end within a cache lifetime bounds how long pages may be kept."""
    from django.conf import settings
    from django.utils import timezone

    purge([keys.ADS])
    now = timezone.now()
    horizon = now + timedelta(seconds=settings.CACHE_SECONDS)
    if any(m is not None and now < m <= horizon for m in (instance.starts_at, instance.ends_at)):
        purge([keys.SCHEDULE])


def _languages():
    from articles.models import LANGUAGE_CODES

    return LANGUAGE_CODES


def connect():
    from ads.models import Creative, Slot
    from articles import signals as article_signals
    from articles.models import (
        Article,
        ArticleAuthor,
        ArticleTag,
        Author,
        Block,
        LanguageVersion,
        Photo,
        RelatedArticle,
        Section,
    )
    from tags.models import Tag

    article_signals.went_live.connect(went_live, dispatch_uid="pagecache-went-live")
    article_signals.went_offline.connect(went_offline, dispatch_uid="pagecache-went-offline")
    post_save.connect(version_saved, sender=LanguageVersion, dispatch_uid="pagecache-version")
    post_save.connect(article_saved, sender=Article, dispatch_uid="pagecache-article")
    post_delete.connect(article_deleted, sender=Article, dispatch_uid="pagecache-article-del")
    for part in (Block, ArticleAuthor, ArticleTag, RelatedArticle):
        uid = f"pagecache-{part.__name__}"
        post_save.connect(article_part_changed, sender=part, dispatch_uid=f"{uid}-save")
        post_delete.connect(article_part_changed, sender=part, dispatch_uid=f"{uid}-delete")
    for model, receiver in (
        (Tag, tag_changed),
        (Author, author_changed),
        (Photo, photo_changed),
        (Section, section_changed),
    ):
        uid = f"pagecache-{model.__name__}"
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-delete")
    post_save.connect(booking_saved, sender=Creative, dispatch_uid="pagecache-ads-creative")
    post_delete.connect(ads_changed, sender=Creative, dispatch_uid="pagecache-ads-creative-del")
    for sender in (Slot, Creative.slots.through, Creative.sections.through):
        uid = f"pagecache-ads-{sender.__name__}"
        post_save.connect(ads_changed, sender=sender, dispatch_uid=f"{uid}-save")
        post_delete.connect(ads_changed, sender=sender, dispatch_uid=f"{uid}-delete")
    for through in (Creative.slots.through, Creative.sections.through):
        uid = f"pagecache-ads-m2m-{through.__name__}"
        m2m_changed.connect(ads_changed, sender=through, dispatch_uid=uid)
