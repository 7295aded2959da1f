"""The ad team's admin: who reaches it, bookings with figures, warnings, preview, the form."""

import json
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ads import counters
from ads.models import Creative, DailyStat, Slot
from articles import roles
from articles.models import Article
from tests.factories import book, image_bytes, live_article, member
from tests.forms import form_data

pytestmark = pytest.mark.django_db
KYIV = ZoneInfo("Europe/Kyiv")
ADS_PAGES = ["/admin/ads/creative/", "/admin/ads/creative/add/", "/admin/ads/slot/"]


@pytest.fixture
def ad_manager_client(client):
    client.force_login(member(roles.AD_MANAGERS, "admanager"))
    return client


@pytest.mark.parametrize("role", [roles.JOURNALISTS, roles.EDITORS])
def test_only_ad_managers_and_admins_reach_the_ad_admin(client, admin_user, role):
    """Journalists and editors get 403 on every ad page; ad managers and admins get them."""
    creative = book("sidebar_top")
    pages = [*ADS_PAGES, f"/admin/ads/creative/{creative.pk}/change/", "/admin/ads/dailystat/"]
    client.force_login(member(role))
    for url in pages:
        assert client.get(url).status_code == 403, (role, url)
    client.force_login(member(roles.AD_MANAGERS, "admanager"))
    for url in pages:
        assert client.get(url).status_code == 200, url
    client.force_login(admin_user)
    for url in pages:
        assert client.get(url).status_code == 200, url


def test_an_ad_manager_cannot_touch_articles(ad_manager_client):
    """The ad team's role stops at the ads: articles are 403."""
    assert ad_manager_client.get("/admin/articles/article/").status_code == 403
    assert ad_manager_client.get("/admin/articles/article/add/").status_code == 403


def test_a_journalist_cannot_post_a_creative(client):
    """A crafted POST by a journalist creates nothing."""
    client.force_login(member(roles.JOURNALISTS))
    response = client.post("/admin/ads/creative/add/", {"name": "x", "kind": "html"})
    assert response.status_code == 403
    assert not Creative.objects.exists()


def test_the_bookings_list_shows_state_dates_and_figures(ad_manager_client):
    """Each booking: its slots, dates, state, impressions, clicks and CTR."""
    now = timezone.now()
    running = book("sidebar_top", name="Bakery", starts_at=now - timedelta(days=2))
    book("header", name="Future", starts_at=now + timedelta(days=2))
    book("footer", name="Past", starts_at=now - timedelta(days=9), ends_at=now - timedelta(days=2))
    DailyStat.objects.create(creative=running, day=date(2026, 11, 25), impressions=300, clicks=6)
    DailyStat.objects.create(creative=running, day=date(2026, 11, 26), impressions=100, clicks=2)
    page = ad_manager_client.get("/admin/ads/creative/").content.decode()
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*Bakery(?:(?!</tr>).)*</tr>", page, re.S).group(0)
    cells = [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)
    ]
    assert "sidebar_top" in cells and "у показі" in cells
    assert cells[-3:] == ["400", "8", "2.00%"]
    assert "заплановано" in page and "завершено" in page


def test_the_list_counts_views_not_yet_flushed(ad_manager_client, redis_counts):
    """Opening the bookings list writes the Redis sums first, so its figures are current."""
    creative = book("sidebar_top")
    for _ in range(3):
        counters.count(counters.IMPRESSION, creative.pk)
    counters.count(counters.CLICK, creative.pk)
    ad_manager_client.get("/admin/ads/creative/")
    stat = DailyStat.objects.get(creative=creative)
    assert (stat.impressions, stat.clicks) == (3, 1)


def test_the_change_page_has_a_daily_table(ad_manager_client):
    """The creative's page lists its days, newest first, with impressions, clicks and CTR."""
    creative = book("sidebar_top")
    DailyStat.objects.create(creative=creative, day=date(2026, 11, 25), impressions=200, clicks=1)
    DailyStat.objects.create(creative=creative, day=date(2026, 11, 26), impressions=50, clicks=0)
    page = ad_manager_client.get(f"/admin/ads/creative/{creative.pk}/change/").content.decode()
    table = page[page.index('class="ad-daily"') :]
    assert table.index("2026-11-26") < table.index("2026-11-25")
    assert "<td>200</td><td>1</td><td>0.50%</td>" in table
    assert "<td>50</td><td>0</td><td>0.00%</td>" in table


