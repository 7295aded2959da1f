"""Translating in the admin: starting an empty language from another one, the original beside
the translation in the form, and the translation debt for editors (`translation-debt/`)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from newsroom.params import plain_int

from .. import permissions, translating
from ..models import LANGUAGE_CODES, Article, Section, Status
from ..pagination import paginate
from .states import LANGUAGE_LABELS

DEBT_PER_PAGE = 50


def change_url(article_id, language: str) -> str:
    """The article's form, opened on `language`'s tab (article_form.js reads the hash)."""
    return reverse("admin:articles_article_change", args=[article_id]) + f"#lang-{language}"


class TranslationViews:
    """`<pk>/translate/<language>/` (POST) and `translation-debt/`; the offer and the originals
    in the form."""

    def translate_view(self, request, pk, target):
        """Start `target` from the posted `source`: structure only, or with its text
        (`with_text=1`, posted or in the address the button posts to)."""
        if target not in LANGUAGE_CODES:
            raise Http404
        article = Article.objects.filter(pk=pk).first()
        if article is None:
            raise Http404
        if not permissions.can_view(request.user, article):
            raise PermissionDenied
        with_text = "1" in (request.POST.get("with_text"), request.GET.get("with_text"))
        try:
            translating.article_start_translation(
                article=article,
                source=request.POST.get("source", ""),
                target=target,
                by=request.user,
                with_text=with_text,
            )
        except ValidationError as error:
            for text in error.messages:
                self.message_user(request, text, messages.ERROR)
        else:
            self.message_user(
                request,
                _(
                    "%(language)s is started from %(source)s: translate each block, the "
                    "original is shown above it."
                )
                % {
                    "language": LANGUAGE_LABELS[target],
                    "source": LANGUAGE_LABELS[request.POST["source"]],
                },
                messages.SUCCESS,
            )
        return HttpResponseRedirect(change_url(article.pk, target))

    def translation_debt_view(self, request):
        """Articles live in Ukrainian and not (yet) in another language, newest first, for
        editors; each row links to the missing language's tab."""
        if not permissions.can_publish(request.user):
            raise PermissionDenied
        section = plain_int(request.GET.get("section", ""), low=1)
        age = request.GET.get("age", "")
        important = request.GET.get("important") == "1"
        missing = request.GET.get("missing", "")
        page = paginate(
            request,
            translating.with_translation_states(
                translating.translation_debt(
                    section=section, age=age, important=important, missing=missing
                )
            ),
            DEBT_PER_PAGE,
        )
        for version in page.object_list:
            version.missing = [
                {
                    "code": code,
                    "label": LANGUAGE_LABELS[code],
                    "state": _debt_state(getattr(version, f"status_{code}")),
                    "url": change_url(version.article_id, code),
                }
                for code in translating.TRANSLATED_LANGUAGES
                if not getattr(version, f"live_{code}") and (not missing or code == missing)
            ]
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Translation debt"),
            "opts": self.opts,
            "page": page,
            "rows": page.object_list,
            "sections": Section.objects.all(),
            "chosen": {
                "section": section,
                "age": age if age in translating.AGES else "",
                "important": important,
                "missing": missing if missing in translating.TRANSLATED_LANGUAGES else "",
            },
            "ages": [
                ("today", _("today")),
                ("3days", _("last 3 days")),
                ("week", _("last week")),
                ("older", _("older than a week")),
            ],
            "languages": [
                (code, LANGUAGE_LABELS[code]) for code in translating.TRANSLATED_LANGUAGES
            ],
            "query": query.urlencode(),
        }
        return render(request, "admin/articles/article/translation_debt.html", context)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/translate/<str:target>/",
                view(require_POST(self.translate_view)),
                name="articles_article_translate",
            ),
            path(
                "translation-debt/",
                view(self.translation_debt_view),
                name="articles_article_translation_debt",
            ),
            *super().get_urls(),
        ]

    @property
    def media(self):
        return super().media + forms.Media(
            css={"all": ["admin/newsroom/translating.css"]},
            js=["admin/newsroom/translating.js"],
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["translation"] = _translation_context(request.user, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)


def _debt_state(status):
    if status is None:
        return _("not started")
    if status == Status.PUBLISHED:
        return _("scheduled or expired")
    return Status(status).label


def _translation_context(user, article) -> dict:
    """What the form shows for translating: for an unsaved article a note, for a saved one the
    offers (each empty language this user may write, from each language that has text) and the
    originals beside languages being translated."""
    if article is None or article.pk is None:
        return {
            "unsaved": [code for code in LANGUAGE_CODES if code != translating.ORIGINAL_LANGUAGE]
        }
    with_blocks = set(article.blocks.values_list("language", flat=True).distinct())
    started = {
        code
        for code in LANGUAGE_CODES
        if code in with_blocks
        or any(getattr(article, f"{name}_{code}", "") for name in translating.TEXT_FIELDS)
    }
    editable = permissions.editable_languages(user, article)
    sources = [(code, LANGUAGE_LABELS[code]) for code in LANGUAGE_CODES if code in started]
    offers = [
        {
            "language": code,
            "url": reverse("admin:articles_article_translate", args=[article.pk, code]),
            "sources": sources,
        }
        for code in LANGUAGE_CODES
        if code in editable and code not in started and sources
    ]
    return {
        "offers": offers,
        "originals": translating.originals_for(article, article.versions.all()),
    }
