"""Content-Security-Policy and Permissions-Policy: public pages run nothing inline and carry no
nonce (cached copies included), the admin's inline tags carry a fresh nonce, ad frames keep
their sandbox, and report-only mode sends the same policy without enforcing it."""

import base64
import hashlib
import json
import re
from pathlib import Path

import django_prose_editor
import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory

from ads.serving import SANDBOX
from newsroom.security import PERMISSIONS_POLICY, SecurityHeadersMiddleware, inline_style
from tests.factories import book, live_article
from tests.newsroom.test_settings import PRODUCTION, run

pytestmark = pytest.mark.django_db

CSP = "Content-Security-Policy"
REPORT_ONLY = "Content-Security-Policy-Report-Only"


def policy(response, header=CSP):
    """The policy as {directive: [sources]}."""
    found = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        found[name] = sources
    return found


def sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def inline_styles(page):
    return re.findall(r"<style>(.*?)</style>", page, re.S)


def assert_public_policy(response):
    rules = policy(response)
    page = response.content.decode()
    assert rules["default-src"] == ["'self'"]
    assert rules["script-src"] == ["'self'"]
    # The one inline element is allowed by its own hash, nothing else is.
    assert rules["style-src"] == ["'self'", *(sha256(css) for css in inline_styles(page))]
    assert rules["object-src"] == ["'none'"]
    assert rules["base-uri"] == ["'self'"]
    assert rules["form-action"] == ["'self'"]
    assert rules["frame-src"] == ["'self'"]
    assert rules["img-src"] == ["'self'", "data:"]
    # Framing: what X-Frame-Options says.
    assert response["X-Frame-Options"] == "DENY" and rules["frame-ancestors"] == ["'none'"]
    # Tests talk plain HTTP: nothing to upgrade.
    assert "upgrade-insecure-requests" not in rules
    assert "nonce-" not in response[CSP] and "unsafe-inline" not in response[CSP]
    assert "style-src-attr" not in rules
    # Nothing inline that the policy would refuse: no style attribute, no script but data.
    assert "style=" not in page
    assert page.count("<script") == page.count('<script type="application/ld+json">')
    return rules


@pytest.fixture
def story():
    return live_article(["uk", "ru", "en"])


@pytest.mark.parametrize("language", ["uk", "ru", "en"])
def test_public_pages_allow_nothing_inline_but_their_hashed_ad_sizes(client, story, language):
    """Home and article pages in each language: scripts and styles from the site only, the ad
    sizes' <style> by its hash, no nonce, and JSON-LD (a data block) on the article."""
    book("header", "sidebar_top", "article_body_1")
    home = client.get("/" if language == "uk" else f"/{language}/")
    article = client.get(story.get_absolute_url(language))
    for response in (home, article):
        assert response.status_code == 200
        rules = assert_public_policy(response)
        assert len(rules["style-src"]) == 2  # 'self' and the ad sizes' hash
        assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    (sizes,) = inline_styles(article.content.decode())
    assert ".ad[data-slot='header']{--ad-w:320px;--ad-h:100px;" in sizes
    assert '<script type="application/ld+json">' in article.content.decode()


def test_a_page_without_ads_inlines_nothing(client, story):
    """With nothing booked there is no <style> and no hash: the policy is 'self' alone."""
    response = client.get(story.get_absolute_url("uk"))
    assert inline_styles(response.content.decode()) == []
    assert assert_public_policy(response)["style-src"] == ["'self'"]


def test_a_page_from_the_page_cache_keeps_the_policy_made_for_it(client, story, settings):
    """The stored copy is served with the very header its body was rendered with: no nonce,
    no cookie, the hash of its own <style>."""
    settings.PAGE_CACHE = True
    settings.CACHE_PROXIES = []
    book("header")
    url = story.get_absolute_url("en")
    first, second = client.get(url), client.get(url)
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert second[CSP] == first[CSP]
    assert second["Permissions-Policy"] == first["Permissions-Policy"] == PERMISSIONS_POLICY
    assert_public_policy(second)
    assert not second.cookies and "public" in second["Cache-Control"]


def test_a_public_template_asking_for_a_nonce_gets_none():
    """Code on a public page that asks for a nonce gets an empty one, and the header names
    none: the inline code is refused rather than a nonce cached for every reader."""
    middleware = SecurityHeadersMiddleware(
        lambda request: HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')
    )
    response = middleware(RequestFactory().get("/news/"))
    assert response.content == b'<script nonce="">1</script>'
    assert "nonce-" not in response[CSP]


def nonce_of(response):
    (nonce,) = [
        source[len("'nonce-") : -1]
        for source in policy(response)["script-src"]
        if source.startswith("'nonce-")
    ]
    return nonce


