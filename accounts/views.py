"""The second step of a staff login, enrolment of an authenticator app, and recovery codes."""

from base64 import b32encode

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.admin import site as admin_site
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .forms import CodeForm, SetupForm

# The unconfirmed authenticator being enrolled in this session.
SETUP_SESSION_KEY = "accounts_setup_device"


# Logged-in staff only (the password step done); anyone else goes to the login page.
staff_only = staff_member_required(login_url="admin:login")


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _render(request, template, title, **context):
    return render(
        request,
        template,
        {**admin_site.each_context(request), "title": title, "next": _next(request), **context},
    )


@never_cache
@sensitive_post_parameters("token")
@staff_only
def verify(request):
    """The code from the authenticator app (or a recovery code) after the password."""
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    if not services.has_two_factor(user):
        return redirect("accounts:setup")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            device = services.verify(user=user, token=form.cleaned_data["token"])
        except services.Throttled as wait:
            form.add_error(
                "token",
                ValidationError(
                    ngettext(
                        "Too many wrong codes: wait %(seconds)d second, then type the code the "
                        "app shows at that moment.",
                        "Too many wrong codes: wait %(seconds)d seconds, then type the code the "
                        "app shows at that moment.",
                        wait.seconds,
                    )
                    % {"seconds": wait.seconds},
                    code="throttled",
                ),
            )
            device = False
        if device:
            django_otp.login(request, device)
            # A new session key for the session that now has both factors.
            request.session.cycle_key()
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request,
                    ngettext(
                        "You signed in with a recovery code; %(count)d is left. "
                        "Make new ones on the two-factor page.",
                        "You signed in with a recovery code; %(count)d are left. "
                        "Make new ones on the two-factor page.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(_next(request))
        if device is None:
            form.add_error(
                "token",
                ValidationError(
                    _(
                        "That code is not right, or it has expired. Type the code the app shows "
                        "now (it changes every 30 seconds), or an unused recovery code."
                    ),
                    code="wrong_code",
                ),
            )
    return _render(request, "accounts/verify.html", _("Two-step sign-in"), form=form)


@never_cache
@sensitive_post_parameters("token")
@staff_only
def setup(request):
    """Enrol an authenticator app: scan the QR code, confirm with a code, get recovery codes."""
    user = request.user
    # With a second factor already set, only a session that passed it may replace it: a stolen
    # password alone must not be enough to enrol the thief's phone.
    if services.has_two_factor(user) and not user.is_verified():
        return redirect("accounts:verify")
    device = TOTPDevice.objects.filter(
        pk=request.session.get(SETUP_SESSION_KEY), user=user, confirmed=False
    ).first()
    if device is None:
        device = services.authenticator_start(user=user)
        request.session[SETUP_SESSION_KEY] = device.pk
    form = SetupForm(request.POST or None)
    if form.is_valid():
        codes = services.authenticator_confirm(
            user=user, device=device, token=form.cleaned_data["token"]
        )
        if codes is not None:
            request.session.pop(SETUP_SESSION_KEY, None)
            django_otp.login(request, device)
            return _render(
                request,
                "accounts/recovery_codes.html",
                _("Your recovery codes"),
                codes=codes,
                enrolled=True,
            )
        form.add_error(
            "token",
            ValidationError(
                _("That code does not match. Check the phone's clock and type the current code."),
                code="wrong_code",
            ),
        )
    secret = b32encode(device.bin_key).decode()
    return _render(
        request,
        "accounts/setup.html",
        _("Set up two-step sign-in"),
        form=form,
        qr=mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=4)),
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        required=services.two_factor_required(user),
        site_name=settings.SITE_NAME,
    )


@never_cache
@staff_only
def recovery_codes(request):
    """How many recovery codes are left; new ones on request (shown once)."""
    if not request.user.is_verified():
        return redirect_to_login(request.get_full_path(), "accounts:verify")
    if request.method == "POST":
        codes = services.recovery_codes_generate(user=request.user)
        return _render(
            request, "accounts/recovery_codes.html", _("Your recovery codes"), codes=codes
        )
    device = StaticDevice.objects.filter(user=request.user).first()
    return _render(
        request,
        "accounts/two_factor.html",
        _("Two-step sign-in"),
        left=device.token_set.count() if device else 0,
        required=services.two_factor_required(request.user),
    )


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer once an account has had too many wrong passwords from one address:
    the admin's login page look, a clear reason, when to try again, status 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = _render(
        request,
        "accounts/locked_out.html",
        _("Sign-in paused"),
        minutes=minutes,
        username=(credentials or {}).get("username", ""),
    )
    response.status_code = 429
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
