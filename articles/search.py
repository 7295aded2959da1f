"""Site search over live versions of one language: titles, leads, body text, tags and authors.

On PostgreSQL each language version keeps a weighted `tsvector` (title A, lead B, the rest C)
under a GIN index, built with the language's text-search configuration: `english` and `russian`
stem words; PostgreSQL has no Ukrainian dictionary, so Ukrainian uses `simple` (whole words,
no stemming, no stop words). Queries are parsed by `websearch_to_tsquery`, which accepts any
input (quotes, `-word`, stray brackets) without a syntax error. Elsewhere (SQLite, the zero-setup
default) every word of the query must appear in the title, lead or text, case-insensitively.

Results: title matches first, then the newest; each with a snippet, words highlighted.
The vectors are derived data, rebuilt after commit whenever an article, its blocks, tags or
authors change (signals.py), and by `python manage.py rebuild_search_index`.
"""

import functools
import html
import re
from contextlib import contextmanager
from datetime import timedelta

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchVector,
    SearchVectorExact,
    SearchVectorField,
)
from django.db import connection
from django.db.models import DateTimeField, ExpressionWrapper, F, Func, Q, TextField, Value
from django.db.models.functions import Coalesce
from django.utils.html import strip_tags

from .models import Article, LanguageVersion
from .pagination import MAX_PAGE, planner_estimate

CONFIG = {"uk": "simple", "ru": "russian", "en": "english"}
MAX_QUERY_CHARS = 100
MAX_QUERY_WORDS = 10
SNIPPET_CHARS = 220
SEARCH_TIMEOUT_MS = 3000
INDEX_BATCH = 200
NEWEST = ("-published_at", "-id")
# At most this many matches are read from the GIN index to be sorted (see _few_matches).
FEW_MATCHES = 5_000
# The deepest result a reader can ask for: paginate's last page, and its one row more.
MAX_STOP = MAX_PAGE * 21
# Marks around the words ts_headline highlights: control characters no text contains, so the
# snippet can be escaped as a whole and only these turned into <mark>.
START, STOP = "\x02", "\x03"


def postgres() -> bool:
    return connection.vendor == "postgresql"


@contextmanager
def time_limit(milliseconds=None):
    """Inside a transaction: PostgreSQL cancels a search query that runs longer (the caller
    shows a message), so no query can hold a connection for long.

    Parallel workers are off for these queries too: they are short, and starting workers
    cost more than they saved (reading the thousand matches of a rare word at a million
    articles: 16–28 ms with two workers, 8 ms without) while taking cores from other requests.
    """
    if postgres():
        with connection.cursor() as cursor:
            limit = int(milliseconds or SEARCH_TIMEOUT_MS)
            cursor.execute(
                f"SET LOCAL statement_timeout = {limit}; "
                "SET LOCAL max_parallel_workers_per_gather = 0"
            )
    yield
    if postgres():
        # Back to the defaults for the rest of an enclosing transaction, if there is one (an
        # error instead rolls the savepoint back, and the settings with it).
        with connection.cursor() as cursor:
            cursor.execute(
                "SET LOCAL statement_timeout TO DEFAULT; "
                "SET LOCAL max_parallel_workers_per_gather TO DEFAULT"
            )


def clean_query(raw: str) -> tuple[str, bool]:
    """(the query to run, whether it was shortened): whitespace collapsed, at most 10 words and
    100 characters, so that pasted pages of text cost no more than a short query."""
    words = (raw or "").split()
    query = " ".join(words[:MAX_QUERY_WORDS])[:MAX_QUERY_CHARS].strip()
    return query, query != " ".join(words)


# --- keeping the index ----------------------------------------------------------------------


def document(article, language) -> str:
    """The text of one language version besides title and lead: blocks, tags, authors."""
    parts = []
    for block in article.blocks.all():
        if block.language == language:
            parts += [strip_tags(block.text), block.attribution, block.items.replace("\n", " ")]
    parts += [getattr(item.tag, f"name_{language}") or "" for item in article.tagged_items.all()]
    parts += [getattr(byline.author, f"name_{language}") or "" for byline in article.bylines.all()]
    return html.unescape(" ".join(part for part in parts if part))


def update_index(article_ids) -> int:
    """Rebuild the search text and vectors of these articles' versions, 200 articles at a time
    (a renamed tag may carry thousands); returns the versions done."""
    ids = sorted({pk for pk in article_ids if pk is not None})
    done = 0
    for start in range(0, len(ids), INDEX_BATCH):
        done += _update_batch(ids[start : start + INDEX_BATCH])
    return done


