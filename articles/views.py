from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tags.models import Tag

from .models import Article, ArticleAuthor, Author, Block, Section

PAGE_SIZE = 20


def _listing(language):
    """Live articles of `language` with what a list item shows, in a fixed number of queries."""
    return (
        Article.objects.live(language)
        .select_related("section", "hero_photo")
        .prefetch_related(
            Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author"))
        )
        .newest_first()
    )


def _render_list(request, queryset, *, heading, template="articles/article_list.html", **extra):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "articles": page.object_list, "heading": heading, **extra}
    return render(request, template, context)


def home(request):
    return _render_list(
        request, _listing(get_language()), heading=_("Latest news"), template="articles/home.html"
    )


def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    articles = _listing(get_language()).filter(section=section)
    return _render_list(request, articles, heading=section.name, object=section)


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = _listing(get_language()).filter(tagged_items__tag=tag)
    return _render_list(request, articles, heading=tag.name or tag.slug, object=tag)


def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    articles = _listing(get_language()).filter(bylines__author=author)
    return _render_list(request, articles, heading=author.name, object=author)


def article_detail(request, pk, **address):
    """An article in the active language: 404 unless live in it; any other address → 301."""
    language = get_language()
    article = get_object_or_404(
        Article.objects.live(language).select_related("section", "hero_photo"), pk=pk
    )
    canonical = article.get_absolute_url()
    if request.path != canonical:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{canonical}?{query}" if query else canonical)

    bylines = list(article.bylines.select_related("author"))
    tags = [
        item.tag
        for item in article.tagged_items.select_related("tag")
        if getattr(item.tag, f"name_{language}", None)
    ]
    body = list(
        Block.objects.filter(article=article, language=language).select_related(
            "photo", "link_article"
        )
    )
    # A "Read also" link is shown only while its target is live in this language.
    targets = {block.link_article_id for block in body if block.link_article_id}
    live_targets = set(
        Article.objects.live(language).filter(pk__in=targets).values_list("pk", flat=True)
        if targets
        else ()
    )
    body = [
        block
        for block in body
        if block.kind != Block.Kind.READ_ALSO or block.link_article_id in live_targets
    ]
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "bylines": bylines, "tags": tags, "body": body},
    )
