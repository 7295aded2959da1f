"""What a reader's address says, checked for shape before Python or the database reads it.

Every value in a URL is text a stranger chose. Three traps made public pages answer 500:

* `str.isdigit()` accepts '²' and other digits `int()` refuses (and `int()` reads Arabic-Indic
  and fullwidth digits, which no address of ours contains); `int()` also refuses more than
  4,300 digits, and a number past 2**63 overflows any integer column.
* PostgreSQL refuses a NUL byte in any text (SQLite stores it): a slug, a code or a search
  filter with `%00` in it must not reach a query.
* Dates and times at the edges of the calendar (year 0, 99999, 9999-12-31 at UTC-23:59)
  overflow when converted to UTC.

So a number is ASCII digits of a bounded length, a slug is Django's slug alphabet, a date is
YYYY-MM-DD, a moment lies within the years the site can have news for; anything else is
refused where it is read (a 404 for a page address, a 400 from the API, or the parameter is
ignored where that is what a reader expects).
"""

import re
from datetime import UTC, date, datetime

from django.utils import timezone

# The largest value of a BigAutoField (and of PostgreSQL's bigint).
MAX_ID = 2**63 - 1
# As Django's `slug` path converter, bounded: the longest slug of any model is 100 characters.
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,255}")
# A day as the site writes it; `date.fromisoformat` alone also reads 20261130 and 2026-W48-1.
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# No news before or after these: a moment outside is refused before any conversion to UTC.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


def plain_int(value, *, low: int = 0, high: int = MAX_ID) -> int | None:
    """`value` as an int if it is ASCII digits only (no sign, space or other script's digits)
    between `low` and `high`; otherwise None."""
    if (
        not isinstance(value, str)
        or not value.isascii()
        or not value.isdigit()
        or len(value) > len(str(high))
    ):
        return None
    number = int(value)
    return number if low <= number <= high else None


def slug(value) -> str | None:
    """`value` if it can be a slug (ASCII letters, digits, '-' and '_'); otherwise None."""
    return value if isinstance(value, str) and SLUG.fullmatch(value) else None


def iso_date(value) -> date | None:
    """The date written YYYY-MM-DD in `value`, if it is one (2026-02-31 is not); else None."""
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def moment(value: datetime) -> datetime | None:
    """`value` made aware (a time without an offset is Kyiv time, as the site's) if it lies
    between EARLIEST and LATEST; otherwise None."""
    if timezone.is_naive(value):
        if not EARLIEST.replace(tzinfo=None) <= value <= LATEST.replace(tzinfo=None):
            return None
        value = timezone.make_aware(value)
    return value if EARLIEST <= value <= LATEST else None


class IdConverter:
    """`<id:pk>`: a database id in a path. Django's `int` converter takes any number of digits,
    and 10**40 then overflows the query (a 500); this one answers 404 past the largest id."""

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = plain_int(value, high=MAX_ID)
        if number is None:
            raise ValueError(value)  # no match: the resolver tries the next route, then 404s
        return number

    def to_url(self, value):
        return str(value)
