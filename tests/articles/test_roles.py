"""The role table of articles/roles.py, cell by cell, as raw requests to the admin: each refusal
leaves the database exactly as it was."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from articles import roles, services
from articles.models import Article, Author, LanguageVersion, Section, StateChange, Status
from tags.models import Tag
from tests.factories import (
    ArticleFactory,
    SectionFactory,
    TagFactory,
    live_article,
    member,
    ready_to_publish,
)
from tests.forms import form_data

pytestmark = pytest.mark.django_db
ADD = "/admin/articles/article/add/"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


@pytest.fixture
def people():
    return {
        "journalist": member(roles.JOURNALISTS, "journalist"),
        "colleague": member(roles.JOURNALISTS, "colleague"),
        "editor": member(roles.EDITORS, "editor"),
        "ad_manager": member(roles.AD_MANAGERS, "admanager"),
        "admin": member("admin", "root"),
    }


def as_user(client, user):
    client.force_login(user)
    return client


def database():
    """Everything a refused request must not have touched."""
    from articles.models import ArticleAuthor, ArticleTag, Block, Photo, RelatedArticle

    return (
        list(Article.objects.order_by("pk").values()),
        list(LanguageVersion.objects.order_by("pk").values()),
        *(
            list(model.objects.order_by("pk").values())
            for model in (Block, ArticleAuthor, ArticleTag, RelatedArticle, Photo)
        ),
        list(StateChange.objects.order_by("pk").values()),
        list(Section.objects.order_by("pk").values()),
        list(Author.objects.order_by("pk").values()),
        list(Tag.objects.order_by("pk").values()),
    )


def draft_of(user, **kwargs):
    """A Ukrainian-only draft written by `user`."""
    article = ArticleFactory(created_by=user, title_ru="", title_en="", lead_en="", **kwargs)
    services.article_set_state(article=article, language="uk", status=Status.DRAFT, by=user)
    return article


def new_article_data(client, section):
    return form_data(client.get(ADD)) | {
        "section": section.pk,
        "title_uk": "Нова стаття",
        "state_uk": Status.DRAFT,
    }


# --- create a draft ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["journalist", "editor", "admin"])
def test_journalists_editors_and_admins_create_drafts(client, people, role):
    """Create a draft: yes for journalists, editors and admins."""
    as_user(client, people[role])
    response = client.post(ADD, new_article_data(client, SectionFactory()))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.created_by == people[role]
    assert article.versions.get().status == Status.DRAFT


def test_ad_managers_cannot_open_or_create_articles(client, people):
    """Create a draft: no for ad managers — the forms and lists are closed to them."""
    section = SectionFactory()
    before = database()
    as_user(client, people["ad_manager"])
    assert client.get(ADD).status_code == 403
    assert client.get("/admin/articles/article/").status_code == 403
    response = client.post(ADD, {"section": section.pk, "title_uk": "x", "state_uk": "draft"})
    assert response.status_code == 403
    assert database() == before


# --- edit --------------------------------------------------------------------------------------


@pytest.mark.parametrize("state", [Status.DRAFT, Status.RETURNED])
def test_journalist_edits_own_draft_or_returned_article(client, people, state):
    """Edit own draft / returned article: yes for the journalist who wrote it."""
    journalist = people["journalist"]
    article = draft_of(journalist)
    if state == Status.RETURNED:
        services.article_submit_for_review(article=article, language="uk", by=journalist)
        services.article_return(
            article=article, language="uk", by=people["editor"], comment="Додай джерело"
        )
    as_user(client, journalist)
    data = form_data(client.get(change_url(article))) | {"title_uk": "Виправлено"}
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.title_uk == "Виправлено"


@pytest.mark.parametrize("whose", ["colleague's draft", "own live", "own in review"])
def test_journalist_cannot_edit_others_or_live_articles(client, people, whose):
    """Edit others' articles or any live one: no for journalists — refused, nothing changes."""
    journalist = people["journalist"]
    if whose == "colleague's draft":
        article = draft_of(people["colleague"])
    elif whose == "own live":
        article = live_article(["uk"], created_by=journalist)
    else:
        article = draft_of(journalist)
        services.article_submit_for_review(article=article, language="uk", by=journalist)
    editor_view = form_data(as_user(client, people["editor"]).get(change_url(article)))
    before = database()
    as_user(client, journalist)
    response = client.post(change_url(article), editor_view | {"title_uk": "Чуже"})
    # A colleague's draft is invisible to them (403); their own article that moved on is
    # refused with what they typed shown back (409).
    assert response.status_code == (403 if whose == "colleague's draft" else 409)
    assert database() == before


