"""The body-block editor in a real browser: inserting, moving (drag and drop, keyboard),
collapsing and duplicating blocks; word counts; links in the rich-text editor; photo pickers."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article, Block
from tests.browser import AXE
from tests.factories import ArticleFactory, BlockFactory, PhotoFactory, SectionFactory
from tests.twofactor import sign_in_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROWS = "#blocks-uk-group .inline-related:not(.empty-form)"


def log_in(page, live_server, user):
    sign_in_in_browser(page, live_server.url, user, "pw-boss-123!")


def open_article(page, live_server, article):
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    # The editors have started (they are modules, initialised after the page's own scripts).
    expect(page.locator(f"{ROWS} .ProseMirror").first).to_be_visible()


def add_block(page, kind, text):
    """A new block at the end, through the "Add another" link; typed into its editor."""
    page.locator("#blocks-uk-group .add-row a").click()
    row = page.locator(ROWS).last
    row.locator("select[name$='-kind']").select_option(kind)
    row.locator(".field-text .ProseMirror").click()
    page.keyboard.type(text)
    return row


def save_and_continue(page):
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()


def stored_texts(article, language="uk"):
    return [
        re.sub(r"<[^>]+>", "", block.text)
        for block in Block.objects.filter(article=article, language=language).order_by("position")
    ]


def three_paragraphs():
    article = ArticleFactory(title_uk="Три абзаци")
    for number, text in enumerate(["Перший.", "Другий.", "Третій."], start=1):
        BlockFactory(article=article, text=f"<p>{text}</p>", position=number * 10)
    return article


def test_a_block_inserted_between_two_of_a_new_article_is_saved_in_its_place(
    page, live_server, admin_user
):
    """On an unsaved article, "Insert a block here" under the first block puts the new block
    second, and the saved order is the order shown."""
    SectionFactory(name_uk="Новини")
    log_in(page, live_server, admin_user)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.click("#id_section + .select2 .select2-selection")
    page.keyboard.type("Нов")
    page.wait_for_selector(".select2-results__option--highlighted")
    page.keyboard.press("Enter")
    page.fill("#id_title_uk", "Новий матеріал")
    add_block(page, "paragraph", "Початок.")
    add_block(page, "paragraph", "Кінець.")
    page.locator(ROWS).first.locator(".block-insert").click()
    middle = page.locator(ROWS).nth(1)
    # The new block asks for its type first, focused, and shows no text field until then.
    expect(middle.locator("select[name$='-kind']")).to_be_focused()
    expect(middle.locator(".field-text")).to_be_hidden()
    middle.locator("select[name$='-kind']").select_option("paragraph")
    middle.locator(".field-text .ProseMirror").click()
    page.keyboard.type("Середина.")
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")
    assert stored_texts(Article.objects.get()) == ["Початок.", "Середина.", "Кінець."]
    assert page.errors == []


def test_a_block_inserted_at_the_top_of_a_saved_article(page, live_server, admin_user):
    """The group's "Insert a block at the top" puts a new block before the saved ones."""
    article = three_paragraphs()
    log_in(page, live_server, admin_user)
    open_article(page, live_server, article)
    page.locator("#blocks-uk-group .block-insert-top").click()
    first = page.locator(ROWS).first
    first.locator("select[name$='-kind']").select_option("subheading")
    first.locator(".field-text .ProseMirror").click()
    page.keyboard.type("Нагорі")
    save_and_continue(page)
    assert stored_texts(article) == ["Нагорі", "Перший.", "Другий.", "Третій."]


def test_a_block_dragged_by_its_handle_is_saved_in_its_new_place(page, live_server, admin_user):
    """Dragging the third block by its handle onto the top half of the first puts it first."""
    article = three_paragraphs()
    log_in(page, live_server, admin_user)
    open_article(page, live_server, article)
    rows = page.locator(ROWS)
    rows.nth(2).locator(".block-drag").drag_to(
        rows.nth(0).locator("h3"), target_position={"x": 200, "y": 2}
    )
    expect(rows.nth(0).locator(".field-text .ProseMirror")).to_have_text("Третій.")
    # Nothing was dropped into an editor as text.
    expect(rows.nth(1).locator(".field-text .ProseMirror")).to_have_text("Перший.")
    save_and_continue(page)
    assert stored_texts(article) == ["Третій.", "Перший.", "Другий."]


