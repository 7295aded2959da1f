"""The public reading site: the article page of the reference, lists, languages, metadata."""

import html
import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Block, RelatedArticle
from tests.factories import (
    AuthorFactory,
    PhotoFactory,
    SectionFactory,
    TagFactory,
    book,
    image_bytes,
    live_article,
    sign,
    tag_article,
)

pytestmark = pytest.mark.django_db
KYIV = ZoneInfo("Europe/Kyiv")
PUBLISHED = datetime(2024, 11, 8, 13, 56, tzinfo=KYIV)


@pytest.fixture
def story():
    """An article like the reference: two authors, hero photo, labelled blocks, three tags,
    live in uk and en (not ru), with manual related news and neighbours sharing its tags."""
    from django.core.files.base import ContentFile

    section = SectionFactory(name_uk="Новини", name_ru="Новости", name_en="News")
    tags = [
        TagFactory(name_uk="НАТО", name_ru="НАТО", name_en="NATO"),
        TagFactory(name_uk="війна", name_ru="война", name_en="war"),
        TagFactory(name_uk="дипломатія", name_ru="дипломатия", name_en=None),
    ]
    hero = PhotoFactory(
        image=ContentFile(image_bytes(size=(1600, 900)), name="hero.jpg"),
        caption_uk="Зустріч у Києві",
        caption_en="A meeting in Kyiv",
        credit_uk="Фото: Офіс мерії",
        credit_en="Photo: City Hall",
        alt_text_en="Two people shake hands",
    )
    article = live_article(
        ["uk", "en"],
        at=PUBLISHED,
        section=section,
        hero_photo=hero,
        title_uk="Мер обговорив ремонт мосту з інженерами",
        title_ru="",
        title_en="Mayor discusses bridge repair with engineers",
        lead_uk="Роботи почнуться навесні.",
        lead_en="Work will start in spring.",
    )
    sign(
        article,
        AuthorFactory(name_uk="Оксана Коваль", name_en="Oksana Koval"),
        AuthorFactory(name_uk="Іван Сало", name_en="Ivan Salo"),
    )
    tag_article(article, *tags)
    for code in ["uk", "en"]:
        for position, (kind, text) in enumerate(
            [
                ("source", "мерія"),
                ("details", "<p>Деталі наради.</p>"),
                ("paragraph", "<p>Перший абзац.</p>"),
                ("quote", "Міст буде готовий."),
                ("paragraph", "<p>Другий абзац.</p>"),
                ("paragraph", "<p>Третій абзац.</p>"),
            ]
        ):
            Block.objects.create(
                article=article, language=code, kind=kind, text=text, position=position * 10
            )
        Block.objects.create(
            article=article, language=code, kind="background", items="перше\nдруге", position=90
        )
    # Manual related: the second one first; one of them is not live in English.
    manual_a = live_article(["uk", "en"], at=PUBLISHED - timedelta(days=3))
    manual_b = live_article(["uk", "en"], at=PUBLISHED - timedelta(days=5))
    manual_uk_only = live_article(["uk"], at=PUBLISHED - timedelta(days=4))
    for position, target in enumerate([manual_b, manual_a, manual_uk_only]):
        RelatedArticle.objects.create(article=article, related=target, position=position)
    # Neighbours sharing the first tag, newest first; plus one scheduled, which must not show.
    neighbours = []
    for hours in range(1, 8):
        neighbour = live_article(["uk", "en"], at=PUBLISHED - timedelta(hours=hours))
        tag_article(neighbour, tags[0])
        neighbours.append(neighbour)
    future = live_article(["uk", "en"], at=timezone.now() + timedelta(hours=1))
    tag_article(future, tags[0])
    return {
        "article": article,
        "tags": tags,
        "manual": [manual_b, manual_a, manual_uk_only],
        "neighbours": neighbours,
        "future": future,
    }


def page_of(client, url):
    """The page's HTML with entities decoded, so text reads as a reader sees it."""
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


def positions(page, markers):
    found = []
    for marker in markers:
        index = page.find(marker)
        assert index >= 0, f"missing: {marker}"
        found.append(index)
    return found


