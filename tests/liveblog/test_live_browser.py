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
    """Desk → fetch, no reload; a refused save keeps the text; the reader gets a polite "1 new
    update" button, their scroll untouched, and the update on click; no-script page lists it."""
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

    # A refused save: the error is shown, the text stays where it was typed.
    page.locator(".field-text .ProseMirror").click()
    page.keyboard.type("Бригади завершили ремонт на Шевченка.")
    page.fill("#id_headline", "Світло повернули")
    page.fill("#id_embed_url", "https://example.org/not-a-post")
    page.locator("button[value=publish]").click()
    expect(page.locator('[data-errors="embed_url"]')).to_be_visible()
    expect(page.locator(".field-text .ProseMirror")).to_contain_text("Бригади завершили ремонт")
    assert not LiveUpdate.objects.filter(headline="Світло повернули").exists()

    page.fill("#id_embed_url", "")
    page.locator("button[value=publish]").click()
    expect(page.locator("[data-desk-list]")).to_contain_text("Бригади завершили ремонт")
    expect(page.locator(".live-desk")).to_have_attribute("data-state", "saved")
    expect(page.locator(".field-text .ProseMirror")).not_to_contain_text("Бригади")
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
    expect(newest).to_be_focused()
    expect(offer).to_be_hidden()
    screenshot(reader, "live-page-after-update")

    # Without scripts: the page as it is, with the update.
    plain_context = browser.new_context(java_script_enabled=False, locale="uk-UA")
    plain = plain_context.new_page()
    plain.goto(url)
    expect(plain.locator(".live-updates [data-update]").first).to_contain_text("Світло повернули")
    plain_context.close()
    reader_context.close()
    check_csp(reader_violations)
    assert page.errors == [] and reader_errors == []
