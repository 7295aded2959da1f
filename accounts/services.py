"""Two-factor authentication for staff: who must use it, enrolling an authenticator app,
recovery codes, and an administrator's reset when a phone is lost.

Devices are django-otp's (TOTP for authenticator apps, static tokens for recovery codes); these
functions are the only place that creates or removes them, so the admin, the views and the
management command behave alike and leave the same audit trail.
"""

import logging
import math
from importlib import import_module

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user, user_has_device
from django_otp.models import MAX_THROTTLE_DELAY_SECONDS
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.roles import JOURNALISTS

log = logging.getLogger("newsroom.security")

RECOVERY_CODES = 10
# The name shown for the account in the authenticator app, next to SITE_NAME.
AUTHENTICATOR_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"


def two_factor_required(user) -> bool:
    """Staff must use a second factor, except journalists while TWO_FACTOR_FOR_JOURNALISTS is
    off (they may still enrol). Editors publish, ad managers change what every page shows,
    admins can do anything: their passwords alone are not enough."""
    if not (user.is_authenticated and user.is_staff):
        return False
    if user.is_superuser or settings.TWO_FACTOR_FOR_JOURNALISTS:
        return True
    groups = set(user.groups.values_list("name", flat=True))
    return groups != {JOURNALISTS}


def has_two_factor(user) -> bool:
    return user_has_device(user, confirmed=True)


def authenticator_start(*, user) -> TOTPDevice:
    """A new, unconfirmed authenticator for `user` (a fresh secret for the QR code); any other
    unconfirmed one is dropped, so a half-finished enrolment never lingers as a valid key."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


@transaction.atomic
def authenticator_confirm(*, user, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm `device` with a code the app shows; returns the new recovery codes, or None if
    the code is wrong. The user's other authenticators are replaced: one phone at a time."""
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied
    if not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    log.info("two-factor enrolled user=%s id=%s", user.get_username(), user.pk)
    return recovery_codes_generate(user=user)


@transaction.atomic
def recovery_codes_generate(*, user) -> list[str]:
    """RECOVERY_CODES new one-time codes for `user`; the previous ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    log.info("recovery codes generated user=%s id=%s", user.get_username(), user.pk)
    return codes


def _wait(device) -> int:
    """Seconds until `device` checks a code again (django-otp doubles the wait each failure)."""
    required = min(
        device.get_throttle_factor() * 2 ** (device.throttling_failure_count - 1),
        MAX_THROTTLE_DELAY_SECONDS,
    )
    elapsed = (timezone.now() - device.throttling_failure_timestamp).total_seconds()
    return max(1, math.ceil(required - elapsed))


def _end_sessions(user) -> int:
    """Delete every session of `user` in a database-backed session store (readers have no
    sessions, so the table holds staff sessions only and is small)."""
    if settings.SESSION_ENGINE not in DATABASE_SESSION_ENGINES:
        log.warning("sessions of user id=%s not ended: %s", user.pk, settings.SESSION_ENGINE)
        return 0
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            store(session.session_key).delete()
            ended += 1
    return ended


DATABASE_SESSION_ENGINES = {
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
}


class Throttled(Exception):
    """Too many wrong codes lately: no code is checked until `seconds` have passed."""

    def __init__(self, seconds):
        self.seconds = seconds


def verify(*, user, token: str):
    """The device that accepts `token` (an authenticator code or an unused recovery code), or
    None. Wrong codes slow further tries down (django-otp's throttling, per device); a token is
    only tried on the kind of device it can belong to, so a mistyped app code never counts
    against the recovery codes a user may one day need. Raises Throttled while waiting."""
    token = "".join((token or "").split()).lower()
    model = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    with transaction.atomic():
        for device in model.objects.devices_for_user(user).select_for_update():
            allowed, _details = device.verify_is_allowed()
            if not allowed:
                raise Throttled(_wait(device))
            if device.verify_token(token):
                return device
    return None


@transaction.atomic
def two_factor_reset(*, user, by=None) -> int:
    """Remove every second factor of `user` (their phone is lost): at the next login they
    enrol again. Only an administrator (`by` a superuser, or None for the server's management
    command) may do it; it is logged and, from the admin, recorded in the user's history."""
    if by is not None and not by.is_superuser:
        raise PermissionDenied
    removed = 0
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
        removed += 1
    # Whoever holds one of the user's sessions (the thief of the phone or of a laptop) is
    # signed out; the user signs in again and enrols a new phone.
    ended = _end_sessions(user)
    log.warning(
        "two-factor reset user=%s id=%s by=%s devices=%s sessions ended=%s",
        user.get_username(),
        user.pk,
        by.get_username() if by else "management command",
        removed,
        ended,
    )
    if by is not None:
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=get_user_model().objects.filter(pk=user.pk),
            action_flag=CHANGE,
            change_message="Two-factor authentication reset",
            single_object=True,
        )
    return removed
