"""The revisions of an article: list, difference, restore."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import permissions, revisions
from ..models import (
    Article,
)


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
        """The list of revisions, and the difference between two of them (?old=&new=)."""
        article = self._article_for_revisions(request, pk)
        versions = list(revisions.revisions_of(article))
        by_id = {version.pk: version for version in versions}
        comparison = None
        try:
            old, new = by_id.get(int(request.GET["old"])), by_id.get(int(request.GET["new"]))
        except (KeyError, ValueError):
            old = new = None
        if old is None and len(versions) >= 2:
            old, new = versions[1], versions[0]
        if old is not None and new is not None:
            comparison = {"old": old, "new": new, "lines": revisions.diff(old, new)}
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revisions of “%(title)s”") % {"title": article},
            "opts": self.opts,
            "article": article,
            "versions": versions,
            "comparison": comparison,
            "can_restore": permissions.can_publish(request.user),
        }
        return render(request, "admin/articles/article/revisions.html", context)

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
                revisions.restore(version, user=request.user)
                Article.objects.filter(pk=article.pk).update(updated_at=timezone.now())
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
