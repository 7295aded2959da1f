"""Who writes corrections, how the admin takes them, what is recorded, and what is purged."""

import html
from datetime import timedelta

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles.models import StateChange
from corrections import services as notes
from corrections.models import Correction
from tests.forms import form_data

from .conftest import PUBLISHED

pytestmark = pytest.mark.django_db
ADD = "/admin/corrections/correction/add/"


def posted(story, language="uk", **fields):
    return {
        "article": story.pk,
        "language": language,
        "kind": "correction",
        "dated_at_0": "08.11.2024",
        "dated_at_1": "15:10",
        "placement": "",
        "text": "<p>Міст відкриють у травні.</p>",
        **fields,
    }


def test_an_editor_adds_a_correction_and_returns_to_the_article(client, editor, story):
    """The add form, opened from the article's language tab, saves the note and goes back to
    that tab; the note is dated in Kyiv time."""
    client.force_login(editor)
    form = client.get(f"{ADD}?article={story.pk}&language=en")
    assert form.status_code == 200
    data = form_data(form) | posted(story, "en", text="<p>It reopens in May.</p>")
    response = client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert response["Location"].endswith(f"/articles/article/{story.pk}/change/#corrections-en")
    note = Correction.objects.get()
    assert (note.language, note.kind, note.placement) == ("en", "correction", "below")
    assert timezone.localtime(note.dated_at).strftime("%d.%m.%Y %H:%M") == "08.11.2024 15:10"
    assert note.created_by == editor


def test_adding_is_recorded_in_the_history_and_the_admin_log(client, editor, story):
    """Who added which note, when: a line in the article's history of that language (its
    state unchanged) and the admin's log entry."""
    client.force_login(editor)
    client.post(ADD, posted(story))
    line = StateChange.objects.filter(article=story, language="uk").first()
    assert line.by == editor and line.from_status == line.to_status == "published"
    assert "Міст відкриють у травні." in line.comment
    assert LogEntry.objects.filter(user=editor, action_flag=ADDITION).exists()


def test_changing_and_removing_are_recorded_too(editor, story):
    """The services note every change and removal in the history."""
    note = notes.correction_add(article=story, language="uk", text="Було.", by=editor)
    notes.correction_change(correction=note, by=editor, text="Стало.")
    notes.correction_delete(correction=note, by=editor)
    comments = [line.comment for line in StateChange.objects.filter(article=story, by=editor)]
    assert len(comments) == 3 and "Стало." in comments[0] and "Було." in comments[2]
    assert not Correction.objects.exists()


@pytest.mark.parametrize("role", ["journalist", "ad_manager"])
def test_journalists_and_ad_managers_cannot_add_corrections(client, request, story, role):
    """Corrections are the editors' call: the add form is refused, the service too."""
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, posted(story)).status_code == 403
    assert not Correction.objects.exists()
    with pytest.raises(PermissionDenied):
        notes.correction_add(article=story, language="uk", text="x", by=user)


def test_a_journalist_sees_the_notes_but_cannot_change_them(client, journalist, editor, story):
    """Journalists may read the notes in the admin; the change form is read-only to them."""
    note = notes.correction_add(article=story, language="uk", text="Поправка.", by=editor)
    client.force_login(journalist)
    assert client.get("/admin/corrections/correction/").status_code == 200
    page = client.get(f"/admin/corrections/correction/{note.pk}/change/")
    assert page.status_code == 200 and 'name="text"' not in page.content.decode()
    assert client.post(f"/admin/corrections/correction/{note.pk}/delete/", {"post": "yes"})
    assert Correction.objects.filter(pk=note.pk).exists()
    with pytest.raises(PermissionDenied):
        notes.correction_change(correction=note, by=journalist, text="Інакше.")


def test_an_admin_can_add_change_and_remove(admin_client, admin_user, story):
    """Admins (superusers) do everything editors do."""
    assert admin_client.post(ADD, posted(story)).status_code == 302
    note = Correction.objects.get()
    change = f"/admin/corrections/correction/{note.pk}/change/"
    data = form_data(admin_client.get(change))
    data |= {"text": "<p>Інакше.</p>", "kind": "update", "placement": ""}
    assert admin_client.post(change, data).status_code == 302
    note.refresh_from_db()
    assert (note.text, note.kind, note.placement) == ("Інакше.", "update", "above")
    assert note.updated_by == admin_user
    assert admin_client.post(f"{change[:-7]}delete/", {"post": "yes"}).status_code == 302
    assert not Correction.objects.exists()


@pytest.mark.parametrize(
    "fields, field, code_text",
    [
        ({"text": "<p> </p>"}, "text", ""),
        ({"dated_at_0": "08.11.2099"}, "dated_at", "Міст відкриють у травні."),
        ({"language": "ru"}, "language", "Міст відкриють у травні."),
    ],
)
def test_a_bad_note_is_refused_with_its_text_kept(client, editor, story, fields, field, code_text):
    """Empty, dated in the future, or for a language the article has no version in (here ru
    has none): a form error under the field, the typed text still in the form."""
    from articles.models import LanguageVersion

    LanguageVersion.objects.filter(article=story, language="ru").delete()
    client.force_login(editor)
    response = client.post(ADD, posted(story, **fields))
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert code_text in html.unescape(response.content.decode())
    assert not Correction.objects.exists()


