"""Which creative may run where and when, how often each is chosen, and where slots go."""

import random
from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from ads import serving
from ads.models import Creative, Slot
from articles.models import Block
from tests.factories import SectionFactory, book

pytestmark = pytest.mark.django_db
KYIV = ZoneInfo("Europe/Kyiv")
# Far in the future: the cached plan keeps only bookings that may still run, so a START that has
# passed (2026-12-01 did, mid-CI) drops bookings the database query still finds.
START = datetime(2036, 12, 1, 0, 0, tzinfo=KYIV)
END = datetime(2036, 12, 8, 0, 0, tzinfo=KYIV)
SECOND = timedelta(seconds=1)


def running_ids(code="sidebar_top", *, language="uk", section_id=None, at):
    plan = serving.get_plan()
    return {
        c.id
        for c in serving.candidates(plan, code, language=language, section_id=section_id, at=at)
    }


def test_the_booking_window_opens_at_its_first_second_and_closes_at_its_end():
    """A creative runs from its start (inclusive) to its end (exclusive), not a second more."""
    creative = book("sidebar_top", starts_at=START, ends_at=END)
    assert running_ids(at=START - SECOND) == set()
    assert running_ids(at=START) == {creative.pk}
    assert running_ids(at=END - SECOND) == {creative.pk}
    assert running_ids(at=END) == set()


def test_only_the_slots_it_is_booked_in():
    """A creative runs in its own slots only."""
    creative = book("sidebar_top", starts_at=START)
    assert running_ids("sidebar_top", at=START) == {creative.pk}
    assert running_ids("header", at=START) == set()


def test_language_targeting():
    """A creative for Russian and English pages never shows on a Ukrainian one."""
    creative = book("sidebar_top", starts_at=START, languages=["ru", "en"])
    assert running_ids(language="uk", at=START) == set()
    assert running_ids(language="ru", at=START) == {creative.pk}
    assert running_ids(language="en", at=START) == {creative.pk}


def test_section_targeting():
    """A section-targeted creative shows only on that section's pages; an untargeted one
    shows everywhere, including pages that have no section."""
    economy, sport = SectionFactory(), SectionFactory()
    targeted = book("sidebar_top", starts_at=START, sections=[economy])
    everywhere = book("sidebar_top", starts_at=START)
    assert running_ids(section_id=economy.pk, at=START) == {targeted.pk, everywhere.pk}
    assert running_ids(section_id=sport.pk, at=START) == {everywhere.pk}
    assert running_ids(section_id=None, at=START) == {everywhere.pk}


def test_house_ads_fill_only_the_gaps():
    """A house ad runs only while no paid creative can run in the slot."""
    house = book("sidebar_top", starts_at=START, is_house=True)
    paid = book("sidebar_top", starts_at=START + timedelta(days=1), ends_at=END)
    assert running_ids(at=START) == {house.pk}
    assert running_ids(at=START + timedelta(days=1)) == {paid.pk}
    assert running_ids(at=END) == {house.pk}


def test_switched_off_creatives_zero_weights_and_inactive_slots_show_nothing():
    """Inactive creatives, weight 0 and inactive slots never serve."""
    book("sidebar_top", starts_at=START, is_active=False)
    book("sidebar_top", starts_at=START, weight=0)
    assert running_ids(at=START) == set()
    live = book("header", starts_at=START)
    assert running_ids("header", at=START) == {live.pk}
    Slot.objects.filter(code="header").update(is_active=False)
    serving.new_plan_version()
    assert running_ids("header", at=START) == set()


def test_an_edition_without_ads_shows_none(settings):
    """A language left out of ADS_LANGUAGES carries no ads, whatever is booked."""
    book("sidebar_top", starts_at=START)
    settings.ADS_LANGUAGES = ["uk", "ru"]
    assert running_ids(language="en", at=START) == set()
    assert running_ids(language="ru", at=START) != set()