def test_warnings_for_zero_weight_ended_but_active_and_wrong_sized_images(ad_manager_client):
    """The list warns of a zero-weight booking overlapping others, an ended creative still
    switched on and an image of a size the slot does not have; a good booking gives none."""
    now = timezone.now()
    book("sidebar_top", name="Good")
    book("sidebar_top", name="Zero", weight=0)
    book("sidebar_top", name="Stale", starts_at=now - timedelta(days=5), ends_at=now)
    book(
        "sidebar_top",
        name="Wide",
        image=SimpleUploadedFile("w.png", image_bytes("PNG", size=(728, 90))),
    )
    book(
        "sidebar_top",
        name="Sharp",
        image=SimpleUploadedFile("s.png", image_bytes("PNG", size=(600, 500))),
    )
    page = ad_manager_client.get("/admin/ads/creative/").content.decode()
    warnings = re.findall(r'<li class="warning">(.*?)</li>', page, re.S)
    text = "\n".join(warnings)
    assert "«Zero» має вагу 0" in text and "(4 інші бронювання перетинаються" in text
    assert "«Stale» закінчився" in text
    assert "«Wide»: зображення 728×90 px, а місце sidebar_top — 300×250 px на телефонах" in text
    assert "«Wide»: зображення 728×90 px, а місце sidebar_top — 300×250 px на широких" in text
    assert "Good" not in text and "Sharp" not in text  # twice the size is right for sharp screens
    assert len(warnings) == 4


def test_the_warnings_cost_the_same_queries_for_many_creatives(ad_manager_client):
    """The bookings list with warnings makes as many queries for 2 zero-weight bookings as
    for 12."""

    def list_queries():
        with CaptureQueriesContext(connection) as queries:
            assert ad_manager_client.get("/admin/ads/creative/").status_code == 200
        return len(queries)

    for _ in range(2):
        book("sidebar_top", weight=0)
    few = list_queries()
    for _ in range(10):
        book("sidebar_top", weight=0)
    assert list_queries() == few


def test_a_refused_visitor_gets_no_figures_and_no_warnings(client, ad_manager_client):
    """A journalist sent away from the ad pages finds no campaign names on their next page,
    and their visit wrote no counts."""
    book("sidebar_top", name="Secret campaign", weight=0)
    client.force_login(member(roles.JOURNALISTS, "journalist"))
    assert client.get("/admin/ads/creative/").status_code == 403
    assert client.get("/admin/ads/creative/999999/change/").status_code == 403
    assert "Secret campaign" not in client.get("/admin/").content.decode()


def test_the_ad_admin_works_while_the_counter_store_is_down(ad_manager_client, settings):
    """With Redis unreachable the bookings list still opens, and says its figures may lag."""
    book("sidebar_top")
    settings.ADS_COUNTS_REDIS_URL = "redis://127.0.0.1:1/0"
    for url in ["/admin/ads/creative/", "/admin/ads/dailystat/"]:
        response = ad_manager_client.get(url)
        assert response.status_code == 200
        assert "Сховище лічильників недоступне" in response.content.decode()


def test_previewing_a_scheduled_creative_on_a_real_article(ad_manager_client, client):
    """The preview shows the newest live article with the creative in the chosen slot, and
    nothing else; its frame serves that creative although it has not started; nothing is
    counted."""
    live_article(["uk"], title_uk="Стара новина", at=timezone.now() - timedelta(hours=3))
    newest = live_article(["uk"], title_uk="Свіжа новина")
    book("header")  # running: not in the preview
    later = book("sidebar_top", starts_at=timezone.now() + timedelta(days=3))
    url = f"/admin/ads/creative/{later.pk}/preview/sidebar_top/uk/"
    response = ad_manager_client.get(url)
    assert response.status_code == 200 and "noindex" in response["X-Robots-Tag"]
    page = response.content.decode()
    assert newest.title_uk in page
    slots = re.findall(r'data-slot="([^"]+)"', page)
    assert slots == ["sidebar_top"]
    src = re.search(r'<iframe class="ad-frame" src="([^"]+)"', page).group(1).replace("&amp;", "&")
    frame = client.get(src).content.decode()  # served to anyone holding the signed address
    assert f'<a href="{later.link_url}"' in frame  # straight to the advertiser: no click counted
    counters.flush()
    assert not DailyStat.objects.exists()
    tampered = src[:-2] + ("AA" if not src.endswith("AA") else "BB")
    assert client.get(tampered).status_code == 404
    # The token is for this slot only.
    other_slot = src.replace("/ads/slot/sidebar_top/", "/ads/slot/header/")
    assert client.get(other_slot).status_code == 404


def test_previewing_a_feed_slot_uses_the_news_list(ad_manager_client):
    """A feed slot is previewed between the items of the news list."""
    for _ in range(8):
        live_article(["uk"])
    creative = book("feed_inline")
    url = f"/admin/ads/creative/{creative.pk}/preview/feed_inline/uk/"
    page = ad_manager_client.get(url).content.decode()
    assert page.count('data-slot="feed_inline"') == 1
    assert '<li class="ad ad-feed' in page


def test_preview_needs_the_ads_permission(client):
    """An editor cannot open an ad preview."""
    live_article(["uk"])
    creative = book("sidebar_top")
    client.force_login(member(roles.EDITORS))
    url = f"/admin/ads/creative/{creative.pk}/preview/sidebar_top/uk/"
    assert client.get(url).status_code == 403


# --- the form ----------------------------------------------------------------------------


