"""The translation debt: articles live in Ukrainian and not in Russian or English, for editors."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import roles, services, translating
from articles.models import Status
from tests.factories import ArticleFactory, SectionFactory, UserFactory, live_article, member

pytestmark = pytest.mark.django_db
URL = "/admin/articles/article/translation-debt/"


@pytest.fixture
def editor_client(client):
    client.force_login(member(roles.EDITORS, "editor"))
    return client


def live(languages, ago=timedelta(hours=1), **kwargs):
    return live_article(languages, at=timezone.now() - ago, **kwargs)


def listed(response):
    return [row.article for row in response.context["rows"]]


def test_lists_articles_live_in_ukrainian_and_not_in_every_language(editor_client):
    """Live in Ukrainian and not live in Russian or English (not started, a draft, scheduled,
    unpublished) is listed, newest first; translated ones, Ukrainian drafts and the trash are
    not."""
    only_uk = live(["uk"], ago=timedelta(hours=3))
    with_en = live(["uk", "en"], ago=timedelta(hours=2))
    scheduled_ru = live(["uk", "en"], ago=timedelta(hours=1))
    services.article_publish(
        article=scheduled_ru, language="ru", at=timezone.now() + timedelta(hours=1)
    )
    unpublished = live(["uk", "ru", "en"], ago=timedelta(hours=4))
    services.article_unpublish(article=unpublished, language="en")
    live(["uk", "ru", "en"])  # translated
    live(["ru", "en"])  # not live in Ukrainian
    draft = ArticleFactory()
    services.article_set_state(article=draft, language="uk", status=Status.DRAFT)
    trashed = live(["uk"])
    services.article_trash(article=trashed, by=None)

    response = editor_client.get(URL)
    assert listed(response) == [scheduled_ru, with_en, only_uk, unpublished]
    missing = {row.article: [m["code"] for m in row.missing] for row in response.context["rows"]}
    assert missing == {
        scheduled_ru: ["ru"],
        with_en: ["ru"],
        only_uk: ["ru", "en"],
        unpublished: ["en"],
    }


def test_each_missing_language_links_to_its_tab(editor_client):
    """One click opens the article's form on the missing language's tab."""
    article = live(["uk", "en"])
    page = editor_client.get(URL).content.decode()
    assert f'href="/admin/articles/article/{article.pk}/change/#lang-ru"' in page
    assert f"/admin/articles/article/{article.pk}/change/#lang-en" not in page


def test_filters_by_section_age_importance_and_missing_language(editor_client):
    """Section, how long it is live (today, 3 days, a week, older), important only, and the
    missing language narrow the list."""
    news, sport = SectionFactory(), SectionFactory()
    today = live(["uk"], ago=timedelta(seconds=1), section=news, is_important=True)
    two_days = live(["uk", "ru"], ago=timedelta(days=2), section=sport)
    five_days = live(["uk", "en"], ago=timedelta(days=5), section=news)
    old = live(["uk"], ago=timedelta(days=10), section=sport, is_important=True)

    def filtered(**params):
        return listed(editor_client.get(URL, params))

    assert filtered() == [today, two_days, five_days, old]
    assert filtered(section=news.pk) == [today, five_days]
    assert filtered(age="today") == [today]
    assert filtered(age="3days") == [today, two_days]
    assert filtered(age="week") == [today, two_days, five_days]
    assert filtered(age="older") == [old]
    assert filtered(important="1") == [today, old]
    assert filtered(missing="ru") == [today, five_days, old]
    assert filtered(missing="en") == [today, two_days, old]
    assert filtered(section=sport.pk, important="1", missing="en") == [old]
    # Nonsense in the address is ignored, not an error.
    assert filtered(section="x²", age="ever", missing="de") == [today, two_days, five_days, old]


def test_for_editors_only(client):
    """Anonymous → login; journalists and ad managers 403; editors and admins see it."""
    live(["uk"])
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(member(roles.JOURNALISTS, "journalist"))
    assert client.get(URL).status_code == 403
    client.force_login(member(roles.AD_MANAGERS, "ads"))
    assert client.get(URL).status_code == 403
    client.force_login(member(roles.EDITORS, "editor"))
    assert client.get(URL).status_code == 200
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    assert client.get(URL).status_code == 200


def test_pages_of_fifty(editor_client):
    """50 rows a page, the next page has the rest; a page beyond is a 404."""
    for hours in range(51):
        live(["uk"], ago=timedelta(hours=hours + 1))
    first = editor_client.get(URL)
    assert len(first.context["rows"]) == 50 and first.context["page"].has_next
    assert "page=2" in first.content.decode()
    second = editor_client.get(URL, {"page": "2"})
    assert len(second.context["rows"]) == 1 and not second.context["page"].has_next
    assert editor_client.get(URL, {"page": "3"}).status_code == 404


def test_queries_do_not_grow_with_rows(editor_client, django_assert_max_num_queries):
    """A page of 30 rows costs what a page of 2 does."""
    for _ in range(2):
        live(["uk"], section=SectionFactory())
    with django_assert_max_num_queries(12) as few:
        editor_client.get(URL)
    for _ in range(28):
        live(["uk", "en"], section=SectionFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(editor_client.get(URL).context["rows"]) == 30


def test_the_count_is_capped(settings, monkeypatch):
    """The dashboard's count stops at its cap (plus one, to say "more than")."""
    monkeypatch.setattr(translating, "DEBT_COUNT_CAP", 2)
    for _ in range(4):
        live(["uk"])
    assert translating.translation_debt_count() == 3


def test_the_article_list_links_to_it_for_editors_only(client):
    """The list's tools show the translation debt to editors, not to journalists."""
    client.force_login(member(roles.EDITORS, "editor"))
    assert URL in client.get("/admin/articles/article/").content.decode()
    client.force_login(member(roles.JOURNALISTS, "journalist"))
    assert URL not in client.get("/admin/articles/article/").content.decode()