def test_a_journalist_writes_another_language_while_one_is_in_review(client, people):
    """Languages are independent: with the Ukrainian version in review, its text and what all
    languages share are read-only to the journalist, and the English one can be written."""
    journalist = people["journalist"]
    article = draft_of(journalist)
    services.article_submit_for_review(article=article, language="uk", by=journalist)
    as_user(client, journalist)
    response = client.get(change_url(article))
    form = response.context["adminform"].form
    assert form.fields["title_uk"].disabled and form.fields["section"].disabled
    assert not form.fields["title_en"].disabled
    assert form.initial["loaded_languages"] == "en,ru"
    data = form_data(response) | {
        "title_uk": "Змінено в рецензії",  # a crafted change of the locked language
        "title_en": "Bridge reopens",
        "blocks-en-TOTAL_FORMS": "1",
        "blocks-en-0-kind": "paragraph",
        "blocks-en-0-text": "<p>English text.</p>",
    }
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.title_en == "Bridge reopens" and article.title_uk != "Змінено в рецензії"
    assert list(article.blocks.filter(language="en").values_list("text", flat=True)) == [
        "<p>English text.</p>"
    ]
    assert article.versions.get(language="uk").status == Status.REVIEW
    # The Ukrainian blocks stay as the editors have them: shown, not editable; English ones are.
    inlines = {
        inline.formset.prefix: inline
        for inline in client.get(change_url(article)).context["inline_admin_formsets"]
    }
    assert not inlines["blocks-uk"].has_change_permission
    assert not inlines["blocks-uk"].has_add_permission
    assert inlines["blocks-en"].has_add_permission


def test_sending_a_language_for_review_in_another_tab_refuses_the_old_form(client, people):
    """A form opened while Ukrainian was still the journalist's is refused once it is in
    review (their text shown back), not saved with the Ukrainian changes dropped."""
    journalist = people["journalist"]
    article = draft_of(journalist)
    as_user(client, journalist)
    data = form_data(client.get(change_url(article))) | {"title_uk": "Новий заголовок"}
    services.article_submit_for_review(article=article, language="uk", by=journalist)
    response = client.post(change_url(article), data)
    assert response.status_code == 409 and "Новий заголовок" in response.content.decode()


def test_a_returned_version_says_why_at_the_top_of_the_form_and_in_the_list(client, people):
    """The editor's comment is the first thing the journalist sees on the form; the list marks
    a returned version differently from a draft or one in review."""
    journalist = people["journalist"]
    article = draft_of(journalist)
    services.article_submit_for_review(article=article, language="uk", by=journalist)
    services.article_return(
        article=article, language="uk", by=people["editor"], comment="Додайте джерело <b>"
    )
    as_user(client, journalist)
    response = client.get(change_url(article))
    [message] = [str(m) for m in response.context["messages"]]
    assert message.startswith("Українська: ")
    assert "editor" in message and "Додайте джерело <b>" in message
    assert "Додайте джерело &lt;b&gt;" in response.content.decode()  # escaped on the page
    listed = client.get("/admin/articles/article/").content.decode()
    assert 'class="lang-state state-returned"' in listed and "UK ↩" in listed


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_editors_and_admins_edit_any_article(client, people, role):
    """Edit others' articles or any live one: yes for editors and admins."""
    article = live_article(["uk"], created_by=people["journalist"])
    as_user(client, people[role])
    data = form_data(client.get(change_url(article))) | {"title_uk": "Редакторська правка"}
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.title_uk == "Редакторська правка"
    assert Article.objects.live("uk").get() == article


