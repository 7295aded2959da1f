"""What every public page's frame shows: today's archive link, the sections menu, Support us.

Values are callables or cheap, so admin pages, which render through the same processors, pay
nothing for them.
"""

from functools import cache as once
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.urls import get_script_prefix, reverse
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
        "support_url": settings.SUPPORT_URL
        or _reversed("articles:support", None, get_language(), get_script_prefix()),
        "today": today,
        "today_archive_url": lambda: _reversed(
            "articles:archive_day", today.isoformat(), get_language(), get_script_prefix()
        ),
        # Asked for twice a page (the "All sections" menu and the section links): read once.
        "menu_sections": once(menu_sections),
    }


@lru_cache(maxsize=64)
def _reversed(name, day, language, prefix):
    """An address of the frame, worked out once per process, language and day."""
    return reverse(name, kwargs={"day": day} if day else None)
