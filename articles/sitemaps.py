"""Sitemaps: an index (`/sitemap.xml`) of one sitemap per month of articles plus sections, tags
and authors, each URL with `lastmod` and `xhtml:link` alternates naming only the languages it is
live in (and `x-default`); and a Google News sitemap per language (`/news-sitemap.xml`,
`/ru/…`, `/en/…`). Everything starts from `LanguageVersion.objects.live()` /
`Article.objects.live()`.
"""

import re
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, F, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest, Least, TruncDate, TruncMonth
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.translation import get_language

from liveblog.feeds import last_update_subquery
from newsroom.params import plain_int
from tags.models import Tag

from .models import (
    LANGUAGE_CODES,
    Article,
    Author,
    LanguageVersion,
    Section,
    detail_path_maker,
)
from .seo import url_in

NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000
# The figures of the months before the current one (how many URLs, the newest change) come
# from one grouped query over the archive, remembered for an hour; the current month's from a
# query over that month alone (on the index of first publication), remembered for a minute.
PAST_MONTHS_CACHE_SECONDS = 60 * 60
# The current month's figures and the taxonomies' (lastmod, pages).
RECENT_CACHE_SECONDS = 60
# [0-9], not \d: \d also matches other scripts' digits, which int() reads.
MONTH_SECTION = re.compile(r"articles-([0-9]{4})-([0-9]{2})")
# A sitemap page number beyond any archive: a 404 without a query.
MAX_PAGE = 100_000


def _with_alternates(urls, languages_of, base):
    """Add to each URL the alternates of its page (see `_alternates`)."""
    for url in urls:
        url["alternates"] = _alternates(languages_of(url["item"]), base)
    return urls


