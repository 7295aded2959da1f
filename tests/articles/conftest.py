import pytest

from articles import roles
from tests.factories import member


@pytest.fixture
def journalist(db):
    """A journalist ("journalist"): writes and sends for review, publishes nothing."""
    return member(roles.JOURNALISTS, "journalist")


@pytest.fixture
def editor(db):
    """An editor ("editor"): publishes, returns, schedules any article."""
    return member(roles.EDITORS, "editor")
