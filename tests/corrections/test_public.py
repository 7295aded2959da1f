"""Corrections and editor's notes where readers meet them: the article page, its structured
data, the full-text feed, the API and the public list, only ever for live versions."""

import html
import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from articles import services
from corrections import services as notes
from corrections.models import Correction
from tests.factories import ArticleFactory, live_article

from .conftest import PUBLISHED

pytestmark = pytest.mark.django_db


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


def add(article, language="uk", **fields):
    fields.setdefault("text", "<p>Міст відкриють у <b>травні</b>, а не в квітні.</p>")
    fields.setdefault("dated_at", PUBLISHED + timedelta(hours=1, minutes=14))
    return notes.correction_add(article=article, language=language, by=None, **fields)


def label(kind, language="uk"):
    """The kind's name as the page writes it (the .po files may not translate it yet)."""
    with translation.override(language):
        return str(Correction.Kind(kind).label)


CORRECTION = label("correction")
NOTE = label("editors_note")


def structured(page):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return next(d for d in map(json.loads, blocks) if d["@type"] == "NewsArticle")


def test_a_correction_shows_under_the_text_and_a_note_above_dated_in_kyiv_time(client, story):
    """ "Correction, 8 November 2024, 15:10: …" under the body, the editor's note above it,
    each in the page's language, as a note for assistive technology."""
    add(story, "uk")
    add(
        story,
        "uk",
        kind=Correction.Kind.EDITORS_NOTE,
        text="Статтю доповнено коментарем мерії.",
        dated_at=PUBLISHED + timedelta(hours=3),
    )
    add(story, "en", text="The bridge reopens in May, not April.")
    page = page_of(client, story.get_absolute_url("uk"))
    assert f"{CORRECTION}, <time" in page and ">8 листопада 2024, 15:10</time>:</strong>" in page
    assert "Міст відкриють у <b>травні</b>, а не в квітні." in page
    assert page.index(f"{NOTE}, <time") < page.index('class="article-body"')
    assert page.index('class="article-body"') < page.index(f"{CORRECTION}, <time")
    assert 'role="note"' in page
    assert "The bridge reopens in May" not in page  # another language's note
    english = page_of(client, story.get_absolute_url("en"))
    assert "Correction, <time" in english and ">8 November 2024, 15:10</time>:</strong>" in english
    assert "The bridge reopens in May, not April." in english


def test_the_placement_can_be_chosen(client, story):
    """A correction placed above the text is shown above it."""
    add(story, placement=Correction.Placement.ABOVE)
    page = page_of(client, story.get_absolute_url("uk"))
    assert page.index(f"{CORRECTION}, <time") < page.index('class="article-body"')


def test_structured_data_lists_corrections_as_correction_comments(client, story):
    """NewsArticle `correction`: each correction's text and date; editor's notes are not
    corrections and are left out."""
    add(story)
    add(story, kind=Correction.Kind.EDITORS_NOTE, text="Контекст.")
    data = structured(page_of(client, story.get_absolute_url("uk")))
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Міст відкриють у травні, а не в квітні.",
            "datePublished": "2024-11-08T15:10:00+02:00",
        }
    ]


def test_an_article_without_corrections_has_no_correction_property(client, story):
    """No empty `correction` list in the structured data."""
    assert "correction" not in structured(page_of(client, story.get_absolute_url("uk")))


def test_the_full_text_feed_and_the_api_carry_the_notes(client, story):
    """The full-text feed item has the note with its text; the API detail lists the notes of
    the language asked for."""
    add(story, "en", text="The bridge reopens in <i>May</i>.")
    feed = page_of(client, "/en/rss/full/")
    assert "The bridge reopens in <i>May</i>." in feed and "Correction, <time" in feed
    assert "The bridge reopens" not in page_of(client, "/rss/full/")
    answer = client.get(f"/api/v1/articles/{story.pk}?language=en").json()
    assert answer["corrections"] == [
        {
            "kind": "correction",
            "label": "Correction",
            "text": "The bridge reopens in <i>May</i>.",
            "dated_at": "2024-11-08T13:10:00Z",
            "placement": "below",
        }
    ]
    assert client.get(f"/api/v1/articles/{story.pk}?language=uk").json()["corrections"] == []


def test_notes_of_a_draft_language_are_nowhere_public(client, story):
    """A note on the Russian draft: not on any page, list, feed or API answer of any language."""
    add(story, "ru", text="Секретная поправка к черновику.")
    for url in ["/ru/corrections/", "/corrections/", "/en/corrections/", "/ru/rss/full/"]:
        assert "Секретная поправка" not in page_of(client, url), url
    assert client.get(story.get_absolute_url("ru")).status_code == 404
    assert client.get(f"/api/v1/articles/{story.pk}?language=ru").status_code == 404


