"""The article list: its rows, and the dates of its date hierarchy on a million articles."""

import bisect
import itertools
from datetime import datetime, timedelta

from django.contrib.admin.views.main import ChangeList
from django.db import connections
from django.db.models import Max, Min, Prefetch
from django.utils import timezone

from ..models import (
    ArticleQuerySet,
    LanguageVersion,
)


def _periods(first, last, kind, zone):
    """The starts of the years, months or days from `first` to `last`, aware in `zone`."""
    first, last = timezone.localtime(first, zone), timezone.localtime(last, zone)
    start = datetime(first.year, 1 if kind == "year" else first.month, 1)
    if kind == "day":
        start = start.replace(day=first.day)
    periods = []
    while start <= last.replace(tzinfo=None):
        periods.append(start)
        if kind == "year":
            start = start.replace(year=start.year + 1)
        elif kind == "month":
            start = start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
        else:
            start = start + timedelta(days=1)
    return [timezone.make_aware(period, zone) for period in [*periods, start]]


class ArticleListQuerySet(ArticleQuerySet):
    """The article list's rows. The dates of its date hierarchy (the years, the months of a
    year, the days of a month that have articles) are found by asking, for every period between
    the first and the last publication, for one row in it on the index of publication times:
    two queries on PostgreSQL (the first and last, then all periods in one UNION ALL), one per
    period elsewhere, instead of Django's `SELECT DISTINCT` of every row's truncated date, which
    reads the whole archive."""

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        if field_name != "publish_at" or kind not in ("year", "month", "day"):
            return super().datetimes(field_name, kind, order, tzinfo)
        zone = tzinfo or timezone.get_current_timezone()
        rows = self.prefetch_related(None).select_related(None).order_by()
        rows = rows.filter(publish_at__isnull=False)
        span = rows.aggregate(first=Min("publish_at"), last=Max("publish_at"))
        if span["first"] is None:
            return []
        bounds = _periods(span["first"], span["last"], kind, zone)
        probes = [
            rows.filter(publish_at__gte=start, publish_at__lt=end)
            .order_by("publish_at")
            .values_list("publish_at", flat=True)[:1]
            for start, end in itertools.pairwise(bounds)
        ]
        if len(probes) > 1 and connections[rows.db].features.supports_slicing_ordering_in_compound:
            found = list(probes[0].union(*probes[1:], all=True))
        else:
            found = [moment for probe in probes for moment in probe]
        # Each row found stands for the period it falls in.
        chosen = sorted({bisect.bisect_right(bounds, moment) - 1 for moment in found})
        periods = [bounds[index] for index in chosen]
        return periods[::-1] if order == "DESC" else periods


class ArticleChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        # The states column reads the versions' states and times, not their search text and
        # vectors (kilobytes each).
        queryset = queryset.prefetch_related(None).prefetch_related(
            Prefetch(
                "versions",
                queryset=LanguageVersion.objects.defer("search_text", "search_vector").order_by(
                    "language"
                ),
            )
        )
        queryset.__class__ = ArticleListQuerySet
        return queryset