def _month_bounds(month):
    """[start, end) of a Kyiv month (`month` is its 1st day), as aware datetimes."""
    zone = timezone.get_current_timezone()
    start = datetime(month.year, month.month, 1, tzinfo=zone)
    end = datetime(month.year + month.month // 12, month.month % 12 + 1, 1, tzinfo=zone)
    return start, end


def _month_versions(month):
    start, end = _month_bounds(month)
    return LanguageVersion.objects.live().filter(
        article__publish_at__gte=start, article__publish_at__lt=end
    )


def _detail_paths():
    """{language: function(article id, url date) -> the article's address}."""
    return {code: detail_path_maker(code) for code in LANGUAGE_CODES}


def _month_page(month, page, limit):
    """One page of a month's sitemap in one query, by article: [(article id, {language: path}
    of every language it is live in, [(language, lastmod)] of its versions on this page)], in
    the order of first publication.

    Every live version of an article is in the month of the article's first publication, so
    the languages an article is live in are its rows of this very listing: the page is read
    with two rows more on either side, which completes an article cut by the page's edge. The
    date in the address comes as a date, and each URL's lastmod as one time (the later of the
    article's last save and this publication): times are the slow values to read."""
    zone = timezone.get_current_timezone()
    start = (page - 1) * limit
    extra = len(LANGUAGE_CODES) - 1
    low = max(0, start - extra)
    rows = list(
        _month_versions(month)
        .annotate(
            day=TruncDate("article__publish_at", tzinfo=zone),
            lastmod=Greatest("article__updated_at", "publish_at"),
        )
        .order_by("article__publish_at", "article_id", "language")
        .values_list("article_id", "language", "day", "lastmod")[low : start + limit + extra]
    )
    live = {}
    for article_id, code, _day, _lastmod in rows:
        live.setdefault(article_id, []).append(code)
    paths = _detail_paths()
    articles = []
    for article_id, code, day, lastmod in rows[start - low : start - low + limit]:
        if not articles or articles[-1][0] != article_id:
            codes = live[article_id]
            languages = {c: paths[c](article_id, day) for c in LANGUAGE_CODES if c in codes}
            articles.append((article_id, languages, []))
        articles[-1][2].append((code, lastmod))
    return articles


def month_entries(month, page=1, limit=None):
    """The URLs of one page of a month's sitemap: [(path, lastmod, {language: path})]."""
    limit = limit or ArticleMonthSitemap.limit
    return [
        (languages[code], lastmod, languages)
        for _id, languages, versions in _month_page(month, page, limit)
        for code, lastmod in versions
    ]


class ArticleMonthSitemap(Sitemap):
    """Every live language version of the articles first published in one Kyiv month.

    `count` and `lastmod`, when known (the index has them for every month from one query), spare
    a query each. Pages are rendered by `month_sitemap()` from `month_entries()`; `get_urls()`
    gives the same URLs in the shape of Django's sitemaps framework."""

    limit = 10_000

    def __init__(self, month, count=None, lastmod=None):
        self.month = month  # a date, the 1st of the month
        self.count = count
        self.lastmod_known = lastmod

    def _versions(self):
        return _month_versions(self.month)

    @property
    def paginator(self):
        if self.count is None:
            self.count = self._versions().count()
        return Paginator(range(self.count), self.limit)

    def get_latest_lastmod(self):
        if self.lastmod_known is not None:
            return self.lastmod_known
        # As each URL's lastmod: the later of the article's last save and this publication.
        latest = Greatest("article__updated_at", "publish_at")
        return self._versions().aggregate(last=Max(latest))["last"]

    def get_urls(self, page=1, site=None, protocol=None):
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        urls = []
        for location, lastmod, languages in month_entries(self.month, int(page), self.limit):
            urls.append(
                {
                    "location": f"{base}{location}",
                    "lastmod": lastmod,
                    "changefreq": None,
                    "priority": "",
                    "alternates": _alternates(languages, base),
                }
            )
        if not urls:
            raise Http404(f"Page {page} empty")
        # As Django's Sitemap does: the view sends it as Last-Modified.
        self.latest_lastmod = max(url["lastmod"] for url in urls)
        return urls


def _alternates(locations, base):
    """Every language a page is live in, and x-default (the Ukrainian original when it is
    live, else the first live language)."""
    alternates = [
        {"lang_code": code, "location": f"{base}{path}"} for code, path in locations.items()
    ]
    if alternates:
        default = locations.get(settings.LANGUAGE_CODE) or next(iter(locations.values()))
        alternates.append({"lang_code": "x-default", "location": f"{base}{default}"})
    return alternates


def _monthly(versions):
    """{month: (URLs, newest lastmod)} of these live versions, grouped by the Kyiv month of
    their article's first publication, in one query."""
    zone = timezone.get_current_timezone()
    rows = (
        versions.annotate(month=TruncMonth("article__publish_at", tzinfo=zone))
        .values("month")
        .annotate(count=Count("pk"), last=Max(Greatest("article__updated_at", "publish_at")))
        .order_by()
    )
    return {
        timezone.localtime(row["month"], zone).date(): (row["count"], row["last"])
        for row in rows
        if row["month"] is not None
    }


def month_figures():
    """{month: (URLs, newest lastmod)} of every month with live articles, newest first.

    The months before the current one change only when an old story is edited, republished or
    taken down: their figures come from one query over the archive, kept in the cache for an
    hour (under the current month's name, so that a month is counted afresh once it is over).
    The current month's come from a query over that month, kept for a minute. The index may
    thus show a month's page count and lastmod up to a minute (an hour for past months) late;
    the sitemaps themselves are always current."""
    current = timezone.localdate().replace(day=1)
    start, _end = _month_bounds(current)
    live = LanguageVersion.objects.live()
    past_key, now_key = f"sitemap-past-months:{current:%Y-%m}", f"sitemap-month:{current:%Y-%m}"
    found = cache.get_many([past_key, now_key])
    past, now = found.get(past_key), found.get(now_key)
    if past is None:
        past = _monthly(live.filter(article__publish_at__lt=start))
        cache.set(past_key, past, PAST_MONTHS_CACHE_SECONDS)
    if now is None:
        now = _monthly(live.filter(article__publish_at__gte=start))
        cache.set(now_key, now, RECENT_CACHE_SECONDS)
    figures = {**past, **now}
    return {month: figures[month] for month in sorted(figures, reverse=True)}


def month_sitemap(request, month):
    """One page (`?p=`) of a month's sitemap: the bytes Django's sitemap view and template
    make of the same URLs (tests compare them). Rendering a page of 10,000 URLs with the
    template took 0.8 s, and reverse() for each address and alternate as much again; this
    view takes 0.16 s in all, query included, writing the alternates of an article once for
    all its versions."""
    page = plain_int(request.GET.get("p", "1"), low=1, high=MAX_PAGE)
    if page is None:
        raise Http404("No such page")
    articles = _month_page(month, page, ArticleMonthSitemap.limit)
    if not articles:
        raise Http404(f"Page {page} empty")
    base = escape(f"{request.scheme}://{get_current_site(request).domain}")
    zone = timezone.get_current_timezone()
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    ]
    newest = None
    for _id, languages, versions in articles:
        locations = {code: f"{base}{escape(path)}" for code, path in languages.items()}
        default = locations.get(settings.LANGUAGE_CODE) or next(iter(locations.values()))
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{location}"/>'
            for code, location in [*locations.items(), ("x-default", default)]
        )
        for code, lastmod in versions:
            newest = lastmod if newest is None else max(newest, lastmod)
            day = timezone.localtime(lastmod, zone).date().isoformat()
            parts.append(
                f"<url><loc>{locations[code]}</loc><lastmod>{day}</lastmod>{alternates}</url>"
            )
    parts.append("\n</urlset>\n")
    response = HttpResponse("".join(parts), content_type="application/xml")
    response["Last-Modified"] = http_date(newest.timestamp())
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


