"""The public reading site. Every list starts from Article.objects.live(language)."""

import copy
from datetime import UTC, datetime, time, timedelta
from functools import cache

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ads.serving import PageAds
from corrections import updates
from corrections.models import Correction
from liveblog.selectors import live_section
from newsroom import params
from pagecache import esi, keys
from tags.models import Tag

from . import search, seo, shareimage
from .context_processors import menu_fragment_name, menu_sections
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
    live_q,
)
from .pagination import paginate
from .renditions import best
from .selectors import (
    MAIN_STORIES,
    MORE_ON_TAG,
    PAGE_SIZE,
    RELATED_NEWS,
    Shared,
    headline,
    headline_fields,
    listing,
    recent_news,
    tag_pool,
)


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
        # is still a draft or scheduled. Its first story going live ends the 404.
        keys.add(keys.news(get_language()))
        raise Http404
    language = get_language()
    # Every list is of the newest first: a story going live in the language may join it (the
    # sidebar's recent news said so too, but behind Varnish it is an include of its own).
    keys.add(keys.news(language))
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
    # Breaking first, then important, each newest first: two queries that each read the live
    # index newest first and stop at five, where one query sorting by the flag first would
    # join and sort every flagged story of the archive (2 s at a million).
    main = list(listing(language).filter(is_breaking=True)[:MAIN_STORIES])
    if len(main) < MAIN_STORIES:
        main += listing(language).filter(is_important=True, is_breaking=False)[
            : MAIN_STORIES - len(main)
        ]
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
    chosen = params.iso_date(day)
    if chosen is None or chosen > timezone.localdate() or chosen.year < 1990:
        raise Http404
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(chosen, time.min), zone)
    end = timezone.make_aware(datetime.combine(chosen + timedelta(days=1), time.min), zone)
    articles = listing(get_language()).filter(published_at__gte=start, published_at__lt=end)
    # A story going live today joins this page: it is purged with the newest news.
    keys.add(keys.news(get_language()))
    section = None
    if request.GET.get("section"):
        # Checked before the query: a NUL byte in it would be a database error on PostgreSQL.
        slug = params.slug(request.GET["section"])
        if slug is None:
            raise Http404
        section = get_object_or_404(Section, slug=slug)
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


class Prepared:
    """A query of the article page, built and compiled to SQL once per process, database and
    language, then run for any article at any time.

    Building a queryset and compiling it costs several times what PostgreSQL takes to run these
    indexed queries: it was the largest share of the page's time. Each of the page's own queries
    has a fixed shape and differs only by the article and the clock, so `build(article_id, now,
    language)` is called once with stand-in values, and each run puts the real ones in their
    places among the compiled parameters. The rows become model instances through Django's own
    iterable, so `select_related`, annotations and field conversions work as usual. A stand-in
    that does not come out as a parameter of its own (inlined into the SQL, or changed on the
    way) stops the compilation with an error rather than running a wrong query.
    """

    ARTICLE = 918_273_645_546_372_819  # values no real parameter has
    NOW = datetime(2001, 2, 3, 4, 5, 6, 789012, tzinfo=UTC)

    def __init__(self, build):
        self.build = build
        self._compiled = {}

    def __call__(self, article_id, now, language):
        queryset, compiler, sql, slots, params, converters = self._compiled_for(language)
        ops = compiler.connection.ops
        values = {"article": int(article_id), "now": ops.adapt_datetimefield_value(now)}
        params = list(params)
        for index, name in slots:
            params[index] = values[name]
        run = copy.copy(compiler)
        run.connection = connections[queryset.db]
        run.as_sql = lambda *args, **kwargs: (sql, tuple(params))
        run.get_converters = converters
        return list(QuerySet(queryset.model, query=_CompiledQuery(run)))

    def _compiled_for(self, language):
        alias = DEFAULT_DB_ALIAS
        key = (alias, connections[alias].vendor, language)
        if key not in self._compiled:
            queryset = self.build(self.ARTICLE, self.NOW, language)
            compiler = queryset.query.get_compiler(using=queryset.db)
            sql, params = compiler.as_sql()
            stand_ins = {
                "article": self.ARTICLE,
                "now": compiler.connection.ops.adapt_datetimefield_value(self.NOW),
            }
            slots = [
                (index, name)
                for index, param in enumerate(params)
                for name, value in stand_ins.items()
                if type(param) is type(value) and param == value
            ]
            if str(self.ARTICLE) in sql or "2001-02-03" in sql or not slots:
                raise ValueError(f"Cannot prepare {sql!r}: its stand-ins are not parameters.")
            self._compiled[key] = (
                queryset,
                compiler,
                sql,
                slots,
                params,
                _once(compiler.get_converters),
            )
        return self._compiled[key]


