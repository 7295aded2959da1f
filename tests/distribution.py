"""One cast for every distribution channel (feeds, sitemaps, search, API): in each language a
live article, a draft, one scheduled an hour ahead, an unpublished one, one whose "unpublish
at" has passed, one in the trash, and one live only in another language — all in one section,
with one tag and one author, titles marked by kind."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import services
from articles.models import LANGUAGE_CODES
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
    sign,
    tag_article,
)

KINDS = ["live", "draft", "scheduled", "unpublished", "expired", "trashed", "elsewhere"]
MUST_SHOW = {"live"}


def title(kind, language):
    return f"Zorya {kind} {language} headline"


@pytest.fixture
def cast():
    section = SectionFactory(name_uk="Світ", name_ru="Мир", name_en="World")
    tag = TagFactory(name_uk="Кордон", name_ru="Граница", name_en="Border")
    author = AuthorFactory(name_uk="Ірина Бойко", name_ru="Ирина Бойко", name_en="Iryna Boiko")
    hour_ago = timezone.now() - timedelta(hours=1)
    at = (timezone.now() + timedelta(hours=1)).replace(second=0, microsecond=0)
    articles = {}
    for kind in KINDS:
        article = ArticleFactory(
            section=section,
            **{f"title_{code}": title(kind, code) for code in LANGUAGE_CODES},
            **{f"lead_{code}": f"Lead of {kind} in {code}." for code in LANGUAGE_CODES},
        )
        sign(article, author)
        tag_article(article, tag)
        for code in LANGUAGE_CODES:
            if kind == "live":
                services.article_publish(article=article, language=code, at=hour_ago)
            elif kind == "scheduled":
                services.article_publish(article=article, language=code, at=at)
            elif kind == "unpublished":
                services.article_publish(article=article, language=code, at=hour_ago)
                services.article_unpublish(article=article, language=code)
            elif kind == "expired":
                services.article_publish(
                    article=article,
                    language=code,
                    at=hour_ago - timedelta(hours=1),
                    until=hour_ago,
                )
            elif kind == "trashed":
                services.article_publish(article=article, language=code, at=hour_ago)
        if kind == "trashed":
            services.article_trash(article=article, by=None)
        articles[kind] = article
    # "elsewhere": each language's title exists, but only one language is live — checked from
    # the others (uk checks en's, ru and en check uk's).
    services.article_publish(article=articles["elsewhere"], language="uk", at=hour_ago)
    return {
        "articles": articles,
        "at": at,
        "section": section,
        "tag": tag,
        "author": author,
    }


def assert_only_live(text, language, *, scheduled_live=False):
    """`text` names the live article of `language` and none that a reader must not see."""
    visible = MUST_SHOW | ({"scheduled"} if scheduled_live else set())
    for kind in KINDS:
        shown = title(kind, language) in text
        if kind == "elsewhere" and language == "uk":
            continue  # live in Ukrainian: the other languages check it
        assert shown == (kind in visible), (language, kind, shown)
