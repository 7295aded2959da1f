"""State changes of articles. The admin, views, commands and tests all go through these.

Each function takes keyword arguments only, checks that `by` may do it (articles/permissions.py;
`by=None` is the system), does its work in one transaction, records the step in the article's
history (StateChange) and leaves the article consistent: a version cannot be published without a
title in its language, and the article's first-publication time (which fixes the date in its
address) is kept right.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions
from .models import LANGUAGE_CODES, Article, LanguageVersion, StateChange, Status


@transaction.atomic
def article_set_state(
    *,
    article: Article,
    language: str,
    status: str,
    by=None,
    publish_at: datetime | None = None,
    comment: str = "",
) -> LanguageVersion:
    """Put the `language` version of `article` in `status`, if `by` may.

    Publishing without a time publishes now; with a future time it schedules. Other states keep
    the last publication time for the record but take the version off the site.
    """
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
    if not permissions.can_transition(by, article, from_status, status):
        raise PermissionDenied(
            _("You may not change this version from “%(from)s” to “%(to)s”.")
            % {"from": from_status or "—", "to": status}
        )
    if status == Status.RETURNED and not comment.strip():
        raise ValidationError(
            _("Say what needs to change: returning an article needs a comment."),
            code="comment_required",
        )
    if status == Status.PUBLISHED:
        if not article.title_in(language):
            raise ValidationError(
                _("The %(language)s version has no title: write one before publishing it."),
                code="title_required",
                params={"language": language},
            )
        # Whole seconds: what the admin's time field shows is exactly what is stored, so
        # re-saving a form never looks like a new publication time.
        publish_at = (publish_at or timezone.now()).replace(microsecond=0)
    if version is None:
        version = LanguageVersion(article=article, language=language)
    version.status = status
    if status == Status.PUBLISHED:
        version.publish_at = publish_at
    version.save()
    StateChange.objects.create(
        article=article,
        language=language,
        from_status=from_status,
        to_status=status,
        publish_at=version.publish_at,
        by=by,
        comment=comment.strip(),
    )
    _refresh_first_publication(article)
    return version


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
    *, article: Article, language: str, by=None, at: datetime | None = None, comment: str = ""
):
    """Publish one language version now, or schedule it for `at`."""
    return article_set_state(
        article=article,
        language=language,
        status=Status.PUBLISHED,
        by=by,
        publish_at=at,
        comment=comment,
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
