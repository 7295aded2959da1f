"""The live story's state changes and who may make them (liveblog/services.py, permissions.py,
the role table in articles/roles.py)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from liveblog import services
from liveblog.models import LiveCoverage, LiveEvent, LiveUpdate
from tests.factories import live_article

pytestmark = pytest.mark.django_db


def add(story, by, **kwargs):
    return services.update_create(
        article=story, language="uk", by=by, text=kwargs.pop("text", "<p>Текст.</p>"), **kwargs
    )


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_editors_start_and_end_coverage(people, role):
    """Editors and admins make a story live and end it; each step is recorded."""
    article = live_article(["uk"])
    coverage = services.coverage_start(article=article, by=people[role])
    assert coverage.is_on and coverage.started_by == people[role]
    services.coverage_end(article=article, by=people[role])
    coverage.refresh_from_db()
    assert not coverage.is_on and coverage.ended_by == people[role]
    actions = list(LiveEvent.objects.filter(article=article).values_list("action", flat=True))
    assert sorted(actions) == ["ended", "started"]
    # Started again: the same coverage, on again.
    assert services.coverage_start(article=article, by=people[role]).pk == coverage.pk
    assert LiveCoverage.objects.get(article=article).is_on


@pytest.mark.parametrize("role", ["journalist", "admanager"])
def test_only_editors_start_or_end_coverage(people, story, role):
    """A journalist (even the author) or an ad manager cannot make a story live or end it."""
    with pytest.raises(PermissionDenied):
        services.coverage_start(article=live_article(["uk"]), by=people[role])
    with pytest.raises(PermissionDenied):
        services.coverage_end(article=story, by=people[role])


def test_the_author_posts_updates_once_an_editor_made_the_story_live(people, story):
    """The journalist who writes the story publishes updates at once, signed with their
    author profile, and the step is recorded."""
    update = add(story, people["journalist"])
    assert update.is_live and update.created_by == people["journalist"]
    assert update.author.user == people["journalist"]
    assert set(LiveEvent.objects.filter(update=update).values_list("action", flat=True)) == {
        "added",
        "published",
    }


def test_a_journalist_cannot_post_to_a_story_that_is_not_theirs(people, story):
    """A colleague who does not sign the story, or an ad manager, may not post to it."""
    for role in ["colleague", "admanager"]:
        with pytest.raises(PermissionDenied):
            add(story, people[role])
    assert not LiveUpdate.objects.exists()


def test_nobody_posts_to_an_ended_coverage_or_an_ordinary_article(people, story):
    """After the end (or without coverage) there is nothing to post to, for editors too."""
    services.coverage_end(article=story, by=people["editor"])
    for role in ["journalist", "editor"]:
        with pytest.raises(PermissionDenied):
            add(story, people[role])
    with pytest.raises(ValidationError):
        add(story, None)
    with pytest.raises(PermissionDenied):
        add(live_article(["uk"]), people["editor"])


def test_journalists_change_their_own_updates_editors_any(people, story):
    """The author edits and unpublishes their update; a colleague cannot; the editor can, also
    after the coverage ended."""
    update = add(story, people["journalist"])
    services.update_edit(update=update, by=people["journalist"], text="<p>Правка.</p>")
    with pytest.raises(PermissionDenied):
        services.update_edit(update=update, by=people["colleague"], text="<p>Чуже.</p>")
    editors = add(story, people["editor"])
    with pytest.raises(PermissionDenied):
        services.update_unpublish(update=editors, by=people["journalist"])
    with pytest.raises(PermissionDenied):
        services.update_delete(update=editors, by=people["journalist"])
    services.coverage_end(article=story, by=people["editor"])
    with pytest.raises(PermissionDenied):
        services.update_edit(update=update, by=people["journalist"], text="<p>Пізно.</p>")
    services.update_edit(update=update, by=people["editor"], text="<p>Виправлено.</p>")
    services.update_delete(update=update, by=people["editor"])
    assert not LiveUpdate.objects.filter(pk=update.pk).exists()
    deleted = LiveEvent.objects.get(action="deleted")
    assert deleted.update is None and deleted.note == "Виправлено."


def test_only_editors_pin_and_one_update_is_pinned_per_language(people, story):
    """Pinning is an editor's call; pinning one unpins the other; the database refuses two."""
    first, second = add(story, people["journalist"]), add(story, people["journalist"])
    with pytest.raises(PermissionDenied):
        services.update_pin(update=first, by=people["journalist"])
    services.update_pin(update=first, by=people["editor"])
    services.update_pin(update=second, by=people["editor"])
    assert list(LiveUpdate.objects.filter(pinned=True)) == [second]
    english = services.update_create(article=story, language="en", text="<p>EN</p>")
    services.update_pin(update=english, by=people["editor"])  # another language: both pinned
    assert LiveUpdate.objects.filter(pinned=True).count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        LiveUpdate.objects.filter(pk=first.pk).update(pinned=True)


