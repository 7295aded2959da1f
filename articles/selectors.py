"""Reads shared by the public pages, the feeds, the API, the admin's previews and the ad previews.

Every list starts from `Article.objects.live(language)`; shared lists (the sidebar's newest
headlines, a tag's newest articles) are cached as fragments named after the next scheduled change,
so a list built before a story goes live by the clock is never read after it.
"""

from functools import cache

from django.db.models import Exists, OuterRef, Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from pagecache import esi, keys, schedule, store

from .models import Article, ArticleAuthor, ArticleTag

PAGE_SIZE = 20
RECENT_NEWS = 20
RELATED_NEWS = 6
MORE_ON_TAG = 3
MAIN_STORIES = 5
# The newest articles of a tag kept as a shared list: enough for "More on" (3 besides the page's
# own article) and for the related news sharing a tag (see `_related`).
TAG_POOL = RELATED_NEWS + 1
# Shared lists are cached at most this long, and never past the next scheduled publication or
# expiry (a story going live by the clock purges nothing).
FRAGMENT_SECONDS = 3600
# What a headline in a shared list needs: its title, time, weight and address.
HEADLINE_FIELDS = ("id", "publish_at", "created_at", "is_important")


def listing(language, *, tags=False):
    """Live articles of `language` with what a list item shows, newest first; the authors (and
    with `tags`, the tags: feeds and the API list them) come in one extra query each for the
    whole page."""
    from liveblog.models import LiveCoverage

    articles = (
        Article.objects.live(language)
        # "Live" in lists, in the list's one query.
        .annotate(
            is_live_story=Exists(
                LiveCoverage.objects.filter(article=OuterRef("pk"), ended_at__isnull=True)
            )
        )
        .select_related("section", "hero_photo")
        .prefetch_related(
            Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author"))
        )
        .newest_first()
    )
    if tags:
        articles = articles.prefetch_related(
            Prefetch("tagged_items", queryset=ArticleTag.objects.select_related("tag"))
        )
    return articles


class Shared:
    """When the shared lists built now may be cached until: the next scheduled change of any
    version (its moment is part of each fragment's name, so a list built before it is never read
    after it, whatever the cache's clock) and at most FRAGMENT_SECONDS."""

    def __init__(self, now=None):
        now = now or timezone.now()
        moment = schedule.next_change(now)
        self.suffix = f"{moment.timestamp():.0f}"
        self.timeout = max(1, min(FRAGMENT_SECONDS, int((moment - now).total_seconds())))
        self.prefetched = None

    def name(self, name):
        return f"{name}:{self.suffix}"

    def prefetch(self, names, *others):
        """Read these shared lists (and `others`: fragments named in full) together: two
        round trips to the cache instead of two for each."""
        self.prefetched = store.prefetch([*map(self.name, names), *others])

    def fragment(self, name, build):
        return store.fragment(
            self.name(name), build, timeout=self.timeout, prefetched=self.prefetched
        )


@cache
def headline_fields(language):
    """The columns a headline loads, in the model's order (as `Model.from_db` takes them)."""
    wanted = {*HEADLINE_FIELDS, f"title_{language}"}
    return tuple(
        field.attname for field in Article._meta.concrete_fields if field.attname in wanted
    )


def headline_rows(queryset, language):
    """The items of a shared list as plain rows (cheap to cache and to read back): id, time in
    the language, address, and the loaded columns."""
    fields = headline_fields(language)
    rows = [
        (
            item.pk,
            item.published_at,
            item.get_absolute_url(),
            tuple(getattr(item, name) for name in fields),
        )
        for item in queryset.only(*fields)
    ]
    keys.add(*(keys.article(row[0]) for row in rows))
    return rows


def headline(row, language):
    """An article of a shared list, loaded as it was for the list, with its `url`."""
    _pk, published_at, url, values = row
    article = Article.from_db(None, headline_fields(language), values)
    article.published_at = published_at
    article.url = url
    return article


class Headlines:
    """A shared list as cached: its HTML for the page, its articles only when asked for."""

    def __init__(self, html, rows, language):
        self.html, self.rows, self.language = mark_safe(html), rows, language

    def __len__(self):
        return len(self.rows)

    def __iter__(self):
        return iter(self.articles)

    @cached_property
    def articles(self):
        return [headline(row, self.language) for row in self.rows]


def recent_news(language, shared=None, *, inline=False):
    """The sidebar's newest headlines, rendered once per language and shared by every page
    until one of them changes or a story goes live or leaves (the fragment's keys).

    Behind a proxy that assembles Edge Side Includes (pagecache/esi.py), the page gets an
    include of the fragment's own address instead, and none of its keys: a publication then
    replaces the fragment, not every page showing it. `inline` for that address itself.
    """
    if not inline and esi.allowed():
        with translation.override(language):
            url = reverse("articles:recent_news")
        return Headlines(esi.include(url), [], language)

    def build():
        keys.add(keys.news(language))
        rows = headline_rows(Article.objects.live(language).newest_first()[:RECENT_NEWS], language)
        html = render_to_string(
            "articles/_recent_news.html",
            {"recent_news": [headline(row, language) for row in rows]},
        )
        return html, rows

    html, rows = (shared or Shared()).fragment(f"recent:{language}", build)
    return Headlines(html, rows, language)


def tag_pool(tag_id, language, shared):
    """The TAG_POOL newest live articles of a tag, as rows shared by every page of the tag's
    articles; rebuilt when the tag or one of them changes, or a story of the tag goes live or
    leaves (pagecache/signals.py purges the tags of every story that does).

    A page shows a few of them: it names the tag and those it shows (`article_context`), not
    every article of the list. The others cannot change the page without purging one of those
    keys (a story of the tag moving up the list went live, or one shown left), and each key
    more costs every cached copy of the page a lookup when it is served. Not the language's
    news: a story without the tag changes no list of the tag, and would make every article
    page of the language stale at each publication.
    """

    def build():
        keys.add(keys.tag(tag_id))
        return headline_rows(
            Article.objects.live(language)
            .filter(tagged_items__tag_id=tag_id)
            .newest_first()[:TAG_POOL],
            language,
        )

    token = keys.start()
    try:
        return shared.fragment(f"tag-pool:{tag_id}:{language}", build)
    finally:
        keys.stop(token)
