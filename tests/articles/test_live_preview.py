"""The live preview beside the form: the form's unsaved data in the public template, cleaned as a
save would clean it, with nothing written to the database, for those who may edit the article."""

import pytest
from django.utils.translation import gettext, override

from articles import previews, roles, services
from articles.models import (
    Article,
    ArticleAuthor,
    ArticleTag,
    Block,
    LanguageVersion,
    PreviewLink,
    StateChange,
    Status,
)
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
    book,
    member,
)
from tests.forms import form_data

pytestmark = pytest.mark.django_db
ADD = "/admin/articles/article/add/"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def live_url(article, language="uk"):
    if article is None:
        return f"/admin/articles/article/live-preview/{language}/"
    return f"/admin/articles/article/{article.pk}/live-preview/{language}/"


def database():
    """Every row a preview could have written."""
    models = (Article, LanguageVersion, Block, ArticleAuthor, ArticleTag, StateChange, PreviewLink)
    return [list(model.objects.order_by("pk").values()) for model in models]


@pytest.fixture
def journalist():
    return member(roles.JOURNALISTS, "writer")


@pytest.fixture
def draft(journalist):
    article = ArticleFactory(created_by=journalist, title_uk="Збережений заголовок", title_en="")
    services.article_set_state(article=article, language="uk", status=Status.DRAFT, by=journalist)
    Block.objects.create(
        article=article, language="uk", kind="paragraph", text="<p>Збережений абзац.</p>"
    )
    return article


