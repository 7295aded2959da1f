"""Cache purges of live stories, through the page cache's machinery (pagecache/purge.py: after
the commit, Django's cache and every proxy). Connected in `apps.py`.

A live story's page, its updates fragment, the lists marking it "Live", its feed items and the
news sitemap all carry the article's key: an update that appears or changes purges it softly (a
stale copy may be served while one request renders the new one); one that leaves (unpublished,
deleted) purges it hard, so that nobody is served it again. A draft saved, or an update
scheduled for later, changes no public page: nothing is purged, but an update scheduled within a
cache lifetime caps it (the `schedule` key, as a scheduled article does).
"""

from datetime import timedelta

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from pagecache import keys
from pagecache.purge import purge


def update_saved(sender, instance, **kwargs):
    was_live, is_live = instance.was_live, instance.is_live
    if was_live and not is_live:
        purge([keys.article(instance.article_id), keys.SITEMAPS], hard=True)
    elif is_live:
        purge([keys.article(instance.article_id), keys.SITEMAPS])
    if instance.is_scheduled:
        horizon = timezone.now() + timedelta(seconds=settings.CACHE_SECONDS)
        if instance.publish_at <= horizon:
            purge([keys.SCHEDULE])
    # What readers see from now on is what was just saved.
    instance._loaded_live = is_live


def update_deleted(sender, instance, **kwargs):
    if instance.was_live or instance.is_live:
        purge([keys.article(instance.article_id), keys.SITEMAPS], hard=True)


def coverage_changed(sender, instance, **kwargs):
    """Started or ended: the "Live" mark of its page and of every list showing it (they carry
    its key), its polling and its structured data."""
    purge([keys.article(instance.article_id)])


def connect():
    from .models import LiveCoverage, LiveUpdate

    post_save.connect(update_saved, sender=LiveUpdate, dispatch_uid="liveblog-update-save")
    post_delete.connect(update_deleted, sender=LiveUpdate, dispatch_uid="liveblog-update-delete")
    post_save.connect(coverage_changed, sender=LiveCoverage, dispatch_uid="liveblog-coverage")
    post_delete.connect(
        coverage_changed, sender=LiveCoverage, dispatch_uid="liveblog-coverage-delete"
    )