def test_article_page_has_every_element_of_the_reference_in_order(client, story):
    """Top bar, headline, authors, date, hero, lead, labelled blocks, ads, support call,
    tags, related news, "More on", recent news: all there, in the reference's order."""
    book("article_body_1", "article_body_2", "article_after_tags", "sidebar_top")
    page = page_of(client, story["article"].get_absolute_url("uk"))
    markers = [
        'class="today"',  # date of today → today's archive
        "Усі розділи",  # the sections menu
        'class="languages"',  # Укр / Рус / Eng
        'class="support-link"',
        '<h1 id="article-title">Мер обговорив ремонт мосту з інженерами</h1>',
        'rel="author">Оксана Коваль</a>',
        'rel="author">Іван Сало</a>',
        "П'ятниця, 8 листопада 2024, 13:56",
        '<figure class="photo hero">',
        "Фото: Офіс мерії",
        '<p class="lead">Роботи почнуться навесні.</p>',
        "Джерело:",
        "Деталі:",
        'data-slot="article_body_1"',
        "Пряма мова:",
        "Передісторія:",
        'class="support-cta"',
        'rel="tag">НАТО</a>',
        'data-slot="article_after_tags"',
        'id="related-heading"',
        'id="more-on-heading"',
        'data-slot="sidebar_top"',
        'id="recent-news-heading"',
    ]
    found = positions(page, markers)
    assert found == sorted(found), [
        m for m, _ in sorted(zip(markers, found, strict=True), key=lambda x: x[1])
    ]
    assert page.count("<h1") == 1


@pytest.mark.parametrize(
    ("language", "date", "labels"),
    [
        ("uk", "П'ятниця, 8 листопада 2024, 13:56", ["Джерело:", "Деталі:", "Пряма мова:"]),
        ("en", "Friday, 8 November 2024, 13:56", ["Source:", "Details:", "Quote:"]),
    ],
)
def test_article_page_speaks_its_language(client, story, language, date, labels):
    """Dates, labels, tag names and captions are those of the page's language."""
    page = page_of(client, story["article"].get_absolute_url(language))
    assert f'<html lang="{language}">' in page
    assert date in page
    for label in labels:
        assert label in page
    if language == "en":
        assert "Photo: City Hall" in page and 'alt="Two people shake hands"' in page
        assert 'rel="tag">NATO</a>' in page
        assert "дипломатія" not in page  # no English name: the tag is not shown in English
        assert "Фото: Офіс мерії" not in page  # nothing filled in from Ukrainian


def test_updated_is_shown_only_when_edited_after_publication(client, story):
    """ "Updated …" appears once the language's text was changed well after it went live
    (per language: tests/corrections/test_updates.py)."""
    article = story["article"]
    versions = article.versions.filter(language="uk")
    versions.update(text_updated_at=PUBLISHED)
    assert "Оновлено" not in page_of(client, article.get_absolute_url("uk"))
    versions.update(text_updated_at=PUBLISHED + timedelta(hours=2))
    page = page_of(client, article.get_absolute_url("uk"))
    assert "Оновлено" in page and "8 листопада 2024, 15:56" in page


def test_with_nothing_booked_the_page_has_no_ad_markup(client, story):
    """A slot with nothing booked renders nothing, so it takes no space."""
    page = page_of(client, story["article"].get_absolute_url("uk"))
    assert "data-slot" not in page and "Реклама" not in page


def test_related_news_manual_first_then_shared_tags(client, story):
    """Related: the journalist's picks in their order, then the newest sharing a tag; six in
    all, no duplicates, never the article itself, only live in the page's language."""
    article = story["article"]
    manual_b, manual_a, manual_uk_only = story["manual"]
    # A manual pick that also shares the tag must not appear twice.
    tag_article(manual_a, story["tags"][1])

    def related(language):
        response = client.get(article.get_absolute_url(language))
        return response.context["related"]

    uk = related("uk")
    assert uk[:3] == [manual_b, manual_a, manual_uk_only]
    assert uk[3:] == story["neighbours"][:3]
    assert len(uk) == len(set(uk)) == 6
    en = related("en")
    assert en[:2] == [manual_b, manual_a]
    assert en[2:] == story["neighbours"][:4]
    assert article not in uk + en and story["future"] not in uk + en


def test_more_on_the_first_tag_lists_its_three_newest(client, story):
    """ "More on НАТО" lists the three newest live articles with the first tag."""
    response = client.get(story["article"].get_absolute_url("uk"))
    tag, items = response.context["more_on"]
    assert tag == story["tags"][0]
    assert items == story["neighbours"][:3]
    assert "Більше про НАТО" in response.content.decode()


def test_recent_news_lists_twenty_newest_with_times_important_in_bold(client, story):
    """The sidebar lists the 20 newest live articles of the language with their time."""
    important = live_article(["uk"], is_important=True)
    for _ in range(22):
        live_article(["uk"], at=timezone.now() - timedelta(days=2))
    response = client.get(story["article"].get_absolute_url("uk"))
    recent = list(response.context["recent_news"])
    assert len(recent) == 20 and recent[0] == important
    page = response.content.decode()
    aside = page[page.index('class="recent-news"') :]
    assert re.search(
        r'class="news-item important">\s*<time datetime="[^"]+">\d\d:\d\d</time>', aside
    )
    assert story["future"].title_uk not in aside


