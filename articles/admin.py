import bisect
import itertools
import json
from datetime import date, datetime, timedelta

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AdminSplitDateTime, AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db import connections, transaction
from django.db.models import Max, Min, Prefetch, Q
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_prose_editor.fields import ProseEditorFormField
from modeltranslation.admin import TranslationAdmin

from . import blocks, permissions, presence, revisions, richtext, services
from .models import (
    LANGUAGE_CODES,
    Article,
    ArticleAuthor,
    ArticleQuerySet,
    ArticleTag,
    Author,
    Block,
    Language,
    LanguageVersion,
    Photo,
    RelatedArticle,
    Section,
    StateChange,
    Status,
    version_live_q,
)
from .pagination import EstimatingPaginator
from .views import article_context

# Readers are not affected (queries read the clock), but history and cache purges wait for it.
OVERDUE_AFTER = timedelta(minutes=5)
CALENDAR_PAST_DAYS = 3
CALENDAR_FUTURE_DAYS = 7

LANGUAGE_LABELS = {"uk": "Українська", "ru": "Русский", "en": "English"}


def thumbnail(photo, size=80):
    if not photo or not photo.thumbnail:
        return "—"
    return format_html(
        '<img src="{}" width="{}" alt="" class="admin-thumbnail">',
        photo.thumbnail.url,
        size,
    )


@admin.register(Section)
class SectionAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_uk", "name_ru", "name_en", "slug"]


