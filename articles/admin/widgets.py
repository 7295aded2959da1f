"""Widgets of the article form."""

from django.contrib.admin.widgets import AutocompleteSelect


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
