"""The two public ad endpoints. Neither touches the session, sets a cookie or records who asked."""

import random

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from articles.models import LANGUAGE_CODES

from . import counters, serving
from .models import Creative

PREVIEW_SALT = "ads.preview"
PREVIEW_MAX_AGE = 60 * 60

_rng = random.SystemRandom()


def preview_token(creative_id: int) -> str:
    """Lets the ad admin's slot preview show a creative that is not running, for an hour."""
    return signing.TimestampSigner(salt=PREVIEW_SALT).sign(str(creative_id))


def _previewed(request):
    token = request.GET.get("preview")
    if not token:
        return None
    try:
        value = signing.TimestampSigner(salt=PREVIEW_SALT).unsign(token, max_age=PREVIEW_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    creative = Creative.objects.filter(pk=value).prefetch_related("slots", "sections").first()
    if creative is None:
        raise Http404
    return serving.creative_plan(creative)


@require_safe
@never_cache
@xframe_options_sameorigin
def serve(request, code):
    """The document in an ad slot's frame: one creative of slot `code`, chosen by weight for
    this view, and its impression counted. `l` is the page's language, `s` its section."""
    language = request.GET.get("l", settings.LANGUAGE_CODE)
    if language not in LANGUAGE_CODES:
        raise Http404
    section = request.GET.get("s", "")
    section_id = int(section) if section.isdigit() else None
    plan = serving.get_plan()
    if code not in plan.slots:
        raise Http404
    creative = _previewed(request)
    if creative is None:
        creative = serving.choose(
            serving.candidates(plan, code, language=language, section_id=section_id), _rng
        )
        if creative is not None:
            counters.count(counters.IMPRESSION, creative.id)
    with translation.override(language):
        response = render(
            request,
            "ads/serve.html",
            {"creative": creative, "language": language, "sandbox": serving.SANDBOX},
        )
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
