from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"


def test_a_staff_session_lasts_while_it_is_used(client, people, settings):
    """Each request extends the session: a day of work with breaks keeps it open."""
    client.force_login(people["editor"])
    start = timezone.now()
    for hours in (6, 12, 18):  # three requests, six hours apart
        with time_machine.travel(start + timedelta(hours=hours)):
            assert client.get(ADMIN).status_code == 200


def test_a_staff_session_ends_after_a_working_day_of_inactivity(client, people, settings):
    """After STAFF_SESSION_IDLE_HOURS without a request, the admin asks to sign in again."""
    assert settings.STAFF_SESSION_IDLE_HOURS == 10
    client.force_login(people["editor"])
    assert client.get(ADMIN).status_code == 200
    idle = timedelta(hours=settings.STAFF_SESSION_IDLE_HOURS, minutes=1)
    with time_machine.travel(timezone.now() + idle):
        response = client.get(ADMIN)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    ("password", "complaint"),
    [
        ("short-pw1", "password_too_short"),  # under 12 characters
        ("password1234", "password_too_common"),
        ("839201748392", "password_entirely_numeric"),
        ("editor.example.org", "password_too_similar"),  # the e-mail address
    ],
)
def test_the_password_change_form_refuses_weak_passwords(client, people, password, complaint):
    """Django's validators run on the admin's password change form."""
    client.force_login(people["editor"])
    response = client.post(
        "/admin/password_change/",
        {
            "old_password": "correct-horse-battery",
            "new_password1": password,
            "new_password2": password,
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["new_password2"]
    assert complaint in [error.code for error in errors]
    people["editor"].refresh_from_db()
    assert people["editor"].check_password("correct-horse-battery")


def test_a_strong_password_is_accepted(client, people):
    """A long passphrase passes every validator and replaces the old password."""
    client.force_login(people["editor"])
    response = client.post(
        "/admin/password_change/",
        {
            "old_password": "correct-horse-battery",
            "new_password1": "river-lamp-orchard-51",
            "new_password2": "river-lamp-orchard-51",
        },
    )
    assert response.status_code == 302
    people["editor"].refresh_from_db()
    assert people["editor"].check_password("river-lamp-orchard-51")
