"""The live desk in the admin: the compact form and the actions, as its script posts them (JSON)
and as a plain form posts them (no script), with the role rules of liveblog/permissions.py."""

import pytest
from django.urls import reverse

from liveblog import services
from liveblog.models import LiveCoverage, LiveUpdate
from tests.factories import live_article

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def desk(coverage, language="uk"):
    return reverse("admin:liveblog_livecoverage_desk", args=[coverage.pk]) + f"?language={language}"


def action(coverage, update, name):
    return reverse("admin:liveblog_livecoverage_desk_action", args=[coverage.pk, update.pk, name])


def as_user(client, user):
    client.force_login(user)
    return client


def with_blocks(*blocks, initial=0, **data):
    """The desk form's fields as posted: the update's own and its blocks (a Django formset)."""
    posted = {"blocks-TOTAL_FORMS": len(blocks), "blocks-INITIAL_FORMS": initial, **data}
    for index, block in enumerate(blocks):
        posted.update({f"blocks-{index}-{name}": value for name, value in block.items()})
    return posted


def test_the_desk_opens_for_the_author_and_editors_only(client, people, coverage):
    """The author and editors get the desk; a colleague and an ad manager get 403."""
    for role, status in [("journalist", 200), ("editor", 200), ("colleague", 403)]:
        assert as_user(client, people[role]).get(desk(coverage)).status_code == status, role
    assert as_user(client, people["admanager"]).get(desk(coverage)).status_code == 403


def test_an_update_posted_by_the_script_is_saved_and_the_list_comes_back(client, people, coverage):
    """A JSON post adds and publishes the update and answers with the language's list."""
    as_user(client, people["journalist"])
    response = client.post(
        desk(coverage),
        {
            "headline": "Світло повертається",
            "text": "<p>Бригади працюють.</p>",
            "intent": "publish",
        },
        **JSON,
    )
    assert response.status_code == 200 and response.json()["ok"] is True
    update = LiveUpdate.objects.get()
    assert update.is_live and update.language == "uk" and update.headline == "Світло повертається"
    assert "Бригади працюють." in response.json()["list_html"]


def test_a_refused_save_says_why_on_the_field(client, people, coverage):
    """An empty update or a bad embed link: 400 with the field's message, nothing saved (the
    script leaves the text in the form)."""
    as_user(client, people["journalist"])
    response = client.post(
        desk(coverage),
        with_blocks({"kind": "embed", "url": "https://example.org/x"}, text="<p>Текст</p>"),
        **JSON,
    )
    assert response.status_code == 400 and "blocks-0-url" in response.json()["errors"]
    response = client.post(desk(coverage), {"text": ""}, **JSON)
    assert response.status_code == 400 and "text" in response.json()["errors"]
    assert not LiveUpdate.objects.exists()


