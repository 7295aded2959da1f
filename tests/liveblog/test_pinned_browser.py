"""A reader's open live page follows the pinned update: an update no longer pinned takes its
place in the list by time, one newly pinned leaves the list for the box above it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from liveblog import services
from tests.factories import LiveUpdateFactory, live_story

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_unpinning_and_pinning_reach_an_open_live_page_in_place(page, live_server, settings):
    """The former pinned update appears in the list at its time (not offered as new, not
    lost), the new pinned one moves to the box; the reader's scroll stays where it was."""
    settings.LIVEBLOG_POLL_SECONDS = 1
    story = live_story(["uk"], title_uk="Буря над містом")
    now = timezone.now()
    pinned = LiveUpdateFactory(
        article=story, pinned=True, headline="Закріплене", publish_at=now - timedelta(minutes=50)
    )
    listed = {
        minutes: LiveUpdateFactory(
            article=story,
            headline=f"Оновлення за {minutes} хв",
            text=f"<p>{'Текст. ' * 40}</p>",
            publish_at=now - timedelta(minutes=minutes),
        )
        for minutes in (40, 30, 20, 10)
    }
    page.set_viewport_size({"width": 1280, "height": 700})
    page.goto(live_server.url + story.get_absolute_url("uk"))
    expect(page.locator("[data-live-ready]")).to_be_attached()
    headlines = page.locator(".live-updates .live-update h3")
    expect(headlines).to_have_count(4)
    # The reader reads the second-oldest update.
    reading = page.locator(f'[data-update="{listed[30].pk}"]')
    reading.scroll_into_view_if_needed()
    where = reading.bounding_box()["y"]

    services.update_pin(update=pinned, pinned=False)
    services.update_pin(update=listed[20], pinned=True)

    expect(page.locator(".live-pinned [data-update]")).to_have_attribute(
        "data-update", str(listed[20].pk)
    )
    expect(headlines).to_have_text(
        ["Оновлення за 10 хв", "Оновлення за 30 хв", "Оновлення за 40 хв", "Закріплене"]
    )
    assert page.locator(".live-new").is_hidden()  # not offered as new
    assert abs(reading.bounding_box()["y"] - where) <= 1
