"""Daily sums of impressions and clicks: per Kyiv day, buffered in Redis, never lost by a flush."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import DatabaseError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from ads import counters
from ads.models import Creative, DailyStat, FlushedBatch
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
    """If the database write fails, the batch stays in Redis and the next flush writes it."""
    creative = book("sidebar_top")
    counters.count(counters.IMPRESSION, creative.pk)

    def broken(*args, **kwargs):
        raise DatabaseError("database went away")

    monkeypatch.setattr(counters, "add", broken)
    with pytest.raises(DatabaseError):
        counters.flush()
    assert counters.pending() == {(creative.pk, "impressions"): 1}
    assert not FlushedBatch.objects.exists()  # rolled back with the counts
    monkeypatch.undo()
    counters.count(counters.IMPRESSION, creative.pk)
    counters.flush()
    assert DailyStat.objects.get(creative=creative).impressions == 2
    assert counters.pending() == {}


def test_a_batch_written_before_a_crash_is_not_written_again(redis_counts, monkeypatch):
    """A flush that died after its commit but before deleting its batch leaves the batch in
    Redis; the next flush recognises it and drops it instead of counting it twice."""
    creative = book("sidebar_top")
    for _ in range(5):
        counters.count(counters.IMPRESSION, creative.pk)
    with monkeypatch.context() as crash:
        crash.setattr(type(redis_counts), "delete", lambda self, *keys: 0)
        counters.flush()
    assert DailyStat.objects.get(creative=creative).impressions == 5
    assert counters.pending() == {(creative.pk, "impressions"): 5}  # the batch is still there
    counters.count(counters.IMPRESSION, creative.pk)
    counters.flush()
    assert DailyStat.objects.get(creative=creative).impressions == 6
    assert counters.pending() == {}


def test_a_batch_another_flush_has_written_is_dropped(redis_counts):
    """Two hosts flushing the same leftover batch: its id lets only one of them write it."""
    creative = book("sidebar_top")
    for _ in range(3):
        counters.count(counters.IMPRESSION, creative.pk)
    live, batch_prefix = counters._keys()
    redis_counts.rename(live, f"{batch_prefix}left-by-a-crash")
    FlushedBatch.objects.create(id="left-by-a-crash")  # the other host has written it
    assert counters.flush() == 0
    assert not DailyStat.objects.exists()
    assert counters.pending() == {}


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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_counting_a_deleted_creatives_view_never_raises(settings):
    """A view counted for a creative deleted a moment ago is dropped, even inside a
    transaction, where the database would check the foreign key only at commit."""
    settings.ADS_COUNTS_REDIS_URL = ""
    creative = book("sidebar_top")
    Creative.objects.filter(pk=creative.pk).delete()
    with transaction.atomic():
        assert counters.count(counters.IMPRESSION, creative.pk)
    assert not DailyStat.objects.exists()
