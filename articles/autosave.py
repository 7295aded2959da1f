"""Autosave: what someone typed in an article's form and has not saved yet, kept on the server
every few seconds as their own draft of the form (`Autosave`, one per person and article).

It is never the article: nothing here writes to the article, its blocks or its states, and the
public site and API never read it. Opening the form again offers to restore it, with the
difference against the article as stored; the restore fills the form, and only the person's
next Save writes it (ArticleAdmin, articles/admin/autosave.py).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from . import blocks, permissions
from .models import (
    LANGUAGE_CODES,
    Article,
    ArticleAuthor,
    ArticleTag,
    Autosave,
    Block,
    RelatedArticle,
    Section,
)
from .revisions import Names, Row, block_line, word_diff

# Never kept: the token is the session's, not the text's.
NOT_KEPT = {"csrfmiddlewaretoken"}

# Form fields that say where the form stood when it was opened; a restore brings the text back
# into a form opened now, so these come from the article as it is (see restore).
FORM_BOOKKEEPING = {"loaded_edit_count"}

_BLOCK_FIELD = re.compile(r"^blocks-(?P<language>[a-z]{2})-(?P<index>\d+)-(?P<name>\w+)$")
_ROW_FIELD = re.compile(
    r"^(?P<prefix>bylines|tagged_items|related_links)-(?P<index>\d+)-(?P<name>\w+)$"
)

# Kept in the autosave's data beside the fields (a name no form field has): the parts of the form
# its person could write when it was kept. The browser posts no disabled field, so an absent tick
# box means "unticked" only where the person could tick it; the rest was read-only, not theirs.
WRITABLE_KEY = "autosave:writable"
SHARED = "shared"
PUBLICATION = "publication"
SHARED_PREFIXES = ("bylines", "tagged_items", "related_links")
_SHARED_FIELDS = {"section", "hero_photo", "is_important", "is_breaking"}
TEXTS = ("title", "lead", "seo_title", "meta_description")
_TEXT_FIELD = re.compile(rf"^(?:{'|'.join(TEXTS)})_(?P<language>[a-z]{{2}})$")
_BLOCK_PREFIX = re.compile(r"^blocks-(?P<language>[a-z]{2})-")
_ROWS_OF = {"bylines": ArticleAuthor, "tagged_items": ArticleTag, "related_links": RelatedArticle}


def part_of(name: str) -> str | None:
    """Which part of the form a field belongs to: a language's code (its texts and blocks),
    SHARED (what every language shows), PUBLICATION (the editors' settings), or None (the
    form's own bookkeeping and comment, anyone's)."""
    if match := _TEXT_FIELD.match(name) or _BLOCK_PREFIX.match(name):
        return match["language"] if match["language"] in LANGUAGE_CODES else None
    if name in _SHARED_FIELDS or name.split("-", 1)[0] in SHARED_PREFIXES:
        return SHARED
    if name == "ads_off_in":
        return PUBLICATION
    return None


def writable_parts(user, article: Article | None) -> set[str]:
    """The parts of the form (see part_of) `user` may write now."""
    languages = permissions.editable_languages(user, article)
    shared = bool(languages) and (article is None or permissions.can_edit_shared(user, article))
    publication = bool(languages) and permissions.can_publish(user)
    return languages | ({SHARED} if shared else set()) | ({PUBLICATION} if publication else set())


def kept_parts(autosave: Autosave) -> set[str]:
    """The parts of the form its person could write when `autosave` was kept. (One kept before
    this was recorded: the parts whose fields it holds, as disabled fields are never posted.)"""
    if WRITABLE_KEY in autosave.data:
        return set(autosave.data[WRITABLE_KEY])
    # Read-only rows post their counts and ids too: only a field every form posts while it is
    # enabled tells (a language's title; the section for what is shared).
    data = autosave.data
    return {code for code in LANGUAGE_CODES if f"title_{code}" in data} | (
        {SHARED} if "section" in data else set()
    )


def fields_of(autosave: Autosave) -> dict[str, list[str]]:
    """The autosaved form's fields, without the record of what was writable."""
    return {name: values for name, values in autosave.data.items() if name != WRITABLE_KEY}


