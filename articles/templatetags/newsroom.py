import unicodedata
from functools import lru_cache

from django import template
from django.template import defaultfilters
from django.urls import get_script_prefix, reverse
from django.utils import timezone, translation
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from articles import seo
from articles.models import LANGUAGE_CODES

register = template.Library()

SWITCHER_LABELS = {"uk": "Укр", "ru": "Рус", "en": "Eng"}
LANGUAGE_NAMES = {"uk": "Українська", "ru": "Русский", "en": "English"}


@register.filter(is_safe=True)
def clip(value, length):
    """`truncatechars`, without its pass over every character of a text already short enough
    (it was a twentieth of the article page's template time: the lead, twice)."""
    text = unicodedata.normalize("NFC", str(value))
    if int(length) > 0 and len(text) <= int(length):
        return text
    return defaultfilters.truncatechars(value, length)


@register.filter
def long_date(value):
    return seo.long_date(value) if value else ""


@register.filter
def long_datetime(value):
    return seo.long_datetime(value) if value else ""


@register.simple_tag(takes_context=True)
def language_links(context):
    """The switcher: this page in each language where it exists, else that language's home."""
    alternates = context.get("alternates") or {}
    current = translation.get_language()
    links = []
    for code in LANGUAGE_CODES:
        url = alternates.get(code) or _home_url(code, get_script_prefix())
        links.append(
            {
                "code": code,
                "label": SWITCHER_LABELS[code],
                "name": LANGUAGE_NAMES[code],
                "url": url,
                "current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """(hreflang, absolute URL) for the versions of this page that exist, plus x-default."""
    request = context["request"]
    alternates = context.get("alternates") or {}
    links = [(code, request.build_absolute_uri(url)) for code, url in alternates.items()]
    if links:
        default = alternates.get("uk") or next(iter(alternates.values()))
        links.append(("x-default", request.build_absolute_uri(default)))
    return links


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's one address: the path, plus ?page=N beyond the first page."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page = context.get("page")
    if page is not None and getattr(page, "number", 1) > 1:
        url += f"?page={page.number}"
    return url


@register.simple_tag(takes_context=True)
def default_share_image(context):
    """The link card of a page without a photo of its own (the home page, lists): the newsroom's
    default share image, as `og_image`, `og_image_width`… like an article's."""
    from articles.views import add_share_image

    card = {}
    add_share_image(context["request"], card, None)
    return card


@register.simple_tag(takes_context=True)
def og_locale(context):
    return seo.OG_LOCALES.get(translation.get_language(), "uk_UA")


@register.simple_tag(takes_context=True)
def og_alternate_locales(context):
    current = translation.get_language()
    alternates = context.get("alternates") or {}
    return [seo.OG_LOCALES[code] for code in alternates if code != current]


@register.filter
def iso(value):
    """A machine-readable time for <time datetime> and meta tags: whole seconds, with offset
    (HTML allows at most three digits of a fraction; microseconds are noise anyway)."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.filter
def xml_text(value):
    """Text without the control characters XML forbids (see articles/feeds.py)."""
    from articles.feeds import xml_text as clean

    return clean(value)


# --- addresses and menus, made once per process rather than on every page -------------------
# A URL reversal costs tens of microseconds and a page has a dozen; these depend only on the
# language and the script prefix (and an object's slug), so each is worked out once.


@register.simple_tag
def link(name):
    """`{% url name %}` for an address without arguments (home, news, search, feed)."""
    return _reversed(name, translation.get_language(), get_script_prefix())


@lru_cache(maxsize=256)
def _reversed(name, language, prefix):
    return reverse(name)


@lru_cache(maxsize=16)
def _home_url(language, prefix):
    return seo.home_url(language)


_HREFS = {}


@register.filter
def href(obj):
    """`obj.get_absolute_url()` of a section, tag or author: their address depends only on
    their slug, the language and the script prefix, so it is remembered per process."""
    key = (type(obj), obj.slug, translation.get_language(), get_script_prefix())
    url = _HREFS.get(key)
    if url is None:
        if len(_HREFS) > 10_000:
            _HREFS.clear()
        url = _HREFS[key] = obj.get_absolute_url()
    return url


@register.simple_tag(takes_context=True)
def section_links(context, kind):
    """The sections menu's items: "all" for the "All sections" list, "bar" for the section
    links under the logo (the current section's marked). The same for every page of a language
    but section pages, so rendered once per menu, language and current section."""
    menu = context.get("menu_sections") or ()
    if callable(menu):
        menu = menu()
    menu = tuple((str(name), str(url)) for name, url in menu)
    request = context.get("request")
    path = request.path if request is not None and kind == "bar" else None
    current = path if any(url == path for _name, url in menu) else None
    return _section_links(kind, menu, current)


@lru_cache(maxsize=256)
def _section_links(kind, menu, current):
    if kind == "all":
        return format_html_join(
            "", '\n            <li><a href="{}">{}</a></li>', ((url, name) for name, url in menu)
        )
    return format_html_join(
        "",
        '\n          <li><a href="{}"{}>{}</a></li>',
        (
            (url, mark_safe(' aria-current="page"') if url == current else "", name)
            for name, url in menu
        ),
    )
