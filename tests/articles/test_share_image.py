"""The newsroom's default share image: link cards and structured data of pages without a photo."""

import json
import logging
import re

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from articles import shareimage
from tests.factories import HeroPhotoFactory, live_article

pytestmark = pytest.mark.django_db

OG_IMAGE = re.compile(r'<meta property="og:image" content="http://testserver(/media/[^"]+)">')


def structured_images(page):
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S):
        data = json.loads(block)
        if data["@type"] == "NewsArticle":
            return data.get("image")
    raise AssertionError("no NewsArticle")


def stored_size(url):
    with default_storage.open(url.removeprefix("/media/")) as file, Image.open(file) as image:
        return image.size


def test_an_article_without_a_photo_gets_the_default_image_in_three_shapes(client):
    """Google gets 16:9, 4:3 and 1:1 crops of the default image, each 1,200 px wide."""
    article = live_article(["uk"])
    page = client.get(article.get_absolute_url("uk")).content.decode()
    images = structured_images(page)
    assert len(images) == 3
    sizes = [stored_size(url.removeprefix("http://testserver")) for url in images]
    assert sizes == [(1200, 675), (1200, 900), (1200, 1200)]


def test_link_cards_of_an_article_without_a_photo_show_the_default_image(client):
    """og:image is the 16:9 crop with its size and the site's name as its text."""
    article = live_article(["en"])
    page = client.get(article.get_absolute_url("en")).content.decode()
    [url] = OG_IMAGE.findall(page)
    assert stored_size(url) == (1200, 675)
    assert '<meta property="og:image:width" content="1200">' in page
    assert '<meta property="og:image:height" content="675">' in page
    assert '<meta property="og:image:alt" content="Newsroom">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page


def test_a_hero_photo_wins_over_the_default(client):
    """An article with a hero photo shares the photo's own crops and alt text, not the default."""
    photo = HeroPhotoFactory(alt_text_uk="Міст на світанку")
    article = live_article(["uk"], hero_photo=photo)
    page = client.get(article.get_absolute_url("uk")).content.decode()
    [url] = OG_IMAGE.findall(page)
    assert url.removeprefix("/media/") in str(photo.renditions["16x9"])
    assert "share/" not in page
    assert '<meta property="og:image:alt" content="Міст на світанку">' in page


@pytest.mark.parametrize("path", ["/", "/en/news/", "/ru/search/"])
def test_pages_without_a_photo_of_their_own_share_the_default_image(client, path):
    """The home page and lists give link cards the default image too."""
    live_article(["uk", "ru", "en"])
    page = client.get(path).content.decode()
    [url] = OG_IMAGE.findall(page)
    assert stored_size(url) == (1200, 675)


def test_every_server_finds_the_same_files_instead_of_making_new_ones(client):
    """The names come from the source's content: a second process reuses the stored crops."""
    first = shareimage.default().renditions
    made = sorted(default_storage.listdir("share")[1])
    shareimage._found.clear()  # another process
    assert shareimage.default().renditions == first
    assert sorted(default_storage.listdir("share")[1]) == made and len(made) == 3


def test_a_new_source_image_gets_new_names(settings, tmp_path):
    """Replacing the source changes every name, so no cache keeps showing the old picture."""
    before = shareimage.default().renditions
    source = tmp_path / "ours.png"
    Image.new("RGB", (1600, 1600), "navy").save(source)
    settings.SHARE_IMAGE = str(source)
    after = shareimage.default().renditions
    assert set(after) == {"16x9", "4x3", "1x1"}
    assert not set(map(str, after.values())) & set(map(str, before.values()))
    assert after["1x1"]["jpeg"][0][:2] == [1200, 1200]


@pytest.mark.parametrize("problem", ["missing", "too small"])
def test_a_broken_source_leaves_pages_without_an_image_not_broken(
    client, settings, tmp_path, caplog, problem
):
    """A missing or too small source is logged; the page is served without og:image."""
    source = tmp_path / "share.png"
    if problem == "too small":
        Image.new("RGB", (800, 600), "white").save(source)
    settings.SHARE_IMAGE = str(source)
    article = live_article(["uk"])
    with caplog.at_level(logging.ERROR, logger="articles.shareimage"):
        response = client.get(article.get_absolute_url("uk"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "og:image" not in page and structured_images(page) is None
    assert "could not be made" in caplog.text
    if problem == "too small":
        assert "1200 px in each direction" in caplog.text


def test_a_failed_source_is_tried_again_after_a_while(settings, tmp_path, time_machine):
    """A failure is remembered for a minute (not retried on every page), then tried again."""
    time_machine.move_to("2036-01-01 12:00", tick=False)
    source = tmp_path / "later.png"
    settings.SHARE_IMAGE = str(source)
    assert shareimage.default() is None
    Image.new("RGB", (1300, 1300), "white").save(source)
    assert shareimage.default() is None
    time_machine.shift(shareimage.RETRY_AFTER + 1)
    assert shareimage.default() is not None


def test_no_share_image_when_none_is_set(client, settings):
    """An empty SHARE_IMAGE turns the default off: summary cards, no image."""
    settings.SHARE_IMAGE = ""
    article = live_article(["uk"])
    page = client.get(article.get_absolute_url("uk")).content.decode()
    assert "og:image" not in page
    assert '<meta name="twitter:card" content="summary">' in page