def may_keep(user, article: Article | None) -> bool:
    """Whether `user` may keep an autosave of this form: only while they may still write in it
    (a new article: whoever may create one)."""
    if article is None:
        return user.has_perm("articles.add_article")
    return permissions.can_edit(user, article)


def find(*, user, article: Article | None) -> Autosave | None:
    """`user`'s autosave of `article` (None: of the new article they had not saved yet)."""
    return Autosave.objects.filter(user=user, article=article).order_by("-saved_at", "-pk").first()


@transaction.atomic
def keep(
    *,
    user,
    article: Article | None,
    data: Mapping[str, list[str]],
    loaded_edit_count: int | None = None,
) -> Autosave | None:
    """Keep the form's fields (`data`: name → posted values) as `user`'s autosave of `article`,
    replacing the previous one, with what of the form they could write (only that is kept).
    Refused (PermissionDenied) if they may no longer write in it. Ignored (None) when typed in a
    form opened before their own later save: an autosave sent just before that save, arriving
    after it, would otherwise bring back text the save replaced."""
    if not may_keep(user, article):
        raise PermissionDenied
    if article is not None and loaded_edit_count is not None:
        # Locked: a save of the article in progress (another app server) is waited for.
        current = (
            Article.objects.select_for_update()
            .filter(pk=article.pk)
            .values("edit_count", "updated_by_id")
            .first()
        )
        if (
            current is not None
            and loaded_edit_count < current["edit_count"]
            and current["updated_by_id"] == user.pk
        ):
            return None
    parts = writable_parts(user, article)
    fields = {
        name: list(values)
        for name, values in data.items()
        if name not in NOT_KEPT and name != WRITABLE_KEY and part_of(name) in {None, *parts}
    }
    fields[WRITABLE_KEY] = sorted(parts)
    values = {"data": fields, "loaded_edit_count": loaded_edit_count, "saved_at": timezone.now()}
    # Not update_or_create: SQLite does not enforce one autosave per person for a new article
    # (article NULL), so two requests at once may have made two; the newest is the one.
    existing = list(
        Autosave.objects.select_for_update()
        .filter(user=user, article=article)
        .order_by("-saved_at", "-pk")
    )
    if not existing:
        return Autosave.objects.create(user=user, article=article, **values)
    autosave, *duplicates = existing
    for name, value in values.items():
        setattr(autosave, name, value)
    autosave.save(update_fields=list(values))
    if duplicates:
        Autosave.objects.filter(pk__in=[d.pk for d in duplicates]).delete()
    return autosave


def discard(*, user, article: Article | None) -> int:
    """Forget `user`'s autosave of `article` (after a save, or when they decline it). Their own
    text: they may discard it even once they may no longer write in the article."""
    deleted, _by_model = Autosave.objects.filter(user=user, article=article).delete()
    return deleted


@dataclass
class Offer:
    """An autosave worth offering when the form opens: kept after the article's last save, or
    while someone else saved it (then the difference is against their version)."""

    autosave: Autosave
    rows: list[Row] = field(default_factory=list)
    saved_since: bool = False
    # What it holds of the parts no longer the person's to write (a language sent for review
    # since): not restored, but shown to copy, so that it is not lost.
    locked_rows: list[Row] = field(default_factory=list)

    @property
    def saved_at(self) -> datetime:
        return self.autosave.saved_at


def offer(*, user, article: Article | None) -> Offer | None:
    """What to offer `user` opening the form of `article` (None: a new article): their
    autosave, if it is newer than the article's last save by anyone or was typed in a form
    opened before a save, and differs from the article as stored."""
    autosave = find(user=user, article=article)
    if autosave is None or not may_keep(user, article):
        return None
    saved_since = False
    if article is not None:
        saved_since = (
            autosave.loaded_edit_count is not None
            and autosave.loaded_edit_count != article.edit_count
        )
        if autosave.saved_at <= article.updated_at and not saved_since:
            return None
    rows = difference(autosave=autosave, article=article)
    locked_rows = difference(autosave=autosave, article=article, locked=True)
    if not rows and not locked_rows:
        return None
    return Offer(autosave=autosave, rows=rows, saved_since=saved_since, locked_rows=locked_rows)


