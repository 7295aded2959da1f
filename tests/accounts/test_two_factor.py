from datetime import timedelta

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import set_script_prefix
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from tests.accounts.conftest import sign_in
from tests.twofactor import authenticator, code

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"
VERIFY = "/admin/2fa/verify/"
SETUP = "/admin/2fa/setup/"


def enrol(client):
    """Go through the setup page as a user would: the key from the page, a code from it."""
    page = client.get(SETUP)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(confirmed=False)
    return client.post(SETUP, {"token": code(device)}), device


@pytest.mark.parametrize("role", ["editor", "ad_manager", "admin"])
def test_a_password_alone_does_not_open_the_admin_for_roles_that_require_two_factor(
    client, people, role
):
    """Editors, ad managers and admins without a second factor are sent to set one up."""
    assert sign_in(client, people[role].username).status_code == 302
    response = client.get("/admin/articles/article/")
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)


def test_enrolling_shows_a_qr_code_and_gives_recovery_codes(client, people):
    """Scan, confirm with the app's code, get ten recovery codes, then the admin opens."""
    sign_in(client, "editor")
    page = client.get(SETUP).content.decode()
    assert "<svg" in page and "otp-secret" in page
    response, device = enrol(client)
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    codes = response.context["codes"]
    assert len(codes) == 10 and all(c in response.content.decode() for c in codes)
    assert client.get(ADMIN).status_code == 200


def test_a_wrong_code_does_not_confirm_the_app(client, people):
    """A wrong code at setup leaves the device unconfirmed and the admin closed."""
    sign_in(client, "editor")
    client.get(SETUP)
    device = TOTPDevice.objects.get(confirmed=False)
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    response = client.post(SETUP, {"token": wrong})
    assert response.status_code == 200 and response.context["form"].errors["token"]
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(ADMIN).status_code == 302


def test_an_enrolled_user_signs_in_with_the_apps_code(client, people):
    """Password, then the current code: the admin opens; without the code it does not."""
    device = authenticator(people["editor"])
    sign_in(client, "editor")
    response = client.get("/admin/articles/article/")
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Farticles%2Farticle%2F"
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    assert client.post(VERIFY, {"token": wrong}).context["form"].errors["token"]
    assert client.get(ADMIN).status_code == 302
    with time_machine.travel(timezone.now() + timedelta(seconds=3)):  # past the throttle
        response = client.post(VERIFY, {"token": code(device), "next": "/admin/articles/article/"})
    assert response.status_code == 302 and response["Location"] == "/admin/articles/article/"
    assert client.get("/admin/articles/article/").status_code == 200


def test_wrong_codes_slow_down_further_tries(client, people):
    """Right after a wrong code even the right one is refused, with how long to wait: codes
    cannot be guessed fast."""
    device = authenticator(people["editor"])
    sign_in(client, "editor")
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    assert client.post(VERIFY, {"token": wrong}).context["form"].has_error("token", "wrong_code")
    response = client.post(VERIFY, {"token": code(device)})
    assert response.context["form"].has_error("token", "throttled")
    assert client.get(ADMIN).status_code == 302


def test_a_mistyped_app_code_does_not_hold_back_the_recovery_codes(client, people):
    """A wrong 6-digit code counts against the app only: a recovery code works right after."""
    user = people["editor"]
    device = authenticator(user)
    [first, *_rest] = services.recovery_codes_generate(user=user)
    sign_in(client, "editor")
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    client.post(VERIFY, {"token": wrong})
    response = client.post(VERIFY, {"token": first.upper()})  # as read off a printout
    assert response.status_code == 302
    assert client.get(ADMIN).status_code == 200


def test_passing_the_second_step_gives_the_session_a_new_key(client, people):
    """The session that has both factors is not the one that had only the password."""
    device = authenticator(people["editor"])
    sign_in(client, "editor")
    before = client.session.session_key
    client.post(VERIFY, {"token": code(device)})
    assert client.session.session_key != before
    assert client.get(ADMIN).status_code == 200


