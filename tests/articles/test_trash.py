"""The trash: delete moves an article off the site with every word kept; editors restore it;
only admins delete for good."""

import pytest
from django.contrib.auth.models import Group

from articles import roles, services
from articles.models import Article, Status
from tests.factories import ArticleFactory, UserFactory, live_article

pytestmark = pytest.mark.django_db
LIST = "/admin/articles/article/"


def staff(role, username):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def draft_by(user):
    article = ArticleFactory(created_by=user, title_ru="", title_en="")
    services.article_set_state(article=article, language="uk", status=Status.DRAFT, by=user)
    return article


def act(client, action, *articles, **params):
    return client.post(
        LIST + ("?trash=yes" if params.get("trash") else ""),
        {"action": action, "_selected_action": [a.pk for a in articles]},
    )


def test_journalist_moves_own_draft_to_the_trash(client):
    """A journalist's own draft goes to the trash; its text stays in the database."""
    journalist = staff(roles.JOURNALISTS, "j")
    article = draft_by(journalist)
    client.force_login(journalist)
    assert act(client, "move_to_trash", article).status_code == 302
    article.refresh_from_db()
    assert article.deleted_at is not None and article.title_uk
    assert article not in client.get(LIST).context["cl"].result_list
    assert article in client.get(LIST + "?trash=yes").context["cl"].result_list


@pytest.mark.parametrize("whose", ["colleague's draft", "own live article"])
def test_journalist_cannot_trash_others_or_live_articles(client, whose):
    """Never moved: a colleague's draft (invisible to them) or a live article (all or nothing)."""
    journalist = staff(roles.JOURNALISTS, "j")
    own = draft_by(journalist)
    other = (
        draft_by(staff(roles.JOURNALISTS, "k"))
        if whose == "colleague's draft"
        else live_article(["uk"], created_by=journalist)
    )
    client.force_login(journalist)
    act(client, "move_to_trash", own, other)
    assert Article.objects.get(pk=other.pk).deleted_at is None
    if whose == "own live article":
        # Visible to them but not theirs to trash: all or nothing, so the draft stays too.
        assert Article.objects.get(pk=own.pk).deleted_at is None


def test_editor_trashes_a_live_article_and_it_leaves_the_site(client):
    """An editor's trash takes a live article off every page at once; restore brings it back."""
    editor = staff(roles.EDITORS, "e")
    article = live_article(["uk"])
    url = article.get_absolute_url("uk")
    client.force_login(editor)
    act(client, "move_to_trash", article)
    assert client.get(url).status_code == 404
    assert article.title_uk not in client.get("/").content.decode()
    act(client, "restore_from_trash", article, trash=True)
    article.refresh_from_db()
    assert article.deleted_at is None
    assert client.get(url).status_code == 200


def test_journalists_cannot_restore(client):
    """Restoring is for editors: a journalist's restore changes nothing."""
    journalist = staff(roles.JOURNALISTS, "j")
    article = draft_by(journalist)
    services.article_trash(article=article, by=journalist)
    client.force_login(journalist)
    act(client, "restore_from_trash", article, trash=True)
    article.refresh_from_db()
    assert article.deleted_at is not None


def test_a_trashed_article_cannot_be_edited(client):
    """Editing waits for a restore: the form is read-only, and a POST is refused with the text
    shown back."""
    editor = staff(roles.EDITORS, "e")
    article = live_article(["uk"])
    services.article_trash(article=article, by=editor)
    client.force_login(editor)
    change = f"/admin/articles/article/{article.pk}/change/"
    response = client.get(change)
    assert "in the trash" in " ".join(str(m) for m in response.context["messages"]).lower() or (
        "кошику" in " ".join(str(m) for m in response.context["messages"])
    )
    response = client.post(change, {"title_uk": "Правка в кошику"})
    assert response.status_code == 409 and "Правка в кошику" in response.content.decode()
    article.refresh_from_db()
    assert article.title_uk != "Правка в кошику"


def test_trash_and_restore_are_in_the_history(client):
    """Both steps are recorded with who did them."""
    editor = staff(roles.EDITORS, "e")
    article = live_article(["uk"])
    services.article_trash(article=article, by=editor)
    services.article_restore(article=article, by=editor)
    assert article.history.filter(by=editor).count() == 2


def test_pickers_do_not_offer_trashed_articles(client, admin_user):
    """Related news and Read also cannot link to an article in the trash."""
    kept = ArticleFactory(title_uk="Енергетика сьогодні")
    gone = ArticleFactory(title_uk="Енергетика вчора")
    services.article_trash(article=gone, by=None)
    client.force_login(admin_user)
    response = client.get(
        "/admin/autocomplete/",
        {
            "term": "Енергетика",
            "app_label": "articles",
            "model_name": "relatedarticle",
            "field_name": "related",
        },
    )
    assert [r["id"] for r in response.json()["results"]] == [str(kept.pk)]