def test_a_note_on_a_scheduled_version_appears_when_it_goes_live(client):
    """Written before the version's minute, the note is public from that minute, not before."""
    article = ArticleFactory(title_en="Tomorrow's story")
    at = timezone.now() + timedelta(hours=2)
    services.article_publish(article=article, language="en", at=at)
    add(article, "en", text="Scheduled note.", dated_at=timezone.now())
    assert "Scheduled note." not in page_of(client, "/en/corrections/")
    with time_machine.travel(at + timedelta(minutes=1)):
        assert "Scheduled note." in page_of(client, "/en/corrections/")
        assert "Scheduled note." in page_of(client, article.get_absolute_url("en"))


@pytest.mark.parametrize("how", ["unpublish", "trash"])
def test_notes_leave_with_their_version(client, story, how):
    """Unpublished or trashed: the note leaves the list with the article."""
    add(story, "uk", text="Поправка, що зникне.")
    assert "Поправка, що зникне." in page_of(client, "/corrections/")
    if how == "unpublish":
        services.article_unpublish(article=story, language="uk")
    else:
        services.article_trash(article=story, by=None)
    assert "Поправка, що зникне." not in page_of(client, "/corrections/")


def test_the_list_is_newest_first_with_each_articles_title_and_link(client, story):
    """Each line: the article's title in the language, linking to the note on its page."""
    other = live_article(["uk"], title_uk="Інша новина", at=PUBLISHED)
    older = add(story, text="Старіша.", dated_at=PUBLISHED + timedelta(hours=1))
    newer = add(other, text="Новіша.", dated_at=PUBLISHED + timedelta(hours=5))
    page = page_of(client, "/corrections/")
    assert page.index("Новіша.") < page.index("Старіша.")
    assert (
        f'href="{story.get_absolute_url("uk")}#{older.anchor}">Мер обговорив ремонт мосту' in page
    )
    assert f'href="{other.get_absolute_url("uk")}#{newer.anchor}">Інша новина' in page
    assert f'id="{older.anchor}"' in page_of(client, story.get_absolute_url("uk"))
    assert "Mayor discusses" not in page  # the English title belongs to the English list


def test_the_list_is_paged(client, story, monkeypatch):
    """Past a page's worth, "Older" leads on; a page beyond the end is a 404."""
    monkeypatch.setattr("corrections.views.PAGE_SIZE", 2)
    for hours in range(1, 4):
        add(story, text=f"Поправка {hours}.", dated_at=PUBLISHED + timedelta(hours=hours))
    first = page_of(client, "/corrections/")
    assert "Поправка 3." in first and "Поправка 2." in first and "Поправка 1." not in first
    assert 'rel="next" href="?page=2"' in first
    assert "Поправка 1." in page_of(client, "/corrections/?page=2")
    assert client.get("/corrections/?page=3").status_code == 404


def test_the_list_costs_the_same_queries_for_2_or_12_notes(client, story, steady_minute):
    """No query per note or article: a fixed number whatever the page holds."""
    add(story)
    add(story)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/corrections/").status_code == 200
        return len(queries)

    client.get("/corrections/")  # the first request of a process reads what it keeps
    few = count()
    for _ in range(5):
        add(story)
        add(live_article(["uk"], at=PUBLISHED))
    assert count() == few
    assert few <= 3


def test_the_article_page_costs_the_same_queries_with_or_without_notes(
    client, story, steady_minute
):
    """The notes are one query of the page, however many there are."""
    url = story.get_absolute_url("uk")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    client.get(url)
    without = count()
    for _ in range(4):
        add(story)
    assert count() == without


def test_the_footer_links_to_the_list_in_each_language(client, story):
    """Every page's footer leads to the corrections of its language."""
    assert 'href="/corrections/"' in page_of(client, "/")
    assert 'href="/en/corrections/"' in page_of(client, "/en/")
    assert 'href="/ru/corrections/"' in page_of(client, "/ru/")


def test_the_text_is_sanitised_and_kept_to_one_paragraph(story):
    """Scripts, styles and block markup are removed on save; bold, italic and links stay."""
    note = add(
        story,
        text='<p>Було <script>alert(1)</script><a href="https://example.org" onclick="x()">так</a>'
        "</p><p>Стало <em>так</em>.</p><h2>x</h2>",
    )
    assert "<script" not in note.text and "onclick" not in note.text and "<p>" not in note.text
    assert '<a href="https://example.org" rel="noopener noreferrer">так</a>' in note.text
    assert "<br>Стало <em>так</em>." in note.text
