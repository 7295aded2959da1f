"""Article links (read-also blocks, related news) reach only what their person may see: the form
accepts only visible articles outside the trash, a link stored before its article went out of
sight neither blocks a save nor shows its title, and autosave offers and histories name only
visible articles (a colleague's draft by its number)."""

import pytest
from django.utils.translation import gettext, override

from articles import revisions, roles, services
from articles.models import Block, RelatedArticle, Status
from tests.factories import ArticleFactory, PhotoFactory, live_article, member
from tests.forms import form_data

pytestmark = pytest.mark.django_db
SECRET = "Таємна чернетка колеги"


def numbered(pk):
    """How the form names an article its person may not see (in the admin's Ukrainian)."""
    with override("uk"):
        return gettext("Article #%(id)s") % {"id": pk}


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def draft_of(user, **kwargs):
    article = ArticleFactory(created_by=user, title_ru="", title_en="", lead_en="", **kwargs)
    services.article_set_state(article=article, language="uk", status=Status.DRAFT, by=user)
    return article


@pytest.fixture
def people():
    return {
        "journalist": member(roles.JOURNALISTS, "writer"),
        "colleague": member(roles.JOURNALISTS, "colleague"),
        "editor": member(roles.EDITORS, "editor"),
    }


@pytest.fixture
def secret(people):
    return draft_of(people["colleague"], title_uk=SECRET)


def read_also(article_pk):
    return {
        "blocks-uk-TOTAL_FORMS": "1",
        "blocks-uk-0-kind": "read_also",
        "blocks-uk-0-link_article": str(article_pk),
    }


def related(article_pk):
    return {
        "related_links-TOTAL_FORMS": "1",
        "related_links-0-related": str(article_pk),
        "related_links-0-position": "0",
    }


def test_names_name_only_articles_the_reader_may_see(people, secret):
    """A colleague's draft is "#id" for a journalist; their own and live articles, and any
    article for an editor, are named by title."""
    own = draft_of(people["journalist"], title_uk="Моя чернетка")
    live = live_article(["uk"], title_uk="Вже на сайті")
    rows = {RelatedArticle: [{"related_id": a.pk} for a in (secret, own, live)]}
    names = revisions.Names(rows, user=people["journalist"])
    assert names.article(secret.pk) == f"#{secret.pk}"
    assert names.article(own.pk) == f"Моя чернетка (#{own.pk})"
    assert names.article(live.pk) == f"Вже на сайті (#{live.pk})"
    editors = revisions.Names(rows, user=people["editor"])
    assert editors.article(secret.pk) == f"{SECRET} (#{secret.pk})"


def test_an_autosave_offer_does_not_name_a_colleagues_draft(client, people, secret):
    """A crafted autosave pointing a read-also block at a colleague's draft: the offer shown on
    reopening the form names it by number only."""
    own = draft_of(people["journalist"])
    client.force_login(people["journalist"])
    data = form_data(client.get(change_url(own))) | read_also(secret.pk)
    response = client.post(f"/admin/articles/article/{own.pk}/autosave/", data)
    assert response.status_code == 200
    page = client.get(change_url(own)).content.decode()
    assert 'id="autosave-offer"' in page and f"article #{secret.pk}" in page
    assert SECRET not in page


@pytest.mark.parametrize("fields", [read_also, related], ids=["read_also", "related"])
def test_the_form_refuses_a_link_to_a_colleagues_draft(client, people, secret, fields):
    """A posted id of an article the journalist may not see is a form error; nothing is saved
    and the title is not shown back."""
    own = draft_of(people["journalist"])
    client.force_login(people["journalist"])
    data = form_data(client.get(change_url(own))) | fields(secret.pk)
    response = client.post(change_url(own), data)
    assert response.status_code == 200
    assert not Block.objects.filter(article=own).exists()
    assert not RelatedArticle.objects.filter(article=own).exists()
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize("fields", [read_also, related], ids=["read_also", "related"])
def test_the_form_refuses_a_link_to_an_article_in_the_trash(admin_client, people, fields):
    """Even an editor cannot link an article in the trash; a visible live one is accepted."""
    own = draft_of(people["editor"])
    trashed = live_article(["uk"])
    services.article_trash(article=trashed, by=people["editor"])
    data = form_data(admin_client.get(change_url(own))) | fields(trashed.pk)
    assert admin_client.post(change_url(own), data).status_code == 200
    assert not Block.objects.filter(article=own).exists()
    assert not RelatedArticle.objects.filter(article=own).exists()
    target = live_article(["uk"])
    data = form_data(admin_client.get(change_url(own))) | fields(target.pk)
    assert admin_client.post(change_url(own), data).status_code == 302
    assert {b.link_article_id for b in Block.objects.filter(article=own)} | {
        r.related_id for r in RelatedArticle.objects.filter(article=own)
    } == {target.pk}


