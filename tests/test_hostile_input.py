"""No address gives a server error: every public route, with hostile values in each path segment
and in the query parameters it reads, in every language, answers below 500.

The routes come from the URL resolver, so a route added later is walked too. What each view
reads from the query string is recorded on a first request (a django-ninja API parses every
parameter present, so its OpenAPI document says what each operation reads)."""

import base64
import logging
import re
import sys
import traceback
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote_to_bytes

import ninja.parser
import pytest
from django.db import DataError, connection, transaction
from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import LocalePrefixPattern, RoutePattern
from django.utils import datastructures, timezone, translation
from django.utils.datastructures import MultiValueDict
from django.utils.encoding import repercent_broken_unicode

from ads.models import Slot
from articles.models import LANGUAGE_CODES, Block
from newsroom import params
from tests.factories import (
    AuthorFactory,
    SectionFactory,
    TagFactory,
    book,
    live_article,
    sign,
    tag_article,
)

pytestmark = pytest.mark.django_db
# Where a failure is reported: the innermost frame of the project's own code (see _is_ours).
ROOT = str(Path(__file__).resolve().parent.parent)

# Staff-only routes are left out: the admin is behind a login (an anonymous request only ever
# gets its login redirect) and is not what strangers' links reach. Named by namespace and by
# address prefix, so that a new public route is never skipped by accident.
STAFF_NAMESPACES = {"admin"}
STAFF_PREFIXES = ("admin/",)


def _cursor(text):
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


# Values as they travel in an address (percent-encoded where a browser would encode them).
HOSTILE = [
    "%00",
    "a%00b",  # NUL: PostgreSQL refuses it in any text, SQLite does not (see _postgres_nul)
    "%C2%B2",  # '²': str.isdigit() says yes, int() says no
    "%D9%A3",  # Arabic-Indic three: int() reads it, \d matches it
    "%EF%BC%91",  # a fullwidth one
    "%FF",
    "%C0%AF",  # not UTF-8: a lone byte, an overlong '/'
    "-1",
    "0",
    "+1",
    "1.5",
    str(10**40),
    str(2**63),  # beyond any integer column
    "9" * 5000,  # beyond int()'s 4,300 digits
    "x" * 100_000,  # 100 kB
    "2026-02-31",
    "0000-01-01",
    "99999-01-01",
    "2026-W48-1",
    "9999-12-31T23:59:59-23:59",
    "0001-01-01T00:00:00%2B14:00",  # overflow on the way to UTC
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "%22%27%60",
    "..%2F..%2Fetc",
    "%0D%0ASet-Cookie:x=1",
    "%F0%9F%92%A5",
    # API cursors that decode: an overflowing moment, a naive one, an id beyond any column.
    _cursor("9999-12-31T23:59:59-23:59|1"),
    _cursor("2026-01-01T00:00:00|1"),
    _cursor(f"2026-01-01T00:00:00+00:00|{10**40}"),
]
# Read by some view somewhere, with a harmless value, and one no view knows. The first request
# to each route sends them all, so that a form bound only to a non-empty query reads its fields
# and a view reading one parameter only when another is valid reads both.
GENERIC_PARAMS = {
    "page": "1",
    "p": "1",
    "q": "kyiv",
    "section": "kyiv",
    "l": "uk",
    "s": "1",
    "preview": "",
    "cursor": "",
    "unknown": "x",
}


def _public_routes():
    """[(route with its language prefix, view name, language)] of every public URL pattern:
    an i18n route once per language, the others once."""
    found = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            for route, name in _walk(get_resolver().url_patterns, "", None):
                found.setdefault(route, (name, code))
    return [(route, name, code) for route, (name, code) in found.items()]


