"""Starting a language from another one: the service, the admin's offer and view, the originals
beside the translation, and who may do it."""

import pytest
import reversion
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext, override

from articles import roles, services
from articles.models import Block, LanguageVersion, StateChange, Status
from articles.translating import article_start_translation
from tests.factories import (
    ArticleFactory,
    BlockFactory,
    PhotoFactory,
    live_article,
    member,
)
from tests.forms import form_data

pytestmark = pytest.mark.django_db

EMBED = "https://youtu.be/dQw4w9WgXcQ"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def translate_url(article, target):
    return f"/admin/articles/article/{article.pk}/translate/{target}/"


def ukrainian_article(**kwargs):
    """A Ukrainian draft with one block of each kind that carries something beside text."""
    article = ArticleFactory(
        title_uk="Міст відкрили",
        lead_uk="<p>Після ремонту.</p>",
        title_ru="",
        title_en="",
        lead_en="",
        **kwargs,
    )
    services.article_set_state(article=article, language="uk", status=Status.DRAFT)
    other = live_article(["uk"], title_uk="Інша новина")
    photo = PhotoFactory()
    add = BlockFactory
    add(article=article, position=10, kind=Block.Kind.PARAGRAPH, text="<p>Перший абзац.</p>")
    add(article=article, position=20, kind=Block.Kind.PHOTO, text="", photo=photo)
    add(
        article=article,
        position=30,
        kind=Block.Kind.QUOTE,
        text="Міст готовий.",
        attribution="Олена Бондар",
    )
    add(article=article, position=40, kind=Block.Kind.EMBED, text="", url=EMBED)
    add(article=article, position=50, kind=Block.Kind.READ_ALSO, text="", link_article=other)
    add(article=article, position=60, kind=Block.Kind.BACKGROUND, text="", items="Перше\nДруге")
    return article


def body(article, language):
    return list(
        article.blocks.filter(language=language)
        .order_by("position", "id")
        .values("kind", "position", "text", "attribution", "items", "photo", "url", "link_article")
    )


def database(article):
    article.refresh_from_db()
    return (
        article.title_en,
        article.lead_en,
        body(article, "en"),
        list(LanguageVersion.objects.filter(article=article).values()),
        StateChange.objects.count(),
    )


# --- the service -------------------------------------------------------------------------------


def test_structure_only_copies_the_blocks_without_their_text():
    """Same blocks in the same order, photo, embed, read-also link and quote attribution kept,
    text and list items empty; no title or lead; a draft marked as translated from Ukrainian."""
    article = ukrainian_article()
    version = article_start_translation(
        article=article, source="uk", target="en", by=None, with_text=False
    )
    original, translation = body(article, "uk"), body(article, "en")
    shared = ("kind", "position", "attribution", "photo", "url", "link_article")
    assert [{k: b[k] for k in shared} for b in translation] == [
        {k: b[k] for k in shared} for b in original
    ]
    assert all(b["text"] == "" and b["items"] == "" for b in translation)
    assert [b["attribution"] for b in translation if b["kind"] == "quote"] == ["Олена Бондар"]
    article.refresh_from_db()
    assert (article.title_en, article.lead_en) == ("", "")
    assert (version.status, version.translated_from) == (Status.DRAFT, "uk")
    assert LanguageVersion.objects.get(article=article, language="en").translated_from == "uk"
    step = StateChange.objects.filter(article=article, language="en").get()
    assert step.to_status == Status.DRAFT
    with override("uk"):
        started = gettext("Started from %(language)s: structure only.")
    assert step.comment == started % {"language": "Українська"}
    revision = reversion.models.Version.objects.get_for_object(article).first().revision
    assert revision.comment == step.comment


def test_with_text_copies_title_lead_and_every_text():
    """With the text: the blocks' text and items, the title and the lead are the original's,
    to be written over."""
    article = ukrainian_article()
    article_start_translation(article=article, source="uk", target="ru", by=None, with_text=True)
    assert body(article, "ru") == [{**b} for b in body(article, "uk")]
    article.refresh_from_db()
    assert (article.title_ru, article.lead_ru) == ("Міст відкрили", "<p>Після ремонту.</p>")
    assert article.versions.get(language="ru").translated_from == "uk"