def test_a_stored_link_out_of_sight_keeps_the_row_valid_and_hides_its_title(client, people, secret):
    """An editor linked a colleague's draft into the journalist's draft: the journalist's form
    names it by number, and their unrelated save goes through with the link kept."""
    own = draft_of(people["journalist"], title_uk="Мій заголовок")
    Block.objects.create(
        article=own, language="uk", kind="read_also", link_article=secret, position=10
    )
    RelatedArticle.objects.create(article=own, related=secret, position=0)
    client.force_login(people["journalist"])
    response = client.get(change_url(own))
    page = response.content.decode()
    assert SECRET not in page and numbered(secret.pk) in page
    data = form_data(response) | {"title_uk": "Мій новий заголовок"}
    response = client.post(change_url(own), data)
    assert response.status_code == 302, response.context["errors"]
    own.refresh_from_db()
    assert own.title_uk == "Мій новий заголовок"
    assert Block.objects.get(article=own).link_article == secret
    assert RelatedArticle.objects.get(article=own).related == secret


def test_a_stored_link_cannot_be_swapped_for_another_hidden_article(client, people, secret):
    """The stored value stays valid for its own row only: another colleague's draft posted in
    its place is refused."""
    own = draft_of(people["journalist"])
    Block.objects.create(
        article=own, language="uk", kind="read_also", link_article=secret, position=10
    )
    other = draft_of(people["colleague"], title_uk="Ще одна чернетка")
    client.force_login(people["journalist"])
    data = form_data(client.get(change_url(own))) | {"blocks-uk-0-link_article": str(other.pk)}
    assert client.post(change_url(own), data).status_code == 200
    assert Block.objects.get(article=own).link_article == secret


def test_the_form_with_stored_links_costs_the_same_queries_for_many_rows(
    client, people, django_assert_max_num_queries
):
    """Checking which stored links are visible is one query per kind of row, not one per row."""
    own = draft_of(people["journalist"])
    client.force_login(people["journalist"])

    def add_links(count):
        for _ in range(count):
            target = draft_of(people["colleague"])
            Block.objects.create(article=own, language="uk", kind="read_also", link_article=target)
            RelatedArticle.objects.create(article=own, related=target, position=0)

    add_links(2)
    with django_assert_max_num_queries(1000) as few:
        client.get(change_url(own))
    add_links(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(change_url(own))


def test_a_read_only_form_does_not_name_a_hidden_link(client, people):
    """A journalist reading a colleague's live article sees a link to someone's draft by number
    only."""
    hidden = draft_of(people["editor"], title_uk=SECRET)
    live = live_article(["uk"], created_by=people["colleague"])
    Block.objects.create(
        article=live, language="uk", kind="read_also", link_article=hidden, position=10
    )
    RelatedArticle.objects.create(article=live, related=hidden, position=0)
    client.force_login(people["journalist"])
    response = client.get(change_url(live))
    assert response.status_code == 200
    page = response.content.decode()
    assert SECRET not in page and numbered(hidden.pk) in page


@pytest.mark.parametrize(
    ("model", "field"), [("block", "link_article"), ("relatedarticle", "related")]
)
def test_the_pickers_offer_what_the_form_accepts(client, people, secret, model, field):
    """The autocomplete still answers and offers live and own articles, not a colleague's draft
    or an article in the trash."""
    own = draft_of(people["journalist"], title_uk="Своя стаття")
    live = live_article(["uk"], title_uk="Жива стаття")
    trashed = live_article(["uk"], title_uk="Стаття в кошику")
    services.article_trash(article=trashed, by=people["editor"])
    client.force_login(people["journalist"])
    response = client.get(
        "/admin/autocomplete/",
        {"term": "", "app_label": "articles", "model_name": model, "field_name": field},
    )
    assert response.status_code == 200
    offered = {int(item["id"]) for item in response.json()["results"]}
    assert {own.pk, live.pk} <= offered and not offered & {secret.pk, trashed.pk}


def test_a_refused_save_labels_new_photo_rows_without_a_query_each(
    admin_client, django_assert_max_num_queries
):
    """A form shown again after a refused save shows each new photo block's chosen photo
    without a query per block for it (validation's own two per block are Django's: the field
    reads the photo, the model checks it exists)."""
    article = ArticleFactory()
    url = f"/admin/articles/article/{article.pk}/change/"
    base = form_data(admin_client.get(url))
    # Refused: someone saved after the form was opened.
    type(article).objects.filter(pk=article.pk).update(edit_count=article.edit_count + 1)

    def refused(count):
        photos = [PhotoFactory() for _ in range(count)]
        data = base | {"blocks-uk-TOTAL_FORMS": str(count)}
        for index, photo in enumerate(photos):
            data |= {f"blocks-uk-{index}-kind": "photo", f"blocks-uk-{index}-photo": photo.pk}
        with django_assert_max_num_queries(1000) as captured:
            response = admin_client.post(url, data)
        assert response.status_code == 200
        page = response.content.decode()
        assert all(f'value="{photo.pk}" selected' in page for photo in photos)
        return len(captured.captured_queries)

    assert refused(12) - refused(2) <= 2 * 10
