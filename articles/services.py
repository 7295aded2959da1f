"""State changes of articles. The admin, views, commands and tests all go through these.

Each function takes keyword arguments only, checks that `by` may do it (articles/permissions.py;
`by=None` is the system), does its work in one transaction, records the step in the article's
history (StateChange) and leaves the article consistent: a version cannot be published without a
title in its language, and the article's first-publication time (which fixes the date in its
address) is kept right.
"""

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Min
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions, signals
from .models import LANGUAGE_CODES, Article, LanguageVersion, StateChange, Status


@transaction.atomic
def article_set_state(
    *,
    article: Article,
    language: str,
    status: str,
    by=None,
    publish_at: datetime | None = None,
    unpublish_at: datetime | None = None,
    comment: str = "",
    overridden: Sequence[str] = (),
) -> LanguageVersion:
    """Put the `language` version of `article` in `status`, if `by` may.

    Publishing without a time publishes now; with a future time it schedules. Other states keep
    the last publication time for the record but take the version off the site. `overridden`
    names the publish checklist's failures (articles/checklist.py) the editor published
    despite; the comment must say why.
    """
    if overridden and (status != Status.PUBLISHED or not comment.strip()):
        raise ValidationError(
            _("Overriding the publish checklist needs a publication and a reason."),
            code="override_reason_required",
        )
    if language not in LANGUAGE_CODES:
        raise ValidationError(_("Unknown language: %(language)s.") % {"language": language})
    if status not in Status.values:
        raise ValidationError(_("Unknown state: %(status)s.") % {"status": status})
    version = (
        LanguageVersion.objects.select_for_update()
        .filter(article=article, language=language)
        .first()
    )
    from_status = version.status if version else ""
    if status == Status.PUBLISHED:
        # Whole seconds: what the admin's time field shows is exactly what is stored, so
        # re-saving a form never looks like a new publication time.
        publish_at = (publish_at or timezone.now()).replace(microsecond=0)
    try:
        validate_state_change(
            article=article,
            language=language,
            from_status=from_status,
            status=status,
            by=by,
            title=article.title_in(language),
            publish_at=publish_at,
            unpublish_at=unpublish_at,
            comment=comment,
        )
    except ValidationError as problems:
        refused = [error for error in problems.error_list if error.code == "not_allowed"]
        if refused:
            raise PermissionDenied(refused[0].message) from problems
        if len(problems.error_list) == 1:
            # One problem is raised as itself, so callers can read its `code`.
            raise problems.error_list[0] from None
        raise
    was_live = version is not None and version.is_live
    if version is None:
        version = LanguageVersion(article=article, language=language)
    version.status = status
    # Every new publication (or withdrawal) starts without its going-live steps done.
    version.went_live_at = None
    if status == Status.PUBLISHED:
        version.publish_at = publish_at
        version.unpublish_at = unpublish_at.replace(microsecond=0) if unpublish_at else None
    version.save()
    StateChange.objects.create(
        article=article,
        language=language,
        from_status=from_status,
        to_status=status,
        publish_at=version.publish_at,
        by=by,
        comment=comment.strip(),
        overridden=list(overridden),
    )
    _refresh_first_publication(article)
    if status == Status.PUBLISHED and version.publish_at <= timezone.now():
        _go_live(version, timezone.now())
        version.refresh_from_db(fields=["went_live_at", "first_published_at"])
    elif was_live and not version.is_live:
        # Unpublished, returned, or moved to a later time: off the site now.
        _on_commit_send(signals.went_offline, version)
    return version


def validate_state_change(
    *,
    article: Article,
    language: str,
    from_status: str,
    status: str,
    by,
    title: str,
    publish_at: datetime | None = None,
    unpublish_at: datetime | None = None,
    comment: str = "",
) -> None:
    """The rules of a state change, without making it: raises one ValidationError listing every
    problem, each with its code (`not_allowed`, `comment_required`, `title_required`,
    `expires_before_publication`).

    `article_set_state` applies them; the admin form calls them first with what is being typed
    (the title may be written in the same save), so both say the same thing in the same words.
    `from_status == status` checks only what a version in that state must keep (a title).
    """
    problems = []
    changes = from_status != status
    if changes and not permissions.can_transition(by, article, from_status, status):
        problems.append(
            ValidationError(
                _("Only an editor can do that. Send the article for review instead."),
                code="not_allowed",
            )
        )
    if changes and status == Status.RETURNED and not comment.strip():
        problems.append(
            ValidationError(
                _("Say what needs to change: returning an article needs a comment."),
                code="comment_required",
            )
        )
    if status == Status.PUBLISHED:
        if not title.strip():
            problems.append(
                ValidationError(
                    _("A published version needs a title. Write one, or keep it a draft."),
                    code="title_required",
                )
            )
        if unpublish_at is not None and unpublish_at <= (publish_at or timezone.now()):
            problems.append(
                ValidationError(
                    _("The version would leave the site before it appears: check the two times."),
                    code="expires_before_publication",
                )
            )
    if problems:
        raise ValidationError(problems)


def article_submit_for_review(*, article: Article, language: str, by, comment: str = ""):
    """Send one language version to the editors."""
    return article_set_state(
        article=article, language=language, status=Status.REVIEW, by=by, comment=comment
    )


def article_return(*, article: Article, language: str, by, comment: str):
    """Send one language version back to its author, saying what to change."""
    return article_set_state(
        article=article, language=language, status=Status.RETURNED, by=by, comment=comment
    )


