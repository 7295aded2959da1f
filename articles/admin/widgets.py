"""Widgets of the article form."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect
from django.urls import reverse


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete whose chosen option is labelled from the object the row already holds,
    instead of one query per row (Django's widget looks each value up again)."""

    preloaded = None
    # Set by the formset for a row shown again with another choice: loads it along with the
    # other rows' (PreloadedFormSet._preload_posted), so new rows cost no query each either.
    load_posted = None

    def held(self):
        return self.load_posted() if self.load_posted is not None else self.preloaded

    def optgroups(self, name, value, attr=None):
        obj = self.held()
        chosen = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if obj is None or chosen != [str(obj.pk)]:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(obj)
        options.append(self.create_option(name, obj.pk, label, True, len(options)))
        return [(None, options, 0)]


class PhotoAutocompleteSelect(PreloadedAutocompleteSelect):
    """A photo picker that shows each photo's thumbnail beside its caption, in the suggestions
    (from `PhotoAutocompleteJsonView`) and in the chosen value: captions alone ("Kyiv, a
    street") do not tell two photos apart."""

    def get_url(self):
        return reverse(f"{self.admin_site.name}:articles_photo_autocomplete")

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-photo-picker"] = "1"
        return attrs

    def optgroups(self, name, value, attr=None):
        chosen = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        obj = self.held()
        if obj is not None and chosen == [str(obj.pk)]:
            photos = [obj]
        else:
            photos = list(self.choices.queryset.using(self.db).filter(pk__in=chosen))
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for photo in photos:
            label = self.choices.field.label_from_instance(photo)
            option = self.create_option(name, photo.pk, label, True, len(options))
            if photo.thumbnail:
                option["attrs"]["data-thumbnail"] = photo.thumbnail.url
            options.append(option)
        return [(None, options, 0)]

    @property
    def media(self):
        # One list, so that the script comes after Django's autocomplete.js, which it wraps.
        return forms.Media(
            css={
                "screen": [*super().media._css.get("screen", []), "admin/newsroom/photo_picker.css"]
            },
            js=[*super().media._js, "admin/newsroom/photo_picker.js"],
        )
