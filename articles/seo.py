"""What search engines and social networks read: alternates, dates as each language writes
them, and schema.org structured data."""

import json

from django.conf import settings
from django.templatetags.static import static
from django.urls import translate_url
from django.utils import formats, timezone, translation
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from corrections.public import structured_data as correction_comments

from .models import LANGUAGE_CODES

OG_LOCALES = {"uk": "uk_UA", "ru": "ru_RU", "en": "en_GB"}
# Characters that must not appear raw inside <script>: the same table as django's json_script.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def same_page_alternates(request):
    """The current page in every language (lists, sections, tags and authors exist in all)."""
    path = request.path
    return {code: translate_url(path, code) for code in LANGUAGE_CODES}


def long_date(value):
    """'8 November 2024' / '8 листопада 2024' / '8 ноября 2024' in the active language."""
    return formats.date_format(value, "j E Y")


def long_datetime(value):
    """'Friday, 8 November 2024, 13:56', with the weekday and month as the language writes them."""
    local = timezone.localtime(value)
    return f"{capfirst(formats.date_format(local, 'l'))}, {long_date(local)}, {local:%H:%M}"


def ld_json(data) -> str:
    """A <script type="application/ld+json"> element that no string in `data` can break out of."""
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def article_structured_data(request, context):
    """schema.org NewsArticle and BreadcrumbList for the article page."""
    from . import shareimage
    from .renditions import best

    article = context["article"]
    language = translation.get_language()
    url = request.build_absolute_uri(article.get_absolute_url())
    images = []
    # Google shows no rich result for an article without an image: the newsroom's default then.
    picture = article.hero_photo or shareimage.default()
    if picture:
        for crop in ("16x9", "4x3", "1x1"):
            found = best(picture, "jpeg", crop, 1200)
            image = found and request.build_absolute_uri(found[0])
            # A photo without renditions offers its original for every shape: list it once.
            if image and image not in images:
                images.append(image)
    publisher = {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": request.build_absolute_uri("/"),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static("img/logo.png")),
            "width": 600,
            "height": 60,
        },
    }
    news_article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        # The visible headline, not the SEO title: Google asks for the headline readers see.
        "headline": article.title[:110],
        "description": article.meta_description or article.lead,
        "inLanguage": language,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "datePublished": timezone.localtime(article.published_at).isoformat(),
        "dateModified": timezone.localtime(
            context["updated_at"] or article.published_at
        ).isoformat(),
        "author": [
            {
                "@type": "Person",
                "name": byline.author.name,
                "url": request.build_absolute_uri(byline.author.get_absolute_url()),
            }
            for byline in context["bylines"]
        ],
        "publisher": publisher,
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in context["tags"]],
    }
    if images:
        news_article["image"] = images
    corrections = correction_comments(context.get("corrections") or ())
    if corrections:
        news_article["correction"] = corrections
    if context.get("live") is not None:
        from liveblog.structured import live_blog_posting

        # LiveBlogPosting is an Article too: the fields above stay, the coverage is added.
        news_article.update(live_blog_posting(request, context["live"], url))
    breadcrumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": 1,
                "name": settings.SITE_NAME,
                "item": request.build_absolute_uri(home_url(language)),
            },
            {
                "@type": "ListItem",
                "position": 2,
                "name": article.section.name,
                "item": request.build_absolute_uri(article.section.get_absolute_url()),
            },
            {"@type": "ListItem", "position": 3, "name": article.title, "item": url},
        ],
    }
    return ld_json(news_article) + ld_json(breadcrumbs)


def home_url(language):
    """The home page of `language` (/, /ru/, /en/)."""
    from django.urls import reverse

    with translation.override(language):
        return reverse("articles:home")


def url_in(obj, language):
    """A section's, tag's or author's address in `language` (their get_absolute_url follows
    the active language)."""
    with translation.override(language):
        return obj.get_absolute_url()
