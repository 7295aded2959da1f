"""The read-only JSON API for partner sites and apps, version 1: `/api/v1/…`.

Built with django-ninja: the schemas below are pydantic models, so the OpenAPI document
(`/api/v1/openapi.json`) is generated from the same code that shapes the responses and cannot
drift from them. Every list starts from `Article.objects.live(language)`: only what a reader
of that language may see. Articles are paged by an opaque cursor over (publication time, id),
so a page is the same however many stories are published while a client walks the list.
"""

import base64
import binascii
from datetime import datetime
from typing import Annotated

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError

from corrections import public as corrections
from newsroom import params
from pagecache import keys
from tags.models import Tag

from .models import (
    LANGUAGE_CODES,
    Article,
    Author,
    Block,
    LanguageVersion,
    Section,
)
from .renditions import best
from .selectors import listing
from .seo import url_in

MAX_LIMIT = 100
NAMES_PER_PAGE = 200
MAX_NAME_PAGES = 10_000

api = NinjaAPI(
    title=f"{settings.SITE_NAME} API",
    version="1",
    description=(
        "Read-only news of the site in Ukrainian (uk), Russian (ru) and English (en): only "
        "what is live in the requested language. Articles are paged with `next_cursor`."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
)


# --- schemas ------------------------------------------------------------------------------


class SectionOut(Schema):
    slug: str
    name: str
    url: str


class TagOut(Schema):
    slug: str
    name: str
    url: str


class AuthorOut(Schema):
    slug: str
    name: str
    url: str


class ImageOut(Schema):
    url: str
    width: int
    height: int
    alt: str
    caption: str
    credit: str


class LinkOut(Schema):
    id: int
    title: str
    url: str


class BlockOut(Schema):
    kind: str
    text: str = ""
    attribution: str = ""
    items: list[str] = []
    image: ImageOut | None = None
    url: str = ""
    link: LinkOut | None = None


class ArticleSummary(Schema):
    id: int
    language: str
    title: str
    lead: str
    url: str
    published_at: datetime
    updated_at: datetime
    section: SectionOut
    authors: list[AuthorOut]
    tags: list[TagOut]
    image: ImageOut | None = None
    is_important: bool
    is_breaking: bool


class CorrectionOut(Schema):
    kind: str = Field(description="correction, editors_note or update")
    label: str = Field(description="The kind as the page names it, in the language")
    text: str = Field(description="Sanitised inline HTML, as on the page")
    dated_at: datetime
    placement: str = Field(description="above or below the text")


class ArticleDetail(ArticleSummary):
    blocks: list[BlockOut]
    corrections: list[CorrectionOut] = Field(
        [], description="Corrections and editor's notes of this language, oldest first"
    )


class ArticlePage(Schema):
    items: list[ArticleSummary]
    next_cursor: str | None


class SectionPage(Schema):
    items: list[SectionOut]


class TagPage(Schema):
    items: list[TagOut]
    next_page: int | None


class AuthorPage(Schema):
    items: list[AuthorOut]
    next_page: int | None


Slug = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]{1,100}$")]


class ArticleFilters(Schema):
    language: str = "uk"
    section: Slug | None = None
    tag: Slug | None = None
    author: Slug | None = None
    since: datetime | None = None
    cursor: str | None = Field(None, max_length=200)
    limit: int = 20


# --- helpers ------------------------------------------------------------------------------


def _language(code):
    if code not in LANGUAGE_CODES:
        raise HttpError(400, f"language must be one of {', '.join(LANGUAGE_CODES)}")
    return code


def _absolute(request, path):
    return request.build_absolute_uri(path)


def _named(request, obj, code):
    keys.add(keys.of(obj))
    return {
        "slug": obj.slug,
        "name": getattr(obj, f"name_{code}") or obj.slug,
        "url": _absolute(request, url_in(obj, code)),
    }


def _image(request, photo, code):
    if photo is None:
        return None
    keys.add(keys.photo(photo.pk))
    found = best(photo, "jpeg", "original", 1200)
    if not found:
        return None
    url, width, height = found
    return {
        "url": _absolute(request, url),
        "width": width,
        "height": height,
        "alt": getattr(photo, f"alt_text_{code}") or "",
        "caption": getattr(photo, f"caption_{code}") or "",
        "credit": getattr(photo, f"credit_{code}") or "",
    }


def _summary(request, article, code):
    keys.add(keys.article(article.pk))
    return {
        "id": article.pk,
        "language": code,
        "title": getattr(article, f"title_{code}"),
        "lead": getattr(article, f"lead_{code}") or "",
        "url": _absolute(request, article.get_absolute_url(code)),
        "published_at": article.published_at,
        "updated_at": article.updated_at,
        "section": _named(request, article.section, code),
        "authors": [_named(request, b.author, code) for b in article.bylines.all()],
        "tags": [
            _named(request, item.tag, code)
            for item in article.tagged_items.all()
            if getattr(item.tag, f"name_{code}")
        ],
        "image": _image(request, article.hero_photo, code),
        "is_important": article.is_important,
        "is_breaking": article.is_breaking,
    }


