"""Derived data kept in step with the content: only cache purges here, after commit."""

from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal

from .context_processors import MENU_CACHE_KEY
from .models import LANGUAGE_CODES


def purge_menu(**kwargs):
    keys = [MENU_CACHE_KEY.format(language=code) for code in LANGUAGE_CODES]
    transaction.on_commit(lambda: cache.delete_many(keys))


# Sent after commit, once per publication, when a language version goes live (now, or at its
# scheduled minute via `publish_scheduled`) and when it leaves the site (unpublished or expired).
# Receivers purge what depends on it: page caches, CDN, search index. Arguments: `version`.
went_live = Signal()
went_offline = Signal()
