"""Events from the articles app, turned into deliveries after commit. Connected in apps.py.

Nothing here may fail or slow the save that caused it: every receiver runs after the commit,
logs what goes wrong instead of raising, and only writes rows and asks Redis (briefly).
"""

import logging
import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from .models import Event

logger = logging.getLogger(__name__)


def _safely(work, *args, **kwargs):
    try:
        work(*args, **kwargs)
    except Exception:
        logger.exception("Webhook event not recorded")


def went_live(sender, version, **kwargs):
    from . import services

    _safely(services.record_event, event=Event.PUBLISHED, version=version)


def went_offline(sender, version, **kwargs):
    from . import services

    _safely(services.record_event, event=Event.UNPUBLISHED, version=version)


# --- "updated": content saved --------------------------------------------------------------
# Articles whose content changed in this thread's transaction: {article id: (languages or None
# for all, time of the first change)}. Each change asks for a flush after commit; the first
# flush takes them all. After a rollback the entries wait for the next commit, where an
# unchanged article sends nothing (services compare with what was last sent).
_changed = threading.local()


def _mark(article_id, language=None):
    if not article_id:
        return
    pending = _changed.__dict__.setdefault("articles", {})
    languages, since = pending.get(article_id, (set(), timezone.now()))
    if languages is not None:
        languages = None if language is None else languages | {language}
    pending[article_id] = (languages, since)
    transaction.on_commit(_flush, robust=True)


def _flush():
    from . import services

    pending, _changed.articles = getattr(_changed, "articles", {}), {}
    for article_id, (languages, since) in pending.items():
        _safely(services.content_changed, article_id=article_id, languages=languages, since=since)


def article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _mark(instance.pk)


def part_changed(sender, instance, raw=False, **kwargs):
    """A body block or a correction (its language's) or a byline, tag or related link (every
    language)."""
    if raw:
        return
    article_id = getattr(instance, "article_id", None) or getattr(
        instance, "content_object_id", None
    )
    _mark(article_id, getattr(instance, "language", None))


def connect():
    from articles import signals as article_signals
    from articles.models import Article, ArticleAuthor, ArticleTag, Block, RelatedArticle
    from corrections.models import Correction

    article_signals.went_live.connect(went_live, dispatch_uid="webhooks-went-live")
    article_signals.went_offline.connect(went_offline, dispatch_uid="webhooks-went-offline")
    post_save.connect(article_saved, sender=Article, dispatch_uid="webhooks-article")
    # A correction is in the API's article too, and often the change partners most need.
    for part in (Block, ArticleAuthor, ArticleTag, RelatedArticle, Correction):
        uid = f"webhooks-{part.__name__}"
        post_save.connect(part_changed, sender=part, dispatch_uid=f"{uid}-save")
        post_delete.connect(part_changed, sender=part, dispatch_uid=f"{uid}-delete")
