"""Revisions of articles with django-reversion: every admin save stores the whole article — all
languages' titles and leads, body blocks, bylines, tags, related links, photo — as one revision.

Left out on purpose: publication states (they change only through the services, with their own
history and permission checks). Kept through a restore: the fields that are not content and must
never move back (the first publication time fixes a public URL; the trash; authorship).
"""

import difflib
import html
import re
from dataclasses import dataclass, field

import reversion
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from tags.models import Tag

from . import permissions
from .models import (
    LANGUAGE_CODES,
    Article,
    ArticleAuthor,
    ArticleTag,
    Author,
    Block,
    Photo,
    RelatedArticle,
)

# Stored with each revision but never restored: a restore keeps the current values.
PROTECTED_FIELDS = ["publish_at", "deleted_at", "created_at", "created_by", "edit_count"]


def register():
    if reversion.is_registered(Article):
        return
    reversion.register(Article, follow=["blocks", "bylines", "tagged_items", "related_links"])
    for model in (Block, ArticleAuthor, ArticleTag, RelatedArticle):
        reversion.register(model)


def revisions_of(article):
    """The article's revisions, newest first, with who saved them."""
    return (
        reversion.models.Version.objects.get_for_object(article)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def rows_of(version) -> dict:
    """The rows a revision stored, by model (prefetch `revision__version_set` for many)."""
    rows = {}
    for other in version.revision.version_set.all():
        # The content type from Django's cache: no query per row.
        model = ContentType.objects.get_for_id(other.content_type_id).model_class()
        rows.setdefault(model, []).append(other.field_dict)
    return rows


def as_text(version, *, names: "Names", rows=None) -> list[str]:
    """A revision of an article as readable lines: one per field and one per body block.

    `rows` lets a page of many revisions load them all at once; `names` names what the rows
    point at for the person reading."""
    rows = rows_of(version) if rows is None else rows
    name = names
    article_fields = version.field_dict
    lines = []
    for code in LANGUAGE_CODES:
        for field_name in ("title", "lead"):
            value = article_fields.get(f"{field_name}_{code}") or ""
            if value:
                lines.append(f"{field_name} [{code}]: {value}")
    for flag in ("is_important", "is_breaking"):
        if article_fields.get(flag):
            lines.append(_("flag: %(flag)s") % {"flag": flag.removeprefix("is_")})
    for row in sorted(rows.get(ArticleAuthor, []), key=lambda r: r["position"]):
        lines.append(f"author: {name.author(row['author_id'])}")
    for row in sorted(rows.get(ArticleTag, []), key=lambda r: r["position"]):
        lines.append(f"tag: {name.tag(row['tag_id'])}")
    for row in sorted(rows.get(RelatedArticle, []), key=lambda r: r["position"]):
        lines.append(f"related: {name.article(row['related_id'])}")
    blocks = sorted(rows.get(Block, []), key=lambda r: (r["language"], r["position"], r["id"]))
    lines.extend(block_line(row, name) for row in blocks)
    return lines


def plain(text: str) -> str:
    """Rich text as the words a reader sees."""
    return " ".join(html.unescape(strip_tags(text or "")).split())


def block_line(row, name: "Names") -> str:
    """One body block as a line: its language, type, plain text and what else it holds."""
    extra = " | ".join(
        part
        for part in [
            row.get("attribution") or "",
            " / ".join(plain(line) for line in (row.get("items") or "").splitlines()),
            row.get("url") or "",
            f"photo {name.photo(row['photo_id'])}" if row.get("photo_id") else "",
            f"article {name.article(row['link_article_id'])}" if row.get("link_article_id") else "",
        ]
        if part
    )
    return f"[{row['language']}] {row['kind']}: {plain(row.get('text'))}" + (
        f" — {extra}" if extra else ""
    )


class Names:
    """What a revision's rows point at, by name: one query per kind of thing, not per row.
    Something deleted since is named by its number, and so is an article `user` may not see:
    a row may hold any article's id (typed into an autosave, or stored before the article
    became invisible), and a colleague's draft title must not reach them through it."""

    def __init__(self, rows, *, user):
        def ids(model, field):
            return {row[field] for row in rows.get(model, []) if row.get(field)}

        blocks = rows.get(Block, [])
        articles = ids(RelatedArticle, "related_id") | {
            row["link_article_id"] for row in blocks if row.get("link_article_id")
        }
        self._authors = dict(
            Author.objects.filter(pk__in=ids(ArticleAuthor, "author_id")).values_list("pk", "name")
        )
        self._tags = dict(
            Tag.objects.filter(pk__in=ids(ArticleTag, "tag_id")).values_list("pk", "name")
        )
        self._articles = {
            a.pk: str(a)
            for a in permissions.visible_articles(user, Article.objects.filter(pk__in=articles))
        }
        photos = {row["photo_id"] for row in blocks if row.get("photo_id")}
        self._photos = {p.pk: str(p) for p in Photo.objects.filter(pk__in=photos)}

    @staticmethod
    def _named(found, pk):
        return f"{found[pk]} (#{pk})" if pk in found else f"#{pk}"

    def author(self, pk):
        return self._named(self._authors, pk)

    def tag(self, pk):
        return self._named(self._tags, pk)

    def article(self, pk):
        return self._named(self._articles, pk)

    def photo(self, pk):
        return self._named(self._photos, pk)


def diff(older, newer, *, names: Names) -> list[tuple[str, str]]:
    """(sign, line) pairs: "-" removed, "+" added, " " unchanged."""
    result = []
    for line in difflib.ndiff(as_text(older, names=names), as_text(newer, names=names)):
        sign, text = line[:1], line[2:]
        if sign in "-+ ":
            result.append((sign, text))
    return result


@dataclass
class Row:
    """One line of a difference: `state` is "same", "removed", "added" or "changed"; `parts`
    are (kind, text) pieces with kind "same", "removed" or "added", so that a changed line
    marks only the words that changed."""

    state: str
    parts: list[tuple[str, str]] = field(default_factory=list)


_TOKENS = re.compile(r"\s+|[^\s]+")


def _label(line: str) -> str:
    """What a line is about ("title [uk]", "[uk] paragraph", "tag"): the part before ": "."""
    return line.split(": ", 1)[0]


def _changed_line(old: str, new: str) -> Row:
    old_words, new_words = _TOKENS.findall(old), _TOKENS.findall(new)
    parts = []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(("same", "".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("removed", "".join(old_words[i1:i2])))
        if j2 > j1:
            parts.append(("added", "".join(new_words[j1:j2])))
    return Row("changed", parts)


def word_diff(old: list[str], new: list[str], *, changed_only: bool = False) -> list[Row]:
    """The difference between two texts given as lines ("label: text"), word by word: a line
    whose label is on both sides is one changed line marking only the words that differ, not a
    whole paragraph removed and added again."""
    result = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            if not changed_only:
                result.extend(Row("same", [("same", line)]) for line in new[j1:j2])
            continue
        olds, news = old[i1:i2], new[j1:j2]
        i = j = 0
        while i < len(olds) and j < len(news):
            if _label(olds[i]) == _label(news[j]):
                result.append(_changed_line(olds[i], news[j]))
                i, j = i + 1, j + 1
            elif _label(olds[i]) in {_label(line) for line in news[j:]}:
                result.append(Row("added", [("added", news[j])]))
                j += 1
            else:
                result.append(Row("removed", [("removed", olds[i])]))
                i += 1
        result.extend(Row("removed", [("removed", line)]) for line in olds[i:])
        result.extend(Row("added", [("added", line)]) for line in news[j:])
    return result


class CannotRestore(Exception):
    """The revision cannot be restored as a whole; nothing was changed."""


def restore(version, *, user):
    """Bring the article back to `version`, as a new revision (history is never rewritten).

    Runs in one transaction and changes nothing when it cannot be done whole: a revision that
    points at a tag, author or photo that no longer exists, or one that would leave a published
    language without its title.
    """
    from django.db import transaction

    from .models import Status

    try:
        with transaction.atomic():
            _restore(version, user=user)
            article = Article.objects.get(pk=version.object_id)
            untitled = [
                v.language
                for v in article.versions.filter(status=Status.PUBLISHED)
                if not article.title_in(v.language)
            ]
            if untitled:
                raise CannotRestore(
                    _(
                        "It has no title for the published %(languages)s version: unpublish that "
                        "version first, or restore a later revision."
                    )
                    % {"languages": ", ".join(untitled)}
                )
    except reversion.errors.RevertError as error:
        raise CannotRestore(
            _(
                "It refers to something that no longer exists (a merged tag, a deleted author, "
                "photo or article)."
            )
        ) from error


def _restore(version, *, user):
    article = Article.objects.get(pk=version.object_id)
    protected = {name: getattr(article, name) for name in PROTECTED_FIELDS}
    with reversion.create_revision():
        version.revision.revert(delete=True)
        # A restore is a save: forms opened before it must not overwrite it.
        protected["edit_count"] += 1
        Article.objects.filter(pk=article.pk).update(**protected, updated_by=user)
        reversion.set_user(user)
        reversion.set_comment(
            _("Restored the revision of %(date)s.")
            % {"date": timezone.localtime(version.revision.date_created).strftime("%d.%m.%Y %H:%M")}
        )
