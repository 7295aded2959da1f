"""Which ads a page gets and which creative a reader sees.

Two decisions, made at two moments:

* **When the page is rendered** (and then possibly cached): which slots the page has. A slot is
  on the page only if something could run in it for this page's language and section — so with
  nothing booked it renders nothing and takes no space — and in-article slots are placed by
  `body_positions`. The page reserves each slot's exact size and loads it in a frame.
* **When the frame is served** (`views.serve`, never cached): which creative runs, by weight, and
  the impression is counted. A cached page therefore still rotates per view and counts every view;
  the page cache only delays a slot's box appearing or disappearing when bookings change (an
  empty box's frame is blank until the page is renewed).

Both read one cached *plan* — every active slot and every active creative that has not ended —
so serving an ad costs no database query once the plan is warm.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from articles.models import Block
from pagecache import keys

from .models import Creative, Slot

# Every frame an ad runs in: scripts and new windows (an ad's link opens one), but never our
# origin — without `allow-same-origin` the ad cannot read the page, its cookies or the session,
# and the page's own Content-Security-Policy need not admit any ad network's scripts.
SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"

PLAN_CACHE_KEY = "ads:plan:v2:{version}"
PLAN_VERSION_KEY = "ads:plan:version"
# Every change to a slot or creative moves to a new plan version (see `purge_plan`); the expiry
# bounds how long a process-local cache (no Redis) can miss a change made by another process.
PLAN_CACHE_SECONDS = 60

# Blocks an ad never sits next to: it would cut a quotation or a background list off from the
# text it belongs to.
KEEP_APART = frozenset({Block.Kind.QUOTE, Block.Kind.BACKGROUND})
# At least this many blocks between two ads in the text: never two ads in a row.
MIN_BLOCKS_BETWEEN_ADS = 2


@dataclass(frozen=True)
class SlotPlan:
    code: str
    placement: str
    after_block: int
    every_items: int
    width: int
    height: int
    width_wide: int
    height_wide: int

    def wide_media(self):
        """The media query that is true inside this slot's frame on wide screens only: the
        frame has the slot's size, so its own width (or height) tells the breakpoint."""
        if self.width_wide != self.width:
            bigger = self.width_wide > self.width
            return f"({'min' if bigger else 'max'}-width: {self.width_wide}px)"
        if self.height_wide != self.height:
            bigger = self.height_wide > self.height
            return f"({'min' if bigger else 'max'}-height: {self.height_wide}px)"
        return None  # the same box everywhere: one image


@dataclass(frozen=True)
class CreativePlan:
    id: int
    kind: str
    slots: frozenset
    languages: frozenset
    sections: frozenset  # empty: every page
    starts_at: datetime
    ends_at: datetime | None
    weight: int
    is_house: bool
    image_url: str = ""
    image_width: int | None = None
    image_height: int | None = None
    image_wide_url: str = ""
    alt_text: str = ""
    link_url: str = ""
    html: str = ""
    click_url: str = ""

    def runs(self, *, code, language, section_id, at) -> bool:
        return (
            code in self.slots
            and language in self.languages
            and (not self.sections or section_id in self.sections)
            and self.starts_at <= at
            and (self.ends_at is None or at < self.ends_at)
            and self.weight > 0
        )


@dataclass
class Plan:
    slots: dict = field(default_factory=dict)  # code → SlotPlan, active slots only
    creatives: list = field(default_factory=list)

    def slots_at(self, placement):
        return [slot for slot in self.slots.values() if slot.placement == placement]


def build_plan() -> Plan:
    plan = Plan()
    for slot in Slot.objects.filter(is_active=True):
        plan.slots[slot.code] = SlotPlan(
            code=slot.code,
            placement=slot.placement,
            after_block=slot.after_block,
            every_items=slot.every_items,
            width=slot.width,
            height=slot.height,
            width_wide=slot.width_wide,
            height_wide=slot.height_wide,
        )
    creatives = Creative.objects.not_ended().filter(weight__gt=0).prefetch_related("slots")
    for creative in creatives.prefetch_related("sections"):
        plan.creatives.append(creative_plan(creative))
    return plan


def creative_plan(creative: Creative) -> CreativePlan:
    return CreativePlan(
        id=creative.pk,
        kind=creative.kind,
        slots=frozenset(slot.code for slot in creative.slots.all()),
        languages=frozenset(creative.languages),
        sections=frozenset(section.pk for section in creative.sections.all()),
        starts_at=creative.starts_at,
        ends_at=creative.ends_at,
        weight=creative.weight,
        is_house=creative.is_house,
        image_url=creative.image.url if creative.image else "",
        image_width=creative.image_width,
        image_height=creative.image_height,
        image_wide_url=creative.image_wide.url if creative.image_wide else "",
        alt_text=creative.alt_text,
        link_url=creative.link_url,
        html=creative.html,
        click_url=creative.get_absolute_url(),
    )


