"""A live story in real headless Chromium: an editor adds an update from the live desk without
the page reloading, and a reader's open live page offers it after its next poll without moving
what they are reading; without scripts the page lists it too. The live page has no axe
violation (WCAG 2.1 AA and best practices)."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles import roles
from liveblog.models import LiveCoverage, LiveUpdate
from tests.browser import BEST_PRACTICE, accessibility_violations, check_csp, screenshot, watch_csp
from tests.factories import LiveUpdateFactory, UserFactory, live_story
from tests.twofactor import sign_in_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_update_from_the_desk_reaches_an_open_live_page(page, live_server, settings):
    """Desk → fetch, no reload, a quote block added; a refused block keeps the text; the reader
    gets a polite "1 new update" button, their scroll untouched, and the update (its quote too)
    on click; no-script page lists it."""
    settings.LIVEBLOG_POLL_SECONDS = 1
    editor = UserFactory(username="editor", is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITORS))
    story = live_story(["uk"], title_uk="Буря над містом", lead_uk="Що відомо зараз.")
    for index in range(12):
        LiveUpdateFactory(article=story, text=f"<p>Раннє оновлення {index}. {'Текст. ' * 30}</p>")
    LiveUpdateFactory(
        article=story, pinned=True, headline="Головне зараз", text="<ul><li>Світла немає.</li></ul>"
    )
    coverage = LiveCoverage.objects.get(article=story)
    url = live_server.url + story.get_absolute_url("uk")

    browser = page.context.browser
    reader_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="uk-UA")
    reader_context.set_default_timeout(15_000)
    reader_violations = watch_csp(reader_context)
    reader = reader_context.new_page()
    reader_errors = []
    reader.on("pageerror", lambda error: reader_errors.append(str(error)))
    reader.goto(url)
    expect(reader.locator("[data-live-ready]")).to_be_attached()
    assert accessibility_violations(reader, BEST_PRACTICE) == []
    # The reader is reading further down the page.
    reading = reader.locator(".live-update").nth(5)
    reading.scroll_into_view_if_needed()
    assert reader.evaluate("window.scrollY") > 0
    where = reading.bounding_box()["y"]

    sign_in_in_browser(page, live_server.url, editor, "correct-horse-battery")
    page.goto(f"{live_server.url}/admin/liveblog/livecoverage/{coverage.pk}/desk/?language=uk")
    expect(page.locator(".live-desk[data-ready]")).to_be_attached()
    page.evaluate("window.__stillTheSamePage = true")

    # A refused save: the error is shown next to the block, the text stays where it was typed.
    page.locator(".field-text .ProseMirror").first.click()
    page.keyboard.type("Бригади завершили ремонт на Шевченка.")
    page.fill("#id_headline", "Світло повернули")
    page.select_option("#desk-add-kind", "embed")
    page.locator("[data-add-block]").click()
    embed = page.locator("#desk-blocks [data-block]").first
    expect(embed.locator("input[name$='-url']")).to_be_focused()
    expect(embed.locator(".field-text")).to_be_hidden()  # only the embed's own field
    page.keyboard.type("https://example.org/not-a-post")
    page.locator("button[value=publish]").click()
    expect(page.locator('[data-errors="blocks-0-url"]')).to_be_visible()
    text = page.locator(".desk-form > .field-text .ProseMirror")
    expect(text).to_contain_text("Бригади завершили ремонт")
    assert not LiveUpdate.objects.filter(headline="Світло повернули").exists()

    # The embed removed, a quote added in its place: the focus follows, the quote is typed.
    embed.locator("[data-block-remove]").click()
    expect(embed).to_be_hidden()
    expect(page.locator("#desk-add-kind")).to_be_focused()
    page.select_option("#desk-add-kind", "quote")
    page.locator("[data-add-block]").click()
    quote = page.locator("#desk-blocks [data-block]:visible")
    expect(quote).to_have_count(1)
    expect(quote.locator("[data-block-number]")).to_have_text("1")
    quote.locator(".field-text .ProseMirror").click()
    page.keyboard.type("Ми працюємо цілодобово.")
    quote.locator("input[name$='-attribution']").fill("Речниця обленерго")
    screenshot(page, "live-desk-quote-block")
    assert accessibility_violations(page) == []
    page.locator("button[value=publish]").click()
    expect(page.locator("[data-desk-list]")).to_contain_text("Бригади завершили ремонт")
    expect(page.locator("[data-desk-list]")).to_contain_text("Ми працюємо цілодобово.")
    expect(page.locator(".live-desk")).to_have_attribute("data-state", "saved")
    expect(text).not_to_contain_text("Бригади")
    expect(page.locator("#desk-blocks [data-block]")).to_have_count(0)
    saved = LiveUpdate.objects.get(headline="Світло повернули")
    assert [(b.kind, b.attribution) for b in saved.blocks.all()] == [("quote", "Речниця обленерго")]
    assert page.evaluate("window.__stillTheSamePage") is True  # never reloaded
    screenshot(page, "live-desk-after-update")

    # The reader's page offers it after its next poll, without moving what they read.
    offer = reader.locator("[data-live-show]")
    expect(offer).to_be_visible()
    expect(offer).to_have_text(re.compile(r"^1\b"))
    expect(reader.locator("[data-live-status]")).to_have_text(re.compile(r"^1\b"))
    assert reading.bounding_box()["y"] == where  # what they read has not moved
    expect(offer).to_be_in_viewport()  # and the offer is in sight
    assert reader.locator(".live-updates").get_by_text("Бригади завершили ремонт").count() == 0
    offer.click()
    newest = reader.locator(".live-updates [data-update]").first
    expect(newest).to_contain_text("Світло повернули")
    expect(newest.locator(".block-quote")).to_contain_text("Ми працюємо цілодобово.")
    expect(newest).to_be_focused()
    expect(offer).to_be_hidden()
    screenshot(reader, "live-page-after-update")

    # Editing it in the desk brings its blocks into the form, still without a reload.
    page.locator(f"#desk-update-{saved.pk} [data-edit]").click()
    loaded = page.locator("#desk-blocks [data-block]")
    expect(loaded).to_have_count(1)
    expect(loaded.locator(".field-text .ProseMirror")).to_contain_text("Ми працюємо цілодобово.")
    loaded.locator("input[name$='-attribution']").fill("Речниця Львівобленерго")
    page.locator("button[value=save]").click()
    expect(page.locator("[data-desk-list]")).to_contain_text("Речниця Львівобленерго")
    saved.refresh_from_db()
    assert saved.text == "<p>Бригади завершили ремонт на Шевченка.</p>"
    assert [b.text for b in saved.blocks.all()] == ["Ми працюємо цілодобово."]
    assert page.evaluate("window.__stillTheSamePage") is True

    # Without scripts: the page as it is, with the update.
    plain_context = browser.new_context(java_script_enabled=False, locale="uk-UA")
    plain = plain_context.new_page()
    plain.goto(url)
    expect(plain.locator(".live-updates [data-update]").first).to_contain_text("Світло повернули")
    plain_context.close()
    reader_context.close()
    check_csp(reader_violations)
    assert page.errors == [] and reader_errors == []