def difference(
    *, autosave: Autosave, article: Article | None, everything=False, locked=False
) -> list[Row]:
    """The changed lines between the article as stored and what a Save of the restored form
    would store, word by word: titles, leads and SEO texts per language, the section and flags,
    each block's text as plain words, and the authors, tags, related news and photos by name.
    Only what the person could write when it was kept and may still write counts, unless
    `everything` (to hand back the text of someone who may no longer write in the article), or
    `locked`: only what they could write then and may not now (shown, not restored)."""
    parts = kept_parts(autosave)
    if locked:
        parts -= writable_parts(autosave.user, article) | {PUBLICATION}
        if not parts:
            return []
    elif not everything:
        parts &= writable_parts(autosave.user, article)
    stored = _article_rows(article) if article is not None else _empty_rows()
    data = _restorable(autosave, article, parts)
    if locked:
        # The comment is restored with the rest; not shown twice.
        data.pop("state_comment", None)
    kept = _form_rows(data, stored, parts)
    names = Names(_merged(kept, stored), user=autosave.user)
    sections = dict(
        Section.objects.filter(
            pk__in={rows["fields"].get("section_id") for rows in (kept, stored)} - {None}
        ).values_list("pk", "name")
    )
    return word_diff(
        _lines(stored, names, sections), _lines(kept, names, sections), changed_only=True
    )


def unsaveable(*, user, article: Article | None) -> Offer | None:
    """`user`'s autosave of an article they may no longer write in (an editor took it on while
    they wrote): not to restore, but shown so that their text is not lost."""
    if article is None or may_keep(user, article):
        return None
    kept = find(user=user, article=article)
    if kept is None:
        return None
    return Offer(autosave=kept, rows=difference(autosave=kept, article=article, everything=True))


@dataclass
class Restore:
    """What a restore fills the form with: `data` as a form's data, and the `parts` of the form
    (see part_of) it may fill; the rest of the form stays as stored."""

    data: QueryDict
    parts: set[str]


def restore(*, autosave: Autosave, article: Article | None) -> Restore:
    """The autosaved fields ready to fill the form opened now: only the parts its person could
    write both when it was kept and now; rows deleted from the article since come back as new
    rows; the bookkeeping of a form opened now (the article's current number of saves, so the
    person's Save after reviewing the restore is not refused as a conflict with itself)."""
    parts = kept_parts(autosave) & writable_parts(autosave.user, article)
    data = _restorable(autosave, article, parts)
    if article is not None:
        data["loaded_edit_count"] = str(article.edit_count)
    return Restore(data=data, parts=parts)


def _restorable(autosave: Autosave, article: Article | None, parts: set[str]) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, values in fields_of(autosave).items():
        if name in FORM_BOOKKEEPING or part_of(name) not in {None, *parts}:
            continue
        data.setlist(name, [str(value) for value in values])
    existing = _existing_ids(article, parts)
    for prefix in _prefixes(parts):
        if f"{prefix}-TOTAL_FORMS" in data:
            _renumber(data, prefix, existing.get(prefix, set()))
    return data


def _prefixes(parts: set[str]) -> list[str]:
    return [f"blocks-{code}" for code in LANGUAGE_CODES if code in parts] + (
        list(SHARED_PREFIXES) if SHARED in parts else []
    )


def _existing_ids(article: Article | None, parts: set[str]) -> dict[str, set[str]]:
    """The ids of the article's rows now, by formset prefix: a row's formset accepts no other."""
    ids: dict[str, set[str]] = {}
    if article is None:
        return ids
    languages = [code for code in LANGUAGE_CODES if code in parts]
    if languages:
        for pk, language in Block.objects.filter(
            article=article, language__in=languages
        ).values_list("pk", "language"):
            ids.setdefault(f"blocks-{language}", set()).add(str(pk))
    if SHARED in parts:
        for prefix in SHARED_PREFIXES:
            found = getattr(article, prefix).values_list("pk", flat=True)
            ids[prefix] = {str(pk) for pk in found}
    return ids