def test_without_scripts_a_refused_save_shows_the_form_again_with_the_text(
    client, people, coverage
):
    """A plain post with a bad link: the desk again, the error and the typed text in it."""
    as_user(client, people["journalist"])
    response = client.post(
        desk(coverage),
        with_blocks(
            {"kind": "embed", "url": "https://example.org/x"},
            text="<p>Мій довгий текст</p>",
            intent="publish",
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Мій довгий текст" in page and "https://x.com" in page
    response = client.post(desk(coverage), {"text": "<p>Добре</p>", "intent": "publish"})
    assert response.status_code == 302 and LiveUpdate.objects.get().is_live


def test_a_colleague_cannot_post_to_the_story(client, people, coverage):
    """A journalist who does not sign the story: 403 from a crafted post too."""
    as_user(client, people["colleague"])
    response = client.post(desk(coverage), {"text": "<p>Чуже</p>"}, **JSON)
    assert response.status_code == 403 and not LiveUpdate.objects.exists()


def test_schedule_needs_a_future_time(client, people, coverage):
    """ "Schedule" without a time, or with a past one, is refused on the time field."""
    as_user(client, people["editor"])
    response = client.post(desk(coverage), {"text": "<p>Т</p>", "intent": "schedule"}, **JSON)
    assert response.status_code == 400 and "at" in response.json()["errors"]
    response = client.post(
        desk(coverage),
        {"text": "<p>Т</p>", "intent": "schedule", "at": "2099-01-01T10:00"},
        **JSON,
    )
    assert response.status_code == 200 and LiveUpdate.objects.get().is_scheduled


def test_two_journalists_adding_at_once_both_get_their_update(client, people, coverage):
    """Updates are rows of their own: two posts moments apart both land, newest first."""
    editor_client = client.__class__()
    editor_client.force_login(people["editor"])
    as_user(client, people["journalist"])
    first = client.post(desk(coverage), {"text": "<p>Одне</p>"}, **JSON)
    second = editor_client.post(desk(coverage), {"text": "<p>Друге</p>"}, **JSON)
    assert first.json()["ok"] and second.json()["ok"]
    assert LiveUpdate.objects.count() == 2


def test_an_edit_from_a_stale_form_is_a_conflict(client, people, coverage):
    """Saving over a newer save: 409 with a message saying the text is still in the form."""
    update = services.update_create(
        article=coverage.article, language="uk", text="<p>Перше</p>", by=people["journalist"]
    )
    services.update_edit(update=update, by=people["editor"], text="<p>Редактор</p>")
    as_user(client, people["journalist"])
    response = client.post(
        desk(coverage),
        {"update": update.pk, "edit_count": 0, "text": "<p>Автор</p>", "intent": "save"},
        **JSON,
    )
    assert response.status_code == 409 and response.json()["errors"]["__all__"]
    update.refresh_from_db()
    assert update.text == "<p>Редактор</p>"


def test_actions_publish_pin_unpublish_and_delete(client, people, coverage):
    """The editor's buttons: each is one post, answered with the new list."""
    update = services.update_create(
        article=coverage.article, language="uk", text="<p>Т</p>", publish=False
    )
    as_user(client, people["editor"])
    for name in ["publish", "pin", "unpin", "unpublish"]:
        response = client.post(action(coverage, update, name), **JSON)
        assert response.status_code == 200 and response.json()["ok"], name
    update.refresh_from_db()
    assert not update.is_live and not update.pinned
    assert client.post(action(coverage, update, "delete")).status_code == 302
    assert not LiveUpdate.objects.exists()


def test_a_journalist_cannot_pin(client, people, coverage):
    """Pinning is refused to the author: 403 as JSON."""
    update = services.update_create(
        article=coverage.article, language="uk", text="<p>Т</p>", by=people["journalist"]
    )
    as_user(client, people["journalist"])
    response = client.post(action(coverage, update, "pin"), **JSON)
    assert response.status_code == 403 and not LiveUpdate.objects.get().pinned


def test_editors_start_coverage_from_the_admin_and_end_it(client, people):
    """The add form starts the coverage (and leads to the desk); the button ends it. A
    journalist has no add form."""
    article = live_article(["uk"])
    as_user(client, people["journalist"])
    assert client.get(reverse("admin:liveblog_livecoverage_add")).status_code == 403
    as_user(client, people["editor"])
    response = client.post(reverse("admin:liveblog_livecoverage_add"), {"article": article.pk})
    coverage = LiveCoverage.objects.get(article=article)
    assert response.status_code == 302 and response.url == reverse(
        "admin:liveblog_livecoverage_desk", args=[coverage.pk]
    )
    response = client.post(reverse("admin:liveblog_coverage", args=[coverage.pk, "end"]))
    coverage.refresh_from_db()
    assert response.status_code == 302 and not coverage.is_on
    as_user(client, people["journalist"])
    assert (
        client.post(reverse("admin:liveblog_coverage", args=[coverage.pk, "start"])).status_code
        == 403
    )


def test_the_desk_list_shows_every_state_to_staff(client, people, coverage):
    """The desk lists drafts and scheduled updates (never public) with their state."""
    services.update_create(
        article=coverage.article, language="uk", text="<p>Чернетка</p>", publish=False
    )
    as_user(client, people["editor"])
    url = reverse("admin:liveblog_livecoverage_desk_list", args=[coverage.pk]) + "?language=uk"
    data = client.get(url).json()
    assert "Чернетка" in data["list_html"] and "state-draft" in data["list_html"]


def test_the_list_of_live_stories_leads_to_each_desk(client, people, coverage):
    """Editors and journalists see the list of live stories with a link to each desk; the
    change page is the desk."""
    desk_url = reverse("admin:liveblog_livecoverage_desk", args=[coverage.pk])
    for role in ["editor", "journalist"]:
        page = as_user(client, people[role]).get(reverse("admin:liveblog_livecoverage_changelist"))
        assert page.status_code == 200 and desk_url in page.content.decode(), role
    change = reverse("admin:liveblog_livecoverage_change", args=[coverage.pk])
    assert as_user(client, people["editor"]).get(change).url == desk_url


def test_publish_now_ignores_a_time_left_in_the_field(client, people, coverage):
    """An edited draft published with "Publish now" goes live now, not at an old time still in
    the time field (open pages would never offer a back-dated update)."""
    from django.utils import timezone

    update = services.update_create(
        article=coverage.article,
        language="uk",
        text="<p>Чернетка</p>",
        by=people["journalist"],
        publish=False,
    )
    assert not update.is_live
    as_user(client, people["journalist"])
    before = timezone.now()
    response = client.post(
        desk(coverage),
        with_blocks(
            update=update.pk,
            edit_count=update.edit_count,
            text="<p>Готово</p>",
            intent="publish",
            at="2020-01-01T10:00",
        ),
        **JSON,
    )
    assert response.status_code == 200, response.content
    update.refresh_from_db()
    assert update.is_live and update.publish_at >= before.replace(microsecond=0)
    assert update.text == "<p>Готово</p>"
