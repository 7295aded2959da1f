"""Expiring preview links: an editor or the article's journalist sends one language version to
someone without an account; the link shows the version as it is now, until it expires or is
revoked (410), is never cached or indexed, and never appears in sitemaps, feeds or search."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from articles import previews, roles, seo, services
from articles.models import Block, PreviewLink, Status
from tests.factories import ArticleFactory, book, live_article, member
from tests.htmlcheck import html_errors

pytestmark = pytest.mark.django_db
TITLE = "Таємна чернетка про міст"


@pytest.fixture
def people():
    return {
        "journalist": member(roles.JOURNALISTS, "writer"),
        "colleague": member(roles.JOURNALISTS, "colleague"),
        "editor": member(roles.EDITORS, "editor"),
        "ad_manager": member(roles.AD_MANAGERS, "admanager"),
    }


@pytest.fixture
def draft(people):
    article = ArticleFactory(
        created_by=people["journalist"], title_uk=TITLE, title_en="Secret draft", lead_en="Lead."
    )
    services.article_set_state(
        article=article, language="uk", status=Status.DRAFT, by=people["journalist"]
    )
    Block.objects.create(article=article, language="uk", kind="quote", text="Слова джерела")
    return article


def create_url(article):
    return f"/admin/articles/article/{article.pk}/preview-links/"


def link_url(link):
    return f"/preview/{previews.link_token(link)}/"


def make_link(article, by, **kwargs):
    values = {"language": "uk", "hours": 24, "note": ""} | kwargs
    return previews.preview_link_create(article=article, by=by, **values)


# --- creating and revoking --------------------------------------------------------------------


@pytest.mark.parametrize("who", ["journalist", "editor"])
def test_an_editor_or_the_articles_journalist_creates_a_link(client, people, draft, who):
    """The form's endpoint makes a link for one language and the hours chosen, and answers
    with the updated list showing it."""
    client.force_login(people[who])
    before = timezone.now()
    response = client.post(
        create_url(draft), {"language": "uk", "hours": "48", "note": "Юрист редакції"}
    )
    assert response.status_code == 201
    link = PreviewLink.objects.get()
    assert (link.article, link.language, link.note) == (draft, "uk", "Юрист редакції")
    assert link.created_by == people[who]
    assert before + timedelta(hours=48) <= link.expires_at <= timezone.now() + timedelta(hours=48)
    assert link_url(link) in response.json()["html"]


@pytest.mark.parametrize("who", ["colleague", "ad_manager"])
def test_others_cannot_create_or_revoke_links(client, people, draft, who):
    """A colleague journalist and an ad manager get 403 and change nothing."""
    link = make_link(draft, people["editor"])
    client.force_login(people[who])
    assert client.post(create_url(draft), {"language": "uk", "hours": "2"}).status_code == 403
    revoke = f"/admin/articles/article/{draft.pk}/preview-links/{link.pk}/revoke/"
    assert client.post(revoke).status_code == 403
    assert PreviewLink.objects.get().revoked_at is None
    with pytest.raises(PermissionDenied):
        make_link(draft, people["colleague"])


def test_anonymous_cannot_create_links(client, draft):
    """Without a staff login the endpoint sends to the login page and creates nothing."""
    response = client.post(create_url(draft), {"language": "uk", "hours": "2"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not PreviewLink.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"language": "uk", "hours": "0"},
        {"language": "uk", "hours": "169"},
        {"language": "uk", "hours": "x"},
        {"language": "de", "hours": "2"},
    ],
)
def test_hours_outside_1_to_168_or_an_unknown_language_are_refused(client, people, draft, data):
    """Validity is 1 to 168 hours, for a language of the site; otherwise 400 with a message."""
    client.force_login(people["editor"])
    response = client.post(create_url(draft), data)
    assert response.status_code == 400 and response.json()["error"]
    assert not PreviewLink.objects.exists()


def test_the_form_lists_working_links_with_revoke(client, people, draft):
    """The language tab lists its working links with "Revoke"; a revoked one leaves the list."""
    link = make_link(draft, people["journalist"], note="Джерело")
    ended = make_link(draft, people["journalist"])
    previews.preview_link_revoke(link=ended, by=people["editor"])
    client.force_login(people["journalist"])
    page = client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    assert link_url(link) in page and "Джерело" in page
    assert f"/preview-links/{link.pk}/revoke/" in page
    assert link_url(ended) not in page
    response = client.post(f"/admin/articles/article/{draft.pk}/preview-links/{link.pk}/revoke/")
    assert response.status_code == 200 and link_url(link) not in response.json()["html"]
    link.refresh_from_db()
    assert link.revoked_at is not None


# --- opening a link ---------------------------------------------------------------------------


def test_anyone_opens_a_link_without_logging_in(client, people, draft):
    """The draft as it is now, in the public template, with the banner saying until when."""
    link = make_link(draft, people["editor"])
    draft.title_uk = TITLE + " (виправлено)"
    draft.save()
    response = client.get(link_url(link))
    assert response.status_code == 200
    page = response.content.decode()
    assert TITLE + " (виправлено)" in page and "Слова джерела" in page
    banner = re.search(r'<p class="preview-banner" role="status">(.*?)</p>', page).group(1)
    with translation.override("uk"):
        assert seo.long_datetime(link.expires_at) in banner


def test_a_link_is_never_cached_indexed_or_counted(client, people, draft):
    """Private, no-store, noindex (header and meta); no surrogate keys, no cookie, no ad."""
    book("sidebar_top")
    book("article_after_tags")
    link = make_link(draft, people["editor"])
    response = client.get(link_url(link))
    assert response["Cache-Control"] == previews.PREVIEW_CACHE_CONTROL
    assert response["X-Robots-Tag"] == previews.PREVIEW_ROBOTS
    assert not response.has_header("Surrogate-Key") and not response.cookies
    page = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "/ads/slot/" not in page


def test_a_link_shows_its_own_language(client, people, draft):
    """An English link shows the English version in English."""
    link = make_link(draft, people["editor"], language="en")
    page = client.get(link_url(link)).content.decode()
    assert '<html lang="en">' in page and "Secret draft" in page and TITLE not in page


def test_an_expired_link_is_gone(client, people, draft):
    """Past its time the link answers 410 and shows nothing of the article."""
    link = make_link(draft, people["editor"], hours=1)
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(link_url(link))
    assert response.status_code == 410
    assert TITLE not in response.content.decode()
    assert response["Cache-Control"] == previews.PREVIEW_CACHE_CONTROL


def test_a_revoked_link_is_gone(client, people, draft):
    """Revoked, the link answers 410 at once; revoking again keeps the first time."""
    link = make_link(draft, people["editor"])
    previews.preview_link_revoke(link=link, by=people["journalist"])
    first = link.revoked_at
    previews.preview_link_revoke(link=link, by=people["editor"])
    assert link.revoked_at == first
    response = client.get(link_url(link))
    assert response.status_code == 410 and TITLE not in response.content.decode()


def test_a_link_to_an_article_in_the_trash_is_gone(client, people, draft):
    """Moving the article to the trash ends its links."""
    link = make_link(draft, people["editor"])
    services.article_trash(article=draft, by=people["editor"])
    assert client.get(link_url(link)).status_code == 410


def test_a_tampered_or_foreign_token_is_not_found(client, people, draft):
    """A changed signature, another id signed elsewhere, or a made-up token: 404."""
    link = make_link(draft, people["editor"])
    token = previews.link_token(link)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(f"/preview/{tampered}/").status_code == 404
    foreign = signing.Signer(salt="ads.preview").sign_object(link.pk)
    assert client.get(f"/preview/{foreign}/").status_code == 404
    assert client.get("/preview/nothing/").status_code == 404


def test_a_link_has_one_address_whenever_it_is_shown(people, draft):
    """The address does not change with the clock: the one in the form is the one sent."""
    link = make_link(draft, people["editor"])
    first = previews.link_token(link)
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        assert previews.link_token(link) == first
        assert previews.link_from_token(first) == link


def test_a_link_never_leaks_into_sitemaps_feeds_or_search(client, people, draft):
    """The draft behind a link stays out of every public list, and no list names the link."""
    live_article(["uk"], title_uk="Опублікована новина про міст")
    link = make_link(draft, people["editor"])
    assert client.get(link_url(link)).status_code == 200
    token = previews.link_token(link)
    month = timezone.localdate().strftime("%Y-%m")
    for url in [
        "/sitemap.xml",
        f"/sitemap-articles-{month}.xml",
        "/news-sitemap.xml",
        "/rss/",
        "/rss/full/",
        "/search/?q=міст",
        "/",
        "/news/",
        "/robots.txt",
    ]:
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == 200, url
        assert TITLE not in body and token not in body and "/preview/" not in body, url
    assert "Опублікована новина про міст" in client.get("/search/?q=міст").content.decode()


def test_the_services_check_hours_and_language(people, draft):
    """The services refuse what the endpoint refuses, whoever calls them."""
    with pytest.raises(ValidationError):
        make_link(draft, people["editor"], hours=200)
    with pytest.raises(ValidationError):
        make_link(draft, people["editor"], language="xx")
    assert re.match(r"^[\w:-]+$", previews.link_token(make_link(draft, people["editor"])))


def test_the_link_and_ended_link_pages_are_valid_html(client, people, draft, tmp_path):
    """The validator reports no error on a preview link's page nor on the 410 page."""
    working = make_link(draft, people["editor"])
    ended = make_link(draft, people["editor"])
    previews.preview_link_revoke(link=ended, by=people["editor"])
    pages = {
        name: client.get(link_url(link)).content.decode()
        for name, link in [("working", working), ("ended", ended)]
    }
    assert html_errors(pages, tmp_path) == []


