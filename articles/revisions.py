"""Revisions of articles with django-reversion: every admin save stores the whole article — all
languages' titles and leads, body blocks, bylines, tags, related links, photo — as one revision.

Left out on purpose: publication states (they change only through the services, with their own
history and permission checks). Kept through a restore: the fields that are not content and must
never move back (the first publication time fixes a public URL; the trash; authorship).
"""

import difflib

import reversion
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from tags.models import Tag

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


def as_text(version) -> list[str]:
    """A revision of an article as readable lines: one per field and one per body block."""
    rows = {}
    article_fields = version.field_dict
    lines = []
    for code in LANGUAGE_CODES:
        for name in ("title", "lead"):
            value = article_fields.get(f"{name}_{code}") or ""
            if value:
                lines.append(f"{name} [{code}]: {value}")
    for flag in ("is_important", "is_breaking"):
        if article_fields.get(flag):
            lines.append(_("flag: %(flag)s") % {"flag": flag.removeprefix("is_")})
    for other in version.revision.version_set.all():
        model = other.content_type.model_class()
        rows.setdefault(model, []).append(other.field_dict)
    name = _Names(rows)
    for row in sorted(rows.get(ArticleAuthor, []), key=lambda r: r["position"]):
        lines.append(f"author: {name.author(row['author_id'])}")
    for row in sorted(rows.get(ArticleTag, []), key=lambda r: r["position"]):
        lines.append(f"tag: {name.tag(row['tag_id'])}")
    for row in sorted(rows.get(RelatedArticle, []), key=lambda r: r["position"]):
        lines.append(f"related: {name.article(row['related_id'])}")
    blocks = sorted(rows.get(Block, []), key=lambda r: (r["language"], r["position"], r["id"]))
    for row in blocks:
        text = " ".join(strip_tags(row.get("text") or "").split())
        extra = " | ".join(
            part
            for part in [
                row.get("attribution") or "",
                " / ".join((row.get("items") or "").splitlines()),
                row.get("url") or "",
                f"photo {name.photo(row['photo_id'])}" if row.get("photo_id") else "",
                f"article {name.article(row['link_article_id'])}"
                if row.get("link_article_id")
                else "",
            ]
            if part
        )
        lines.append(
            f"[{row['language']}] {row['kind']}: {text}" + (f" — {extra}" if extra else "")
        )
    return lines


class _Names:
    """What a revision's rows point at, by name: one query per kind of thing, not per row.
    Something deleted since is named by its number."""

    def __init__(self, rows):
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
        self._articles = {a.pk: str(a) for a in Article.objects.filter(pk__in=articles)}
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


def diff(older, newer) -> list[tuple[str, str]]:
    """(sign, line) pairs: "-" removed, "+" added, " " unchanged."""
    result = []
    for line in difflib.ndiff(as_text(older), as_text(newer)):
        sign, text = line[:1], line[2:]
        if sign in "-+ ":
            result.append((sign, text))
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
            % {"date": version.revision.date_created.strftime("%d.%m.%Y %H:%M")}
        )
