"""Every page type is valid HTML5 according to the Nu Html Checker (the W3C validator), and has
the structure assistive technology relies on."""

from html.parser import HTMLParser

import pytest

from tests.articles.test_public_site import story  # noqa: F401  (the fixture)
from tests.factories import book, live_article
from tests.htmlcheck import html_errors

pytestmark = pytest.mark.django_db


def pages(client, story):  # noqa: F811
    """Every page type, with an ad booked in every slot, and the ad frames' own documents."""
    article = story["article"]
    author = article.bylines.first().author
    for code in ["header", "footer", "sidebar_top", "feed_inline", "article_after_tags"]:
        book(code)
    book("article_body_1", kind="html", html="<b>tag</b><script>1</script>", image=None)
    for _ in range(8):  # enough news for feed ads
        live_article(["uk"])
    urls = {
        "home": "/",
        "home-en": "/en/",
        "news": "/news/",
        "archive": "/news/date/2024-11-08/",
        "section": article.section.get_absolute_url(),
        "tag": story["tags"][0].get_absolute_url(),
        "author": author.get_absolute_url(),
        "support": "/support/",
        "article-uk": article.get_absolute_url("uk"),
        "article-en": article.get_absolute_url("en"),
        "not-found": "/en/no-such-page/",
        "search": "/en/search/?q=work&since=2024-01-01",
        "search-empty": "/search/?q=((((",
        "ad-frame-image": "/ads/slot/sidebar_top/?l=uk",
        "ad-frame-tag": "/ads/slot/article_body_1/?l=en",
        "ad-frame-empty": "/ads/slot/article_body_2/?l=uk",
    }
    return {name: client.get(url).content.decode() for name, url in urls.items()}


def test_every_page_type_is_valid_html5(client, story, tmp_path):  # noqa: F811
    """The validator reports no error on any page type (uk and en, article and lists, 404)."""
    errors = html_errors(pages(client, story), tmp_path)
    assert errors == []


class Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings, self.landmarks, self.images, self.ids, self.links = [], set(), [], set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        if tag in {"header", "nav", "main", "footer", "aside"}:
            self.landmarks.add(tag)
        if tag == "img":
            self.images.append(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a":
            self.links.append(attrs.get("href", ""))


def test_pages_have_landmarks_one_h1_ordered_headings_and_alt_text(client, story):  # noqa: F811
    """Each page: header/nav/main/footer, a working skip link, one h1, no skipped heading
    level, and every image with an alt attribute (ad frames: the alt attribute)."""
    for name, html in pages(client, story).items():
        outline = Outline()
        if name.startswith("ad-frame"):
            outline.feed(html)
            assert all("alt" in image for image in outline.images), name
            continue
        outline.feed(html)
        assert {"header", "nav", "main", "footer"} <= outline.landmarks, name
        assert outline.links[0] == "#main" and "main" in outline.ids, name
        assert outline.headings.count(1) == 1 and outline.headings[0] == 1, name
        for before, after in zip(outline.headings, outline.headings[1:], strict=False):
            assert after <= before + 1, (name, outline.headings)
        assert all("alt" in image for image in outline.images), name