@admin.register(Author)
class AuthorAdmin(TranslationAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name_uk", "name_ru", "name_en", "slug"]
    autocomplete_fields = ["user"]


@admin.register(Photo)
class PhotoAdmin(TranslationAdmin):
    list_display = ["preview", "caption", "credit", "dimensions", "created_at"]
    search_fields = ["caption_uk", "caption_ru", "caption_en", "alt_text_uk", "credit_uk"]
    readonly_fields = ["preview", "dimensions"]

    @admin.display(description=_("preview"))
    def preview(self, photo):
        return thumbnail(photo)

    @admin.display(description=_("size"))
    def dimensions(self, photo):
        return f"{photo.width}×{photo.height}" if photo.width else "—"


# --- Article ------------------------------------------------------------------------------


_KEEP_POSTED = object()


class PublicationTimeField(forms.SplitDateTimeField):
    """A publication time typed in Kyiv time and stored in UTC.

    A time the editor left as it was is not parsed again but kept exactly: a stored time in the
    hour that happens twice when clocks go back (03:30 on the last Sunday of October) has no
    unambiguous wall-clock reading, and must not block saving a typo fix. A time the editor types
    is parsed, and an ambiguous or non-existent one is a form error.
    """

    def __init__(self, **kwargs):
        super().__init__(widget=AdminSplitDateTime, show_hidden_initial=True, **kwargs)
        self.kept = _KEEP_POSTED

    def clean(self, value):
        return super().clean(value) if self.kept is _KEEP_POSTED else self.kept


def publication_snapshot(versions) -> str:
    """What the form's publication fields were made from; compared again when it is saved."""
    return "|".join(
        f"{v.language}:{v.status}:{int(v.publish_at.timestamp()) if v.publish_at else ''}"
        for v in sorted(versions, key=lambda v: v.language)
    )


# The article form's fields: what every language shows, and each language's own text.
SHARED_FIELDS = ["section", "hero_photo", "is_important", "is_breaking"]
TEXTS = ("title", "lead")


class ArticleAdminForm(forms.ModelForm):
    """The article with each language's publication state beside its title and lead.

    The states live on `LanguageVersion` rows; they are saved through
    `services.article_set_state`, and only for the languages whose state or time this editor
    changed. A form opened before someone else changed the publication is refused rather than
    allowed to write the old state back (which could put a withdrawn article back on the site).
    """

    state_uk = forms.ChoiceField(
        label=_("State"), choices=Status.choices, initial=Status.DRAFT, show_hidden_initial=True
    )
    publish_at_uk = PublicationTimeField(label=_("Publication time (Kyiv)"), required=False)
    unpublish_at_uk = PublicationTimeField(label=_("Unpublish at (Kyiv)"), required=False)
    state_ru = forms.ChoiceField(
        label=_("State"), choices=Status.choices, initial=Status.DRAFT, show_hidden_initial=True
    )
    publish_at_ru = PublicationTimeField(label=_("Publication time (Kyiv)"), required=False)
    unpublish_at_ru = PublicationTimeField(label=_("Unpublish at (Kyiv)"), required=False)
    state_en = forms.ChoiceField(
        label=_("State"), choices=Status.choices, initial=Status.DRAFT, show_hidden_initial=True
    )
    publish_at_en = PublicationTimeField(label=_("Publication time (Kyiv)"), required=False)
    unpublish_at_en = PublicationTimeField(label=_("Unpublish at (Kyiv)"), required=False)
    ads_off_in = forms.MultipleChoiceField(
        label=_("No ads in"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The page shows no ads in the ticked languages, e.g. for a tragedy."),
    )
    publication_snapshot = forms.CharField(widget=forms.HiddenInput, required=False)
    loaded_edit_count = forms.IntegerField(widget=forms.HiddenInput, required=False)
    loaded_languages = forms.CharField(widget=forms.HiddenInput, required=False)
    state_comment = forms.CharField(
        label=_("Comment for the history"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Kept with the state changes of this save. Required when returning an article."
        ),
    )

    # Set by ArticleAdmin.get_form: the person saving, whose role limits the states offered.
    current_user = None

    class Meta:
        model = Article
        fields = [*SHARED_FIELDS, "ads_off_in"] + [
            f"{name}_{code}" for code in LANGUAGE_CODES for name in TEXTS
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        help_text = _("Empty with “Published” means now; a future time schedules it (Kyiv time).")
        self.versions = {}
        if self.instance.pk:
            self.versions = {v.language: v for v in self.instance.versions.all()}
        for code in LANGUAGE_CODES:
            self.fields[f"publish_at_{code}"].help_text = help_text
            version = self.versions.get(code)
            if version:
                self.initial.setdefault(f"state_{code}", version.status)
                for name in ("publish_at", "unpublish_at"):
                    if getattr(version, name):
                        self.initial.setdefault(
                            f"{name}_{code}", timezone.localtime(getattr(version, name))
                        )
            self.fields[f"unpublish_at_{code}"].help_text = _(
                "Optional: the version leaves the site at this minute by itself."
            )
            if self.is_bound:
                self._keep_untouched_time(f"publish_at_{code}")
                self._keep_untouched_time(f"unpublish_at_{code}")
        self.initial["publication_snapshot"] = publication_snapshot(self.versions.values())
        self.initial["loaded_edit_count"] = self.instance.edit_count
        self._limit_to_role()

    def _limit_to_role(self):
        """Offer each role only the states it may choose; the times only to those who publish;
        the text of a language only while it is this user's to edit, and what all languages
        share only while every language is.

        A disabled field ignores what is posted, and clean() checks every change of state
        again, so a hand-made request cannot do more than the form offers.
        """
        user = self.current_user
        if user is None:
            return
        editable = permissions.editable_languages(user, self.instance)
        # What this form lets its user write: if one of these languages is taken from them
        # before they save (sent for review in another tab, published by an editor), the save
        # is refused with their text shown back (ArticleAdmin.changeform_view).
        self.initial["loaded_languages"] = ",".join(sorted(editable))
        locked = [f"{name}_{code}" for code in set(LANGUAGE_CODES) - editable for name in TEXTS]
        if editable != set(LANGUAGE_CODES):
            locked += SHARED_FIELDS
        for name in locked:
            if name in self.fields:  # (a read-only view has none)
                self.fields[name].disabled = True
        if permissions.can_publish(user):
            return
        for code in LANGUAGE_CODES:
            current = self.initial.get(f"state_{code}", Status.DRAFT)
            field = self.fields[f"state_{code}"]
            field.choices = [
                (value, label)
                for value, label in Status.choices
                if value == current
                or permissions.can_transition(user, self.instance, current, value)
            ]
            self.fields[f"publish_at_{code}"].disabled = True
            self.fields[f"unpublish_at_{code}"].disabled = True
        # Whether a page carries ads is the editors' call, like its publication.
        self.fields["ads_off_in"].disabled = True

    def _keep_untouched_time(self, name):
        field = self.fields[name]
        posted = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
        loaded = field.hidden_widget().value_from_datadict(
            self.data, self.files, self.add_initial_prefix(name)
        )
        if posted == loaded:
            field.kept = self.initial.get(name)

    def publication_touched(self, code) -> bool:
        """Did this editor change the state or the time of the `code` version?"""
        names = {f"state_{code}", f"publish_at_{code}", f"unpublish_at_{code}"}
        return bool(names & set(self.changed_data))

    def clean(self):
        cleaned = super().clean()
        for code in LANGUAGE_CODES:
            if cleaned.get(f"state_{code}") == Status.PUBLISHED and not cleaned.get(
                f"title_{code}"
            ):
                self.add_error(
                    f"title_{code}",
                    forms.ValidationError(
                        _("A published version needs a title. Write one, or keep it a draft."),
                        code="title_required",
                    ),
                )
        self._refuse_stale_edit(cleaned)
        self._refuse_stale_publication()
        self._check_transitions(cleaned)
        self._check_times(cleaned)
        return cleaned

    def _refuse_stale_edit(self, cleaned):
        """Someone saved the article after this form was opened: refuse, say who and when,
        and show this editor's text back (the form is re-rendered with what they typed)."""
        if not self.instance.pk:
            return
        # The row stays locked until this save commits, so two saves cannot both pass. (Only
        # this row: PostgreSQL cannot lock the nullable side of a join.)
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("edit_count", flat=True)
            .first()
        )
        loaded = cleaned.get("loaded_edit_count")
        if current is None or loaded is None or loaded == current:
            return
        current = (
            Article.objects.filter(pk=self.instance.pk)
            .values("updated_at", "updated_by__username")
            .first()
        )
        self.add_error(
            None,
            forms.ValidationError(
                _(
                    "%(who)s saved this article at %(when)s, after you opened it. Your changes "
                    "were not saved, and theirs were not overwritten: your text is kept below. "
                    "Open the article in a new tab, bring your changes into the current version "
                    "and save there."
                ),
                code="edit_conflict",
                params={
                    "who": current["updated_by__username"] or _("Someone"),
                    "when": timezone.localtime(current["updated_at"]).strftime("%H:%M"),
                },
            ),
        )

    def publication_times(self, code):
        """(publish_at, unpublish_at) this save gives the `code` version: what the editor typed,
        else what is stored. An expiry already past is dropped when the version is published
        again, or it would go straight back off the site."""
        version = self.versions.get(code)
        if f"publish_at_{code}" in self.changed_data:
            publish_at = self.cleaned_data.get(f"publish_at_{code}")
        else:
            publish_at = version.publish_at if version else None
        if f"unpublish_at_{code}" in self.changed_data:
            unpublish_at = self.cleaned_data.get(f"unpublish_at_{code}")
        else:
            unpublish_at = version.unpublish_at if version else None
            if unpublish_at is not None and unpublish_at <= timezone.now():
                unpublish_at = None
        return publish_at, unpublish_at

    def _check_times(self, cleaned):
        for code in LANGUAGE_CODES:
            if (
                not self.publication_touched(code)
                or cleaned.get(f"state_{code}") != Status.PUBLISHED
            ):
                continue
            publish_at, unpublish_at = self.publication_times(code)
            if unpublish_at is not None and unpublish_at <= (publish_at or timezone.now()):
                self.add_error(
                    f"unpublish_at_{code}",
                    forms.ValidationError(
                        _(
                            "The version would leave the site before it appears: check the two "
                            "times."
                        ),
                        code="expires_before_publication",
                    ),
                )

    def _check_transitions(self, cleaned):
        for code in LANGUAGE_CODES:
            if not self.publication_touched(code) or f"state_{code}" not in cleaned:
                continue
            version = self.versions.get(code)
            before = version.status if version else ""
            after = cleaned[f"state_{code}"]
            if before == after:
                continue
            if self.current_user is not None and not permissions.can_transition(
                self.current_user, self.instance, before, after
            ):
                self.add_error(
                    f"state_{code}",
                    forms.ValidationError(
                        _("Only an editor can do that. Send the article for review instead."),
                        code="not_allowed",
                    ),
                )
            if after == Status.RETURNED and not cleaned.get("state_comment", "").strip():
                self.add_error(
                    "state_comment",
                    forms.ValidationError(
                        _("Say what needs to change: returning an article needs a comment."),
                        code="comment_required",
                    ),
                )

    def _refuse_stale_publication(self):
        name = self.add_prefix("publication_snapshot")
        current = self.initial["publication_snapshot"]
        touched = any(self.publication_touched(code) for code in LANGUAGE_CODES)
        if not touched or self.data.get(name, "") == current:
            return
        now = ", ".join(
            f"{LANGUAGE_LABELS[code]}: {_state_of(self.versions[code])[1]}"
            for code in LANGUAGE_CODES
            if code in self.versions
        )
        self.add_error(
            None,
            forms.ValidationError(
                _(
                    "Since you opened this form, someone else changed the publication of this "
                    "article (now: %(now)s). Nothing has been saved and your text is kept below. "
                    "Check the states and times, then save again to apply yours."
                ),
                code="publication_conflict",
                params={"now": now},
            ),
        )
        # The next save is a deliberate one, made with the current state in view.
        self.data = self.data.copy()
        self.data[name] = current


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete whose chosen option is labelled from the object the row already holds,
    instead of one query per row (Django's widget looks each value up again)."""

    preloaded = None

    def optgroups(self, name, value, attr=None):
        obj = self.preloaded
        chosen = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if obj is None or chosen != [str(obj.pk)]:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(obj)
        options.append(self.create_option(name, obj.pk, label, True, len(options)))
        return [(None, options, 0)]


class PreloadedFormSet(BaseInlineFormSet):
    """Hands each row's related objects (loaded with select_related) to its autocompletes."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if form.instance.pk:
            for name, field in form.fields.items():
                widget = getattr(field.widget, "widget", field.widget)  # unwrap the +/✎ wrapper
                if isinstance(widget, PreloadedAutocompleteSelect):
                    widget.preloaded = getattr(form.instance, name)
        return form


def _lost_languages(user, article, loaded) -> bool:
    """Has `user` lost the right to write a language they could write when the form was
    loaded (`loaded`: "uk,en", as the form recorded it)? With nothing recorded: whether they
    may write anything at all."""
    editable = permissions.editable_languages(user, article)
    languages = set((loaded or "").split(",")) & set(LANGUAGE_CODES)
    return not editable or bool(languages - editable)


class ArticleRowMixin:
    """Rows of an article may be changed exactly when that part of the article may be: bylines,
    tags and links are shared by every language (`can_edit_shared`), a language's blocks are its
    own (`may_edit_rows`, overridden by BlockInline). A journalist's model permissions on rows
    never reach other people's articles."""

    def may_edit_rows(self, request, obj):
        return permissions.can_edit_shared(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self.may_edit_rows(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.may_edit_rows(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.may_edit_rows(request, obj)


class PreloadedAutocompleteMixin(ArticleRowMixin):
    """Inline rows cost no query each: a page with 40 blocks and tags costs what one with 2 does."""

    formset = PreloadedFormSet

    def get_queryset(self, request):
        fields = self.get_autocomplete_fields(request)
        return super().get_queryset(request).select_related(*fields)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class BylineInline(PreloadedAutocompleteMixin, admin.TabularInline):
    # Rows are edited here; a link to the public page on every row is noise.
    view_on_site = False
    model = ArticleAuthor
    extra = 0
    min_num = 0
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    verbose_name = _("author")
    verbose_name_plural = _("authors (in the order they are signed)")


class ArticleTagInline(PreloadedAutocompleteMixin, admin.TabularInline):
    view_on_site = False
    model = ArticleTag
    extra = 0
    autocomplete_fields = ["tag"]
    fields = ["tag", "position"]
    verbose_name_plural = _("tags (the first one leads “More on …”)")


class RelatedArticleInline(PreloadedAutocompleteMixin, admin.TabularInline):
    view_on_site = False
    model = RelatedArticle
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["related"]
    fields = ["related", "position"]
    verbose_name_plural = _("related news, in this order")


class BlockForm(forms.ModelForm):
    text = ProseEditorFormField(
        label=_("Text"),
        required=False,
        config={"extensions": richtext.EDITOR_EXTENSIONS},
        help_text=_("Bold, italic, links and lists are kept; other formatting is removed."),
    )
    items = ProseEditorFormField(
        label=_("List items"),
        required=False,
        config={"extensions": richtext.LIST_EDITOR_EXTENSIONS},
        help_text=_("Background blocks: one bullet point per item."),
    )

    class Meta:
        model = Block
        fields = [
            "kind",
            "text",
            "attribution",
            "items",
            "photo",
            "url",
            "link_article",
            "position",
        ]
        # A plain address box: the admin's URL widget adds "Currently: … Change:" around it.
        widgets = {"url": forms.URLInput(attrs={"class": "vURLField", "placeholder": "https://"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new block asks for its type first (not "---------"), then shows only its fields.
        self.fields["kind"].choices = [("", _("Choose the type of block…")), *Block.Kind.choices]
        # The editor's script shows only the fields of the chosen type; without it, all show.
        self.fields["kind"].widget.attrs["data-block-fields"] = json.dumps(
            {kind: list(block_type.fields) for kind, block_type in blocks.REGISTRY.items()}
        )
        # Empty means "after the others"; 0 is a real position.
        self.fields["position"].required = False
        self.fields["position"].initial = None
        # Items are stored one per line and edited as a bullet list.
        if self.instance.items:
            self.initial["items"] = blocks.items_as_list_html(self.instance.items)


class BlockFormSet(PreloadedFormSet):
    """The body of one language: its own prefix, its own rows, positions filled in order."""

    language = None

    @classmethod
    def get_default_prefix(cls):
        return f"blocks-{cls.language}"

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.instance.language = self.language

    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.has_changed() and not self._should_delete_form(form) and form.is_valid()
        ]
        # New blocks without a position go after the existing ones, in the order shown.
        highest = max((f.instance.position or 0 for f in self.forms), default=0)
        for form in kept:
            if form.cleaned_data.get("position") is None:
                highest += 10
                form.instance.position = highest


class BlockInline(PreloadedAutocompleteMixin, admin.StackedInline):
    view_on_site = False
    model = Block
    form = BlockForm
    extra = 0
    fk_name = "article"
    autocomplete_fields = ["photo", "link_article"]
    language = None

    def get_queryset(self, request):
        return super().get_queryset(request).filter(language=self.language)

    def may_edit_rows(self, request, obj):
        return self.language in permissions.editable_languages(request.user, obj)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(f"BlockFormSet_{self.language}", (formset,), {"language": self.language})


def block_inline_for(code):
    return type(
        f"BlockInline_{code}",
        (BlockInline,),
        {
            "language": code,
            "formset": BlockFormSet,
            "verbose_name": _("body block"),
            "verbose_name_plural": format_html("{} — {}", _("body"), LANGUAGE_LABELS[code]),
            "classes": ["language-pane", f"lang-{code}"],
            "__module__": __name__,
        },
    )


class LanguageFilter(admin.SimpleListFilter):
    title = _("language")
    parameter_name = "lang"

    def lookups(self, request, model_admin):
        return [(code, LANGUAGE_LABELS[code]) for code in LANGUAGE_CODES]

    def queryset(self, request, queryset):
        if self.value() in LANGUAGE_CODES:
            return queryset.filter(**{f"title_{self.value()}__gt": ""})
        return queryset


class StateFilter(admin.SimpleListFilter):
    """Publication state; combined with the language filter it means that language's state."""

    title = _("publication state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            (Status.DRAFT, _("Draft")),
            (Status.REVIEW, _("In review")),
            (Status.RETURNED, _("Returned")),
            ("scheduled", _("Scheduled")),
            ("live", _("Live")),
            (Status.UNPUBLISHED, _("Unpublished")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        now = timezone.now()
        if value == "live":
            condition = version_live_q(now, prefix="versions__")
        elif value == "scheduled":
            condition = Q(versions__status=Status.PUBLISHED, versions__publish_at__gt=now)
        else:
            condition = Q(versions__status=value)
        language = request.GET.get(LanguageFilter.parameter_name)
        if language in LANGUAGE_CODES:
            condition &= Q(versions__language=language)
        return queryset.filter(condition).distinct()


class StateChangeInline(admin.TabularInline):
    """The article's history, newest first: read-only, written by the services."""

    model = StateChange
    view_on_site = False
    extra = 0
    can_delete = False
    fields = ["at", "language", "from_status", "to_status", "publish_at", "by", "comment"]
    readonly_fields = fields
    verbose_name_plural = _("history of states")
    classes = ["collapse"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TrashFilter(admin.SimpleListFilter):
    """The list shows articles outside the trash unless asked for the trash."""

    title = _("trash")
    parameter_name = "trash"

    def lookups(self, request, model_admin):
        return [("yes", _("In the trash"))]

    def queryset(self, request, queryset):
        return queryset.filter(deleted_at__isnull=self.value() != "yes")


def _periods(first, last, kind, zone):
    """The starts of the years, months or days from `first` to `last`, aware in `zone`."""
    first, last = timezone.localtime(first, zone), timezone.localtime(last, zone)
    start = datetime(first.year, 1 if kind == "year" else first.month, 1)
    if kind == "day":
        start = start.replace(day=first.day)
    periods = []
    while start <= last.replace(tzinfo=None):
        periods.append(start)
        if kind == "year":
            start = start.replace(year=start.year + 1)
        elif kind == "month":
            start = start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
        else:
            start = start + timedelta(days=1)
    return [timezone.make_aware(period, zone) for period in [*periods, start]]


class ArticleListQuerySet(ArticleQuerySet):
    """The article list's rows. The dates of its date hierarchy (the years, the months of a
    year, the days of a month that have articles) are found by asking, for every period between
    the first and the last publication, for one row in it on the index of publication times:
    two queries on PostgreSQL (the first and last, then all periods in one UNION ALL), one per
    period elsewhere, instead of Django's `SELECT DISTINCT` of every row's truncated date, which
    reads the whole archive."""

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        if field_name != "publish_at" or kind not in ("year", "month", "day"):
            return super().datetimes(field_name, kind, order, tzinfo)
        zone = tzinfo or timezone.get_current_timezone()
        rows = self.prefetch_related(None).select_related(None).order_by()
        rows = rows.filter(publish_at__isnull=False)
        span = rows.aggregate(first=Min("publish_at"), last=Max("publish_at"))
        if span["first"] is None:
            return []
        bounds = _periods(span["first"], span["last"], kind, zone)
        probes = [
            rows.filter(publish_at__gte=start, publish_at__lt=end)
            .order_by("publish_at")
            .values_list("publish_at", flat=True)[:1]
            for start, end in itertools.pairwise(bounds)
        ]
        if len(probes) > 1 and connections[rows.db].features.supports_slicing_ordering_in_compound:
            found = list(probes[0].union(*probes[1:], all=True))
        else:
            found = [moment for probe in probes for moment in probe]
        # Each row found stands for the period it falls in.
        chosen = sorted({bisect.bisect_right(bounds, moment) - 1 for moment in found})
        periods = [bounds[index] for index in chosen]
        return periods[::-1] if order == "DESC" else periods


class ArticleChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        # The states column reads the versions' states and times, not their search text and
        # vectors (kilobytes each).
        queryset = queryset.prefetch_related(None).prefetch_related(
            Prefetch(
                "versions",
                queryset=LanguageVersion.objects.defer("search_text", "search_vector").order_by(
                    "language"
                ),
            )
        )
        queryset.__class__ = ArticleListQuerySet
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    # A list of a million articles: no COUNT(*) of the whole table for "N total", and beyond
    # 10,000 rows the paginator takes PostgreSQL's estimate (articles/pagination.py). Titles
    # are searched with trigram indexes (migration 0011).
    show_full_result_count = False
    paginator = EstimatingPaginator
    # 50 rows a page, as Wagtail's listings (WordPress shows 20): Django's 100 made rendering
    # the rows most of the page's time, and an editor looks for a story by search and filters.
    list_per_page = 50
    list_display = ["hero", "headline", "section", "states", "publish_at", "updated_at"]
    list_display_links = ["hero", "headline"]
    list_filter = [
        LanguageFilter,
        StateFilter,
        "section",
        "authors",
        "is_important",
        TrashFilter,
    ]
    actions = ["move_to_trash", "restore_from_trash"]
    list_select_related = ["section", "hero_photo"]
    search_fields = ["title_uk", "title_ru", "title_en"]
    date_hierarchy = "publish_at"
    autocomplete_fields = ["section", "hero_photo"]
    inlines = [
        BylineInline,
        ArticleTagInline,
        RelatedArticleInline,
        *(block_inline_for(code) for code in LANGUAGE_CODES),
        StateChangeInline,
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "section",
                    "hero_photo",
                    ("is_important", "is_breaking"),
                    "ads_off_in",
                    "publication_snapshot",
                    "loaded_edit_count",
                    "loaded_languages",
                    "state_comment",
                ]
            },
        ),
    ] + [
        (
            LANGUAGE_LABELS[code],
            {
                "fields": [
                    f"title_{code}",
                    f"lead_{code}",
                    (f"state_{code}", f"publish_at_{code}"),
                    f"unpublish_at_{code}",
                    f"preview_{code}",
                ],
                "classes": ["language-pane", f"lang-{code}"],
            },
        )
        for code in LANGUAGE_CODES
    ]

    class Media:
        css = {"all": ["admin/newsroom/article_form.css"]}
        js = ["admin/newsroom/article_form.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("versions")

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return permissions.can_view(request.user, obj)

    @admin.action(description=_("Move selected articles to the trash"))
    def move_to_trash(self, request, queryset):
        self._apply(
            request,
            queryset,
            permissions.can_trash,
            services.article_trash,
            _("%(count)d article(s) moved to the trash."),
        )

    @admin.action(description=_("Restore selected articles from the trash"))
    def restore_from_trash(self, request, queryset):
        self._apply(
            request,
            queryset,
            permissions.can_restore,
            services.article_restore,
            _("%(count)d article(s) restored."),
        )

    def _apply(self, request, queryset, allowed, action, done):
        """All or nothing: one article the user may not touch refuses the whole action."""
        articles = list(queryset.prefetch_related("versions"))
        refused = [article for article in articles if not allowed(request.user, article)]
        if refused:
            self.message_user(
                request,
                _("Nothing was changed: you may not do this to “%(title)s”.")
                % {"title": refused[0]},
                messages.ERROR,
            )
            return
        with transaction.atomic():
            for article in articles:
                action(article=article, by=request.user)
        self.message_user(request, done % {"count": len(articles)}, messages.SUCCESS)

    def get_search_results(self, request, queryset, search_term):
        # Lists and pickers show journalists their own articles and live ones, not colleagues'
        # drafts (a colleague's draft page itself answers 403: see has_view_permission).
        queryset = permissions.visible_articles(request.user, queryset)
        # Pickers (related news, "Read also") never offer articles from the trash.
        if request.path.endswith("/autocomplete/"):
            queryset = queryset.filter(deleted_at__isnull=True)
        return super().get_search_results(request, queryset, search_term)

    def calendar_view(self, request):
        """The plan: what goes live when, by day and hour, for editors. In review and overdue
        versions stand out."""
        if not permissions.can_publish(request.user):
            raise PermissionDenied
        today = timezone.localdate()
        try:
            start = date.fromisoformat(request.GET.get("start", ""))
        except ValueError:
            start = today - timedelta(days=CALENDAR_PAST_DAYS)
        end = start + timedelta(days=CALENDAR_PAST_DAYS + CALENDAR_FUTURE_DAYS + 1)
        zone = timezone.get_current_timezone()
        window = (
            timezone.make_aware(datetime.combine(start, datetime.min.time()), zone),
            timezone.make_aware(datetime.combine(end, datetime.min.time()), zone),
        )
        now = timezone.now()
        versions = (
            LanguageVersion.objects.filter(
                status=Status.PUBLISHED,
                publish_at__gte=window[0],
                publish_at__lt=window[1],
                article__deleted_at__isnull=True,
            )
            .select_related("article")
            .order_by("publish_at", "article_id", "language")
        )
        days = {}
        for version in versions:
            local = timezone.localtime(version.publish_at)
            if version.is_live:
                state = (
                    "overdue"
                    if version.went_live_at is None and (now - version.publish_at > OVERDUE_AFTER)
                    else "live"
                )
            else:
                state = "expired" if version.publish_at <= now else "scheduled"
            day = days.setdefault(local.date(), {})
            day.setdefault(local.strftime("%H:00"), []).append(
                {
                    "version": version,
                    "time": local.strftime("%H:%M"),
                    "state": state,
                    # The headline readers of that language get.
                    "title": version.article.title_in(version.language) or str(version.article),
                }
            )
        in_review = list(
            LanguageVersion.objects.filter(status=Status.REVIEW, article__deleted_at__isnull=True)
            .select_related("article")
            .order_by("updated_at")
        )
        for version in in_review:
            version.title = version.article.title_in(version.language)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Editorial calendar"),
            "opts": self.opts,
            # Today and what is coming first; the days before, newest first, below them.
            "days": [(day, sorted(days[day].items())) for day in sorted(days) if day >= today],
            "past_days": [
                (day, sorted(days[day].items()))
                for day in sorted(days, reverse=True)
                if day < today
            ],
            "in_review": in_review,
            "today": today,
            "earlier": start - timedelta(days=7),
            "later": start + timedelta(days=7),
        }
        return render(request, "admin/articles/article/calendar.html", context)

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
                "can_edit": not _lost_languages(
                    request.user, article, request.GET.get("languages")
                ),
                "csrf": get_token(request),
                "others": [
                    {"name": o["name"], "since": timezone.localtime(o["since"]).strftime("%H:%M")}
                    for o in others
                ],
            }
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None and request.method == "GET":
            # Only those who can change it count as "editing"; readers are not announced.
            if permissions.can_edit(request.user, article):
                presence.touch(article.pk, request.user)
            for other in presence.others(article.pk, request.user):
                self.message_user(
                    request,
                    _("%(name)s is editing this article since %(since)s.")
                    % {
                        "name": other["name"],
                        "since": timezone.localtime(other["since"]).strftime("%H:%M"),
                    },
                    messages.WARNING,
                )
        if article is not None and request.method == "GET":
            for returned in _returned_with_comments(article):
                self.message_user(request, returned, messages.WARNING)
        if article is not None and article.deleted_at is not None:
            self.message_user(
                request,
                _(
                    "This article is in the trash since %(when)s: it is off the site and cannot "
                    "be edited. Editors can restore it from the trash list."
                )
                % {"when": timezone.localtime(article.deleted_at).strftime("%d.%m.%Y %H:%M")},
                messages.WARNING,
            )
        extra_context = {
            **(extra_context or {}),
            "editable_languages": ",".join(
                sorted(permissions.editable_languages(request.user, article))
                if article is not None
                else ()
            ),
            # The "Revisions" button only for those the revisions page lets in.
            "can_see_revisions": article is not None and self._may_see_revisions(request, article),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/preview/<str:language>/",
                view(self.preview_view),
                name="articles_article_preview",
            ),
            path(
                "<int:pk>/revisions/", view(self.revisions_view), name="articles_article_revisions"
            ),
            path(
                "<int:pk>/editing/",
                view(never_cache(self.editing_view)),
                name="articles_article_editing",
            ),
            path("calendar/", view(self.calendar_view), name="articles_article_calendar"),
            path(
                "<int:pk>/revisions/<int:version_id>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id:
            article = Article.objects.filter(pk=object_id).first()
            if (
                article is not None
                and permissions.can_view(request.user, article)
                and _lost_languages(request.user, article, request.POST.get("loaded_languages"))
            ):
                return self._keep_posted_text(request, article)
        # Every save is a revision of the whole article (see articles/revisions.py).
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(_("Saved in the admin."))
            return super().changeform_view(request, object_id, form_url, extra_context)

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

    def changelist_view(self, request, extra_context=None):
        # For the server's administrators only (superusers): it asks about a cron job, which
        # journalists and editors can do nothing about. Counted only when there is something to
        # count: nearly always nothing is overdue, and an EXISTS on the partial index of
        # versions still going live costs no plan that PostgreSQL would run in parallel workers
        # for a COUNT (migration 0011).
        overdue = request.user.is_superuser and sum(
            due.count() if due.exists() else 0
            for due in (
                services.due_to_go_live(timezone.now() - OVERDUE_AFTER),
                services.due_to_expire(timezone.now() - OVERDUE_AFTER),
            )
        )
        if overdue:
            messages.warning(
                request,
                ngettext(
                    "%(count)d scheduled change is overdue by more than five minutes: is "
                    "`manage.py publish_scheduled` running every minute?",
                    "%(count)d scheduled changes are overdue by more than five minutes: is "
                    "`manage.py publish_scheduled` running every minute?",
                    overdue,
                )
                % {"count": overdue},
            )
        extra_context = {
            **(extra_context or {}),
            "can_see_calendar": permissions.can_publish(request.user),
        }
        return super().changelist_view(request, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"current_user": request.user})

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return permissions.can_edit(request.user, obj)

    readonly_fields = [f"preview_{code}" for code in LANGUAGE_CODES]

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

    def action_checkbox(self, obj):
        """Django's checkbox, written directly: rendered by the form widget's template it was
        a sixth of the list's time (100 rows)."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            str(obj.pk),
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )

    @admin.display(description=_("photo"))
    def hero(self, article):
        return thumbnail(article.hero_photo, 64)

    @admin.display(description=_("title"), ordering="title_uk")
    def headline(self, article):
        return str(article)

    @admin.display(description=_("languages"))
    def states(self, article):
        versions = {v.language: v for v in article.versions.all()}
        return format_html_join(
            " ",
            '<span class="lang-state state-{}" title="{}">{} {}</span>',
            (
                (state, label, code.upper(), symbol)
                for code in LANGUAGE_CODES
                for state, label, symbol in [_state_of(versions.get(code))]
            ),
        )

    def _warn_of_unnamed_tags(self, request, article):
        for code, tags in _unnamed_tags(article).items():
            self.message_user(
                request,
                _(
                    "Tags without a name in %(language)s are not shown on the %(language)s page: "
                    "%(tags)s. Give them one under Tags."
                )
                % {
                    "language": LANGUAGE_LABELS[code],
                    "tags": ", ".join(f"«{tag.name_uk or tag.slug}»" for tag in tags),
                },
                messages.WARNING,
            )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        obj.edit_count = (obj.edit_count or 0) + 1
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        self._warn_of_unnamed_tags(request, article)
        for code in LANGUAGE_CODES:
            version = form.versions.get(code)
            # A language that has text gets its version (a draft, unless chosen otherwise) the
            # first time it is saved, so it has a state and a history from the start.
            starts = version is None and article.has_text_in(code)
            if not form.publication_touched(code) and not starts:
                continue
            state = form.cleaned_data[f"state_{code}"]
            publish_at, unpublish_at = form.publication_times(code)
            if version is None and state == Status.DRAFT and not article.has_text_in(code):
                continue
            if (
                version
                and version.status == state
                and (
                    state != Status.PUBLISHED
                    or (version.publish_at, version.unpublish_at) == (publish_at, unpublish_at)
                )
            ):
                continue
            services.article_set_state(
                article=article,
                language=code,
                status=state,
                by=request.user,
                publish_at=publish_at,
                unpublish_at=unpublish_at,
                comment=form.cleaned_data.get("state_comment", ""),
            )


def _returned_with_comments(article):
    """For each language version returned to its author: who returned it, when and why — at the
    top of the form, not only in the history further down."""
    returned = [v.language for v in article.versions.all() if v.status == Status.RETURNED]
    if not returned:
        return []
    latest = {}
    steps = article.history.filter(language__in=returned, to_status=Status.RETURNED)
    for step in steps.select_related("by"):
        latest.setdefault(step.language, step)  # newest first (StateChange.Meta.ordering)
    return [
        _("%(language)s: returned by %(who)s on %(when)s: “%(comment)s”")
        % {
            "language": LANGUAGE_LABELS[code],
            "who": (step.by.get_full_name() or step.by.get_username()) if step.by else "—",
            "when": timezone.localtime(step.at).strftime("%d.%m %H:%M"),
            "comment": step.comment,
        }
        for code, step in sorted(latest.items())
    ]


def _unnamed_tags(article):
    """{language: [tag, …]}: the article's tags without a name in a language it is written in.
    The page in that language leaves such a tag out, which nobody would notice otherwise."""
    languages = [code for code in LANGUAGE_CODES if article.has_text_in(code)]
    tags = [item.tag for item in article.tagged_items.select_related("tag")]
    missing = {
        code: [tag for tag in tags if not getattr(tag, f"name_{code}", "")] for code in languages
    }
    return {code: tags for code, tags in missing.items() if tags}


def _state_of(version):
    if version is None:
        return "none", _("not started"), "–"
    if version.status == Status.PUBLISHED:
        if version.is_live:
            return "live", _("live"), "●"
        if version.is_expired:
            return "expired", _("expired"), "○"
        return (
            "scheduled",
            _("scheduled for %(time)s")
            % {"time": timezone.localtime(version.publish_at).strftime("%d.%m %H:%M")},
            "◷",
        )
    return version.status, version.get_status_display(), STATE_SYMBOLS.get(version.status, "○")


# Each state its own mark in the list (colour alone would not tell them apart for everyone).
STATE_SYMBOLS = {
    Status.DRAFT: "○",
    Status.REVIEW: "◐",
    Status.RETURNED: "↩",
    Status.UNPUBLISHED: "⊘",
}
