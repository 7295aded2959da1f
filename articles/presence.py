"""Who has an article open in the admin right now ("Oksana is editing since 12:03").

Kept in the shared cache (Redis in production), so every app server sees every editor. Each
open form refreshes its entry with a heartbeat; leaving the page removes it, and an entry not
refreshed for two minutes (a crashed browser, a lost connection) is gone.
"""

from django.core.cache import cache
from django.utils import timezone

STALE_AFTER = 120  # seconds without a heartbeat


def _key(article_pk, user_pk):
    return f"editing:{article_pk}:{user_pk}"


def _index(article_pk):
    return f"editing:{article_pk}"


def touch(article_pk, user) -> None:
    """Record that `user` has the article open (keeping the time they started)."""
    key = _key(article_pk, user.pk)
    entry = cache.get(key) or {
        "name": user.get_full_name() or user.get_username(),
        "since": timezone.now().isoformat(),
    }
    cache.set(key, entry, STALE_AFTER)
    ids = set(cache.get(_index(article_pk)) or ()) | {user.pk}
    cache.set(_index(article_pk), sorted(ids), STALE_AFTER * 5)


def leave(article_pk, user) -> None:
    """`user` closed the form or went elsewhere: nobody is told they are editing any more."""
    cache.delete(_key(article_pk, user.pk))


def others(article_pk, user) -> list[dict]:
    """The other people with the article open: [{"name": …, "since": datetime}]."""
    found = []
    for user_pk in cache.get(_index(article_pk)) or ():
        if user_pk == user.pk:
            continue
        entry = cache.get(_key(article_pk, user_pk))
        if entry:
            found.append(
                {"name": entry["name"], "since": timezone.datetime.fromisoformat(entry["since"])}
            )
    return sorted(found, key=lambda e: e["since"])
