"""A reader in real headless Chromium: home → article → English, on a desktop and a phone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Block
from tests.browser import BEST_PRACTICE, accessibility_violations, screenshot
from tests.factories import (
    AuthorFactory,
    PhotoFactory,
    TagFactory,
    live_article,
    sign,
    tag_article,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def newsroom():
    tag = TagFactory(name_uk="НАТО", name_en="NATO")
    article = live_article(
        ["uk", "en"],
        is_important=True,
        hero_photo=PhotoFactory(alt_text_en="A bridge over the river"),
        title_uk="Міст відкрили після ремонту",
        title_en="Bridge reopens after repairs",
        lead_uk="Рух відновили.",
        lead_en="Traffic is back.",
    )
    tag_article(article, tag)
    sign(article, AuthorFactory())
    for code in ["uk", "en"]:
        for position, kind in enumerate(["source", "details", "paragraph", "quote", "paragraph"]):
            Block.objects.create(
                article=article,
                language=code,
                kind=kind,
                text="<p>Текст / text.</p>",
                position=position,
            )
        # A link inside running text: told apart from the text by more than its colour.
        Block.objects.create(
            article=article,
            language=code,
            kind="paragraph",
            text='<p>Read <a href="https://example.org/report">the report</a> in full.</p>',
            position=10,
        )
    for hours in range(2, 6):
        live_article(["uk", "en"], at=timezone.now() - timedelta(hours=hours))
    return article


@pytest.mark.parametrize(("device", "viewport"), [("desktop", (1280, 900)), ("phone", (390, 844))])
def test_reader_follows_an_article_and_switches_to_english(
    page, live_server, newsroom, device, viewport
):
    """From the home page a reader opens the article, switches to English and gets the same
    article; the switcher marks English, and with no ad booked there is no ad box at all."""
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Міст відкрили після ремонту").first.click()
    page.wait_for_url(f"**{newsroom.get_absolute_url('uk')}")
    assert page.locator("h1").inner_text() == "Міст відкрили після ремонту"

    page.locator(".languages a[lang=en]").click()
    page.wait_for_url(f"**{newsroom.get_absolute_url('en')}")
    assert page.locator("h1").inner_text() == "Bridge reopens after repairs"
    assert page.locator("html").get_attribute("lang") == "en"
    current = page.locator(".languages a[aria-current=page]")
    assert current.inner_text() == "Eng"
    assert page.locator(".languages a[lang=ru]").get_attribute("href") == "/ru/"

    assert page.locator(".ad, iframe").count() == 0
    # Nothing overflows the phone's width.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    hero = page.locator("figure.hero img")
    assert hero.get_attribute("alt") == "A bridge over the river"
    assert hero.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.errors == []
    screenshot(page, f"reader-article-en-{device}")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/ru/",
        "/en/news/",
        "/news/date/{day}/",
        "/sections/{section}/",
        "/authors/{author}/",
        "article-uk",
        "article-en",
        "/tags/{tag}/",
        "/en/search/?q=bridge",
        "/en/search/?q=nothing-matches-this",
    ],
)
def test_public_pages_pass_wcag_21_aa_checks(page, live_server, newsroom, path):
    """axe-core finds no WCAG 2.1 A/AA violation (contrast, names, landmarks, language, a link
    in running text told apart by more than colour) and no failure of its best practices
    (content outside the landmarks, two search landmarks with one name…)."""
    if path.startswith("article-"):
        url = newsroom.get_absolute_url(path.removeprefix("article-"))
    else:
        url = path.format(
            tag=newsroom.tagged_items.first().tag.slug,
            day=newsroom.url_date.isoformat(),
            section=newsroom.section.slug,
            author=newsroom.bylines.first().author.slug,
        )
    page.goto(f"{live_server.url}{url}")
    assert accessibility_violations(page, BEST_PRACTICE) == []


def test_the_accessibility_check_does_catch_violations(page):
    """Control: grey-on-white text and an unlabelled image fail the check; text outside the
    landmarks and two search forms of one name fail its best practices."""
    page.set_content(
        '<!doctype html><html lang="en"><head><title>x</title></head><body><main>'
        '<p style="color:#bbb;background:#fff">faint</p><img src="x.png"></main></body></html>'
    )
    found = " ".join(accessibility_violations(page))
    assert "color-contrast" in found and "image-alt" in found
    page.set_content(
        '<!doctype html><html lang="en"><head><title>x</title></head><body><p>outside</p>'
        '<form role="search"><input aria-label="q"></form><form role="search">'
        '<input aria-label="q"></form><main><h1>x</h1></main></body></html>'
    )
    found = " ".join(accessibility_violations(page, BEST_PRACTICE))
    assert "region" in found and "landmark-unique" in found