def test_journalist_reads_live_articles_but_not_colleagues_drafts(client, people):
    """A colleague's live article opens read-only; their draft is 403 everywhere (page,
    history, list, pickers), like its preview."""
    live = live_article(["uk"], created_by=people["colleague"], title_uk="Жива стаття")
    draft = draft_of(people["colleague"])
    draft.title_uk = "Чужа чернетка"
    draft.save()
    as_user(client, people["journalist"])
    response = client.get(change_url(live))
    assert response.status_code == 200 and 'name="_save"' not in response.content.decode()
    assert client.get(change_url(draft)).status_code == 403
    assert client.get(f"/admin/articles/article/{draft.pk}/history/").status_code == 403
    listed = client.get("/admin/articles/article/").context["cl"].result_list
    assert live in listed and draft not in listed
    picked = client.get(
        "/admin/autocomplete/",
        {
            "term": "Чужа",
            "app_label": "articles",
            "model_name": "relatedarticle",
            "field_name": "related",
        },
    ).json()["results"]
    assert picked == []


def test_the_revisions_button_shows_only_where_the_revisions_page_opens(client, people):
    """A journalist reading a colleague's live article gets no "Revisions" button (its page
    would be 403); on their own draft, and for an editor, the button and the page work."""
    live = live_article(["uk"], created_by=people["colleague"])
    own = draft_of(people["journalist"])
    revisions = "/admin/articles/article/{}/revisions/"
    as_user(client, people["journalist"])
    assert revisions.format(live.pk) not in client.get(change_url(live)).content.decode()
    assert client.get(revisions.format(live.pk)).status_code == 403
    assert revisions.format(own.pk) in client.get(change_url(own)).content.decode()
    assert client.get(revisions.format(own.pk)).status_code == 200
    as_user(client, people["editor"])
    assert revisions.format(live.pk) in client.get(change_url(live)).content.decode()
    assert client.get(revisions.format(live.pk)).status_code == 200


# --- submit, publish, return ------------------------------------------------------------------


def test_journalist_submits_for_review(client, people):
    """Submit for review: yes for the author; the history records who and when."""
    journalist = people["journalist"]
    article = draft_of(journalist)
    as_user(client, journalist)
    data = form_data(client.get(change_url(article))) | {"state_uk": Status.REVIEW}
    assert client.post(change_url(article), data).status_code == 302
    assert article.versions.get().status == Status.REVIEW
    step = article.history.first()
    assert (step.from_status, step.to_status, step.by) == (Status.DRAFT, Status.REVIEW, journalist)


@pytest.mark.parametrize(
    "crafted",
    [
        {"state_uk": Status.PUBLISHED},
        {"state_uk": Status.PUBLISHED, "publish_at_uk_0": "01.01.2030", "publish_at_uk_1": "10:00"},
        {"state_en": Status.PUBLISHED, "title_en": "Sneaky"},
        {"state_uk": Status.RETURNED, "state_comment": "сам собі"},
    ],
)
def test_journalist_cannot_publish_even_with_a_crafted_post(client, people, crafted):
    """Publish / schedule / return: no for journalists — a hand-made POST gets a form error and
    changes nothing."""
    journalist = people["journalist"]
    article = draft_of(journalist)
    as_user(client, journalist)
    data = form_data(client.get(change_url(article))) | crafted
    before = database()
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert database() == before


