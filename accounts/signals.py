"""Every staff login, failure and logout is logged (the `newsroom.security` logger): the trail an
administrator reads after an account is suspected of being guessed or phished. Lockouts and the
attempts that caused them are also kept by django-axes in the database (admin: Axes)."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .clientip import client_ip
from .middleware import StaffSessionMiddleware

log = logging.getLogger("newsroom.security")


def _where(request):
    if request is None:
        return {"ip": None, "agent": ""}
    return {"ip": client_ip(request), "agent": request.META.get("HTTP_USER_AGENT", "")[:200]}


@receiver(user_logged_in, dispatch_uid="accounts.login_logged")
def login_logged(sender, request, user, **kwargs):
    log.info("login user=%s id=%s %s", user.get_username(), user.pk, _where(request))
    if request is not None and hasattr(request, "session"):
        # The session was just saved with a fresh expiry: no need to save it again at once.
        StaffSessionMiddleware.seen(request.session)


@receiver(user_login_failed, dispatch_uid="accounts.failure_logged")
def failure_logged(sender, credentials, request=None, **kwargs):
    # The password is never logged; Django has already masked it in `credentials`.
    # %r: a typed username is the attacker's text; a newline in it must not forge a log line.
    log.warning("login failed user=%r %s", credentials.get("username", "?"), _where(request))


@receiver(user_logged_out, dispatch_uid="accounts.logout_logged")
def logout_logged(sender, request, user, **kwargs):
    if user is not None:
        log.info("logout user=%s id=%s %s", user.get_username(), user.pk, _where(request))
