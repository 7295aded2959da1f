"""RSS 2.0 feeds per language: all news, a section, a tag, an author — each also with the full
text in `content:encoded` (the `…/full/` addresses). Built on django.contrib.syndication; every
feed starts from `Article.objects.live(language)`.

Feeds are fetched every few minutes by every reader and aggregator: `conditional` answers a
repeat request with 304 from one small query, before anything is rendered.
"""

import hashlib
import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Max, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from tags.models import Tag

from .models import Article, ArticleAuthor, ArticleTag, Author, Block, Section
from .renditions import best

FEED_ITEMS = 50
# A site-relative address in an attribute or a srcset list: `="/media/…"`, `, /media/…`.
LOCAL_URL = re.compile(r'(="|, )/(?!/)')


class NewsRss(Rss201rev2Feed):
    """RSS 2.0 with the full text (`content:encoded`) and the hero image (`media:content`)."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
            "xmlns:media": "http://search.yahoo.com/mrss/",
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_encoded"):
            handler.addQuickElement("content:encoded", item["content_encoded"])
        if item.get("image"):
            handler.addQuickElement("media:content", "", item["image"])


def _scope(kind, slug):
    """(object, articles of the feed) for a feed kind: all news, or one section, tag, author.
    A tag or author with nothing live in this language has no feed, as it has no page."""
    language = get_language()
    articles = Article.objects.live(language)
    if kind == "all":
        return None, articles
    model, lookup = {
        "section": (Section, "section"),
        "tag": (Tag, "tagged_items__tag"),
        "author": (Author, "bylines__author"),
    }[kind]
    obj = get_object_or_404(model, slug=slug)
    articles = articles.filter(**{lookup: obj})
    if kind != "section" and not articles.exists():
        raise Http404
    return obj, articles


def _etag(request, kind="all", slug=None, full=False):
    """The feed's items and their last changes, in one query."""
    _obj, articles = _scope(kind, slug)
    rows = articles.newest_first().values_list("pk", "updated_at")[:FEED_ITEMS]
    text = f"{get_language()}|{full}|" + "|".join(f"{pk}:{at.isoformat()}" for pk, at in rows)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _last_modified(request, kind="all", slug=None, full=False):
    _obj, articles = _scope(kind, slug)
    return articles.aggregate(last=Max("updated_at"))["last"]


class NewsFeed(Feed):
    feed_type = NewsRss

    def get_object(self, request, kind="all", slug=None, full=False):
        obj, articles = _scope(kind, slug)
        self.request = request
        return {"kind": kind, "object": obj, "articles": articles, "full": full}

    def title(self, scope):
        obj = scope["object"]
        if obj is None:
            return _("%(site)s: all news") % {"site": settings.SITE_NAME}
        return f"{settings.SITE_NAME}: {obj.name or obj.slug}"

    def link(self, scope):
        obj = scope["object"]
        return obj.get_absolute_url() if obj else reverse("articles:news")

    def description(self, scope):
        return _("The latest news on %(site)s.") % {"site": settings.SITE_NAME}

    def feed_url(self, scope):
        return self.request.path

    def items(self, scope):
        language = get_language()
        articles = (
            scope["articles"]
            .select_related("hero_photo")
            .prefetch_related(
                Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author")),
                Prefetch("tagged_items", queryset=ArticleTag.objects.select_related("tag")),
            )
            .newest_first()
        )
        if scope["full"]:
            articles = articles.prefetch_related(
                Prefetch(
                    "blocks",
                    queryset=Block.objects.filter(language=language).select_related(
                        "photo", "link_article"
                    ),
                    to_attr="body",
                )
            )
        self.full = scope["full"]
        return articles[:FEED_ITEMS]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.lead

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return max(article.updated_at, article.published_at)

    def item_author_name(self, article):
        return ", ".join(byline.author.name for byline in article.bylines.all()) or None

    def item_categories(self, article):
        return [item.tag.name for item in article.tagged_items.all() if item.tag.name]

    def item_guid(self, article):
        return self.request.build_absolute_uri(article.get_absolute_url())

    def item_extra_kwargs(self, article):
        extra = {}
        if self.full:
            text = "".join(
                render_to_string(block.template_name, {"block": block})
                for block in article.body
                # "Read also" points at other articles, which may not be live: left out.
                if block.kind != Block.Kind.READ_ALSO
            )
            # Feed readers show the text away from the site: its addresses must be absolute.
            base = self.request.build_absolute_uri("/").rstrip("/")
            extra["content_encoded"] = LOCAL_URL.sub(rf"\1{base}/", text)
        if article.hero_photo:
            found = best(article.hero_photo, "jpeg", "original", 1200)
            if found:
                url, width, height = found
                extra["image"] = {
                    "url": self.request.build_absolute_uri(url),
                    "medium": "image",
                    "type": "image/jpeg",
                    "width": str(width),
                    "height": str(height),
                }
        return extra


def feed_view():
    """The feed view with conditional GET: a reader that has the current version gets 304."""
    return condition(etag_func=_etag, last_modified_func=_last_modified)(NewsFeed())
