"""Authenticator apps for tests: a staff member's enrolled device and the codes it shows."""

from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_totp.models import TOTPDevice


def authenticator(user):
    """`user`'s confirmed authenticator app (enrolled if they have none)."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "phone"}
    )
    return device


def code(device, *, steps=0):
    """The 6-digit code the app shows now (or `steps` 30-second periods later). A code once
    accepted is refused again, so a second login within the same 30 seconds takes the next
    period's code, which the server accepts as clock drift."""
    device.refresh_from_db()
    server = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
    period = max(server + steps, device.last_t + 1)
    return f"{hotp(device.bin_key, period, digits=device.digits):06d}"


def sign_in_in_browser(page, base_url, user, password):
    """The two steps of a staff login in a real browser: the password, then the code the
    user's authenticator app shows (an app is enrolled for them if they have none)."""
    device = authenticator(user)
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base_url}/admin/2fa/verify/**")
    page.fill("#id_token", code(device))
    page.click("input[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
