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
)
from .revisions import Names, Row, block_line, word_diff

# Never kept: the token is the session's, not the text's.
NOT_KEPT = {"csrfmiddlewaretoken"}

# Form fields that say where the form stood when it was opened; a restore brings the text back
# into a form opened now, so these come from the article as it is (see restore_data).
FORM_BOOKKEEPING = {"loaded_edit_count"}

_BLOCK_FIELD = re.compile(r"^blocks-(?P<language>[a-z]{2})-(?P<index>\d+)-(?P<name>\w+)$")
_ROW_FIELD = re.compile(
    r"^(?P<prefix>bylines|tagged_items|related_links)-(?P<index>\d+)-(?P<name>\w+)$"
)


def may_keep(user, article: Article | None) -> bool:
    """Whether `user` may keep an autosave of this form: only while they may still write in it
    (a new article: whoever may create one)."""
    if article is None:
        return user.has_perm("articles.add_article")
    return permissions.can_edit(user, article)


def find(*, user, article: Article | None) -> Autosave | None:
    """`user`'s autosave of `article` (None: of the new article they had not saved yet)."""
    return Autosave.objects.filter(user=user, article=article).first()


@transaction.atomic
def keep(
    *,
    user,
    article: Article | None,
    data: Mapping[str, list[str]],
    loaded_edit_count: int | None = None,
) -> Autosave:
    """Keep the form's fields (`data`: name → posted values) as `user`'s autosave of `article`,
    replacing the previous one. Refused (PermissionDenied) if they may no longer write in it."""
    if not may_keep(user, article):
        raise PermissionDenied
    fields = {name: list(values) for name, values in data.items() if name not in NOT_KEPT}
    autosave, _created = Autosave.objects.update_or_create(
        user=user,
        article=article,
        defaults={
            "data": fields,
            "loaded_edit_count": loaded_edit_count,
            "saved_at": timezone.now(),
        },
    )
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
    if not rows:
        return None
    return Offer(autosave=autosave, rows=rows, saved_since=saved_since)


def difference(*, autosave: Autosave, article: Article | None, everything=False) -> list[Row]:
    """The changed lines between the article as stored and the autosaved form, word by word:
    titles and leads per language, each block's text as plain words, and the authors, tags,
    related news and photos by name. Only what the person may still write counts, unless
    `everything` (to hand back the text of someone who may no longer write in the article)."""
    stored = _article_rows(article) if article is not None else _empty_rows()
    writable = {*LANGUAGE_CODES, "shared"} if everything else _writable(autosave.user, article)
    kept = _form_rows(autosave.data, stored, writable)
    names = Names(_merged(kept, stored))
    return word_diff(_lines(stored, names), _lines(kept, names), changed_only=True)


def unsaveable(*, user, article: Article | None) -> Offer | None:
    """`user`'s autosave of an article they may no longer write in (an editor took it on while
    they wrote): not to restore, but shown so that their text is not lost."""
    if article is None or may_keep(user, article):
        return None
    kept = find(user=user, article=article)
    if kept is None:
        return None
    return Offer(autosave=kept, rows=difference(autosave=kept, article=article, everything=True))


def restore_data(*, autosave: Autosave, article: Article | None) -> QueryDict:
    """The autosaved fields as a form's data, ready to fill the form opened now: the text as
    kept, the bookkeeping of a form opened now (the article's current number of saves, so the
    person's Save after reviewing the restore is not refused as a conflict with itself)."""
    data = QueryDict(mutable=True)
    for name, values in autosave.data.items():
        if name in FORM_BOOKKEEPING:
            continue
        data.setlist(name, [str(value) for value in values])
    if article is not None:
        data["loaded_edit_count"] = str(article.edit_count)
    return data


# --- the two sides of the difference, as rows of the same shape ------------------------------


def _empty_rows():
    return {"fields": {}, Block: [], ArticleAuthor: [], ArticleTag: [], RelatedArticle: []}


