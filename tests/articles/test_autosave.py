"""Autosave: the form's text kept per person and article, offered back with a word-level
difference, restored into the form (not saved) and cleared by a save; never public."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.utils import timezone, translation

from articles import autosave, roles, services
from articles.models import Article, Autosave, Block, Status
from articles.revisions import revisions_of
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
    live_article,
    member,
    sign,
    tag_article,
)
from tests.forms import form_data

pytestmark = pytest.mark.django_db
ADD = "/admin/articles/article/add/"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def keep_url(article):
    return f"/admin/articles/article/{article.pk}/autosave/"


def draft_of(user, **kwargs):
    article = ArticleFactory(created_by=user, title_ru="", title_en="", lead_en="", **kwargs)
    services.article_set_state(article=article, language="uk", status=Status.DRAFT, by=user)
    return article


def as_lists(data):
    return {name: value if isinstance(value, list) else [value] for name, value in data.items()}


def opened(client, article):
    """The change form's fields as the browser would post them."""
    return form_data(client.get(change_url(article)))


def typed(client, article, **changes):
    """The form's fields with `changes` typed in, as the autosave script sends them."""
    return opened(client, article) | changes


def keep_typed(client, article, **changes):
    response = client.post(keep_url(article), typed(client, article, **changes))
    assert response.status_code == 200, response.content
    return response


def uk(text, **params):
    """`text` as the admin (in Ukrainian) words it, once translated."""
    with translation.override("uk"):
        return translation.gettext(text) % params if params else translation.gettext(text)


def text_of(rows):
    return [
        (row.state, [(kind, text) for kind, text in row.parts if kind != "same"]) for row in rows
    ]


# --- the services -----------------------------------------------------------------------------


def test_keep_holds_one_autosave_per_person_and_article_without_the_token(journalist):
    """Keeping twice replaces the person's one autosave; the CSRF token is not stored."""
    article = draft_of(journalist)
    data = {"title_uk": ["Перша"], "csrfmiddlewaretoken": ["secret"]}
    autosave.keep(user=journalist, article=article, data=data, loaded_edit_count=0)
    autosave.keep(user=journalist, article=article, data={"title_uk": ["Друга"]})
    kept = Autosave.objects.get()
    assert autosave.fields_of(kept) == {"title_uk": ["Друга"]} and kept.user == journalist
    # A new article (not saved yet) has its own one.
    autosave.keep(user=journalist, article=None, data={"title_uk": ["Нова"]})
    autosave.keep(user=journalist, article=None, data={"title_uk": ["Нова 2"]})
    assert Autosave.objects.count() == 2
    assert autosave.fields_of(autosave.find(user=journalist, article=None)) == {
        "title_uk": ["Нова 2"]
    }


def test_keep_is_refused_to_those_who_may_not_write_in_the_article(journalist, editor):
    """A colleague's draft, one's own article in the trash, and a new article for an ad
    manager: refused, nothing kept."""
    colleague = member(roles.JOURNALISTS, "colleague")
    theirs = draft_of(colleague)
    sent = draft_of(journalist)
    services.article_trash(article=sent, by=journalist)
    ad_manager = member(roles.AD_MANAGERS, "admanager")
    for user, article in [(journalist, theirs), (journalist, sent), (ad_manager, None)]:
        with pytest.raises(PermissionDenied):
            autosave.keep(user=user, article=article, data={"title_uk": ["x"]})
    assert not Autosave.objects.exists()
    # An editor may write in anyone's draft.
    autosave.keep(user=editor, article=theirs, data={"title_uk": ["x"]})


def test_the_offer_is_made_for_text_newer_than_the_last_save(journalist):
    """Offered when kept after the article's last save; not when the article was saved after it
    (same number of saves); not when it says nothing new."""
    article = draft_of(journalist, title_uk="Старий заголовок")
    autosave.keep(
        user=journalist,
        article=article,
        data={"title_uk": ["Новий заголовок"]},
        loaded_edit_count=article.edit_count,
    )
    offer = autosave.offer(user=journalist, article=article)
    assert offer is not None and not offer.saved_since
    Autosave.objects.update(saved_at=article.updated_at - timedelta(minutes=1))
    assert autosave.offer(user=journalist, article=article) is None
    Autosave.objects.update(saved_at=timezone.now(), data={"title_uk": ["Старий заголовок"]})
    assert autosave.offer(user=journalist, article=article) is None