def _once(get_converters):
    """The compiler's field converters, worked out on the first run: the columns are the same
    every time, and asking each of them again (80 columns for the article, its section and
    photo) cost more than running the query."""
    found = {}

    def converters(expressions):
        # The compiled compiler's own column objects, the same at every run.
        key = tuple(map(id, expressions))
        if key not in found:
            found[key] = get_converters(expressions)
        return found[key]

    return converters


class _CompiledQuery:
    """What a QuerySet's iterable asks of its query: a compiler (the prepared one)."""

    def __init__(self, compiler):
        self.compiler = compiler

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self.compiler


# The article page's own queries (see Prepared): one each, whatever the number of rows.
LIVE_VERSIONS = Prepared(
    # The article's live versions (every language), each with the article, its section and
    # hero photo: whether it is live here, the languages it is live in, and all of it to show.
    lambda pk, now, language: LanguageVersion.objects.live(now)
    .filter(article_id=pk)
    .select_related("article__section", "article__hero_photo", "article__live_coverage")
    .defer("search_text", "search_vector")
)
BYLINES = Prepared(
    lambda pk, now, language: ArticleAuthor.objects.filter(article_id=pk).select_related("author")
)
TAGS = Prepared(
    lambda pk, now, language: ArticleTag.objects.filter(content_object_id=pk).select_related("tag")
)
BODY = Prepared(
    # The blocks of the language, each "Read also" knowing whether its target is live here.
    lambda pk, now, language: Block.objects.filter(article_id=pk, language=language)
    .select_related("photo", "link_article")
    .annotate(
        target_live=Exists(Article.objects.live(language, now).filter(pk=OuterRef("link_article")))
    )
)
MANUAL_RELATED = Prepared(
    # The journalist's related articles live in the language, in their order, with their time
    # in it and what a headline shows.
    lambda pk, now, language: RelatedArticle.objects.filter(article_id=pk)
    .filter(live_q(language, now, prefix="related__"))
    .exclude(related_id=pk)
    .annotate(published_at=F("related__versions__publish_at"))
    .select_related("related")
    .only("position", "related__id", *(f"related__{name}" for name in headline_fields(language)))
    .order_by("position", "-published_at")[:RELATED_NEWS]
)


NOTES = Prepared(
    # The language's corrections and editor's notes, oldest first: the page is only shown
    # while the version is live, and they are public exactly then (corrections/models.py).
    lambda pk, now, language: Correction.objects.as_shown(language).filter(article_id=pk)
)


def article_detail(request, pk, **address):
    """An article in the active language: 404 unless live in it; any other address → 301."""
    language = get_language()
    # Also on the 404 and the redirects: they change when the article goes live or leaves.
    keys.add(keys.article(pk))
    now = timezone.now()
    live_versions = {version.language: version for version in LIVE_VERSIONS(pk, now, language)}
    if language not in live_versions:
        raise Http404
    article = live_versions[language].article
    article.published_at = live_versions[language].publish_at
    article.text_updated_at = live_versions[language].text_updated_at
    canonical = article.get_absolute_url()
    if request.path != canonical:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{canonical}?{query}" if query else canonical)
    context = article_context(
        request,
        article,
        language,
        live_languages=[code for code in LANGUAGE_CODES if code in live_versions],
        canonical=canonical,
        now=now,
    )
    return render(request, "articles/article_detail.html", context)


