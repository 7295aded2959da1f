"""The read-only JSON API: live content of the requested language only, structured blocks,
stable cursor paging, clear 400s, CORS for GET, and an OpenAPI schema the responses match."""

import json
from datetime import timedelta

import jsonschema
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Block
from tests.distribution import assert_only_live, cast  # noqa: F401  (the fixture)
from tests.factories import PhotoFactory, live_article

pytestmark = pytest.mark.django_db


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:300])
    return response.json()


def endpoints(cast, language):  # noqa: F811
    return [
        f"/api/v1/articles?language={language}",
        f"/api/v1/articles?language={language}&section={cast['section'].slug}",
        f"/api/v1/articles?language={language}&tag={cast['tag'].slug}",
        f"/api/v1/articles?language={language}&author={cast['author'].slug}",
    ]


@pytest.mark.parametrize("language", ["uk", "ru", "en"])
def test_lists_hold_live_articles_of_the_language_only(client, cast, language):  # noqa: F811
    """Every list, filtered or not, has the live article and none a reader must not see; the
    scheduled one appears at its minute."""
    for url in endpoints(cast, language):
        assert_only_live(json.dumps(get(client, url), ensure_ascii=False), language)
    with time_machine.travel(cast["at"]):
        for url in endpoints(cast, language):
            text = json.dumps(get(client, url), ensure_ascii=False)
            assert_only_live(text, language, scheduled_live=True)


@pytest.mark.parametrize("language", ["uk", "ru", "en"])
def test_an_article_is_found_only_where_it_is_live(client, cast, language):  # noqa: F811
    """Detail answers for the live article and 404 for draft, scheduled, unpublished and
    other-language versions."""
    articles = cast["articles"]
    body = get(client, f"/api/v1/articles/{articles['live'].pk}?language={language}")
    assert body["title"] == getattr(articles["live"], f"title_{language}")
    hidden = ["draft", "scheduled", "unpublished", "expired", "trashed"]
    hidden += ["elsewhere"] if language != "uk" else []
    for kind in hidden:
        get(client, f"/api/v1/articles/{articles[kind].pk}?language={language}", status=404)


def test_the_detail_carries_the_body_as_typed_blocks(client):
    """Paragraphs keep their sanitised HTML, backgrounds their list, photos their image, and a
    "read also" link to a story not live in the language is left out."""
    article = live_article(["en"], title_en="Bridge reopens", hero_photo=PhotoFactory())
    hidden = live_article(["uk"])
    shown = live_article(["en"], title_en="Earlier repairs")
    photo = PhotoFactory(alt_text_en="The bridge", caption_en="Open again", credit_en="Photo: us")
    rows = [
        {"kind": "paragraph", "text": "<p>Traffic is <b>back</b>.</p>"},
        {"kind": "quote", "text": "We are proud.", "attribution": "the mayor"},
        {"kind": "background", "items": "One\nTwo"},
        {"kind": "photo", "photo": photo},
        {"kind": "read_also", "link_article": hidden},
        {"kind": "read_also", "link_article": shown},
    ]
    for position, row in enumerate(rows):
        Block.objects.create(article=article, language="en", position=position, **row)
    body = get(client, f"/api/v1/articles/{article.pk}?language=en")
    kinds = [block["kind"] for block in body["blocks"]]
    assert kinds == ["paragraph", "quote", "background", "photo", "read_also"]
    paragraph, quote, background, picture, read_also = body["blocks"]
    assert paragraph["text"] == "<p>Traffic is <b>back</b>.</p>"
    assert quote["attribution"] == "the mayor"
    assert background["items"] == ["One", "Two"]
    assert picture["image"]["alt"] == "The bridge" and picture["image"]["credit"] == "Photo: us"
    assert picture["image"]["url"].startswith("http://testserver/media/")
    assert read_also["link"] == {
        "id": shown.pk,
        "title": "Earlier repairs",
        "url": f"http://testserver{shown.get_absolute_url('en')}",
    }
    assert body["image"]["width"] > 0 and body["url"].endswith(article.get_absolute_url("en"))


def test_cursor_paging_is_stable_while_news_is_published(client):
    """Walking the list two at a time gives every live article once, in order, even when new
    ones are published between the pages."""
    now = timezone.now()
    old = [live_article(["en"], at=now - timedelta(hours=h)) for h in range(1, 8)]
    seen, cursor = [], None
    for step in range(10):
        url = "/api/v1/articles?language=en&limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = get(client, url)
        seen += [item["id"] for item in page["items"]]
        live_article(["en"], at=timezone.now() - timedelta(seconds=step))  # breaking news
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [article.pk for article in old]


