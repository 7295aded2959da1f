"""“Updated” per language: when readers of one language got new text.

The article row is saved whenever any language or a shared setting changes, so its `updated_at`
cannot say which language changed. Each language version keeps `text_updated_at`: the last
time its title, lead or body blocks changed. The admin takes a fingerprint of every language
before a save (or a revision restore) and compares it after; the languages whose fingerprint
differs are stamped. Shared settings (section, tags, hero photo, flags) stamp nothing: the text
readers of a language read did not change. A correction or editor's note counts as an update of
its language, from its date.
"""

import hashlib
from datetime import timedelta

from django.utils import timezone

from articles.models import LANGUAGE_CODES, Article, Block, LanguageVersion

# Fixing a typo in the minutes after publication is not news.
UPDATED_AFTER = timedelta(minutes=5)
TEXT_FIELDS = ("title", "lead")
BLOCK_FIELDS = ("kind", "text", "attribution", "items", "photo_id", "url", "link_article_id")


def fingerprints(article_id) -> dict[str, str]:
    """{language: a hash of what readers of that language read}; two queries."""
    row = (
        Article.objects.filter(pk=article_id)
        .values(*(f"{name}_{code}" for name in TEXT_FIELDS for code in LANGUAGE_CODES))
        .first()
    )
    if row is None:
        return {}
    # Empty is empty: a field never filled in (NULL) and one the form saved blank ("").
    parts = {
        code: [repr([row[f"{name}_{code}"] or "" for name in TEXT_FIELDS])]
        for code in LANGUAGE_CODES
    }
    blocks = (
        Block.objects.filter(article_id=article_id)
        .order_by("language", "position", "id")
        .values_list("language", *BLOCK_FIELDS)
    )
    for language, *values in blocks:
        if language in parts:
            parts[language].append(repr(values))
    return {
        code: hashlib.sha256("\n".join(lines).encode()).hexdigest() for code, lines in parts.items()
    }


def note_text_changes(article_id, before: dict[str, str] | None, *, at=None) -> list[str]:
    """Stamp the languages whose text differs from the fingerprints `before`; returns them."""
    if not before:
        return []
    after = fingerprints(article_id)
    changed = [code for code in LANGUAGE_CODES if before.get(code) != after.get(code)]
    if changed:
        LanguageVersion.objects.filter(article_id=article_id, language__in=changed).update(
            text_updated_at=at or timezone.now()
        )
    return changed


def updated_at(published_at, text_updated_at=None, notes=()):
    """The “Updated” time of a language's page, or None: its last text change or note, when
    that came well after its publication."""
    moments = [text_updated_at, *(note.dated_at for note in notes)]
    latest = max((moment for moment in moments if moment is not None), default=None)
    if latest is None or published_at is None or latest - published_at <= UPDATED_AFTER:
        return None
    return latest
