import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Block, LanguageVersion, Status
from tests.factories import (
    AuthorFactory,
    PhotoFactory,
    TagFactory,
    live_article,
    sign,
    tag_article,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("prefix", "language"), [("/", "uk"), ("/ru/", "ru"), ("/en/", "en")])
def test_home_lists_live_articles_of_its_language(client, prefix, language):
    """/, /ru/ and /en/ list the articles live in that language and nothing else."""
    everywhere = live_article(["uk", "ru", "en"])
    uk_only = live_article(["uk"], title_ru="Только черновик", title_en="Draft only")
    LanguageVersion.objects.create(article=uk_only, language="en", status=Status.DRAFT)
    response = client.get(prefix)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert everywhere.title_in(language) in page
    assert everywhere.get_absolute_url(language) in page
    if language == "uk":
        assert uk_only.title_uk in page
    else:
        assert uk_only.title_in(language) not in page


def test_home_with_nothing_live_says_so(client):
    """An empty newsroom answers 200 with a friendly line, not an error."""
    response = client.get("/en/")
    assert response.status_code == 200
    assert b"Nothing has been published here yet." in response.content


def test_unknown_page_is_a_404_in_the_site_design(client):
    """A wrong address gets the site's own 404 page."""
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def _rich_article():
    authors = AuthorFactory.create_batch(4)
    tags = TagFactory.create_batch(6)
    target = live_article(["uk"])
    article = live_article(["uk"], hero_photo=PhotoFactory())
    sign(article, *authors)
    tag_article(article, *tags)
    for position, kind in enumerate(["source", "details", "quote", "paragraph"] * 3):
        Block.objects.create(
            article=article, language="uk", kind=kind, text="<p>x</p>", position=position
        )
    Block.objects.create(
        article=article, language="uk", kind="photo", photo=PhotoFactory(), position=90
    )
    Block.objects.create(
        article=article, language="uk", kind="read_also", link_article=target, position=95
    )
    Block.objects.create(
        article=article, language="uk", kind="background", items="a\nb\nc", position=99
    )
    return article


def _queries(client, url):
    client.get(url)  # warm the cached sections menu, as on any real site
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def test_article_page_queries_do_not_grow_with_authors_tags_or_blocks(client, steady_minute):
    """A one-author, one-block article and one with many authors, tags and blocks cost the same."""
    plain = live_article(["uk"])
    sign(plain, AuthorFactory())
    tag_article(plain, TagFactory())
    Block.objects.create(
        article=plain, language="uk", kind="read_also", link_article=live_article(["uk"])
    )
    rich = _rich_article()
    small = _queries(client, plain.get_absolute_url("uk"))
    assert _queries(client, rich.get_absolute_url("uk")) == small
    assert small <= 9


def test_article_page_renders_every_block_type_with_labels(client):
    """Source, Details, Quote and Background carry their labels; photo and read-also render."""
    article = _rich_article()
    page = client.get(article.get_absolute_url("uk")).content.decode()
    for css in [
        "block-source",
        "block-details",
        "block-quote",
        "block-background",
        "block-read-also",
        "<blockquote>",
        "<aside",
    ]:
        assert css in page


def test_read_also_to_an_article_not_live_is_not_shown(client):
    """A Read also link to a draft is left out: drafts never leak through links."""
    article = live_article(["uk"])
    draft = live_article([], title_uk="Таємна чернетка")
    Block.objects.create(article=article, language="uk", kind="read_also", link_article=draft)
    page = client.get(article.get_absolute_url("uk")).content.decode()
    assert "Таємна чернетка" not in page


@pytest.mark.parametrize("kind", ["home", "news", "archive", "section", "tag", "author"])
def test_list_pages_queries_do_not_grow_with_items(client, kind, steady_minute):
    """Home, section, tag and author lists cost the same queries for 2 or 15 articles."""
    author, tag = AuthorFactory(), TagFactory()
    first = live_article(["uk"])
    section = first.section

    def add(n):
        for _ in range(n):
            article = live_article(["uk"], section=section)
            sign(article, author, AuthorFactory())
            tag_article(article, tag)

    url = {
        "home": "/",
        "news": "/news/",
        "archive": f"/news/date/{first.url_date:%Y-%m-%d}/",
        "section": section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
    }[kind]
    add(2)
    few = _queries(client, url)
    add(13)
    assert _queries(client, url) == few


@pytest.mark.parametrize(("path", "text"), [("/", "Перейти на головну"), ("/en/x/", "home page")])
def test_server_error_page_is_in_the_sites_design_and_language(rf, path, text):
    """A crash shows the site's own 500 page in the page's language, with no stack trace and
    without touching the database (which may be what failed)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.views import server_error

    with CaptureQueriesContext(connection) as queries:
        response = server_error(rf.get(path))
    page = response.content.decode()
    assert response.status_code == 500
    assert text in page and "site.css" in page
    assert "Traceback" not in page
    assert len(queries) == 0


@pytest.mark.parametrize("state", ["uk-only", "scheduled"])
def test_read_also_follows_the_targets_state_in_this_language(client, state):
    """Under /en/, a Read-also to an article live only in uk, or scheduled, is not shown."""
    from datetime import timedelta

    from django.utils import timezone

    article = live_article(["uk", "en"])
    if state == "uk-only":
        target = live_article(["uk"], title_en="Hidden English title")
    else:
        target = live_article(
            ["en"], at=timezone.now() + timedelta(hours=1), title_en="Hidden English title"
        )
    for code in ["uk", "en"]:
        Block.objects.create(article=article, language=code, kind="read_also", link_article=target)
    page = client.get(article.get_absolute_url("en")).content.decode()
    assert "Hidden English title" not in page and "block-read-also" not in page
    uk_page = client.get(article.get_absolute_url("uk")).content.decode()
    assert ("block-read-also" in uk_page) == (state == "uk-only")


@pytest.mark.parametrize(
    "text",
    [
        "Короткий лід",
        "Довгий " * 60,
        "x" * 300,
        "x" * 301,
        "e\u0301" * 100,
        "e\u0301" * 200,
        "<b>&</b> " * 50,
    ],
)
def test_descriptions_are_clipped_as_truncatechars_clips_them(text):
    """The page's description filter gives what Django's truncatechars gives, escaped alike."""
    from django.template import Context, Template

    ours = Template("{% load newsroom %}{{ text|clip:300 }}").render(Context({"text": text}))
    django = Template("{{ text|truncatechars:300 }}").render(Context({"text": text}))
    assert ours == django
