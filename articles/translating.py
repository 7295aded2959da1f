"""Translations: starting a language from another one's structure, the original's text beside the
translation, and the translation debt (live in Ukrainian, not yet in the other languages)."""

import html
from datetime import datetime, timedelta

import reversion
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from . import permissions
from .blocks import Kind
from .models import (
    LANGUAGE_CODES,
    Article,
    Block,
    LanguageVersion,
    StateChange,
    Status,
    version_live_q,
)

# The language articles are written in first; the others are translations of it.
ORIGINAL_LANGUAGE = settings.LANGUAGE_CODE
TRANSLATED_LANGUAGES = [code for code in LANGUAGE_CODES if code != ORIGINAL_LANGUAGE]

# What a language's text is: any of these filled means the language is started.
TEXT_FIELDS = ("title", "lead", "seo_title", "meta_description")
# Copied whatever the choice: they are the same in every language (a quote's speaker keeps
# their name; a translator adjusts its spelling if needed).
SHARED_BLOCK_FIELDS = ("kind", "position", "attribution", "photo_id", "url", "link_article_id")


def language_label(code: str) -> str:
    from .models import Language

    return str(Language(code).label)


def has_text(article: Article, language: str) -> bool:
    """Whether `language` of `article` has any text: a title, lead, SEO text or a body block."""
    return any(getattr(article, f"{name}_{language}", "") for name in TEXT_FIELDS) or (
        article.pk is not None and article.blocks.filter(language=language).exists()
    )


@transaction.atomic
def article_start_translation(
    *, article: Article, source: str, target: str, by, with_text: bool
) -> LanguageVersion:
    """Start the `target` language of `article` from `source`: the same blocks in the same order
    (photos, embeds, "read also" links and quote attributions copied; their text empty, or the
    source's text to translate over when `with_text`), the title and lead only `with_text`.

    Refuses a target that already has text or blocks: nothing a journalist wrote is replaced.
    """
    if source not in LANGUAGE_CODES or target not in LANGUAGE_CODES or source == target:
        raise ValidationError(_("Choose two different languages."), code="bad_language")
    # Locked: two clicks at once (two tabs, two people) would copy the blocks twice.
    article = Article.objects.select_for_update().get(pk=article.pk)
    if by is not None and target not in permissions.editable_languages(by, article):
        raise PermissionDenied(_("You may not edit this language of the article."))
    if has_text(article, target):
        raise ValidationError(
            _(
                "%(language)s already has text: a translation is started only in an empty "
                "language, so that nothing written is replaced."
            )
            % {"language": language_label(target)},
            code="target_has_text",
        )
    originals = list(article.blocks.filter(language=source).order_by("position", "id"))
    if not originals and not has_text(article, source):
        raise ValidationError(
            _("%(language)s has no text to start from.") % {"language": language_label(source)},
            code="source_empty",
        )
    Block.objects.bulk_create(
        Block(
            article=article,
            language=target,
            text=original.text if with_text else "",
            items=original.items if with_text else "",
            **{name: getattr(original, name) for name in SHARED_BLOCK_FIELDS},
        )
        for original in originals
    )
    changed = {
        # A form opened before this cannot save its empty title and lead over the copied ones:
        # it is refused as stale, with its text kept (forms._refuse_stale_edit).
        "edit_count": F("edit_count") + 1,
        "updated_at": timezone.now(),
        "updated_by": by,
    }
    if with_text:
        changed |= {
            f"{name}_{target}": getattr(article, f"{name}_{source}") for name in ("title", "lead")
        }
    Article.objects.filter(pk=article.pk).update(**changed)
    article.refresh_from_db()
    comment = (
        _("Started from %(language)s, with its text to translate over.")
        if with_text
        else _("Started from %(language)s: structure only.")
    ) % {"language": language_label(source)}
    version = _draft(article=article, language=target, by=by, comment=comment)
    version.translated_from = source
    version.save(update_fields=["translated_from", "updated_at"])
    with reversion.create_revision():
        reversion.add_to_revision(article)
        reversion.set_user(by)
        reversion.set_comment(comment)
    return version


def _draft(*, article, language, by, comment) -> LanguageVersion:
    from . import services

    version = LanguageVersion.objects.filter(article=article, language=language).first()
    if version is None or version.status != Status.DRAFT:
        # Through the services: the step's rules and its line in the history.
        return services.article_set_state(
            article=article, language=language, status=Status.DRAFT, by=by, comment=comment
        )
    StateChange.objects.create(
        article=article,
        language=language,
        from_status=Status.DRAFT,
        to_status=Status.DRAFT,
        by=by,
        comment=comment,
    )
    return version


# --- the original beside the translation -----------------------------------------------------


