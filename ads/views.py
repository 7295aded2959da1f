"""The two public ad endpoints. Neither touches the session, sets a cookie or records who asked."""

import random

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from articles.models import LANGUAGE_CODES
from newsroom import params

from . import counters, serving
from .models import Creative

PREVIEW_SALT = "ads.preview"
PREVIEW_MAX_AGE = 60 * 60

_rng = random.SystemRandom()


def preview_token(creative_id: int, code: str) -> str:
    """Lets the ad admin's preview show a creative in slot `code`, running or not, for an hour."""
    return signing.TimestampSigner(salt=PREVIEW_SALT).sign(f"{creative_id}.{code}")


def _previewed(request, code):
    token = request.GET.get("preview")
    if not token:
        return None
    try:
        value = signing.TimestampSigner(salt=PREVIEW_SALT).unsign(token, max_age=PREVIEW_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    creative_id, _dot, signed_code = value.partition(".")
    creative = Creative.objects.filter(pk=creative_id).prefetch_related("slots", "sections")
    creative = creative.first()
    if creative is None or signed_code != code:
        raise Http404
    return serving.creative_plan(creative)


def _empty_frame():
    return HttpResponse("<!doctype html><title></title>", content_type="text/html")


@require_safe
@never_cache
@xframe_options_sameorigin
def serve(request, code):
    """The document in an ad slot's frame: one creative of slot `code`, chosen by weight for
    this view, and its impression counted. `l` is the page's language, `s` its section."""
    language = request.GET.get("l", settings.LANGUAGE_CODE)
    if language not in LANGUAGE_CODES:
        raise Http404
    # A section id the page wrote, or none: anything else ("²" passes isdigit() but not int())
    # is ignored, and the frame still shows an ad that runs on every page.
    section_id = params.plain_int(request.GET.get("s", ""), low=1)
    plan = serving.get_plan()
    if code not in plan.slots:
        # A slot switched off since the page was cached: a blank frame, not an error box.
        return _frame_headers(_empty_frame())
    creative = _previewed(request, code)
    preview = creative is not None
    if not preview:
        creative = serving.choose(
            serving.candidates(plan, code, language=language, section_id=section_id), _rng
        )
        # Only a GET that will be shown is an impression: not HEAD, not a speculative prefetch.
        shown = request.method == "GET" and not _is_prefetch(request)
        if creative is not None and shown:
            counters.count(counters.IMPRESSION, creative.id)
    with translation.override(language):
        response = render(
            request,
            "ads/serve.html",
            {
                "creative": creative,
                "language": language,
                "sandbox": serving.SANDBOX,
                "wide_media": plan.slots[code].wide_media(),
                # A preview's link goes straight to the advertiser: nothing is counted.
                "link": creative and (creative.link_url if preview else creative.click_url),
            },
        )
    return _frame_headers(response)


def _is_prefetch(request):
    purpose = request.headers.get("Sec-Purpose", "") or request.headers.get("Purpose", "")
    return "prefetch" in purpose or "prerender" in purpose


def _frame_headers(response):
    # The page's frame has the same `sandbox` attribute; the header keeps the document
    # sandboxed even when this address is opened directly, outside any frame.
    response["Content-Security-Policy"] = f"sandbox {serving.SANDBOX}"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
@never_cache
def click(request, token):
    """A click on an image creative: counted, then on to the advertiser. Only addresses we
    signed lead anywhere, so this is no open redirect."""
    creative_id = Creative.id_from_click_token(token)
    if creative_id is None:
        raise Http404
    # The plan knows the running creatives' links; an ended one's is looked up.
    link = (
        next((c.link_url for c in serving.get_plan().creatives if c.id == creative_id), None)
        or Creative.objects.filter(pk=creative_id).values_list("link_url", flat=True).first()
    )
    if not link:
        raise Http404
    counters.count(counters.CLICK, creative_id)
    response = HttpResponseRedirect(link)
    response["X-Robots-Tag"] = "noindex"
    return response
