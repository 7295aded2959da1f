"""One history per article: saves (with word-level differences), state changes, publications and
restores, newest first, with who, when and the comment; its queries do not grow with it."""

import pytest
from django.utils import translation

from articles import roles, services
from articles.models import Article, Block, StateChange, Status
from articles.revisions import revisions_of
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    PhotoFactory,
    TagFactory,
    live_article,
    member,
)
from tests.forms import form_data

pytestmark = pytest.mark.django_db


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def history_url(article):
    return f"/admin/articles/article/{article.pk}/revisions/"


def uk(text, **params):
    with translation.override("uk"):
        return translation.gettext(text) % params if params else translation.gettext(text)


def save(client, article, **changes):
    data = form_data(client.get(change_url(article))) | changes
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["errors"]
    return response


def draft_of(user, **kwargs):
    article = ArticleFactory(created_by=user, title_ru="", title_en="", lead_en="", **kwargs)
    services.article_set_state(article=article, language="uk", status=Status.DRAFT, by=user)
    return article


def test_saves_states_and_publications_are_one_list_newest_first(admin_client, admin_user):
    """The page lists the saves, the state steps (with their comment and overridden checks)
    and the publication, newest first, each with who and when."""
    article = draft_of(admin_user, title_uk="Перший заголовок")
    save(admin_client, article, title_uk="Другий заголовок")
    services.article_submit_for_review(
        article=article, language="uk", by=admin_user, comment="Готово до вичитки"
    )
    services.article_publish(article=article, language="uk", by=admin_user)
    StateChange.objects.filter(to_status=Status.PUBLISHED).update(
        comment="Терміново", overridden=["no_photo"]
    )
    response = admin_client.get(history_url(article))
    assert response.status_code == 200
    kinds = [entry["kind"] for entry in response.context["entries"]]
    assert kinds == ["publication", "state", "save", "state"]
    times = [entry["at"] for entry in response.context["entries"]]
    assert times == sorted(times, reverse=True)
    page = response.content.decode()
    assert "Готово до вичитки" in page and "Терміново" in page and "no_photo" in page
    assert all(entry["who"] == admin_user for entry in response.context["entries"])


def test_each_save_shows_only_the_words_it_changed(admin_client, admin_user):
    """A one-word change in a long paragraph marks that word, not the whole paragraph."""
    article = draft_of(admin_user)
    Block.objects.create(
        article=article,
        language="uk",
        kind="paragraph",
        text="<p>Міст через Дніпро відкрили після ремонту, що тривав два роки.</p>",
        position=10,
    )
    save(admin_client, article)
    save(
        admin_client,
        article,
        **{
            "blocks-uk-0-text": (
                "<p>Міст через Дніпро відкрили після ремонту, що тривав три роки.</p>"
            )
        },
    )
    page = admin_client.get(history_url(article)).content.decode()
    assert (
        "[uk] paragraph: Міст через Дніпро відкрили після ремонту, що тривав "
        "<del>два</del><ins>три</ins> роки." in page
    )


def test_authors_tags_and_photos_are_named_in_the_differences(admin_client, admin_user):
    """Adding an author, a tag and a photo block shows their names, not numbers."""
    article = draft_of(admin_user)
    save(admin_client, article)
    author = AuthorFactory(name_uk="Олена Бондар")
    tag = TagFactory(name_uk="Київ")
    photo = PhotoFactory()
    save(
        admin_client,
        article,
        **{
            "bylines-TOTAL_FORMS": "1",
            "bylines-0-author": str(author.pk),
            "bylines-0-position": "0",
            "tagged_items-TOTAL_FORMS": "1",
            "tagged_items-0-tag": str(tag.pk),
            "tagged_items-0-position": "0",
            "blocks-uk-TOTAL_FORMS": "1",
            "blocks-uk-0-kind": "photo",
            "blocks-uk-0-photo": str(photo.pk),
        },
    )
    page = admin_client.get(history_url(article)).content.decode()
    assert f"<ins>author: Олена Бондар (#{author.pk})</ins>" in page
    assert f"<ins>tag: Київ (#{tag.pk})</ins>" in page
    assert f"photo {photo} (#{photo.pk})" in page


def test_the_page_costs_the_same_queries_for_many_saves(
    admin_client, admin_user, django_assert_max_num_queries
):
    """Twelve saves with tags and blocks cost no more queries than two."""

    def saved(times):
        article = draft_of(admin_user)
        Block.objects.create(article=article, language="uk", kind="paragraph", text="<p>a</p>")
        tag = TagFactory()
        for number in range(times):
            save(
                admin_client,
                article,
                title_uk=f"Заголовок {number}",
                **{
                    "tagged_items-TOTAL_FORMS": "1",
                    "tagged_items-0-tag": str(tag.pk),
                    "tagged_items-0-position": "0",
                }
                if number == 0
                else {},
            )
            services.article_set_state(
                article=article,
                language="uk",
                status=Status.REVIEW if number % 2 == 0 else Status.DRAFT,
                by=admin_user,
            )
        return article

    few, many = saved(2), saved(12)
    assert len(revisions_of(many)) == 12
    with django_assert_max_num_queries(20) as few_queries:
        admin_client.get(history_url(few))
    with django_assert_max_num_queries(len(few_queries.captured_queries)):
        response = admin_client.get(history_url(many))
    assert len([e for e in response.context["entries"] if e["kind"] == "save"]) == 12


