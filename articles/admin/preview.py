"""Previews of a language version in the public template: the saved version, the live preview
beside the form (unsaved text), expiring links for people without an account, and the search
and social preview of each language tab."""

import json

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .. import permissions, previews
from ..models import (
    LANGUAGE_CODES,
    Article,
    PreviewLink,
)
from ..renditions import best
from .states import LANGUAGE_LABELS

# What search engines and networks show before cutting: Google's ~580 px title is about 60
# characters of text, its snippet about 155.
SEO_TITLE_LIMIT = 60
SEO_DESCRIPTION_LIMIT = 155


class PreviewViews:
    def get_form(self, request, obj=None, change=False, **kwargs):
        # The preview fields of the form say what this person may do (share a link or not) and
        # give absolute link addresses; the admin hands them only the article, so it carries
        # this request.
        if obj is not None:
            obj._preview_request = request
        return super().get_form(request, obj, change=change, **kwargs)

    def preview_view(self, request, pk, language):
        """The article in the real public template, in any state, for those who may edit it.

        Never stored by any cache (private, no-store) and never indexed.
        """
        if language not in LANGUAGE_CODES:
            raise Http404
        article = Article.objects.select_related("section", "hero_photo").filter(pk=pk).first()
        if article is None:
            raise Http404
        if not _may_preview(request.user, article):
            raise PermissionDenied
        return previews.render_article_preview(request, article, language)

    def live_preview_view(self, request, language, pk=None):
        """The form's unsaved data in the public template, for the frame beside the form.

        The form and its rows are validated as a save would (texts cleaned, blocks sanitised)
        inside a transaction that is always rolled back; nothing is saved.
        """
        if request.method != "POST":
            return JsonResponse({"error": "POST"}, status=405)
        if language not in LANGUAGE_CODES:
            raise Http404
        article = None
        if pk is not None:
            # The versions once: every permission check of the form and its rows reads them.
            article = (
                Article.objects.select_related("section", "hero_photo")
                .prefetch_related("versions")
                .filter(pk=pk)
                .first()
            )
            if article is None:
                raise Http404
            if not _may_preview(request.user, article):
                raise PermissionDenied
        elif not self.has_add_permission(request):
            raise PermissionDenied
        editable = permissions.editable_languages(request.user, article)
        with transaction.atomic():
            form_class = self.get_form(request, article, change=article is not None)
            form = form_class(request.POST, request.FILES, instance=article or self.model())
            form.is_preview = True
            form.is_valid()
            formsets, _inlines = self._create_formsets(
                request, form.instance, change=article is not None
            )
            for formset in formsets:
                formset.is_valid()
            transaction.set_rollback(True)
        unsaved, bylines, tags, body = previews.unsaved_article(
            form,
            formsets,
            language,
            shared_editable=editable == set(LANGUAGE_CODES),
            language_editable=language in editable,
        )
        if unsaved.section_id is None:
            return previews.render_preview(
                request,
                "admin/articles/article/live_preview_empty.html",
                {"message": _("Choose a section to see the preview.")},
                frame=True,
            )
        return previews.render_unsaved_preview(
            request, unsaved, language, bylines=bylines, tags=tags, body=body
        )

    def preview_link_create_view(self, request, pk):
        article = Article.objects.filter(pk=pk).first()
        if article is None:
            raise Http404
        if not previews.can_share_preview(request.user, article):
            raise PermissionDenied
        try:
            hours = int(request.POST.get("hours", ""))
        except ValueError:
            hours = 0
        try:
            link = previews.preview_link_create(
                article=article,
                language=request.POST.get("language", ""),
                by=request.user,
                hours=hours,
                note=request.POST.get("note", ""),
            )
        except ValidationError as error:
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        return JsonResponse(
            {"html": _links_html(request, article, link.language, fresh=True)}, status=201
        )

    def preview_link_revoke_view(self, request, pk, link_id):
        link = PreviewLink.objects.select_related("article").filter(pk=link_id, article=pk).first()
        if link is None:
            raise Http404
        if not previews.can_share_preview(request.user, link.article):
            raise PermissionDenied
        previews.preview_link_revoke(link=link, by=request.user)
        return JsonResponse({"html": _links_html(request, link.article, link.language, fresh=True)})

    def _preview_link(self, article, code):
        live_url = (
            reverse("admin:articles_article_live_preview", args=[article.pk, code])
            if article and article.pk
            else reverse("admin:articles_article_live_preview_new", args=[code])
        )
        toggle = format_html(
            '<button type="button" class="button live-preview-toggle" data-url="{}" '
            'data-language="{}" aria-pressed="false">{}</button>',
            live_url,
            code,
            _("Preview beside the form"),
        )
        if not article or not article.pk:
            return format_html("{} {}", _("Save the article first to preview it."), toggle)
        url = reverse("admin:articles_article_preview", args=[article.pk, code])
        request = getattr(article, "_preview_request", None)
        links = _links_html(request, article, code) if request is not None else ""
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a> {}{}',
            url,
            _("Open the preview of the %(language)s version") % {"language": LANGUAGE_LABELS[code]},
            toggle,
            links,
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

    def _seo_preview(self, article, code):
        return seo_preview_html(article, code)

    @admin.display(description=_("in search results and link cards"))
    def seo_preview_uk(self, article):
        return self._seo_preview(article, "uk")

    @admin.display(description=_("in search results and link cards"))
    def seo_preview_ru(self, article):
        return self._seo_preview(article, "ru")

    @admin.display(description=_("in search results and link cards"))
    def seo_preview_en(self, article):
        return self._seo_preview(article, "en")

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/preview/<str:language>/",
                view(self.preview_view),
                name="articles_article_preview",
            ),
            path(
                "<int:pk>/live-preview/<str:language>/",
                view(self.live_preview_view),
                name="articles_article_live_preview",
            ),
            path(
                "live-preview/<str:language>/",
                view(self.live_preview_view),
                name="articles_article_live_preview_new",
            ),
            path(
                "<int:pk>/preview-links/",
                view(require_POST(self.preview_link_create_view)),
                name="articles_article_preview_link_create",
            ),
            path(
                "<int:pk>/preview-links/<int:link_id>/revoke/",
                view(require_POST(self.preview_link_revoke_view)),
                name="articles_article_preview_link_revoke",
            ),
            *super().get_urls(),
        ]


