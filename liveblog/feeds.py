"""A live story in the feeds and the news sitemap: its newest update's time, and in the full-text
feeds its newest updates after the body. Only live updates, as on the page."""

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from .selectors import PAGE_SIZE, last_update_subquery, public_updates

__all__ = ["feed_html", "last_update_subquery", "updates_prefetch"]


def updates_prefetch(language, now=None):
    """The newest live updates of the feed's articles (a page's worth each, however long the
    day: Django slices each article's share in the query) in one query, and their blocks in
    another (only live stories have any)."""
    now = now or timezone.now()
    return Prefetch(
        "live_updates",
        queryset=public_updates(language, now).newest_first()[:PAGE_SIZE],
        to_attr="live_entries",
    )


def feed_html(article) -> str:
    """The newest updates of a live story, as on its page, for `content:encoded`."""
    entries = getattr(article, "live_entries", None)
    if not entries:
        return ""
    return "".join(
        render_to_string("liveblog/_update.html", {"update": update}) for update in entries
    )
