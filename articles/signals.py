"""Derived data kept in step with the content, after commit: cache purges and the search
index."""

import threading

from django.db import transaction
from django.dispatch import Signal

# Sent after commit, once per publication, when a language version goes live (now, or at its
# scheduled minute via `publish_scheduled`) and when it leaves the site (unpublished or expired).
# Receivers purge what depends on it: page caches, CDN, search index. Arguments: `version`.
went_live = Signal()
went_offline = Signal()


# --- search index ---------------------------------------------------------------------------
# Articles whose search text changed in the current transaction. The first callback after the
# commit indexes them all and the others find nothing left; after a rollback the ids wait for
# the next commit (indexing an unchanged article again is harmless).
_pending = threading.local()


def reindex(article_ids):
    if not hasattr(_pending, "ids"):
        _pending.ids = set()
    _pending.ids.update(article_ids)
    # robust: the change is committed already; a failure here is logged, never the user's 500.
    transaction.on_commit(_index_pending, robust=True)


def _index_pending():
    from . import search

    ids, _pending.ids = getattr(_pending, "ids", set()), set()
    if ids:
        search.update_index(ids)


def reindex_article(sender, instance, **kwargs):
    reindex([instance.pk])


def reindex_owner(sender, instance, **kwargs):
    """A block, byline, tag link or language version changed: its article's text did."""
    article_id = getattr(instance, "article_id", None) or instance.content_object_id
    reindex([article_id])


def reindex_tagged(sender, instance, **kwargs):
    """A tag was renamed: every article carrying it."""
    from .models import ArticleTag

    reindex(ArticleTag.objects.filter(tag=instance).values_list("content_object_id", flat=True))


def reindex_signed(sender, instance, **kwargs):
    """An author was renamed: every article they signed."""
    from .models import ArticleAuthor

    reindex(ArticleAuthor.objects.filter(author=instance).values_list("article_id", flat=True))
