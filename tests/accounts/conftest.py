import pytest

from articles import roles
from tests.factories import member

PASSWORD = "correct-horse-battery"


@pytest.fixture
def people(db):
    return {
        "journalist": member(roles.JOURNALISTS, "journalist"),
        "editor": member(roles.EDITORS, "editor"),
        "ad_manager": member(roles.AD_MANAGERS, "admanager"),
        "admin": member("admin", "root"),
    }


def sign_in(client, username, password=PASSWORD, ip="198.51.100.7"):
    """The admin's login form, posted from `ip`."""
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )
