"""The corrections list and an article with notes: valid HTML5 (Nu checker) and no axe
violation (WCAG 2.1 AA and best practices) in a real browser."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from corrections import services as notes
from corrections.models import Correction
from tests.browser import BEST_PRACTICE, accessibility_violations
from tests.factories import live_article
from tests.htmlcheck import html_errors

from .conftest import PUBLISHED


def noted(article):
    """Notes of every kind in uk and en, one with a link inside its text."""
    for code in ("uk", "en"):
        notes.correction_add(
            article=article,
            language=code,
            by=None,
            text='Було сказано інакше; див. <a href="https://example.org/report">звіт</a>.',
            dated_at=PUBLISHED + timedelta(hours=1),
        )
        for hours, kind in ((2, Correction.Kind.EDITORS_NOTE), (3, Correction.Kind.UPDATE)):
            notes.correction_add(
                article=article,
                language=code,
                by=None,
                kind=kind,
                text="<p>Контекст <em>для читачів</em>.</p>",
                dated_at=PUBLISHED + timedelta(hours=hours),
            )
    return article


@pytest.mark.django_db
def test_the_list_and_an_article_with_notes_are_valid_html5(client, story, tmp_path, monkeypatch):
    """No validator error on the list (uk, en, paged, empty) and the article pages."""
    monkeypatch.setattr("corrections.views.PAGE_SIZE", 2)
    noted(story)
    urls = {
        "list-uk": "/corrections/",
        "list-en": "/en/corrections/",
        "list-page-2": "/corrections/?page=2",
        "list-empty": "/ru/corrections/",
        "article-uk": story.get_absolute_url("uk"),
        "article-en": story.get_absolute_url("en"),
    }
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        pages[name] = response.content.decode()
    assert html_errors(pages, tmp_path) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("path", ["/corrections/", "/en/corrections/", "article-uk", "article-en"])
def test_the_list_and_an_article_with_notes_pass_axe(page, live_server, path):
    """axe-core finds no WCAG 2.1 A/AA violation and no best-practice failure."""
    article = noted(
        live_article(
            ["uk", "en"],
            at=PUBLISHED,
            title_uk="Мер обговорив ремонт мосту",
            title_en="Mayor discusses bridge repair",
        )
    )
    url = article.get_absolute_url(path[-2:]) if path.startswith("article-") else path
    page.goto(f"{live_server.url}{url}")
    expect(page.locator(".correction").first).to_be_visible()
    assert accessibility_violations(page, BEST_PRACTICE) == []
