"""The demo live story of seed_demo: a day of updates in three languages, one pinned each, the
same rows after a second run."""

import pytest

from articles.demo import live
from liveblog.models import LiveCoverage, LiveEvent, LiveUpdate, LiveUpdateBlock
from tests.factories import AuthorFactory, PhotoFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    """What seed_demo passes: its sections, authors, tags and photos by key."""
    return {
        "sections": {"news": SectionFactory(slug="news")},
        "authors": {slug: AuthorFactory(slug=slug) for slug in live.STORY["authors"]},
        "tags": {name: TagFactory(name_uk=name) for name in live.STORY["tags"]},
        "photos": {live.STORY["photo"]: PhotoFactory()},
    }


def rows():
    return (
        LiveCoverage.objects.count(),
        LiveEvent.objects.count(),
        sorted(LiveUpdate.objects.values_list("language", "headline", "text", "publish_at")),
        sorted(LiveUpdateBlock.objects.values_list("update__language", "kind", "text", "items")),
    )


def test_the_demo_story_is_live_with_a_day_of_updates_in_three_languages(client, cast):
    """Coverage on; 8-12 live updates per language, one pinned; the page shows them."""
    article = live.seed(**cast)
    assert LiveCoverage.objects.get(article=article).is_on
    for code in ["uk", "ru", "en"]:
        updates = LiveUpdate.objects.live(code).filter(article=article)
        assert 8 <= updates.count() <= 12
        assert updates.filter(pinned=True).count() == 1
    page = client.get(article.get_absolute_url("en")).content.decode()
    assert "What we know so far" in page and "flag-live" in page


def test_seeding_twice_gives_the_same_rows(cast):
    """Idempotent: a second run finds the story and changes nothing."""
    first = live.seed(**cast)
    before = rows()
    assert live.seed(**cast).pk == first.pk
    assert rows() == before


def test_the_demo_updates_show_a_quote_a_photo_and_a_background_list(client, cast):
    """Some updates carry the body's blocks, in every language, shown on the page."""
    article = live.seed(**cast)
    for code in ["uk", "ru", "en"]:
        kinds = set(
            LiveUpdateBlock.objects.filter(
                update__article=article, update__language=code
            ).values_list("kind", flat=True)
        )
        assert kinds == {"quote", "photo", "background"}
    page = client.get(article.get_absolute_url("en")).content.decode()
    assert "block-quote" in page and "block-background" in page and "grid operators" in page


def test_a_story_seeded_before_blocks_gets_them_once(cast):
    """A demo story from before updates had blocks (none on any update) gets the demo's blocks
    on the next run, and a run after that changes nothing."""
    live.seed(**cast)
    expected = rows()[3]
    LiveUpdateBlock.objects.all().delete()
    live.seed(**cast)
    assert rows()[3] == expected
    before = rows()
    live.seed(**cast)
    assert rows() == before
