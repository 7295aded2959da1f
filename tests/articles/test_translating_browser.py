"""Translating in a real browser: start English from the Ukrainian structure, translate beside
the original, publish, read it."""

import re

import pytest
from playwright.sync_api import expect

from articles import services
from articles.models import Block, Status
from tests.browser import screenshot
from tests.factories import ArticleFactory, BlockFactory, PhotoFactory
from tests.twofactor import sign_in_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_start_english_from_the_ukrainian_structure_and_translate_it(page, live_server, admin_user):
    """Structure only: the English body gets the same block types, the photo and the quote's
    attribution with empty text; each block shows the Ukrainian original; the typed translation
    is saved, and read on the English page once published."""
    article = ArticleFactory(
        title_uk="Міст відкрили", lead_uk="Після ремонту.", title_ru="", title_en="", lead_en=""
    )
    photo = PhotoFactory()
    BlockFactory(article=article, position=10, text="<p>Перший абзац про міст.</p>")
    BlockFactory(article=article, position=20, kind=Block.Kind.PHOTO, text="", photo=photo)
    BlockFactory(
        article=article,
        position=30,
        kind=Block.Kind.QUOTE,
        text="Міст готовий до руху.",
        attribution="Олена Бондар",
    )
    sign_in_in_browser(page, live_server.url, admin_user, "pw-boss-123!")
    change = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    page.goto(change)

    page.locator(".language-tabs button[data-lang=en]").click()
    offer = page.locator("fieldset.lang-en .translation-offer")
    expect(offer).to_be_visible()
    expect(page.locator("fieldset.lang-uk .translation-offer")).to_have_count(0)
    # Another tab remembered: the address's #lang-en decides which tab opens.
    page.evaluate("sessionStorage.setItem('article-language-tab', 'uk')")
    screenshot(page, "admin-translation-offer")
    offer.locator("button.translation-start").first.click()

    page.wait_for_url(f"{change}#lang-en")
    expect(page.locator(".messagelist .success")).to_be_visible()
    # The form opens on the English tab, whatever tab was remembered.
    expect(page.locator(".language-tabs button[data-lang=en]")).to_have_attribute(
        "aria-selected", "true"
    )
    rows = page.locator("#blocks-en-group .inline-related:not(.empty-form)")
    expect(rows).to_have_count(3)
    kinds = [rows.nth(i).locator("select[name$='-kind']").input_value() for i in range(3)]
    assert kinds == ["paragraph", "photo", "quote"]
    assert rows.nth(1).locator("select[name$='-photo']").input_value() == str(photo.pk)
    assert rows.nth(2).locator("input[name$='-attribution']").input_value() == "Олена Бондар"
    assert rows.nth(0).locator("textarea[name$='-text']").input_value() in ("", "<p></p>")
    # The original above each block, and the original title and lead at the top of the tab.
    expect(rows.nth(0).locator(".original-beside")).to_contain_text("Перший абзац про міст.")
    expect(rows.nth(2).locator(".original-beside")).to_contain_text(
        "Міст готовий до руху. — Олена Бондар"
    )
    head = page.locator("fieldset.lang-en .translation-original-head")
    expect(head).to_contain_text("Міст відкрили")
    expect(head).to_contain_text("Після ремонту.")
    expect(page.locator("fieldset.lang-en .translation-offer")).to_have_count(0)
    screenshot(page, "admin-translating")
    # Collapsible: hidden and shown again with one button.
    toggle = page.locator(".translation-originals-toggle[data-language=en]")
    toggle.click()
    expect(rows.nth(0).locator(".original-beside")).to_be_hidden()
    toggle.click()
    expect(rows.nth(0).locator(".original-beside")).to_be_visible()

    page.fill("#id_title_en", "Bridge reopens")
    rows.nth(0).locator(".field-text .ProseMirror").click()
    page.keyboard.type("The first paragraph about the bridge.")
    rows.nth(2).locator(".field-text .ProseMirror").click()
    page.keyboard.type("The bridge is ready for traffic.")
    page.click("input[name=_save]")
    # The list, after the save (a redirect keeps the address's #lang-en).
    page.wait_for_url(re.compile(r"/admin/articles/article/(#.*)?$"))
    expect(page.locator(".messagelist .success").first).to_be_visible()
    assert page.errors == []

    article.refresh_from_db()
    english = article.blocks.filter(language="en").order_by("position")
    assert [block.kind for block in english] == ["paragraph", "photo", "quote"]
    assert article.versions.get(language="en").status == Status.DRAFT
    # Published as an editor would (the publication checklist is not what is tested here).
    services.article_publish(article=article, language="en")
    article.refresh_from_db()
    page.goto(f"{live_server.url}{article.get_absolute_url('en')}")
    expect(page.locator("h1")).to_have_text("Bridge reopens")
    expect(page.locator("body")).to_contain_text("The first paragraph about the bridge.")
    expect(page.locator("body")).to_contain_text("The bridge is ready for traffic.")
    expect(page.locator("body")).to_contain_text("Олена Бондар")


def test_unsaved_changes_hold_the_offer_back(page, live_server, admin_user):
    """With text typed and not saved, starting a translation (which reloads the form) is held
    back with a note, and nothing is started."""
    article = ArticleFactory(title_uk="Міст", title_ru="", title_en="", lead_en="")
    BlockFactory(article=article)
    sign_in_in_browser(page, live_server.url, admin_user, "pw-boss-123!")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.wait_for_load_state("load")
    page.fill("#id_title_uk", "Міст, змінено")
    page.locator(".language-tabs button[data-lang=en]").click()
    offer = page.locator("fieldset.lang-en .translation-offer")
    offer.locator("button.translation-start").first.click()
    expect(offer.locator(".translation-unsaved-changes")).to_be_visible()
    assert page.locator("#id_title_uk").input_value() == "Міст, змінено"
    assert not article.blocks.filter(language="en").exists()
