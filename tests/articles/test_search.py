"""Site search per language: live versions only, title matches first, highlighted snippets,
filters, and a friendly page for any query."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import search
from articles.models import Article, Block
from tests.distribution import assert_only_live, cast  # noqa: F401  (the fixture)
from tests.factories import SectionFactory, TagFactory, live_article, tag_article

pytestmark = pytest.mark.django_db
PREFIX = {"uk": "", "ru": "/ru", "en": "/en"}


def index_everything():
    """What the after-commit signals do in production (tests roll back instead of commit)."""
    search.update_index(Article.objects.values_list("pk", flat=True))


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def results(client, url):
    """Only the result list of the page (the sidebar's recent news would find anything)."""
    page = page_of(client, url)
    start = page.find('<ol class="search-results">')
    return page[start : page.index("</ol>", start)] if start >= 0 else ""


@pytest.mark.parametrize("language", ["uk", "ru", "en"])
def test_search_finds_live_versions_of_its_language_only(client, cast, language):  # noqa: F811
    """ "Zorya" finds the live article of the language, never a draft, a scheduled, an
    unpublished or another language's version — the scheduled one from its minute."""
    index_everything()
    url = f"{PREFIX[language]}/search/?q=Zorya"
    assert_only_live(results(client, url), language)
    with time_machine.travel(cast["at"]):
        assert_only_live(results(client, url), language, scheduled_live=True)


FIXTURE = {
    # language: (query, title word, body word)
    "uk": ("переправа", "Нова переправа через річку", "Міст стане переправа для всіх"),
    "ru": ("переправа", "Новая переправа через реку", "Мост станет переправа для всех"),
    "en": ("crossing", "A new crossing over the river", "The bridge becomes a crossing for all"),
}


@pytest.mark.parametrize("language", ["uk", "ru", "en"])
def test_title_matches_come_first_then_the_newest(client, language):
    """Two title matches (newest first) rank above a newer article that has the word only in
    its text; an article without it is not found."""
    query, in_title, in_body = FIXTURE[language]
    now = timezone.now()

    def article(title, body, hours):
        found = live_article([language], at=now - timedelta(hours=hours))
        setattr(found, f"title_{language}", title)
        found.save()
        Block.objects.create(article=found, language=language, kind="paragraph", text=body)
        return found

    old_title = article(f"{in_title} (1)", "<p>Текст.</p>", 30)
    body_only = article("Something else entirely", f"<p>{in_body}</p>", 1)
    new_title = article(f"{in_title} (2)", "<p>Текст.</p>", 10)
    article("Unrelated", "<p>Nothing here.</p>", 2)
    index_everything()
    page = results(client, f"{PREFIX[language]}/search/?q={query}")
    order = [page.find(getattr(a, f"title_{language}")) for a in (new_title, old_title, body_only)]
    assert -1 not in order and order == sorted(order), order
    assert "Unrelated" not in page
    assert "<mark>" in page


def test_russian_and_english_find_other_forms_of_a_word(client):
    """Stemming: "мостов" finds "мост", "bridges" finds "bridge" (PostgreSQL); on SQLite the
    fallback matches the part of the word they share."""
    article = live_article(["ru", "en"], title_ru="Ремонт моста", title_en="Bridge repair")
    index_everything()
    query_ru, query_en = ("мостов", "bridges") if search.postgres() else ("мост", "bridge")
    assert article.title_ru in results(client, f"/ru/search/?q={query_ru}")
    assert article.title_en in results(client, f"/en/search/?q={query_en}")


@pytest.mark.parametrize(
    "query",
    [
        "((((",
        "x" * 5000,
        "слово " * 900,
        "the of and",  # only stop words in English
        "и в на",  # only stop words in Russian
        "'; DROP TABLE articles_article; --",
        '" OR 1=1 --',
        "<script>alert(1)</script>",
        "&&& ||| !!! :*",
        "",
    ],
)
def test_any_query_gives_a_friendly_page(client, cast, query):  # noqa: F811
    """Brackets, 5 KB of text, stop words, SQL, markup, operators or nothing: 200 with a
    message, in few queries, with the query never echoed unescaped."""
    index_everything()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert any(
        message in page
        for message in ["Nothing found", "Type a word or two", "only its first words"]
    ), query[:20]
    # Results take at most three queries (title matches, their count, the rest); PostgreSQL
    # adds the time limit's SAVEPOINT, SET, reset and RELEASE, and the snippets; the first
    # page of a minute reads the next scheduled change (it caps cache lifetimes).
    assert len(queries) <= 13
    if len(query) > 100:
        assert "only its first words" in page
    assert Article.objects.exists()  # and the database is still there


def test_snippets_highlight_the_words_and_escape_the_text(client):
    """The snippet marks the query's words and shows the article's own "<" as text."""
    article = live_article(["en"], title_en="Budget vote")
    Block.objects.create(
        article=article,
        language="en",
        kind="paragraph",
        text="<p>Deputies agreed that 5 &lt; 6 and voted for the zoryan plan.</p>",
    )
    index_everything()
    page = results(client, "/en/search/?q=zoryan")
    assert "<mark>zoryan</mark>" in page
    assert "5 &lt; 6" in page and "5 < 6" not in page


def test_filters_by_section_and_dates(client):
    """A section and a Kyiv date range narrow the results; reversed dates are explained."""
    politics, sport = SectionFactory(), SectionFactory()
    now = timezone.localtime()
    recent = live_article(["en"], section=politics, title_en="Zoryan recent", at=now)
    old = live_article(["en"], section=politics, title_en="Zoryan old", at=now - timedelta(days=10))
    other = live_article(["en"], section=sport, title_en="Zoryan sport", at=now)
    index_everything()
    page = results(client, f"/en/search/?q=zoryan&section={politics.slug}")
    assert recent.title_en in page and old.title_en in page and other.title_en not in page
    since = (now - timedelta(days=2)).date().isoformat()
    page = results(client, f"/en/search/?q=zoryan&since={since}")
    assert recent.title_en in page and other.title_en in page and old.title_en not in page
    until = (now - timedelta(days=5)).date().isoformat()
    page = results(client, f"/en/search/?q=zoryan&until={until}")
    assert old.title_en in page and recent.title_en not in page
    page = page_of(client, f"/en/search/?q=zoryan&since={since}&until={until}")
    assert "The end date comes before the start date." in page
    page = page_of(client, "/en/search/?q=zoryan&section=no-such&since=garbage")
    assert 'role="alert"' in page


def test_result_pages_are_paged_and_cost_a_fixed_number_of_queries(client, steady_minute):
    """25 matches: 20 on the first page with a link to the second, which has the other 5;
    the first page takes no more queries than with 3 matches."""
    for index in range(3):
        live_article(["en"], title_en=f"Zoryan story {index}")
    index_everything()
    client.get("/en/search/?q=zoryan")  # the sections menu and the ad plan are cached after it
    with CaptureQueriesContext(connection) as few:
        client.get("/en/search/?q=zoryan")
    for index in range(3, 25):
        live_article(["en"], title_en=f"Zoryan story {index}")
    index_everything()
    with CaptureQueriesContext(connection) as many:
        first = page_of(client, "/en/search/?q=zoryan")
    # A full page of title matches needs one results query; a short one also fetches the rest.
    assert len(many) <= len(few) <= 12
    assert first.count('<li>\n    <h2><a href="') == 20
    assert 'rel="next" href="?q=zoryan&amp;page=2"' in first
    assert results(client, "/en/search/?q=zoryan&page=2").count('<li>\n    <h2><a href="') == 5


def test_search_pages_are_kept_out_of_search_engines(client):
    """Header and meta both say noindex."""
    response = client.get("/search/?q=x")
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex, follow">' in response.content.decode()


def test_the_index_follows_every_change_after_commit(client, django_capture_on_commit_callbacks):
    """A new block's words, a renamed tag and an edited title are searchable as soon as the
    change is committed — no command to run."""
    with django_capture_on_commit_callbacks(execute=True):
        article = live_article(["en"], title_en="Council meeting")
        Block.objects.create(
            article=article, language="en", kind="paragraph", text="<p>Quarry permits.</p>"
        )
        tag = TagFactory(name_en="Zoning")
        tag_article(article, tag)
    assert "Council meeting" in results(client, "/en/search/?q=quarry")
    assert "Council meeting" in results(client, "/en/search/?q=zoning")
    with django_capture_on_commit_callbacks(execute=True):
        tag.name_en = "Planning"
        tag.save()
    assert "Council meeting" in results(client, "/en/search/?q=planning")
    assert "Council meeting" not in results(client, "/en/search/?q=zoning")
    with django_capture_on_commit_callbacks(execute=True):
        article.title_en = "Quorum reached"
        article.save()
    assert "Quorum reached" in results(client, "/en/search/?q=quorum")


def test_the_rebuild_command_indexes_existing_articles(client):
    """`rebuild_search_index` fills the index of articles saved before search existed."""
    from io import StringIO

    from django.core.management import call_command

    article = live_article(["en"], title_en="Archive piece")
    Block.objects.create(article=article, language="en", kind="paragraph", text="<p>Heron.</p>")
    assert "Archive piece" not in results(client, "/en/search/?q=heron")
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Archive piece" in results(client, "/en/search/?q=heron")
    assert out.getvalue().strip() == "Search index rebuilt: 1 language versions of 1 articles."


def test_a_search_that_runs_too_long_is_stopped_with_a_message(client, monkeypatch):
    """If the database gives up on a search (the time limit), the reader gets a 200 page that
    asks for a narrower search."""
    from django.db import OperationalError

    live_article(["en"], title_en="Zoryan news")
    index_everything()

    def too_slow(*args, **kwargs):
        raise OperationalError("canceling statement due to statement timeout")

    monkeypatch.setattr(search, "with_snippets", too_slow)
    page = page_of(client, "/en/search/?q=zoryan")
    assert "This search takes too long right now" in page


def test_the_time_limit_is_set_for_the_search_queries_only():
    """On PostgreSQL the limit (and no parallel workers) applies inside the search's
    transaction and ends with it."""
    from django.db import transaction

    if not search.postgres():
        with transaction.atomic(), search.time_limit():
            pass  # nothing to limit on SQLite: the fallback has no such setting
        return

    def show(cursor, setting):
        cursor.execute(f"SHOW {setting}")
        return cursor.fetchone()[0]

    with connection.cursor() as cursor:
        before = show(cursor, "statement_timeout"), show(cursor, "max_parallel_workers_per_gather")
        assert before[1] != "0"
        with transaction.atomic(), search.time_limit(1234):
            assert show(cursor, "statement_timeout") == "1234ms"
            assert show(cursor, "max_parallel_workers_per_gather") == "0"
        after = show(cursor, "statement_timeout"), show(cursor, "max_parallel_workers_per_gather")
        assert after == before


@pytest.mark.parametrize(
    "query_string",
    [
        "q=zoryan&until=9999-12-31",
        "q=zoryan&since=0001-01-01",
        "q=zoryan&page=%C2%B2",  # "²": a Unicode digit
        "q=zoryan&page=99999999999999999999",
        "q=%00zoryan",
        "q=zoryan&section=%00",
    ],
)
def test_odd_parameters_never_give_a_500(client, query_string):
    """Dates at the end of time, Unicode digits, huge pages and NUL bytes: a page or a 404."""
    live_article(["en"], title_en="Zoryan news")
    index_everything()
    assert client.get(f"/en/search/?{query_string}").status_code in (200, 404)


def test_merging_tags_moves_their_articles_in_the_index(client, django_capture_on_commit_callbacks):
    """After a merge the articles are found by the target tag's name, not the merged one's."""
    from tags.services import tag_merge

    with django_capture_on_commit_callbacks(execute=True):
        article = live_article(["en"], title_en="Harbour works")
        old, target = TagFactory(name_en="Quayside"), TagFactory(name_en="Waterfront")
        tag_article(article, old)
    assert "Harbour works" in results(client, "/en/search/?q=quayside")
    with django_capture_on_commit_callbacks(execute=True):
        tag_merge(target=target, others=[old], by=None)
    assert "Harbour works" in results(client, "/en/search/?q=waterfront")
    assert "Harbour works" not in results(client, "/en/search/?q=quayside")


def test_cyrillic_capitals_match_whatever_the_database(client):
    """ "україна" finds "Україна…", and "ЗОРЯН" finds "зорян" (SQLite folds only ASCII)."""
    live_article(["uk"], title_uk="Україна отримала нові зорянські літаки")
    index_everything()
    assert "Україна отримала" in results(client, "/search/?q=україна")
    assert "Україна отримала" in results(client, "/search/?q=ЗОРЯНСЬКІ")


def zoryan_stories(in_title, in_text, languages=("en",)):
    """Live stories with "zoryan" in the English title, newest first (minutes apart), and
    newer ones with it in the text only (seconds apart), indexed."""
    now = timezone.now()
    titled = [
        live_article(list(languages), title_en=f"Zoryan {i}", at=now - timedelta(minutes=i))
        for i in range(in_title)
    ]
    texted = []
    for i in range(in_text):
        story = live_article(list(languages), title_en=f"Other {i}", at=now - timedelta(seconds=i))
        Block.objects.create(article=story, language="en", kind="paragraph", text="<p>zoryan</p>")
        texted.append(story)
    index_everything()
    return titled, texted


def test_pages_continue_from_title_matches_into_the_rest_without_gaps(client):
    """23 title matches and 7 in the text only, 20 a page: page 1 has 20 title matches, page 2
    the last 3 then 7 others — each story exactly once, title matches first."""
    titled, texted = zoryan_stories(23, 7)
    first = search.search("en", "zoryan")[0:21]
    second = search.search("en", "zoryan")[20:41]
    assert [a.pk for a in first] == [a.pk for a in titled[:21]]
    assert [a.pk for a in second] == [a.pk for a in titled[20:]] + [a.pk for a in texted]
    beyond = search.search("en", "zoryan")[25:30]  # past every title match: counted, then offset
    assert [a.pk for a in beyond] == [a.pk for a in texted[2:7]]
    page_two = results(client, "/en/search/?q=zoryan&page=2")
    assert page_two.index("Zoryan 22") < page_two.index("Other 0")


@pytest.mark.parametrize("few_matches", [0, search.FEW_MATCHES])
def test_rare_words_are_read_from_the_index_with_the_same_results(client, monkeypatch, few_matches):
    """Matches read from the GIN index and sorted, or found by reading newest first: the same
    pages, title matches first, live versions of the language only."""
    monkeypatch.setattr(search, "FEW_MATCHES", few_matches)
    draft = live_article(["en"], title_en="Zoryan draft")
    draft.versions.update(status="draft")
    titled, texted = zoryan_stories(3, 22, languages=["en", "uk"])
    results = search.search("en", "zoryan")
    with CaptureQueriesContext(connection) as queries:
        first = results[0:21]
    sql = [query["sql"] for query in queries.captured_queries]
    # Read from the index: the matches with their title's own words, then a page by id; the
    # usual way tests the title part of each vector (ts_filter).
    narrowed = any("to_tsvector(" in one for one in sql) and not any(
        "ts_filter" in one for one in sql
    )
    # The GIN index is PostgreSQL's: elsewhere the same results come the one way there is.
    assert narrowed == (bool(few_matches) and search.postgres())
    assert [a.pk for a in first] == [a.pk for a in titled + texted[:18]]
    assert [a.pk for a in search.search("en", "zoryan")[20:41]] == [a.pk for a in texted[17:]]
    assert search.search("en", "zoryan").count() == 25
    assert search.search("uk", "zoryan")[0:21] == []


def test_only_few_matches_among_many_versions_are_read_from_the_index():
    """A word in 0.5% of a million versions is read from the index; one in 5% of them or in
    20% of 10,000 versions, the usual way."""
    assert search.few_enough(5_000, 1_000_000, 21)
    assert not search.few_enough(50_000, 1_000_000, 21)
    assert not search.few_enough(2_000, 10_000, 21)
    assert search.few_enough(20, 10_000, 21)