def _encode_cursor(article):
    raw = f"{article.published_at.isoformat()}|{article.pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(cursor):
    """(moment, id) of a cursor this API gave. Anything else, even well-formed base64 of a
    naive or far-off time or of an id past any column, is a 400 before it reaches a query."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, pk = raw.split("|")
        moment, pk = datetime.fromisoformat(moment), params.plain_int(pk, low=1)
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise HttpError(400, "cursor is not one this API gave") from error
    if pk is None or moment.tzinfo is None or params.moment(moment) is None:
        raise HttpError(400, "cursor is not one this API gave")
    return moment, pk


# --- endpoints ----------------------------------------------------------------------------


@api.get("/articles", response=ArticlePage, summary="Live articles, newest first")
def list_articles(request, filters: Query[ArticleFilters]):
    """Filter by `section`, `tag`, `author` (slugs) and `since` (ISO 8601 time); `limit` up to
    100; pass `next_cursor` back as `cursor` for the next page."""
    code = _language(filters.language)
    if not 1 <= filters.limit <= MAX_LIMIT:
        raise HttpError(400, f"limit must be between 1 and {MAX_LIMIT}")
    articles = listing(code, tags=True)
    if filters.section:
        articles = articles.filter(section__slug=filters.section)
    if filters.tag:
        articles = articles.filter(tagged_items__tag__slug=filters.tag)
    if filters.author:
        articles = articles.filter(bylines__author__slug=filters.author)
    if filters.since:
        # A time without an offset is Kyiv time; one the site cannot have news for (year 1 at
        # UTC+14 overflows on the way to UTC) is refused.
        since = params.moment(filters.since)
        if since is None:
            raise HttpError(400, "since must be a time between 1900 and 2200")
        articles = articles.filter(published_at__gte=since)
    if filters.cursor:
        moment, pk = _decode_cursor(filters.cursor)
        articles = articles.filter(published_at__lte=moment).exclude(
            published_at=moment, id__gte=pk
        )
    rows = list(articles[: filters.limit + 1])
    page = rows[: filters.limit]
    keys.add(keys.news(code))
    return {
        "items": [_summary(request, article, code) for article in page],
        "next_cursor": _encode_cursor(page[-1]) if len(rows) > filters.limit else None,
    }


@api.get("/articles/{article_id}", response=ArticleDetail, summary="One live article")
def get_article(request, article_id: int, language: str = "uk"):
    """The article with its body as typed blocks. 404 unless live in `language`."""
    code = _language(language)
    keys.add(keys.article(article_id))
    body = Block.objects.filter(language=code).select_related("photo", "link_article")
    article = get_object_or_404(
        listing(code, tags=True).prefetch_related(
            Prefetch("blocks", queryset=body, to_attr="body"),
            # Live in `code` (the listing), so its notes in `code` are public.
            corrections.notes_prefetch(code),
        ),
        pk=article_id,
    )
    keys.add(*(keys.article(b.link_article_id) for b in article.body if b.link_article_id))
    live_links = set(
        Article.objects.live(code)
        .filter(pk__in=[b.link_article_id for b in article.body if b.link_article_id])
        .values_list("pk", flat=True)
    )
    blocks = []
    for block in article.body:
        if block.kind == Block.Kind.READ_ALSO and block.link_article_id not in live_links:
            continue  # a link to an article readers of this language cannot open
        item = {"kind": block.kind, "text": block.text, "attribution": block.attribution}
        item["items"] = [line for line in block.items.splitlines() if line.strip()]
        item["image"] = _image(request, block.photo, code) if block.photo_id else None
        item["url"] = block.url
        if block.kind == Block.Kind.READ_ALSO:
            target = block.link_article
            item["link"] = {
                "id": target.pk,
                "title": getattr(target, f"title_{code}"),
                "url": _absolute(request, target.get_absolute_url(code)),
            }
        blocks.append(item)
    return {
        **_summary(request, article, code),
        "blocks": blocks,
        "corrections": corrections.api_items(article.notes, code),
    }


def _with_live(model, lookup, code):
    live = LanguageVersion.objects.live().filter(language=code, **{lookup: OuterRef("pk")})
    return model.objects.filter(Exists(live))


@api.get("/sections", response=SectionPage, summary="Sections")
def list_sections(request, language: str = "uk"):
    code = _language(language)
    keys.add(keys.SECTIONS)
    return {"items": [_named(request, s, code) for s in Section.objects.all()]}


def _paged(request, queryset, code, page):
    if not 1 <= page <= MAX_NAME_PAGES:
        raise HttpError(400, f"page must be between 1 and {MAX_NAME_PAGES}")
    rows = list(queryset[(page - 1) * NAMES_PER_PAGE : page * NAMES_PER_PAGE + 1])
    # Which tags and authors have live news changes with every publication.
    keys.add(keys.news(code))
    return {
        "items": [_named(request, row, code) for row in rows[:NAMES_PER_PAGE]],
        "next_page": page + 1 if len(rows) > NAMES_PER_PAGE else None,
    }


@api.get("/tags", response=TagPage, summary="Tags with live articles in the language")
def list_tags(request, language: str = "uk", page: int = 1):
    """By slug, 200 a page."""
    code = _language(language)
    # A tag without a name in this language is not shown with its articles either.
    named = {f"name_{code}__isnull": False}
    tags = _with_live(Tag, "article__tagged_items__tag", code).filter(**named)
    tags = tags.exclude(**{f"name_{code}": ""})
    return _paged(request, tags.order_by("slug"), code, page)


@api.get("/authors", response=AuthorPage, summary="Authors with live articles in the language")
def list_authors(request, language: str = "uk", page: int = 1):
    """By slug, 200 a page."""
    code = _language(language)
    authors = _with_live(Author, "article__bylines__author", code).order_by("slug")
    return _paged(request, authors, code, page)
