"""The ad preview is rendered by the one preview renderer: the same private, no-store, noindex
headers as every article preview, and nothing stored by a shared cache."""

import pytest
from django.contrib.auth.models import Group

from articles import roles
from articles.previews import PREVIEW_CACHE_CONTROL, PREVIEW_ROBOTS
from tests.factories import UserFactory, book, live_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def ad_manager_client(client):
    user = UserFactory(username="admanager", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.AD_MANAGERS))
    client.force_login(user)
    return client


@pytest.mark.parametrize("slot", ["sidebar_top", "feed_inline"])
def test_ad_preview_has_the_preview_headers(ad_manager_client, slot):
    """On an article or on the news list, the ad preview is private, no-store and noindex."""
    for _ in range(3):
        live_article(["uk"])
    creative = book(slot)
    response = ad_manager_client.get(f"/admin/ads/creative/{creative.pk}/preview/{slot}/uk/")
    assert response.status_code == 200
    assert response["Cache-Control"] == PREVIEW_CACHE_CONTROL
    assert response["X-Robots-Tag"] == PREVIEW_ROBOTS
    assert not response.has_header("Surrogate-Key")
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