def test_hreflang_canonical_and_switcher_list_only_live_versions(client, story):
    """Live in uk+en but not ru: hreflang lists uk, en and x-default; the switcher sends Рус
    to the Russian home; canonical is the page's own address."""
    article = story["article"]
    page = page_of(client, article.get_absolute_url("en"))
    base = "http://testserver"
    assert f'<link rel="canonical" href="{base}{article.get_absolute_url("en")}">' in page
    hreflangs = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page))
    assert hreflangs == {
        "uk": base + article.get_absolute_url("uk"),
        "en": base + article.get_absolute_url("en"),
        "x-default": base + article.get_absolute_url("uk"),
    }
    switcher = page[page.index('class="languages"') :]
    switcher = switcher[: switcher.index("</nav>")]
    assert f'href="{article.get_absolute_url("uk")}" lang="uk"' in switcher
    assert 'href="/ru/" lang="ru"' in switcher
    assert f'href="{article.get_absolute_url("en")}" lang="en"' in switcher
    assert 'lang="en" hreflang="en" title="English" aria-current="page"' in switcher


def test_structured_data_describes_the_news_article(client, story):
    """JSON-LD NewsArticle and BreadcrumbList parse and carry what Google News reads."""
    article = story["article"]
    page = page_of(client, article.get_absolute_url("en"))
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = {item["@type"]: item for item in map(json.loads, blocks)}
    news = data["NewsArticle"]
    url = "http://testserver" + article.get_absolute_url("en")
    assert news["headline"] == "Mayor discusses bridge repair with engineers"
    assert news["inLanguage"] == "en"
    assert news["mainEntityOfPage"]["@id"] == url
    assert news["datePublished"] == "2024-11-08T13:56:00+02:00"
    assert news["dateModified"] >= news["datePublished"]
    assert [a["name"] for a in news["author"]] == ["Oksana Koval", "Ivan Salo"]
    assert all(a["@type"] == "Person" and a["url"].startswith("http") for a in news["author"])
    assert news["publisher"]["logo"]["url"].endswith("/static/img/logo.png")
    assert len(news["image"]) == 3 and all(i.startswith("http") for i in news["image"])
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["position"] for c in crumbs] == [1, 2, 3] and crumbs[2]["item"] == url
    assert 'content="max-image-preview:large"' in page or "max-image-preview:large" in page


def test_structured_data_cannot_be_broken_out_of_by_a_title(client):
    """A headline containing </script> stays inside the JSON-LD string."""
    article = live_article(["uk"], title_uk="Заголовок </script><script>alert(1)</script>")
    page = client.get(article.get_absolute_url("uk")).content.decode()
    assert "<script>alert(1)" not in page
    [data] = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        if "NewsArticle" in block
    ]
    assert data["headline"].endswith("<script>alert(1)</script>")


def test_open_graph_and_twitter_cards(client, story):
    """Social networks get the title, lead, canonical URL, a 16:9 image and the locale."""
    page = page_of(client, story["article"].get_absolute_url("en"))
    assert '<meta property="og:type" content="article">' in page
    assert (
        '<meta property="og:title" content="Mayor discusses bridge repair with engineers">' in page
    )
    assert '<meta property="og:description" content="Work will start in spring.">' in page
    assert '<meta property="og:locale" content="en_GB">' in page
    assert '<meta property="og:locale:alternate" content="uk_UA">' in page
    assert re.search(r'<meta property="og:image" content="http://testserver/[^"]+\.jpg">', page)
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert '<meta name="description" content="Work will start in spring.">' in page


@pytest.mark.parametrize("prefix", ["", "/ru", "/en"])
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/news/",
        "/news/date/2024-11-08/",
        "/sections/{section}/",
        "/tags/{tag}/",
        "/authors/{author}/",
        "/support/",
    ],
)
def test_every_page_type_renders_in_every_language(client, story, prefix, path):
    """Each page type answers in uk, ru and en with its language, canonical and switcher."""
    article = story["article"]
    byline = article.bylines.first()
    url = prefix + path.format(
        section=article.section.slug, tag=story["tags"][0].slug, author=byline.author.slug
    )
    language = prefix.strip("/") or "uk"
    if language == "ru" and path.startswith(("/tags/", "/authors/")):
        # Nothing with this tag or author is live in Russian: no page to show.
        assert client.get(url).status_code == 404
        return
    page = page_of(client, url)
    assert f'<html lang="{language}">' in page
    assert f'<link rel="canonical" href="http://testserver{url}">' in page
    assert 'hreflang="x-default"' in page
    assert page.count('class="languages"') == 1


