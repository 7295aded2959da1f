"""State changes of live stories. The admin's live desk, the demo seeder and tests go through
these: each takes keyword arguments only, checks that `by` may do it (liveblog/permissions.py;
`by=None` is the system), does its work in one transaction and records it (LiveEvent). Cache
purges follow from the saves (liveblog/signals.py), after the commit.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles import blocks as registry
from articles import richtext
from articles.models import LANGUAGE_CODES, Article

from . import permissions
from .models import LiveCoverage, LiveEvent, LiveUpdate, LiveUpdateBlock, UpdateStatus


def coverage_of(article) -> LiveCoverage | None:
    """The article's coverage, or None (no query when it came with the article)."""
    try:
        return article.live_coverage
    except LiveCoverage.DoesNotExist:
        return None


def _record(article, action, *, by, update=None, language=""):
    note = ""
    if update is not None:
        note = Truncator(str(update)).chars(300)
        language = update.language
    LiveEvent.objects.create(
        article=article, update=update, language=language, action=action, by=by, note=note
    )


@transaction.atomic
def coverage_start(*, article: Article, by=None) -> LiveCoverage:
    """Make `article` a live story (again, if its coverage had ended)."""
    if by is not None and not permissions.can_manage_coverage(by, article):
        raise PermissionDenied(_("Only an editor can start live coverage."))
    coverage, created = LiveCoverage.objects.select_for_update().get_or_create(
        article=article, defaults={"started_by": by}
    )
    if not created and coverage.is_on:
        return coverage
    if not created:
        coverage.ended_at = coverage.ended_by = None
        coverage.save()
    _record(article, LiveEvent.Action.STARTED, by=by)
    return coverage


@transaction.atomic
def coverage_end(*, article: Article, by=None) -> LiveCoverage:
    """End the live coverage: the article becomes an ordinary one, its updates kept."""
    if by is not None and not permissions.can_manage_coverage(by, article):
        raise PermissionDenied(_("Only an editor can end live coverage."))
    coverage = LiveCoverage.objects.select_for_update().filter(article=article).first()
    if coverage is None:
        raise ValidationError(_("This article is not a live story."), code="not_live")
    if coverage.is_on:
        coverage.ended_at = timezone.now().replace(microsecond=0)
        coverage.ended_by = by
        coverage.save()
        _record(article, LiveEvent.Action.ENDED, by=by)
    return coverage


def _clean_blocks(blocks_given, article):
    """The update's blocks as unsaved `LiveUpdateBlock`s, positions 10, 20… in the order given,
    and the errors of each, named `<key>-<field>` (the desk's form gives each block its form's
    prefix as `key`; otherwise `blocks-<n>`)."""
    found, errors = [], {}
    for index, values in enumerate(blocks_given or ()):
        values = dict(values)
        key = values.pop("key", None) or f"blocks-{index}"
        block = LiveUpdateBlock(position=(index + 1) * 10)
        block._article_id = article.pk
        for name in ("kind", *registry.CONTENT_FIELDS):
            value = values.get(name)
            if name in ("photo", "link_article"):
                setattr(block, f"{name}_id", getattr(value, "pk", value) or None)
            else:
                setattr(block, name, value or "")
        if block.kind not in registry.REGISTRY:
            errors[f"{key}-kind"] = ValidationError(_("Choose the type of block."), code="kind")
            continue
        try:
            block.clean()
        except ValidationError as problem:
            for name, messages in problem.message_dict.items():
                errors[f"{key}-{name}"] = ValidationError(messages)
        found.append(block)
    return found, errors


def _clean_content(*, headline, text, blocks_given, article, language):
    """The update's fields and blocks cleaned, or ValidationError naming each field at fault
    (the journalist's text is never dropped: the form shows it again with the errors)."""
    errors = {}
    headline = " ".join((headline or "").split())
    if len(headline) > 200:
        errors["headline"] = ValidationError(
            _("At most 200 characters: the headline is a few words."), code="max_length"
        )
    text = richtext.sanitize(text or "")
    found, block_errors = _clean_blocks(blocks_given, article)
    errors.update(block_errors)
    if not strip_tags(text).strip() and not blocks_given:
        errors["text"] = ValidationError(
            _("Write the update: text, or at least one block (a quote, a photo…)."),
            code="required",
        )
    if language not in LANGUAGE_CODES:
        errors["language"] = ValidationError(_("Unknown language."), code="invalid")
    if errors:
        raise ValidationError(errors)
    return headline, text, found


def _stored(block) -> dict:
    """A saved block as `blocks` gives it (its photo and article by id: no query)."""
    return {
        "kind": block.kind,
        **{
            name: getattr(block, f"{name}_id" if name in ("photo", "link_article") else name)
            for name in registry.CONTENT_FIELDS
        },
    }


def _save_blocks(update, found):
    """The update's blocks become `found` (built by `_clean_blocks`), in one query each way."""
    update.blocks.all().delete()
    for block in found:
        block.update = update
    LiveUpdateBlock.objects.bulk_create(found)


def _publication(publish, at):
    """(status, time) for "publish now / at a time" or "keep a draft"."""
    if not publish:
        return UpdateStatus.DRAFT, None
    # Whole seconds, as articles: the time shown is the time stored.
    return UpdateStatus.PUBLISHED, (at or timezone.now()).replace(microsecond=0)


