"""The article form in a real browser: language tabs, the block editor, one-submit saving."""

import pytest

from articles.models import Article, Status
from tests.browser import screenshot
from tests.factories import SectionFactory
from tests.twofactor import sign_in_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def choose(page, field, typed):
    """Pick a value in an admin autocomplete: open it, type, take the first suggestion."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.keyboard.type(typed)
    page.wait_for_selector(".select2-results__option--highlighted")
    page.keyboard.press("Enter")


def log_in(page, live_server, user):
    sign_in_in_browser(page, live_server.url, user, "pw-boss-123!")


def test_journalist_writes_uk_and_en_with_tabs_and_typed_blocks(page, live_server, admin_user):
    """Tabs switch languages, a block shows only its type's fields, and one Save stores it all."""
    SectionFactory(name_uk="Новини")
    log_in(page, live_server, admin_user)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    tabs = page.locator(".language-tabs button")
    assert tabs.all_inner_texts() == ["Українська", "Русский", "English"]

    choose(page, "section", "Нов")
    page.fill("#id_title_uk", "Міст відкрили після ремонту")
    page.select_option("#id_state_uk", Status.PUBLISHED)
    page.locator("#blocks-uk-group .add-row a").click()
    uk_block = page.locator("#blocks-uk-group .inline-related:not(.empty-form)").last
    # A new block asks for its type first, and shows no fields until it has one.
    assert uk_block.locator("select[name$='-kind'] option:checked").inner_text() != "---------"
    assert not uk_block.locator(".field-text").is_visible()
    assert not uk_block.locator(".field-url").is_visible()
    # A subheading is plain text: its editor has no toolbar (bold and lists would be dropped).
    uk_block.locator("select[name$='-kind']").select_option("subheading")
    assert not uk_block.locator(".field-text .prose-menubar").is_visible()
    uk_block.locator("select[name$='-kind']").select_option("quote")
    assert uk_block.locator(".field-text .prose-menubar").is_visible()
    assert uk_block.locator(".field-attribution").is_visible()
    assert not uk_block.locator(".field-items").is_visible()
    assert not uk_block.locator(".field-url").is_visible()
    editor = uk_block.locator(".field-text .ProseMirror")
    # Spell-checked, in the pane's language.
    assert editor.get_attribute("spellcheck") != "false"
    assert editor.evaluate("node => node.closest('[lang]').lang") == "uk"
    editor.click()
    page.keyboard.type("Міст готовий до руху.")
    uk_block.locator("input[name$='-attribution']").fill("інженерка Олена Бондар")

    page.locator(".language-tabs button[data-lang=en]").click()
    assert page.locator("#id_title_en").is_visible()
    assert not page.locator("#id_title_uk").is_visible()
    page.fill("#id_title_en", "Bridge reopens after repairs")
    page.locator("#blocks-en-group .add-row a").click()
    en_block = page.locator("#blocks-en-group .inline-related:not(.empty-form)").last
    en_block.locator("select[name$='-kind']").select_option("background")
    assert en_block.locator(".field-items").is_visible()
    # The items editor is a bullet list: "- " starts it, Enter makes the next point.
    en_block.locator(".field-items .ProseMirror").click()
    page.keyboard.type("- First point")
    page.keyboard.press("Enter")
    page.keyboard.type("Second & last point")
    # A list looks like one: bullets, a modest indent (the admin's styles remove both).
    point = en_block.locator(".field-items .ProseMirror li").first
    assert point.evaluate("li => getComputedStyle(li).listStyleType") == "disc"
    indent = en_block.locator(".field-items .ProseMirror ul").evaluate(
        "ul => ['paddingLeft', 'marginLeft']"
        ".reduce((sum, side) => sum + parseFloat(getComputedStyle(ul)[side]), 0)"
    )
    assert 10 <= indent <= 40
    screenshot(page, "admin-article-form")
    page.click("input[name=_save]")
    # No hero photo and no tag: the publish checklist asks why; the blocks typed are kept.
    page.fill("#id_publish_override_reason", "Фото і теги додамо пізніше")
    page.click("input[name=_save]")

    page.wait_for_url(f"{live_server.url}/admin/articles/article/")
    assert page.errors == []
    article = Article.objects.get()
    quote = article.blocks.get(language="uk")
    assert quote.kind == "quote" and "Міст готовий до руху." in quote.text
    assert quote.attribution == "інженерка Олена Бондар" and quote.position == 10
    assert article.blocks.get(language="en").item_list == ["First point", "Second &amp; last point"]
    assert list(Article.objects.live("uk")) == [article]
    assert not Article.objects.live("en").exists()


def test_ctrl_s_saves_and_stays_on_the_form(page, live_server, admin_user):
    """Ctrl+S in the form saves the article and reopens it, instead of "save page as"."""
    from tests.factories import ArticleFactory

    article = ArticleFactory(title_uk="Стара назва")
    log_in(page, live_server, admin_user)
    change = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    page.goto(change)
    page.fill("#id_title_uk", "Нова назва")
    page.keyboard.press("Control+s")
    page.wait_for_selector(".messagelist .success")
    assert page.url == change
    article.refresh_from_db()
    assert article.title_uk == "Нова назва"


def test_a_tab_with_an_error_is_marked_and_opened(page, live_server, admin_user):
    """Publishing English without a title reopens the form on the English tab, marked ⚠."""
    SectionFactory(name_uk="Новини")
    log_in(page, live_server, admin_user)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    choose(page, "section", "Нов")
    page.fill("#id_title_uk", "Заголовок")
    page.locator(".language-tabs button[data-lang=en]").click()
    page.select_option("#id_state_en", Status.PUBLISHED)
    page.click("input[name=_save]")
    page.wait_for_selector(".errornote")
    english = page.locator(".language-tabs button[data-lang=en]")
    assert "has-errors" in english.get_attribute("class")
    assert english.get_attribute("aria-selected") == "true"
    assert page.locator("#id_title_en").is_visible()
    assert page.locator("#id_title_uk").input_value() == "Заголовок"
    assert not Article.objects.exists()


def test_an_ended_session_keeps_the_text_on_the_page(page, live_server, admin_user):
    """If the session ended while writing, Save keeps the page and says so; after logging in
    again (another tab), Save goes through with the text."""
    from tests.factories import ArticleFactory

    article = ArticleFactory(title_uk="Стара назва")
    log_in(page, live_server, admin_user)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.fill("#id_title_uk", "Текст, який не можна втратити")
    page.context.clear_cookies()  # the session ends
    page.click("input[name=_save]")
    status = page.locator("#editing-status.expired")
    status.wait_for()
    assert page.locator("#id_title_uk").input_value() == "Текст, який не можна втратити"
    other = page.context.new_page()  # "another tab": log in again
    log_in(other, live_server, admin_user)
    other.close()
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")
    article.refresh_from_db()
    assert article.title_uk == "Текст, який не можна втратити"