def test_daily_archive_lists_that_kyiv_day_with_neighbours_and_section_filter(client, story):
    """The archive of 8 November lists that day's articles, links the days around it and
    filters by section."""
    other_section = live_article(["uk"], at=PUBLISHED + timedelta(hours=1))
    next_day = live_article(["uk"], at=datetime(2024, 11, 9, 0, 30, tzinfo=KYIV))
    response = client.get("/news/date/2024-11-08/")
    listed = set(response.context["articles"])
    assert story["article"] in listed and other_section in listed and next_day not in listed
    page = response.content.decode()
    assert 'href="/news/date/2024-11-07/"' in page and 'href="/news/date/2024-11-09/"' in page
    section = story["article"].section
    filtered = client.get(f"/news/date/2024-11-08/?section={section.slug}").context["articles"]
    assert story["article"] in filtered and other_section not in filtered


@pytest.mark.parametrize(
    "url",
    [
        "/news/date/2024-13-45/",
        "/news/date/yesterday/",
        "/news/date/2099-01-01/",
        "/news/date/2024-11-08/?section=no-such-section",
        "/news/?page=999",
        "/news/?page=abc",
        "/news/?page=0",
        "/news/?page=-1",
        "/tags/no-such-tag/",
    ],
)
def test_bad_list_addresses_are_404_never_500(client, story, url):
    """Malformed dates, future days, unknown sections and absurd pages answer 404."""
    response = client.get(url)
    assert response.status_code == 404
    assert "Сторінку не знайдено" in response.content.decode()


def test_feed_pages_forward_without_counting_the_archive(client):
    """Page 2 of All news continues page 1; no COUNT(*) query is made."""
    for hours in range(25):
        live_article(["uk"], at=timezone.now() - timedelta(hours=hours + 1))
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/news/")
    second = client.get("/news/?page=2")
    assert len(first.context["articles"]) == 20 and len(second.context["articles"]) == 5
    assert not set(first.context["articles"]) & set(second.context["articles"])
    assert first.context["page"].has_next and not second.context["page"].has_next
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)


def test_home_puts_breaking_and_important_first(client):
    """The home page's main stories: breaking first, then important, then the feed."""
    plain = live_article(["uk"], at=timezone.now() - timedelta(minutes=5))
    important = live_article(["uk"], is_important=True, at=timezone.now() - timedelta(hours=2))
    breaking = live_article(["uk"], is_breaking=True, at=timezone.now() - timedelta(hours=3))
    response = client.get("/")
    assert response.context["main_stories"] == [breaking, important]
    assert list(response.context["articles"]) == [plain]


def test_author_page_shows_photo_bio_and_articles(client, story):
    """An author's page carries their bio and their live articles in the language."""
    author = story["article"].bylines.first().author
    author.bio_uk = "Пише про міста."
    author.save()
    response = client.get(author.get_absolute_url())
    assert "Пише про міста." in response.content.decode()
    assert story["article"] in response.context["articles"]


def test_scheduled_and_draft_versions_appear_nowhere(client, story):
    """A scheduled article is absent from home, feed, lists, related and recent news."""
    future = story["future"]
    draft = live_article([], title_uk="Чернетка-невидимка")
    tag_article(draft, story["tags"][0])
    urls = ["/", "/news/", story["tags"][0].get_absolute_url(), story["article"].get_absolute_url()]
    for url in urls:
        page = page_of(client, url)
        assert future.title_uk not in page and "Чернетка-невидимка" not in page, url


@pytest.mark.parametrize(
    "url_of",
    [
        lambda s: "/",
        lambda s: "/news/",
        lambda s: "/news/date/2024-11-08/",
        lambda s: s["article"].section.get_absolute_url(),
        lambda s: s["tags"][0].get_absolute_url(),
        lambda s: s["article"].bylines.first().author.get_absolute_url(),
        lambda s: s["article"].get_absolute_url("uk"),
    ],
    ids=["home", "news", "archive", "section", "tag", "author", "article"],
)
def test_queries_per_page_are_bounded(client, story, url_of, steady_minute):
    """Every page type stays within a fixed number of queries, whatever it shows (ads in every
    slot included)."""
    book("header", "footer", "sidebar_top", "feed_inline")
    book(
        "article_body_1",
        "article_body_2",
        "article_after_tags",
        sections=[story["article"].section],
    )
    url = url_of(story)
    client.get(url)  # the sections menu is cached after the first page
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= 10, [q["sql"][:80] for q in queries.captured_queries]


@pytest.mark.parametrize(
    ("prefix", "heading"),
    [
        ("", "Новини за 8 листопада 2024"),
        ("/ru", "Новости за 8 ноября 2024"),
        ("/en", "News of 8 November 2024"),
    ],
)
def test_archive_day_heading_is_written_in_the_page_language(client, story, prefix, heading):
    """The daily archive names its day as each language writes dates."""
    page = page_of(client, f"{prefix}/news/date/2024-11-08/")
    assert f"<h1>{heading}</h1>" in page
