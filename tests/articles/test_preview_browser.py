"""The previews in a real browser: the search preview's counters follow the typing and warn past
the limit, the preview beside the form shows what is typed without saving it, and preview links
are made and revoked without leaving the form."""

import pytest
from playwright.sync_api import expect

from articles.admin.preview import SEO_TITLE_LIMIT
from articles.models import Article, PreviewLink
from tests.browser import screenshot
from tests.factories import ArticleFactory
from tests.twofactor import sign_in_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def open_form(page, live_server, user, article):
    sign_in_in_browser(page, live_server.url, user, "pw-boss-123!")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")


def test_search_preview_counts_and_warns_as_one_types(page, live_server, admin_user):
    """The counter follows the title as typed, the SEO title replaces it, and past 60
    characters the counter and the warning say it is too long."""
    article = ArticleFactory(title_uk="Міст", lead_uk="Лід.")
    open_form(page, live_server, admin_user, article)
    box = page.locator(".lang-uk .seo-preview")
    counter = box.locator(".seo-title-counter")
    expect(counter).to_have_text(f"4/{SEO_TITLE_LIMIT}")
    page.fill("#id_title_uk", "Міст відкрили після ремонту")
    expect(counter).to_have_text(f"27/{SEO_TITLE_LIMIT}")
    expect(box.locator(".serp-title")).to_have_text("Міст відкрили після ремонту")
    expect(box.locator(".seo-warning")).to_be_hidden()
    page.fill("#id_seo_title_uk", "Ж" * (SEO_TITLE_LIMIT + 1))
    expect(counter).to_have_text(f"{SEO_TITLE_LIMIT + 1}/{SEO_TITLE_LIMIT}")
    expect(counter).to_have_class("seo-counter seo-title-counter over-limit")
    expect(box.locator(".seo-warning")).to_be_visible()
    expect(box.locator(".serp-title")).to_have_text("Ж" * (SEO_TITLE_LIMIT - 1) + "…")
    screenshot(page, "seo-preview")


def test_preview_beside_the_form_shows_typed_text_without_saving(page, live_server, admin_user):
    """Turned on, the side frame shows the public page of the active language and follows the
    title as typed; nothing is saved."""
    article = ArticleFactory(title_uk="Збережений заголовок", title_en="Saved headline")
    open_form(page, live_server, admin_user, article)
    page.locator(".lang-uk .live-preview-toggle").click()
    frame = page.frame_locator("iframe.live-preview-frame")
    expect(frame.locator("h1#article-title")).to_have_text("Збережений заголовок", timeout=15000)
    page.fill("#id_title_uk", "Новий заголовок, ще не збережений")
    expect(frame.locator("h1#article-title")).to_have_text(
        "Новий заголовок, ще не збережений", timeout=15000
    )
    expect(frame.locator(".preview-banner")).to_be_visible()
    # The frame follows the language tab.
    page.locator(".language-tabs button[data-lang=en]").click()
    expect(frame.locator("h1#article-title")).to_have_text("Saved headline", timeout=15000)
    screenshot(page, "live-preview")
    assert Article.objects.get(pk=article.pk).title_uk == "Збережений заголовок"


def test_preview_links_are_made_and_revoked_in_the_form(page, live_server, admin_user):
    """A link is made for the hours chosen, listed, opens without login, and is revoked; the
    typed text of the form stays where it was."""
    article = ArticleFactory(title_uk="Стаття для юриста")
    open_form(page, live_server, admin_user, article)
    page.fill("#id_title_uk", "Незбережена правка")
    links = page.locator(".lang-uk .preview-links")
    links.locator(".preview-link-hours").fill("5")
    links.locator(".preview-link-note").fill("Юрист")
    # Enter makes the link (it does not save the article).
    links.locator(".preview-link-note").press("Enter")
    url = page.locator(".lang-uk .preview-link-url")
    expect(url).to_have_count(1)
    link = PreviewLink.objects.get()
    assert link.note == "Юрист" and link.created_by == admin_user
    href = url.get_attribute("href")
    assert page.input_value("#id_title_uk") == "Незбережена правка"
    assert Article.objects.get(pk=article.pk).title_uk == "Стаття для юриста"
    page.locator(".lang-uk .preview-link-revoke").click()
    expect(page.locator(".lang-uk .preview-link-url")).to_have_count(0)
    link.refresh_from_db()
    assert link.revoked_at is not None
    reader = page.context.browser.new_context()
    try:
        response = reader.new_page().goto(href)
        assert response.status == 410
    finally:
        reader.close()