def plain(value: str) -> str:
    """Rich text as one line of plain text."""
    spaced = (value or "").replace("</p>", "</p> ").replace("<br>", " ").replace("</li>", "</li> ")
    return " ".join(html.unescape(strip_tags(spaced)).split())


def block_original(block: Block) -> str:
    """What the translator needs to see of one original block, as plain text."""
    if block.kind == Kind.QUOTE and block.attribution:
        return f"{plain(block.text)} — {block.attribution}"
    if block.kind == Kind.BACKGROUND:
        return " · ".join(plain(line) for line in block.item_list)
    if block.kind == Kind.EMBED:
        return block.url
    if block.kind == Kind.READ_ALSO and block.link_article_id:
        return block.link_article.title_in(block.language) or str(block.link_article)
    return plain(block.text)


def originals_for(article: Article, versions) -> list[dict]:
    """For each language being translated (`translated_from` set, the source has blocks or a
    title): the source's title, lead and blocks in order, as plain text. One query per such
    language (at most two)."""
    shown = []
    for version in versions:
        source = version.translated_from
        if not source or source == version.language:
            continue
        originals = list(
            article.blocks.filter(language=source)
            .select_related("link_article")
            .order_by("position", "id")
        )
        if not originals and not article.title_in(source):
            continue
        shown.append(
            {
                "language": version.language,
                "source": source,
                "source_label": language_label(source),
                "title": article.title_in(source),
                "lead": plain(getattr(article, f"lead_{source}", "")),
                "blocks": [
                    {"kind": block.get_kind_display(), "text": block_original(block)}
                    for block in originals
                ],
            }
        )
    return shown


# --- the translation debt --------------------------------------------------------------------

AGES = ("today", "3days", "week", "older")


def _live_in(language: str, now: datetime):
    return Exists(
        LanguageVersion.objects.filter(
            version_live_q(now), article=OuterRef("article_id"), language=language
        )
    )


def translation_debt(
    *,
    section: int | None = None,
    age: str = "",
    important: bool = False,
    missing: str = "",
    now: datetime | None = None,
):
    """The original-language versions that are live while the article is not live in another
    language (`missing`, or any), newest first: one row per article, its translations' states
    annotated (`status_<code>`, `live_<code>`).

    Starts from the live versions of the original language, read newest first from their index
    (`version_live_idx`); each other language is one lookup in the (article, language) unique
    index. A page is the first rows of that walk, whatever the size of the archive.
    """
    now = now or timezone.now()
    languages = [missing] if missing in TRANSLATED_LANGUAGES else TRANSLATED_LANGUAGES
    gaps = Q()
    for code in languages:
        gaps |= ~_live_in(code, now)
    rows = (
        LanguageVersion.objects.live(now)
        .filter(language=ORIGINAL_LANGUAGE)
        .filter(gaps)
        .order_by("-publish_at", "-id")
    )
    if section:
        rows = rows.filter(article__section_id=section)
    if important:
        rows = rows.filter(article__is_important=True)
    if age in AGES:
        today = timezone.make_aware(datetime.combine(timezone.localdate(now), datetime.min.time()))
        week = now - timedelta(days=7)
        rows = rows.filter(
            **{
                "today": {"publish_at__gte": today},
                "3days": {"publish_at__gte": now - timedelta(days=3)},
                "week": {"publish_at__gte": week},
                "older": {"publish_at__lt": week},
            }[age]
        )
    return rows


def with_translation_states(rows, now: datetime | None = None):
    """`rows` of translation_debt() with what a page shows: the article and its section, and
    each translation's state (`status_<code>`, None if not started) and liveness (`live_<code>`).
    Search columns (a whole body each) are not loaded."""
    now = now or timezone.now()
    return (
        rows.select_related("article", "article__section")
        .defer("search_text", "search_vector")
        .annotate(
            **{f"live_{code}": _live_in(code, now) for code in TRANSLATED_LANGUAGES},
            **{
                f"status_{code}": Subquery(
                    LanguageVersion.objects.filter(article=OuterRef("article_id"), language=code)
                    .order_by()
                    .values("status")[:1]
                )
                for code in TRANSLATED_LANGUAGES
            },
        )
    )


# Counting stops here: a number beyond it is shown as "more than".
DEBT_COUNT_CAP = 1000


def translation_debt_count(*, age: str = "", now: datetime | None = None) -> int:
    """How many articles are in the translation debt (live since `age`), up to
    DEBT_COUNT_CAP + 1: a count over the first rows of the index walk, never the whole archive.
    With an age, the walk is a range of the index too, however rare the debt."""
    return translation_debt(age=age, now=now).values("pk")[: DEBT_COUNT_CAP + 1].count()