def creative_post(client, **changes):
    data = form_data(client.get("/admin/ads/creative/add/"))
    data.update(
        {
            "name": "Bakery",
            "slots": [Slot.objects.get(code="sidebar_top").pk],
            "kind": "image",
            "weight": "2",
            "starts_at_0": "2036-12-01",
            "starts_at_1": "09:00:00",
            "ends_at_0": "2036-12-08",
            "ends_at_1": "00:00:00",
            "languages": ["uk", "en"],
            "alt_text": "Хліб щоранку",
            "link_url": "https://bakery.example/autumn",
            "image": SimpleUploadedFile("b.png", image_bytes("PNG", size=(300, 250))),
        }
    )
    data.update(changes)
    return client.post("/admin/ads/creative/add/", data)


def test_an_ad_manager_books_a_creative_in_kyiv_time(ad_manager_client):
    """The form's times are Kyiv's; the database holds UTC; languages and author are kept."""
    response = creative_post(ad_manager_client)
    assert response.status_code == 302, response.content.decode()[:3000]
    creative = Creative.objects.get()
    assert creative.starts_at == datetime(2036, 12, 1, 7, 0, tzinfo=ZoneInfo("UTC"))
    assert creative.ends_at == datetime(2036, 12, 8, 0, 0, tzinfo=KYIV)
    assert creative.languages == ["uk", "en"]
    assert (creative.image_width, creative.image_height) == (300, 250)
    assert creative.created_by.username == "admanager"


def test_a_tag_pasted_into_an_image_creative_is_refused_and_kept(ad_manager_client):
    """Tag code on an image creative is an error; the pasted code is shown again, not lost."""
    code = "<script>network.show('slot-1')</script>"
    response = creative_post(ad_manager_client, html=code)
    assert response.status_code == 200
    assert not Creative.objects.exists()
    errors = response.context["adminform"].form.errors.as_data()
    assert [error.code for error in errors["html"]] == ["unused_html"]
    assert form_data(response)["html"] == code


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"kind": "html", "html": ""}, "html", "required_for_html"),
        ({"alt_text": ""}, "alt_text", "required_for_image"),
        ({"ends_at_0": "2036-11-30"}, "ends_at", "ends_before_start"),
        ({"languages": []}, "languages", "required"),
        (
            {"starts_at_0": "2026-03-29", "starts_at_1": "03:30:00"},
            "starts_at",
            "ambiguous_timezone",
        ),
    ],
)
def test_bad_bookings_are_form_errors(ad_manager_client, changes, field, code):
    """Missing tag code or alt text, an end before the start, no language, a time that does
    not exist in Kyiv (the spring-forward hour): each an error on its field, nothing saved."""
    response = creative_post(ad_manager_client, **changes)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()
    assert code in [error.code for error in errors.get(field, [])], errors
    assert not Creative.objects.exists()


def test_only_editors_switch_an_articles_ads_off(client):
    """The "No ads in" boxes are editable by editors and disabled for journalists."""
    editor = member(roles.EDITORS, "editor")
    client.force_login(editor)
    article = live_article(["uk"])
    page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    box = re.search(r'<input[^>]*name="ads_off_in"[^>]*value="uk"[^>]*>', page).group(0)
    assert "disabled" not in box
    journalist = member(roles.JOURNALISTS, "journalist")
    client.force_login(journalist)
    page = client.get("/admin/articles/article/add/").content.decode()
    box = re.search(r'<input[^>]*name="ads_off_in"[^>]*value="uk"[^>]*>', page).group(0)
    assert "disabled" in box


def test_an_editor_switches_ads_off_for_one_language(client):
    """Ticking "uk" and saving stores it; the Ukrainian page then has no ads."""
    client.force_login(member(roles.EDITORS, "editor"))
    article = live_article(["uk"])
    book("sidebar_top")
    url = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(client.get(url))
    data["ads_off_in"] = ["uk"]
    response = client.post(url, data)
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).ads_off_in == ["uk"]
    assert "data-slot" not in client.get(article.get_absolute_url("uk")).content.decode()


def test_view_on_site_opens_the_advertisers_page_without_counting_a_click(admin_client):
    """The creative form's "View on site" leads to the landing page itself, not through the
    counted click redirect."""
    creative = book("sidebar_top")
    page = admin_client.get(f"/admin/ads/creative/{creative.pk}/change/").content.decode()
    assert f'href="{creative.link_url}"' in page
    assert creative.get_absolute_url() not in page
    assert "/admin/r/" not in page


def test_the_two_list_picker_of_slots_and_sections_speaks_ukrainian(admin_client):
    """The admin's script texts Django leaves untranslated in Ukrainian ("Choose all %s",
    "Remove all %s", …) come from our catalog."""
    catalog = admin_client.get("/admin/jsi18n/").content.decode()
    for english, ukrainian in [
        ("Choose all %s", "Обрати всі: %s"),
        ("Remove all %s", "Прибрати всі: %s"),
        ("(click to clear)", "(натисніть, щоб очистити)"),
    ]:
        # The catalog is JSON, non-ASCII letters escaped.
        assert f"{json.dumps(english)}: {json.dumps(ukrainian)}" in catalog