def test_journalist_form_offers_only_draft_and_review(client, people):
    """The state menu of a journalist lists what they may choose; the time is not editable."""
    article = draft_of(people["journalist"])
    as_user(client, people["journalist"])
    form = client.get(change_url(article)).context["adminform"].form
    assert [value for value, _ in form.fields["state_uk"].choices] == [
        Status.DRAFT,
        Status.REVIEW,
    ]
    assert form.fields["publish_at_uk"].disabled


def test_services_refuse_a_journalist_who_tries_to_publish(people):
    """The service checks the role itself: a view that forgot to cannot publish for them."""
    article = draft_of(people["journalist"])
    with pytest.raises(PermissionDenied):
        services.article_publish(article=article, language="uk", by=people["journalist"])
    assert not Article.objects.live("uk").exists()


def test_editor_publishes_schedules_unpublishes_and_returns(client, people):
    """Publish, schedule, unpublish, return with a comment: yes for editors, all recorded."""
    editor = people["editor"]
    article = ready_to_publish(draft_of(people["journalist"]))
    as_user(client, editor)

    def save(**changes):
        data = form_data(client.get(change_url(article))) | changes
        return client.post(change_url(article), data)

    assert save(state_uk=Status.PUBLISHED).status_code == 302
    assert Article.objects.live("uk").exists()
    assert save(state_uk=Status.UNPUBLISHED).status_code == 302
    assert not Article.objects.live("uk").exists()
    refused = save(state_uk=Status.RETURNED)
    assert refused.context["adminform"].form.has_error("state_comment", "comment_required")
    assert save(state_uk=Status.RETURNED, state_comment="Потрібне друге джерело").status_code == 302
    steps = list(article.history.order_by("at", "pk").values_list("to_status", "by", "comment"))
    assert steps[1:] == [
        (Status.PUBLISHED, editor.pk, ""),
        (Status.UNPUBLISHED, editor.pk, ""),
        (Status.RETURNED, editor.pk, "Потрібне друге джерело"),
    ]


def test_history_is_shown_on_the_article_page(client, people):
    """The article's History shows who changed which language's state, when, with the comment."""
    article = draft_of(people["journalist"])
    services.article_submit_for_review(article=article, language="uk", by=people["journalist"])
    services.article_return(article=article, language="uk", by=people["editor"], comment="Скороти")
    as_user(client, people["editor"])
    page = client.get(f"/admin/articles/article/{article.pk}/revisions/").content.decode()
    assert "Скороти" in page and "editor" in page and "journalist" in page


# --- delete ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["journalist", "editor"])
def test_only_admins_delete_for_good(client, people, role):
    """Hard delete is admin-only: journalists and editors get 403 on the page and the bulk
    action, and the article stays."""
    article = draft_of(people["journalist"])
    before = database()
    as_user(client, people[role])
    delete = f"/admin/articles/article/{article.pk}/delete/"
    assert client.post(delete, {"post": "yes"}).status_code == 403
    offered = client.get("/admin/articles/article/").context["action_form"]
    assert "delete_selected" not in [value for value, _ in offered.fields["action"].choices]
    bulk = client.post(
        "/admin/articles/article/",
        {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
    )
    assert bulk.status_code == 302  # "no action selected": the action is not theirs to choose
    assert database() == before


def test_admin_deletes(client, people):
    """Hard delete: yes for admins."""
    article = draft_of(people["journalist"])
    as_user(client, people["admin"])
    response = client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.exists()


# --- sections, authors, tags -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (
            "/admin/articles/section/add/",
            {"name_uk": "Спорт", "name_ru": "Спорт", "name_en": "Sport", "position": "5"},
        ),
        (
            "/admin/articles/author/add/",
            {"name_uk": "Нова Авторка", "name_ru": "Н", "name_en": "N"},
        ),
    ],
)
def test_sections_and_authors_are_for_editors(client, people, url, data):
    """Sections and authors: no for journalists (403, unchanged), yes for editors."""
    before = database()
    as_user(client, people["journalist"])
    assert client.post(url, data).status_code == 403
    assert database() == before
    as_user(client, people["editor"])
    assert client.post(url, data).status_code == 302


