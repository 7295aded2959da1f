"""The vocabulary of surrogate keys, and the collector a request's keys go into.

A response names everything it shows, so that a change to any of it purges the response:

- `article-<id>`: the article's pages (every language) and every list showing it; purged when
  the article changes, goes live or leaves.
- `news-<lang>`: every page with a list of the newest news in that language (home, news,
  lists, search, feeds, the API list, the recent news sidebar); purged when a version in that
  language goes live or leaves. `home-<lang>` and `feed-<lang>` name the home page and the
  feeds of the language, purged with it. Article pages carry it only through an inline
  sidebar: behind Varnish the sidebar is an include of its own (esi.py), and their related
  and "More on" lists follow their tags.
- `section-<id>`, `tag-<id>`, `author-<id>`, `photo-<id>`: pages showing it; purged when it
  is renamed or changed (a tag or author also when an article is given it; a tag also when
  an article of it goes live or leaves: the pages of articles sharing it list its newest).
- `sections`: every HTML page (the sections menu); a section is added, renamed or removed.
- `sitemaps`: sitemaps; any publication, unpublication, trash or restore.
- `ads`: every page with ad slots; a slot or a booking changes.
- `schedule`: every cacheable response, whose lifetime is capped by the next scheduled change
  (schedule.py); a publication or booking is scheduled or moved.
- `all`: everything cached; `manage.py purge_cache --all`.

Keys are collected in a context variable rather than passed around: templates, feeds, the API
and fragment caches (which replay the keys of what they cached) add to the same set.
"""

import contextvars
from collections.abc import Iterable

ALL = "all"
SECTIONS = "sections"
SITEMAPS = "sitemaps"
ADS = "ads"
SCHEDULE = "schedule"

_collected: contextvars.ContextVar[set | None] = contextvars.ContextVar(
    "pagecache_keys", default=None
)


def article(pk) -> str:
    return f"article-{pk}"


def news(language: str) -> str:
    return f"news-{language}"


def home(language: str) -> str:
    return f"home-{language}"


def feed(language: str) -> str:
    return f"feed-{language}"


def section(pk) -> str:
    return f"section-{pk}"


def tag(pk) -> str:
    return f"tag-{pk}"


def author(pk) -> str:
    return f"author-{pk}"


def photo(pk) -> str:
    return f"photo-{pk}"


_BY_MODEL = {"Article": article, "Section": section, "Tag": tag, "Author": author, "Photo": photo}


def of(obj) -> str:
    """The key of a content object (an article, section, tag, author or photo)."""
    return _BY_MODEL[type(obj).__name__](obj.pk)


def add(*keys: str) -> None:
    """Name what the current response shows (no-op outside a collecting request)."""
    collected = _collected.get()
    if collected is not None:
        collected.update(key for key in keys if key)


def add_articles(articles: Iterable) -> None:
    """The keys of list items: each article, its section, hero photo and (if fetched) authors."""
    found = []
    for item in articles:
        found += [article(item.pk), section(item.section_id)]
        if item.hero_photo_id:
            found.append(photo(item.hero_photo_id))
        prefetched = getattr(item, "_prefetched_objects_cache", {})
        for byline in prefetched.get("bylines", ()):
            found.append(author(byline.author_id))
    add(*found)


def start() -> contextvars.Token:
    """Begin collecting for a request (or a fragment); `stop()` returns what was collected."""
    return _collected.set(set())


def stop(token: contextvars.Token) -> set:
    collected = _collected.get() or set()
    _collected.reset(token)
    return collected


def collected() -> set:
    return set(_collected.get() or ())