def _renumber(data: QueryDict, prefix: str, existing: set[str]) -> None:
    """Renumber the formset `prefix`'s rows in `data` so that the formset takes every one: the
    rows of the article as it is first (its initial forms), then the new ones, among them the
    rows deleted from the article since (they come back with their text, unless they were
    ticked for deletion anyway)."""
    rows: dict[int, dict[str, list[str]]] = {}
    pattern = re.compile(rf"^{re.escape(prefix)}-(?P<index>\d+)-(?P<name>\w+)$")
    for name in list(data):
        if match := pattern.match(name):
            rows.setdefault(int(match["index"]), {})[match["name"]] = data.getlist(name)
            del data[name]
    stored, new = [], []
    for _index, row in sorted(rows.items()):
        pk = _first(row.get("id", []))
        if pk and pk in existing:
            stored.append(row)
        elif pk and row.get("DELETE"):
            continue
        else:
            new.append({**row, "id": [""]})
    for index, row in enumerate(stored + new):
        for name, values in row.items():
            data.setlist(f"{prefix}-{index}-{name}", values)
    data[f"{prefix}-TOTAL_FORMS"] = str(len(stored) + len(new))
    data[f"{prefix}-INITIAL_FORMS"] = str(len(stored))


# --- the two sides of the difference, as rows of the same shape ------------------------------


def _empty_rows():
    return {"fields": {}, Block: [], ArticleAuthor: [], ArticleTag: [], RelatedArticle: []}


def _article_rows(article: Article) -> dict:
    rows = _empty_rows()
    rows["fields"] = {
        "hero_photo_id": article.hero_photo_id,
        "section_id": article.section_id,
        "is_important": article.is_important,
        "is_breaking": article.is_breaking,
        **{
            f"{name}_{code}": getattr(article, f"{name}_{code}") or ""
            for code in LANGUAGE_CODES
            for name in TEXTS
        },
    }
    rows[Block] = list(
        article.blocks.order_by("language", "position", "id").values(
            "id",
            "position",
            "language",
            "kind",
            "text",
            "attribution",
            "items",
            "url",
            "photo_id",
            "link_article_id",
        )
    )
    for prefix, model, field_name in [
        ("bylines", ArticleAuthor, "author_id"),
        ("tagged_items", ArticleTag, "tag_id"),
        ("related_links", RelatedArticle, "related_id"),
    ]:
        rows[model] = list(
            getattr(article, prefix).order_by("position", "id").values("id", "position", field_name)
        )
    return rows


def _first(values) -> str:
    return str(values[0]) if values else ""


def _pk(value) -> int | None:
    return int(value) if str(value).isdigit() else None


def _position(value, index):
    return (0, int(value), index) if str(value).isdigit() else (1, 0, index)


