"""What every public page's frame shows: today's archive link, the sections menu, Support us.

Values are callables or cheap, so admin pages, which render through the same processors, pay
nothing for them.
"""

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from pagecache import keys

from .models import Section

MENU_CACHE_KEY = "menu-sections:{language}"
MENU_CACHE_SECONDS = 60 * 60


def menu_sections():
    """(name, url) of every section in the active language; cached until a section changes
    (see signals.py), because every page shows them and they almost never change."""
    keys.add(keys.SECTIONS)
    language = get_language()
    key = MENU_CACHE_KEY.format(language=language)
    menu = cache.get(key)
    if menu is None:
        menu = [(section.name, section.get_absolute_url()) for section in Section.objects.all()]
        cache.set(key, menu, MENU_CACHE_SECONDS)
    return menu


def site(request):
    today = timezone.localdate()
    return {
        "site_name": settings.SITE_NAME,
        "support_url": settings.SUPPORT_URL or reverse("articles:support"),
        "today": today,
        "today_archive_url": lambda: reverse(
            "articles:archive_day", kwargs={"day": today.isoformat()}
        ),
        "menu_sections": menu_sections,
    }
