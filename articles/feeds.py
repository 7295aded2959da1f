"""RSS 2.0 feeds per language: all news, a section, a tag, an author — each also with the full
text in `content:encoded` (the `…/full/` addresses). Built on django.contrib.syndication; every
feed starts from `Article.objects.live(language)`.

Feeds are fetched every few minutes by every reader and aggregator: a repeat request with the
ETag gets 304 and no body (see `feed_view`); a page cache in front saves the rendering too.
"""

import hashlib
import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import get_conditional_response, quote_etag
from django.utils.feedgenerator import Rss201rev2Feed, rfc3339_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from corrections import public as corrections
from liveblog import feeds as live_feeds
from pagecache import keys
from tags.models import Tag

from .models import Author, Block, Section
from .renditions import best
from .selectors import listing

FEED_ITEMS = 50
# Site-relative addresses in markup the site itself made: src, href and srcset attributes.
LOCAL_ATTRIBUTE = re.compile(r'\b(src|href)="/(?!/)')
SRCSET = re.compile(r'\bsrcset="([^"]*)"')
# Characters XML 1.0 does not allow (a vertical tab pasted from a word processor, say).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value):
    """Text that can go into XML: without the control characters XML forbids."""
    return NOT_XML.sub("", value) if value else value


def absolute_urls(markup, base):
    """Make the site-relative addresses of the site's own markup absolute."""
    markup = LOCAL_ATTRIBUTE.sub(rf'\1="{base}/', markup)
    return SRCSET.sub(
        lambda m: 'srcset="'
        + ", ".join(
            f"{base}{entry}" if entry.startswith("/") and not entry.startswith("//") else entry
            for entry in (part.strip() for part in m.group(1).split(","))
        )
        + '"',
        markup,
    )


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
        if item.get("live_updated"):
            # A live story's newest update (RSS has no element of its own for it).
            handler.addQuickElement("atom:updated", item["live_updated"])


def _scope(kind, slug):
    """(object, articles of the feed) for a feed kind: all news, or one section, tag, author.
    A tag or author with nothing live in this language has no feed, as it has no page."""
    articles = listing(get_language(), tags=True)
    if kind == "all":
        return None, articles
    model, lookup = {
        "section": (Section, "section"),
        "tag": (Tag, "tagged_items__tag"),
        "author": (Author, "bylines__author"),
    }[kind]
    obj = get_object_or_404(model, slug=slug)
    # Also on the 404 below: a story going live with this tag or author ends it.
    keys.add(keys.of(obj), keys.news(get_language()))
    articles = articles.filter(**{lookup: obj})
    if kind != "section" and not articles.exists():
        raise Http404
    return obj, articles


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
        return xml_text(f"{settings.SITE_NAME}: {obj.name or obj.slug}")

    def link(self, scope):
        obj = scope["object"]
        return obj.get_absolute_url() if obj else reverse("articles:news")

    def description(self, scope):
        return _("The latest news on %(site)s.") % {"site": settings.SITE_NAME}

    def feed_url(self, scope):
        return self.request.path

    def items(self, scope):
        language = get_language()
        articles = scope["articles"]
        if scope["full"]:
            articles = articles.prefetch_related(
                Prefetch(
                    "blocks",
                    queryset=Block.objects.filter(language=language).select_related(
                        "photo", "link_article"
                    ),
                    to_attr="body",
                ),
                # Live articles only here, so their notes are public (corrections/models.py).
                corrections.notes_prefetch(language),
            )
        self.full = scope["full"]
        # A live story's newest update, in the feed's one query (liveblog/).
        articles = articles.annotate(live_updated_at=live_feeds.last_update_subquery(language))
        if self.full:
            articles = articles.prefetch_related(live_feeds.updates_prefetch(language))
        items = list(articles[:FEED_ITEMS])
        keys.add(keys.news(language), keys.feed(language))
        if scope["object"] is not None:
            keys.add(keys.of(scope["object"]))
        keys.add_articles(items)
        keys.add(*(keys.tag(link.tag_id) for item in items for link in item.tagged_items.all()))
        return items

    def item_title(self, article):
        return xml_text(article.title)

    def item_description(self, article):
        return xml_text(article.lead)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        newest_update = article.live_updated_at or article.published_at
        return max(article.updated_at, article.published_at, newest_update)

    def item_author_name(self, article):
        return xml_text(", ".join(b.author.name for b in article.bylines.all())) or None

    def item_categories(self, article):
        return [xml_text(item.tag.name) for item in article.tagged_items.all() if item.tag.name]

    def item_guid(self, article):
        return self.request.build_absolute_uri(article.get_absolute_url())

    def item_extra_kwargs(self, article):
        extra = {}
        if article.live_updated_at:
            extra["live_updated"] = rfc3339_date(article.live_updated_at)
        if self.full:
            text = "".join(
                render_to_string(block.template_name, {"block": block})
                for block in article.body
                # "Read also" points at other articles, which may not be live: left out.
                if block.kind != Block.Kind.READ_ALSO
            )
            text = corrections.feed_html(article.notes, text)
            text += live_feeds.feed_html(article)
            # Feed readers show the text away from the site: its addresses must be absolute.
            base = self.request.build_absolute_uri("/").rstrip("/")
            extra["content_encoded"] = xml_text(absolute_urls(text, base))
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
    """The feed view with conditional GET: the ETag is a hash of the feed as sent, so it
    changes with anything a reader would see (a new, edited or removed item, a renamed tag);
    a reader sending it back gets 304 and no body. Django also sends Last-Modified (the newest
    item's date) for information; it is not used to answer 304, because an item leaving the
    feed (unpublished, trashed) has no date the feed could show."""
    feed = NewsFeed()

    def view(request, *args, **kwargs):
        response = feed(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        response["ETag"] = etag
        return get_conditional_response(request, etag=etag, response=response)

    return view
