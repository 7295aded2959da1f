"""The revisions of an article: list, difference, restore."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corrections import updates

from .. import permissions, revisions
from ..models import Article, StateChange, Status
from .states import LANGUAGE_LABELS

# Entries of each kind the history page shows (the newest): its queries do not grow with them.
HISTORY_LIMIT = 100


class RevisionViews:
    @staticmethod
    def _may_see_revisions(request, article):
        return permissions.can_edit(request.user, article) or permissions.can_publish(request.user)

    def _article_for_revisions(self, request, pk):
        article = Article.objects.filter(pk=pk).first()
        if article is None:
            raise Http404
        if not self._may_see_revisions(request, article):
            raise PermissionDenied
        return article

    def revisions_view(self, request, pk):
        """The article's one history, newest first: every save (a revision, with the words it
        changed against the one before), every step of each language's state (publications
        included, with the checks an editor overrode) and every restore; and the difference
        between any two revisions (?old=&new=)."""
        article = self._article_for_revisions(request, pk)
        versions = list(
            revisions.revisions_of(article).prefetch_related("revision__version_set")[
                : HISTORY_LIMIT + 1
            ]
        )
        # The one before the oldest shown is read only to tell what the oldest changed.
        shown = versions[:HISTORY_LIMIT]
        rows = [revisions.rows_of(version) for version in versions]
        merged = {}
        for found in rows:
            for model, values in found.items():
                merged.setdefault(model, []).extend(values)
        names = revisions.Names(merged, user=request.user)
        texts = [
            revisions.as_text(version, rows=found, names=names)
            for version, found in zip(versions, rows, strict=True)
        ]
        entries = [
            {
                "kind": "save",
                "at": version.revision.date_created,
                "who": version.revision.user,
                "comment": version.revision.comment,
                "version": version,
                "first": index == len(versions) - 1,
                "rows": revisions.word_diff(
                    texts[index + 1] if index + 1 < len(texts) else [],
                    texts[index],
                    changed_only=True,
                ),
            }
            for index, version in enumerate(shown)
        ]
        steps = StateChange.objects.filter(article=article).select_related("by")[:HISTORY_LIMIT]
        entries += [
            {
                "kind": "publication" if step.to_status == Status.PUBLISHED else "state",
                "at": step.at,
                "who": step.by,
                "comment": step.comment,
                "step": step,
                "language": LANGUAGE_LABELS.get(step.language, step.language),
            }
            for step in steps
        ]
        entries.sort(key=lambda entry: entry["at"], reverse=True)
        by_id = {version.pk: version for version in shown}
        comparison = None
        try:
            old, new = by_id.get(int(request.GET["old"])), by_id.get(int(request.GET["new"]))
        except (KeyError, ValueError):
            old = new = None
        requested = old is not None and new is not None
        if not requested and len(shown) >= 2:
            # Without a choice: the last save (shown in its entry, not again below).
            old, new = versions[1], versions[0]
        if old is not None and new is not None:
            old_text = texts[versions.index(old)]
            new_text = texts[versions.index(new)]
            comparison = {
                "old": old,
                "new": new,
                "lines": revisions.diff(old, new, names=names),
                "rows": revisions.word_diff(old_text, new_text),
                "requested": requested,
            }
        context = {
            **self.admin_site.each_context(request),
            "title": _("History of “%(title)s”") % {"title": article},
            "opts": self.opts,
            "article": article,
            "versions": shown,
            "entries": entries,
            "more": len(versions) > HISTORY_LIMIT or len(steps) == HISTORY_LIMIT,
            "history_limit": HISTORY_LIMIT,
            "comparison": comparison,
            "can_restore": permissions.can_publish(request.user),
        }
        return render(request, "admin/articles/article/revisions.html", context)

    def history_view(self, request, object_id, extra_context=None):
        """Django's "History" page is this one: an article has one history (and one rule for who
        may read it: a colleague's draft stays 403)."""
        if not str(object_id).isdigit():
            raise Http404
        article = self._article_for_revisions(request, object_id)
        return HttpResponseRedirect(reverse("admin:articles_article_revisions", args=[article.pk]))

    def restore_view(self, request, pk, version_id):
        """Restore one revision (POST): the article's text becomes that revision's, as a new
        revision. Publication states are not touched."""
        article = self._article_for_revisions(request, pk)
        if request.method != "POST":
            raise Http404
        if not permissions.can_publish(request.user) or article.deleted_at is not None:
            raise PermissionDenied
        version = revisions.revisions_of(article).filter(pk=version_id).first()
        if version is None:
            raise Http404
        try:
            with transaction.atomic():
                # The languages whose text the restore changes say "Updated" (per language).
                before = updates.fingerprints(article.pk)
                revisions.restore(version, user=request.user)
                Article.objects.filter(pk=article.pk).update(updated_at=timezone.now())
                updates.note_text_changes(article.pk, before)
        except revisions.CannotRestore as reason:
            self.message_user(
                request,
                _("This revision cannot be restored, and nothing was changed. %(reason)s")
                % {"reason": reason},
                messages.ERROR,
            )
            return HttpResponseRedirect(
                reverse("admin:articles_article_revisions", args=[article.pk])
            )
        self.message_user(
            request,
            _("The revision of %(date)s is restored; the previous text is kept as a revision.")
            % {
                "date": timezone.localtime(version.revision.date_created).strftime("%d.%m.%Y %H:%M")
            },
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/revisions/", view(self.revisions_view), name="articles_article_revisions"
            ),
            path(
                "<int:pk>/revisions/<int:version_id>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]