def get_plan() -> Plan:
    """The plan of the current version. A plan built from data read just before a change was
    committed is stored under the old version, which nobody reads after the change."""
    key = PLAN_CACHE_KEY.format(version=cache.get_or_set(PLAN_VERSION_KEY, 1, None))
    plan = cache.get(key)
    if plan is None:
        plan = build_plan()
        cache.set(key, plan, PLAN_CACHE_SECONDS)
    return plan


def new_plan_version():
    try:
        cache.incr(PLAN_VERSION_KEY)
    except ValueError:  # no version yet (or evicted): any new one is a new plan
        cache.set(PLAN_VERSION_KEY, 2, None)


def purge_plan(**kwargs):
    """Receiver of every change to slots, creatives and their links (apps.py), after commit."""
    transaction.on_commit(new_plan_version)


def candidates(plan: Plan, code: str, *, language: str, section_id=None, at=None) -> list:
    """The creatives that may run in slot `code` at `at`: the paid ones, or if there are none,
    the house ads."""
    if code not in plan.slots or language not in settings.ADS_LANGUAGES:
        return []
    at = at or timezone.now()
    running = [
        creative
        for creative in plan.creatives
        if creative.runs(code=code, language=language, section_id=section_id, at=at)
    ]
    paid = [creative for creative in running if not creative.is_house]
    return paid or running


def choose(creatives, rng=random):
    """One creative, each with a chance proportional to its weight; None if there is none."""
    if not creatives:
        return None
    return rng.choices(creatives, weights=[creative.weight for creative in creatives])[0]


def page_slots(plan: Plan, placement: str, *, language: str, section_id=None, at=None) -> list:
    """The slots of `placement` that have something to show on this page."""
    return [
        slot
        for slot in plan.slots_at(placement)
        if candidates(plan, slot.code, language=language, section_id=section_id, at=at)
    ]


def body_positions(kinds: list, slots: list) -> dict:
    """Where the in-article slots go: {index of the block the ad follows: slot}.

    Each slot wants to follow block number `after_block` (1-based); it moves down to the first
    place that is not next to a quote or a background, leaves at least MIN_BLOCKS_BETWEEN_ADS
    blocks after the previous ad, and has a block after it (an ad never ends the text). A slot
    that finds no such place is left out, so short articles get fewer ads or none.
    """
    positions = {}
    earliest = 1
    for slot in sorted(slots, key=lambda slot: (slot.after_block, slot.code)):
        after = max(slot.after_block, earliest)
        while after < len(kinds) and (kinds[after - 1] in KEEP_APART or kinds[after] in KEEP_APART):
            after += 1
        if after >= len(kinds):
            continue
        positions[after - 1] = slot
        earliest = after + MIN_BLOCKS_BETWEEN_ADS
    return positions


def feed_ad_after(index: int, slot: SlotPlan, *, last: bool) -> bool:
    """Whether an ad follows list item `index` (0-based): after every `every_items` items,
    never after the last."""
    return not last and (index + 1) % max(slot.every_items, 2) == 0


class PageAds:
    """The ads of one page: which slots it shows and where, for templates (`{% load ads %}`).

    `off`: the article asked for no ads in this language. `preview`: (slot code, token) from the
    ad admin — only that slot shows, with the previewed creative, and nothing is counted.
    """

    def __init__(self, *, language, section_id=None, off=False, body_kinds=(), preview=None):
        self.language = language
        self.section_id = section_id
        self.off = off
        self.body_kinds = list(body_kinds)
        self.preview = preview
        self._plan = None
        self._slots = {}

    @property
    def plan(self):
        if self._plan is None:
            # Which slots a page shows comes from the bookings: the page is purged with them.
            keys.add(keys.ADS)
            self._plan = get_plan()
        return self._plan

    def slots(self, placement) -> list:
        if placement not in self._slots:
            if self.preview:
                code, _token = self.preview
                found = [s for s in self.plan.slots_at(placement) if s.code == code]
            elif self.off:
                found = []
            else:
                found = page_slots(
                    self.plan, placement, language=self.language, section_id=self.section_id
                )
            self._slots[placement] = found
        return self._slots[placement]

    def after(self, placement, index, last=False):
        """The slot that follows item `index` of the article body or of a news list, if any."""
        if placement == Slot.Placement.ARTICLE_BODY:
            if "positions" not in self._slots:
                self._slots["positions"] = body_positions(self.body_kinds, self.slots(placement))
            return self._slots["positions"].get(index)
        # Several feed slots may share a list; the first whose rhythm falls here takes it.
        return next(
            (slot for slot in self.slots(placement) if feed_ad_after(index, slot, last=last)),
            None,
        )

    def src(self, slot) -> str:
        query = {"l": self.language}
        if self.section_id:
            query["s"] = self.section_id
        if self.preview:
            query["preview"] = self.preview[1]
        return f"{reverse('ads:serve', kwargs={'code': slot.code})}?{urlencode(query)}"
