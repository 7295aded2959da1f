"""Revisions: every admin save keeps the whole article; editors compare two and restore one."""

import pytest
from django.contrib.auth.models import Group

from articles import roles
from articles.models import Article, Block
from articles.revisions import revisions_of
from tests.factories import TagFactory, UserFactory, live_article, tag_article
from tests.forms import form_data

pytestmark = pytest.mark.django_db


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def save(client, article, **changes):
    data = form_data(client.get(change_url(article))) | changes
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.fixture
def edited(admin_client):
    """A live article saved twice: first with a quote, then with new title and a new block."""
    article = live_article(["uk"], title_uk="Перший заголовок")
    tag_article(article, TagFactory())
    Block.objects.create(
        article=article, language="uk", kind="quote", text="Стара цитата", position=10
    )
    save(admin_client, article)
    save(
        admin_client,
        article,
        title_uk="Другий заголовок",
        **{
            "blocks-uk-0-text": "Нова цитата",
            "blocks-uk-TOTAL_FORMS": "2",
            "blocks-uk-1-kind": "paragraph",
            "blocks-uk-1-text": "<p>Доданий абзац</p>",
        },
    )
    return article


def test_every_save_keeps_a_revision_of_the_whole_article(edited):
    """Each save stores titles, blocks and tags together, with who saved."""
    versions = list(revisions_of(edited))
    assert len(versions) == 2
    models = {v.content_type.model for v in versions[0].revision.version_set.all()}
    assert {"article", "block", "articletag"} <= models
    assert versions[0].revision.user.username == "boss"


def test_the_diff_shows_what_changed_readably(admin_client, edited):
    """Comparing the two revisions shows the removed and added title and body lines."""
    response = admin_client.get(f"/admin/articles/article/{edited.pk}/revisions/")
    assert response.status_code == 200
    lines = response.context["comparison"]["lines"]
    assert ("-", "title [uk]: Перший заголовок") in lines
    assert ("+", "title [uk]: Другий заголовок") in lines
    assert ("-", "[uk] quote: Стара цитата") in lines
    assert ("+", "[uk] quote: Нова цитата") in lines
    assert ("+", "[uk] paragraph: Доданий абзац") in lines
    page = response.content.decode()
    # Word by word: only the changed word of the title is marked, in the last save's entry.
    assert "title [uk]: <del>Перший</del><ins>Другий</ins> заголовок" in page
    # What rows point at is named, not numbered.
    tag = edited.tagged_items.get().tag
    assert (" ", f"tag: {tag.name_uk} (#{tag.pk})") in lines


def test_restoring_brings_the_text_back_as_a_new_revision(admin_client, edited):
    """Restore the first revision: old title and quote return, the added block goes, a third
    revision records it; the article stays live at its address."""
    url = edited.get_absolute_url("uk")
    first = list(revisions_of(edited))[-1]
    response = admin_client.post(
        f"/admin/articles/article/{edited.pk}/revisions/{first.pk}/restore/"
    )
    assert response.status_code == 302
    edited.refresh_from_db()
    assert edited.title_uk == "Перший заголовок"
    assert list(edited.blocks.values_list("kind", "text")) == [("quote", "Стара цитата")]
    assert len(revisions_of(edited)) == 3
    assert Article.objects.live("uk").get() == edited and edited.get_absolute_url("uk") == url


@pytest.mark.parametrize("role", [roles.JOURNALISTS, roles.AD_MANAGERS])
def test_only_editors_restore(client, edited, role):
    """A journalist or ad manager cannot restore (403) and nothing changes."""
    user = UserFactory(username="someone", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    first = list(revisions_of(edited))[-1]
    response = client.post(f"/admin/articles/article/{edited.pk}/revisions/{first.pk}/restore/")
    assert response.status_code == 403
    edited.refresh_from_db()
    assert edited.title_uk == "Другий заголовок"
    assert client.get(f"/admin/articles/article/{edited.pk}/revisions/").status_code == 403


def test_the_edit_form_links_to_the_revisions(admin_client, edited):
    """The article's page has a Revisions button."""
    page = admin_client.get(change_url(edited)).content.decode()
    assert f"/admin/articles/article/{edited.pk}/revisions/" in page


def test_a_restore_that_would_leave_a_live_language_untitled_is_refused(admin_client):
    """English went live after revision 1; restoring revision 1 (no English title) is refused
    with a message, and nothing changes."""
    from articles import services

    article = live_article(["uk"], title_en="")
    save(admin_client, article)
    save(admin_client, article, title_en="English headline")
    article.refresh_from_db()
    services.article_publish(article=article, language="en")
    first = list(revisions_of(article))[-1]
    response = admin_client.post(
        f"/admin/articles/article/{article.pk}/revisions/{first.pk}/restore/", follow=True
    )
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.title_en == "English headline"
    assert len(revisions_of(article)) == 2
    assert any(m.level_tag == "error" for m in response.context["messages"])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_revision_pointing_at_a_merged_tag_is_refused_cleanly(admin_client):
    """After its tag was merged away, an old revision cannot be restored: a message, no 500."""
    from tags.services import tag_merge

    article = live_article(["uk"])
    kept, merged = TagFactory(), TagFactory()
    tag_article(article, merged)
    save(admin_client, article)
    save(admin_client, article, title_uk="Нова назва")
    tag_merge(target=kept, others=[merged], by=None)
    first = list(revisions_of(article))[-1]
    response = admin_client.post(
        f"/admin/articles/article/{article.pk}/revisions/{first.pk}/restore/", follow=True
    )
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.title_uk == "Нова назва"