def test_a_site_served_under_a_sub_path_is_held_at_the_second_step_too(client, people):
    """With a script prefix (/cms/admin/...), a password alone still opens nothing."""
    authenticator(people["editor"])
    sign_in(client, "editor")
    set_script_prefix("/cms/")  # as Django's WSGI handler does for each request under /cms/
    try:
        response = client.get("/admin/", SCRIPT_NAME="/cms")
    finally:
        set_script_prefix("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/cms/admin/2fa/verify/")


def test_a_recovery_code_works_once(client, people):
    """A recovery code replaces the app once, with a warning of how many are left."""
    user = people["editor"]
    authenticator(user)
    codes = services.recovery_codes_generate(user=user)
    sign_in(client, "editor")
    response = client.post(VERIFY, {"token": codes[0]}, follow=True)
    assert response.redirect_chain[-1][0] == ADMIN
    assert "9" in str(list(response.context["messages"])[0])
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    client.logout()
    sign_in(client, "editor")
    with time_machine.travel(timezone.now() + timedelta(seconds=3)):
        assert client.post(VERIFY, {"token": codes[0]}).status_code == 200
    assert client.get(ADMIN).status_code == 302


def test_journalists_may_work_without_two_factor_by_default(client, people, settings):
    """A journalist reaches the admin with a password unless the setting requires more."""
    sign_in(client, "journalist")
    assert client.get(ADMIN).status_code == 200
    settings.TWO_FACTOR_FOR_JOURNALISTS = True
    assert client.get(ADMIN)["Location"].startswith(SETUP)


def test_a_journalist_who_enrolled_must_use_it(client, people):
    """Once a journalist has set up an app, their password alone no longer opens the admin."""
    authenticator(people["journalist"])
    sign_in(client, "journalist")
    assert client.get(ADMIN)["Location"].startswith(VERIFY)


def test_a_stolen_password_cannot_enrol_another_phone(client, people):
    """With an app already set up, the setup page asks for its code first."""
    authenticator(people["editor"])
    sign_in(client, "editor")
    assert client.get(SETUP)["Location"] == VERIFY
    assert client.post(SETUP, {"token": "123456"})["Location"] == VERIFY
    assert TOTPDevice.objects.filter(user=people["editor"]).count() == 1


def test_an_admin_resets_a_lost_phone(client, admin_client, people):
    """The user list's action removes the user's devices and records who did it."""
    user = people["editor"]
    authenticator(user)
    services.recovery_codes_generate(user=user)
    response = admin_client.post(
        "/admin/auth/user/",
        {"action": "reset_two_factor", "_selected_action": [user.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert not services.has_two_factor(user)
    entry = LogEntry.objects.get(object_id=str(user.pk))
    assert entry.change_message == "Two-factor authentication reset"
    sign_in(client, "editor")
    assert client.get(ADMIN)["Location"].startswith(SETUP)


def test_a_reset_signs_the_user_out_everywhere(client, people):
    """Whoever holds the user's session (with the lost phone) must sign in again."""
    user = people["editor"]
    client.force_login(user)
    assert client.get(ADMIN).status_code == 200
    services.two_factor_reset(user=user, by=people["admin"])
    response = client.get(ADMIN)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_only_admins_may_reset_two_factor(people):
    """An editor cannot remove someone's second factor."""
    authenticator(people["journalist"])
    with pytest.raises(PermissionDenied):
        services.two_factor_reset(user=people["journalist"], by=people["editor"])
    assert services.has_two_factor(people["journalist"])


def test_the_reset_command_removes_a_users_devices(people, capsys):
    """`reset_two_factor <user>` is the server administrator's way to do the same."""
    authenticator(people["editor"])
    call_command("reset_two_factor", "editor")
    assert not services.has_two_factor(people["editor"])
    assert "editor: 1 device(s) removed" in capsys.readouterr().out


def test_new_recovery_codes_cancel_the_old_ones(client, people):
    """Making new recovery codes on the two-factor page invalidates the previous ones."""
    user = people["editor"]
    old = services.recovery_codes_generate(user=user)
    client.force_login(user)
    response = client.post("/admin/2fa/")
    new = response.context["codes"]
    assert len(new) == 10 and not set(old) & set(new)
    assert not StaticToken.objects.filter(token__in=old).exists()
