"""What every public page's frame shows: today's archive link, the sections menu, Support us.

Values are callables or cheap, so admin pages, which render through the same processors, pay
nothing for them.
"""

from functools import cache as once
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import get_language

from pagecache import keys, store

from .models import Section

MENU_FRAGMENT = "menu:{language}"
MENU_CACHE_SECONDS = 60 * 60


def menu_fragment_name(language):
    return MENU_FRAGMENT.format(language=language)


def menu_sections(prefetched=None):
    """(name, url) of every section in the active language; a fragment of the page cache kept
    until a section changes (its key, `sections`, is purged then), because every page shows
    them and they almost never change. A page reading several fragments may have read this
    one with them (`prefetched`, from `pagecache.store.prefetch`)."""

    def build():
        keys.add(keys.SECTIONS)
        return [(section.name, section.get_absolute_url()) for section in Section.objects.all()]

    return store.fragment(
        menu_fragment_name(get_language()),
        build,
        timeout=MENU_CACHE_SECONDS,
        prefetched=prefetched,
    )


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