def test_alt_up_moves_the_focused_block_keeps_focus_and_announces(page, live_server, admin_user):
    """Alt+↑ while typing in the third block moves it up one place: the cursor stays in its
    editor, a screen reader hears the new position, and the order is saved."""
    article = three_paragraphs()
    log_in(page, live_server, admin_user)
    open_article(page, live_server, article)
    third = page.locator(ROWS).nth(2).locator(".field-text .ProseMirror")
    third.click()
    page.keyboard.press("End")
    page.keyboard.press("Alt+ArrowUp")
    expect(page.locator(ROWS).nth(1).locator(".field-text .ProseMirror")).to_have_text("Третій.")
    expect(page.locator(ROWS).nth(1).locator(".field-text .ProseMirror")).to_be_focused()
    expect(page.locator("#blocks-uk-group .block-announcer")).to_have_text(
        re.compile(r"\b2\b.*\b3\b")
    )
    # Typing goes on in the moved block.
    page.keyboard.type(" Ще.")
    moved = page.locator(ROWS).nth(1).locator(".field-text .ProseMirror")
    expect(moved).to_have_text("Третій. Ще.")
    # The ↓ button moves it back down; focus stays on the button.
    down = page.locator(ROWS).nth(1).locator(".block-down")
    down.click()
    expect(page.locator(ROWS).nth(2).locator(".block-down")).to_be_focused()
    page.keyboard.press("Alt+ArrowUp")
    page.keyboard.press("Alt+ArrowUp")
    save_and_continue(page)
    assert stored_texts(article) == ["Третій. Ще.", "Перший.", "Другий."]


def test_alt_up_before_the_editor_has_read_a_cursor_move_keeps_the_new_cursor(
    page, live_server, admin_user
):
    """Alt+↑ pressed before the editor has caught up with the cursor's last move (a quick
    typist, a busy machine) puts the cursor back where the person had moved it."""
    article = three_paragraphs()
    log_in(page, live_server, admin_user)
    open_article(page, live_server, article)
    third = page.locator(ROWS).nth(2).locator(".field-text .ProseMirror")
    third.click()
    page.keyboard.press("End")
    page.wait_for_function(
        "(dom) => dom.editor.state.selection.from === dom.editor.state.doc.content.size - 1",
        arg=third.element_handle(),
    )
    # The cursor moves to "Тре|тій." and Alt+↑ follows in the same task, before the browser
    # has told the editor: what it remembers (the end) is no longer where the cursor is.
    third.evaluate(
        """(dom) => {
            const text = dom.querySelector("p").firstChild;
            getSelection().collapse(text, 3);
            dom.dispatchEvent(new KeyboardEvent("keydown", {
                key: "ArrowUp", altKey: true, bubbles: true, cancelable: true,
            }));
        }"""
    )
    moved = page.locator(ROWS).nth(1).locator(".field-text .ProseMirror")
    expect(moved).to_be_focused()
    page.keyboard.type("-")
    expect(moved).to_have_text("Тре-тій.")


def test_the_order_of_blocks_survives_a_refused_save(page, live_server, admin_user):
    """A new block put above the saved ones is still first when the form comes back with an
    error, and stays first when the journalist corrects it, adds a block and saves again."""
    article = ArticleFactory(title_uk="Відмова")
    BlockFactory(article=article, text="<p>Перший.</p>", position=10)
    BlockFactory(article=article, text="<p>Другий.</p>", position=20)
    log_in(page, live_server, admin_user)
    open_article(page, live_server, article)
    page.locator("#blocks-uk-group .block-insert-top").click()
    top = page.locator(ROWS).first
    top.locator("select[name$='-kind']").select_option("quote")
    top.locator(".field-text .ProseMirror").click()
    page.keyboard.type("Нагорі")
    top.locator(".field-attribution input").fill("Хтось")
    # A paragraph has no "who said it": the filled field stays, and the save is refused.
    top.locator("select[name$='-kind']").select_option("paragraph")
    page.click("input[name=_continue]")
    expect(page.locator("p.errornote:not(.preview-link-error)")).to_be_visible()
    first = page.locator(ROWS).first
    expect(first.locator(".field-text .ProseMirror")).to_have_text("Нагорі")
    expect(first.locator(".field-attribution .errorlist")).to_be_visible()
    expect(page.locator(ROWS).nth(1).locator(".field-text .ProseMirror")).to_have_text("Перший.")
    first.locator(".field-attribution input").fill("")
    # Adding a block numbers every block in the order shown.
    add_block(page, "paragraph", "Кінець.")
    save_and_continue(page)
    assert stored_texts(article) == ["Нагорі", "Перший.", "Другий.", "Кінець."]
    assert page.errors == []


