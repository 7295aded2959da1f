"""The article form and the body block form."""

import json

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from .. import blocks, permissions, richtext, services
from ..models import (
    LANGUAGE_CODES,
    Article,
    Block,
    Language,
    Status,
)
from .checklist import PublishChecklistForm
from .states import LANGUAGE_LABELS, state_of
from .widgets import PreloadedAutocompleteSelect

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
# The SEO title and description are a language's text too: locked with its title and lead.
TEXTS = ("title", "lead", "seo_title", "meta_description")


class ArticleAdminForm(PublishChecklistForm, forms.ModelForm):
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
    # True for the live preview, which validates on every pause in typing and saves nothing: it
    # must not lock the article's row (others' saves would wait for it), and a save made since
    # the form was opened is for the real save to refuse, not the preview.
    is_preview = False

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
        if not self.is_preview:
            self._refuse_stale_edit(cleaned)
            self._refuse_stale_publication()
        self._check_state_changes(cleaned)
        # Warnings an editor may override with a reason (articles/admin/checklist.py).
        self._check_publish_lists(cleaned)
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

    # Where the form shows each problem the services find with a state change.
    PROBLEM_FIELDS = {
        "not_allowed": "state_{code}",
        "comment_required": "state_comment",
        "title_required": "title_{code}",
        "expires_before_publication": "unpublish_at_{code}",
    }

    def _check_state_changes(self, cleaned):
        """Ask the services, with what is typed now, whether each language's state may be saved
        (`services.validate_state_change`: the rules live there only), and show their answer
        on the field concerned: a version being published, scheduled or returned, and every
        published version (which must keep its title)."""
        for code in LANGUAGE_CODES:
            if f"state_{code}" not in cleaned:
                continue
            version = self.versions.get(code)
            before = version.status if version else ""
            after = cleaned[f"state_{code}"]
            touched = self.publication_touched(code)
            if not touched and after != Status.PUBLISHED:
                continue
            publish_at, unpublish_at = self.publication_times(code)
            if not touched:
                # Only what a published version must keep: a title.
                before, unpublish_at = after, None
            try:
                services.validate_state_change(
                    article=self.instance,
                    language=code,
                    from_status=before,
                    status=after,
                    by=self.current_user,
                    title=cleaned.get(f"title_{code}", "") or "",
                    publish_at=publish_at,
                    unpublish_at=unpublish_at,
                    comment=cleaned.get("state_comment", "") or "",
                )
            except forms.ValidationError as problems:
                for problem in problems.error_list:
                    field = self.PROBLEM_FIELDS.get(problem.code)
                    self.add_error(field.format(code=code) if field else None, problem)

    def _refuse_stale_publication(self):
        name = self.add_prefix("publication_snapshot")
        current = self.initial["publication_snapshot"]
        touched = any(self.publication_touched(code) for code in LANGUAGE_CODES)
        if not touched or self.data.get(name, "") == current:
            return
        now = ", ".join(
            f"{LANGUAGE_LABELS[code]}: {state_of(self.versions[code])[1]}"
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


class _PostedChoices:
    """The objects the rows of one picker hold, loaded together the first time one is asked."""

    def __init__(self, queryset):
        self.queryset, self.pks, self.found = queryset, set(), None

    def add(self, pk):
        self.pks.add(pk)
        return lambda: self.get(pk)

    def get(self, pk):
        if self.found is None:
            self.found = self.queryset.in_bulk(self.pks)
        return self.found.get(pk)


# Fields that point at another article: they offer and accept only the articles the person may
# see and that are not in the trash (PreloadedAutocompleteMixin in inlines.py).
ARTICLE_LINK_FIELDS = ("link_article", "related")


class PreloadedFormSet(BaseInlineFormSet):
    """Hands each row's related objects (loaded with select_related) to its autocompletes."""

    # Set per request by the inline: the articles its person may link (ARTICLE_LINK_FIELDS).
    linkable_articles = None

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if form.instance.pk:
            for name, field in form.fields.items():
                widget = getattr(field.widget, "widget", field.widget)  # unwrap the +/✎ wrapper
                if isinstance(widget, PreloadedAutocompleteSelect):
                    widget.preloaded = getattr(form.instance, name)
            for name in ARTICLE_LINK_FIELDS:
                self._keep_stored_link(form, name)
        return form

    @cached_property
    def forms(self):
        forms = super().forms
        if self.is_bound:
            self._preload_posted(forms)
        return forms

    def _preload_posted(self, forms):
        """A form shown again (a refused save) labels what each row holds now, new rows
        included, with one query per picker for all rows, made when the first is drawn (never
        for the live preview, which draws none), instead of one per row."""
        loaders = {}
        for form in forms:
            for name, field in form.fields.items():
                widget = getattr(field.widget, "widget", field.widget)
                if not isinstance(widget, PreloadedAutocompleteSelect):
                    continue
                value = str(form[name].value() or "")
                held = widget.preloaded
                if value.isdigit() and (held is None or str(held.pk) != value):
                    if name not in loaders:
                        # (Not a row's own queryset: one may hold its stored hidden link.)
                        queryset = field.queryset
                        if name in ARTICLE_LINK_FIELDS and self.linkable_articles is not None:
                            queryset = self.linkable_articles
                        loaders[name] = _PostedChoices(queryset)
                    widget.load_posted = loaders[name].add(int(value))

    def _keep_stored_link(self, form, name):
        """A link stored before its article went out of sight (unpublished, trashed, linked by
        an editor) stays valid for its own row, so that saving something else is not refused;
        the row names it by number only (picker, row heading, read-only view), as the person
        may not see its title."""
        stored = getattr(form.instance, f"{name}_id", None)
        if stored is None or self.linkable_articles is None or stored in self._linkable(name):
            return
        stand_in = Article(pk=stored)
        setattr(form.instance, name, stand_in)
        field = form.fields.get(name)
        if field is None:  # (read only)
            return
        field.queryset = field.queryset | Article.objects.filter(pk=stored)
        widget = getattr(field.widget, "widget", field.widget)
        if isinstance(widget, PreloadedAutocompleteSelect):
            widget.preloaded = stand_in

    def _linkable(self, name) -> set:
        # One query per formset and field for all its rows, not one per row.
        cache = self.__dict__.setdefault("_linkable_ids", {})
        if name not in cache:
            stored = {getattr(row, f"{name}_id", None) for row in self.get_queryset()} - {None}
            cache[name] = (
                set(self.linkable_articles.filter(pk__in=stored).values_list("pk", flat=True))
                if stored
                else set()
            )
        return cache[name]


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