def test_a_trashed_article_takes_no_new_notes(editor, story):
    """A story in the trash is off the site: a note for it is refused."""
    from django.core.exceptions import ValidationError

    from articles import services

    services.article_trash(article=story, by=None)
    with pytest.raises(ValidationError) as refused:
        notes.correction_add(article=story, language="uk", text="x", by=editor)
    assert "article" in refused.value.error_dict


def test_the_article_form_shows_each_languages_notes_with_an_add_link(client, editor, story):
    """In each language tab: its notes, and for editors a link to add one to that language."""
    notes.correction_add(article=story, language="en", text="English note.", by=editor)
    client.force_login(editor)
    page = html.unescape(client.get(f"/admin/articles/article/{story.pk}/change/").content.decode())
    assert 'id="corrections-en"' in page and "English note." in page
    assert f"{ADD}?article={story.pk}&language=uk" in page
    assert f"{ADD}?article={story.pk}&language=en" in page


def test_a_journalist_sees_no_add_link_on_the_article_form(client, journalist, story):
    """A journalist's own article: the notes panel says editors add them."""
    from tests.factories import AuthorFactory, sign

    sign(story, AuthorFactory(user=journalist))
    client.force_login(journalist)
    page = client.get(f"/admin/articles/article/{story.pk}/change/").content.decode()
    assert 'id="corrections-uk"' in page and ADD not in page


def test_adding_changing_and_removing_purge_the_article_and_the_list(
    proxy, committed, editor, story
):
    """A note up or changed: the article's pages (feeds and API carry its key) and the list
    of its language, softly; removed: hard, never served again."""
    note = committed(
        lambda: notes.correction_add(article=story, language="en", text="x", by=editor)
    )
    assert {f"article-{story.pk}", "corrections-en"} <= proxy.keys(hard=False)
    proxy.purges.clear()
    committed(lambda: notes.correction_change(correction=note, by=editor, text="y"))
    assert {f"article-{story.pk}", "corrections-en"} <= proxy.keys(hard=False)
    proxy.purges.clear()
    committed(lambda: notes.correction_delete(correction=note, by=editor))
    assert {f"article-{story.pk}", "corrections-en"} <= proxy.keys(hard=True)


def test_a_version_with_notes_going_live_or_leaving_purges_the_list(proxy, committed, story):
    """Its notes join or leave the list of its language at once."""
    from articles import services

    notes.correction_add(article=story, language="ru", text="x", by=None)
    proxy.purges.clear()
    committed(lambda: services.article_publish(article=story, language="ru"))
    assert "corrections-ru" in proxy.keys(hard=False)
    proxy.purges.clear()
    committed(lambda: services.article_unpublish(article=story, language="ru"))
    assert "corrections-ru" in proxy.keys(hard=True)
    proxy.purges.clear()
    committed(lambda: services.article_unpublish(article=story, language="en"))
    assert "corrections-en" not in proxy.keys(hard=True)  # no notes there: nothing to do


def test_the_cached_list_and_article_show_a_new_note_at_once(client, settings, committed, story):
    """With Django's page cache: the cached pages are replaced once the note is saved."""
    settings.PAGE_CACHE = True
    settings.CACHE_PROXIES = []
    url = story.get_absolute_url("uk")
    for address in ("/corrections/", url):
        client.get(address)
        assert client.get(address)["X-Cache"] == "HIT"
    committed(
        lambda: notes.correction_add(
            article=story, language="uk", text="Щойно додана поправка.", by=None
        )
    )
    for address in ("/corrections/", url):
        assert "Щойно додана поправка." in html.unescape(client.get(address).content.decode())


def test_setup_roles_gives_editors_the_corrections(db):
    """The role table: editors add, change, remove; journalists view; ad managers nothing."""
    from django.contrib.auth.models import Group

    from articles import roles

    def codenames(name):
        group = Group.objects.get(name=name)
        return set(
            group.permissions.filter(content_type__app_label="corrections").values_list(
                "codename", flat=True
            )
        )

    assert codenames(roles.EDITORS) == {
        "add_correction",
        "change_correction",
        "delete_correction",
        "view_correction",
    }
    assert codenames(roles.JOURNALISTS) == {"view_correction"}
    assert codenames(roles.AD_MANAGERS) == set()


def test_dates_in_the_future_within_a_minute_are_a_fast_clock(editor, story):
    """A note dated a few seconds ahead is accepted (clocks differ), not refused."""
    note = notes.correction_add(
        article=story,
        language="uk",
        text="x",
        by=editor,
        dated_at=timezone.now() + timedelta(seconds=20),
    )
    assert note.pk and note.dated_at > PUBLISHED
