"""The public reading site. Every list starts from Article.objects.live(language)."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import OperationalError, transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ads.serving import PageAds
from pagecache import keys
from tags.models import Tag

from . import search, seo
from .forms import SearchForm
from .models import (
    LANGUAGE_CODES,
    Article,
    ArticleAuthor,
    ArticleTag,
    Author,
    Block,
    LanguageVersion,
    RelatedArticle,
    Section,
)
from .pagination import paginate
from .renditions import best

PAGE_SIZE = 20
RECENT_NEWS = 20
RELATED_NEWS = 6
MORE_ON_TAG = 3
MAIN_STORIES = 5


def listing(language, *, tags=False):
    """Live articles of `language` with what a list item shows, newest first; the authors (and
    with `tags`, the tags: feeds and the API list them) come in one extra query each for the
    whole page."""
    articles = (
        Article.objects.live(language)
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


def recent_news(language):
    """The sidebar's newest headlines: titles and times only."""
    items = list(
        Article.objects.live(language)
        .only("id", "publish_at", "created_at", "is_important", f"title_{language}")
        .newest_first()[:RECENT_NEWS]
    )
    keys.add(keys.news(language), *(keys.article(item.pk) for item in items))
    return items


def _render_list(
    request,
    queryset,
    *,
    heading,
    template="articles/article_list.html",
    empty_is_404=False,
    **extra,
):
    page = paginate(request, queryset, PAGE_SIZE)
    keys.add_articles(page.object_list)
    if empty_is_404 and not page.object_list:
        # A tag or author with nothing live here: its name alone could announce a story that
        # is still a draft or scheduled.
        raise Http404
    language = get_language()
    context = {
        "page": page,
        "articles": page.object_list,
        "heading": heading,
        "alternates": seo.same_page_alternates(request),
        "recent_news": recent_news(language),
        "meta_description": _("%(heading)s: the latest news on %(site)s.")
        % {"heading": heading, "site": settings.SITE_NAME},
        **extra,
    }
    return render(request, template, context)


def home(request):
    language = get_language()
    main = list(
        listing(language)
        .filter(Q(is_breaking=True) | Q(is_important=True))
        .order_by("-is_breaking", "-published_at", "-id")[:MAIN_STORIES]
    )
    feed = list(listing(language).exclude(pk__in=[a.pk for a in main])[:PAGE_SIZE])
    keys.add(keys.home(language), keys.news(language))
    keys.add_articles(main + feed)
    return render(
        request,
        "articles/home.html",
        {
            "main_stories": main,
            "articles": feed,
            "heading": _("Latest news"),
            "alternates": seo.same_page_alternates(request),
            "meta_description": _(
                "News of Ukraine and the world, in Ukrainian, Russian and English."
            ),
        },
    )


def news(request):
    return _render_list(request, listing(get_language()), heading=_("All news"))


def archive_day(request, day):
    """One Kyiv calendar day of live articles, optionally of one section."""
    try:
        chosen = date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    if chosen > timezone.localdate() or chosen.year < 1990:
        raise Http404
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(chosen, time.min), zone)
    end = timezone.make_aware(datetime.combine(chosen + timedelta(days=1), time.min), zone)
    articles = listing(get_language()).filter(published_at__gte=start, published_at__lt=end)
    # A story going live today joins this page: it is purged with the newest news.
    keys.add(keys.news(get_language()))
    section = None
    if request.GET.get("section"):
        section = get_object_or_404(Section, slug=request.GET["section"])
        articles = articles.filter(section=section)
    newer = chosen + timedelta(days=1)
    return _render_list(
        request,
        articles,
        heading=_("News of %(day)s") % {"day": seo.long_date(chosen)},
        template="articles/archive_day.html",
        day=chosen,
        section=section,
        sections=Section.objects.all(),
        previous_day=chosen - timedelta(days=1),
        next_day=newer if newer <= timezone.localdate() else None,
    )


def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    language = get_language()
    keys.add(keys.section(section.pk))
    articles = listing(language).filter(section=section)
    return _render_list(
        request,
        articles,
        heading=section.name,
        object=section,
        feed_url=reverse("articles:section_feed", kwargs={"slug": section.slug}),
        # Ads booked for the section run on its page too.
        ads=PageAds(language=language, section_id=section.pk),
    )


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    keys.add(keys.tag(tag.pk))
    articles = listing(get_language()).filter(tagged_items__tag=tag)
    return _render_list(
        request,
        articles,
        heading=tag.name or tag.slug,
        object=tag,
        empty_is_404=True,
        feed_url=reverse("articles:tag_feed", kwargs={"slug": tag.slug}),
    )


def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    keys.add(keys.author(author.pk))
    articles = listing(get_language()).filter(bylines__author=author)
    return _render_list(
        request,
        articles,
        heading=author.name,
        object=author,
        template="articles/author_detail.html",
        empty_is_404=True,
        feed_url=reverse("articles:author_feed", kwargs={"slug": author.slug}),
    )


def support(request):
    return render(
        request,
        "articles/support.html",
        {"heading": _("Support us"), "alternates": seo.same_page_alternates(request)},
    )


def article_detail(request, pk, **address):
    """An article in the active language: 404 unless live in it; any other address → 301."""
    language = get_language()
    # Also on the 404 and the redirects: they change when the article goes live or leaves.
    keys.add(keys.article(pk))
    article = get_object_or_404(
        Article.objects.live(language).select_related("section", "hero_photo"), pk=pk
    )
    canonical = article.get_absolute_url()
    if request.path != canonical:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{canonical}?{query}" if query else canonical)
    return render(
        request, "articles/article_detail.html", article_context(request, article, language)
    )


