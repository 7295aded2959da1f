"""Who has an article open; the text of someone who lost the right to save it, handed back."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from .. import permissions, presence
from ..models import (
    LANGUAGE_CODES,
    Article,
)


def lost_languages(user, article, loaded) -> bool:
    """Has `user` lost the right to write a language they could write when the form was
    loaded (`loaded`: "uk,en", as the form recorded it)? With nothing recorded: whether they
    may write anything at all."""
    editable = permissions.editable_languages(user, article)
    languages = set((loaded or "").split(",")) & set(LANGUAGE_CODES)
    return not editable or bool(languages - editable)


class EditingViews:
    """The form's heartbeat (`<pk>/editing/`), and the page handing back unsaveable text."""

    def _keep_posted_text(self, request, article):
        """The article stopped being editable by this person while they wrote (an editor
        published it, sent it on, or moved it to the trash): nothing is saved, and everything
        they typed is shown back to copy, instead of a bare 403 that would lose it."""
        kept = [
            (name, value)
            for name, value in request.POST.items()
            if value.strip()
            and not name.endswith(("-id", "-article", "-position", "-kind", "_FORMS", "-DELETE"))
            and (
                name.startswith(("title_", "lead_", "state_comment"))
                or name.endswith(("-text", "-items", "-attribution", "-url"))
            )
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Your text was not saved"),
            "opts": self.opts,
            "article": article,
            "kept": kept,
        }
        return render(request, "admin/articles/article/kept_text.html", context, status=409)

    def editing_view(self, request, pk):
        """The form's heartbeat (GET, every minute and before each save): "I still have it
        open". Answers with who else does, and the current CSRF token, so a save after hours of
        writing, or after logging in again in another tab, is not refused. A GET needs no token
        of its own, which is what lets a form with a stale one recover. A POST (the page sends
        one when it is closed or left) says "I have left": others stop seeing the notice."""
        article = Article.objects.filter(pk=pk).first()
        if article is None or not self.has_view_permission(request, article):
            raise PermissionDenied
        if request.method == "POST":
            presence.leave(article.pk, request.user)
            return HttpResponse(status=204)
        if permissions.can_edit(request.user, article):
            presence.touch(article.pk, request.user)
        others = presence.others(article.pk, request.user)
        return JsonResponse(
            {
                # Whether the languages the form was opened to write (?languages=) still are.
                "can_edit": not lost_languages(request.user, article, request.GET.get("languages")),
                "csrf": get_token(request),
                "others": [
                    {"name": o["name"], "since": timezone.localtime(o["since"]).strftime("%H:%M")}
                    for o in others
                ],
            }
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/editing/",
                view(never_cache(self.editing_view)),
                name="articles_article_editing",
            ),
            *super().get_urls(),
        ]
