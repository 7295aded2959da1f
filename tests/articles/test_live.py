from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import services
from articles.models import Article, LanguageVersion, Status
from tests.factories import ArticleFactory, LanguageVersionFactory, live_article

pytestmark = pytest.mark.django_db


def live_ids(language, **kwargs):
    return set(Article.objects.live(language, **kwargs).values_list("pk", flat=True))


def test_live_includes_published_articles_whose_time_has_come():
    """A version published an hour ago is live in its language."""
    article = live_article(["uk"])
    assert live_ids("uk") == {article.pk}


def test_live_excludes_drafts_review_and_unpublished():
    """Only the published state is live; every other state is not."""
    for status in [Status.DRAFT, Status.REVIEW, Status.RETURNED, Status.UNPUBLISHED]:
        LanguageVersionFactory(status=status)
    assert live_ids("uk") == set()


def test_live_excludes_future_publication_times():
    """A version scheduled for later is not live until its minute."""
    at = timezone.now() + timedelta(hours=1)
    article = live_article(["uk"], at=at)
    assert live_ids("uk") == set()
    with time_machine.travel(at - timedelta(seconds=1)):
        assert live_ids("uk") == set()
    with time_machine.travel(at):
        assert live_ids("uk") == {article.pk}


def test_live_excludes_languages_not_published():
    """An article live in uk is not live in ru or en."""
    live_article(["uk"])
    assert live_ids("ru") == set()
    assert live_ids("en") == set()


def test_each_language_has_its_own_state_and_time():
    """uk live at 13:56 and en scheduled for 15:20 are listed per language at their own times."""
    start = timezone.now().replace(second=0, microsecond=0)
    article = ArticleFactory()
    services.article_publish(article=article, language="uk", at=start)
    services.article_publish(article=article, language="en", at=start + timedelta(minutes=84))
    with time_machine.travel(start + timedelta(minutes=1)):
        assert live_ids("uk") == {article.pk}
        assert live_ids("en") == set()
    with time_machine.travel(start + timedelta(minutes=84)):
        assert live_ids("en") == {article.pk}
        en = Article.objects.live("en").get()
        assert en.published_at == start + timedelta(minutes=84)
        assert Article.objects.live("uk").get().published_at == start


def test_live_in_uk_and_draft_in_en_is_listed_in_uk_only():
    """Per-language state: a draft translation keeps the article out of the en lists."""
    article = live_article(["uk"])
    LanguageVersion.objects.create(article=article, language="en", status=Status.DRAFT)
    assert live_ids("uk") == {article.pk}
    assert live_ids("en") == set()


def test_live_gives_one_row_per_article_and_newest_first():
    """The join to versions never duplicates articles; newest_first orders by language time."""
    now = timezone.now()
    old = live_article(["uk", "ru", "en"], at=now - timedelta(hours=5))
    new = live_article(["uk", "ru", "en"], at=now - timedelta(hours=1))
    assert list(Article.objects.live("uk").newest_first()) == [new, old]


def test_unpublishing_takes_a_language_off_and_keeps_the_text():
    """Unpublish removes one language from live() but keeps its title."""
    article = live_article(["uk", "en"])
    services.article_unpublish(article=article, language="en")
    article.refresh_from_db()
    assert live_ids("en") == set() and live_ids("uk") == {article.pk}
    assert article.title_en


def test_publishing_needs_a_title_in_that_language():
    """A language without a title cannot be published: a clear error, nothing changes."""
    from django.core.exceptions import ValidationError

    article = ArticleFactory(title_en="")
    with pytest.raises(ValidationError) as error:
        services.article_publish(article=article, language="en")
    assert error.value.code == "title_required"
    assert not LanguageVersion.objects.filter(article=article).exists()
