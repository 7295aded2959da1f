"""`{% ad_slot_styles %}`: the ad slots' sizes as one `<style>` allowed by its hash.

Registered as the `security` library in settings (TEMPLATES → libraries): `newsroom` is not an
app. The sizes were once `style` attributes on each slot; the public policy refuses those, and a
hash can allow an attribute only with `'unsafe-hashes'`, which not every browser knows.
"""

import re

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from ads.templatetags.ads import _page_ads
from newsroom.security import inline_style

register = template.Library()

# Slot codes are slugs; anything else would not be a safe CSS string, and has no slot anyway.
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


@register.simple_tag(takes_context=True)
def ad_slot_styles(context):
    """The sizes of the slots this page may show, as the custom properties site.css gives
    their frames. `PageAds` keeps its choice: the slot tags later in this render get the same."""
    ads = _page_ads(context)
    placements = sorted({slot.placement for slot in ads.plan.slots.values()})
    slots = {slot.code: slot for placement in placements for slot in ads.slots(placement)}
    css = "".join(
        f".ad[data-slot='{slot.code}']{{--ad-w:{slot.width:d}px;--ad-h:{slot.height:d}px;"
        f"--ad-ww:{slot.width_wide:d}px;--ad-hw:{slot.height_wide:d}px}}"
        for _code, slot in sorted(slots.items())
        if SLUG.match(slot.code)
    )
    return inline_style(css) if css else ""


@register.simple_tag(takes_context=True)
def nonced_media(context, media):
    """A form's media with the request's CSP nonce on its tags: the rich-text editor's import
    map is an inline script. Media without django-js-asset's nonce support is all external
    files, allowed by 'self' as it is."""
    if not hasattr(media, "with_nonce"):
        return media
    # django-csp's lazy nonce is falsy until read: str() reads it (and so puts it in the header).
    nonce = str(getattr(context.get("request"), "csp_nonce", ""))
    return media.with_nonce(nonce) if nonce else media


@register.simple_tag(takes_context=True)
def prose_editor_styles(context, media):
    """Where the media has the rich-text editor: Tiptap's styles from static/, and the empty,
    nonced `<style data-tiptap-style>` that keeps its editor.js from injecting them inline."""
    if "django_prose_editor/editor.js" not in str(media):
        return ""
    nonce = str(getattr(context.get("request"), "csp_nonce", ""))
    return format_html(
        '<link rel="stylesheet" href="{}">\n<style data-tiptap-style nonce="{}"></style>',
        static("admin/newsroom/tiptap.css"),
        nonce,
    )
