"""No lost edits: a stale form cannot overwrite a newer save, who else is editing is shown, and
a long writing session survives a rotated CSRF token."""

import pytest
from django.core.cache import cache
from django.test import Client

from articles.models import Article
from tests.factories import ArticleFactory, UserFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_presence():
    cache.clear()


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def editor(name):
    user = UserFactory(username=name, is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


def test_the_second_of_two_stale_forms_is_refused_and_keeps_its_text():
    """A and B open the article; A saves; B's save is refused naming A, B's text is shown back,
    A's change stays."""
    article = ArticleFactory(title_uk="Початковий заголовок")
    oksana, bohdan = editor("oksana"), editor("bohdan")
    form_a = form_data(oksana.get(change_url(article)))
    form_b = form_data(bohdan.get(change_url(article)))
    assert (
        oksana.post(change_url(article), form_a | {"title_uk": "Заголовок Оксани"}).status_code
        == 302
    )
    response = bohdan.post(change_url(article), form_b | {"lead_uk": "Лід, який написав Богдан"})
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.has_error("__all__", "edit_conflict")
    page = response.content.decode()
    assert "oksana" in page and "Лід, який написав Богдан" in page
    article.refresh_from_db()
    assert article.title_uk == "Заголовок Оксани" and article.lead_uk != "Лід, який написав Богдан"


def test_saving_again_from_a_fresh_form_works():
    """After a save, a form opened afterwards saves normally, and the counter moves on."""
    article = ArticleFactory()
    oksana = editor("oksana")
    for title in ["Перша правка", "Друга правка"]:
        data = form_data(oksana.get(change_url(article))) | {"title_uk": title}
        assert oksana.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert (article.title_uk, article.edit_count) == ("Друга правка", 2)
    assert article.updated_by.username == "oksana"


def test_the_form_says_who_else_is_editing():
    """B opening the article A has open is told "oksana is editing since HH:MM"."""
    article = ArticleFactory()
    oksana, bohdan = editor("oksana"), editor("bohdan")
    oksana.get(change_url(article))
    response = bohdan.get(change_url(article))
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "oksana" in messages
    assert "bohdan" not in " ".join(
        str(m) for m in oksana.get(change_url(ArticleFactory())).context["messages"]
    )


def test_heartbeat_reports_others_and_hands_a_fresh_csrf_token():
    """The heartbeat answers who else has the form open and the current CSRF token."""
    article = ArticleFactory()
    oksana, bohdan = editor("oksana"), editor("bohdan")
    oksana.get(change_url(article))
    url = f"/admin/articles/article/{article.pk}/editing/"
    response = bohdan.get(url)
    data = response.json()
    assert [o["name"] for o in data["others"]] == ["oksana"] and data["csrf"]
    assert "no-cache" in response["Cache-Control"]


def test_leaving_the_form_ends_the_editing_notice_at_once():
    """The page's "I have left" (a POST with the form's CSRF token, sent when it is closed)
    removes the notice for the others; a POST without the token changes nothing."""
    article = ArticleFactory()
    oksana = Client(enforce_csrf_checks=True)
    oksana.force_login(UserFactory(username="oksana", is_staff=True, is_superuser=True))
    bohdan = editor("bohdan")
    token = form_data(oksana.get(change_url(article)))["csrfmiddlewaretoken"]
    url = f"/admin/articles/article/{article.pk}/editing/"
    assert oksana.post(url).status_code == 403  # no token: refused
    assert [o["name"] for o in bohdan.get(url).json()["others"]] == ["oksana"]
    assert oksana.post(url, {"csrfmiddlewaretoken": token}).status_code == 204
    assert bohdan.get(url).json()["others"] == []


def test_heartbeat_is_closed_to_those_who_cannot_see_the_article():
    """A staff member without access to articles gets 403."""
    article = ArticleFactory()
    outsider = Client()
    outsider.force_login(UserFactory(username="ads", is_staff=True))
    assert outsider.get(f"/admin/articles/article/{article.pk}/editing/").status_code == 403


def test_a_rotated_csrf_token_does_not_cost_the_text(client):
    """Logging in again in another tab rotates the CSRF token: the heartbeat's fresh token lets
    the long-open form save (the stale token alone would be refused)."""
    user = UserFactory(username="oksana", is_staff=True, is_superuser=True)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    article = ArticleFactory()
    form = form_data(browser.get(change_url(article))) | {"title_uk": "Довгий текст"}
    # Another tab logs in again: the browser gets a new CSRF cookie.
    del browser.cookies["csrftoken"]
    browser.get("/admin/")
    stale = browser.post(change_url(article), form)
    assert stale.status_code == 403
    fresh = browser.get(f"/admin/articles/article/{article.pk}/editing/").json()["csrf"]
    assert (
        browser.post(change_url(article), form | {"csrfmiddlewaretoken": fresh}).status_code == 302
    )
    assert Article.objects.get(pk=article.pk).title_uk == "Довгий текст"


def test_losing_edit_rights_mid_writing_keeps_the_text(client):
    """The editor publishes the journalist's draft while they write: their save answers 409
    with everything they typed, and nothing changes."""
    from django.contrib.auth.models import Group

    from articles import roles, services
    from articles.models import Block, Status

    journalist = UserFactory(username="writer", is_staff=True)
    journalist.groups.add(Group.objects.get(name=roles.JOURNALISTS))
    article = ArticleFactory(created_by=journalist, title_ru="", title_en="")
    services.article_set_state(article=article, language="uk", status=Status.DRAFT, by=journalist)
    Block.objects.create(article=article, language="uk", kind="paragraph", text="<p>Старий</p>")
    client.force_login(journalist)
    form = form_data(client.get(change_url(article)))
    services.article_publish(article=article, language="uk")  # the editor, meanwhile
    # The check-in names the languages the form was opened to write, as the page does.
    heartbeat = client.get(
        f"/admin/articles/article/{article.pk}/editing/?languages={form['loaded_languages']}"
    ).json()
    assert form["loaded_languages"] == "en,ru,uk" and heartbeat["can_edit"] is False
    response = client.post(
        change_url(article),
        form | {"lead_uk": "Мій новий лід", "blocks-uk-0-text": "<p>Мій новий абзац</p>"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Мій новий лід" in page and "Мій новий абзац" in page
    article.refresh_from_db()
    assert article.lead_uk != "Мій новий лід"
