"""The article page's shared parts — recent news and the newest stories of each tag — are built
once and shared by every page, rebuilt as soon as something in them changes (purged by key,
after commit) or a scheduled story goes live or expires by the clock; a page built from cached
parts still names everything it shows. The page's own queries are compiled once and must give
what the ORM gives."""

import html
import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import selectors, services, views
from articles.models import Article, ArticleAuthor, ArticleTag, Block, RelatedArticle
from pagecache import keys
from pagecache.purge import purge
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    TagFactory,
    live_article,
    sign,
    tag_article,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(committed):
    """A tag with five live stories, the newest first, and two older pages carrying the tag
    (the page shows them in "More on", related news and recent news). The purges its making
    left pending are done, so that each test sees only those of its own changes."""
    now = timezone.now()
    tag = TagFactory(name_uk="Мости", name_en="Bridges")
    stories = []
    for hours in range(5):
        story = live_article(["uk"], at=now - timedelta(hours=hours + 1), title_uk=f"Міст {hours}")
        tag_article(story, tag)
        stories.append(story)
    pages = []
    for days in (1, 2):
        page = live_article(["uk"], at=now - timedelta(days=days), title_uk=f"Сторінка {days}")
        tag_article(page, tag)
        sign(page, AuthorFactory())
        pages.append(page)
    committed(lambda: purge([]))
    return {"tag": tag, "stories": stories, "page": pages[0], "other_page": pages[1]}


def get(client, article, language="uk"):
    """The article page, and how many SQL queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url(language))
    assert response.status_code == 200
    return response, len(queries)


def part(response, css_class):
    """The text of the page's part with this class (recent news, more on, related)."""
    page = html.unescape(response.content.decode())
    start = page.index(f'class="{css_class}"')
    end = page.index("</section>" if "<section" in page[start - 20 : start] else "</aside>", start)
    return page[start:end]


def titles(response, css_class):
    """The headlines listed in that part, in order."""
    items = r'<li class="news-item[^"]*">(?:(?!</li>).)*?<a href="[^"]+">([^<]+)</a>'
    return re.findall(items, part(response, css_class), re.DOTALL)


def surrogate_keys(response):
    return set(response["Surrogate-Key"].split())


# --- (1) shared parts cost no query once built ----------------------------------------------


def test_a_second_page_costs_fewer_queries_and_a_page_of_the_same_tag_too(client, world):
    """The first page builds the shared parts (recent news, the tag's newest); the next one,
    and a page of another article of the same tag, read them: fewer queries, always the same
    number."""
    _response, first = get(client, world["page"])
    _response, second = get(client, world["page"])
    _response, other = get(client, world["other_page"])
    assert second < first
    assert other == second
    # The article's own parts: its live versions, authors, tags, body, related links and the
    # language's corrections.
    assert second == 6


def test_a_page_reads_its_shared_parts_from_the_cache_together(client, world, monkeypatch):
    """Recent news, the tag's newest and the sections menu: one read of them all and one of
    their keys' marks (after one of the schedule), not two for each."""
    from pagecache import store
    from tests.pagecache.test_store import CountingCache

    get(client, world["page"])
    counting = CountingCache(store.cache)
    monkeypatch.setattr(store, "cache", counting)
    get(client, world["page"])
    assert counting.calls == ["get_many", "get_many", "get_many"]


def test_the_shared_parts_are_the_same_as_built_fresh(client, world):
    """A page from cached parts shows exactly what the page built them showed."""
    built, _ = get(client, world["page"])
    cached, _ = get(client, world["page"])
    assert built.content == cached.content
    assert titles(cached, "more-on") == ["Міст 0", "Міст 1", "Міст 2"]
    assert titles(cached, "recent-news")[:5] == [f"Міст {n}" for n in range(5)]


# --- (2) a change reaches the next page --------------------------------------------------------


def test_a_story_going_live_joins_the_shared_lists_at_once(client, world, committed):
    draft = ArticleFactory(title_uk="Новий міст")
    committed(lambda: tag_article(draft, world["tag"]))
    get(client, world["page"])
    committed(lambda: services.article_publish(article=draft, language="uk"))
    response, _ = get(client, world["page"])
    assert titles(response, "recent-news")[0] == "Новий міст"
    assert titles(response, "more-on")[0] == "Новий міст"


