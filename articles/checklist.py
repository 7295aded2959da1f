"""The publish checklist: what an editor is warned about before a language goes live.

Each check judges one language from plain inputs (its title, lead, hero photo, tags and body
blocks as dicts), so the same rules judge what is being posted in the form (unsaved) and what is
stored (`checks_for_article`). A failing check is a warning an editor may override with a reason
(recorded in the history, `StateChange.overridden`), never a silent pass.

Queries do not grow with the body: one for the tags, one for the linked articles' live state,
and the hero photo once (none when it is handed in already loaded).
"""

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from . import blocks as block_types
from .models import LANGUAGE_CODES, Article, ArticleTag, Block, LanguageVersion, Photo, Status

# Google shows a large image preview (Discover, Top stories) only for images this wide.
MIN_HERO_WIDTH = 1200

# The codes stored in StateChange.overridden; never rename one (the history keeps them).
TITLE = "title"
LEAD = "lead"
HERO_PHOTO = "hero_photo"
HERO_ALT = "hero_alt"
HERO_CREDIT = "hero_credit"
HERO_WIDTH = "hero_width"
TAG = "tag"
EMPTY_BLOCKS = "empty_blocks"
READ_ALSO = "read_also_unpublished"

# A version cannot be published without a title at all (services.validate_state_change): that
# rule is not a warning, and no reason overrides it.
NOT_OVERRIDABLE = frozenset({TITLE})

# Each check's name, listed whether it passes or fails.
LABELS = {
    TITLE: _("Title"),
    LEAD: _("Lead"),
    HERO_PHOTO: _("Hero photo"),
    HERO_ALT: _("Alt text of the hero photo in this language"),
    HERO_CREDIT: _("Credit of the hero photo in this language"),
    HERO_WIDTH: _("Hero photo at least 1,200 px wide (large previews in Google)"),
    TAG: _("At least one tag named in this language"),
    EMPTY_BLOCKS: _("No empty body blocks"),
    READ_ALSO: _("“Read also” only to articles published in this language"),
}

LANGUAGE_NAMES = {"uk": "Українська", "ru": "Русский", "en": "English"}


@dataclass(frozen=True)
class Check:
    """One item of the checklist: `detail` says what is wrong, in the language's words."""

    code: str
    label: str
    passed: bool
    detail: str = ""


@dataclass(frozen=True)
class LinkedArticle:
    title: str
    live: bool


def is_empty_block(block: Mapping[str, Any]) -> bool:
    """A block that would show nothing: no visible text (an editor left empty gives
    `<p></p>`) and none of the photo, link or article its type may carry instead."""
    kind = block.get("kind") or ""
    fields = block_types.REGISTRY[kind].fields if kind in block_types.REGISTRY else ()
    for name in fields:
        value = block.get(name)
        if name in ("text", "items", "attribution"):
            if html.unescape(strip_tags(value or "")).replace("\xa0", " ").strip():
                return False
        elif value not in (None, ""):
            return False
    return True


def run_checks(
    *,
    language: str,
    title: str,
    lead: str,
    hero_photo: Photo | None,
    tag_names: Sequence[str],
    blocks: Sequence[Mapping[str, Any]],
    linked: Mapping[int, LinkedArticle],
) -> list[Check]:
    """The checklist of one language, from what is already loaded (no query)."""
    name = LANGUAGE_NAMES[language]
    checks = [
        _check(TITLE, bool((title or "").strip()), _("the title is empty")),
        _check(LEAD, bool((lead or "").strip()), _("the lead is empty")),
        _check(HERO_PHOTO, hero_photo is not None, _("there is no hero photo")),
    ]
    if hero_photo is not None:
        # Judged only once there is a photo: "no photo" is one problem, not four.
        alt = getattr(hero_photo, f"alt_text_{language}", "") or ""
        credit = getattr(hero_photo, f"credit_{language}", "") or ""
        checks += [
            _check(
                HERO_ALT,
                bool(alt.strip()),
                _("the hero photo has no alt text in %(language)s") % {"language": name},
            ),
            _check(
                HERO_CREDIT,
                bool(credit.strip()),
                _("the hero photo has no credit in %(language)s") % {"language": name},
            ),
            _check(
                HERO_WIDTH,
                hero_photo.width >= MIN_HERO_WIDTH,
                _("the hero photo is %(width)s px wide, less than %(minimum)s px")
                % {"width": hero_photo.width, "minimum": MIN_HERO_WIDTH},
            ),
        ]
    checks.append(
        _check(
            TAG,
            any((tag or "").strip() for tag in tag_names),
            _("no tag has a name in %(language)s") % {"language": name}
            if tag_names
            else _("there are no tags"),
        )
    )
    empty = [str(number) for number, block in enumerate(blocks, 1) if is_empty_block(block)]
    checks.append(
        _check(
            EMPTY_BLOCKS,
            not empty,
            _("body blocks no. %(numbers)s are empty") % {"numbers": ", ".join(empty)},
        )
    )
    # Named by block number, not by the linked article's title: an unpublished article may be
    # a colleague's draft that the person reading this checklist may not see.
    unpublished = [
        str(number)
        for number, block in enumerate(blocks, 1)
        for pk in _read_also_ids([block])
        if pk in linked and not linked[pk].live
    ]
    checks.append(
        _check(
            READ_ALSO,
            not unpublished,
            _(
                "“Read also” in body blocks no. %(numbers)s links to an article not published in "
                "%(language)s"
            )
            % {"language": name, "numbers": ", ".join(unpublished)},
        )
    )
    return checks


