"""Derived data kept in step with the content: only cache purges here, after commit."""

from django.core.cache import cache
from django.db import transaction

from .context_processors import MENU_CACHE_KEY
from .models import LANGUAGE_CODES


def purge_menu(**kwargs):
    keys = [MENU_CACHE_KEY.format(language=code) for code in LANGUAGE_CODES]
    transaction.on_commit(lambda: cache.delete_many(keys))