def test_a_duplicated_quote_is_saved_twice_with_its_text(page, live_server, admin_user):
    """Duplicate makes a second quote right after the first, with its rich text and who said
    it; after saving there are two identical quotes in that place."""
    article = ArticleFactory(title_uk="Цитата")
    BlockFactory(
        article=article,
        kind="quote",
        text="Це <strong>важливо</strong>.",
        attribution="Олена Бондар",
        position=10,
    )
    BlockFactory(article=article, text="<p>Після цитати.</p>", position=20)
    log_in(page, live_server, admin_user)
    open_article(page, live_server, article)
    page.locator(ROWS).first.locator(".block-duplicate").click()
    copy = page.locator(ROWS).nth(1)
    expect(copy.locator(".field-text .ProseMirror")).to_have_text("Це важливо.")
    expect(copy.locator(".field-attribution input")).to_have_value("Олена Бондар")
    expect(copy.locator(".field-url")).to_be_hidden()
    save_and_continue(page)
    blocks = list(Block.objects.filter(article=article, language="uk").order_by("position"))
    assert [b.kind for b in blocks] == ["quote", "quote", "paragraph"]
    assert blocks[0].text == blocks[1].text == "Це <strong>важливо</strong>."
    assert blocks[1].attribution == "Олена Бондар"


def test_a_collapsed_block_shows_its_type_and_first_words(page, live_server, admin_user):
    """Collapsing a block hides its fields and shows one line: its type and first words;
    "Collapse all" and "Expand all" do every block."""
    article = ArticleFactory(title_uk="Довгий")
    BlockFactory(
        article=article,
        text="<p>Міст через Дніпро відкрили для руху після двох років ремонту.</p>",
        position=10,
    )
    BlockFactory(article=article, text="<p>Другий абзац.</p>", position=20)
    log_in(page, live_server, admin_user)
    open_article(page, live_server, article)
    first = page.locator(ROWS).first
    first.locator(".block-collapse").click()
    expect(first.locator(".field-text")).to_be_hidden()
    expect(first.locator(".block-summary")).to_have_text(
        re.compile(r"^Абзац: Міст через Дніпро відкрили")
    )
    expect(first.locator(".block-collapse")).to_have_attribute("aria-expanded", "false")
    page.locator("#blocks-uk-group .blocks-collapse-all").click()
    expect(page.locator(ROWS).nth(1).locator(".field-text")).to_be_hidden()
    page.locator("#blocks-uk-group .blocks-expand-all").click()
    expect(first.locator(".field-text")).to_be_visible()
    expect(first.locator(".block-summary")).to_be_hidden()


def test_word_and_character_count_follow_the_typing(page, live_server, admin_user):
    """Each language shows the words and characters of its title, lead and blocks, updated
    as one types in any of them."""
    article = ArticleFactory(title_uk="Два слова", lead_uk="", title_en="", lead_en="")
    BlockFactory(article=article, text="<p>Три слова тут.</p>", position=10)
    log_in(page, live_server, admin_user)
    open_article(page, live_server, article)
    count = page.locator(".word-count[data-lang=uk]")
    expect(count).to_contain_text("5")
    page.locator(ROWS).first.locator(".field-text .ProseMirror").click()
    page.keyboard.press("End")
    page.keyboard.type(" Ще два.")
    expect(count).to_contain_text("7")
    page.fill("#id_title_uk", "Один")
    expect(count).to_contain_text("6")
    # The tab says it too, for a glance from another tab.
    expect(page.locator(".language-tabs button[data-lang=uk]")).to_have_attribute(
        "title", re.compile(r"\b6\b")
    )
    expect(page.locator(".word-count[data-lang=uk]")).to_contain_text(
        str(len("Один") + len("Три слова тут. Ще два."))
    )


