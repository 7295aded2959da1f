import time
from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import get_script_prefix, reverse

from .services import has_two_factor, two_factor_required


def path_info_of(name):
    """The address of URL `name` without the script prefix of a site served under a sub-path
    (whatever prefix happens to be set when this runs)."""
    path, prefix = reverse(name), get_script_prefix()
    return "/" + path.removeprefix(prefix) if path.startswith(prefix) else path


class TwoFactorMiddleware:
    """A staff member who has logged in with a password reaches the admin only after the
    second step: the code from their authenticator app (or a recovery code). Whoever must use
    two factors and has none yet is sent to enrol first. Runs after django-otp's
    OTPMiddleware, which knows whether this session was verified."""

    def __init__(self, get_response):
        self.get_response = get_response
        # Compared with path_info, which has no script prefix: a site served under /cms/ is
        # held as well.
        self.admin = path_info_of("admin:index")
        # The steps themselves, and leaving, stay reachable.
        self.open = tuple(
            map(
                path_info_of,
                (
                    "accounts:verify",
                    "accounts:setup",
                    "admin:login",
                    "admin:logout",
                    "admin:jsi18n",
                ),
            )
        )

    def __call__(self, request):
        user = getattr(request, "user", None)
        # The address first: asking who the user is reads the session, and a public response
        # that read it would vary on the cookie.
        if (
            request.path_info.startswith(self.admin)
            and not request.path_info.startswith(self.open)
            and user is not None
            and user.is_authenticated
            and user.is_staff
            and not user.is_verified()
        ):
            if has_two_factor(user):
                return self._to("accounts:verify", request)
            if two_factor_required(user):
                return self._to("accounts:setup", request)
        return self.get_response(request)

    def _to(self, name, request):
        target = reverse(name)
        if request.method == "GET":
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return redirect(target)


class StaffSessionMiddleware:
    """A staff session lasts SESSION_COOKIE_AGE (STAFF_SESSION_IDLE_HOURS) from the last time
    it was saved: working in the admin saves it again, so it ends only after that long without
    work. Saved at most every REFRESH seconds, not on every request, and never on public
    pages, ad frames or clicks, which must not set a cookie (they are shared-cached)."""

    REFRESH = 300
    KEY = "_staff_seen"

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin = path_info_of("admin:index")

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path_info.startswith(self.admin)
            and user is not None
            and user.is_authenticated
            and user.is_staff
            and time.time() - request.session.get(self.KEY, 0) >= self.REFRESH
        ):
            self.seen(request.session)  # modified: saved, with a new expiry
        return self.get_response(request)

    @classmethod
    def seen(cls, session):
        session[cls.KEY] = int(time.time())
