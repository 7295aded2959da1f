"""SEO title and meta description per language: written in each language tab, locked with the
language's title and lead, used by the page's head (falling back to title and lead), and shown
as a search result and link card with their length against the limits."""

import json
import re

import pytest
from reversion.models import Version

from articles import roles, services
from articles.admin.preview import SEO_DESCRIPTION_LIMIT, SEO_TITLE_LIMIT
from articles.models import Article, Status
from tests.factories import ArticleFactory, live_article, member
from tests.forms import form_data

pytestmark = pytest.mark.django_db


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def head(page):
    return page.split("</head>", 1)[0]


def meta(page, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', head(page))
    return found and found.group(1)


def structured(page):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return next(data for data in map(json.loads, blocks) if data["@type"] == "NewsArticle")


def test_each_language_tab_has_its_seo_fields_and_preview(client, admin_user):
    """Every language tab holds its SEO title, meta description and search/social preview."""
    article = ArticleFactory()
    client.force_login(admin_user)
    page = client.get(change_url(article)).content.decode()
    for code in ("uk", "ru", "en"):
        assert f'name="seo_title_{code}"' in page
        assert f'name="meta_description_{code}"' in page
        assert f'"seo_title": "id_seo_title_{code}"' in page.replace("&quot;", '"')
    assert page.count('class="seo-preview"') == 3


def test_saving_the_form_stores_them_and_keeps_them_in_the_revision(client, admin_user):
    """Typed SEO texts are saved per language and are part of the article's revision."""
    article = ArticleFactory()
    client.force_login(admin_user)
    data = form_data(client.get(change_url(article))) | {
        "seo_title_uk": "Міст відкрили",
        "meta_description_en": "The bridge is open again after two years.",
    }
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.seo_title_uk == "Міст відкрили" and not article.seo_title_en
    assert article.meta_description_en == "The bridge is open again after two years."
    fields = Version.objects.get_for_object(article).first().field_dict
    assert fields["seo_title_uk"] == "Міст відкрили"


def test_the_page_uses_the_seo_texts_and_keeps_the_headline(client):
    """<title>, description, Open Graph use the SEO texts; the visible and JSON-LD headline
    stays the title (search engines want the headline readers see)."""
    article = live_article(
        ["uk"],
        title_uk="Довгий заголовок, який читачі бачать на сторінці",
        lead_uk="Лід статті.",
        seo_title_uk="Короткий заголовок для пошуку",
        meta_description_uk="Опис для пошукових систем.",
    )
    page = client.get(article.get_absolute_url("uk")).content.decode()
    assert "<title>Короткий заголовок для пошуку — " in page
    assert meta(page, "name", "description") == "Опис для пошукових систем."
    assert meta(page, "property", "og:title") == "Короткий заголовок для пошуку"
    assert meta(page, "property", "og:description") == "Опис для пошукових систем."
    assert '<h1 id="article-title">Довгий заголовок, який читачі бачать на сторінці</h1>' in page
    data = structured(page)
    assert data["headline"] == "Довгий заголовок, який читачі бачать на сторінці"
    assert data["description"] == "Опис для пошукових систем."


def test_empty_seo_texts_fall_back_to_title_and_lead(client):
    """Without SEO texts the head says the title and the lead, as before."""
    article = live_article(["uk", "en"], title_uk="Заголовок", lead_uk="Лід.", seo_title_en="X")
    page = client.get(article.get_absolute_url("uk")).content.decode()
    assert "<title>Заголовок — " in page
    assert meta(page, "name", "description") == "Лід."
    assert meta(page, "property", "og:title") == "Заголовок"
    assert meta(page, "property", "og:description") == "Лід."
    # Another language's SEO title never stands in for this one's.
    assert "<title>X" not in page


def test_a_journalist_cannot_change_the_seo_texts_of_a_version_in_review(client):
    """The SEO texts are locked with the title and lead of a language the journalist sent on;
    a crafted change is ignored while the other languages' stay writable."""
    journalist = member(roles.JOURNALISTS, "writer")
    article = ArticleFactory(created_by=journalist, seo_title_uk="Було", title_en="")
    services.article_set_state(article=article, language="uk", status=Status.DRAFT, by=journalist)
    services.article_submit_for_review(article=article, language="uk", by=journalist)
    client.force_login(journalist)
    response = client.get(change_url(article))
    form = response.context["adminform"].form
    assert form.fields["seo_title_uk"].disabled and form.fields["meta_description_uk"].disabled
    assert not form.fields["seo_title_en"].disabled
    data = form_data(response) | {"seo_title_uk": "Змінено", "seo_title_en": "Bridge"}
    assert client.post(change_url(article), data).status_code == 302
    article = Article.objects.get(pk=article.pk)
    assert article.seo_title_uk == "Було" and article.seo_title_en == "Bridge"


def test_the_search_preview_counts_against_the_limits(client, admin_user):
    """The preview shows the SEO title (else the title) with its length against 60, and warns
    past the limit; the description falls back to the lead."""
    long_title = "Д" * (SEO_TITLE_LIMIT + 5)
    article = ArticleFactory(title_uk=long_title, lead_uk="Короткий лід.", title_en="Short")
    client.force_login(admin_user)
    page = client.get(change_url(article)).content.decode()
    counters = re.findall(r'class="seo-counter seo-title-counter( over-limit)?">(\d+)/60', page)
    assert counters[0] == (" over-limit", str(SEO_TITLE_LIMIT + 5))  # uk
    assert counters[2] == ("", "5")  # en
    assert f">13/{SEO_DESCRIPTION_LIMIT}<" in page
