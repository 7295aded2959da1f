"""Sitemaps: an index (`/sitemap.xml`) of one sitemap per month of articles plus sections, tags
and authors, each URL with `lastmod` and `xhtml:link` alternates naming only the languages it is
live in (and `x-default`); and a Google News sitemap per language (`/news-sitemap.xml`,
`/ru/…`, `/en/…`). Everything starts from `LanguageVersion.objects.live()` /
`Article.objects.live()`.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache
from django.db.models import Exists, F, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest, Least
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language

from tags.models import Tag

from .models import LANGUAGE_CODES, Article, Author, LanguageVersion, Section
from .seo import url_in

NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000
MONTHS_CACHE_SECONDS = 5 * 60


def _with_alternates(urls, languages_of, base):
    """Add to each URL the alternates of its page: every language it is live in, and x-default
    (the Ukrainian original when it is live, else the first live language)."""
    for url in urls:
        locations = languages_of(url["item"])
        alternates = [
            {"lang_code": code, "location": f"{base}{path}"} for code, path in locations.items()
        ]
        if alternates:
            default = locations.get(settings.LANGUAGE_CODE) or next(iter(locations.values()))
            alternates.append({"lang_code": "x-default", "location": f"{base}{default}"})
        url["alternates"] = alternates
    return urls


class ArticleMonthSitemap(Sitemap):
    """Every live language version of the articles first published in one Kyiv month."""

    limit = 10_000

    def __init__(self, month):
        self.month = month  # a date, the 1st of the month

    def _versions(self):
        zone = timezone.get_current_timezone()
        start = datetime(self.month.year, self.month.month, 1, tzinfo=zone)
        end = datetime(
            self.month.year + self.month.month // 12, self.month.month % 12 + 1, 1, tzinfo=zone
        )
        return LanguageVersion.objects.live().filter(
            article__publish_at__gte=start, article__publish_at__lt=end
        )

    def items(self):
        return (
            self._versions()
            .select_related("article")
            .only("language", "publish_at", "article__publish_at", "article__updated_at")
            .order_by("article__publish_at", "article_id", "language")
        )

    def location(self, version):
        return version.article.get_absolute_url(version.language)

    def lastmod(self, version):
        return max(version.article.updated_at, version.publish_at)

    def get_latest_lastmod(self):
        # As each URL's lastmod: the later of the article's last save and this publication.
        latest = Greatest("article__updated_at", "publish_at")
        return self._versions().aggregate(last=Max(latest))["last"]

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        ids = {url["item"].article_id for url in urls}
        live = {}
        for article_id, code in (
            LanguageVersion.objects.live()
            .filter(article_id__in=ids)
            .values_list("article_id", "language")
        ):
            live.setdefault(article_id, set()).add(code)
        articles = {url["item"].article_id: url["item"].article for url in urls}

        def languages_of(version):
            article = articles[version.article_id]
            codes = live.get(version.article_id, ())
            return {c: article.get_absolute_url(c) for c in LANGUAGE_CODES if c in codes}

        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        return _with_alternates(urls, languages_of, base)


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
        # The newest publication that such a page lists: one aggregate, not one per item.
        versions = LanguageVersion.objects.live().filter(**{f"{self.lookup}__isnull": False})
        return versions.aggregate(last=Max("publish_at"))["last"]

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


def all_sitemaps():
    """{name: sitemap}: sections, tags, authors, and one per month that has live articles."""
    # The months scan the whole archive: remembered for a few minutes, and under the current
    # month's name, so a new month appears at once.
    key = f"sitemap-months:{timezone.localdate():%Y-%m}"
    months = cache.get(key)
    if months is None:
        months = list(
            Article.objects.filter(
                Exists(LanguageVersion.objects.live().filter(article=OuterRef("pk")))
            ).dates("publish_at", "month", order="DESC")
        )
        cache.set(key, months, MONTHS_CACHE_SECONDS)
    return {
        "sections": SectionSitemap(),
        "tags": TagSitemap(),
        "authors": AuthorSitemap(),
        **{f"articles-{month:%Y-%m}": ArticleMonthSitemap(month) for month in months},
    }


def index(request):
    return sitemap_views.index(request, all_sitemaps(), sitemap_url_name="sitemap_section")


def section(request, section):
    return sitemap_views.sitemap(request, all_sitemaps(), section=section)


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
    articles = (
        Article.objects.live(language)
        .alias(first_published=first)
        .filter(first_published__gte=timezone.now() - NEWS_WINDOW)
        .only("id", "publish_at", "created_at", f"title_{language}")
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
