"""The publish checklist in a real browser: an editor publishing an article without a hero photo
is warned, says why, publishes, and the history keeps the reason."""

import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from playwright.sync_api import expect

from articles import checklist, roles, services
from articles.models import Article, Status
from tests.browser import screenshot
from tests.factories import ArticleFactory, TagFactory, UserFactory, tag_article
from tests.twofactor import sign_in_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_editor_publishes_without_a_hero_photo_by_giving_a_reason(page, live_server):
    """Warned by the checklist (⚠ in the tab, the list on top), the editor types a reason and
    saves again: the article is live and its history shows the reason and the check."""
    editor = UserFactory(username="editor", is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITORS))
    article = ArticleFactory(title_uk="Міст відкрили", lead_uk="Рух відновили.")
    tag_article(article, TagFactory())
    services.article_set_state(article=article, language="uk", status=Status.DRAFT)
    sign_in_in_browser(page, live_server.url, editor, "correct-horse-battery")
    change = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    page.goto(change)
    hero = page.locator(".field-checklist_uk li[data-check=hero_photo]")
    expect(hero).to_have_class("check-failed")

    # The list follows the typing, before anything is saved.
    lead = page.locator(".field-checklist_uk li[data-check=lead]")
    expect(lead).to_have_class("check-passed")
    page.fill("#id_lead_uk", "")
    expect(lead).to_have_class("check-failed", timeout=15_000)
    page.fill("#id_lead_uk", "Рух відновили після ремонту.")
    expect(lead).to_have_class("check-passed", timeout=15_000)
    page.select_option("#id_state_uk", Status.PUBLISHED)
    page.click("input[name=_continue]")
    expect(page.locator("p.errornote:not([hidden])")).to_be_visible()
    with translation.override("uk"):  # the admin's language
        no_photo = translation.gettext("there is no hero photo")
        label = str(checklist.LABELS[checklist.HERO_PHOTO])
    expect(page.locator(".errorlist").first).to_contain_text(no_photo)
    expect(page.locator(".language-tabs button[data-lang=uk]")).to_have_class("has-errors")
    reason = page.locator("#id_publish_override_reason")
    expect(reason).to_be_visible()
    expect(page.locator("#id_lead_uk")).to_have_value("Рух відновили після ремонту.")
    screenshot(page, "checklist-asks-why")
    assert not Article.objects.live("uk").exists()

    reason.fill("Фото з місця події буде за годину")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert Article.objects.live("uk").get() == article
    # The article's History (its button above the form) keeps the reason and the check.
    page.click(f"a[href='/admin/articles/article/{article.pk}/revisions/']")
    step = page.locator(".history-entry", has_text="Фото з місця події буде за годину")
    expect(step.locator(".history-overridden")).to_contain_text(label)
    assert page.errors == []
