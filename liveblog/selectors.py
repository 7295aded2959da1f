"""Reads of the public live pages: the article page's live section and the updates fragment its
script polls. Both start from `LiveUpdate.objects.live(language)`, on an article the caller has
already found live in the language; a draft or a scheduled update is never read here.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.utils import timezone

from articles.models import Article
from articles.pagination import Page, paginate
from pagecache import keys

from .models import LiveCoverage, LiveUpdate, LiveUpdateBlock, update_live_q

PAGE_SIZE = 20


def coverage_of(article) -> LiveCoverage | None:
    """The article's coverage, or None: no query when it came with the article
    (select_related("live_coverage")), one otherwise."""
    try:
        return article.live_coverage
    except LiveCoverage.DoesNotExist:
        return None


def blocks_prefetch(language, now=None) -> Prefetch:
    """The blocks of a list of updates in one query, with their photos and "Read also"
    articles, each "Read also" knowing whether its article is live in the language
    (`LiveUpdate.shown_blocks` leaves the others out, as the body does)."""
    now = now or timezone.now()
    return Prefetch(
        "blocks",
        queryset=LiveUpdateBlock.objects.select_related("photo", "link_article").annotate(
            target_live=Exists(
                Article.objects.live(language, now).filter(pk=OuterRef("link_article"))
            )
        ),
    )


def public_updates(language, now=None):
    """Live updates of `language` with what showing them needs: the author and the blocks."""
    return (
        LiveUpdate.objects.live(language, now)
        .select_related("author")
        .prefetch_related(blocks_prefetch(language, now))
    )


def attach_blocks(updates, language, now) -> None:
    """The blocks of the page's updates (its pinned one too) in one query."""
    prefetch_related_objects([u for u in updates if u is not None], blocks_prefetch(language, now))


def page_updates(article_id, language, now):
    """The live updates of the article's page, newest first, pinned ones left out (shown on top);
    their blocks come with `attach_blocks`."""
    return (
        LiveUpdate.objects.live(language, now)
        .filter(article_id=article_id, pinned=False)
        .select_related("author")
        .newest_first()
    )


def pinned_update(article_id, language, now):
    return (
        LiveUpdate.objects.live(language, now)
        .filter(article_id=article_id, pinned=True)
        .select_related("author")
        .first()
    )


def cache_keys(updates):
    """Purge keys of what the updates show besides themselves: photos, authors, and the
    articles of "Read also" (a title change, or one leaving, purges the live page)."""
    for update in updates:
        if update is None:
            continue
        if update.author_id:
            keys.add(keys.author(update.author_id))
        for block in update.shown_blocks:
            if block.photo_id:
                keys.add(keys.photo(block.photo_id))
            if block.link_article_id:
                keys.add(keys.article(block.link_article_id))


@dataclass
class LiveSection:
    """What the article page of a live story shows of it."""

    coverage: LiveCoverage
    page: Page
    pinned: LiveUpdate | None
    updates: list = field(default_factory=list)
    poll_seconds: int = 30
    fragment_url: str = ""

    @property
    def is_on(self):
        return self.coverage.is_on

    @property
    def last_update_at(self):
        """The newest update's time (page 1 has it; older pages say nothing)."""
        if self.page.number != 1:
            return None
        times = [u.publish_at for u in self.updates]
        if self.pinned is not None:
            times.append(self.pinned.publish_at)
        return max(times) if times else None


def live_section(request, article, language, now=None) -> LiveSection | None:
    """The live part of an article page, or None for an ordinary article. Three queries for a
    live story (its pinned update, one page of the others, and all their blocks, whatever
    their number); none for an article whose coverage came with it."""
    coverage = coverage_of(article)
    if coverage is None:
        return None
    from django.urls import reverse

    now = now or timezone.now()
    page = paginate(request, page_updates(article.pk, language, now), PAGE_SIZE)
    pinned = pinned_update(article.pk, language, now) if page.number == 1 else None
    attach_blocks([*page.object_list, pinned], language, now)
    cache_keys([*page.object_list, pinned])
    return LiveSection(
        coverage=coverage,
        page=page,
        pinned=pinned,
        updates=page.object_list,
        poll_seconds=settings.LIVEBLOG_POLL_SECONDS,
        fragment_url=reverse("liveblog:updates", kwargs={"pk": article.pk}),
    )


def last_update_subquery(language, now=None, ref="pk"):
    """The time of the newest live update of the article `ref` in `language` (None without),
    as a subquery: feeds and the news sitemap annotate their one query with it."""
    newest = (
        LiveUpdate.objects.filter(update_live_q(now), language=language, article_id=OuterRef(ref))
        .order_by()
        .values("article_id")
        .annotate(newest=Max("publish_at"))
        .values("newest")
    )
    return Subquery(newest)