def _form_rows(data: QueryDict, stored: dict, writable: set[str]) -> dict:
    """The restored form (`data`, see _restorable) as rows, as a Save of it would leave the
    article: the rows it holds (not those ticked for deletion, not empty new ones), the
    article's rows it does not hold (added since by someone else: a Save keeps them), in the
    order they would be stored. What the person may not write, or the form did not hold, is as
    stored."""
    rows = _empty_rows()
    rows["fields"] = dict(stored["fields"])
    if SHARED in writable:
        if "hero_photo" in data:
            rows["fields"]["hero_photo_id"] = _pk(_first(data.getlist("hero_photo")))
        if "section" in data:
            rows["fields"]["section_id"] = _pk(_first(data.getlist("section")))
        # Tick boxes: writable when kept, so an absent one was unticked.
        for name in ("is_important", "is_breaking"):
            rows["fields"][name] = bool(_first(data.getlist(name)))
    rows["fields"]["state_comment"] = _first(data.getlist("state_comment"))
    for code in LANGUAGE_CODES:
        for name in TEXTS:
            if code in writable and f"{name}_{code}" in data:
                rows["fields"][f"{name}_{code}"] = _first(data.getlist(f"{name}_{code}"))
    # Each formset the person could change and the form held; the others as stored.
    taken = {prefix for prefix in _prefixes(writable) if f"{prefix}-TOTAL_FORMS" in data}
    forms = {}
    for name in data:
        if (match := _BLOCK_FIELD.match(name)) and f"blocks-{match['language']}" in taken:
            key = ("blocks", match["language"], int(match["index"]))
        elif (match := _ROW_FIELD.match(name)) and match["prefix"] in taken:
            key = (match["prefix"], "", int(match["index"]))
        else:
            continue
        forms.setdefault(key, {})[match["name"]] = _first(data.getlist(name))
    held = {(prefix, language, form.get("id")) for (prefix, language, _i), form in forms.items()}
    # The article's rows the form does not hold, as the save leaves them, ordered among its own.
    ordered = []
    for row in stored[Block]:
        prefix = f"blocks-{row['language']}"
        if prefix not in taken:
            rows[Block].append(row)
        elif ("blocks", row["language"], str(row["id"])) not in held:
            ordered.append((("blocks", row["language"], (0, row["position"] or 0, -1)), None, row))
    for prefix, model in _ROWS_OF.items():
        if prefix not in taken:
            rows[model] = list(stored[model])
            continue
        for row in stored[model]:
            if (prefix, "", str(row["id"])) not in held:
                ordered.append(((prefix, "", (0, row["position"] or 0, -1)), None, row))
    for (prefix, language, index), form in forms.items():
        ordered.append(((prefix, language, _position(form.get("position"), index)), form, None))
    for (prefix, language, _order), form, row in sorted(ordered, key=lambda item: item[0]):
        model = Block if prefix == "blocks" else _ROWS_OF[prefix]
        if row is not None:
            rows[model].append(row)
        elif form.get("DELETE"):
            continue
        elif prefix == "blocks":
            if not form.get("kind") or form["kind"] not in blocks.REGISTRY:
                continue
            rows[Block].append(
                {
                    "language": language,
                    "kind": form["kind"],
                    "text": form.get("text", ""),
                    "attribution": form.get("attribution", ""),
                    "items": blocks.clean_items(form.get("items", "")),
                    "url": form.get("url", ""),
                    "photo_id": _pk(form.get("photo", "")),
                    "link_article_id": _pk(form.get("link_article", "")),
                }
            )
        elif prefix == "bylines" and _pk(form.get("author", "")):
            rows[ArticleAuthor].append({"author_id": _pk(form["author"])})
        elif prefix == "tagged_items" and _pk(form.get("tag", "")):
            rows[ArticleTag].append({"tag_id": _pk(form["tag"])})
        elif prefix == "related_links" and _pk(form.get("related", "")):
            rows[RelatedArticle].append({"related_id": _pk(form["related"])})
    rows[Block] = sorted(rows[Block], key=lambda row: row["language"])
    return rows


def _merged(*sides) -> dict:
    """Both sides' rows together, so that one Names names everything in four queries; the hero
    photos ride along as blocks' photos."""
    merged = {}
    for rows in sides:
        for model in (Block, ArticleAuthor, ArticleTag, RelatedArticle):
            merged.setdefault(model, []).extend(rows[model])
        hero = rows["fields"].get("hero_photo_id")
        if hero:
            merged[Block].append({"photo_id": hero})
    return merged


def _lines(rows: dict, name: Names, sections: dict) -> list[str]:
    fields = rows["fields"]
    lines = []
    for code in LANGUAGE_CODES:
        for field_name in TEXTS:
            value = " ".join((fields.get(f"{field_name}_{code}") or "").split())
            if value:
                lines.append(f"{field_name.replace('_', ' ')} [{code}]: {value}")
    if fields.get("section_id"):
        section = fields["section_id"]
        lines.append(f"section: {sections.get(section, '')} (#{section})")
    flags = [flag for flag in ("important", "breaking") if fields.get(f"is_{flag}")]
    if flags:
        lines.append(f"flags: {', '.join(flags)}")
    if fields.get("hero_photo_id"):
        lines.append(f"hero photo: {name.photo(fields['hero_photo_id'])}")
    for row in rows[ArticleAuthor]:
        lines.append(f"author: {name.author(row['author_id'])}")
    for row in rows[ArticleTag]:
        lines.append(f"tag: {name.tag(row['tag_id'])}")
    for row in rows[RelatedArticle]:
        lines.append(f"related: {name.article(row['related_id'])}")
    for row in rows[Block]:
        lines.append(block_line(row, name))
    if fields.get("state_comment", "").strip():
        lines.append(f"comment: {' '.join(fields['state_comment'].split())}")
    return lines