def test_the_offer_says_when_someone_saved_after_the_form_was_opened(journalist, editor):
    """An autosave typed in a form opened before someone else's save is offered, marked so, even
    though that save is newer."""
    article = draft_of(journalist, title_uk="Старий заголовок")
    autosave.keep(
        user=journalist,
        article=article,
        data={"title_uk": ["Мій заголовок"]},
        loaded_edit_count=article.edit_count,
    )
    Article.objects.filter(pk=article.pk).update(edit_count=article.edit_count + 1)
    article.refresh_from_db()
    offer = autosave.offer(user=journalist, article=article)
    assert offer is not None and offer.saved_since


def test_the_difference_marks_only_changed_words_and_names_things(journalist):
    """Title, block text (as plain words), authors and tags: changed words only, by name."""
    article = draft_of(journalist, title_uk="Міст відкрили після ремонту", lead_uk="")
    block = Block.objects.create(
        article=article, language="uk", kind="paragraph", text="<p>Рух <b>відновили</b> вранці.</p>"
    )
    author, tag = AuthorFactory(name_uk="Олена Бондар"), TagFactory(name_uk="Київ")
    data = {
        "title_uk": ["Міст відкрили після довгого ремонту"],
        "blocks-uk-TOTAL_FORMS": ["2"],
        "blocks-uk-INITIAL_FORMS": ["1"],
        "blocks-uk-0-id": [str(block.pk)],
        "blocks-uk-0-kind": ["paragraph"],
        "blocks-uk-0-text": ["<p>Рух <b>відновили</b> ввечері.</p>"],
        "blocks-uk-0-position": ["10"],
        "blocks-uk-1-kind": ["quote"],
        "blocks-uk-1-text": ["<p>Нова цитата</p>"],
        "blocks-uk-1-position": [""],
        "bylines-TOTAL_FORMS": ["1"],
        "bylines-0-author": [str(author.pk)],
        "tagged_items-TOTAL_FORMS": ["1"],
        "tagged_items-0-tag": [str(tag.pk)],
    }
    kept = autosave.keep(user=journalist, article=article, data=data)
    rows = autosave.difference(autosave=kept, article=article)
    assert text_of(rows) == [
        ("changed", [("added", "довгого ")]),
        ("added", [("added", f"author: Олена Бондар (#{author.pk})")]),
        ("added", [("added", f"tag: Київ (#{tag.pk})")]),
        ("changed", [("removed", "вранці."), ("added", "ввечері.")]),
        ("added", [("added", "[uk] quote: Нова цитата")]),
    ]


def test_discard_forgets_only_that_persons_autosave(journalist, editor):
    """Discarding removes the person's autosave of the article, not a colleague's."""
    article = draft_of(journalist)
    autosave.keep(user=journalist, article=article, data={"title_uk": ["a"]})
    autosave.keep(user=editor, article=article, data={"title_uk": ["b"]})
    assert autosave.discard(user=journalist, article=article) == 1
    assert list(Autosave.objects.values_list("user__username", flat=True)) == ["editor"]


# --- the endpoints ----------------------------------------------------------------------------


def test_the_form_keeps_its_fields_without_touching_the_article(client, journalist):
    """POST to the autosave endpoint stores the form's fields; the article, its blocks and its
    revisions stay as they were."""
    article = draft_of(journalist, title_uk="Збережений заголовок")
    client.force_login(journalist)
    response = keep_typed(client, article, title_uk="Незбережений заголовок")
    assert set(response.json()) == {"kept_at"}
    kept = Autosave.objects.get(user=journalist, article=article)
    assert kept.data["title_uk"] == ["Незбережений заголовок"]
    assert "csrfmiddlewaretoken" not in kept.data
    assert kept.loaded_edit_count == article.edit_count
    article.refresh_from_db()
    assert article.title_uk == "Збережений заголовок"
    assert len(revisions_of(article)) == 0
    # GET answers with the person's own fields.
    assert client.get(keep_url(article)).json()["data"]["title_uk"] == ["Незбережений заголовок"]


