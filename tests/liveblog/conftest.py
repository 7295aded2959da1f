"""The people of the live desk tests and a live story the journalist signs."""

import pytest

from articles import roles
from liveblog import services
from tests.factories import AuthorFactory, live_article, member, sign


@pytest.fixture
def people():
    return {
        "editor": member(roles.EDITORS, "editor"),
        "journalist": member(roles.JOURNALISTS, "journalist"),
        "colleague": member(roles.JOURNALISTS, "colleague"),
        "admanager": member(roles.AD_MANAGERS, "admanager"),
        "admin": member("admin", "admin"),
    }


@pytest.fixture
def coverage(people):
    """The coverage of a story live in uk and en, signed by the journalist, started by an
    editor."""
    article = live_article(["uk", "en"], title_uk="Буря")
    sign(article, AuthorFactory(user=people["journalist"]))
    return services.coverage_start(article=article, by=people["editor"])


@pytest.fixture
def story(coverage):
    """The article of that coverage."""
    return coverage.article
