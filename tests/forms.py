"""Submit an admin form the way a browser does: every field as the page rendered it."""

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields = {}
        self._select = None
        self._select_first = None
        self._select_multiple = False
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind == "checkbox" and "checked" in attrs and name in self.fields:
                # Several ticked boxes of one name (a multiple choice) submit every value.
                values = self.fields[name]
                self.fields[name] = [*(values if isinstance(values, list) else [values])]
                self.fields[name].append(attrs.get("value", "on"))
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.fields[name] = attrs.get("value", "on")
                return
            self.fields[name] = attrs.get("value", "")
        elif tag == "select" and name:
            self._select, self._select_first = name, None
            self._select_multiple = "multiple" in attrs
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs:
                if self._select_multiple:
                    self.fields.setdefault(self._select, []).append(value)
                else:
                    self.fields[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            # A select with nothing selected submits its first option; a multiple one, nothing.
            if not self._select_multiple:
                self.fields.setdefault(self._select, self._select_first or "")
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            # The first newline after <textarea> belongs to the markup, not the value.
            value = self.fields[self._textarea] + data
            self.fields[self._textarea] = value.removeprefix("\n")


def form_data(response) -> dict:
    """The fields of the rendered page's form, minus the templates for new inline rows."""
    parser = _FormFields()
    parser.feed(response.content.decode())
    return {k: v for k, v in parser.fields.items() if "__prefix__" not in k}
