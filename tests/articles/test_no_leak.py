"""No leak, no miss: a version scheduled an hour ahead is absent from every public channel until
its minute, and present in all of them from that minute on."""

from datetime import time, timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import services
from articles.models import RelatedArticle
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
    live_article,
    sign,
    tag_article,
)

pytestmark = pytest.mark.django_db
SECRET = "Таємний заголовок о 15:20"
SECRET_EN = "Secret headline at 15:20"


@pytest.fixture
def world():
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    at = (timezone.now() + timedelta(hours=1)).replace(second=0, microsecond=0)
    if timezone.localtime(at).time() == time.min:
        # One second before a minute that starts a Kyiv day is the previous day, whose archive
        # page cannot list the story: the test is about the minute, not the midnight.
        at += timedelta(minutes=1)
    secret = ArticleFactory(section=section, title_uk=SECRET, title_en=SECRET_EN, title_ru="")
    sign(secret, author)
    tag_article(secret, tag)
    services.article_publish(article=secret, language="uk", at=at)
    services.article_publish(article=secret, language="en", at=at)
    # A live neighbour whose related news and "More on" would list the secret one.
    neighbour = live_article(["uk", "en"], section=section)
    tag_article(neighbour, tag)
    RelatedArticle.objects.create(article=neighbour, related=secret)
    return {
        "secret": secret,
        "neighbour": neighbour,
        "at": at,
        "section": section,
        "tag": tag,
        "author": author,
    }


def channels(world, prefix=""):
    day = world["at"].astimezone(timezone.get_current_timezone()).date().isoformat()
    return [
        f"{prefix}/",
        f"{prefix}/news/",
        f"{prefix}/news/date/{day}/",
        prefix + world["section"].get_absolute_url().removeprefix(prefix),
        f"{prefix}/tags/{world['tag'].slug}/",
        f"{prefix}/authors/{world['author'].slug}/",
        world["neighbour"].get_absolute_url(prefix.strip("/") or "uk"),  # related, more on, recent
    ]


@pytest.mark.parametrize(("prefix", "title"), [("", SECRET), ("/en", SECRET_EN)])
def test_scheduled_version_is_nowhere_before_its_minute(client, world, prefix, title):
    """Before its minute: 404 at its address, absent from every list, link and alternate."""
    secret = world["secret"]
    own_url = secret.get_absolute_url(prefix.strip("/") or "uk")
    with time_machine.travel(world["at"] - timedelta(seconds=1)):
        assert client.get(own_url).status_code == 404
        for trick in ["?preview=1", "?status=draft", "?page=999", "?language=uk"]:
            response = client.get(own_url + trick)
            assert response.status_code == 404 and title.encode() not in response.content
        for url in channels(world, prefix):
            response = client.get(url)
            # The secret's author signs nothing live yet: their page is 404, which leaks
            # nothing either.
            assert response.status_code in ({200, 404} if "/authors/" in url else {200}), url
            page = response.content.decode()
            assert title not in page, url
            assert own_url not in page, url


@pytest.mark.parametrize(("prefix", "title"), [("", SECRET), ("/en", SECRET_EN)])
def test_scheduled_version_is_everywhere_from_its_minute(client, world, prefix, title):
    """At its minute: its page answers, and every list, link and alternate shows it."""
    secret = world["secret"]
    own_url = secret.get_absolute_url(prefix.strip("/") or "uk")
    with time_machine.travel(world["at"]):
        page = client.get(own_url).content.decode()
        assert title in page
        assert f'hreflang="{prefix.strip("/") or "uk"}"' in page
        for url in channels(world, prefix):
            assert title in client.get(url).content.decode(), url
        # The language switcher of the other language now leads to it too.
        other = "en" if prefix == "" else "uk"
        other_page = client.get(secret.get_absolute_url(other)).content.decode()
        assert f'href="{own_url}"' in other_page


def test_a_draft_translation_never_appears_in_the_switcher_or_hreflang(client, world):
    """A live uk version with an en draft: the en address is not offered anywhere."""
    article = live_article(["uk"], title_en="Draft English")
    page = client.get(article.get_absolute_url("uk")).content.decode()
    assert article.get_absolute_url("en") not in page
    assert '<link rel="alternate" hreflang="en"' not in page


@pytest.mark.parametrize("kind", ["tag", "author"])
def test_a_tag_or_author_known_only_from_drafts_is_404(client, kind):
    """A tag made for a scheduled scoop (or a new author) has no public page until something
    with it is live in that language."""
    tag, author = TagFactory(name_uk="Секретна тема"), AuthorFactory(name_uk="Нова Авторка")
    draft = ArticleFactory()
    tag_article(draft, tag)
    sign(draft, author)
    from django.utils import translation

    with translation.override("uk"):
        url = tag.get_absolute_url() if kind == "tag" else author.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 404
    assert "Секретна тема" not in response.content.decode()
    services.article_publish(article=draft, language="uk")
    assert client.get(url).status_code == 200
    assert client.get("/en" + url).status_code == 404  # not live in English
