import logging
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from accounts.clientip import client_ip
from tests.accounts.conftest import sign_in

pytestmark = pytest.mark.django_db


def logged_in(client):
    return "_auth_user_id" in client.session


def guess(client, username, times, ip="198.51.100.7"):
    for _ in range(times):
        # The form again (200), or the lockout page (429) once the limit is reached.
        assert sign_in(client, username, "wrong-password-1", ip=ip).status_code in (200, 429)


def test_wrong_passwords_lock_the_account_at_that_address(client, people, settings):
    """After the limit of wrong passwords, even the right one is refused from that address,
    with a clear message and status 429."""
    guess(client, "editor", settings.AXES_FAILURE_LIMIT - 1)
    response = sign_in(client, "editor", "wrong-password-1")
    assert response.status_code == 429
    response = sign_in(client, "editor")
    assert response.status_code == 429
    assert not logged_in(client)
    text = response.content.decode()
    assert "15" in text and 'role="alert"' in text
    assert response["Retry-After"] == str(15 * 60)


def test_the_owner_at_another_address_is_not_locked_out(client, people, settings):
    """Guessing one username from one address does not lock its owner out elsewhere."""
    guess(client, "editor", settings.AXES_FAILURE_LIMIT, ip="203.0.113.66")
    response = sign_in(client, "editor", ip="198.51.100.7")
    assert response.status_code == 302
    assert logged_in(client)


def test_many_addresses_guessing_one_account_do_not_lock_it_for_everyone(client, people):
    """Failures spread over many addresses never reach the limit for any one of them."""
    for n in range(20):
        guess(client, "editor", 2, ip=f"203.0.113.{n}")
    assert sign_in(client, "editor").status_code == 302


def test_other_accounts_at_the_same_address_still_sign_in(client, people, settings):
    """A lockout is for the account and the address together: a colleague in the same office
    (same address) still signs in."""
    guess(client, "editor", settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, "journalist").status_code == 302


def test_lockout_ends_after_the_cool_off(client, people, settings):
    """Once the cool-off has passed, the right password works again."""
    guess(client, "editor", settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, "editor").status_code == 429
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(seconds=5)):
        assert sign_in(client, "editor").status_code == 302


def test_an_admin_command_unlocks_an_account(client, people, settings):
    """`axes_reset_username` lifts the lockout at once."""
    guess(client, "editor", settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, "editor").status_code == 429
    call_command("axes_reset_username", "editor")
    assert sign_in(client, "editor").status_code == 302


def test_admins_see_the_attempts_in_the_admin(client, admin_client, people, settings):
    """The failed attempts, with account and address, are listed in the admin."""
    guess(client, "editor", 2, ip="203.0.113.9")
    attempt = AccessAttempt.objects.get(username="editor")
    assert attempt.ip_address == "203.0.113.9" and attempt.failures_since_start == 2
    page = admin_client.get("/admin/axes/accessattempt/").content.decode()
    assert "editor" in page and "203.0.113.9" in page


def test_every_login_and_failure_is_logged(client, people, caplog):
    """Each failure and each login leaves a line with the account and the address."""
    with caplog.at_level(logging.INFO, logger="newsroom.security"):
        sign_in(client, "editor", "wrong-password-1", ip="203.0.113.5")
        sign_in(client, "editor", ip="203.0.113.5")
    lines = [record.getMessage() for record in caplog.records if record.name == "newsroom.security"]
    assert any(
        line.startswith("login failed user='editor'") and "203.0.113.5" in line for line in lines
    )
    assert any(line.startswith("login user=editor") and "203.0.113.5" in line for line in lines)
    assert not any("wrong-password-1" in line for line in lines)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        (0, "1.2.3.4", "10.0.0.2", "10.0.0.2"),  # no proxy of ours: the header is the client's
        (1, "1.2.3.4", "10.0.0.2", "1.2.3.4"),  # nginx appended the client
        (1, "6.6.6.6, 1.2.3.4", "10.0.0.2", "1.2.3.4"),  # the client's own entry is ignored
        (2, "6.6.6.6, 1.2.3.4, 10.0.0.1", "10.0.0.2", "1.2.3.4"),  # nginx, then Varnish
        (1, "not-an-address", "10.0.0.2", "10.0.0.2"),
        # An IPv6 host is counted by its /64, which it could otherwise rotate through.
        (0, "", "2001:db8:1:2:aaaa::1", "2001:db8:1:2::"),
        (1, "2001:db8:1:2:bbbb::9", "10.0.0.2", "2001:db8:1:2::"),
        (0, "", "::ffff:198.51.100.7", "198.51.100.7"),
    ],
)
def test_the_client_address_is_read_through_our_proxies_only(
    settings, proxies, forwarded, remote, expected
):
    """A client cannot choose the address it is counted under by sending X-Forwarded-For."""
    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_ip(request) == expected


def test_rotating_ipv6_addresses_within_one_block_does_not_escape_the_lockout(client, people):
    """Five guesses from five addresses of one /64 lock that /64 out for the account."""
    for n in range(5):
        sign_in(client, "editor", "wrong-password-1", ip=f"2001:db8:1:2::{n + 1}")
    assert sign_in(client, "editor", ip="2001:db8:1:2::99").status_code == 429
    assert sign_in(client, "editor", ip="2001:db8:1:3::1").status_code == 302