@transaction.atomic
def update_create(
    *,
    article: Article,
    language: str,
    by=None,
    headline: str = "",
    text: str = "",
    blocks: list[dict] | None = None,
    author=None,
    publish: bool = True,
    at: datetime | None = None,
) -> LiveUpdate:
    """Add an update to the live story in `language`: published now (default), scheduled for
    `at`, or kept as a draft (`publish=False`). `blocks` are the update's typed blocks after its
    text, in order, as dicts of `kind` and the fields its type uses (`articles/blocks.py`;
    `photo` and `link_article` as objects or ids)."""
    coverage = LiveCoverage.objects.filter(article=article).first()
    if by is not None and not permissions.can_add_update(by, article, coverage):
        raise PermissionDenied(_("You may not add updates to this story."))
    if coverage is None or not coverage.is_on:
        raise ValidationError(_("The live coverage of this story has ended."), code="ended")
    headline, text, found = _clean_content(
        headline=headline, text=text, blocks_given=blocks, article=article, language=language
    )
    status, publish_at = _publication(publish, at)
    if author is None and by is not None:
        author = getattr(by, "author", None)
    update = LiveUpdate.objects.create(
        article=article,
        language=language,
        status=status,
        publish_at=publish_at,
        headline=headline,
        text=text,
        author=author,
        created_by=by,
        updated_by=by,
    )
    _save_blocks(update, found)
    _record(article, LiveEvent.Action.ADDED, by=by, update=update)
    if status == UpdateStatus.PUBLISHED:
        _record(article, _published_action(update), by=by, update=update)
    return update


def _published_action(update):
    return LiveEvent.Action.SCHEDULED if update.is_scheduled else LiveEvent.Action.PUBLISHED


def _locked(update, by, check):
    """The update as stored now (locked to the end of the transaction), if `by` may."""
    fresh = (
        LiveUpdate.objects.select_for_update()
        .filter(pk=update.pk)
        .select_related("article")
        .first()
    )
    if fresh is None:
        raise ValidationError(_("This update was deleted in the meantime."), code="gone")
    coverage = LiveCoverage.objects.filter(article_id=fresh.article_id).first()
    if by is not None and not check(by, fresh, coverage):
        raise PermissionDenied(_("You may not change this update."))
    return fresh


@transaction.atomic
def update_edit(
    *,
    update: LiveUpdate,
    by=None,
    edit_count: int | None = None,
    headline: str = "",
    text: str = "",
    blocks: list[dict] | None = None,
    author=None,
) -> LiveUpdate:
    """Change an update's content (its state and time stay). `blocks` replace the update's
    blocks (None keeps them). `edit_count` is what the form was opened with: a save by someone
    else since then is not overwritten."""
    fresh = _locked(update, by, permissions.can_change_update)
    if edit_count is not None and edit_count != fresh.edit_count:
        raise ValidationError(
            _(
                "Someone else saved this update while you were editing it. Your text is still "
                "in the form: copy it, reload the update and apply your change again."
            ),
            code="conflict",
        )
    if blocks is None:
        blocks = [_stored(block) for block in fresh.blocks.all()]
    fresh.headline, fresh.text, found = _clean_content(
        headline=headline,
        text=text,
        blocks_given=blocks,
        article=fresh.article,
        language=fresh.language,
    )
    fresh.author = author if author is not None else fresh.author
    fresh.updated_by = by
    fresh.edit_count += 1
    fresh.save()
    _save_blocks(fresh, found)
    _record(fresh.article, LiveEvent.Action.EDITED, by=by, update=fresh)
    return fresh


@transaction.atomic
def update_publish(*, update: LiveUpdate, by=None, at: datetime | None = None) -> LiveUpdate:
    """Publish a draft update now, or schedule it for `at`."""
    fresh = _locked(update, by, permissions.can_change_update)
    fresh.status, fresh.publish_at = _publication(True, at)
    fresh.updated_by = by
    fresh.edit_count += 1
    fresh.save()
    _record(fresh.article, _published_action(fresh), by=by, update=fresh)
    return fresh


@transaction.atomic
def update_unpublish(*, update: LiveUpdate, by=None) -> LiveUpdate:
    """Take an update off the page (it becomes a draft again, unpinned)."""
    fresh = _locked(update, by, permissions.can_change_update)
    fresh.status, fresh.publish_at, fresh.pinned = UpdateStatus.DRAFT, None, False
    fresh.updated_by = by
    fresh.edit_count += 1
    fresh.save()
    _record(fresh.article, LiveEvent.Action.UNPUBLISHED, by=by, update=fresh)
    return fresh


@transaction.atomic
def update_pin(*, update: LiveUpdate, by=None, pinned: bool = True) -> LiveUpdate:
    """Pin an update above the others in its language (the one pinned before is unpinned), or
    unpin it."""
    fresh = _locked(update, by, lambda user, row, coverage: permissions.can_pin(user, row))
    if pinned:
        LiveUpdate.objects.filter(
            article_id=fresh.article_id, language=fresh.language, pinned=True
        ).exclude(pk=fresh.pk).update(pinned=False)
    fresh.pinned = pinned
    fresh.updated_by = by
    fresh.edit_count += 1
    fresh.save()
    action = LiveEvent.Action.PINNED if pinned else LiveEvent.Action.UNPINNED
    _record(fresh.article, action, by=by, update=fresh)
    return fresh


@transaction.atomic
def update_delete(*, update: LiveUpdate, by=None) -> None:
    """Delete an update for good (the record keeps its headline or first words)."""
    fresh = _locked(update, by, permissions.can_delete_update)
    _record(fresh.article, LiveEvent.Action.DELETED, by=by, update=fresh)
    fresh.delete()