def test_revisions_have_meaningful_comments(admin_client, admin_user):
    """A save names what it changed; a restore says which revision it brought back."""
    article = live_article(["uk"], title_uk="Перший заголовок")
    save(admin_client, article)
    save(admin_client, article, title_uk="Другий заголовок")
    comments = [v.revision.comment for v in revisions_of(article)]
    assert comments[0] == uk("Text changed in: %(languages)s.", languages="Українська")
    assert comments[1] == uk("Saved without changes.")
    first = list(revisions_of(article))[-1]
    admin_client.post(f"{history_url(article)}{first.pk}/restore/")
    restored = revisions_of(article).first()
    assert restored.revision.comment.startswith(
        uk("Restored the revision of %(date)s.", date="")[:10]
    )
    assert uk("Saved in the admin.") not in comments


def test_the_history_button_and_djangos_history_lead_to_this_page(admin_client, admin_user):
    """The form's "History" links here; Django's own history address redirects here."""
    article = draft_of(admin_user)
    save(admin_client, article)
    page = admin_client.get(change_url(article)).content.decode()
    assert f'href="{history_url(article)}"' in page
    assert f"/admin/articles/article/{article.pk}/history/" not in page
    response = admin_client.get(f"/admin/articles/article/{article.pk}/history/")
    assert response.status_code == 302 and response["Location"] == history_url(article)


def test_who_may_see_the_history(client, admin_user):
    """The author of a draft and editors see it; a colleague gets 403 (for a live article too);
    an ad manager 403; a visitor the login page. Only editors get the restore buttons."""
    journalist = member(roles.JOURNALISTS, "journalist")
    colleague = member(roles.JOURNALISTS, "colleague")
    editor = member(roles.EDITORS, "editor")
    own = draft_of(journalist)
    live = live_article(["uk", "ru", "en"])
    for article in (own, live):
        client.force_login(admin_user)
        save(client, article)
        save(client, article, title_uk=f"Новий {article.pk}")
    client.logout()
    response = client.get(history_url(own))
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(journalist)
    response = client.get(history_url(own))
    assert response.status_code == 200 and "/restore/" not in response.content.decode()
    assert client.get(history_url(live)).status_code == 403
    client.force_login(colleague)
    assert client.get(history_url(own)).status_code == 403
    client.force_login(member(roles.AD_MANAGERS, "admanager"))
    assert client.get(history_url(own)).status_code == 403
    client.force_login(editor)
    for article in (own, live):
        response = client.get(history_url(article))
        assert response.status_code == 200 and "/restore/" in response.content.decode()
    assert client.get("/admin/articles/article/999999/revisions/").status_code == 404


def test_two_saves_can_be_compared_word_by_word(admin_client, admin_user):
    """Choosing an older and a newer save shows everything between them, changed words marked."""
    article = draft_of(admin_user, title_uk="Один два три")
    save(admin_client, article)
    save(admin_client, article, title_uk="Один два чотири")
    save(admin_client, article, title_uk="Один п'ять чотири")
    newest, _middle, oldest = revisions_of(article)
    response = admin_client.get(history_url(article), {"old": oldest.pk, "new": newest.pk})
    page = response.content.decode()
    assert (
        "title [uk]: Один <del>два</del><ins>п&#x27;ять</ins> <del>три</del><ins>чотири</ins>"
        in page
    )
    assert Article.objects.get().title_uk == "Один п'ять чотири"


def test_a_colleagues_draft_is_named_by_number_only(admin_client, admin_user):
    """An editor's save linked a colleague's draft into a journalist's draft: the journalist's
    history names it "#id", without its title; the editor's names it."""
    journalist = member(roles.JOURNALISTS, "journalist")
    colleague = member(roles.JOURNALISTS, "colleague")
    secret = draft_of(colleague, title_uk="Таємна чернетка колеги")
    own = draft_of(journalist)
    save(admin_client, own)
    save(
        admin_client,
        own,
        **{
            "related_links-TOTAL_FORMS": "1",
            "related_links-0-related": str(secret.pk),
            "related_links-0-position": "0",
            "blocks-uk-TOTAL_FORMS": "1",
            "blocks-uk-0-kind": "read_also",
            "blocks-uk-0-link_article": str(secret.pk),
        },
    )
    admin_client.force_login(journalist)
    page = admin_client.get(history_url(own)).content.decode()
    assert f"related: #{secret.pk}" in page and f"article #{secret.pk}" in page
    assert "Таємна чернетка колеги" not in page
    admin_client.force_login(admin_user)
    page = admin_client.get(history_url(own)).content.decode()
    assert f"related: Таємна чернетка колеги (#{secret.pk})" in page
