"""Autosave in a real browser: typed text (a title, a new block in the rich-text editor) is kept,
offered back with its difference after a reload, restored into the form and saved; leaving with
unsaved changes asks first, and not after saving."""

import pytest

from articles.models import Article, Autosave, Status
from tests.browser import screenshot
from tests.factories import ArticleFactory
from tests.twofactor import sign_in_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

KEPT = "() => document.getElementById('autosave').dataset.state === 'kept'"


def log_in(page, live_server, user):
    sign_in_in_browser(page, live_server.url, user, "pw-boss-123!")


def watch_dialogs(page):
    """Every dialog the page opens, by type; each is accepted (leaving goes ahead)."""
    seen = []

    def accept(dialog):
        seen.append(dialog.type)
        dialog.accept()

    page.on("dialog", accept)
    return seen


def draft(admin_user):
    article = ArticleFactory(title_uk="Міст відкрили", created_by=admin_user)
    from articles import services

    services.article_set_state(article=article, language="uk", status=Status.DRAFT)
    return article


def test_typed_text_is_kept_offered_restored_and_saved(page, live_server, admin_user):
    """Type a title and a new block's text, wait until kept, reload: the offer shows the
    difference; restoring brings the block back into its editor; Save stores it and the
    autosave is gone."""
    article = draft(admin_user)
    change = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    dialogs = watch_dialogs(page)
    log_in(page, live_server, admin_user)
    page.goto(change)
    page.fill("#id_title_uk", "Міст відкрили після ремонту")
    page.locator("#blocks-uk-group .add-row a").click()
    block = page.locator("#blocks-uk-group .inline-related:not(.empty-form)").last
    block.locator("select[name$='-kind']").select_option("paragraph")
    block.locator(".field-text .ProseMirror").click()
    page.keyboard.type("Рух відновили ввечері.")
    page.wait_for_function(KEPT, timeout=30000)
    kept = Autosave.objects.get(user=admin_user, article=article)
    assert kept.data["title_uk"] == ["Міст відкрили після ремонту"]
    assert any(
        "Рух відновили ввечері." in v[0] for k, v in kept.data.items() if k.endswith("-text")
    )
    article.refresh_from_db()
    assert article.title_uk == "Міст відкрили" and not article.blocks.exists()

    page.reload()
    assert dialogs == ["beforeunload"]
    offer = page.locator("#autosave-offer")
    offer.wait_for()
    assert "після ремонту" in offer.locator("ins").first.inner_text()
    assert "Рух відновили ввечері." in offer.inner_text()
    screenshot(page, "admin-autosave-offer")
    offer.locator("a.autosave-restore").click()
    page.wait_for_url(f"{change}?restore_autosave=1")
    assert page.locator("#id_title_uk").input_value() == "Міст відкрили після ремонту"
    restored = page.locator("#blocks-uk-group .inline-related:not(.empty-form)").last
    assert restored.locator("select[name$='-kind']").input_value() == "paragraph"
    assert restored.locator(".field-text .ProseMirror").inner_text() == "Рух відновили ввечері."
    assert not page.locator("#autosave-offer").count()

    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")
    article.refresh_from_db()
    assert article.title_uk == "Міст відкрили після ремонту"
    assert list(article.blocks.values_list("kind", "text")) == [
        ("paragraph", "<p>Рух відновили ввечері.</p>")
    ]
    assert not Autosave.objects.exists()
    assert page.errors == []


def test_discarding_the_offer_forgets_the_autosave(page, live_server, admin_user):
    """ "Discard it" removes the offer and the autosave, and autosaving goes on."""
    article = draft(admin_user)
    change = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    watch_dialogs(page)
    log_in(page, live_server, admin_user)
    page.goto(change)
    page.fill("#id_title_uk", "Чернетка, яка не потрібна")
    page.wait_for_function(KEPT, timeout=30000)
    page.reload()
    page.locator("#autosave-offer .autosave-discard").click()
    page.locator("#autosave-offer").wait_for(state="detached")
    assert not Autosave.objects.exists()
    page.fill("#id_title_uk", "Нова думка")
    page.wait_for_function(KEPT, timeout=30000)
    assert Autosave.objects.get().data["title_uk"] == ["Нова думка"]


def test_leaving_with_unsaved_changes_asks_first_but_not_after_saving(
    page, live_server, admin_user
):
    """With a changed title, leaving the page prompts (even once autosaved); after Save and
    continue, leaving does not; nor does the Save itself."""
    article = draft(admin_user)
    change = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    dialogs = watch_dialogs(page)
    log_in(page, live_server, admin_user)
    page.goto(change)
    # Untouched: leaving is free.
    page.goto(f"{live_server.url}/admin/")
    assert dialogs == []
    page.goto(change)
    page.fill("#id_title_uk", "Змінений заголовок")
    page.wait_for_function(KEPT, timeout=30000)
    page.goto(f"{live_server.url}/admin/")
    assert dialogs == ["beforeunload"]

    page.goto(change)
    page.locator("#autosave-offer .autosave-discard").click()
    page.locator("#autosave-offer").wait_for(state="detached")
    page.fill("#id_title_uk", "Збережений заголовок")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert dialogs == ["beforeunload"]
    page.goto(f"{live_server.url}/admin/")
    assert dialogs == ["beforeunload"]
    assert Article.objects.get().title_uk == "Збережений заголовок"
    assert not Autosave.objects.exists()


def test_a_refused_save_is_kept_and_still_asks_before_leaving(page, live_server, admin_user):
    """A save refused with a form error shows the text again unsaved: it is autosaved without
    more typing, and leaving asks first."""
    article = draft(admin_user)
    Article.objects.filter(pk=article.pk).update(title_en="")
    change = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    dialogs = watch_dialogs(page)
    log_in(page, live_server, admin_user)
    page.goto(change)
    page.fill("#id_title_uk", "Текст відмовленого збереження")
    page.locator(".language-tabs button[data-lang=en]").click()
    page.select_option("#id_state_en", Status.PUBLISHED)
    page.click("input[name=_continue]")
    page.wait_for_selector(".errornote")
    page.wait_for_function(KEPT, timeout=30000)
    kept = Autosave.objects.get(user=admin_user, article=article)
    assert kept.data["title_uk"] == ["Текст відмовленого збереження"]
    assert dialogs == []
    page.goto(f"{live_server.url}/admin/")
    assert dialogs == ["beforeunload"]
    article.refresh_from_db()
    assert article.title_uk == "Міст відкрили"


def test_saving_cancels_an_autosave_on_its_way(page, live_server, admin_user):
    """An autosave sent just before Save is cancelled by the Save (it would bring back older
    text if it reached the server after the save), before the save itself goes out."""
    article = draft(admin_user)
    change = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    watch_dialogs(page)
    log_in(page, live_server, admin_user)
    page.goto(change)
    held = []
    # The autosave, then the check-in before the save, are held: the page stays, and only the
    # form's script can end the autosave's request.
    page.route(
        f"**/admin/articles/article/{article.pk}/autosave/", lambda route: held.append(route)
    )

    def keeps(request):
        return request.url.endswith("/autosave/") and request.method == "POST"

    with page.expect_request(keeps, timeout=30000):
        page.fill("#id_title_uk", "Текст, що ще летить")
    page.route(
        f"**/admin/articles/article/{article.pk}/editing/**", lambda route: held.append(route)
    )
    with page.expect_event("requestfailed", predicate=keeps, timeout=15000):
        page.click("input[name=_save]")
    assert not Autosave.objects.exists()