def _walk(patterns, prefix, namespace):
    for pattern in patterns:
        route = prefix + _route(pattern.pattern)
        if route.startswith(STAFF_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if inner not in STAFF_NAMESPACES:
                yield from _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            yield route, f"{namespace}:{pattern.name}" if namespace else pattern.name


def _route(pattern):
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix
    if isinstance(pattern, RoutePattern):
        return str(pattern._route)
    # A regular expression route (media files in development): each group becomes a segment.
    return re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", pattern.regex.pattern).strip("^$")


SEGMENT = re.compile(r"<(?:[^>:]+:)?(\w+)>")


def _fill(route, values):
    return "/" + SEGMENT.sub(lambda m: values[m[1]], route)


def _resolved(address, language):
    """The view the resolver sends `address` to (the path decoded as Django decodes it), or
    None for a 404."""
    path = repercent_broken_unicode(unquote_to_bytes(address)).decode()
    with translation.override(language):
        try:
            return resolve(path).view_name
        except Resolver404:
            return None


@pytest.fixture
def newsroom():
    """Something for every view to work on: one slug naming a section, a tag and an author, a
    live article in every language with all three and an embed, ads running on it. Returns
    addresses that give the path values of valid requests."""
    section = SectionFactory(slug="kyiv")
    tag, author = TagFactory(slug="kyiv"), AuthorFactory(slug="kyiv")
    article = live_article(LANGUAGE_CODES, section=section)
    tag_article(article, tag)
    sign(article, author)
    for code in LANGUAGE_CODES:
        Block.objects.create(
            article=article, language=code, kind="embed", url="https://t.me/kyiv/1", position=1
        )
    creative = book(*Slot.objects.values_list("code", flat=True), sections=[section])
    month = timezone.localtime(timezone.now() - timedelta(hours=1)).strftime("%Y-%m")
    return [
        article.get_absolute_url(),
        f"/news/date/{timezone.localdate():%Y-%m-%d}/",
        creative.get_absolute_url(),
        "/ads/slot/header/",
        f"/sitemap-articles-{month}.xml",
        f"/api/v1/articles/{article.pk}",
    ]


def _valid_values(routes, addresses):
    """{route: {segment: a valid value}}: from an address resolving to the route's view, else
    the shared slug for a slug and '1' for anything else."""
    by_name = {}
    for address in addresses:
        match = resolve(address)
        by_name[match.view_name] = {key: str(value) for key, value in match.kwargs.items()}
    values = {}
    for route, name, _language in routes:
        names = SEGMENT.findall(route)
        known = {**dict.fromkeys(names, "1"), "slug": "kyiv", **by_name.get(name, {})}
        values[route] = {segment: known[segment] for segment in names}
    return values


# Code that reads every query parameter present, whatever the view wants.
WALKERS = {datastructures.__file__, ninja.parser.__file__}


@pytest.fixture
def reads(monkeypatch):
    """The names of the query parameters read since the last clear()."""
    seen = set()

    def recording(method):
        def read(self, key, *args, **kwargs):
            # Walking every item (items(), dict(), django-ninja's parser) reads each key
            # present: that names none in particular.
            if sys._getframe(1).f_code.co_filename not in WALKERS:
                seen.add(key)
            return method(self, key, *args, **kwargs)

        return read

    for name in ("get", "getlist", "__getitem__", "__contains__"):
        monkeypatch.setattr(QueryDict, name, recording(getattr(MultiValueDict, name)))
    return seen


@pytest.fixture
def _postgres_nul():
    """PostgreSQL's rule on every database: text with a NUL byte is refused (SQLite stores it),
    so a NUL reaching a query fails here as it does in production."""

    def refuse_nul(execute, sql, values_of, many, context):
        for row in (values_of if many else [values_of]) or ():
            values = row.values() if isinstance(row, dict) else row or ()
            if any(isinstance(value, str) and "\x00" in value for value in values):
                raise DataError("A string literal cannot contain NUL (0x00) characters.")
        return execute(sql, values_of, many, context)

    with connection.execute_wrapper(refuse_nul):
        yield


@pytest.fixture
def _quiet_404s():
    """Thousands of 404 warnings are no news here (and slow the run); errors still log."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


def _api_params(client):
    """{route: [query parameter names]} of the django-ninja API, from its OpenAPI document."""
    schema = client.get("/api/v1/openapi.json").json()
    found = {}
    for path, operations in schema["paths"].items():
        route = re.sub(r"\{(\w+)\}", r"<\1>", path).lstrip("/")
        for operation in operations.values():
            found.setdefault(route, set()).update(
                parameter["name"]
                for parameter in operation.get("parameters", [])
                if parameter["in"] == "query"
            )
    return found


def _get(client, address, failures, expect=None):
    """The status of GET `address`; a 5xx, an exception or another status than `expect` is
    added to `failures` under the place that caused it.

    The test client keeps raising exceptions (rather than raise_request_exception = False,
    which would leave only a 500 and no clue): each is caught here with its traceback, so one
    run names every place that broke, with an address that breaks it. The savepoint keeps a
    database error (PostgreSQL aborts the transaction) from failing every later request."""
    try:
        with transaction.atomic():
            status = client.get(address).status_code
    except Exception as error:  # collected and reported by the test
        frames = traceback.extract_tb(error.__traceback__)
        ours = [frame for frame in frames if _is_ours(frame.filename)]
        frame = (ours or frames)[-1]
        place = f"{frame.filename}:{frame.lineno}: {type(error).__name__}: {str(error)[:200]}"
        failures.setdefault(place, (address, traceback.format_exc(limit=-8)))
        return None
    if status >= 500 or (expect is not None and status != expect):
        failures.setdefault(f"status {status}, not {expect or 'below 500'}", (address, ""))
    return status


def _is_ours(filename):
    """The project's own code: not a library, not this test."""
    return filename.startswith(ROOT) and "/.venv/" not in filename and "/tests/" not in filename


def _report(failures):
    return "\n\n".join(
        f"{place}\n  e.g. {address[:300]}\n{trace}" for place, (address, trace) in failures.items()
    )


# The parameters some view of each part is known to read: the recording works. The routes with
# no language prefix (feeds' and sitemaps' own, the API, ads) are in the Ukrainian part.
KNOWN_READS = {
    "uk": {"page", "q", "section", "since", "until", "l", "s", "preview", "p", "cursor"},
    "ru": {"page", "q", "section"},
    "en": {"page", "q", "section"},
}


# One part per language, so that parallel test processes share the work.
@pytest.mark.parametrize("language", LANGUAGE_CODES)
@pytest.mark.usefixtures("_postgres_nul", "_quiet_404s")
def test_no_public_address_gives_a_server_error(client, newsroom, reads, language):
    """Hostile path segments and query parameters (NUL, odd digits, broken UTF-8, huge numbers
    and texts, impossible dates) get a 4xx or a page, never a 5xx, on every public route in
    every language; a value a path converter refuses is a 404."""
    routes = [route for route in _public_routes() if route[2] == language]
    valid = _valid_values(routes, newsroom)
    api_params = _api_params(client)
    failures, read_somewhere = {}, set()
    for route, _name, language in routes:
        values = valid[route]
        address = _fill(route, values)
        reads.clear()
        generic = "&".join(f"{key}={value}" for key, value in GENERIC_PARAMS.items())
        _get(client, f"{address}?{generic}", failures)
        read = reads | api_params.get(route, set())
        read_somewhere |= read

        for segment in values:
            refused = False
            for value in HOSTILE:
                hostile = _fill(route, {**values, segment: value})
                if _resolved(hostile, language) is not None:
                    _get(client, hostile, failures)
                elif not refused:
                    # The path converter refuses it and no other route takes it: no view sees
                    # it. One such address is asked for real, and must be the 404 page.
                    refused = True
                    _get(client, hostile, failures, expect=404)

        # Every hostile value under every name at once (a view reads the last of repeated
        # names): what the middleware and any view walking the whole query make of them.
        everything = "&".join(f"{key}={value}" for key in GENERIC_PARAMS for value in HOSTILE)
        _get(client, f"{address}?{everything}", failures)
        # Then each value alone in each parameter the view reads.
        for key in sorted(read):
            for value in HOSTILE:
                _get(client, f"{address}?{key}={value}", failures)

    assert len(routes) > 12, "the resolver gave fewer routes than the site has"
    assert KNOWN_READS[language] <= read_somewhere
    assert not failures, f"server errors at {len(failures)} places:\n{_report(failures)}"


def test_the_reported_nul_in_an_archive_days_section_is_a_404(client):
    """/news/date/<day>/?section=%00 (a database error on PostgreSQL) is a 404, as an unknown
    section is; a real section still filters the day."""
    SectionFactory(slug="kyiv")
    day = f"/news/date/{timezone.localdate():%Y-%m-%d}/"
    assert client.get(f"{day}?section=%00").status_code == 404
    assert client.get(f"{day}?section=ky%00iv").status_code == 404
    assert client.get(f"{day}?section=kyiv").status_code == 200


def test_the_reported_superscript_section_of_an_ad_frame_is_ignored(client):
    """/ads/slot/header/?s=%C2%B2 ('²' passes isdigit(), not int()) serves the frame as if no
    section were given: the ad that runs everywhere still shows."""
    creative = book("header")
    for section in ("%C2%B2", "%D9%A3", "9" * 5000, "-1"):
        response = client.get(f"/ads/slot/header/?l=uk&s={section}")
        assert response.status_code == 200, section
        assert creative.get_absolute_url() in response.content.decode()


@pytest.mark.parametrize(
    "address",
    [
        f"/news/{10**40}/",
        f"/news/{2**63}/",
        f"/en/news/2026/11/30/{10**40}/",
        f"/news/2026/11/30/{'9' * 5000}/",
        "/news/%D9%A3/",
        "/news/date/2026-02-31/",
        "/news/date/0000-01-01/",
        "/news/date/99999-01-01/",
        "/news/date/2026-W48-1/",
        "/news/date/%D9%A2%D9%A0%D9%A2%D9%A6-11-30/",
        "/sitemap-articles-%D9%A2%D9%A0%D9%A2%D9%A6-11.xml",
        "/sitemap-articles-0000-01.xml",
        f"/sitemap-articles-2026-11.xml?p={'9' * 5000}",
        f"/news/?page={'9' * 5000}",
        "/news/?page=%C2%B2",
        f"/api/v1/articles/{10**40}",
    ],
)
def test_impossible_numbers_and_dates_in_an_address_are_a_404(client, address):
    """Ids past any column, digits of other scripts and impossible days find no page."""
    assert client.get(address).status_code == 404


def test_a_search_filter_with_a_nul_is_a_form_error(client):
    """A section filter no slug can be is explained on the search page, as an unknown one."""
    response = client.get("/en/search/?q=bridge&section=%00")
    assert response.status_code == 200
    assert response.context["form"].has_error("section", "invalid_choice")


@pytest.mark.parametrize(
    "query",
    [
        "since=9999-12-31T23:59:59-23:59",
        "since=0001-01-01T00:00:00%2B14:00",
        "since=1066-10-14T10:00:00Z",
        f"cursor={_cursor('9999-12-31T23:59:59-23:59|1')}",
        f"cursor={_cursor('2026-01-01T00:00:00|1')}",
        f"cursor={_cursor(f'2026-01-01T00:00:00+00:00|{10**40}')}",
        f"cursor={_cursor('2026-01-01T00:00:00+00:00|%C2%B2')}",
    ],
)
def test_the_api_refuses_moments_and_cursors_it_cannot_have_given(client, query):
    """A time at the calendar's edge, or a cursor naming one or an id past any column, is a
    400 with a message."""
    response = client.get(f"/api/v1/articles?{query}")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_the_api_reads_a_time_without_offset_as_kyiv_time(client):
    """`since` without an offset is Kyiv time (not a naive time reaching the database)."""
    article = live_article(["uk"])
    published = timezone.localtime(article.versions.get().publish_at)
    before = (published - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%S")
    after = (published + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%S")
    assert [a["id"] for a in client.get(f"/api/v1/articles?since={before}").json()["items"]] == [
        article.pk
    ]
    assert client.get(f"/api/v1/articles?since={after}").json()["items"] == []


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("7", 7),
        ("0007", 7),
        ("²", None),
        ("٣", None),
        ("１", None),
        ("-1", None),
        ("+1", None),
        (" 1", None),
        ("1.0", None),
        ("", None),
        ("9" * 5000, None),
        (str(2**63 - 1), 2**63 - 1),
        (str(2**63), None),
    ],
)
def test_plain_int_takes_ascii_digits_within_bounds_only(value, number):
    """Only plain ASCII digits within the bounds are a number."""
    assert params.plain_int(value) == number


def test_slug_and_day_helpers_refuse_what_no_address_of_ours_has():
    """A slug is Django's slug alphabet, a day is YYYY-MM-DD of the calendar."""
    assert params.slug("kyiv-2_news") == "kyiv-2_news"
    assert params.slug("ky\x00iv") is None and params.slug("київ") is None
    assert params.slug("x" * 256) is None and params.slug("") is None
    assert params.iso_date("2026-11-30").isoformat() == "2026-11-30"
    for day in ("2026-02-31", "20261130", "2026-W48-1", "٢٠٢٦-11-30", "0000-01-01"):
        assert params.iso_date(day) is None