def test_the_preview_shows_unsaved_text_and_writes_nothing(client, journalist, draft):
    """Typed title, lead, SEO title, a new block, an author and a tag appear in the page; the
    block's script is removed as on save; no row is created or changed."""
    author, tag = AuthorFactory(name_uk="Ольга Мостова"), TagFactory(name_uk="Мости")
    client.force_login(journalist)
    data = form_data(client.get(change_url(draft))) | {
        "title_uk": "Незбережений заголовок",
        "lead_uk": "Незбережений лід.",
        "seo_title_uk": "Заголовок для пошуку",
        "blocks-uk-TOTAL_FORMS": "2",
        "blocks-uk-1-kind": "paragraph",
        "blocks-uk-1-text": "<p>Новий абзац<script>alert(1)</script></p>",
        "bylines-TOTAL_FORMS": "1",
        "bylines-0-author": str(author.pk),
        "bylines-0-position": "0",
    }
    prefix = next(key for key in data if key.endswith("TOTAL_FORMS") and "tag" in key).removesuffix(
        "-TOTAL_FORMS"
    )
    data |= {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-0-tag": str(tag.pk),
        f"{prefix}-0-position": "0",
    }
    before = database()
    response = client.post(live_url(draft), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<h1 id="article-title">Незбережений заголовок</h1>' in page
    assert "Незбережений лід." in page and "<title>Заголовок для пошуку — " in page
    assert "Збережений абзац." in page and "Новий абзац" in page
    assert "<script>alert" not in page
    assert "Ольга Мостова" in page and ">Мости</a>" in page
    assert database() == before


def test_the_preview_is_private_noindex_and_framed_by_the_admin_only(client, journalist, draft):
    """Same headers as every preview, may be framed by the same origin only, shows no ad."""
    book("sidebar_top")
    client.force_login(journalist)
    response = client.post(live_url(draft), form_data(client.get(change_url(draft))))
    assert response["Cache-Control"] == previews.PREVIEW_CACHE_CONTROL
    assert response["X-Robots-Tag"] == previews.PREVIEW_ROBOTS
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    page = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "/ads/slot/" not in page


def test_a_new_article_is_previewed_before_its_first_save(client, journalist):
    """The add form previews too, and nothing is created."""
    section = SectionFactory()
    client.force_login(journalist)
    data = form_data(client.get(ADD)) | {"section": section.pk, "title_uk": "Ще не збережена"}
    before = database()
    response = client.post(live_url(None), data)
    assert response.status_code == 200
    assert '<h1 id="article-title">Ще не збережена</h1>' in response.content.decode()
    assert database() == before
    # Without a section there is no page to show yet: the frame says what is missing.
    response = client.post(live_url(None), data | {"section": ""})
    with override("uk"):
        asked = gettext("Choose a section to see the preview.")
    assert response.status_code == 200 and asked in response.content.decode()


def test_a_locked_language_shows_its_saved_text(client, journalist, draft):
    """A version the journalist sent for review is previewed as saved, whatever is posted."""
    services.article_submit_for_review(article=draft, language="uk", by=journalist)
    client.force_login(journalist)
    data = form_data(client.get(change_url(draft))) | {"title_uk": "Підроблений заголовок"}
    page = client.post(live_url(draft), data).content.decode()
    assert "Збережений заголовок" in page and "Підроблений заголовок" not in page


def test_a_journalist_cannot_preview_a_colleagues_draft(client, draft):
    """A colleague gets 403 and nothing of the draft; an ad manager too."""
    for role, name in [(roles.JOURNALISTS, "colleague"), (roles.AD_MANAGERS, "ads")]:
        client.force_login(member(role, name))
        response = client.post(live_url(draft), {"title_uk": "x"})
        assert response.status_code == 403
        assert "Збережений заголовок".encode() not in response.content


def test_editors_preview_any_article(client, draft):
    """An editor previews a journalist's draft."""
    client.force_login(member(roles.EDITORS, "editor"))
    data = form_data(client.get(change_url(draft))) | {"title_uk": "Правка редактора"}
    assert "Правка редактора" in client.post(live_url(draft), data).content.decode()


def test_anonymous_users_are_sent_to_log_in_and_get_is_refused(client, journalist, draft):
    """No login: to the login page. A GET is not a preview (405)."""
    response = client.post(live_url(draft), {"title_uk": "x"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(journalist)
    assert client.get(live_url(draft)).status_code == 405
    assert client.post(live_url(draft, "xx"), {}).status_code == 404


def test_an_ad_manager_cannot_preview_a_new_article(client):
    """Those who may not create articles get 403 from the add form's preview."""
    client.force_login(member(roles.AD_MANAGERS, "ads"))
    assert client.post(live_url(None), {"title_uk": "x"}).status_code == 403


def test_the_preview_costs_the_same_queries_for_two_or_twenty_blocks(client, journalist, draft):
    """The number of queries does not grow with the number of typed blocks."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(journalist)
    base = form_data(client.get(change_url(draft)))

    def queries(count):
        data = base | {"blocks-uk-TOTAL_FORMS": str(count + 1)}
        for index in range(1, count + 1):
            data |= {
                f"blocks-uk-{index}-kind": "paragraph",
                f"blocks-uk-{index}-text": f"<p>Абзац {index}</p>",
            }
        with CaptureQueriesContext(connection) as captured:
            page = client.post(live_url(draft), data).content.decode()
        assert f"Абзац {count}" in page
        return len(captured)

    queries(1)  # the shared lists are cached from the first page on
    assert queries(2) == queries(20)


def test_the_preview_never_locks_the_article_row(client, journalist, draft, monkeypatch):
    """Each refresh validates the form without SELECT … FOR UPDATE, so it never makes others'
    saves wait (the lock is the real save's, on PostgreSQL)."""
    from django.db.models import QuerySet

    locked = []
    original = QuerySet.select_for_update

    def select_for_update(queryset, *args, **kwargs):
        locked.append(queryset.model)
        return original(queryset, *args, **kwargs)

    client.force_login(journalist)
    data = form_data(client.get(change_url(draft))) | {"title_uk": "Нове"}
    monkeypatch.setattr(QuerySet, "select_for_update", select_for_update)
    assert "Нове" in client.post(live_url(draft), data).content.decode()
    assert locked == []


def test_the_previews_form_leaves_stale_checks_to_the_real_save(journalist, draft):
    """A save or a publication change made since the form was opened refuses the real save;
    the preview's form (is_preview) skips those checks, as it saves nothing."""
    from django.contrib import admin
    from django.test import Client, RequestFactory

    client = Client()
    client.force_login(journalist)
    data = form_data(client.get(change_url(draft)))
    services.article_submit_for_review(article=draft, language="en", by=journalist)
    Article.objects.filter(pk=draft.pk).update(edit_count=draft.edit_count + 1)
    data |= {"title_uk": "Набране після чужого збереження", "state_uk": Status.REVIEW}
    request = RequestFactory().post("/")
    request.user = journalist
    article = Article.objects.get(pk=draft.pk)
    form_class = admin.site._registry[Article].get_form(request, article, change=True)
    saving = form_class(data, instance=article)
    assert not saving.is_valid()
    assert {e.code for e in saving.non_field_errors().as_data()} == {
        "edit_conflict",
        "publication_conflict",
    }
    previewing = form_class(data, instance=article)
    previewing.is_preview = True
    assert previewing.is_valid(), previewing.errors