def test_a_colleague_reading_a_live_article_is_offered_no_link(client, people):
    """The form of a colleague's live article lists no share controls and none of the working
    links an editor made (its address would open the unpublished version to anyone)."""
    article = live_article(["uk"], created_by=people["journalist"])
    make_link(article, people["editor"], language="en")
    client.force_login(people["colleague"])
    page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "preview-links" in page and "preview-link-create" not in page
    assert "preview-link-url" not in page and "/revoke/" not in page


def test_the_form_and_the_answers_give_absolute_link_addresses(client, people, draft):
    """The address shown in the form is the one to send, as in the answer to creating one."""
    make_link(draft, people["editor"])
    client.force_login(people["journalist"])
    page = client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    answer = client.post(create_url(draft), {"language": "uk", "hours": "2"}).json()["html"]
    # (A token carries the second it was signed in, so the addresses are matched by their start.)
    for html in (page, answer):
        assert 'href="http://testserver/preview/' in html and 'href="/preview/' not in html


def test_creating_and_revoking_are_logged(caplog, people, draft):
    """Handing unpublished text to outsiders is recorded with who did it."""
    with caplog.at_level("INFO", logger="newsroom.security"):
        link = make_link(draft, people["journalist"])
        previews.preview_link_revoke(link=link, by=people["editor"])
    text = caplog.text
    assert f"preview link created id={link.pk}" in text and "user=writer" in text
    assert f"preview link revoked id={link.pk}" in text and "user=editor" in text