def test_journalists_create_tags_but_only_editors_rename_them(client, people):
    """Tags: journalists create and assign them; renaming is for editors."""
    as_user(client, people["journalist"])
    data = {"name_uk": "Енергетика", "name_ru": "Энергетика", "name_en": "Energy"}
    assert client.post("/admin/tags/tag/add/", data).status_code == 302
    tag = Tag.objects.get()
    before = database()
    rename = f"/admin/tags/tag/{tag.pk}/change/"
    assert client.post(rename, data | {"name_uk": "Інше"}).status_code == 403
    assert database() == before
    as_user(client, people["editor"])
    assert client.post(rename, data | {"name_uk": "Енергетика і ЖКГ"}).status_code == 302


@pytest.mark.parametrize(
    ("role", "status"), [("journalist", 200), ("editor", 200), ("ad_manager", 403)]
)
def test_autocomplete_follows_the_roles(client, people, role, status):
    """Pickers (autocomplete) answer to those who write articles, and to no one else."""
    TagFactory(name_uk="Економіка")
    as_user(client, people[role])
    response = client.get(
        "/admin/autocomplete/",
        {"term": "Еко", "app_label": "articles", "model_name": "articletag", "field_name": "tag"},
    )
    assert response.status_code == status


def test_setup_roles_restores_the_table(people):
    """`setup_roles` puts back permissions someone removed by hand."""
    from io import StringIO

    from django.core.management import call_command

    editors = Group.objects.get(name=roles.EDITORS)
    Group.objects.get(name=roles.JOURNALISTS).permissions.add(*editors.permissions.all())
    editors.permissions.clear()
    call_command("setup_roles", stdout=StringIO())
    for name, expected in roles.ROLES.items():
        granted = {
            f"{app}.{code}"
            for app, code in Group.objects.get(name=name).permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        assert granted == set(expected), name


def test_editors_merge_tags_and_articles_keep_one_link(client, people):
    """Merge: articles of the merged tags move to the most used one, without duplicates."""
    from articles.models import ArticleTag

    main, duplicate = TagFactory(name_uk="НАТО"), TagFactory(name_uk="Нато")
    both = ArticleFactory()
    only_duplicate = ArticleFactory()
    extra = ArticleFactory()
    for article, tag in [
        (both, main),
        (both, duplicate),
        (only_duplicate, duplicate),
        (extra, main),
    ]:
        ArticleTag.objects.create(content_object=article, tag=tag)
    as_user(client, people["editor"])
    client.post(
        "/admin/tags/tag/",
        {"action": "merge_tags", "_selected_action": [main.pk, duplicate.pk]},
    )
    assert list(Tag.objects.all()) == [main]
    assert sorted(ArticleTag.objects.values_list("content_object", "tag")) == sorted(
        [(both.pk, main.pk), (only_duplicate.pk, main.pk), (extra.pk, main.pk)]
    )


def test_journalists_cannot_merge_tags(client, people):
    """A journalist's merge request changes nothing."""
    first, second = TagFactory(), TagFactory()
    before = database()
    as_user(client, people["journalist"])
    client.post(
        "/admin/tags/tag/", {"action": "merge_tags", "_selected_action": [first.pk, second.pk]}
    )
    assert database() == before


def test_a_crafted_created_by_is_ignored(client, people):
    """A journalist cannot make an article someone else's (or theirs) by posting created_by."""
    journalist = people["journalist"]
    article = draft_of(journalist)
    as_user(client, journalist)
    data = form_data(client.get(change_url(article))) | {
        "created_by": people["colleague"].pk,
        "updated_by": people["editor"].pk,
        "edit_count": "99",
        "publish_at": "2001-01-01 00:00",
    }
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.created_by == journalist and article.updated_by == journalist
    assert article.edit_count == 1 and article.publish_at is None
