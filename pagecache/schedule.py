"""How long a page may be cached: never past the next moment its content changes by itself.

A scheduled version goes live at its minute and an expiring one leaves at its minute with no
purge at that instant (`publish_scheduled` runs up to a minute later), and the top bar's date
changes at midnight. So every cacheable response's lifetime is capped by the next of these:

- a published version's publication time or expiry time (any language: a version appearing
  changes the language switcher of its other languages too);
- an ad booking's start or end (a slot's box appears or goes);
- a live story's scheduled update (liveblog/);
- midnight in the newsroom's time zone.

The next moment is one small query over indexed columns, kept as a fragment under the
`schedule` key (purged whenever a version's state or a booking changes) until it passes.
"""

import contextvars
from datetime import datetime, timedelta

from django.db.models import Subquery
from django.utils import timezone

from . import keys, store

# Per request (set by the middleware): the moments already read, so that the page's fragments
# and its headers ask the cache once.
_memo: contextvars.ContextVar[dict | None] = contextvars.ContextVar("schedule_memo", default=None)


def moments(now: datetime | None = None) -> dict:
    """{"change": the next moment any page may change by itself, "expiry": the next moment a
    story leaves by itself, or None}."""
    now = now or timezone.now()
    name = f"schedule:{now:%Y%m%d%H%M}"
    memo = _memo.get()
    found = memo.get(name) if memo is not None else None
    if found is None or _passed(found, now):
        # Its keys are known: the entry and their marks in one read.
        prefetched = store.prefetch([name], expected_keys=[keys.SCHEDULE, keys.ALL])
        found = store.fragment(name, lambda: _moments(now), timeout=60, prefetched=prefetched)
        if _passed(found, now):
            found = _moments(now)  # one of them passed since it was cached
        if memo is not None:
            memo[name] = found
    return found


def _passed(found, now):
    return found["change"] <= now or (found["expiry"] is not None and found["expiry"] <= now)


def remember():
    """Begin a request's memo; `forget(token)` ends it."""
    return _memo.set({})


def forget(token):
    _memo.reset(token)


def next_change(now: datetime | None = None) -> datetime:
    return moments(now)["change"]


def _moments(now: datetime) -> dict:
    from ads.models import Creative
    from articles.models import LanguageVersion, Section, Status
    from liveblog.models import LiveUpdate

    keys.add(keys.SCHEDULE)

    def first(queryset, field):
        # The first entry of an index range: constant time at any archive size.
        return Subquery(queryset.filter(**{f"{field}__gt": now}).order_by(field).values(field)[:1])

    # Trashed articles are not left out: that would need a join, and their times can only end
    # a cache lifetime early. One query for the five, hung on the first section (every article
    # has one, so without sections there is nothing to schedule).
    published = LanguageVersion.objects.filter(status=Status.PUBLISHED)
    running = Creative.objects.filter(is_active=True)
    # A live story's scheduled update appears at its minute too (liveblog/).
    updates = LiveUpdate.objects.filter(status=LiveUpdate.Status.PUBLISHED)
    row = (
        Section.objects.annotate(
            publication=first(published, "publish_at"),
            expiry=first(published, "unpublish_at"),
            booking_start=first(running, "starts_at"),
            booking_end=first(running, "ends_at"),
            live_update=first(updates, "publish_at"),
        )
        .values("publication", "expiry", "booking_start", "booking_end", "live_update")
        .first()
    ) or {}
    candidates = [moment for moment in row.values() if moment is not None]
    return {
        "change": min([*candidates, _next_midnight(now)]),
        "expiry": row.get("expiry"),
    }


def _next_midnight(now: datetime) -> datetime:
    local = timezone.localtime(now)
    tomorrow = local.date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))
