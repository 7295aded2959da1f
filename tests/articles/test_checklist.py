"""The publish checklist: warnings before a language goes live, overridable with a reason that
the history keeps (articles/checklist.py, articles/admin/checklist.py)."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from articles import checklist, roles, services
from articles.models import Article, ArticleTag, Block, StateChange, Status
from tests.factories import (
    ArticleFactory,
    BlockFactory,
    HeroPhotoFactory,
    PhotoFactory,
    TagFactory,
    UserFactory,
    live_article,
    ready_to_publish,
    tag_article,
)
from tests.forms import form_data

pytestmark = pytest.mark.django_db


def said(text, **params):
    """A checklist text as the admin shows it (in Ukrainian, the newsroom's admin language)."""
    with translation.override("uk"):
        return gettext(text) % params if params else gettext(text)


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def failed_codes(checks):
    return {check.code for check in checks if not check.passed}


# --- the checks, one at a time ---------------------------------------------------------------


class _Photo:
    """What the checks read of a photo, without a file."""

    def __init__(self, **fields):
        self.width = 1600
        for code in ("uk", "ru", "en"):
            setattr(self, f"alt_text_{code}", "alt")
            setattr(self, f"credit_{code}", "credit")
        self.__dict__.update(fields)


COMPLETE = {
    "language": "en",
    "title": "Bridge reopens",
    "lead": "Traffic resumed.",
    "hero_photo": _Photo(),
    "tag_names": ["", "bridges"],
    "blocks": [
        {"kind": "paragraph", "text": "<p>Text.</p>"},
        {"kind": "read_also", "link_article": 7},
    ],
    "linked": {7: checklist.LinkedArticle(title="Other", live=True)},
}


@pytest.mark.parametrize(
    "change, code",
    [
        ({"title": "  "}, checklist.TITLE),
        ({"lead": ""}, checklist.LEAD),
        ({"hero_photo": None}, checklist.HERO_PHOTO),
        ({"hero_photo": _Photo(alt_text_en="")}, checklist.HERO_ALT),
        ({"hero_photo": _Photo(credit_en=" ")}, checklist.HERO_CREDIT),
        ({"hero_photo": _Photo(width=1199)}, checklist.HERO_WIDTH),
        ({"tag_names": ["", " "]}, checklist.TAG),
        ({"tag_names": []}, checklist.TAG),
        (
            {"blocks": [{"kind": "paragraph", "text": "<p> &nbsp;</p>"}, *COMPLETE["blocks"]]},
            checklist.EMPTY_BLOCKS,
        ),
        ({"linked": {7: checklist.LinkedArticle(title="Other", live=False)}}, checklist.READ_ALSO),
    ],
)
def test_each_check_fails_on_its_own(change, code):
    """A complete language passes every check; each gap fails exactly its own check."""
    assert failed_codes(checklist.run_checks(**COMPLETE)) == set()
    assert failed_codes(checklist.run_checks(**(COMPLETE | change))) == {code}


def test_failures_are_said_in_the_languages_words():
    """The detail names the language and what is missing; no photo is one problem, not four."""
    checks = checklist.run_checks(**(COMPLETE | {"hero_photo": _Photo(credit_en="")}))
    assert [c.detail for c in checks if not c.passed] == [
        said("the hero photo has no credit in %(language)s", language="English")
    ]
    no_photo = checklist.run_checks(**(COMPLETE | {"hero_photo": None}))
    assert {c.code for c in no_photo} & {checklist.HERO_ALT, checklist.HERO_CREDIT} == set()


def test_empty_blocks_are_numbered_and_other_types_count_their_own_fields():
    """A photo, embed or background block is empty without its photo, link or items."""
    blocks = [
        {"kind": "photo", "photo": 3},
        {"kind": "background", "text": "<p>Intro</p>", "items": ""},
        {"kind": "embed", "url": ""},
        {"kind": "quote", "text": "<p></p>", "attribution": "Хтось"},
    ]
    checks = checklist.run_checks(**(COMPLETE | {"blocks": blocks}))
    (empty,) = [c for c in checks if c.code == checklist.EMPTY_BLOCKS]
    assert not empty.passed and empty.detail == said(
        "body blocks no. %(numbers)s are empty", numbers="3"
    )


def test_stored_checks_cost_the_same_queries_for_any_number_of_blocks():
    """All three languages of a stored article are judged in a fixed number of queries."""

    def article_with(n):
        article = ArticleFactory(hero_photo=PhotoFactory())
        tag_article(article, *TagFactory.create_batch(n))
        for _ in range(n):
            BlockFactory(article=article, language="uk")
            target = live_article(["uk"])
            Block.objects.create(
                article=article, language="en", kind="read_also", link_article=target
            )
        return Article.objects.get(pk=article.pk)

    def count(article):
        with CaptureQueriesContext(connection) as ctx:
            for code in ("uk", "ru", "en"):
                checklist.checks_for_article(article, code)
        return len(ctx)

    assert count(article_with(1)) == count(article_with(10)) <= 5


def test_posted_checks_cost_the_same_queries_for_any_number_of_blocks():
    """Judging posted blocks: one query for the tags, one for the linked articles."""
    targets = [live_article(["uk"]) for _ in range(6)]
    tags = TagFactory.create_batch(6)

    def count(n):
        blocks = [{"kind": "read_also", "link_article": t.pk} for t in targets[:n]]
        with CaptureQueriesContext(connection) as ctx:
            checks = checklist.check_language(
                language="uk",
                title="Т",
                lead="Л",
                hero_photo=None,
                tag_ids=[t.pk for t in tags[:n]],
                blocks=blocks,
            )
        assert checklist.READ_ALSO not in failed_codes(checks)
        return len(ctx)

    assert count(1) == count(6) == 2


def test_a_read_also_to_an_unpublished_article_is_named_by_its_block_not_its_title():
    """The linked draft may be a colleague's: the checklist points at the block, and never
    shows the draft's title."""
    linked = {7: checklist.LinkedArticle(title="Секретна чернетка колеги", live=False)}
    checks = checklist.run_checks(**(COMPLETE | {"linked": linked}))
    (read_also,) = [c for c in checks if c.code == checklist.READ_ALSO]
    assert not read_also.passed and "Секретна чернетка колеги" not in read_also.detail
    assert read_also.detail == said(
        "“Read also” in body blocks no. %(numbers)s links to an article not published in "
        "%(language)s",
        numbers="2",
        language="English",
    )


def test_read_also_to_an_article_scheduled_before_this_one_counts_as_published():
    """A linked article going live before this version does is fine; one going live later
    is not."""
    target = live_article(["uk"], at=timezone.now() + timedelta(hours=2))
    blocks = [{"kind": "read_also", "link_article": target.pk}]
    common = {"language": "uk", "title": "Т", "lead": "Л", "hero_photo": None, "tag_ids": []}
    soon = checklist.check_language(**common, blocks=blocks)
    later = checklist.check_language(**common, blocks=blocks, at=timezone.now() + timedelta(3))
    assert checklist.READ_ALSO in failed_codes(soon)
    assert checklist.READ_ALSO not in failed_codes(later)


# --- the service --------------------------------------------------------------------------------


def test_the_service_records_the_overridden_checks_with_the_reason():
    """article_publish(overridden=…) keeps the codes in the StateChange; without a reason it
    refuses and changes nothing."""
    article = ArticleFactory()
    with pytest.raises(ValidationError):
        services.article_publish(article=article, language="uk", overridden=["hero_photo"])
    assert not article.versions.exists()
    services.article_publish(
        article=article, language="uk", overridden=["hero_photo"], comment="Фото буде за годину"
    )
    step = StateChange.objects.get(article=article)
    assert step.overridden == ["hero_photo"] and step.comment == "Фото буде за годину"
    assert Article.objects.live("uk").get() == article


# --- the form -----------------------------------------------------------------------------------


def draft(**kwargs):
    """A draft that passes every check in Ukrainian but has no Ukrainian-named tag."""
    article = ready_to_publish(ArticleFactory(**kwargs), tag=TagFactory(name_uk=""))
    services.article_set_state(article=article, language="uk", status=Status.DRAFT)
    return article


def test_publishing_with_failing_checks_is_refused_and_keeps_the_text(admin_client):
    """The save lists the failures in the language's words, the tab is marked, the reason box
    appears and nothing is saved; everything typed is shown back."""
    article = draft()
    data = form_data(admin_client.get(change_url(article))) | {
        "state_uk": Status.PUBLISHED,
        "lead_uk": "Лід, який я щойно дописала",
        "hero_photo": "",
    }
    response = admin_client.post(change_url(article), data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.has_error("__all__", "checklist") and form.has_error("state_uk", "checklist")
    messages = " ".join(form.non_field_errors())
    problems = "; ".join(
        [
            said("there is no hero photo"),
            said("no tag has a name in %(language)s", language="Українська"),
        ]
    )
    assert said("%(language)s: %(problems)s.", language="Українська", problems=problems) in messages
    page = response.content.decode()
    assert "Лід, який я щойно дописала" in page and 'name="publish_override_reason"' in page
    assert form_data(response)["publish_checks_shown"] == "uk:hero_photo uk:tag"
    assert not Article.objects.live("uk").exists()
    assert Article.objects.get(pk=article.pk).hero_photo_id is not None


def test_saving_again_with_a_reason_publishes_and_records_it(admin_client):
    """The second save, with a reason, publishes; the StateChange keeps the codes and why."""
    article = draft()
    data = form_data(admin_client.get(change_url(article))) | {"state_uk": Status.PUBLISHED}
    refused = admin_client.post(change_url(article), data)
    again = form_data(refused) | {
        "publish_override_reason": "Тег перекладуть пізніше",
        "state_comment": "Терміново",
    }
    response = admin_client.post(change_url(article), again)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Article.objects.live("uk").get() == article
    step = article.history.get(to_status=Status.PUBLISHED)
    assert step.overridden == [checklist.TAG]
    reason = said("Published despite the checklist: %(reason)s", reason="Тег перекладуть пізніше")
    assert step.comment == "Терміново\n" + reason
    history = admin_client.get(reverse("admin:articles_article_revisions", args=[article.pk]))
    page = history.content.decode()
    assert "Тег перекладуть пізніше" in page
    overridden = re.findall(r'<p class="history-overridden">(.*?)</p>', page, re.S)
    assert overridden and str(checklist.LABELS[checklist.TAG]) in overridden[0]


def test_a_reason_without_failures_shown_is_not_an_override(admin_client):
    """A reason posted without the checklist having been shown publishes nothing."""
    article = draft()
    data = form_data(admin_client.get(change_url(article))) | {
        "state_uk": Status.PUBLISHED,
        "publish_override_reason": "Бо так",
    }
    response = admin_client.post(change_url(article), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("__all__", "checklist")
    assert not Article.objects.live("uk").exists()


def test_an_override_does_not_cover_a_failure_not_shown(admin_client):
    """If another check fails by the second save, the editor is asked again, the new failure
    listed; the reason typed stays in the box."""
    article = draft()
    data = form_data(admin_client.get(change_url(article))) | {"state_uk": Status.PUBLISHED}
    refused = admin_client.post(change_url(article), data)
    again = form_data(refused) | {"publish_override_reason": "Тег пізніше", "lead_uk": ""}
    response = admin_client.post(change_url(article), again)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert said("the lead is empty") in " ".join(form.non_field_errors())
    assert "Тег пізніше" in response.content.decode()
    assert form_data(response)["publish_checks_shown"] == "uk:lead uk:tag"
    assert not Article.objects.live("uk").exists()


def test_posted_blocks_and_tags_are_judged_not_the_stored_ones(admin_client):
    """An empty paragraph and a "Read also" to a draft typed in this save are caught; a tag row
    deleted in this save no longer counts."""
    article = ready_to_publish(ArticleFactory())
    other = ArticleFactory(title_uk="Чернетка сусіда")
    data = form_data(admin_client.get(change_url(article)))
    data |= {
        "state_uk": Status.PUBLISHED,
        "tagged_items-0-DELETE": "on",
        "blocks-uk-TOTAL_FORMS": "2",
        "blocks-uk-0-kind": "paragraph",
        "blocks-uk-0-text": "<p></p>",
        "blocks-uk-1-kind": "read_also",
        "blocks-uk-1-link_article": str(other.pk),
    }
    response = admin_client.post(change_url(article), data)
    assert response.status_code == 200
    messages = " ".join(response.context["adminform"].form.non_field_errors())
    assert said("there are no tags") in messages
    assert said("body blocks no. %(numbers)s are empty", numbers="1") in messages
    read_also = said(
        "“Read also” in body blocks no. %(numbers)s links to an article not published in "
        "%(language)s",
        numbers="2",
        language="Українська",
    )
    assert read_also in messages and "Чернетка сусіда" not in messages
    assert ArticleTag.objects.filter(content_object=article).exists()


def test_a_complete_article_publishes_without_questions(admin_client):
    """Nothing fails, nothing is asked, nothing is recorded as overridden."""
    article = ready_to_publish(ArticleFactory())
    data = form_data(admin_client.get(change_url(article))) | {"state_uk": Status.PUBLISHED}
    assert admin_client.post(change_url(article), data).status_code == 302
    assert article.history.get(to_status=Status.PUBLISHED).overridden == []


def test_scheduling_is_checked_too(admin_client):
    """A draft scheduled for later, and a live version moved to a later time, are checked."""
    article = draft()
    future = timezone.localtime(timezone.now() + timedelta(days=2))
    when = {"publish_at_uk_0": f"{future:%d.%m.%Y}", "publish_at_uk_1": "10:00:00"}
    data = form_data(admin_client.get(change_url(article))) | {"state_uk": Status.PUBLISHED}
    response = admin_client.post(change_url(article), data | when)
    assert response.context["adminform"].form.has_error("state_uk", "checklist")
    live = live_article(["uk"])
    data = form_data(admin_client.get(change_url(live))) | when
    response = admin_client.post(change_url(live), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("state_uk", "checklist")
    assert Article.objects.live("uk").get() == live


def test_editing_a_live_version_without_touching_its_publication_is_not_checked(admin_client):
    """A typo fix in a live article that would fail the checklist saves as before."""
    article = live_article(["uk"])
    data = form_data(admin_client.get(change_url(article))) | {"title_uk": "Виправлено"}
    assert admin_client.post(change_url(article), data).status_code == 302


def test_a_journalist_sending_for_review_is_not_blocked(client):
    """Review is not publication: the checklist is information for the journalist."""
    journalist = UserFactory(username="writer", is_staff=True)
    journalist.groups.add(Group.objects.get(name=roles.JOURNALISTS))
    article = ArticleFactory(created_by=journalist, title_ru="", title_en="")
    services.article_set_state(article=article, language="uk", status=Status.DRAFT)
    client.force_login(journalist)
    page = client.get(change_url(article))
    assert "publish-checklist" in page.content.decode()
    data = form_data(page) | {"state_uk": Status.REVIEW}
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert article.versions.get(language="uk").status == Status.REVIEW


def test_each_tab_shows_its_stored_checklist(admin_client):
    """The form lists every check of each language with ✓ or ⚠ and what is wrong."""
    article = ArticleFactory(hero_photo=HeroPhotoFactory(credit_en=""))
    tag_article(article, TagFactory(name_en=""))
    page = admin_client.get(change_url(article)).content.decode()
    assert page.count('class="publish-checklist"') == 3
    assert said("the hero photo has no credit in %(language)s", language="English") in page
    assert said("no tag has a name in %(language)s", language="English") in page
    assert 'class="check-passed" data-check="hero_credit"' in page  # in Ukrainian


def test_each_language_is_asked_and_recorded_on_its_own(admin_client):
    """Publishing two languages: the failures are listed per language, and the override is
    recorded only on the step of the language that needed it."""
    article = draft()
    services.article_set_state(article=article, language="en", status=Status.DRAFT)
    data = form_data(admin_client.get(change_url(article))) | {
        "state_uk": Status.PUBLISHED,
        "state_en": Status.PUBLISHED,
    }
    refused = admin_client.post(change_url(article), data)
    form = refused.context["adminform"].form
    assert form.has_error("state_uk", "checklist") and not form.has_error("state_en")
    again = form_data(refused) | {"publish_override_reason": "Тег пізніше"}
    assert admin_client.post(change_url(article), again).status_code == 302
    steps = dict(
        article.history.filter(to_status=Status.PUBLISHED).values_list("language", "overridden")
    )
    assert steps == {"uk": [checklist.TAG], "en": []}


def test_a_scheduled_version_published_now_is_checked(admin_client):
    """Clearing the time of a scheduled version publishes it now: the checklist runs."""
    article = draft()
    services.article_publish(
        article=article,
        language="uk",
        at=timezone.now() + timedelta(days=1),
        overridden=[checklist.TAG],
        comment="Тег пізніше",
    )
    data = form_data(admin_client.get(change_url(article))) | {
        "publish_at_uk_0": "",
        "publish_at_uk_1": "",
    }
    response = admin_client.post(change_url(article), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("state_uk", "checklist")
    assert not Article.objects.live("uk").exists()


# --- the checklist following the typing -------------------------------------------------------


def test_the_checklist_view_judges_the_unsaved_form_and_saves_nothing(admin_client):
    """Posting the form to the checklist address answers each language's list as typed, and
    the article is unchanged."""
    article = draft()
    data = form_data(admin_client.get(change_url(article))) | {"lead_uk": "", "title_uk": "Нове"}
    response = admin_client.post(f"{change_url(article).removesuffix('change/')}checklist/", data)
    assert response.status_code == 200
    lists = response.json()
    assert set(lists) == {"uk", "ru", "en"}
    assert 'class="check-failed" data-check="lead"' in lists["uk"]
    assert 'class="check-passed" data-check="lead"' in lists["en"]
    article.refresh_from_db()
    assert article.title_uk != "Нове" and article.lead_uk


def test_the_checklist_view_never_locks_the_article_row(admin_client, monkeypatch):
    """It runs as one types: the form is validated without SELECT … FOR UPDATE, so it never
    makes others' saves wait."""
    from django.db.models import QuerySet

    locked = []
    original = QuerySet.select_for_update

    def select_for_update(queryset, *args, **kwargs):
        locked.append(queryset.model)
        return original(queryset, *args, **kwargs)

    article = draft()
    data = form_data(admin_client.get(change_url(article))) | {"title_uk": "Нове"}
    monkeypatch.setattr(QuerySet, "select_for_update", select_for_update)
    url = f"{change_url(article).removesuffix('change/')}checklist/"
    assert admin_client.post(url, data).status_code == 200
    assert locked == []


def test_the_checklist_view_follows_the_roles(admin_client):
    """Anonymous: to the login page; a colleague's draft: 403; unknown article: 404; GET: 405."""
    client = Client()
    journalist = UserFactory(username="writer", is_staff=True)
    journalist.groups.add(Group.objects.get(name=roles.JOURNALISTS))
    colleague = UserFactory(username="colleague")
    article = ArticleFactory(created_by=colleague)
    services.article_set_state(article=article, language="uk", status=Status.DRAFT)
    url = f"/admin/articles/article/{article.pk}/checklist/"
    assert client.post(url).status_code == 302 and "/login/" in client.post(url)["Location"]
    client.force_login(journalist)
    assert client.post(url).status_code == 403
    assert client.post("/admin/articles/article/checklist/", {"title_uk": "Т"}).status_code == 200
    assert admin_client.post("/admin/articles/article/987654/checklist/").status_code == 404
    assert admin_client.get(url).status_code == 405
