"""How the admin names and marks the state of each language version."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import (
    LANGUAGE_CODES,
    Status,
)

LANGUAGE_LABELS = {"uk": "Українська", "ru": "Русский", "en": "English"}


def returned_with_comments(article):
    """For each language version returned to its author: who returned it, when and why — at the
    top of the form, not only in the history further down."""
    returned = [v.language for v in article.versions.all() if v.status == Status.RETURNED]
    if not returned:
        return []
    latest = {}
    steps = article.history.filter(language__in=returned, to_status=Status.RETURNED)
    for step in steps.select_related("by"):
        latest.setdefault(step.language, step)  # newest first (StateChange.Meta.ordering)
    return [
        _("%(language)s: returned by %(who)s on %(when)s: “%(comment)s”")
        % {
            "language": LANGUAGE_LABELS[code],
            "who": (step.by.get_full_name() or step.by.get_username()) if step.by else "—",
            "when": timezone.localtime(step.at).strftime("%d.%m %H:%M"),
            "comment": step.comment,
        }
        for code, step in sorted(latest.items())
    ]


def unnamed_tags(article):
    """{language: [tag, …]}: the article's tags without a name in a language it is written in.
    The page in that language leaves such a tag out, which nobody would notice otherwise."""
    languages = [code for code in LANGUAGE_CODES if article.has_text_in(code)]
    tags = [item.tag for item in article.tagged_items.select_related("tag")]
    missing = {
        code: [tag for tag in tags if not getattr(tag, f"name_{code}", "")] for code in languages
    }
    return {code: tags for code, tags in missing.items() if tags}


def state_of(version):
    if version is None:
        return "none", _("not started"), "–"
    if version.status == Status.PUBLISHED:
        if version.is_live:
            return "live", _("live"), "●"
        if version.is_expired:
            return "expired", _("expired"), "○"
        return (
            "scheduled",
            _("scheduled for %(time)s")
            % {"time": timezone.localtime(version.publish_at).strftime("%d.%m %H:%M")},
            "◷",
        )
    return version.status, version.get_status_display(), STATE_SYMBOLS.get(version.status, "○")


# Each state its own mark in the list (colour alone would not tell them apart for everyone).
STATE_SYMBOLS = {
    Status.DRAFT: "○",
    Status.REVIEW: "◐",
    Status.RETURNED: "↩",
    Status.UNPUBLISHED: "⊘",
}