def article_context(
    request, article, language, *, preview=False, live_languages=None, canonical=None, now=None
):
    """Everything the article page shows, for a live article or (preview) any version.

    Lists on the page — related, "More on", recent news — are always live-only: a preview
    shows the article as it will be, among what readers see today. The lists shared by many
    pages (recent news, the newest of each tag) come from fragments cached until something in
    them changes (their keys are added to the page on every hit); the article's own parts cost
    one query each, whatever their number. The page follows its tags, not the language's news:
    a story going live purges its tags (pagecache/signals.py), which is all that can change
    related and "More on"; recent news is the one list that changes with every publication,
    and behind Varnish it is an include with its own keys (pagecache/esi.py).
    """
    if not hasattr(article, "published_at"):
        version = article.versions.filter(language=language).first()
        article.published_at = (version and version.publish_at) or timezone.now()
        article.text_updated_at = version and version.text_updated_at
    if live_languages is None:
        live_languages = _live_languages(article)
    now = now or timezone.now()
    shared = Shared(now)
    bylines = BYLINES(article.pk, now, language)
    tagged = TAGS(article.pk, now, language)
    # A tag without a name in this language is not shown, until it is given one (its key).
    keys.add(*(keys.tag(item.tag_id) for item in tagged))
    tags = [item.tag for item in tagged if getattr(item.tag, f"name_{language}", None)]
    body = _body(article, language, now)
    notes = NOTES(article.pk, now, language)
    pool_names = [f"tag-pool:{tag.pk}:{language}" for tag in tags]
    shared.prefetch(
        # Recent news is not read here when Varnish includes it (pagecache/esi.py).
        pool_names if esi.allowed() else [f"recent:{language}", *pool_names],
        menu_fragment_name(language),
    )
    pools = {tag.pk: tag_pool(tag.pk, language, shared) for tag in tags}
    related = _related(article, language, tags, pools, now)
    more_on = None
    if tags:
        more_on = (tags[0], _newest_of([pools[tags[0].pk]], language, {article.pk}, MORE_ON_TAG))
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
    canonical = canonical or article.get_absolute_url()
    # A live story's updates (liveblog/): two queries whatever their number, none otherwise.
    live = live_section(request, article, language, now)
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
        "recent_news": recent_news(language, shared),
        "menu_sections": cache(lambda: menu_sections(shared.prefetched)),
        "alternates": {
            code: canonical if code == language else article.get_absolute_url(code)
            for code in live_languages
        },
        # This language's last text change or note (corrections/updates.py), not the
        # article's last save, which any language's edit moves.
        "updated_at": updates.updated_at(
            article.published_at, getattr(article, "text_updated_at", None), notes
        ),
        "corrections": notes,
        "meta_description": article.lead,
        "page_type": "article",
        "preview": preview,
        "live": live,
    }
    if live is not None and live.last_update_at:
        # A live story was updated when its newest update appeared.
        newest = live.last_update_at
        context["updated_at"] = max(context["updated_at"] or newest, newest)
    add_share_image(request, context, article.hero_photo)
    context["structured_data"] = seo.article_structured_data(request, context)
    return context


def add_share_image(request, context, photo):
    """The link card's picture: the photo's 16:9 crop, 1,200 px wide where there is one, else the
    newsroom's default share image."""
    picture = photo or shareimage.default()
    found = best(picture, "jpeg", "16x9", 1200) if picture else None
    if found:
        url, context["og_image_width"], context["og_image_height"] = found
        context["og_image"] = request.build_absolute_uri(url)
        context["og_image_alt"] = picture.alt_text


def _live_languages(article):
    live = set(
        LanguageVersion.objects.live().filter(article=article).values_list("language", flat=True)
    )
    return [code for code in LANGUAGE_CODES if code in live]


def _body(article, language, now):
    """The blocks of this language, with "Read also" links to articles not live here left out,
    in one query."""
    return [
        block
        for block in BODY(article.pk, now, language)
        if block.kind != Block.Kind.READ_ALSO or block.target_live
    ]


def _newest_of(pools, language, leave_out, count):
    """The `count` newest articles of the shared lists `pools`, without duplicates or those in
    `leave_out`, newest first (as `newest_first()` orders them)."""
    rows, seen = [], set(leave_out)
    for row in sorted(
        (row for pool in pools for row in pool), key=lambda row: (row[1], row[0]), reverse=True
    ):
        if row[0] not in seen:
            seen.add(row[0])
            rows.append(row)
            if len(rows) == count:
                break
    return [headline(row, language) for row in rows]


def _related(article, language, tags, pools, now):
    """The journalist's related articles first, in their order, then the newest sharing a tag:
    six in all, no duplicates, never the article itself, only those live in this language.

    The newest sharing a tag come from each tag's shared list of its TAG_POOL newest: an
    article among the `missing` newest sharing any tag, leaving out at most 1 + len(manual),
    is among the missing + 1 + len(manual) = TAG_POOL newest of one of its tags.
    """
    manual = MANUAL_RELATED(article.pk, now, language)
    for link in manual:
        link.related.published_at = link.published_at
        link.related.url = link.related.get_absolute_url()
    manual = [link.related for link in manual]
    missing = RELATED_NEWS - len(manual)
    if missing <= 0 or not tags:
        return manual
    leave_out = {article.pk, *(item.pk for item in manual)}
    return manual + _newest_of(pools.values(), language, leave_out, missing)


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
    # A story going live may be a new result (as on the lists, see `_render_list`).
    keys.add(keys.news(language))
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


def recent_news_fragment(request):
    """The "Recent news" sidebar alone, for Varnish to include in pages (pagecache/esi.py):
    public and cached like any page, under the language's news key. Never an include itself."""
    response = HttpResponse(recent_news(get_language(), inline=True).html)
    # Not a page of its own: a reader or a crawler that finds the address gets the list,
    # but search engines are asked to leave it out.
    response["X-Robots-Tag"] = "noindex"
    return response
