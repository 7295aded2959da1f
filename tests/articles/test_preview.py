"""Preview: the real public template for any version, only for those who may edit the article,
never cached, never indexed."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles import roles, services
from articles.models import Block, Status
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def preview_url(article, language="uk"):
    return f"/admin/articles/article/{article.pk}/preview/{language}/"


def staff(role, username):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def draft():
    author = staff(roles.JOURNALISTS, "writer")
    article = ArticleFactory(created_by=author, title_uk="Чернетка для перегляду", title_en="")
    services.article_set_state(article=article, language="uk", status=Status.DRAFT, by=author)
    Block.objects.create(article=article, language="uk", kind="quote", text="Слова героя")
    return article


@pytest.mark.parametrize("who", ["author", "editor", "admin"])
def test_those_who_may_edit_see_the_preview(client, admin_user, draft, who):
    """The author, editors and admins see the draft in the public template."""
    user = {"author": draft.created_by, "editor": staff(roles.EDITORS, "ed"), "admin": admin_user}
    client.force_login(user[who])
    response = client.get(preview_url(draft))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Чернетка для перегляду" in page and "Слова героя" in page
    assert 'class="preview-banner"' in page and 'content="noindex, nofollow"' in page


def test_preview_is_never_cached_or_indexed(client, admin_user, draft):
    """Preview responses are private, no-store and noindex."""
    client.force_login(admin_user)
    response = client.get(preview_url(draft))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize("who", ["colleague", "ad manager"])
def test_others_get_403(client, draft, who):
    """A colleague journalist or an ad manager gets 403, and no text of the draft."""
    role = roles.JOURNALISTS if who == "colleague" else roles.AD_MANAGERS
    client.force_login(staff(role, "other"))
    response = client.get(preview_url(draft))
    assert response.status_code == 403
    assert "Чернетка для перегляду".encode() not in response.content


def test_anonymous_readers_are_sent_to_log_in(client, draft):
    """Without a staff login the preview is a redirect to the admin login."""
    response = client.get(preview_url(draft))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_preview_shows_a_scheduled_version_the_public_url_does_not(client, admin_user):
    """A version scheduled for tomorrow: preview 200, public address 404."""
    article = ArticleFactory(title_uk="Завтрашня новина")
    services.article_publish(article=article, language="uk", at=timezone.now() + timedelta(days=1))
    assert client.get(article.get_absolute_url("uk")).status_code == 404
    client.force_login(admin_user)
    response = client.get(preview_url(article))
    assert response.status_code == 200 and "Завтрашня новина" in response.content.decode()


def test_preview_of_each_language_uses_that_language(client, admin_user):
    """The en preview is in English: labels, dates, html lang."""
    article = ArticleFactory(title_en="English draft")
    Block.objects.create(article=article, language="en", kind="source", text="the mayor")
    client.force_login(admin_user)
    page = client.get(preview_url(article, "en")).content.decode()
    assert '<html lang="en">' in page and "Source:" in page and "English draft" in page
    assert client.get(preview_url(article, "xx")).status_code == 404


def test_the_edit_form_links_to_the_previews(client, admin_user, draft):
    """Each language tab of the edit form has its preview link."""
    client.force_login(admin_user)
    page = client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    for code in ["uk", "ru", "en"]:
        assert preview_url(draft, code) in page
