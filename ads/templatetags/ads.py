"""`{% ad_slots "sidebar" %}` and `{% ad_after "feed" forloop.counter0 forloop.last %}`.

Views that know the page's section or article pass `ads` (a `serving.PageAds`) in the
context; any other page gets the language's untargeted ads.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

from ..serving import SANDBOX, PageAds

register = template.Library()


def _page_ads(context):
    ads = context.get("ads")
    if ads is None:
        # Kept for the rest of this render: the plan is read once a page.
        ads = context.render_context.setdefault("ads", PageAds(language=get_language()))
    return ads


def _render(ads, slots, placement):
    return render_to_string(
        "ads/_slot.html",
        {
            "slots": [(slot, ads.src(slot)) for slot in slots],
            "placement": placement,
            # Between the items of a news list an ad is an item itself.
            "element": "li" if placement == "feed" else "div",
            "sandbox": SANDBOX,
            # Ads at the top of the page load at once; the rest when the reader nears them.
            "eager": placement == "header",
        },
    )


@register.simple_tag(takes_context=True)
def ad_slots(context, placement):
    ads = _page_ads(context)
    slots = ads.slots(placement)
    return _render(ads, slots, placement) if slots else ""


@register.simple_tag(takes_context=True)
def ad_after(context, placement, index, last=False):
    ads = _page_ads(context)
    slot = ads.after(placement, index, last)
    return _render(ads, [slot], placement) if slot else ""