def test_a_draft_and_a_scheduled_update(people, story):
    """Kept as a draft it is not live; scheduled it is live from its time; published later
    it gets the time of its publication."""
    draft = add(story, people["journalist"], publish=False)
    assert draft.status == "draft" and not draft.is_live and draft.publish_at is None
    at = timezone.now() + timedelta(hours=1)
    scheduled = add(story, people["journalist"], at=at)
    assert scheduled.is_scheduled and not scheduled.is_live
    assert LiveEvent.objects.filter(update=scheduled, action="scheduled").exists()
    published = services.update_publish(update=draft, by=people["journalist"])
    assert published.is_live


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"text": "<p> </p>"}, "text"),
        ({"text": "<script>x()</script>"}, "text"),
        ({"blocks": [{"kind": "embed", "url": "https://example.org/page"}]}, "blocks-0-url"),
        ({"blocks": [{"kind": "quote", "text": ""}]}, "blocks-0-text"),
        ({"blocks": [{"kind": "nonsense"}]}, "blocks-0-kind"),
        ({"headline": "Дуже " * 50}, "headline"),
    ],
)
def test_bad_input_is_refused_with_a_field_error(people, story, fields, field):
    """Nothing to show, a link that is not a post, a long headline: a clear error on the
    field, nothing saved."""
    with pytest.raises(ValidationError) as refused:
        services.update_create(
            article=story, language="uk", by=people["editor"], **{"text": "", **fields}
        )
    assert field in refused.value.error_dict
    assert not LiveUpdate.objects.exists()


def test_an_update_may_be_an_embedded_post_alone(people, story):
    """No text but an embedded post block: valid, saved as the update's one block."""
    update = services.update_create(
        article=story,
        language="uk",
        blocks=[{"kind": "embed", "url": "https://t.me/newsroom/15"}],
        by=people["editor"],
    )
    assert [(block.kind, block.url) for block in update.blocks.all()] == [
        ("embed", "https://t.me/newsroom/15")
    ]


def test_an_edit_made_from_a_stale_form_is_refused(people, story):
    """Two people editing one update: the second save, from a form opened before the first,
    is refused (its text stays in the form) rather than overwriting it."""
    update = add(story, people["journalist"])
    opened = update.edit_count
    services.update_edit(
        update=update, by=people["editor"], edit_count=opened, text="<p>Редактор.</p>"
    )
    with pytest.raises(ValidationError) as refused:
        services.update_edit(
            update=update, by=people["journalist"], edit_count=opened, text="<p>Автор.</p>"
        )
    assert refused.value.code == "conflict"
    update.refresh_from_db()
    assert update.text == "<p>Редактор.</p>"


def test_nothing_changes_on_an_article_in_the_trash(people, story):
    """A trashed story takes no updates, not even from an editor."""
    update = add(story, people["journalist"])
    from articles import services as article_services

    article_services.article_trash(article=story, by=people["editor"])
    story.refresh_from_db()
    with pytest.raises(PermissionDenied):
        add(story, people["editor"])
    with pytest.raises(PermissionDenied):
        services.update_edit(update=update, by=people["editor"], text="<p>Ні.</p>")


def test_the_role_table_gives_the_live_desk_to_journalists_and_editors(people):
    """Journalists and editors have the update permissions; only editors the coverage's; ad
    managers none."""
    journalist, editor, ads = people["journalist"], people["editor"], people["admanager"]
    assert journalist.has_perm("liveblog.add_liveupdate")
    assert not journalist.has_perm("liveblog.change_livecoverage")
    assert editor.has_perm("liveblog.change_livecoverage")
    assert editor.has_perm("liveblog.delete_liveupdate")
    assert not any(p.startswith("liveblog.") for p in ads.get_all_permissions())