def test_weighted_rotation_gives_each_its_share():
    """Weights 1, 3 and 6 give 10 %, 30 % and 60 % of 20,000 views (a fixed seed), ±1.5 points."""
    creatives = [book("sidebar_top", starts_at=START, weight=w) for w in (1, 3, 6)]
    options = serving.candidates(serving.get_plan(), "sidebar_top", language="uk", at=START)
    rng = random.Random(20261127)
    shown = Counter(serving.choose(options, rng).id for _ in range(20_000))
    for creative, expected in zip(creatives, (0.10, 0.30, 0.60), strict=True):
        assert abs(shown[creative.pk] / 20_000 - expected) < 0.015, (creative.weight, shown)


def test_choosing_from_nothing_is_nothing():
    """With no candidate there is no creative (the frame stays empty)."""
    assert serving.choose([], random.Random(1)) is None


def test_the_plan_is_one_read_per_cache_period(django_assert_num_queries):
    """Once built, the plan answers every slot and view without a query."""
    book("sidebar_top", starts_at=START)
    serving.get_plan()
    with django_assert_num_queries(0):
        for _ in range(10):
            serving.candidates(serving.get_plan(), "sidebar_top", language="uk", at=START)


def test_every_change_to_a_booking_reaches_the_next_served_ad(django_capture_on_commit_callbacks):
    """Saving, linking a slot or section, unlinking and deleting each purge the plan at once,
    not at the next cache expiry."""
    creative = book("sidebar_top", starts_at=START)
    other = book("header", starts_at=START)
    economy = SectionFactory()
    assert running_ids(at=START) == {creative.pk}

    def after(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()
        return running_ids(at=START), running_ids(section_id=economy.pk, at=START)

    sidebar = Slot.objects.get(code="sidebar_top")
    assert after(lambda: other.slots.add(sidebar)) == ({creative.pk, other.pk},) * 2
    assert after(lambda: other.sections.add(economy)) == ({creative.pk}, {creative.pk, other.pk})
    assert after(lambda: other.sections.clear()) == ({creative.pk, other.pk},) * 2
    creative.is_active = False
    assert after(creative.save) == ({other.pk},) * 2
    assert after(lambda: other.slots.remove(sidebar)) == (set(), set())
    assert after(lambda: other.slots.add(sidebar)) == ({other.pk},) * 2
    assert after(other.delete) == (set(), set())


def test_a_change_committed_while_a_plan_was_being_built_is_not_lost():
    """A plan built from data read before a change commits is never served after it."""
    creative = book("sidebar_top", starts_at=START)
    stale = serving.build_plan()  # read before the change...
    Creative.objects.filter(pk=creative.pk).update(is_active=False)
    serving.new_plan_version()  # ...the change commits and purges...
    key = serving.PLAN_CACHE_KEY.format(version=serving.cache.get(serving.PLAN_VERSION_KEY) - 1)
    serving.cache.set(key, stale)  # ...then the slow request stores what it read
    assert running_ids(at=START) == set()


# --- placement ----------------------------------------------------------------------------

P, Q, B, S = Block.Kind.PARAGRAPH, Block.Kind.QUOTE, Block.Kind.BACKGROUND, Block.Kind.SOURCE


def slot(code, after):
    return serving.SlotPlan(code, "article_body", after, 6, 300, 250, 336, 280)


FIRST, SECOND_SLOT, THIRD = slot("article_body_1", 2), slot("article_body_2", 6), slot("b3", 9)


def places(kinds, slots=(FIRST, SECOND_SLOT, THIRD)):
    """{number of blocks before the ad: slot code}."""
    return {
        index + 1: s.code for index, s in serving.body_positions(list(kinds), list(slots)).items()
    }


def test_a_long_article_gets_every_slot_at_its_place():
    """Twelve paragraphs: ads after the 2nd, 6th and 9th block."""
    assert places([P] * 12) == {2: "article_body_1", 6: "article_body_2", 9: "b3"}


def test_short_articles_get_fewer_ads_or_none():
    """Seven blocks: one ad (the second would end the text); two blocks: none at all."""
    assert places([P] * 7) == {2: "article_body_1", 6: "article_body_2"}
    assert places([P] * 6) == {2: "article_body_1"}
    assert places([P] * 2) == {}
    assert places([]) == {}


def test_an_ad_never_sits_next_to_a_quote_or_a_background():
    """An ad neither precedes nor follows a quote or a background block; it moves down."""
    # After 2 would precede the quote, after 3 follow it: the first place is after 4.
    assert places([S, P, Q, P, P, P, P], [FIRST]) == {4: "article_body_1"}
    assert places([S, P, B, P, P, P, P], [FIRST]) == {4: "article_body_1"}
    assert places([P, Q, P, P, P], [FIRST]) == {3: "article_body_1"}
    # Nothing but quotes and backgrounds after the first blocks: no ad rather than a bad one.
    assert places([P, P, Q, B, Q], [FIRST]) == {}
    for kinds in ([P, Q] * 8, [Q, P, P, B] * 4, [S, P, Q, P, B, P, P, Q, P]):
        for after, _code in places(kinds).items():
            assert kinds[after - 1] not in serving.KEEP_APART
            assert kinds[after] not in serving.KEEP_APART


def test_two_ads_are_never_in_a_row():
    """Slots asking for neighbouring places are spread at least two blocks apart."""
    crowded = [slot("x1", 2), slot("x2", 2), slot("x3", 3)]
    assert places([P] * 12, crowded) == {2: "x1", 4: "x2", 6: "x3"}


def test_a_list_gets_an_ad_every_n_items_but_never_after_the_last():
    """Every 6th item of a 20-item list is followed by an ad; a 6-item list gets none."""
    feed = serving.SlotPlan("feed_inline", "feed", 2, 6, 320, 100, 320, 100)
    after = [i for i in range(20) if serving.feed_ad_after(i, feed, last=i == 19)]
    assert after == [5, 11, 17]
    assert [i for i in range(6) if serving.feed_ad_after(i, feed, last=i == 5)] == []


def test_the_creative_states():
    """Running, scheduled, ended and switched off, as the bookings list shows them."""
    now = START
    assert Creative(starts_at=START - SECOND, is_active=True).state(now) == "running"
    assert Creative(starts_at=START + SECOND, is_active=True).state(now) == "scheduled"
    assert Creative(starts_at=START - SECOND, ends_at=START, is_active=True).state(now) == "ended"
    assert Creative(starts_at=START - SECOND, is_active=False).state(now) == "inactive"


def test_deleting_a_section_stops_its_bookings_instead_of_spreading_them(
    django_capture_on_commit_callbacks,
):
    """A creative booked for a deleted section alone is switched off rather than left with no
    section (which would mean everywhere); one targeting other sections too keeps running."""
    doomed, other = SectionFactory(), SectionFactory()
    only_doomed = book("sidebar_top", starts_at=START, sections=[doomed])
    both = book("sidebar_top", starts_at=START, sections=[doomed, other])
    with django_capture_on_commit_callbacks(execute=True):
        doomed.delete()
    only_doomed.refresh_from_db()
    assert not only_doomed.is_active
    assert running_ids(at=START) == set()  # nothing on pages without a section
    assert running_ids(section_id=other.pk, at=START) == {both.pk}


def test_the_plan_and_the_database_agree_on_what_is_running():
    """At every boundary of a set of bookings, the cached plan's rule and running_q() pick the
    same creatives."""
    bookings = [
        book("sidebar_top", starts_at=START, ends_at=END),
        book("sidebar_top", starts_at=START + SECOND),
        book("sidebar_top", starts_at=START - SECOND, ends_at=START),
        book("sidebar_top", starts_at=START, weight=0),
        book("sidebar_top", starts_at=START, is_active=False),
    ]
    moments = {b.starts_at for b in bookings} | {b.ends_at for b in bookings if b.ends_at}
    for at in sorted(moments | {m - SECOND for m in moments} | {m + SECOND for m in moments}):
        plan = serving.get_plan()
        planned = {
            c.id
            for c in plan.creatives
            if c.runs(code="sidebar_top", language="uk", section_id=None, at=at)
        }
        assert planned == set(Creative.objects.running(at).values_list("pk", flat=True)), at