def test_each_person_reaches_only_their_own_autosave(client, journalist, editor):
    """An editor asking for the article's autosave gets none (404): the journalist's is theirs."""
    article = draft_of(journalist)
    autosave.keep(user=journalist, article=article, data={"title_uk": ["Моє"]})
    client.force_login(editor)
    assert client.get(keep_url(article)).status_code == 404
    assert client.post(f"{keep_url(article)}discard/").status_code == 200
    assert Autosave.objects.filter(user=journalist).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, journalist):
    """Without a session: the login page, nothing kept or shown."""
    article = draft_of(journalist)
    autosave.keep(user=journalist, article=article, data={"title_uk": ["Моє"]})
    for response in [
        client.get(keep_url(article)),
        client.post(keep_url(article), {"title_uk": "x"}),
        client.post(f"{keep_url(article)}discard/"),
    ]:
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert autosave.fields_of(Autosave.objects.get()) == {"title_uk": ["Моє"]}


def test_those_who_may_not_edit_get_403_and_a_missing_article_404(client, journalist):
    """A journalist and a colleague's draft, their own article in the trash, an ad manager:
    403; an article that does not exist: 404."""
    colleague = member(roles.JOURNALISTS, "colleague")
    theirs = draft_of(colleague)
    sent = draft_of(journalist)
    services.article_trash(article=sent, by=journalist)
    client.force_login(journalist)
    for article in (theirs, sent):
        assert client.post(keep_url(article), {"title_uk": "x"}).status_code == 403
        assert client.get(keep_url(article)).status_code == 403
        assert client.post(f"{keep_url(article)}discard/").status_code == 403
    assert client.post("/admin/articles/article/999999/autosave/", {}).status_code == 404
    client.force_login(member(roles.AD_MANAGERS, "admanager"))
    assert client.post(f"{ADD}autosave/", {"title_uk": "x"}).status_code == 403
    assert not Autosave.objects.exists()


def test_keeping_needs_the_csrf_token(journalist):
    """A POST without the form's token is refused (403) and keeps nothing."""
    article = draft_of(journalist)
    client = Client(enforce_csrf_checks=True)
    client.force_login(journalist)
    assert client.post(keep_url(article), {"title_uk": "x"}).status_code == 403
    assert not Autosave.objects.exists()
    data = form_data(client.get(change_url(article))) | {"title_uk": "з токеном"}
    assert client.post(keep_url(article), data).status_code == 200
    assert Autosave.objects.get().data["title_uk"] == ["з токеном"]


def test_discard_endpoint_answers_post_only(client, journalist):
    """GET on discard changes nothing (405); POST discards."""
    article = draft_of(journalist)
    autosave.keep(user=journalist, article=article, data={"title_uk": ["a"]})
    client.force_login(journalist)
    assert client.get(f"{keep_url(article)}discard/").status_code == 405
    assert Autosave.objects.exists()
    assert client.post(f"{keep_url(article)}discard/").status_code == 200
    assert not Autosave.objects.exists()


# --- the form: offer, restore, save -----------------------------------------------------------


def test_the_form_offers_the_autosave_with_its_difference(client, journalist):
    """Reopening the form shows the offer, the changed words marked, and a restore link."""
    article = draft_of(journalist, title_uk="Міст відкрили")
    client.force_login(journalist)
    keep_typed(client, article, title_uk="Міст відкрили вчора")
    page = client.get(change_url(article)).content.decode()
    assert 'id="autosave-offer"' in page
    assert "title [uk]: Міст відкрили<ins> вчора</ins>" in page
    assert "?restore_autosave=1" in page
    # The form itself is the article as stored until the person restores.
    assert form_data(client.get(change_url(article)))["title_uk"] == "Міст відкрили"


