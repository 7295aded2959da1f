"""The live desk's compact form: one update (new or edited) in one language."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from articles import richtext
from articles.models import Author, Photo

from .models import LiveUpdate

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
    photo = forms.ModelChoiceField(
        label=_("Photo"),
        queryset=Photo.objects.all(),
        required=False,
        widget=ForeignKeyRawIdWidget(LiveUpdate._meta.get_field("photo").remote_field, admin.site),
        help_text=_("Optional: the number of a photo in the library (Photos, in the menu)."),
    )
    embed_url = forms.URLField(
        label=_("Embed link"),
        required=False,
        assume_scheme="https",
        max_length=500,
        help_text=_("Optional: a post on X (Twitter), Telegram or YouTube."),
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
