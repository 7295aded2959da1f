"""The photo pickers' autocomplete: the admin's answer with each photo's thumbnail, for those
who may see the photo library, and the chosen photo's thumbnail in the form."""

import pytest

from articles import roles
from tests.factories import ArticleFactory, BlockFactory, PhotoFactory, member

pytestmark = pytest.mark.django_db
URL = "/admin/articles/photo/autocomplete/"
HERO = {"app_label": "articles", "model_name": "article", "field_name": "hero_photo"}
BLOCK = {"app_label": "articles", "model_name": "block", "field_name": "photo"}


def test_suggestions_carry_the_thumbnail(admin_client):
    """Each suggestion has its id, caption and thumbnail address."""
    photo = PhotoFactory(caption_uk="Міст уночі")
    PhotoFactory(caption_uk="Площа")
    response = admin_client.get(URL, {**HERO, "term": "Міст"})
    assert response.status_code == 200
    assert response.json()["results"] == [
        {"id": str(photo.pk), "text": str(photo), "thumbnail": photo.thumbnail.url}
    ]


@pytest.mark.parametrize("role", [roles.JOURNALISTS, roles.EDITORS])
def test_journalists_and_editors_may_pick_photos(client, role):
    """Those who write articles get the suggestions, for the hero photo and photo blocks."""
    PhotoFactory(caption_uk="Міст")
    client.force_login(member(role, "writer"))
    for field in (HERO, BLOCK):
        response = client.get(URL, {**field, "term": "Міст"})
        assert response.status_code == 200
        assert response.json()["results"][0]["thumbnail"]


def test_ad_managers_get_403(client):
    """Ad managers do not see the photo library."""
    PhotoFactory(caption_uk="Міст")
    client.force_login(member(roles.AD_MANAGERS, "ads"))
    assert client.get(URL, {**HERO, "term": "Міст"}).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    """No suggestions without a session: the admin's login page instead."""
    PhotoFactory(caption_uk="Міст")
    response = client.get(URL, {**HERO, "term": "Міст"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_only_photo_fields_are_answered(admin_client):
    """A request naming a field that is not a photo picker is refused, as Django's own view
    refuses it."""
    assert admin_client.get(URL, {**HERO, "field_name": "section"}).status_code == 403


def test_queries_do_not_grow_with_the_suggestions(admin_client, django_assert_max_num_queries):
    """A page of twenty suggestions costs what a page of one does."""
    for number in range(25):
        PhotoFactory(caption_uk=f"Міст {number}")
    with django_assert_max_num_queries(8):
        response = admin_client.get(URL, {**HERO, "term": "Міст"})
    assert len(response.json()["results"]) == 20


def test_the_form_shows_the_chosen_photos_thumbnails(admin_client):
    """The hero photo and a photo block render their chosen option with its thumbnail, and
    point to the autocomplete with thumbnails."""
    hero, inside = PhotoFactory(), PhotoFactory()
    article = ArticleFactory(hero_photo=hero)
    BlockFactory(article=article, kind="photo", text="", photo=inside)
    page = admin_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert f'data-thumbnail="{hero.thumbnail.url}"' in page
    assert f'data-thumbnail="{inside.thumbnail.url}"' in page
    assert f'data-ajax--url="{URL}"' in page
    assert "admin/newsroom/photo_picker.js" in page