def test_ctrl_k_links_the_word_and_a_full_stop_typed_after_stays_outside(
    page, live_server, admin_user
):
    """Ctrl+K with the cursor in a word opens the link dialog for that word; a full stop typed
    right after the link is plain text in the saved HTML."""
    article = ArticleFactory(title_uk="Посилання")
    BlockFactory(article=article, text="<p>Читайте</p>", position=10)
    log_in(page, live_server, admin_user)
    open_article(page, live_server, article)
    editor = page.locator(ROWS).first.locator(".field-text .ProseMirror")
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" сайт")
    page.keyboard.press("Control+k")
    dialog = page.locator("dialog.prose-editor-dialog")
    expect(dialog).to_be_visible()
    dialog.locator("input[name=href]").fill("https://example.org/")
    dialog.locator("button[type=submit]").click()
    expect(editor.locator("a")).to_have_text("сайт")
    # The dialog gives the focus back to the text, with the word still selected; a key pressed
    # before that lands elsewhere, and the full stop would then replace the word.
    expect(editor).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.type(".")
    save_and_continue(page)
    text = Block.objects.get(article=article).text
    assert re.fullmatch(r'<p>Читайте <a href="https://example\.org/"[^>]*>сайт</a>\.</p>', text)


def test_the_editor_speaks_the_admin_language(page, live_server, admin_user):
    """The editor's button titles and its link dialog go through the admin's translations."""
    extra = (
        'django.catalog["Insert link (Ctrl+K)"] = "Вставити посилання";'
        'django.catalog["Bold"] = "Жирний";'
        'django.catalog["Edit Link"] = "Посилання";'
        'django.catalog["URL"] = "Адреса";'
        'django.catalog["Cancel"] = "Скасувати";'
    )

    def with_translations(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text() + extra)

    page.route("**/admin/jsi18n/", with_translations)
    article = ArticleFactory(title_uk="Мова")
    BlockFactory(article=article, text="<p>Слово</p>", position=10)
    log_in(page, live_server, admin_user)
    open_article(page, live_server, article)
    menu = page.locator(ROWS).first.locator(".field-text .prose-menubar")
    expect(menu.locator("button[data-name=link]")).to_have_attribute("title", "Вставити посилання")
    expect(menu.locator("button[data-name=bold]")).to_have_attribute("aria-label", "Жирний")
    # Every button's title went through the translations.
    expect(menu.locator("button")).not_to_have_count(0)
    expect(menu.locator("button:not([data-original-title])")).to_have_count(0)
    page.locator(ROWS).first.locator(".field-text .ProseMirror").click()
    page.keyboard.press("Control+k")
    dialog = page.locator("dialog.prose-editor-dialog")
    expect(dialog.locator(".prose-editor-dialog-title")).to_have_text("Посилання")
    expect(dialog.locator("label").first).to_have_text("Адреса")
    expect(dialog.locator("button[value=cancel]")).to_have_text("Скасувати")