def test_restoring_fills_the_form_with_every_block_and_saves_nothing(client, journalist):
    """?restore_autosave=1 shows the autosaved title, lead, comment and blocks (one of them
    added before the autosave, with no row yet), says so, and changes nothing stored."""
    article = draft_of(journalist, title_uk="Старий заголовок")
    Block.objects.create(article=article, language="uk", kind="paragraph", text="<p>Старий</p>")
    client.force_login(journalist)
    keep_typed(
        client,
        article,
        title_uk="Новий заголовок",
        lead_uk="Новий лід",
        state_comment="Мій коментар",
        **{
            "blocks-uk-0-text": "<p>Змінений <b>абзац</b></p>",
            "blocks-uk-TOTAL_FORMS": "2",
            "blocks-uk-1-kind": "quote",
            "blocks-uk-1-text": "<p>Нова цитата</p>",
            "blocks-uk-1-attribution": "мер",
        },
    )
    before = (Article.objects.values().get(pk=article.pk), list(Block.objects.values()))
    response = client.get(f"{change_url(article)}?restore_autosave=1")
    assert response.status_code == 200
    fields = form_data(response)
    assert fields["title_uk"] == "Новий заголовок" and fields["lead_uk"] == "Новий лід"
    assert fields["state_comment"] == "Мій коментар"
    assert fields["blocks-uk-0-text"] == "<p>Змінений <b>абзац</b></p>"
    assert (fields["blocks-uk-1-kind"], fields["blocks-uk-1-text"]) == (
        "quote",
        "<p>Нова цитата</p>",
    )
    assert fields["blocks-uk-1-attribution"] == "мер"
    assert fields["autosave_restored"]
    assert any(m.level_tag == "warning" for m in response.context["messages"])
    assert (Article.objects.values().get(pk=article.pk), list(Block.objects.values())) == before
    assert Autosave.objects.exists() and len(revisions_of(article)) == 0


def test_saving_a_restored_form_stores_it_notes_it_and_clears_the_autosave(client, journalist):
    """The Save after a restore writes the autosaved text and block, records "autosaved text
    restored" in the history, and the autosave is gone."""
    article = draft_of(journalist, title_uk="Старий заголовок")
    client.force_login(journalist)
    keep_typed(
        client,
        article,
        title_uk="Новий заголовок",
        **{
            "blocks-uk-TOTAL_FORMS": "1",
            "blocks-uk-0-kind": "paragraph",
            "blocks-uk-0-text": "<p>Абзац з автозбереження</p>",
        },
    )
    kept_at = timezone.localtime(Autosave.objects.get().saved_at).strftime("%H:%M")
    restored = form_data(client.get(f"{change_url(article)}?restore_autosave=1"))
    response = client.post(change_url(article), restored)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.title_uk == "Новий заголовок"
    assert list(article.blocks.values_list("kind", "text")) == [
        ("paragraph", "<p>Абзац з автозбереження</p>")
    ]
    assert not Autosave.objects.exists()
    comment = revisions_of(article).first().revision.comment
    assert uk("Text changed in: %(languages)s.", languages="Українська") in comment
    assert uk("The text autosaved at %(time)s was restored.", time=kept_at) in comment


def test_a_restore_does_not_bring_back_states(client, journalist, editor):
    """An editor's autosave made while the version was a draft cannot, restored, undo the
    review it was sent to: the restore fills text only, and the form shows the state as it is.
    (The journalist's case: test_a_journalists_text_in_a_language_locked_since_….)"""
    article = draft_of(journalist, title_uk="Заголовок")
    client.force_login(editor)
    keep_typed(client, article, title_uk="Заголовок редактора", state_uk=Status.DRAFT)
    services.article_submit_for_review(article=article, language="uk", by=journalist)
    fields = form_data(client.get(f"{change_url(article)}?restore_autosave=1"))
    assert fields["state_uk"] == Status.REVIEW
    assert fields["title_uk"] == "Заголовок редактора"


def test_any_save_clears_the_persons_autosave(client, journalist):
    """A normal save of the article forgets what was autosaved of it."""
    article = draft_of(journalist)
    client.force_login(journalist)
    keep_typed(client, article, title_uk="Чернетка")
    response = client.post(change_url(article), typed(client, article, title_uk="Збережено"))
    assert response.status_code == 302
    assert not Autosave.objects.exists()