def _update_batch(article_ids) -> int:
    articles = Article.objects.filter(pk__in=article_ids).prefetch_related(
        "blocks", "tagged_items__tag", "bylines__author", "versions"
    )
    done = 0
    for article in articles:
        for version in article.versions.all():
            code = version.language
            text = document(article, code)
            changes = {"search_text": text}
            if postgres():
                parts = [
                    (getattr(article, f"title_{code}") or "", "A"),
                    (getattr(article, f"lead_{code}") or "", "B"),
                    (text, "C"),
                ]
                vectors = [
                    SearchVector(Value(part), config=CONFIG[code], weight=weight)
                    for part, weight in parts
                ]
                changes["search_vector"] = vectors[0] + vectors[1] + vectors[2]
            LanguageVersion.objects.filter(pk=version.pk).update(**changes)
            done += 1
    return done


# --- searching ------------------------------------------------------------------------------


def search(language, query, *, section=None, since=None, until=None) -> "TitleFirst":
    """Live articles of `language` matching `query`: those matching in the title, newest first,
    then the others, newest first. Slice it for a page; give the page to `with_snippets`."""
    articles = Article.objects.live(language).select_related("section")
    if section is not None:
        articles = articles.filter(section=section)
    if since is not None:
        articles = articles.filter(published_at__gte=since)
    if until is not None:
        articles = articles.filter(published_at__lt=until)
    title, lead = f"title_{language}", f"lead_{language}"
    # F() on the version reuses the join of live(): the version searched is the live one of
    # this language (a second filter() on `versions__` would join any version).
    # alias(), not annotate(): filtered on, never sent back for every match.
    articles = articles.alias(
        vector=F("versions__search_vector"), body_text=F("versions__search_text")
    )
    if postgres():
        tsquery = SearchQuery(query, config=CONFIG[language], search_type="websearch")
        # The title is the vector's weight-A part: matching it costs no parsing per row.
        title_part = Func(
            F("vector"), Value("{a}"), function="ts_filter", output_field=SearchVectorField()
        )
        matches = articles.filter(vector=tsquery).alias(
            title_hit=SearchVectorExact(title_part, tsquery)
        )
        in_title = Q(title_hit=True)
        narrow = functools.partial(_few_matches, articles, language, tsquery)
    else:
        # SQLite's LIKE folds the case of ASCII letters only: compare casefolded text
        # (NEWSROOM_CASEFOLD is Python's str.casefold, registered in apps.py).
        words = [word.casefold() for word in query.split()]
        matches = articles.alias(
            title_folded=_casefold(title),
            lead_folded=_casefold(lead),
            body_folded=_casefold("body_text"),
        ).annotate(snippet_source=F("body_text"))
        for word in words:
            matches = matches.filter(
                Q(title_folded__contains=word)
                | Q(lead_folded__contains=word)
                | Q(body_folded__contains=word)
            )
        in_title = Q()
        for word in words:
            in_title &= Q(title_folded__contains=word)
        narrow = None
    return TitleFirst(
        matches.filter(in_title).order_by(*NEWEST),
        matches.exclude(in_title).order_by(*NEWEST),
        narrow=narrow,
    )


def few_enough(matches: int, versions: int, stop: int) -> bool:
    """Whether reading `matches` from the GIN index (and sorting them) beats reading `versions`
    newest first until `stop` results are found (see `_few_matches`)."""
    return matches**2 <= 5 * stop * versions


def _few_matches(articles, language, tsquery, stop):
    """For a word few versions contain: (the title matches, the others) as lists of article
    ids, newest first, read from the GIN index in one query; None for a commoner word.

    Results are newest first, and for a common word PostgreSQL reads the index of publication
    time backwards, testing each version's vector until it has the page. For a rare word that
    means reading thousands of vectors for a page of results (at a million articles, 37,000 for
    a word in 0.1% of them: 400 ms), while the GIN index names the few matches at once. Reading
    the matches costs about what they number; reading backwards about `stop` × versions ÷
    matches: the GIN index is the cheaper way when matches² < `stop` × versions. PostgreSQL's
    own estimate of the matches decides (an EXPLAIN: no row read), with room for it being
    several times too high for a rare word, as it is (8,400 for 1,008); at most FEW_MATCHES
    are read, and past them the usual query runs.

    The one query applies every condition of the results (live here, section, dates) and says
    for each match its time and whether the title matches (the title's own words, short and
    stored in the row, rather than the title part of the whole vector): sorted here, a page of
    results is then one query for its articles by id."""
    # order_by(): in no order (the model's ordering would join every match to its article).
    versions = LanguageVersion.objects.filter(language=language, search_vector=tsquery).order_by()
    estimate = planner_estimate(versions.values("pk"))
    total = planner_estimate(LanguageVersion.objects.filter(language=language).values("pk"))
    if not few_enough(estimate, total, stop):
        return None
    title = SearchVector(Coalesce(F(f"title_{language}"), Value("")), config=CONFIG[language])
    # Newest first, by an expression no index has: on the index of publication time PostgreSQL
    # would again read the archive backwards; sorting a few thousand rows takes a millisecond.
    newest = ExpressionWrapper(
        F("published_at") + Value(timedelta(0)), output_field=DateTimeField()
    )
    found = list(
        articles.filter(vector=tsquery)
        .annotate(title_hit=SearchVectorExact(title, tsquery))
        .order_by(newest.desc(), "-id")
        .values_list("pk", "title_hit")[: FEW_MATCHES + 1]
    )
    if len(found) > FEW_MATCHES:
        return None
    return (
        ByIds(articles, [pk for pk, hit in found if hit]),
        ByIds(articles, [pk for pk, hit in found if not hit]),
    )