def _article_rows(article: Article) -> dict:
    rows = _empty_rows()
    rows["fields"] = {
        "hero_photo_id": article.hero_photo_id,
        **{
            f"{name}_{code}": getattr(article, f"{name}_{code}") or ""
            for code in LANGUAGE_CODES
            for name in ("title", "lead")
        },
    }
    rows[Block] = list(
        article.blocks.order_by("language", "position", "id").values(
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
    rows[ArticleAuthor] = list(article.bylines.order_by("position", "id").values("author_id"))
    rows[ArticleTag] = list(article.tagged_items.order_by("position", "id").values("tag_id"))
    rows[RelatedArticle] = list(
        article.related_links.order_by("position", "id").values("related_id")
    )
    return rows


def _first(values) -> str:
    return str(values[0]) if values else ""


def _pk(value) -> int | None:
    return int(value) if str(value).isdigit() else None


def _position(value, index):
    return (0, int(value), index) if str(value).isdigit() else (1, 0, index)


def _writable(user, article: Article | None) -> set[str]:
    """What of the form `user` may write now: the languages' codes, and "shared" for what every
    language shows. The rest of an autosave is what the form showed read-only: not theirs."""
    languages = permissions.editable_languages(user, article)
    shared = article is None or permissions.can_edit_shared(user, article)
    return languages | ({"shared"} if shared else set())


def _form_rows(data: Mapping[str, list[str]], stored: dict, writable: set[str]) -> dict:
    """The autosaved form as rows: the blocks and rows it would keep on Save (not those ticked
    for deletion, not empty new ones), in the order it would store them. What the person may
    not write, or the form did not hold, is as stored."""
    rows = _empty_rows()
    rows["fields"] = dict(stored["fields"])
    if "shared" in writable and "hero_photo" in data:
        rows["fields"]["hero_photo_id"] = _pk(_first(data["hero_photo"]))
    rows["fields"]["state_comment"] = _first(data.get("state_comment", []))
    for code in LANGUAGE_CODES:
        for name in ("title", "lead"):
            if code in writable and f"{name}_{code}" in data:
                rows["fields"][f"{name}_{code}"] = _first(data[f"{name}_{code}"])
    # Each formset the person could change and the form held; the others as stored.
    taken = {
        prefix
        for prefix in [f"blocks-{code}" for code in writable & set(LANGUAGE_CODES)]
        + (["bylines", "tagged_items", "related_links"] if "shared" in writable else [])
        if f"{prefix}-TOTAL_FORMS" in data
    }
    for model, prefix in [
        (ArticleAuthor, "bylines"),
        (ArticleTag, "tagged_items"),
        (RelatedArticle, "related_links"),
    ]:
        if prefix not in taken:
            rows[model] = list(stored[model])
    stored_blocks = [row for row in stored[Block] if f"blocks-{row['language']}" not in taken]
    forms = {}
    for name, values in data.items():
        if (match := _BLOCK_FIELD.match(name)) and f"blocks-{match['language']}" in taken:
            key = ("blocks", match["language"], int(match["index"]))
        elif (match := _ROW_FIELD.match(name)) and match["prefix"] in taken:
            key = (match["prefix"], "", int(match["index"]))
        else:
            continue
        forms.setdefault(key, {})[match["name"]] = _first(values)
    ordered = sorted(
        forms.items(),
        key=lambda item: (item[0][:2], _position(item[1].get("position"), item[0][2])),
    )
    for (prefix, language, _index), form in ordered:
        if form.get("DELETE"):
            continue
        if prefix == "blocks":
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
    rows[Block] = sorted(stored_blocks + rows[Block], key=lambda row: row["language"])
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


def _lines(rows: dict, name: Names) -> list[str]:
    fields = rows["fields"]
    lines = []
    for code in LANGUAGE_CODES:
        for field_name in ("title", "lead"):
            value = " ".join((fields.get(f"{field_name}_{code}") or "").split())
            if value:
                lines.append(f"{field_name} [{code}]: {value}")
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
