"""Corrections in the admin: their own list and form (saved through the services), and a panel
in each language tab of the article form listing that language's notes with a link to add one.

The note is written on its own form, not inline in the article form: adding a correction to a
live story must not save the whole article (its text, states and edit check) on the way.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from articles import permissions, richtext
from articles.models import LANGUAGE_CODES, Article

from . import services
from .models import Correction

# One paragraph: what a Source line keeps (models.Correction.sanitize).
NOTE_EDITOR_EXTENSIONS = {
    name: options
    for name, options in richtext.EDITOR_EXTENSIONS.items()
    if name not in {"BulletList", "OrderedList", "ListItem"}
}


class CorrectionForm(forms.ModelForm):
    text = ProseEditorFormField(
        label=_("Text"),
        config={"extensions": NOTE_EDITOR_EXTENSIONS},
        help_text=_(
            "What was wrong and what is right, in one or two sentences. Bold, italic and links "
            "are kept."
        ),
    )

    class Meta:
        model = Correction
        fields = ["article", "language", "kind", "dated_at", "placement", "text"]

    def _post_clean(self):
        super()._post_clean()
        # The services' rules, with what is typed, each under its field (the text is kept).
        try:
            services.validate(self.instance)
        except ValidationError as problems:
            self._update_errors(problems)


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    form = CorrectionForm
    list_display = ["dated_at", "kind", "language", "article_title", "summary", "created_by"]
    list_display_links = ["dated_at", "kind"]
    list_filter = ["kind", "language", "placement"]
    list_select_related = ["article", "created_by"]
    search_fields = ["text"]
    date_hierarchy = "dated_at"
    autocomplete_fields = ["article"]
    readonly_fields = ["created_by", "created_at", "updated_by", "updated_at"]

    def get_queryset(self, request):
        # Journalists see the notes of the articles they may see: not a colleague's draft.
        queryset = super().get_queryset(request)
        visible = permissions.visible_articles(request.user, Article.objects.all())
        return queryset.filter(article__in=visible.values("pk"))

    def get_readonly_fields(self, request, obj=None):
        # A note stays with its article and language; a wrong one is removed and written anew.
        fixed = ["article", "language"] if obj is not None else []
        return [*fixed, *super().get_readonly_fields(request, obj)]

    @admin.display(description=_("article"), ordering="article__title_uk")
    def article_title(self, correction):
        return correction.article.title_in(correction.language) or str(correction.article)

    @admin.display(description=_("text"))
    def summary(self, correction):
        return Truncator(strip_tags(correction.text)).chars(100)

    def save_model(self, request, obj, form, change):
        # Through the services: the permission, the rules and the line in the history.
        fields = {name: form.cleaned_data[name] for name in ("kind", "dated_at", "placement")}
        if change:
            services.correction_change(correction=obj, by=request.user, text=obj.text, **fields)
        else:
            saved = services.correction_add(
                article=obj.article, language=obj.language, text=obj.text, by=request.user, **fields
            )
            obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.correction_delete(correction=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for correction in queryset.select_related("article"):
            services.correction_delete(correction=correction, by=request.user)

    def _back_to_article(self, request, obj, response):
        """From a note's form back to the article's, in the note's language tab."""
        if any(name in request.POST for name in ("_continue", "_addanother", "_saveasnew")):
            return response
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return HttpResponseRedirect(f"{url}#corrections-{obj.language}")

    def response_add(self, request, obj, post_url_continue=None):
        return self._back_to_article(request, obj, super().response_add(request, obj))

    def response_change(self, request, obj):
        return self._back_to_article(request, obj, super().response_change(request, obj))


class CorrectionPanels:
    """For the article admin: `corrections_<language>`, read-only rows of each language tab
    listing its notes (one query for the three) with a link to add one, for editors."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            obj._corrections_request = request
        return super().get_form(request, obj, change=change, **kwargs)

    def _corrections_panel(self, article, code):
        request = getattr(article, "_corrections_request", None)
        if article is None or article.pk is None or request is None:
            return _("Corrections and editor's notes can be added once the article is saved.")
        notes = getattr(article, "_corrections_by_language", None)
        if notes is None:
            notes = {language: [] for language in LANGUAGE_CODES}
            for note in Correction.objects.filter(article_id=article.pk).order_by("dated_at", "id"):
                notes.setdefault(note.language, []).append(note)
            article._corrections_by_language = notes
        user = request.user
        may_add = user.has_perm("corrections.add_correction") and article.deleted_at is None
        has_version = any(version.language == code for version in article.versions.all())
        add_url = reverse("admin:corrections_correction_add")
        return render_to_string(
            "admin/corrections/_panel.html",
            {
                "code": code,
                "notes": notes.get(code, []),
                "may_change": user.has_perm("corrections.change_correction"),
                "may_add": may_add and has_version,
                "add_url": f"{add_url}?{urlencode({'article': article.pk, 'language': code})}",
                "needs_version": may_add and not has_version,
            },
        )

    @admin.display(description=_("corrections and notes"))
    def corrections_uk(self, article):
        return self._corrections_panel(article, "uk")

    @admin.display(description=_("corrections and notes"))
    def corrections_ru(self, article):
        return self._corrections_panel(article, "ru")

    @admin.display(description=_("corrections and notes"))
    def corrections_en(self, article):
        return self._corrections_panel(article, "en")