@pytest.mark.parametrize("how", ["unpublish", "trash", "title"])
def test_a_story_leaving_or_renamed_changes_the_shared_lists_at_once(client, world, committed, how):
    """Unpublished or trashed: gone from every shared list on the next page; renamed: shown
    with its new title."""
    story = world["stories"][0]
    before, _ = get(client, world["page"])
    assert "Міст 0" in titles(before, "recent-news") and "Міст 0" in titles(before, "more-on")
    if how == "unpublish":
        committed(lambda: services.article_unpublish(article=story, language="uk"))
    elif how == "trash":
        committed(lambda: services.article_trash(article=story, by=None))
    else:
        story.title_uk = "Міст перейменований"
        committed(story.save)
    after, _ = get(client, world["page"])
    shown = titles(after, "recent-news") + titles(after, "more-on") + titles(after, "related")
    assert "Міст 0" not in shown
    assert ("Міст перейменований" in shown) == (how == "title")
    if how != "title":
        assert titles(after, "more-on") == ["Міст 1", "Міст 2", "Міст 3"]


def test_a_renamed_tag_and_a_newly_tagged_story_show_on_the_next_page(client, world, committed):
    get(client, world["page"])
    tag = world["tag"]
    tag.name_uk = "Мости й переправи"
    committed(tag.save)
    older = live_article(["uk"], at=timezone.now() - timedelta(minutes=30), title_uk="Пором")
    committed(lambda: tag_article(older, tag))  # an older story given the tag joins its list
    response, _ = get(client, world["page"])
    assert "Більше про Мости й переправи" in html.unescape(response.content.decode())
    assert titles(response, "more-on")[0] == "Пором"


def test_a_purge_of_the_language_or_of_a_listed_story_rebuilds_the_shared_parts(
    client, world, committed
):
    """The fragments carry the keys of what they hold: purging `news-uk` or `article-<id>` of
    a story in them makes the next page build them again (and only the next one); the tag's
    newest follow the tag, not the language's news."""
    get(client, world["page"])
    _, warm = get(client, world["page"])
    committed(lambda: purge([keys.news("uk")]))
    _, rebuilt = get(client, world["page"])
    assert rebuilt == warm + 1  # recent news only, read again
    _, again = get(client, world["page"])
    assert again == warm
    committed(lambda: purge([keys.article(world["stories"][4].pk)], hard=True))
    _, rebuilt = get(client, world["page"])
    assert rebuilt == warm + 2
    committed(lambda: purge([keys.tag(world["tag"].pk)]))
    _, rebuilt = get(client, world["page"])
    assert rebuilt == warm + 1  # the tag's newest only


# --- scheduled stories go live, and expire, by the clock: no purge at that moment ------------


@pytest.fixture
def cache_keeps_time(monkeypatch):
    """Fragments kept without expiry, as Redis keeps them while time_machine moves the clock
    (its expiry follows its own clock): only their names may tell them apart."""
    from pagecache import store

    fragment = store.fragment
    monkeypatch.setattr(
        store,
        "fragment",
        lambda name, build, timeout=None, **kwargs: fragment(name, build, timeout=None, **kwargs),
    )


def test_a_scheduled_story_appears_in_the_shared_lists_at_its_minute_without_a_purge(
    client, world, cache_keeps_time
):
    at = (timezone.now() + timedelta(hours=1)).replace(second=0, microsecond=0)
    scheduled = live_article(["uk"], at=at, title_uk="Заплановано")
    tag_article(scheduled, world["tag"])
    with time_machine.travel(at - timedelta(seconds=5)):
        before, _ = get(client, world["page"])
        get(client, world["page"])  # the shared parts are cached now
    with time_machine.travel(at + timedelta(seconds=1)):
        after, _ = get(client, world["page"])
    assert "Заплановано" not in titles(before, "recent-news") + titles(before, "more-on")
    assert titles(after, "recent-news")[0] == "Заплановано"
    assert titles(after, "more-on")[0] == "Заплановано"


def test_an_expiring_story_leaves_the_shared_lists_at_its_minute_without_a_purge(
    client, world, cache_keeps_time
):
    until = (timezone.now() + timedelta(hours=1)).replace(second=0, microsecond=0)
    expiring = live_article(["uk"], at=timezone.now() - timedelta(minutes=1), title_uk="Згасне")
    tag_article(expiring, world["tag"])
    version = expiring.versions.get(language="uk")
    version.unpublish_at = until
    version.save()
    with time_machine.travel(until - timedelta(seconds=5)):
        before, _ = get(client, world["page"])
        get(client, world["page"])
    with time_machine.travel(until + timedelta(seconds=1)):
        after, _ = get(client, world["page"])
    assert "Згасне" in titles(before, "recent-news") and "Згасне" in titles(before, "more-on")
    assert "Згасне" not in titles(after, "recent-news") + titles(after, "more-on")