def article_context(request, article, language, *, preview=False):
    """Everything the article page shows, for a live article or (preview) any version.

    Lists on the page — related, "More on", recent news — are always live-only: a preview
    shows the article as it will be, among what readers see today.
    """
    if not hasattr(article, "published_at"):
        version = article.versions.filter(language=language).first()
        article.published_at = (version and version.publish_at) or timezone.now()
    live_languages = _live_languages(article)
    bylines = list(article.bylines.select_related("author"))
    tags = [
        item.tag
        for item in article.tagged_items.select_related("tag")
        if getattr(item.tag, f"name_{language}", None)
    ]
    body = _body(article, language)
    related = _related(article, language, tags)
    more_on = None
    if tags:
        more_on = (
            tags[0],
            # Titles only: no sections, photos or authors to fetch.
            list(
                Article.objects.live(language)
                .filter(tagged_items__tag=tags[0])
                .exclude(pk=article.pk)
                .newest_first()[:MORE_ON_TAG]
            ),
        )
    keys.add(
        keys.article(article.pk),
        keys.section(article.section_id),
        *(keys.author(byline.author_id) for byline in bylines),
        *(keys.tag(tag.pk) for tag in tags),
        *(keys.photo(block.photo_id) for block in body if block.photo_id),
        *(keys.article(block.link_article_id) for block in body if block.link_article_id),
        *(keys.article(item.pk) for item in related),
        *(keys.article(item.pk) for item in (more_on[1] if more_on else ())),
    )
    if article.hero_photo_id:
        keys.add(keys.photo(article.hero_photo_id))
    context = {
        "article": article,
        "bylines": bylines,
        "tags": tags,
        "body": body,
        # Editors previewing a draft are not readers: no ads shown, none counted.
        "ads": PageAds(
            language=language,
            section_id=article.section_id,
            off=preview or language in article.ads_off_in,
            body_kinds=[block.kind for block in body],
        ),
        "related": related,
        "more_on": more_on,
        "recent_news": recent_news(language),
        "alternates": {code: article.get_absolute_url(code) for code in live_languages},
        "updated_at": article.updated_at
        if article.updated_at - article.published_at > timedelta(minutes=5)
        else None,
        "meta_description": article.lead,
        "page_type": "article",
        "preview": preview,
    }
    if article.hero_photo:
        found = best(article.hero_photo, "jpeg", "16x9", 1200)
        if found:
            url, context["og_image_width"], context["og_image_height"] = found
            context["og_image"] = request.build_absolute_uri(url)
    context["structured_data"] = seo.article_structured_data(request, context)
    return context


def _live_languages(article):
    live = set(
        LanguageVersion.objects.live().filter(article=article).values_list("language", flat=True)
    )
    return [code for code in LANGUAGE_CODES if code in live]


def _body(article, language):
    """The blocks of this language, with "Read also" links to articles not live here left out,
    in one query."""
    body = Block.objects.filter(article=article, language=language).select_related(
        "photo", "link_article"
    )
    body = body.annotate(
        target_live=Exists(Article.objects.live(language).filter(pk=OuterRef("link_article")))
    )
    return [block for block in body if block.kind != Block.Kind.READ_ALSO or block.target_live]


def _related(article, language, tags):
    """The journalist's related articles first, in their order, then the newest sharing a tag:
    six in all, no duplicates, never the article itself, only those live in this language."""
    manual_links = RelatedArticle.objects.filter(article=article, related=OuterRef("pk"))
    manual = list(
        Article.objects.live(language)
        .filter(pk__in=RelatedArticle.objects.filter(article=article).values("related"))
        .exclude(pk=article.pk)
        .annotate(link_position=Subquery(manual_links.values("position")[:1]))
        .order_by("link_position", "-published_at")[:RELATED_NEWS]
    )
    missing = RELATED_NEWS - len(manual)
    if missing <= 0 or not tags:
        return manual
    sharing = (
        Article.objects.live(language)
        .filter(
            pk__in=ArticleTag.objects.filter(tag__in=tags)
            .exclude(content_object=article)
            .values("content_object")
        )
        .exclude(pk__in=[a.pk for a in manual])
        .newest_first()[:missing]
    )
    return manual + list(sharing)


def server_error(request):
    """The 500 page: no database, no context processors — whatever broke may be the database."""
    language = translation.get_language_from_path(request.path) or settings.LANGUAGE_CODE
    with translation.override(language):
        body = loader.get_template("500.html").render({"LANGUAGE_CODE": language})
    return HttpResponseServerError(body)


def search_view(request):
    """Site search in the page's language. Any query gives a page: bad filters are explained,
    a long query is shortened, nothing found says so."""
    language = get_language()
    form = SearchForm(request.GET or None)
    query, shortened = search.clean_query(request.GET.get("q", ""))
    page, too_slow = None, False
    if query and form.is_valid():
        since, until = form.period()
        results = search.search(
            language, query, section=form.cleaned_data["section"], since=since, until=until
        )
        try:
            with transaction.atomic(), search.time_limit():
                page = paginate(request, results, PAGE_SIZE)
                search.with_snippets(page.object_list, language, query)
                keys.add_articles(page.object_list)
        except OperationalError:
            # The time limit struck: a word too common in too large an archive.
            page, too_slow = None, True
    params = request.GET.copy()
    params.pop("page", None)
    response = render(
        request,
        "articles/search.html",
        {
            "form": form,
            "query": query,
            "shortened": shortened,
            "too_slow": too_slow,
            "page": page,
            "query_string": params.urlencode(),
            "heading": _("Search"),
            "alternates": seo.same_page_alternates(request),
            "recent_news": recent_news(language),
        },
    )
    # Result pages are endless and thin: kept out of search engines (robots.txt says so too).
    response["X-Robots-Tag"] = "noindex"
    return response
