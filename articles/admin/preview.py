"""Previews of a language version in the public template."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..models import (
    LANGUAGE_CODES,
    Article,
)
from ..views import article_context
from .states import LANGUAGE_LABELS


class PreviewViews:
    def preview_view(self, request, pk, language):
        """The article in the real public template, in any state, for those who may edit it.

        Never stored by any cache (private, no-store) and never indexed.
        """
        if language not in LANGUAGE_CODES:
            raise Http404
        article = Article.objects.select_related("section", "hero_photo").filter(pk=pk).first()
        if article is None:
            raise Http404
        if not (
            permissions.can_edit(request.user, article) or permissions.can_publish(request.user)
        ):
            raise PermissionDenied
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = render(
                request,
                "articles/article_detail.html",
                article_context(request, article, language, preview=True),
            )
        add_never_cache_headers(response)
        response["Cache-Control"] = "private, no-store, no-cache, max-age=0, must-revalidate"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def _preview_link(self, article, code):
        if not article or not article.pk:
            return _("Save the article first to preview it.")
        url = reverse("admin:articles_article_preview", args=[article.pk, code])
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            url,
            _("Open the preview of the %(language)s version") % {"language": LANGUAGE_LABELS[code]},
        )

    @admin.display(description=_("preview"))
    def preview_uk(self, article):
        return self._preview_link(article, "uk")

    @admin.display(description=_("preview"))
    def preview_ru(self, article):
        return self._preview_link(article, "ru")

    @admin.display(description=_("preview"))
    def preview_en(self, article):
        return self._preview_link(article, "en")

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/preview/<str:language>/",
                view(self.preview_view),
                name="articles_article_preview",
            ),
            *super().get_urls(),
        ]