# --- (3) a page from cached parts names everything it shows ------------------------------------


def test_a_page_from_cached_parts_carries_the_keys_of_everything_in_them(client, world):
    built, _ = get(client, world["page"])
    cached, _ = get(client, world["page"])
    assert surrogate_keys(cached) == surrogate_keys(built)
    shown = {keys.article(story.pk) for story in world["stories"]}
    assert shown <= surrogate_keys(cached)
    assert {keys.news("uk"), keys.tag(world["tag"].pk)} <= surrogate_keys(cached)
    # Every headline of the recent news, the newest first, is named.
    recent = cached.context["recent_news"]
    assert {keys.article(item.pk) for item in recent} <= surrogate_keys(cached)


def test_a_page_names_what_it_shows_from_a_tags_cached_list(client, world, committed):
    """Stories that are no longer among the recent news still show in "More on" and related
    news from the tag's cached list: the page served from it names each of them."""
    for _ in range(selectors.RECENT_NEWS):
        live_article(["uk"], at=timezone.now() - timedelta(minutes=5))
    committed(lambda: purge([]))
    get(client, world["page"])
    cached, _ = get(client, world["page"])
    shown = list(cached.context["more_on"][1]) + list(cached.context["related"])
    assert {item.title_uk for item in shown} >= {"Міст 0", "Міст 1", "Міст 2"}
    assert not {item.pk for item in shown} & {item.pk for item in cached.context["recent_news"]}
    assert {keys.article(item.pk) for item in shown} <= surrogate_keys(cached)
    assert {keys.tag(world["tag"].pk), keys.news("uk")} <= surrogate_keys(cached)


def test_a_list_page_from_cached_recent_news_names_its_stories(client, world):
    first = client.get("/news/")
    second = client.get("/news/")
    assert surrogate_keys(first) == surrogate_keys(second)
    assert {keys.article(story.pk) for story in world["stories"]} <= surrogate_keys(second)


# --- the page's own queries, compiled once, agree with the ORM ---------------------------------


def test_the_compiled_queries_give_what_the_orm_gives(world):
    page = world["page"]
    now = timezone.now()
    draft = Article.objects.create(section=page.section, title_uk="Чернетка")
    Block.objects.create(article=page, language="uk", kind="paragraph", text="<p>a</p>")
    Block.objects.create(article=page, language="uk", kind="read_also", link_article=draft)
    Block.objects.create(
        article=page, language="uk", kind="read_also", link_article=world["stories"][0]
    )
    for position, target in enumerate([world["stories"][3], draft, world["stories"][1]]):
        RelatedArticle.objects.create(article=page, related=target, position=position)
    for article in (page, world["other_page"], draft):
        body = views.BODY(article.pk, now, "uk")
        assert [(b.pk, b.target_live) for b in body] == [
            (b.pk, b.link_article_id in {s.pk for s in world["stories"]})
            for b in Block.objects.filter(article=article, language="uk")
        ]
        assert [b.pk for b in views.BYLINES(article.pk, now, "uk")] == list(
            ArticleAuthor.objects.filter(article=article).values_list("pk", flat=True)
        )
        assert [t.tag for t in views.TAGS(article.pk, now, "uk")] == [
            item.tag for item in ArticleTag.objects.filter(content_object=article)
        ]
    related = views.MANUAL_RELATED(page.pk, now, "uk")
    assert [link.related for link in related] == [world["stories"][3], world["stories"][1]]
    assert all(link.published_at for link in related)


def test_the_compiled_queries_read_the_clock_they_are_given(world):
    """The same compiled query, at two moments: a scheduled version is not live before its
    time and is after it."""
    at = timezone.now() + timedelta(hours=2)
    scheduled = live_article(["uk", "en"], at=at)
    assert views.LIVE_VERSIONS(scheduled.pk, at - timedelta(seconds=1), "uk") == []
    live = views.LIVE_VERSIONS(scheduled.pk, at, "uk")
    assert sorted(version.language for version in live) == ["en", "uk"]
    assert live[0].article == scheduled and live[0].article.section_id == scheduled.section_id
