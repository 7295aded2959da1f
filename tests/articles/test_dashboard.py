"""The admin's home page per role: a journalist's own work, an editor's queue, plan and debt."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import roles, services
from articles.models import Status
from tests.factories import ArticleFactory, AuthorFactory, live_article, member, sign

pytestmark = pytest.mark.django_db
HOME = "/admin/"


def draft_of(user, title, language="uk"):
    article = ArticleFactory(created_by=user, **{f"title_{language}": title})
    services.article_set_state(article=article, language=language, status=Status.DRAFT, by=user)
    return article


def panels(client, user):
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response


def titles(rows):
    return [row["title"] for row in rows]


def test_a_journalist_sees_their_drafts_returns_with_comments_and_what_went_live(
    client, journalist, editor
):
    """Their own drafts, their returned versions with who returned them and why, and what of
    theirs went live this week; nothing of a colleague's."""
    draft_of(journalist, "Моя чернетка")
    returned = draft_of(journalist, "Повернута")
    services.article_submit_for_review(article=returned, language="uk", by=journalist)
    services.article_return(article=returned, language="uk", by=editor, comment="Додай джерело")
    live_article(["uk"], created_by=journalist, title_uk="Вийшла")
    live_article(
        ["uk"], created_by=journalist, title_uk="Давня", at=timezone.now() - timedelta(days=30)
    )
    colleague = member(roles.JOURNALISTS, "colleague")
    draft_of(colleague, "Чужа чернетка")
    # Signed by them, created by a colleague: theirs too.
    sign(draft_of(colleague, "Спільна чернетка"), AuthorFactory(user=journalist))

    response = panels(client, journalist)
    context = response.context.get("panels")
    page = response.content.decode()
    assert context is not None and context["role"] == "journalist"
    assert titles(context["drafts"]) == ["Спільна чернетка", "Моя чернетка"]
    assert titles(context["returned"]) == ["Повернута"]
    assert context["returned"][0]["version"].return_comment == "Додай джерело"
    assert context["returned"][0]["version"].returned_by == "editor"
    assert titles(context["went_live"]) == ["Вийшла"]
    assert "Додай джерело" in page and "Чужа чернетка" not in page
    assert f"/admin/articles/article/{returned.pk}/change/#lang-uk" in page


def test_an_editor_sees_the_review_queue_todays_plan_and_the_debt(client, journalist, editor):
    """The versions in review (oldest first), what goes live today by time, and the number of
    this week's articles live in Ukrainian only, linked to the translation debt."""
    first = draft_of(journalist, "Перша на розгляд")
    services.article_submit_for_review(article=first, language="uk", by=journalist)
    second = draft_of(journalist, "Second for review", language="en")
    services.article_submit_for_review(article=second, language="en", by=journalist)
    now = timezone.now()
    start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    earlier = max(start, now - timedelta(hours=1))
    went = live_article(["uk", "ru", "en"], title_uk="Вже вийшла", at=earlier)
    later_today = start + timedelta(hours=23, minutes=59)
    scheduled = ArticleFactory(title_uk="Вийде пізніше")
    if later_today > now:
        services.article_publish(article=scheduled, language="uk", at=later_today)
    live_article(["uk"], title_uk="Вчорашня", at=start - timedelta(hours=2))
    live_article(["uk"], title_uk="Давня", at=now - timedelta(days=8))

    response = panels(client, editor)
    context = response.context["panels"]
    assert context["role"] == "editor"
    assert titles(context["review"]) == ["Перша на розгляд", "Second for review"]
    expected = [(went.pk, code) for code in ("en", "ru", "uk")]
    expected += [(scheduled.pk, "uk")] if later_today > now else []
    assert [
        (row["version"].article_id, row["version"].language) for row in context["schedule"]
    ] == (expected)
    assert [row["live"] for row in context["schedule"]] == [True] * 3 + [False] * (
        len(expected) - 3
    )
    # Of this week's, only "Вчорашня" is live in Ukrainian and not in the other languages.
    assert context["debt_count"] == 1 and not context["debt_more"]
    page = response.content.decode()
    assert "/admin/articles/article/translation-debt/?age=week" in page
    assert f"/admin/articles/article/{went.pk}/change/#lang-en" in page


def test_others_see_no_panel(client):
    """Ad managers get the plain home page."""
    response = panels(client, member(roles.AD_MANAGERS, "ads"))
    assert response.context["panels"] == {}
    assert 'id="dashboard"' not in response.content.decode()


@pytest.mark.parametrize("role", ["journalist", "editor"])
def test_queries_do_not_grow_with_rows(
    client, journalist, editor, role, django_assert_max_num_queries
):
    """The home page costs as many queries with ten rows in each panel as with one."""
    user = journalist if role == "journalist" else editor

    def add_rows(count):
        for n in range(count):
            article = draft_of(journalist, f"Стаття {n}")
            services.article_submit_for_review(article=article, language="uk", by=journalist)
            if role == "journalist":
                services.article_return(article=article, language="uk", by=editor, comment="Ні")
                draft_of(journalist, f"Чернетка {n}")
            live_article(["uk"], created_by=journalist)

    add_rows(1)
    client.force_login(user)
    with django_assert_max_num_queries(30) as few:
        client.get(HOME)
    add_rows(9)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(HOME)
    assert len(response.context["panels"]["review" if role == "editor" else "returned"]) == 10
