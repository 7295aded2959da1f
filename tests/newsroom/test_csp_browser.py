"""The admin pages editors work in, in a real browser under the real policy: the page fixture
fails the test on any Content-Security-Policy violation (tests/browser.py)."""

import pytest

from tests.factories import PhotoFactory, book, live_article
from tests.twofactor import sign_in_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_admin_pages_break_no_rule_of_the_policy(page, live_server, admin_user):
    """Article list, form (rich-text and block editors, photo), revisions and calendar, and
    the ad list, form and statistics load and run without a violation."""
    article = live_article(["uk"], hero_photo=PhotoFactory())
    creative = book("header", "sidebar_top")
    sign_in_in_browser(page, live_server.url, admin_user, "pw-boss-123!")
    for path in (
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
        f"/admin/articles/article/{article.pk}/revisions/",
        "/admin/articles/article/calendar/",
        "/admin/ads/creative/",
        f"/admin/ads/creative/{creative.pk}/change/",
        "/admin/ads/slot/",
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
    assert page.errors == []
