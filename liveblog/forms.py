"""The live desk's compact form: one update (new or edited) in one language."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from articles import blocks, richtext
from articles.admin.forms import BlockForm
from articles.admin.inlines import linkable_articles
from articles.models import Author

from .models import LiveUpdateBlock

INTENTS = {"publish", "schedule", "draft", "save"}


class UpdateForm(forms.Form):
    """What the journalist typed. The rules (what an update needs, who may do what) are the
    services'; this only reads the fields, so a refused save shows the text again."""

    update = forms.IntegerField(required=False, widget=forms.HiddenInput)
    edit_count = forms.IntegerField(required=False, widget=forms.HiddenInput)
    headline = forms.CharField(
        label=_("Headline"),
        required=False,
        max_length=200,
        help_text=_("Optional: a few words for a key moment."),
    )
    text = ProseEditorFormField(
        label=_("Text"),
        required=False,
        config={"extensions": richtext.EDITOR_EXTENSIONS},
        help_text=_("Bold, italic, links and lists are kept; other formatting is removed."),
    )
    author = forms.ModelChoiceField(
        label=_("Signed by"), queryset=Author.objects.all(), required=False
    )
    at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Only to schedule an update for later (Kyiv time)."),
    )
    intent = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        intent = data.get("intent") or "publish"
        if intent not in INTENTS:
            intent = "publish"
        if intent == "schedule":
            at = data.get("at")
            if at is None:
                self.add_error("at", _("Give the time to publish the update at."))
            elif at <= timezone.now():
                self.add_error("at", _("That time has passed: publish the update now instead."))
        data["intent"] = intent
        return data


def _raw_id(name):
    return ForeignKeyRawIdWidget(LiveUpdateBlock._meta.get_field(name).remote_field, admin.site)


class UpdateBlockForm(BlockForm):
    """One block of an update: the body's block form (its type first, then only the type's
    fields, the same cleaning and rules through `BlockContent.clean`), with a photo and an
    article given by number (or the admin's lookup), as the desk has no room for pickers."""

    class Meta(BlockForm.Meta):
        model = LiveUpdateBlock
        widgets = {
            **BlockForm.Meta.widgets,
            "photo": _raw_id("photo"),
            "link_article": _raw_id("link_article"),
        }
        help_texts = {
            "photo": _(
                "The number of a photo in the library (Photos, in the menu), or pick it with "
                "the magnifier."
            ),
            "link_article": _(
                "The number of an article, or pick it with the magnifier: readers see the link "
                "only while that article is live in this language."
            ),
        }

    def __init__(self, *args, article=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A "Read also" may not point at the story itself (BlockContent.clean).
        self.instance._article_id = article.pk if article is not None else None
        if user is not None:
            # What may be linked is what the body's picker offers: not a colleague's draft.
            self.fields["link_article"].queryset = linkable_articles(user)
        self.fields["position"].widget.attrs["data-block-position"] = ""

    def content(self) -> dict:
        """The block's fields, as the services take them."""
        return {name: self.cleaned_data.get(name) for name in ("kind", *blocks.CONTENT_FIELDS)}


class BaseUpdateBlockFormSet(forms.BaseFormSet):
    """The update's blocks, in the order of their positions (empty: after the others, in the
    order shown); a block removed or left untouched is not kept."""

    def kept(self) -> list[UpdateBlockForm]:
        rows = [
            (index, form)
            for index, form in enumerate(self.forms)
            if form.has_changed()
            and not self._should_delete_form(form)
            and form.cleaned_data.get("kind")
        ]
        rows.sort(
            key=lambda row: (
                row[1].cleaned_data.get("position") is None,
                row[1].cleaned_data.get("position") or 0,
                row[0],
            )
        )
        return [form for _index, form in rows]


UpdateBlockFormSet = forms.formset_factory(
    UpdateBlockForm, formset=BaseUpdateBlockFormSet, extra=0, can_delete=True
)
BLOCKS_PREFIX = "blocks"


def block_formset(*, article, user, data=None, initial=None):
    if data is not None and f"{BLOCKS_PREFIX}-TOTAL_FORMS" not in data:
        # A post without the blocks' part (an older form, a script of its own): no blocks.
        data = data.copy()
        data.update({f"{BLOCKS_PREFIX}-TOTAL_FORMS": "0", f"{BLOCKS_PREFIX}-INITIAL_FORMS": "0"})
    return UpdateBlockFormSet(
        data,
        initial=initial,
        prefix=BLOCKS_PREFIX,
        form_kwargs={"article": article, "user": user},
    )


def block_initial(block) -> dict:
    """A saved block as the form's initial values (the list items as the editor's list)."""
    values = {name: getattr(block, name) for name in ("kind", "text", "attribution", "url")}
    values.update(
        items=blocks.items_as_list_html(block.items),
        photo=block.photo_id,
        link_article=block.link_article_id,
        position=block.position,
    )
    return values


def posted_initial(data, *, add_kind=""):
    """What was posted, as initial values: the form shown again after "Add block" without
    scripts keeps every block typed so far (and no error for a block not filled in yet)."""
    total = _count(data.get(f"{BLOCKS_PREFIX}-TOTAL_FORMS"))
    rows = []
    for index in range(total):
        prefix = f"{BLOCKS_PREFIX}-{index}-"
        if data.get(f"{prefix}DELETE"):
            continue
        row = {
            name: data.get(f"{prefix}{name}", "")
            for name in ("kind", *blocks.CONTENT_FIELDS, "position")
        }
        if any(row.values()):
            rows.append(row)
    if add_kind in blocks.REGISTRY:
        rows.append({"kind": add_kind})
    return rows


def _count(value) -> int:
    try:
        return max(0, min(int(value), 100))
    except (TypeError, ValueError):
        return 0