def test_the_admin_gets_a_fresh_nonce_that_its_inline_tags_carry(admin_client):
    """Each admin response has its own nonce in script-src and style-src, and the rich-text
    editor's inline import map (every inline script) carries exactly that nonce."""
    responses = [admin_client.get("/admin/articles/article/add/") for _ in range(2)]
    nonces = [nonce_of(response) for response in responses]
    assert nonces[0] != nonces[1]
    for response, nonce in zip(responses, nonces, strict=True):
        assert response.status_code == 200
        rules = policy(response)
        assert f"'nonce-{nonce}'" in rules["style-src"]
        assert rules["object-src"] == ["'none'"] and rules["frame-ancestors"] == ["'none'"]
        assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
        page = response.content.decode()
        inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page)
        assert any('type="importmap"' in attributes for attributes in inline)
        for attributes in inline:
            assert f'nonce="{nonce}"' in attributes, attributes
        # The editor's styles come from a file; its placeholder <style> is empty and nonced.
        assert f'<style data-tiptap-style nonce="{nonce}"></style>' in page
        assert "admin/newsroom/tiptap.css" in page
        assert re.findall(r"<style[^>]*>", page) == [f'<style data-tiptap-style nonce="{nonce}">']
        # No style attributes either: the admin's own styles live in admin/newsroom/admin.css.
        assert "style-src-attr" not in rules and "'unsafe-inline'" not in response[CSP]
        assert not re.search(r"<[^>]+\sstyle=", page)
        assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_an_ad_frame_keeps_its_sandbox_and_may_be_framed_by_our_pages(client):
    """The frame's own policy stands (the site's would block the tags it runs); it only adds
    frame-ancestors 'self', as its X-Frame-Options SAMEORIGIN says."""
    book("header")
    response = client.get("/ads/slot/header/?l=uk")
    assert response.status_code == 200
    assert response[CSP] == f"sandbox {SANDBOX}; frame-ancestors 'self'"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert REPORT_ONLY not in response
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


@pytest.fixture
def report_only(settings):
    config = settings.CONTENT_SECURITY_POLICY
    del settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {
        "DIRECTIVES": {**config["DIRECTIVES"], "report-uri": ["https://reports.example/csp"]}
    }


def test_report_only_mode_sends_the_policy_without_enforcing_it(client, story, report_only):
    """The same policy, hash included, as Content-Security-Policy-Report-Only with its
    report-uri; the ad frame keeps only its own (enforced) sandbox."""
    book("header")
    response = client.get(story.get_absolute_url("uk"))
    assert CSP not in response
    rules = policy(response, REPORT_ONLY)
    assert rules["script-src"] == ["'self'"]
    assert rules["style-src"] == ["'self'", *map(sha256, inline_styles(response.content.decode()))]
    assert rules["report-uri"] == ["https://reports.example/csp"]
    frame = client.get("/ads/slot/header/?l=uk")
    assert frame[CSP] == f"sandbox {SANDBOX}; frame-ancestors 'self'"
    assert REPORT_ONLY not in frame


def settings_policies(**env):
    """The two policy settings as a production process builds them from `env`."""
    code = (
        "import json; from django.conf import settings as s; print(json.dumps([getattr(s, n, "
        "None) for n in ('CONTENT_SECURITY_POLICY', 'CONTENT_SECURITY_POLICY_REPORT_ONLY')]))"
    )
    result = run(code, **PRODUCTION, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_environment_chooses_enforcing_or_report_only():
    """In production the policy is enforced and upgrades insecure requests; CSP_REPORT_ONLY=1
    sends it report-only (where that directive means nothing) to CSP_REPORT_URI."""
    enforced, none = settings_policies()
    assert none is None
    assert enforced["DIRECTIVES"]["upgrade-insecure-requests"] is True
    assert enforced["DIRECTIVES"]["report-uri"] is None
    none, reported = settings_policies(
        CSP_REPORT_ONLY="1", CSP_REPORT_URI="https://reports.example/csp"
    )
    assert none is None
    assert reported["DIRECTIVES"]["upgrade-insecure-requests"] is False
    assert reported["DIRECTIVES"]["report-uri"] == ["https://reports.example/csp"]
    assert reported["DIRECTIVES"]["script-src"] == ["'self'"]


def test_uploads_on_another_origin_may_be_shown():
    """MEDIA_URL on a CDN adds that origin, and no other, to img-src."""
    enforced, _none = settings_policies(MEDIA_URL="https://cdn.example.org/media/")
    assert enforced["DIRECTIVES"]["img-src"] == ["'self'", "data:", "https://cdn.example.org"]


def test_every_response_denies_the_browser_features_a_news_site_never_uses(
    client, story, admin_client
):
    """Pages, a 404, the API, robots.txt, an ad frame, an ad click and the admin all carry the
    Permissions-Policy: no camera, microphone, location, payment, USB or ad-topic tracking."""
    creative = book("header")
    responses = [
        client.get("/"),
        client.get("/en/no-such-page/"),
        client.get("/api/v1/articles?language=en"),
        client.get("/robots.txt"),
        client.get("/ads/slot/header/?l=uk"),
        client.get(creative.get_absolute_url()),
        client.get("/admin/login/"),
        admin_client.get("/admin/"),
    ]
    for response in responses:
        features = dict(
            rule.strip().split("=", 1) for rule in response["Permissions-Policy"].split(",")
        )
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert features[feature] == "()", (response, feature)
        assert features["browsing-topics"] == features["interest-cohort"] == "()"
        assert features["fullscreen"] == "(self)"
        assert CSP in response


def test_the_static_copy_of_the_editor_styles_is_the_installed_editors():
    """static/admin/newsroom/tiptap.css holds exactly the CSS the installed editor.js would
    inject: an upgrade that changes it fails here, not silently in the editors' browsers."""
    bundle = (
        Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js"
    ).read_text()
    copy = (Path(settings.BASE_DIR) / "static/admin/newsroom/tiptap.css").read_text()
    css = copy[copy.index("*/\n") + 3 :].rstrip("\n")
    assert css.startswith(".ProseMirror {") and f"`{css}`" in bundle


def test_inline_css_that_could_end_its_element_is_refused():
    """Text with '<' never becomes a hashed <style>: it could close the element."""
    assert str(inline_style("a{color:red}")) == "<style>a{color:red}</style>"
    with pytest.raises(ValueError, match="must not contain"):
        inline_style("</style><script>alert(1)</script>")