class TaxonomySitemap(Sitemap):
    """Section, tag or author pages, in each language where they list something live; lastmod
    is their newest article's publication there."""

    model = None
    lookup = None  # from LanguageVersion to the object

    def items(self):
        items = []
        for code in LANGUAGE_CODES:
            newest = (
                LanguageVersion.objects.live()
                .filter(language=code, **{self.lookup: OuterRef("pk")})
                .order_by("-publish_at")
                .values("publish_at")[:1]
            )
            # An empty page is no use to a search engine: only those with news here.
            rows = (
                self.model.objects.annotate(newest=Subquery(newest))
                .filter(newest__isnull=False)
                .order_by("pk")
            )
            items += [(obj, code) for obj in rows]
        self._languages = {}
        for obj, code in items:
            self._languages.setdefault(obj.pk, []).append(code)
        return items

    def location(self, item):
        obj, code = item
        return url_in(obj, code)

    def lastmod(self, item):
        return item[0].newest

    def get_latest_lastmod(self):
        # The newest publication that such a page lists: read backwards on the index of
        # (state, publication time) until the first one with such an object, not a maximum
        # over every live version joined to its objects.
        versions = LanguageVersion.objects.live().filter(**{f"{self.lookup}__isnull": False})
        return versions.order_by("-publish_at").values_list("publish_at", flat=True).first()

    def index_pages(self):
        """How many pages the index lists: one when there cannot be more than a page's worth (a
        URL per object and language at most), without reading which have news where."""
        if self.model.objects.count() * len(LANGUAGE_CODES) <= self.limit:
            return 1
        return self.paginator.num_pages

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)

        def languages_of(item):
            obj = item[0]
            return {code: url_in(obj, code) for code in self._languages[obj.pk]}

        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        return _with_alternates(urls, languages_of, base)


class SectionSitemap(TaxonomySitemap):
    model = Section
    lookup = "article__section"


class TagSitemap(TaxonomySitemap):
    model = Tag
    lookup = "article__tagged_items__tag"


class AuthorSitemap(TaxonomySitemap):
    model = Author
    lookup = "article__bylines__author"


def taxonomy_sitemaps():
    return {"sections": SectionSitemap(), "tags": TagSitemap(), "authors": AuthorSitemap()}


def taxonomy_figures():
    """{name: (lastmod, pages)} of the sections', tags' and authors' sitemaps: six small
    queries, kept in the cache for a minute like the current month's figures."""
    figures = cache.get("sitemap-taxonomies")
    if figures is None:
        figures = {
            name: (sitemap.get_latest_lastmod(), sitemap.index_pages())
            for name, sitemap in taxonomy_sitemaps().items()
        }
        cache.set("sitemap-taxonomies", figures, RECENT_CACHE_SECONDS)
    return figures


