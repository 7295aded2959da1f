"""Autosave: the form's text kept per person and article, offered back with a word-level
difference, restored into the form (not saved) and cleared by a save; never public."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
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
    UserFactory,
    live_article,
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


def member(role, username):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def journalist():
    return member(roles.JOURNALISTS, "journalist")


@pytest.fixture
def editor():
    return member(roles.EDITORS, "editor")


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
    assert kept.data == {"title_uk": ["Друга"]} and kept.user == journalist
    # A new article (not saved yet) has its own one.
    autosave.keep(user=journalist, article=None, data={"title_uk": ["Нова"]})
    autosave.keep(user=journalist, article=None, data={"title_uk": ["Нова 2"]})
    assert Autosave.objects.count() == 2
    assert autosave.find(user=journalist, article=None).data == {"title_uk": ["Нова 2"]}


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
    Block.objects.create(
        article=article, language="uk", kind="paragraph", text="<p>Рух <b>відновили</b> вранці.</p>"
    )
    author, tag = AuthorFactory(name_uk="Олена Бондар"), TagFactory(name_uk="Київ")
    data = {
        "title_uk": ["Міст відкрили після довгого ремонту"],
        "blocks-uk-TOTAL_FORMS": ["2"],
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
    assert Autosave.objects.get().data == {"title_uk": ["Моє"]}


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
    """A journalist's autosave made while the version was a draft cannot, restored, undo the
    review it was sent to: the restore fills text only, and the form shows the state as it is."""
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