def test_a_new_article_is_autosaved_offered_and_restored(client, journalist):
    """The add form keeps its text under no article, offers it when opened again, restores it,
    and the first save clears it."""
    section = SectionFactory()
    client.force_login(journalist)
    data = form_data(client.get(ADD)) | {"section": section.pk, "title_uk": "Нова стаття"}
    assert client.post(f"{ADD}autosave/", data).status_code == 200
    assert Autosave.objects.get().article is None
    page = client.get(ADD).content.decode()
    assert 'id="autosave-offer"' in page and "Нова стаття" in page
    restored = form_data(client.get(f"{ADD}?restore_autosave=1"))
    assert restored["title_uk"] == "Нова стаття"
    assert client.post(ADD, restored).status_code == 302
    assert Article.objects.get().title_uk == "Нова стаття"
    assert not Autosave.objects.exists()


def test_revisions_say_what_a_save_changed(client, editor):
    """A save's revision comment names the languages whose text changed and the shared parts,
    instead of "Saved in the admin." every time."""
    article = live_article(["uk", "en"])
    tag = TagFactory()
    client.force_login(editor)
    data = typed(
        client,
        article,
        title_en="A new headline",
        **{
            "tagged_items-TOTAL_FORMS": "1",
            "tagged_items-0-tag": str(tag.pk),
            "tagged_items-0-position": "0",
        },
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["errors"]
    comment = revisions_of(article).first().revision.comment
    assert uk("Text changed in: %(languages)s.", languages="English") in comment
    assert uk("Changed: %(what)s.", what=uk("tags")) in comment


def test_text_of_someone_who_lost_the_article_is_shown_back_not_offered(client, journalist, editor):
    """An editor moved the journalist's draft to the trash after it was autosaved: reopening
    shows the autosaved words to copy, with no restore; the journalist may still discard them."""
    article = draft_of(journalist, title_uk="Старий заголовок")
    client.force_login(journalist)
    keep_typed(client, article, title_uk="Мій новий заголовок")
    services.article_trash(article=article, by=editor)
    response = client.get(change_url(article))
    page = response.content.decode()
    assert 'id="autosave-offer"' in page and "<ins>Мій" in page
    assert "restore_autosave" not in page and "data-keep-url" not in page
    assert client.get(f"{change_url(article)}?restore_autosave=1").status_code == 200
    assert Article.objects.get().title_uk == "Старий заголовок"
    assert client.post(f"{keep_url(article)}discard/").status_code == 200
    assert not Autosave.objects.exists()


# --- never public -----------------------------------------------------------------------------


def test_autosaved_text_is_never_on_the_site_or_in_the_api(client, editor):
    """A live article's autosave (title and body) is neither on its page nor in the API."""
    article = live_article(["uk"], title_uk="Опублікований заголовок")
    sign(article, AuthorFactory())
    tag_article(article, TagFactory())
    Block.objects.create(article=article, language="uk", kind="paragraph", text="<p>Живий</p>")
    editor_client = Client()
    editor_client.force_login(editor)
    keep_typed(
        editor_client,
        article,
        title_uk="СЕКРЕТНИЙ заголовок",
        **{"blocks-uk-0-text": "<p>СЕКРЕТНИЙ абзац</p>"},
    )
    assert Autosave.objects.exists()
    for url in [
        article.get_absolute_url("uk"),
        f"/api/v1/articles/{article.pk}?language=uk",
        "/api/v1/articles?language=uk",
        "/",
        "/rss/full/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "СЕКРЕТНИЙ" not in response.content.decode(), url
    assert "Опублікований заголовок" in client.get(article.get_absolute_url("uk")).content.decode()


# --- what was read-only when kept, what changed since -----------------------------------------


class _Disabled(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.names = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"input", "select", "textarea"} and "disabled" in attrs and attrs.get("name"):
            self.names.add(attrs["name"])


def posted(response) -> dict:
    """The form's fields as a browser posts them: disabled ones are not sent."""
    parser = _Disabled()
    parser.feed(response.content.decode())
    return {k: v for k, v in form_data(response).items() if k not in parser.names}


def keep_as_browser(client, article, **changes):
    """What the autosave script sends: the fields the browser would post, with `changes`."""
    data = posted(client.get(change_url(article))) | changes
    response = client.post(keep_url(article), data)
    assert response.status_code == 200, response.content
    return data


def restore_and_save(client, article):
    response = client.get(f"{change_url(article)}?restore_autosave=1")
    response = client.post(change_url(article), posted(response))
    errors = response.context and response.context["adminform"].form.errors
    assert response.status_code == 302, (errors, response.context and response.context["errors"])


def test_a_restore_keeps_the_flags_that_were_read_only_when_kept(client, journalist, editor):
    """Kept while a language was in review (flags disabled, so not posted), restored once every
    language is the journalist's again: the article stays breaking and important."""
    article = draft_of(journalist, title_uk="Заголовок", is_breaking=True, is_important=True)
    services.article_submit_for_review(article=article, language="uk", by=journalist)
    client.force_login(journalist)
    keep_as_browser(client, article, title_ru="Новий заголовок")
    services.article_return(article=article, language="uk", by=editor, comment="Доробити")
    restore_and_save(client, article)
    article.refresh_from_db()
    assert article.title_ru == "Новий заголовок"
    assert article.is_breaking and article.is_important


def test_a_restore_keeps_authors_and_tags_that_were_read_only_when_kept(client, journalist, editor):
    """Read-only bylines and tags post their row counts and ids but no author or tag: the offer
    does not list them as removed, and the restored form saves with them intact."""
    article = draft_of(journalist, title_uk="Заголовок")
    author, tag = AuthorFactory(name_uk="Олена Бондар"), TagFactory(name_uk="Київ")
    sign(article, author)
    tag_article(article, tag)
    services.article_submit_for_review(article=article, language="uk", by=journalist)
    client.force_login(journalist)
    data = keep_as_browser(client, article, title_ru="Новий заголовок")
    assert "bylines-TOTAL_FORMS" in data and "bylines-0-author" not in data
    services.article_return(article=article, language="uk", by=editor, comment="Доробити")
    offer = client.get(change_url(article)).context["autosave_offer"]
    assert text_of(offer.rows) == [("added", [("added", "title [ru]: Новий заголовок")])]
    restore_and_save(client, article)
    assert list(article.bylines.values_list("author", flat=True)) == [author.pk]
    assert list(article.tagged_items.values_list("tag", flat=True)) == [tag.pk]


def test_a_restore_survives_blocks_deleted_and_added_since(client, journalist, editor):
    """A block edited in the autosave and deleted since comes back as a new block, the
    autosave's new block too, and a block added since by an editor stays; the offer shows
    exactly that (the added block is not listed as removed)."""
    article = draft_of(journalist, title_uk="Заголовок")
    first = Block.objects.create(
        article=article, language="uk", kind="paragraph", text="<p>Перший</p>", position=10
    )
    Block.objects.create(
        article=article, language="uk", kind="paragraph", text="<p>Другий</p>", position=20
    )
    client.force_login(journalist)
    keep_typed(
        client,
        article,
        **{
            "blocks-uk-0-text": "<p>Перший змінений</p>",
            "blocks-uk-TOTAL_FORMS": "3",
            "blocks-uk-2-kind": "paragraph",
            "blocks-uk-2-text": "<p>Новий</p>",
        },
    )
    first.delete()
    Block.objects.create(
        article=article, language="uk", kind="paragraph", text="<p>Редакторський</p>", position=30
    )
    offer = client.get(change_url(article)).context["autosave_offer"]
    assert text_of(offer.rows) == [
        ("added", [("added", "[uk] paragraph: Перший змінений")]),
        ("added", [("added", "[uk] paragraph: Новий")]),
    ]
    restore_and_save(client, article)
    assert sorted(article.blocks.values_list("text", flat=True)) == sorted(
        ["<p>Перший змінений</p>", "<p>Другий</p>", "<p>Новий</p>", "<p>Редакторський</p>"]
    )


def test_an_autosave_arriving_after_the_persons_own_save_is_ignored(client, journalist, editor):
    """Typed in a form opened before the person's save and sent before it, it arrives after:
    refused (409), nothing kept. After someone else's save it is kept (and offered)."""
    article = draft_of(journalist, title_uk="Заголовок")
    client.force_login(journalist)
    late = typed(client, article, title_uk="Старіший текст")
    response = client.post(change_url(article), typed(client, article, title_uk="Збережено"))
    assert response.status_code == 302
    assert client.post(keep_url(article), late).status_code == 409
    assert not Autosave.objects.exists()
    Article.objects.filter(pk=article.pk).update(updated_by=editor)
    assert client.post(keep_url(article), late).status_code == 200
    article.refresh_from_db()
    assert autosave.offer(user=journalist, article=article).saved_since


def test_seo_texts_section_and_flags_are_offered_and_restored(client, journalist):
    """An autosave changing only the SEO title, meta description, section and a flag is
    offered with those lines, and the restore saves them."""
    article = draft_of(journalist, title_uk="Заголовок", is_important=False)
    section = SectionFactory(name_uk="Економіка")
    client.force_login(journalist)
    keep_typed(
        client,
        article,
        seo_title_uk="Пошуковий заголовок",
        meta_description_uk="Опис для пошуку",
        section=str(section.pk),
        is_important="on",
    )
    lines = [
        text
        for _state, parts in text_of(autosave.offer(user=journalist, article=article).rows)
        for _kind, text in parts
    ]
    assert "seo title [uk]: Пошуковий заголовок" in lines
    assert "meta description [uk]: Опис для пошуку" in lines
    assert "flags: important" in lines
    assert any("Економіка" in line for line in lines)
    restore_and_save(client, article)
    article.refresh_from_db()
    assert (article.seo_title_uk, article.meta_description_uk) == (
        "Пошуковий заголовок",
        "Опис для пошуку",
    )
    assert article.section == section and article.is_important


def test_a_journalists_text_in_a_language_locked_since_is_shown_not_restored(client, journalist):
    """A journalist's autosave of the Ukrainian title, then Ukrainian sent for review: the
    restore leaves that title as stored, and the autosaved words are still shown to copy."""
    article = draft_of(journalist, title_uk="Заголовок")
    client.force_login(journalist)
    keep_typed(client, article, title_uk="Мій новий заголовок", title_ru="Русский заголовок")
    services.article_submit_for_review(article=article, language="uk", by=journalist)
    offered = client.get(change_url(article)).content.decode()
    assert "<ins>Мій новий заголовок</ins>" in offered
    response = client.get(f"{change_url(article)}?restore_autosave=1")
    fields = form_data(response)
    assert fields["title_uk"] == "Заголовок" and fields["title_ru"] == "Русский заголовок"
    assert 'id="autosave-locked"' in response.content.decode()
    assert "<ins>Мій новий заголовок</ins>" in response.content.decode()


def test_keep_of_a_new_article_tolerates_duplicates(journalist):
    """One autosave of a new article per person: PostgreSQL refuses a second one (NULLS NOT
    DISTINCT); where the database cannot (SQLite), the next keep updates the newest and removes
    the other."""
    older = Autosave.objects.create(user=journalist, article=None, data={"title_uk": ["1"]})
    if connection.features.supports_nulls_distinct_unique_constraints:
        with pytest.raises(IntegrityError), transaction.atomic():
            Autosave.objects.create(user=journalist, article=None, data={"title_uk": ["2"]})
        autosave.keep(user=journalist, article=None, data={"title_uk": ["3"]})
        kept = Autosave.objects.get()
        assert kept.pk == older.pk and autosave.fields_of(kept) == {"title_uk": ["3"]}
        return
    newer = Autosave.objects.create(user=journalist, article=None, data={"title_uk": ["2"]})
    Autosave.objects.filter(pk=older.pk).update(saved_at=timezone.now() - timedelta(minutes=5))
    assert autosave.find(user=journalist, article=None).pk == newer.pk
    autosave.keep(user=journalist, article=None, data={"title_uk": ["3"]})
    kept = Autosave.objects.get()
    assert kept.pk == newer.pk and autosave.fields_of(kept) == {"title_uk": ["3"]}


def test_an_autosave_kept_before_the_record_is_read_by_the_fields_it_holds(journalist):
    """Kept before what was writable was recorded: a language counts if its title was posted,
    what is shared if the section was; read-only rows' counts do not make them writable."""
    article = draft_of(journalist)
    kept = Autosave.objects.create(
        user=journalist,
        article=article,
        data={"title_ru": ["Заголовок"], "bylines-TOTAL_FORMS": ["1"], "bylines-0-id": ["7"]},
    )
    assert autosave.kept_parts(kept) == {"ru"}
    assert "bylines-TOTAL_FORMS" not in autosave.restore(autosave=kept, article=article).data