def check_language(
    *,
    language: str,
    title: str,
    lead: str,
    hero_photo: Photo | int | None,
    tag_ids: Iterable[int],
    blocks: Sequence[Mapping[str, Any]],
    at: datetime | None = None,
) -> list[Check]:
    """The checklist of one language from plain inputs (what a form posts): blocks as dicts
    of Block's fields (`link_article` and `photo` as ids). `at` is when the version would go
    live: a "Read also" article scheduled before then counts as published."""
    if hero_photo is not None and not isinstance(hero_photo, Photo):
        hero_photo = Photo.objects.filter(pk=hero_photo).first()
    from tags.models import Tag

    tag_ids = [pk for pk in tag_ids if pk]
    names = (
        list(Tag.objects.filter(pk__in=tag_ids).values_list(f"name_{language}", flat=True))
        if tag_ids
        else []
    )
    linked = linked_articles(_read_also_ids(blocks), {language: at})
    return run_checks(
        language=language,
        title=title,
        lead=lead,
        hero_photo=hero_photo,
        tag_names=names,
        blocks=blocks,
        linked={pk: article[language] for pk, article in linked.items()},
    )


def linked_articles(
    ids: Iterable[int], at: Mapping[str, datetime | None]
) -> dict[int, dict[str, LinkedArticle]]:
    """{id: {language: LinkedArticle}} for the languages in `at`, in one query: whether each
    article is live in that language at that moment (now when None)."""
    ids = {pk for pk in ids if pk}
    if not ids:
        return {}
    live = {
        f"live_{code}": Exists(
            LanguageVersion.objects.live(moment).filter(article=OuterRef("pk"), language=code)
        )
        for code, moment in at.items()
    }
    rows = Article.objects.filter(pk__in=ids).annotate(**live)
    return {
        row.pk: {
            code: LinkedArticle(
                title=row.title_in(code) or str(row), live=getattr(row, f"live_{code}")
            )
            for code in at
        }
        for row in rows.only("pk", *(f"title_{code}" for code in LANGUAGE_CODES))
    }


def checks_for_article(article: Article, language: str) -> list[Check]:
    """The checklist of the stored `language` version of `article`.

    Every language is judged the first time one is asked for and kept on the instance, so the
    form's three tabs cost the queries of one.
    """
    cache = article.__dict__.get("_stored_checklist")
    if cache is None:
        cache = article.__dict__["_stored_checklist"] = _stored_checklists(article)
    return cache[language]


def _stored_checklists(article: Article) -> dict[str, list[Check]]:
    fields = ("language", "kind", *block_types.CONTENT_FIELDS)
    if article.pk:
        rows = Block.objects.filter(article=article).order_by("language", "position", "id")
        stored_blocks = list(rows.values(*fields))
        items = ArticleTag.objects.filter(content_object=article).select_related("tag")
        tags = [item.tag for item in items]
        versions = {v.language: v for v in article.versions.all()}
    else:
        stored_blocks, tags, versions = [], [], {}
    at = {code: _going_live_at(versions.get(code)) for code in LANGUAGE_CODES}
    linked = linked_articles(_read_also_ids(stored_blocks), at)
    hero = article.hero_photo if article.hero_photo_id else None
    return {
        code: run_checks(
            language=code,
            title=article.title_in(code),
            lead=getattr(article, f"lead_{code}", "") or "",
            hero_photo=hero,
            tag_names=[getattr(tag, f"name_{code}", "") or "" for tag in tags],
            blocks=[block for block in stored_blocks if block["language"] == code],
            linked={pk: article_in[code] for pk, article_in in linked.items()},
        )
        for code in LANGUAGE_CODES
    }


def _going_live_at(version: LanguageVersion | None) -> datetime | None:
    if version and version.status == Status.PUBLISHED and version.publish_at:
        return version.publish_at if version.publish_at > timezone.now() else None
    return None


def failing(checks: Iterable[Check]) -> list[Check]:
    """The failures an editor may override (a missing title is a hard rule, not a warning)."""
    return [check for check in checks if not check.passed and check.code not in NOT_OVERRIDABLE]


def _check(code: str, passed: bool, detail) -> Check:
    return Check(code=code, label=LABELS[code], passed=passed, detail="" if passed else detail)


def _read_also_ids(blocks: Iterable[Mapping[str, Any]]) -> list[int]:
    ids = []
    for block in blocks:
        if block.get("kind") == block_types.Kind.READ_ALSO and block.get("link_article"):
            ids.append(int(block["link_article"]))
    return ids
