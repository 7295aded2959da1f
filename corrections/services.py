"""Adding, changing and removing corrections and editor's notes. The admin, the demo seeder and
tests all go through these.

Corrections are an editorial responsibility: editors and admins write them (the
`corrections.*_correction` permissions, articles/roles.py); journalists see them and ask an
editor. Each step is recorded in the article's history (a `StateChange` line of that language,
its state unchanged) with who did it and when, beside the admin's own log.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles.models import LanguageVersion, StateChange

from .models import Correction

# A note dated a moment ahead is a clock a little fast, not a note to appear later.
FUTURE_TOLERANCE = timedelta(minutes=1)


def can_manage(user) -> bool:
    """Add, change and remove notes: editors and admins (and the system, `None`)."""
    return user is None or user.has_perm("corrections.add_correction")


def validate(correction: Correction) -> None:
    """The rules of a note, each problem under its field with a code: raises one
    ValidationError. The admin form calls this too, so both say the same thing."""
    errors = {}
    correction.sanitize()
    if not strip_tags(correction.text).strip():
        errors["text"] = ValidationError(
            _("Write what the note says: it cannot be empty."), code="text_required"
        )
    if correction.dated_at and correction.dated_at > timezone.now() + FUTURE_TOLERANCE:
        errors["dated_at"] = ValidationError(
            _("A note cannot be dated in the future: it shows as soon as it is saved."),
            code="dated_in_future",
        )
    if correction.article_id and correction.language:
        if correction.article.deleted_at is not None:
            errors["article"] = ValidationError(
                _("The article is in the trash: restore it first."), code="article_in_trash"
            )
        elif not LanguageVersion.objects.filter(
            article_id=correction.article_id, language=correction.language
        ).exists():
            errors["language"] = ValidationError(
                _("The article has no version in this language."), code="no_version"
            )
    if errors:
        raise ValidationError(errors)


def _check(by):
    if not can_manage(by):
        raise PermissionDenied(_("Only editors can add, change or remove corrections."))


def _record(correction, by, what):
    """A line in the article's history: the language's state stays as it is."""
    status = (
        LanguageVersion.objects.filter(
            article_id=correction.article_id, language=correction.language
        )
        .values_list("status", flat=True)
        .first()
    )
    summary = Truncator(strip_tags(correction.text)).chars(200)
    StateChange.objects.create(
        article_id=correction.article_id,
        language=correction.language,
        from_status=status or "",
        to_status=status or "",
        by=by,
        comment=f"{what} ({correction.get_kind_display()}, "
        f"{timezone.localtime(correction.dated_at):%d.%m.%Y %H:%M}): {summary}",
    )


@transaction.atomic
def correction_add(
    *,
    article,
    language: str,
    text: str,
    by,
    kind: str = Correction.Kind.CORRECTION,
    dated_at=None,
    placement: str = "",
) -> Correction:
    """Attach a note to the `language` version of `article`; readers see it whenever they see
    that version (now, if it is live)."""
    _check(by)
    correction = Correction(
        article=article,
        language=language,
        kind=kind,
        text=text,
        dated_at=dated_at or timezone.now(),
        placement=placement,
        created_by=by,
        updated_by=by,
    )
    validate(correction)
    correction.save()
    _record(correction, by, _("Note added"))
    return correction


@transaction.atomic
def correction_change(*, correction: Correction, by, **fields) -> Correction:
    """Change a note's kind, text, date or placement (not its article or language)."""
    _check(by)
    allowed = {"kind", "text", "dated_at", "placement"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Cannot change {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(correction, name, value)
    if "kind" in fields and "placement" not in fields:
        # The placement follows the new kind, unless it is given.
        correction.placement = ""
    correction.updated_by = by
    validate(correction)
    correction.save()
    _record(correction, by, _("Note changed"))
    return correction


@transaction.atomic
def correction_delete(*, correction: Correction, by) -> None:
    """Remove a note from the article and every page, feed and API answer that showed it."""
    _check(by)
    _record(correction, by, _("Note removed"))
    correction.delete()
