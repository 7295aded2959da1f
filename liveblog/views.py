"""The public updates fragment a live page's script polls (static/liveblog/live.js).

One address per article and language, with no parameters: every reader's poll is the same
request, served from the page cache until an update purges it (it carries the article's key) or
the next scheduled update caps its lifetime (pagecache/schedule.py). It answers only for an
article live in the language, with only live updates, as the page does.
"""

from django.http import Http404, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from articles.models import live_q
from pagecache import keys

from .models import LiveCoverage
from .selectors import PAGE_SIZE, attach_blocks, cache_keys, page_updates, pinned_update


def updates_fragment(request, pk):
    """{"on": coverage still on, "pinned": {id, version, html} or null, "updates": the newest
    PAGE_SIZE as [{id, version, html}], newest first}. 404 unless the article is a live story
    live in this language."""
    language = get_language()
    keys.add(keys.article(pk))
    now = timezone.now()
    coverage = LiveCoverage.objects.filter(live_q(language, now, prefix="article__"), article_id=pk)
    coverage = coverage.first()
    if coverage is None:
        raise Http404
    updates = list(page_updates(pk, language, now)[:PAGE_SIZE])
    pinned = pinned_update(pk, language, now)
    attach_blocks([*updates, pinned], language, now)
    cache_keys([*updates, pinned])

    def entry(update):
        html = render_to_string("liveblog/_update.html", {"update": update}, request=request)
        return {
            "id": update.pk,
            "version": update.edit_count,
            "at": update.publish_at.isoformat(),
            "html": html,
        }

    response = JsonResponse(
        {
            "on": coverage.is_on,
            "pinned": entry(pinned) if pinned else None,
            "updates": [entry(update) for update in updates],
        },
        json_dumps_params={"ensure_ascii": False},
    )
    # Not a page: readers and crawlers who find the address get the entries, unindexed.
    response["X-Robots-Tag"] = "noindex"
    return response
