"""Daily sums of impressions and clicks: per Kyiv day, buffered in Redis, never lost by a flush."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import QuerySet
from django.utils import timezone

from ads import counters
from ads.models import Creative, DailyStat
from tests.factories import book

pytestmark = pytest.mark.django_db
KYIV = ZoneInfo("Europe/Kyiv")


def totals():
    return {
        (row.creative_id, row.day): (row.impressions, row.clicks) for row in DailyStat.objects.all()
    }


@pytest.mark.parametrize("buffered", [False, True], ids=["database", "redis"])
def test_counts_fall_on_the_kyiv_day(settings, request, buffered):
    """A view at 23:59:59 Kyiv time counts for that day, one a second later for the next
    (although both are the same UTC date)."""
    if buffered:
        request.getfixturevalue("redis_counts")
    else:
        settings.ADS_COUNTS_REDIS_URL = ""
    creative = book("sidebar_top")
    with time_machine.travel(datetime(2026, 11, 27, 23, 59, 59, tzinfo=KYIV), tick=False):
        counters.count(counters.IMPRESSION, creative.pk)
    with time_machine.travel(datetime(2026, 11, 28, 0, 0, 0, tzinfo=KYIV), tick=False):
        counters.count(counters.IMPRESSION, creative.pk)
        counters.count(counters.CLICK, creative.pk)
    counters.flush()
    assert totals() == {
        (creative.pk, date(2026, 11, 27)): (1, 0),
        (creative.pk, date(2026, 11, 28)): (1, 1),
    }


def test_a_flush_adds_to_what_earlier_flushes_wrote(redis_counts):
    """Two flushes of 3 and 2 views leave 5 in the day's one row."""
    creative = book("sidebar_top")
    for views in (3, 2):
        for _ in range(views):
            counters.count(counters.IMPRESSION, creative.pk)
        call_command("flush_ad_counts", verbosity=0)
    assert DailyStat.objects.get(creative=creative).impressions == 5
    assert DailyStat.objects.count() == 1


def test_views_counted_during_a_flush_wait_for_the_next(redis_counts, monkeypatch):
    """Views that arrive while a flush writes to the database are neither lost nor doubled."""
    creative = book("sidebar_top")
    for _ in range(4):
        counters.count(counters.IMPRESSION, creative.pk)
    original_add = counters.add

    def add_while_readers_keep_reading(*args, **kwargs):
        original_add(*args, **kwargs)
        for _ in range(3):
            counters.count(counters.IMPRESSION, creative.pk)

    monkeypatch.setattr(counters, "add", add_while_readers_keep_reading)
    counters.flush()
    assert DailyStat.objects.get(creative=creative).impressions == 4
    assert counters.pending() == {(creative.pk, "impressions"): 3}
    monkeypatch.setattr(counters, "add", original_add)
    counters.flush()
    assert DailyStat.objects.get(creative=creative).impressions == 7
    assert counters.pending() == {}


def test_a_failed_flush_keeps_the_counts_for_the_next(redis_counts, monkeypatch):
    """If the database write fails, the sums stay in Redis and the next flush writes them."""
    creative = book("sidebar_top")
    counters.count(counters.IMPRESSION, creative.pk)

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(counters, "add", broken)
    with pytest.raises(RuntimeError):
        counters.flush()
    assert counters.pending() == {(creative.pk, "impressions"): 1}
    monkeypatch.undo()
    counters.flush()
    assert DailyStat.objects.get(creative=creative).impressions == 1


def test_only_one_flush_runs_at_a_time(redis_counts):
    """While another host holds the flush lock, a flush writes nothing and keeps the counts."""
    creative = book("sidebar_top")
    counters.count(counters.IMPRESSION, creative.pk)
    _hash, lock = counters._keys()
    redis_counts.set(lock, "another-host", ex=60)
    assert counters.flush() == 0
    assert not DailyStat.objects.exists()
    assert counters.pending() == {(creative.pk, "impressions"): 1}
    redis_counts.delete(lock)
    assert counters.flush() == 1


def test_counts_of_a_deleted_creative_are_dropped(redis_counts):
    """Sums left for a creative deleted before the flush are dropped; the others are written."""
    kept, gone = book("sidebar_top"), book("sidebar_top")
    counters.count(counters.IMPRESSION, kept.pk)
    counters.count(counters.IMPRESSION, gone.pk)
    Creative.objects.filter(pk=gone.pk).delete()
    counters.flush()
    assert list(DailyStat.objects.values_list("creative_id", "impressions")) == [(kept.pk, 1)]
    assert counters.pending() == {}


def test_the_database_counter_finds_the_row_another_server_just_made(settings, monkeypatch):
    """If another server creates the day's row between our UPDATE and INSERT, ours is added
    to it instead of failing or making a second row."""
    settings.ADS_COUNTS_REDIS_URL = ""
    creative = book("sidebar_top")
    real_update = QuerySet.update
    calls = []

    def someone_was_faster(queryset, **changes):
        updated = real_update(queryset, **changes)
        if not calls:  # our first UPDATE found no row; the other server's INSERT lands now
            DailyStat.objects.create(creative=creative, day=timezone.localdate(), impressions=5)
        calls.append(updated)
        return updated

    monkeypatch.setattr(QuerySet, "update", someone_was_faster)
    assert counters.count(counters.IMPRESSION, creative.pk)
    assert calls == [0, 1]  # UPDATE, INSERT refused by the unique constraint, UPDATE
    assert DailyStat.objects.get(creative=creative).impressions == 6
