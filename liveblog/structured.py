"""schema.org `LiveBlogPosting` for a live story's page (Google's live-coverage rules): the
coverage's start and, once it ended, its end, and the updates on the page as `BlogPosting`s.

An ended coverage keeps `LiveBlogPosting` with `coverageEndTime` rather than turning back into a
NewsArticle: the page still is the record of the live coverage, with every update on it, and the
end time is what tells search engines it is over (they stop showing it as "live").
"""

from django.utils import timezone
from django.utils.text import Truncator


def _iso(moment):
    return timezone.localtime(moment).isoformat()


def live_blog_posting(request, live, url) -> dict:
    """The fields a NewsArticle's data becomes a LiveBlogPosting with."""
    coverage = live.coverage
    updates = [*([live.pinned] if live.pinned else []), *live.updates]
    data = {
        "@type": "LiveBlogPosting",
        "coverageStartTime": _iso(coverage.started_at),
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": Truncator(update.headline or update.plain_text).chars(110),
                "datePublished": _iso(update.publish_at),
                "dateModified": _iso(max(update.updated_at, update.publish_at)),
                "url": f"{url}#update-{update.pk}",
                "articleBody": update.plain_text,
                **(
                    {"author": {"@type": "Person", "name": update.author.name}}
                    if update.author_id
                    else {}
                ),
            }
            for update in sorted(updates, key=lambda u: u.publish_at, reverse=True)
        ],
    }
    if coverage.ended_at is not None:
        data["coverageEndTime"] = _iso(coverage.ended_at)
    if live.last_update_at:
        data["dateModified"] = _iso(live.last_update_at)
    return data