def test_filters_by_since(client):
    """`since` keeps the articles published from that moment on."""
    now = timezone.now()
    recent = live_article(["en"], at=now - timedelta(hours=1))
    live_article(["en"], at=now - timedelta(days=3))
    since = (now - timedelta(days=1)).isoformat().replace("+00:00", "Z")
    items = get(client, f"/api/v1/articles?language=en&since={since}")["items"]
    assert [item["id"] for item in items] == [recent.pk]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/articles?language=de",
        "/api/v1/articles?cursor=not-a-cursor!",
        "/api/v1/articles?limit=0",
        "/api/v1/articles?limit=101",
        "/api/v1/articles?since=yesterday",
        "/api/v1/tags?page=0",
        "/api/v1/articles/1?language=xx",
        "/api/v1/articles?section=%00",
        "/api/v1/articles?tag=%D0%B4%00x",
        "/api/v1/tags?page=99999999999999999999",
        "/api/v1/authors?page=10001",
    ],
)
def test_bad_parameters_get_a_clear_400(client, url):
    """A wrong language, cursor, limit, time or page is a 400 (422 for malformed types) with a
    message, never a 500."""
    response = client.get(url)
    assert response.status_code in (400, 422), (url, response.status_code)
    assert response.json()["detail"]


def test_get_is_open_to_other_sites_and_nothing_else_is_allowed(client, cast):  # noqa: F811
    """CORS allows GET from any origin without credentials; writing is not possible."""
    response = client.get("/api/v1/sections", headers={"Origin": "https://partner.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        "/api/v1/articles",
        headers={"Origin": "https://partner.example", "Access-Control-Request-Method": "GET"},
    )
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert client.post("/api/v1/articles", {}).status_code == 405
    page = client.get("/en/", headers={"Origin": "https://partner.example"})
    assert "Access-Control-Allow-Origin" not in page  # the site itself is not opened up


def test_the_schema_is_served_and_every_response_matches_it(client, cast):  # noqa: F811
    """/api/v1/openapi.json is an OpenAPI 3.1 document, and each endpoint's real response
    validates against the schema it declares."""
    schema = get(client, "/api/v1/openapi.json")
    assert schema["openapi"].startswith("3.1")
    live = cast["articles"]["live"]
    calls = {
        "/api/v1/articles": "/api/v1/articles?language=en",
        "/api/v1/articles/{article_id}": f"/api/v1/articles/{live.pk}?language=en",
        "/api/v1/sections": "/api/v1/sections?language=ru",
        "/api/v1/tags": "/api/v1/tags?language=uk",
        "/api/v1/authors": "/api/v1/authors?language=en",
    }
    assert set(schema["paths"]) == set(calls)
    for path, url in calls.items():
        declared = schema["paths"][path]["get"]["responses"]["200"]["content"]
        response_schema = {
            **declared["application/json"]["schema"],
            "components": schema["components"],
        }
        body = get(client, url)
        jsonschema.validate(body, response_schema, cls=jsonschema.Draft202012Validator)
        assert body["items" if "items" in body else "title"]
    broken = {**get(client, calls["/api/v1/sections"]), "items": [{"slug": 1}]}
    sections_schema = {
        **schema["paths"]["/api/v1/sections"]["get"]["responses"]["200"]["content"][
            "application/json"
        ]["schema"],
        "components": schema["components"],
    }
    with pytest.raises(jsonschema.ValidationError):  # the check does bite
        jsonschema.validate(broken, sections_schema, cls=jsonschema.Draft202012Validator)


def test_lists_cost_a_fixed_number_of_queries(client, cast, steady_minute):  # noqa: F811
    """The article list takes the same queries for 2 items as for 20."""

    def queries():
        with CaptureQueriesContext(connection) as captured:
            get(client, "/api/v1/articles?language=en&limit=50")
        return len(captured)

    queries()  # the next scheduled change (a cache lifetime limit) is read once a minute
    few = queries()
    for _ in range(18):
        live_article(["en"], hero_photo=PhotoFactory())
    assert queries() == few


def test_tags_and_authors_are_those_with_live_news_in_the_language(client, cast):  # noqa: F811
    """The cast's tag and author are listed in every language with their names there; a tag
    known only from a draft is not."""
    from tests.factories import ArticleFactory, TagFactory, tag_article

    tag_article(ArticleFactory(), TagFactory(name_en="Unseen"))
    tags = get(client, "/api/v1/tags?language=en")
    assert [t["name"] for t in tags["items"]] == ["Border"] and tags["next_page"] is None
    authors = get(client, "/api/v1/authors?language=ru")
    assert [a["name"] for a in authors["items"]] == ["Ирина Бойко"]


def test_an_article_id_beyond_any_integer_is_simply_not_found(client):
    """A 23-digit id is a 404, not a database error."""
    assert client.get("/api/v1/articles/99999999999999999999999").status_code == 404


def test_the_cursor_keeps_articles_published_in_the_same_second_apart(client):
    """Five stories with one publication time are each listed once across pages of two."""
    at = timezone.now().replace(microsecond=0) - timedelta(hours=1)
    same = {live_article(["en"], at=at).pk for _ in range(5)}
    seen, cursor = [], None
    while True:
        url = "/api/v1/articles?language=en&limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = get(client, url)
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(same) and len(seen) == 5


def test_the_reference_page_works_without_any_cdn(client):
    """/api/v1/docs renders the schema with the Swagger UI shipped in the package."""
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn.jsdelivr.net" not in page