def all_sitemaps():
    """{name: sitemap}: sections, tags, authors, and one per month that has live articles,
    newest first, each month with its figures (see `month_figures`)."""
    return {
        **taxonomy_sitemaps(),
        **{
            f"articles-{month:%Y-%m}": ArticleMonthSitemap(month, count, lastmod)
            for month, (count, lastmod) in month_figures().items()
        },
    }


def index(request):
    """The index, from the figures in the cache (`taxonomy_figures`, `month_figures`): no
    query once they are there, whatever the size of the archive. The bytes Django's index view
    and template make (tests compare them), written directly: a million articles make 220
    sitemap pages to list, and each of Django's reverse() and template loops cost more than
    the rest of the page."""
    limit = ArticleMonthSitemap.limit
    entries = list(taxonomy_figures().items())
    entries += [
        (f"articles-{month:%Y-%m}", (lastmod, max(1, -(-count // limit))))
        for month, (count, lastmod) in month_figures().items()
    ]
    probe = reverse("sitemap_section", kwargs={"section": "SECTION"})
    prefix, _found, suffix = probe.partition("SECTION")
    base = f"{request.scheme}://{get_current_site(request).domain}"
    zone = timezone.get_current_timezone()
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    ]
    for name, (lastmod, pages) in entries:
        location = escape(f"{base}{prefix}{name}{suffix}")
        stamp = ""
        if lastmod:
            stamp = f"<lastmod>{timezone.localtime(lastmod, zone).isoformat()}</lastmod>"
        parts += [
            f"<sitemap><loc>{location}{f'?p={page}' if page > 1 else ''}</loc>{stamp}</sitemap>"
            for page in range(1, pages + 1)
        ]
    parts.append("\n</sitemapindex>\n")
    response = HttpResponse("".join(parts), content_type="application/xml")
    lastmods = [lastmod for _name, (lastmod, _pages) in entries]
    if lastmods and all(lastmods):
        response["Last-Modified"] = http_date(max(lastmods).timestamp())
    return response


def section(request, section):
    found = MONTH_SECTION.fullmatch(section)
    if found:
        try:
            month = date(int(found[1]), int(found[2]), 1)
            _month_bounds(month)
        except ValueError:
            raise Http404(f"No sitemap {section!r}") from None
        return month_sitemap(request, month)
    return sitemap_views.sitemap(request, taxonomy_sitemaps(), section=section)


def news_sitemap(request):
    """Google News: this language's articles live and first published here in the last 48
    hours, newest first, at most 1,000."""
    language = get_language()
    # First publication in this language: an old story republished today is not news (and a
    # story entered with an earlier time is as old as that time).
    first = Least(
        Coalesce(F("versions__first_published_at"), F("versions__publish_at")),
        F("versions__publish_at"),
    )
    since = timezone.now() - NEWS_WINDOW
    articles = (
        Article.objects.live(language)
        .alias(first_published=first)
        # The first publication is never later than the current one: the second condition
        # says nothing new, but lets the index of live versions read only the last 48 hours.
        .filter(first_published__gte=since, published_at__gte=since)
        .only("id", "publish_at", "created_at", f"title_{language}")
        # A live story's newest update: its <lastmod> (liveblog/).
        .annotate(live_updated_at=last_update_subquery(language))
        .newest_first()[:NEWS_LIMIT]
    )
    response = render(
        request,
        "sitemaps/news.xml",
        {"articles": articles, "language": language, "site_name": settings.SITE_NAME},
        content_type="application/xml",
    )
    return response


def robots_txt(request):
    """Where the sitemaps are; the admin (previews included), ad frames and search results are
    no place for a crawler (search pages also say noindex)."""
    base = request.build_absolute_uri("/").rstrip("/")
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /ads/"]
    for code in LANGUAGE_CODES:
        prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
        lines.append(f"Disallow: {prefix}/search/")
    lines.append("")
    lines.append(f"Sitemap: {base}{reverse('sitemap_index')}")
    for code in LANGUAGE_CODES:
        with translation.override(code):
            lines.append(f"Sitemap: {base}{reverse('articles:news_sitemap')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
