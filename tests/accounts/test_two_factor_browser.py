"""Two-step sign-in in a real browser, as a new editor meets it (under the admin's CSP)."""

from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from tests.accounts.conftest import PASSWORD
from tests.browser import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_editor_enrols_an_authenticator_app_at_first_sign_in(page, live_server, people):
    """Password → set-up page with a QR code and key → code from that key → recovery codes →
    the admin; the user links lead back to the two-step page."""
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/2fa/setup/**")
    assert page.locator(".qr-code svg").is_visible()
    # What a person types into the app when they cannot scan: the key shown on the page.
    key = b32decode(page.locator(".otp-secret").inner_text().replace(" ", ""))
    screenshot(page, "two-factor-setup")
    page.fill("#id_token", f"{TOTP(key).token():06d}")
    page.click("input[type=submit]")
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10 and len(set(codes)) == 10
    page.click(".two-factor a.button")  # "I have saved them, continue"
    page.wait_for_url(f"{live_server.url}/admin/")
    page.click("#user-tools a[href='/admin/2fa/']")
    assert page.locator(".two-factor").inner_text().count("10") == 1