@pytest.mark.parametrize("written", ["title", "lead", "seo_title", "block"])
def test_a_language_with_text_is_never_replaced(written):
    """A target with a title, lead, SEO title or any block is refused: nothing written is
    replaced or doubled, nothing changes."""
    article = ukrainian_article()
    if written == "block":
        BlockFactory(article=article, language="en", text="<p>My own start.</p>")
    else:
        setattr(article, f"{written}_en", "Mine")
        article.save()
    before = database(article)
    with pytest.raises(ValidationError) as refused:
        article_start_translation(
            article=article, source="uk", target="en", by=None, with_text=True
        )
    assert refused.value.code == "target_has_text"
    assert database(article) == before


@pytest.mark.parametrize(
    ("source", "target", "code"),
    [("uk", "uk", "bad_language"), ("xx", "en", "bad_language"), ("ru", "en", "source_empty")],
)
def test_refuses_a_source_that_is_not_another_written_language(source, target, code):
    """The source must be another language, and have something to start from."""
    article = ukrainian_article()
    before = database(article)
    with pytest.raises(ValidationError) as refused:
        article_start_translation(
            article=article, source=source, target=target, by=None, with_text=False
        )
    assert refused.value.code == code
    assert database(article) == before


def test_a_journalist_starts_their_own_articles_language(journalist):
    """The author may start a language of their own draft; the step is theirs in the history."""
    article = ukrainian_article(created_by=journalist)
    article_start_translation(
        article=article, source="uk", target="en", by=journalist, with_text=False
    )
    assert len(body(article, "en")) == 6
    assert StateChange.objects.get(article=article, language="en").by == journalist


@pytest.mark.parametrize("whose", ["colleague", "in review", "trash"])
def test_refuses_a_language_the_user_may_not_edit(journalist, whose):
    """A colleague's article, a language already in review (the editors' now) or an article in
    the trash: PermissionDenied, nothing changes."""
    colleague = member(roles.JOURNALISTS, "colleague")
    article = ukrainian_article(created_by=colleague if whose == "colleague" else journalist)
    if whose == "in review":
        services.article_submit_for_review(article=article, language="en", by=journalist)
    if whose == "trash":
        services.article_trash(article=article, by=journalist)
    before = database(article)
    with pytest.raises(PermissionDenied):
        article_start_translation(
            article=article, source="uk", target="en", by=journalist, with_text=False
        )
    assert database(article) == before


def test_a_form_opened_before_cannot_save_its_empty_language_over_the_copy(client, editor):
    """Someone with the form open while the translation is started: their save is refused as
    stale (their text shown back), not saved with an empty English over the copied title."""
    article = ukrainian_article()
    client.force_login(editor)
    data = form_data(client.get(change_url(article))) | {"title_uk": "Правка"}
    article_start_translation(article=article, source="uk", target="en", by=None, with_text=True)
    response = client.post(change_url(article), data)
    form = response.context["adminform"].form
    assert [e.code for e in form.non_field_errors().as_data()] == ["edit_conflict"]
    assert "Правка" in response.content.decode()
    article.refresh_from_db()
    assert (article.title_uk, article.title_en) == ("Міст відкрили", "Міст відкрили")


# --- the admin view ----------------------------------------------------------------------------


def test_the_view_starts_the_language_and_opens_its_tab(client, journalist):
    """POST source (and with_text): the blocks are copied and the form opens on the new tab."""
    article = ukrainian_article(created_by=journalist)
    client.force_login(journalist)
    response = client.post(translate_url(article, "en") + "?with_text=1", {"source": "uk"})
    assert response.status_code == 302
    assert response["Location"] == change_url(article) + "#lang-en"
    assert [b["text"] for b in body(article, "en")] == [b["text"] for b in body(article, "uk")]
    article.refresh_from_db()
    assert article.title_en == "Міст відкрили"


def test_the_view_says_why_it_refuses_a_language_with_text(client, editor):
    """A language that already has text: the form again, with the reason, nothing changed."""
    article = ukrainian_article()
    BlockFactory(article=article, language="en")
    before = database(article)
    client.force_login(editor)
    response = client.post(translate_url(article, "en"), {"source": "uk"})
    assert response.status_code == 302
    assert response["Location"].endswith("#lang-en")
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    assert database(article) == before