def _may_preview(user, article) -> bool:
    return permissions.can_edit(user, article) or permissions.can_publish(user)


def _links_html(request, article, language, *, fresh=False):
    """The language's working preview links, each with "Revoke", and the form to make one; for
    those who may not share, none: a link's address opens the draft for anyone holding it.

    `fresh`: read the links again (after one was made or revoked), not the form's one list."""
    may_share = previews.can_share_preview(request.user, article)
    links = getattr(article, "_working_preview_links", None)
    if not may_share:
        links = []
    elif links is None or fresh:
        links = list(
            PreviewLink.objects.filter(
                article=article, revoked_at__isnull=True, expires_at__gt=timezone.now()
            ).order_by("-created_at", "-id")
        )
        article._working_preview_links = links
    rows = [
        {
            "link": link,
            "url": request.build_absolute_uri(
                reverse("preview_link", args=[previews.link_token(link)])
            ),
            "revoke_url": reverse(
                "admin:articles_article_preview_link_revoke", args=[article.pk, link.pk]
            ),
        }
        for link in links
        if link.language == language
    ]
    return render_to_string(
        "admin/articles/article/_preview_links.html",
        {
            "rows": rows,
            "language": language,
            "may_share": may_share,
            "create_url": reverse("admin:articles_article_preview_link_create", args=[article.pk]),
            "min_hours": previews.MIN_HOURS,
            "max_hours": previews.MAX_HOURS,
        },
    )


def seo_preview_html(article, code):
    """A search result and a link card as the `code` page would give them, with counters; the
    script (seo_preview.js) redraws them from the fields as one types."""
    title = description = ""
    path_parts = ["news"]
    image = ""
    if article is not None:
        title = getattr(article, f"seo_title_{code}", "") or article.title_in(code)
        description = getattr(article, f"meta_description_{code}", "") or (
            getattr(article, f"lead_{code}", "") or ""
        )
        if article.pk:
            path_parts = [part for part in article.get_absolute_url(code).split("/") if part]
        if article.hero_photo_id:
            found = best(article.hero_photo, "jpeg", "16x9", 1200)
            image = found[0] if found else ""
    return render_to_string(
        "admin/articles/article/_seo_preview.html",
        {
            "code": code,
            "site_name": settings.SITE_NAME,
            "breadcrumb": " › ".join(path_parts),
            "title": title,
            "description": description,
            "image": image,
            "title_limit": SEO_TITLE_LIMIT,
            "description_limit": SEO_DESCRIPTION_LIMIT,
            "fields": json.dumps(
                {
                    "title": f"id_title_{code}",
                    "seo_title": f"id_seo_title_{code}",
                    "lead": f"id_lead_{code}",
                    "meta_description": f"id_meta_description_{code}",
                }
            ),
        },
    )
