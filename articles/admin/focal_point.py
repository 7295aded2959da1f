"""The photo form's focal point: a small preview of the photo with a marker on its point of
interest, which the 16:9, 4:3 and 1:1 crops keep in frame (articles/renditions.py).

The editor clicks (or drags on) the preview, or focuses the marker and moves it with the arrow
keys; "Reset to centre" empties it. Behind it are two number inputs (0 to 1 across and down):
what the browser posts, and all there is without the script (admin/newsroom/focal_point.js).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ..models import Photo
from ..renditions import CROPS, best

PREVIEW_WIDTH = 480
MEDIA = forms.Media(
    css={"screen": ["admin/newsroom/focal_point.css"]},
    js=["admin/newsroom/focal_point.js"],
)


def percent(fraction):
    return round(fraction * 100)


def preview_of(photo):
    """(url, width, height) of a small picture of the photo as readers see it, or None."""
    if photo is None or not photo.image:
        return None
    return best(photo, "jpeg", "original", PREVIEW_WIDTH)


def value_text(point):
    """The point in words: what the marker's description and the read-only form say."""
    if point is None:
        return _("Centred: no focal point set.")
    return _("%(x)s%% from the left, %(y)s%% from the top.") % {
        "x": percent(point[0]),
        "y": percent(point[1]),
    }


def _texts():
    # For the script, which only moves the numbers around: the wording stays translatable here.
    return {
        "value": _("%(x)s%% from the left, %(y)s%% from the top."),
        "centred": value_text(None),
    }


class FocalPointWidget(forms.MultiWidget):
    """Two number inputs (across, down) under the preview with its marker."""

    template_name = "admin/articles/photo/focal_point_widget.html"

    def __init__(self, attrs=None):
        number = {"step": "0.01", "min": "0", "max": "1", "class": "focal-point-number"}
        super().__init__([forms.NumberInput(number), forms.NumberInput(number)], attrs)
        # Set per form (PhotoAdminForm): (url, width, height) of the photo's preview, and the id
        # of the file input whose new image replaces it.
        self.preview = None
        self.file_input_id = ""

    @property
    def media(self):
        return MEDIA

    def decompress(self, value):
        return list(value) if value else [None, None]

    def id_for_label(self, id_):
        # The field's label names the marker; the number inputs have labels of their own.
        return f"{id_}_marker" if id_ else ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        values = [sub["value"] for sub in widget["subwidgets"]]
        point = _point(values)
        widget.update(
            marker_id=self.id_for_label(widget["attrs"].get("id", "")),
            preview=self.preview,
            file_input_id=self.file_input_id,
            value_text=value_text(point),
            texts=_texts(),
            crops=[(crop, crop.replace("x", ":")) for crop in CROPS],
        )
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates (Django's form renderer only looks inside apps); the two inputs
        # are written out in the template itself.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))


def _point(values):
    try:
        x, y = (float(value) for value in values)
    except (TypeError, ValueError):
        return None
    return (x, y) if 0 <= x <= 1 and 0 <= y <= 1 else None


class FocalPointField(forms.MultiValueField):
    """(x, y) fractions of the width and height, or None for centred crops."""

    widget = FocalPointWidget
    default_error_messages = {
        "half": _(
            "Give both numbers of the focal point (across and down), or neither for centred crops."
        ),
    }

    def __init__(self, **kwargs):
        number = {"min_value": 0, "max_value": 1, "required": False}
        fields = (
            forms.FloatField(label=_("Across"), **number),
            forms.FloatField(label=_("Down"), **number),
        )
        kwargs.setdefault("required", False)
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or all(value is None for value in data_list):
            return None
        if any(value is None for value in data_list):
            raise ValidationError(self.error_messages["half"], code="half")
        return tuple(data_list)


class PhotoAdminForm(forms.ModelForm):
    """The photo form: the model's two focal point fields as one."""

    focal_point = FocalPointField(label=_("Focal point"))

    class Meta:
        model = Photo
        # Every other field as before: a `fields` list would become the admin's too (the
        # translation admin takes it over) and drop its read-only preview and size.
        exclude = ["focal_x", "focal_y"]  # noqa: DJ006

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        photo = self.instance
        if photo.focal_x is not None and photo.focal_y is not None:
            self.initial.setdefault("focal_point", (photo.focal_x, photo.focal_y))
        field = self.fields.get("focal_point")
        if field is not None:
            field.widget.preview = preview_of(photo) if photo.pk else None
            if "image" in self.fields:
                field.widget.file_input_id = self["image"].auto_id

    def _post_clean(self):
        # The two model fields are not on the form: the instance gets them from this one.
        if "focal_point" in self.cleaned_data:
            point = self.cleaned_data["focal_point"] or (None, None)
            self.instance.focal_x, self.instance.focal_y = point
        super()._post_clean()


def read_only_html(photo):
    """The point on the preview, for those who may see the photo but not change it."""
    point = None
    if photo is not None and photo.focal_x is not None and photo.focal_y is not None:
        point = (photo.focal_x, photo.focal_y)
    return render_to_string(
        "admin/articles/photo/focal_point_readonly.html",
        {"preview": preview_of(photo), "point": point, "value_text": value_text(point)},
    )
