"""Content-Security-Policy and Permissions-Policy on every response.

The policy itself is django-csp's (`CONTENT_SECURITY_POLICY` in settings, or
`CONTENT_SECURITY_POLICY_REPORT_ONLY` while rolling out); this middleware adapts it per response:

- **Public pages** are shared-cached (pagecache/, Varnish), so their policy holds no nonce: one
  nonce in a cached copy would be every reader's, worth nothing. Nothing inline runs there; the
  one inline element, the ad slots' sizes (`ad_slot_styles` in newsroom/templatetags), is
  allowed by its SHA-256 hash, which the template registers with `inline_style` while it
  renders. The middleware sits inside the page cache, so a stored page keeps the header made
  for its own body.
- **The admin** is never cached: its scripts and styles may carry the request's nonce
  (`request.csp_nonce`), which only admin responses put in their header.
- **Responses with their own policy** (the ad frames' `sandbox`) keep it: the site's policy
  would block the third-party tags an ad frame exists to run. They only gain `frame-ancestors`.
- `frame-ancestors` always says what `X-Frame-Options` says, so the two cannot disagree.
"""

import base64
import hashlib
from contextvars import ContextVar

from csp.constants import HEADER, NONCE
from csp.middleware import CSPMiddleware
from django.urls import reverse
from django.utils.safestring import mark_safe

# What a news site never asks a reader's browser for. `fullscreen` stays ours: a photo or video
# the site itself shows may go full screen; no frame of another origin (an ad) may. Passkeys
# (publickey-credentials-*) are left alone: the admin's sign-in may use them.
PERMISSIONS_POLICY = ", ".join(
    [
        "accelerometer=()",
        "ambient-light-sensor=()",
        "autoplay=()",
        "bluetooth=()",
        "browsing-topics=()",
        "camera=()",
        "display-capture=()",
        "encrypted-media=()",
        "fullscreen=(self)",
        "geolocation=()",
        "gyroscope=()",
        "hid=()",
        "idle-detection=()",
        "interest-cohort=()",
        "magnetometer=()",
        "microphone=()",
        "midi=()",
        "payment=()",
        "screen-wake-lock=()",
        "serial=()",
        "usb=()",
        "xr-spatial-tracking=()",
    ]
)

# X-Frame-Options → the same rule as a CSP `frame-ancestors` source list.
FRAME_ANCESTORS = {"DENY": "'none'", "SAMEORIGIN": "'self'"}

# The hashes of the inline elements trusted code rendered for the current response.
_inline_hashes: ContextVar = ContextVar("csp_inline_hashes", default=None)


def inline_style(css: str):
    """A `<style>` element whose text is allowed by its hash in this response's policy.

    Only for CSS that code builds from trusted values: whatever text is passed here runs.
    Outside a request (a template rendered by a management command) nothing is recorded."""
    hashes = _inline_hashes.get()
    if hashes is not None:
        digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
        hashes["style-src"].add(f"'sha256-{digest}'")
    if "<" in css:
        # Raw text: escaping would change the CSS, so what could end the element is refused.
        raise ValueError("inline CSS must not contain '<'")
    return mark_safe(f"<style>{css}</style>")


def is_admin(request) -> bool:
    # reverse() here includes the script prefix of a site served under a sub-path; so does .path.
    return request.path.startswith(reverse("admin:index"))


class SecurityHeadersMiddleware(CSPMiddleware):
    def __call__(self, request):
        token = _inline_hashes.set({"style-src": set()})
        try:
            return super().__call__(request)
        finally:
            _inline_hashes.reset(token)

    def process_request(self, request):
        if is_admin(request):
            super().process_request(request)
        else:
            # A public page may be cached: a template that asks for a nonce gets none, and its
            # inline code is refused (the browser tests report it) instead of cached.
            request.csp_nonce = ""

    def process_response(self, request, response):
        own = response.get(HEADER)
        ancestors = FRAME_ANCESTORS.get(response.get("X-Frame-Options", "").upper())
        if own is not None:
            # The view's own policy (an ad frame's sandbox) stands alone, also in report-only
            # mode: the site's would only report the third-party tags it lets run.
            response._csp_exempt_ro = True
            if ancestors and "frame-ancestors" not in own:
                response[HEADER] = f"{own}; frame-ancestors {ancestors}"
        response = super().process_response(request, response)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = PERMISSIONS_POLICY
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if is_admin(request):
            update = {"script-src": [NONCE], "style-src": [NONCE]}
        else:
            parts.nonce = None
            hashes = _inline_hashes.get() or {}
            update = {name: sorted(found) for name, found in hashes.items() if found}
        parts.update = {**update, **(parts.update or {})}
        ancestors = FRAME_ANCESTORS.get(response.get("X-Frame-Options", "").upper())
        if ancestors:
            parts.replace = {"frame-ancestors": [ancestors], **(parts.replace or {})}
        return parts
