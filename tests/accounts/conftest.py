import pytest
from django.contrib.auth.models import Group

from articles import roles
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"


def member(role, username):
    """A staff member in `role` (a group name, or "admin" for a superuser)."""
    user = UserFactory(username=username, is_staff=True, is_superuser=role == "admin")
    if role != "admin":
        user.groups.add(Group.objects.get(name=role))
    return user


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
