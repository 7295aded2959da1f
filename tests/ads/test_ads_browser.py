"""Ads in real headless Chromium: the slots at their places, nothing moves when they load, a
third-party tag is locked in its sandbox, and a click goes through the counter."""

import pytest

from ads import counters
from ads.models import DailyStat
from articles.models import Block
from tests.browser import BEST_PRACTICE, accessibility_violations, screenshot
from tests.factories import TagFactory, book, live_article, tag_article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SNOOPING_TAG = """<p id="out">loading</p><script>
var found = [];
try { found.push(document.cookie === "" ? "no-cookies" : "COOKIES:" + document.cookie); }
catch (error) { found.push("cookies-blocked"); }
try { found.push("PAGE:" + window.top.document.title); }
catch (error) { found.push("page-blocked"); }
document.getElementById("out").textContent = found.join(" ");
</script>"""

# Where everything around the ads is, in page coordinates.
LAYOUT = """() => [...document.querySelectorAll(
  "h1, .lead, .article-body > *, .support-cta, .tags, .related, .recent-news, .site-footer"
)].map((node) => { const box = node.getBoundingClientRect();
  return [node.className || node.tagName, Math.round(box.top + scrollY), Math.round(box.height)]; })
"""


@pytest.fixture
def story(live_server):
    article = live_article(["uk"], title_uk="Міст відкрили після ремонту")
    tag_article(article, TagFactory(name_uk="Київ"))
    kinds = ["source", "details", "paragraph", "quote", "paragraph", "paragraph", "paragraph"]
    for position, kind in enumerate([*kinds, "paragraph", "paragraph"]):
        Block.objects.create(
            article=article,
            language="uk",
            kind=kind,
            text="<p>Текст абзацу.</p>",
            position=position,
        )
    # The landing page is the site's own support page: the test runs without the internet.
    bakery = book(
        "article_body_1",
        "article_after_tags",
        "sidebar_top",
        "header",
        link_url=f"{live_server.url}/support/",
    )
    book("article_body_2", kind="html", html=SNOOPING_TAG, image=None, alt_text="", link_url="")
    return article, bakery


@pytest.mark.parametrize(("device", "viewport"), [("desktop", (1280, 900)), ("phone", (390, 844))])
def test_booked_ads_show_in_place_without_moving_the_page(
    page, live_server, story, device, viewport
):
    """Header, body, after-tags and sidebar ads show at their places with their images loaded,
    at the slot's reserved size, and nothing on the page moves when they arrive."""
    article, _bakery = story
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    held = []
    page.route("**/ads/slot/**", lambda route: held.append(route))  # held back until measured
    # Not "load": that waits for the held frames too.
    page.goto(f"{live_server.url}{article.get_absolute_url('uk')}", wait_until="domcontentloaded")
    page.wait_for_function("[...document.styleSheets].every((sheet) => sheet.cssRules.length)")
    page.wait_for_function("document.fonts.status === 'loaded'")
    assert held, "the header ad is requested at once"
    before = page.evaluate(LAYOUT)

    for route in held:
        route.continue_()
    page.unroute("**/ads/slot/**")
    # Bring every (lazy) frame in, then let them all load.
    for index in range(page.locator(".ad-frame").count()):
        page.locator(".ad-frame").nth(index).scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_load_state("networkidle")

    codes = page.eval_on_selector_all(".ad", "ads => ads.map(ad => ad.dataset.slot)")
    assert codes == [
        "header",
        "article_body_1",
        "article_body_2",
        "article_after_tags",
        "sidebar_top",
    ]
    blocks_before = page.eval_on_selector_all(
        ".article-body > *",
        "nodes => nodes.map(n => n.classList.contains('ad') ? n.dataset.slot : 'block')",
    )
    assert blocks_before.index("article_body_1") == 2  # after source and details
    assert blocks_before[blocks_before.index("article_body_1") + 1] != "quote"

    wide = viewport[0] >= 1024
    expected = {
        "header": (728, 90) if wide else (320, 100),
        "article_body_1": (336, 280) if wide else (300, 250),
        "sidebar_top": (300, 250),
    }
    for code, (width, height) in expected.items():
        box = page.locator(f'.ad[data-slot="{code}"] .ad-frame').bounding_box()
        assert (round(box["width"]), round(box["height"])) == (width, height), code

    loaded = {
        frame.url.split("/ads/slot/")[1].split("/")[0]: frame.evaluate(
            "() => { const i = document.querySelector('img'); "
            "return Boolean(i && i.complete && i.naturalWidth > 0) }"
        )
        for frame in page.frames
        if "/ads/slot/" in frame.url
    }
    assert loaded == {
        "header": True,
        "article_body_1": True,
        "article_body_2": False,  # the third-party tag: no image, its own frame inside
        "article_after_tags": True,
        "sidebar_top": True,
    }
    assert page.evaluate(LAYOUT) == before
    assert page.errors == []
    screenshot(page, f"ads-article-{device}")

    # Control: the measure does see a frame that changes size.
    page.locator(".ad-frame").first.evaluate("frame => { frame.style.height = '400px'; }")
    assert page.evaluate(LAYOUT) != before


def test_a_third_party_tag_runs_but_sees_neither_cookies_nor_the_page(page, live_server, story):
    """The tag's script runs inside its frame, yet reading the cookie or the page fails."""
    article, _bakery = story
    page.context.add_cookies([{"name": "reader", "value": "secret", "url": live_server.url}])
    page.goto(f"{live_server.url}{article.get_absolute_url('uk')}")
    assert page.evaluate("document.cookie") == "reader=secret"  # the page itself can read it
    page.locator('.ad[data-slot="article_body_2"]').scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    tag_frame = next(frame for frame in page.frames if frame.url == "about:srcdoc")
    tag_frame.wait_for_function("document.getElementById('out').textContent !== 'loading'")
    result = tag_frame.evaluate("document.getElementById('out').textContent")
    assert result == "cookies-blocked page-blocked"
    assert "secret" not in result and "Міст" not in result


def test_a_click_opens_the_advertiser_and_is_counted(page, live_server, story):
    """Clicking the image opens the landing page in a new tab through the counted address."""
    article, bakery = story
    page.goto(f"{live_server.url}{article.get_absolute_url('uk')}")
    frame = next(f for f in page.frames if "/ads/slot/header/" in f.url)
    link = frame.locator("a")
    assert link.get_attribute("rel") == "sponsored noopener"
    with page.context.expect_page() as opened:
        link.click()
    landing = opened.value
    landing.wait_for_load_state()
    assert landing.url == f"{live_server.url}/support/"
    counters.flush()
    assert DailyStat.objects.get(creative=bakery).clicks == 1


def test_pages_with_ads_pass_wcag_21_aa_and_best_practice_checks(page, live_server, story):
    """With an ad booked in every placement, axe finds no violation on an article or a news list:
    frames have titles, labels have contrast, and every ad sits in a landmark."""
    article, _bakery = story
    for number in range(8):
        live_article(["uk"], title_uk=f"Новина {number}")
    book("footer", "feed_inline", link_url=f"{live_server.url}/support/")
    for path in [article.get_absolute_url("uk"), "/news/"]:
        page.goto(f"{live_server.url}{path}")
        placements = page.eval_on_selector_all(".ad", "ads => ads.map(ad => ad.className)")
        assert {"ad ad-header", "ad ad-sidebar", "ad ad-footer"} <= set(placements), path
        assert accessibility_violations(page, tags=BEST_PRACTICE) == [], path
    assert "ad ad-feed" in placements