def test_photo_pickers_show_thumbnails(page, live_server, admin_user):
    """The hero photo's suggestions and the chosen photo of a photo block show a thumbnail
    beside the caption."""
    chosen = PhotoFactory(caption_uk="Міст уночі")
    PhotoFactory(caption_uk="Міст удень")
    article = ArticleFactory(title_uk="Фото")
    BlockFactory(article=article, kind="photo", text="", photo=chosen, position=10)
    log_in(page, live_server, admin_user)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    block_choice = page.locator(f"{ROWS} .field-photo .select2-selection__rendered")
    expect(block_choice).to_contain_text("Міст уночі")
    expect(block_choice.locator("img.photo-option-thumb")).to_have_attribute(
        "src", chosen.thumbnail.url
    )
    page.click("#id_hero_photo + .select2 .select2-selection")
    page.keyboard.type("Міст")
    options = page.locator(".select2-results__option img.photo-option-thumb")
    expect(options).to_have_count(2)
    page.keyboard.press("Enter")
    hero = page.locator("#id_hero_photo + .select2 .select2-selection__rendered")
    expect(hero.locator("img.photo-option-thumb")).to_be_visible()
    # A duplicated photo block keeps the photo, thumbnail included.
    page.locator(ROWS).first.locator(".block-duplicate").click()
    copy = page.locator(ROWS).nth(1).locator(".field-photo .select2-selection__rendered")
    expect(copy.locator("img.photo-option-thumb")).to_have_attribute("src", chosen.thumbnail.url)
    save_and_continue(page)
    article.refresh_from_db()
    assert article.hero_photo is not None
    assert [b.photo for b in article.blocks.order_by("position")] == [chosen, chosen]


def test_each_language_texts_come_before_the_shared_settings(page, live_server, admin_user):
    """The form opens on the title, lead and body; section, photo, flags, ads, authors and tags
    follow them."""
    article = three_paragraphs()
    log_in(page, live_server, admin_user)
    open_article(page, live_server, article)

    def top(selector):
        return page.locator(selector).first.bounding_box()["y"]

    assert top("#id_title_uk") < top("#blocks-uk-group") < top("#id_section")
    assert top("#id_section") < top("#id_is_important")
    assert top("#blocks-uk-group") < top(".inline-group:has(select[name$='-tag'])")
    # The position fields are the script's business.
    expect(page.locator(ROWS).first.locator(".field-position")).to_be_hidden()


def test_removing_a_new_block_after_moving_others_keeps_the_saved_ones(
    page, live_server, admin_user
):
    """A new block put on top, another added and removed with ✕: Django renumbers the rows in
    the order shown, and the saved blocks must still be saved as themselves."""
    article = ArticleFactory(title_uk="Перестановки")
    BlockFactory(article=article, text="<p>Перший.</p>", position=10)
    BlockFactory(article=article, text="<p>Другий.</p>", position=20)
    log_in(page, live_server, admin_user)
    open_article(page, live_server, article)
    page.locator("#blocks-uk-group .block-insert-top").click()
    top = page.locator(ROWS).first
    top.locator("select[name$='-kind']").select_option("paragraph")
    top.locator(".field-text .ProseMirror").click()
    page.keyboard.type("Новий.")
    add_block(page, "paragraph", "Передумав.")
    page.locator(ROWS).last.locator(".inline-deletelink").click()
    expect(page.locator(ROWS)).to_have_count(3)
    save_and_continue(page)
    assert stored_texts(article) == ["Новий.", "Перший.", "Другий."]
    assert page.errors == []


def test_the_block_tools_pass_the_accessibility_checks(page, live_server, admin_user):
    """axe-core finds nothing wrong with the body's tools and editors, expanded or collapsed:
    every button and editor is named, the buttons are readable."""
    article = three_paragraphs()
    log_in(page, live_server, admin_user)
    open_article(page, live_server, article)
    assert axe(page, "#blocks-uk-group") == []
    page.locator("#blocks-uk-group .blocks-collapse-all").click()
    assert axe(page, "#blocks-uk-group") == []


def axe(page, selector):
    """axe-core's findings inside `selector` (the admin around it is Django's), by the rules
    that concern controls: names, ARIA, contrast."""
    origin = "/".join(page.url.split("/")[:3])
    page.route(f"{origin}/__axe__.js", lambda route: route.fulfill(path=AXE))
    page.add_script_tag(url=f"{origin}/__axe__.js")
    result = page.evaluate(
        "(selector) => axe.run({include: [selector]}, {runOnly: {type: 'rule', values: ["
        "'aria-input-field-name', 'aria-allowed-attr', 'aria-required-attr', "
        "'aria-valid-attr-value', 'aria-hidden-focus', 'button-name', 'color-contrast', "
        "'label', 'nested-interactive', 'select-name']}})",
        selector,
    )
    return [
        f"{v['id']}: {v['help']} — {node['target']}"
        for v in result["violations"]
        for node in v["nodes"]
    ]
