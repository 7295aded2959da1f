"""The workflow in a real browser: a journalist writes and submits, an editor schedules, and a
reader gets 404 before the minute and the article from it."""

import time
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from articles import presence, roles, services
from articles.models import Article, Status
from tests.browser import screenshot
from tests.factories import ArticleFactory, SectionFactory, UserFactory, ready_to_publish
from tests.twofactor import sign_in_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(page, live_server, username):
    user = get_user_model().objects.get(username=username)
    sign_in_in_browser(page, live_server.url, user, "correct-horse-battery")


def add_block(page, language, kind):
    page.locator(f"#blocks-{language}-group .add-row a").click()
    block = page.locator(f"#blocks-{language}-group .inline-related:not(.empty-form)").last
    block.locator("select[name$='-kind']").select_option(kind)
    return block


def type_into(block, field, text):
    block.locator(f".field-{field} .ProseMirror").click()
    block.page.keyboard.type(text)


def test_journalist_submits_editor_schedules_reader_waits(page, live_server):
    """Journalist → review; editor → scheduled an hour ahead; reader: 404, then the page."""
    for name, role in [("journalist", roles.JOURNALISTS), ("editor", roles.EDITORS)]:
        UserFactory(username=name, is_staff=True).groups.add(Group.objects.get(name=role))
    SectionFactory(name_uk="Новини")

    # The journalist writes in Ukrainian and English and sends both for review.
    log_in(page, live_server, "journalist")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.click("#id_section + .select2 .select2-selection")
    page.keyboard.type("Нов")
    page.wait_for_selector(".select2-results__option--highlighted")
    page.keyboard.press("Enter")
    page.fill("#id_title_uk", "Міська рада ухвалила бюджет")
    assert page.locator("#id_state_uk option").all_inner_texts() == ["Чернетка", "На перевірці"]
    page.select_option("#id_state_uk", Status.REVIEW)
    type_into(add_block(page, "uk", "source"), "text", "прес-служба ради")
    quote = add_block(page, "uk", "quote")
    type_into(quote, "text", "Бюджет збалансований.")
    quote.locator("input[name$='-attribution']").fill("голова комісії Ірина Лис")
    background = add_block(page, "uk", "background")
    type_into(background, "items", "- Торік бюджет ухвалили в грудні")
    page.locator(".language-tabs button[data-lang=en]").click()
    page.fill("#id_title_en", "City council passes the budget")
    page.select_option("#id_state_en", Status.REVIEW)
    type_into(add_block(page, "en", "source"), "text", "the council's press office")
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")
    article = Article.objects.get()
    assert set(article.versions.values_list("language", "status")) == {
        ("uk", Status.REVIEW),
        ("en", Status.REVIEW),
    }

    # Meanwhile the hero photo and a tag are added: the publish checklist has nothing to ask.
    ready_to_publish(article)
    # The editor schedules both languages an hour ahead (Kyiv time).
    editor = page.context.browser.new_context(viewport={"width": 1280, "height": 900})
    editor_page = editor.new_page()
    log_in(editor_page, live_server, "editor")
    at = timezone.localtime(timezone.now() + timedelta(hours=1)).replace(second=0, microsecond=0)
    editor_page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    for code in ["uk", "en"]:
        editor_page.locator(f".language-tabs button[data-lang={code}]").click()
        editor_page.select_option(f"#id_state_{code}", Status.PUBLISHED)
        editor_page.fill(f"#id_publish_at_{code}_0", at.strftime("%d.%m.%Y"))
        editor_page.fill(f"#id_publish_at_{code}_1", at.strftime("%H:%M:%S"))
    screenshot(editor_page, "workflow-editor-schedules")
    editor_page.click("input[name=_save]")
    editor_page.wait_for_url(f"{live_server.url}/admin/articles/article/")
    editor.close()
    article.refresh_from_db()
    url = article.get_absolute_url("uk")

    # A reader: nothing before the minute, the whole article from it.
    reader = page.context.browser.new_context().new_page()
    assert reader.goto(f"{live_server.url}{url}").status == 404
    assert reader.goto(f"{live_server.url}/").ok
    assert "Міська рада ухвалила бюджет" not in reader.content()
    with time_machine.travel(at + timedelta(seconds=1)):
        response = reader.goto(f"{live_server.url}{url}")
        assert response.status == 200
        body = reader.locator("main").inner_text()
        for text in [
            "Міська рада ухвалила бюджет",
            "Джерело:",
            "Пряма мова:",
            "Бюджет збалансований.",
            "голова комісії Ірина Лис",
            "Передісторія:",
        ]:
            assert text in body
        english = reader.goto(f"{live_server.url}{article.get_absolute_url('en')}")
        assert english.status == 200 and "City council passes the budget" in reader.content()
        screenshot(reader, "workflow-reader-after-the-minute")
    assert page.errors == []


def test_journalist_translates_while_the_ukrainian_version_is_in_review(page, live_server):
    """With Ukrainian in review the journalist cannot change it, but opens the English tab,
    writes the translation with its blocks and saves it, in the same form."""
    journalist = UserFactory(username="journalist", is_staff=True)
    journalist.groups.add(Group.objects.get(name=roles.JOURNALISTS))
    article = ArticleFactory(created_by=journalist, title_uk="Рада ухвалила бюджет", title_ru="")
    article.title_en = ""
    article.save()
    services.article_submit_for_review(article=article, language="uk", by=journalist)
    log_in(page, live_server, "journalist")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    assert page.locator("#id_title_uk").is_disabled()
    assert page.locator("#blocks-uk-group .add-row a").count() == 0
    page.locator(".language-tabs button[data-lang=en]").click()
    page.fill("#id_title_en", "Council passes the budget")
    type_into(add_block(page, "en", "paragraph"), "text", "The council voted on Friday.")
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")
    article.refresh_from_db()
    assert article.title_en == "Council passes the budget"
    assert article.title_uk == "Рада ухвалила бюджет"
    [block] = article.blocks.filter(language="en")
    assert "The council voted on Friday." in block.text
    assert article.versions.get(language="uk").status == Status.REVIEW
    # Having left the form (the save), nobody is told the journalist is still editing it.
    colleague = UserFactory(username="colleague", is_staff=True)
    for _ in range(50):
        if not presence.others(article.pk, colleague):
            break
        time.sleep(0.05)
    assert presence.others(article.pk, colleague) == []
