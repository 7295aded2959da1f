from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from articles import roles
from tests.factories import live_article, member

KYIV = ZoneInfo("Europe/Kyiv")
PUBLISHED = datetime(2024, 11, 8, 13, 56, tzinfo=KYIV)


@pytest.fixture
def editor(db):
    return member(roles.EDITORS, "editor")


@pytest.fixture
def journalist(db):
    return member(roles.JOURNALISTS, "journalist")


@pytest.fixture
def ad_manager(db):
    return member(roles.AD_MANAGERS, "admanager")


@pytest.fixture
def story(db):
    """An article live in uk and en since 8 November 2024, 13:56 Kyiv time; ru is a draft."""
    from articles import services

    article = live_article(
        ["uk", "en"],
        at=PUBLISHED,
        title_uk="Мер обговорив ремонт мосту",
        title_en="Mayor discusses bridge repair",
        title_ru="Мэр обсудил ремонт моста",
    )
    services.article_set_state(article=article, language="ru", status="draft")
    return article