def test_the_view_needs_a_login_a_post_and_edit_rights(client, journalist):
    """Anonymous → login; GET → 405; a colleague's draft → 403; an unknown language → 404;
    nothing changes."""
    colleague = member(roles.JOURNALISTS, "colleague")
    article = ukrainian_article(created_by=colleague)
    before = database(article)
    response = client.post(translate_url(article, "en"), {"source": "uk"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(journalist)
    assert client.get(translate_url(article, "en")).status_code == 405
    assert client.post(translate_url(article, "en"), {"source": "uk"}).status_code == 403
    client.force_login(colleague)
    assert client.post(translate_url(article, "xx"), {"source": "uk"}).status_code == 404
    assert database(article) == before


def test_a_journalist_cannot_start_a_language_of_a_colleagues_live_article(client, journalist):
    """A colleague's article live in Ukrainian: the journalist may open it, not translate it."""
    colleague = member(roles.JOURNALISTS, "colleague")
    article = live_article(["uk"], created_by=colleague, title_en="", lead_en="", title_ru="")
    BlockFactory(article=article)
    before = database(article)
    client.force_login(journalist)
    assert client.get(change_url(article)).status_code == 200
    assert client.post(translate_url(article, "en"), {"source": "uk"}).status_code == 403
    assert database(article) == before


def test_the_author_translates_their_live_article(client, journalist):
    """Languages are independent: the English of the author's article live in Ukrainian is
    still theirs to start."""
    article = live_article(["uk"], created_by=journalist, title_en="", lead_en="", title_ru="")
    BlockFactory(article=article)
    client.force_login(journalist)
    assert client.post(translate_url(article, "en"), {"source": "uk"}).status_code == 302
    assert [b["kind"] for b in body(article, "en")] == ["paragraph"]


# --- the form ----------------------------------------------------------------------------------


def test_the_form_offers_each_empty_language_from_each_written_one(client, editor):
    """A saved article: the empty languages get the two buttons per written language; a
    written language gets none."""
    article = ukrainian_article()
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()
    assert page.count('class="translation-offer"') == 2
    for target in ("ru", "en"):
        assert f'formaction="{translate_url(article, target)}"' in page
        assert f'formaction="{translate_url(article, target)}?with_text=1"' in page
    assert f'formaction="{translate_url(article, "uk")}' not in page
    # Outside the article form: the buttons post to their own form, never the article's.
    assert page.index('<form id="translation-start"') > page.index("</form>")


def test_the_offer_is_only_for_languages_the_user_may_write(client, journalist):
    """A journalist's English already in review is not offered to them; Russian still is."""
    article = ukrainian_article(created_by=journalist)
    article.title_en = "Bridge"
    article.save()
    services.article_submit_for_review(article=article, language="en", by=journalist)
    article.title_en = ""
    article.save()
    client.force_login(journalist)
    page = client.get(change_url(article)).content.decode()
    assert f'formaction="{translate_url(article, "ru")}"' in page
    assert f'formaction="{translate_url(article, "en")}"' not in page


def test_a_new_article_says_to_save_first(client, editor):
    """Not saved yet: no offer, a note to save first in each translated language's tab."""
    client.force_login(editor)
    page = client.get("/admin/articles/article/add/").content.decode()
    assert "translation-start" not in page
    assert page.count('class="translation-offer help"') == 2


def test_the_translation_shows_the_original_above_each_block(client, editor):
    """While English is translated from Ukrainian, the form carries the Ukrainian title, lead
    and each block's text in order, as plain text."""
    article = ukrainian_article()
    article_start_translation(article=article, source="uk", target="en", by=None, with_text=False)
    client.force_login(editor)
    response = client.get(change_url(article))
    (original,) = response.context["translation"]["originals"]
    assert original["language"] == "en" and original["source"] == "uk"
    assert (original["title"], original["lead"]) == ("Міст відкрили", "Після ремонту.")
    assert [block["text"] for block in original["blocks"]] == [
        "Перший абзац.",
        "",
        "Міст готовий. — Олена Бондар",
        EMBED,
        "Інша новина",
        "Перше · Друге",
    ]
    page = response.content.decode()
    assert 'class="translation-originals" data-language="en"' in page
    assert "Міст готовий. — Олена Бондар" in page
    # English is no longer empty: no offer for it.
    assert f'formaction="{translate_url(article, "en")}"' not in page


def test_no_originals_without_a_source(client, editor):
    """A language written from scratch shows no originals."""
    article = ukrainian_article()
    client.force_login(editor)
    assert client.get(change_url(article)).context["translation"]["originals"] == []