class ByIds:
    """Results known as article ids in their order: a slice is one query for its articles."""

    def __init__(self, articles, ids):
        self.articles = articles
        self.ids = ids

    def count(self) -> int:
        return len(self.ids)

    def __getitem__(self, window):
        ids = self.ids[window]
        if not ids:
            return []
        # Still live(): a story unpublished since the ids were read is left out, never shown.
        found = {article.pk: article for article in self.articles.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]


class TitleFirst:
    """Title matches, then the rest, each newest first — fetched as two ordered queries that
    stop at the page, instead of one query that must rank and sort every match (for a common
    word in a large archive, most of it). Slicing gives a list, as `paginate` expects.

    `narrow(stop)`, if given, may replace the two queries by cheaper ones for the results up to
    `stop` (see `_few_matches`); it runs when the results are first asked for, so inside the
    caller's time limit."""

    def __init__(self, in_title, elsewhere, *, narrow=None):
        self.in_title = in_title
        self.elsewhere = elsewhere
        self.narrow = narrow

    def _narrowed(self, stop):
        if self.narrow is not None:
            narrowed = self.narrow(stop)
            self.narrow = None
            if narrowed is not None:
                self.in_title, self.elsewhere = narrowed

    def count(self) -> int:
        self._narrowed(MAX_STOP)
        return self.in_title.count() + self.elsewhere.count()

    def __getitem__(self, window):
        start, stop = window.start or 0, window.stop
        self._narrowed(stop)
        rows = list(self.in_title[start:stop])
        if len(rows) == stop - start:
            return rows
        # The title matches end in or before this window; how many there are is known from
        # what came back, or (only when the window lies beyond them) from a count, which the
        # deepest page allowed keeps small.
        titles = start + len(rows) if rows else self.in_title.count()
        offset = max(0, start - titles)
        return rows + list(self.elsewhere[offset : offset + (stop - start) - len(rows)])


def _casefold(field):
    return Func(F(field), function="NEWSROOM_CASEFOLD", output_field=TextField())


def with_snippets(articles, language, query):
    """Give each article of a result page its `snippet`: safe HTML with the query's words in
    <mark>, from the lead if it matches there, else from the text. On PostgreSQL the snippets
    of the page are made in one more query, for these rows only: `ts_headline` is too slow to
    run on every match of a common word."""
    if not articles:
        return articles
    if not postgres():
        for article in articles:
            article.snippet = _fallback_snippet(article, language, query)
        return articles
    tsquery = SearchQuery(query, config=CONFIG[language], search_type="websearch")
    options = {"config": CONFIG[language], "start_sel": START, "stop_sel": STOP, "max_words": 30}
    headlines = {
        row["article_id"]: row
        for row in LanguageVersion.objects.filter(
            language=language, article_id__in=[article.pk for article in articles]
        )
        .annotate(
            lead_headline=SearchHeadline(
                Coalesce(F(f"article__lead_{language}"), Value("")), tsquery, **options
            ),
            body_headline=SearchHeadline("search_text", tsquery, **options),
        )
        .values("article_id", "lead_headline", "body_headline")
    }
    for article in articles:
        row = headlines.get(article.pk, {})
        lead = row.get("lead_headline") or ""
        text = lead if START in lead else row.get("body_headline")
        article.snippet = _marked(text or article.lead)
    return articles


def _marked(text):
    escaped = html.escape(text or "")
    return escaped.replace(START, "<mark>").replace(STOP, "</mark>")


def _fallback_snippet(article, language, query):
    words = [w for w in query.split() if w]
    lead = getattr(article, f"lead_{language}") or ""
    in_lead = any(w.lower() in lead.lower() for w in words)
    source = lead if in_lead else article.snippet_source or lead
    lowered = source.lower()
    first = min((lowered.find(w.lower()) for w in words if w.lower() in lowered), default=0)
    start = max(0, first - SNIPPET_CHARS // 3)
    piece = source[start : start + SNIPPET_CHARS]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    marked = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", piece)
    return (
        ("…" if start else "")
        + _marked(marked)
        + ("…" if start + SNIPPET_CHARS < len(source) else "")
    )