def article_publish(
    *,
    article: Article,
    language: str,
    by=None,
    at: datetime | None = None,
    until: datetime | None = None,
    comment: str = "",
    overridden: Sequence[str] = (),
):
    """Publish one language version now, or schedule it for `at`; optionally until `until`.
    `overridden`: the checklist failures published despite, `comment` saying why."""
    return article_set_state(
        article=article,
        language=language,
        status=Status.PUBLISHED,
        by=by,
        publish_at=at,
        unpublish_at=until,
        comment=comment,
        overridden=overridden,
    )


def article_unpublish(*, article: Article, language: str, by=None, comment: str = ""):
    """Take one language version off the site; its text stays."""
    return article_set_state(
        article=article, language=language, status=Status.UNPUBLISHED, by=by, comment=comment
    )


def _refresh_first_publication(article: Article) -> None:
    """Keep `Article.publish_at` = the earliest publication of any language, until it is live.

    Once an article has been live its address is public, so its date never moves again.
    """
    now = timezone.now()
    if article.publish_at and article.publish_at <= now:
        return
    earliest = article.versions.filter(status=Status.PUBLISHED).aggregate(at=Min("publish_at"))[
        "at"
    ]
    if earliest != article.publish_at:
        article.publish_at = earliest
        Article.objects.filter(pk=article.pk).update(publish_at=earliest)


# --- going live on time ------------------------------------------------------------------------
# Readers see a scheduled version at its minute with nothing running: public queries compare
# with the clock. What `publish_scheduled` does is the rest: stamp the first publication, record
# the step, and tell caches (the went_live / went_offline signals). Each version is *claimed* by a
# conditional UPDATE, so two runs at once (two cron hosts, a slow run overlapping the next) do
# every step exactly once, on any database.


def due_to_go_live(now: datetime | None = None):
    """Published versions whose minute has come and whose going-live steps are not done."""
    now = now or timezone.now()
    return (
        LanguageVersion.objects.live(now)
        .filter(went_live_at__isnull=True)
        .select_related("article")
        .order_by("publish_at")
    )


def due_to_expire(now: datetime | None = None):
    """Published versions whose expiry time has come."""
    now = now or timezone.now()
    return LanguageVersion.objects.filter(
        status=Status.PUBLISHED, unpublish_at__lte=now
    ).select_related("article")


def publish_due(*, now: datetime | None = None) -> tuple[int, int]:
    """Do the going-live steps of every due version and take expired ones off; returns
    (went live, expired). Idempotent, and safe to run concurrently."""
    now = now or timezone.now()
    went = sum(_go_live(version, now, scheduled=True) for version in due_to_go_live(now))
    expired = sum(_expire(version, now) for version in due_to_expire(now))
    return went, expired


@transaction.atomic
def _go_live(version: LanguageVersion, now: datetime, scheduled: bool = False) -> bool:
    claimed = LanguageVersion.objects.filter(
        pk=version.pk,
        status=Status.PUBLISHED,
        publish_at=version.publish_at,
        went_live_at__isnull=True,
    ).update(went_live_at=now, first_published_at=Coalesce("first_published_at", now))
    if not claimed:
        return False
    if scheduled:
        StateChange.objects.create(
            article=version.article,
            language=version.language,
            from_status=Status.PUBLISHED,
            to_status=Status.PUBLISHED,
            publish_at=version.publish_at,
            comment=_("Went live as scheduled."),
        )
    _on_commit_send(signals.went_live, version)
    return True


@transaction.atomic
def _expire(version: LanguageVersion, now: datetime) -> bool:
    claimed = LanguageVersion.objects.filter(
        pk=version.pk, status=Status.PUBLISHED, unpublish_at__lte=now
    ).update(status=Status.UNPUBLISHED, went_live_at=None)
    if not claimed:
        return False
    StateChange.objects.create(
        article=version.article,
        language=version.language,
        from_status=Status.PUBLISHED,
        to_status=Status.UNPUBLISHED,
        publish_at=version.publish_at,
        comment=_("Left the site at its scheduled time."),
    )
    _on_commit_send(signals.went_offline, version)
    return True


def _on_commit_send(signal, version):
    transaction.on_commit(lambda: signal.send(sender=LanguageVersion, version=version))


# --- the trash ----------------------------------------------------------------------------------


@transaction.atomic
def article_trash(*, article: Article, by) -> Article:
    """Move the article to the trash: off the site at once, every word kept, restorable."""
    if by is not None and not permissions.can_trash(by, article):
        raise PermissionDenied(_("You may not move this article to the trash."))
    live = [version for version in article.versions.all() if version.is_live]
    article.deleted_at = timezone.now()
    Article.objects.filter(pk=article.pk).update(deleted_at=article.deleted_at)
    _note_on_every_version(article, by, _("Moved to the trash."))
    for version in live:
        _on_commit_send(signals.went_offline, version)
    return article


@transaction.atomic
def article_restore(*, article: Article, by) -> Article:
    """Take the article out of the trash, in the states it had."""
    if by is not None and not permissions.can_restore(by, article):
        raise PermissionDenied(_("Only editors can restore articles from the trash."))
    article.deleted_at = None
    Article.objects.filter(pk=article.pk).update(deleted_at=None)
    _note_on_every_version(article, by, _("Restored from the trash."))
    for version in article.versions.all():
        if version.is_live:
            _on_commit_send(signals.went_live, version)
    return article


def _note_on_every_version(article, by, comment):
    StateChange.objects.bulk_create(
        StateChange(
            article=article,
            language=version.language,
            from_status=version.status,
            to_status=version.status,
            publish_at=version.publish_at,
            by=by,
            comment=comment,
        )
        for version in article.versions.all()
    )
