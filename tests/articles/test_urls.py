from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from articles import services
from tests.factories import ArticleFactory, live_article

pytestmark = pytest.mark.django_db
KYIV = ZoneInfo("Europe/Kyiv")


@pytest.fixture
def article():
    return live_article(["uk", "ru", "en"], at=datetime(2024, 11, 8, 13, 56, tzinfo=KYIV))


def test_canonical_url_has_the_padded_kyiv_date_and_id(article):
    """The address is /news/YYYY/MM/DD/<id>/, shared by every language but its prefix."""
    assert article.get_absolute_url("uk") == f"/news/2024/11/08/{article.pk}/"
    assert article.get_absolute_url("ru") == f"/ru/news/2024/11/08/{article.pk}/"
    assert article.get_absolute_url("en") == f"/en/news/2024/11/08/{article.pk}/"


def test_the_date_is_the_kyiv_date_not_utc():
    """01:30 in Kyiv is the previous day in UTC; the address uses Kyiv's date."""
    article = live_article(["uk"], at=datetime(2024, 11, 9, 1, 30, tzinfo=KYIV))
    assert article.get_absolute_url("uk") == f"/news/2024/11/09/{article.pk}/"


@pytest.mark.parametrize("prefix", ["", "/ru", "/en"])
def test_canonical_url_answers_200_in_each_language(client, article, prefix):
    """The article page is served at its canonical address in every language it is live in."""
    response = client.get(f"{prefix}/news/2024/11/08/{article.pk}/")
    assert response.status_code == 200
    assert article.title_in(prefix.strip("/") or "uk") in response.content.decode()


@pytest.mark.parametrize(
    "variant",
    [
        "/news/2024/11/8/{pk}/",  # unpadded day
        "/news/2024/1/08/{pk}/",  # unpadded month
        "/news/2024/11/09/{pk}/",  # wrong day
        "/news/2023/02/31/{pk}/",  # impossible date
        "/news/2024/ab/08/{pk}/",  # not a date at all
        "/news/{pk}/",  # short form
        "/en/news/2024/11/8/{pk}/",
    ],
)
def test_variants_redirect_permanently_to_the_canonical_url(client, article, variant):
    """Old or malformed addresses answer 301 to the canonical one (keeping the language)."""
    response = client.get(variant.format(pk=article.pk))
    assert response.status_code == 301
    language = "en" if variant.startswith("/en/") else "uk"
    assert response["Location"] == article.get_absolute_url(language)


def test_redirect_keeps_the_query_string(client, article):
    """Campaign parameters survive the redirect."""
    response = client.get(f"/news/2024/11/8/{article.pk}/?utm_source=x")
    assert response["Location"] == f"/news/2024/11/08/{article.pk}/?utm_source=x"


def test_missing_trailing_slash_redirects(client, article):
    """/news/…/<id> without the slash is sent on permanently too."""
    response = client.get(f"/news/2024/11/08/{article.pk}", follow=True)
    assert response.redirect_chain[-1] == (f"/news/2024/11/08/{article.pk}/", 301)


def test_a_later_translation_keeps_the_original_date():
    """An English version published the next day lives at the original date's address."""
    start = datetime(2024, 11, 8, 23, 30, tzinfo=KYIV)
    article = live_article(["uk"], at=start)
    services.article_publish(article=article, language="en", at=start + timedelta(hours=2))
    article.refresh_from_db()
    assert article.get_absolute_url("en") == f"/en/news/2024/11/08/{article.pk}/"


def test_republishing_later_does_not_move_a_published_url():
    """Once live, unpublishing and publishing again keeps the first date."""
    article = live_article(["uk"], at=datetime(2024, 11, 8, 10, 0, tzinfo=KYIV))
    services.article_unpublish(article=article, language="uk")
    services.article_publish(article=article, language="uk")
    article.refresh_from_db()
    assert article.url_date.isoformat() == "2024-11-08"


def test_rescheduling_before_going_live_moves_the_date():
    """A scheduled article has no public address yet, so its date follows the schedule."""
    article = ArticleFactory()
    first = timezone.now() + timedelta(days=2)
    services.article_publish(article=article, language="uk", at=first)
    services.article_publish(article=article, language="uk", at=first + timedelta(days=1))
    article.refresh_from_db()
    assert article.url_date == timezone.localdate(first + timedelta(days=1))


def test_not_live_in_a_language_is_404(client):
    """An article live in uk only answers 404 under /en/, and the draft text does not leak."""
    article = live_article(["uk"], title_en="Secret English draft")
    response = client.get(article.get_absolute_url("en"))
    assert response.status_code == 404
    assert b"Secret English draft" not in response.content


def test_draft_is_404_everywhere(client):
    """A draft answers 404 at every address variant, never a redirect that confirms it."""
    article = ArticleFactory(title_uk="Чернетка")
    for url in [article.get_absolute_url("uk"), f"/news/{article.pk}/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert "Чернетка".encode() not in response.content
