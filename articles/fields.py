from django import forms
from django.conf import settings
from django.db import models

from .validators import validate_image_file


class PhotoFormField(forms.ImageField):
    """An image upload that says clearly what is wrong with a bad file.

    Django's own ImageField answers every failure with one generic message, and lets Pillow
    decode a decompression bomb before anyone has looked at its size.
    """

    def to_python(self, data):
        if data not in self.empty_values and hasattr(data, "seek"):
            validate_image_file(data)
        return super().to_python(data)


class PhotoField(models.ImageField):
    """ImageField whose uploads are validated by `validate_image_file` in forms and full_clean."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhotoFormField, **kwargs})


class HttpsURLField(models.URLField):
    """A URL field whose form completes "t.me/x" to "https://t.me/x" (Django 6's default)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


def user_stamp(verbose_name):
    """Who created or last changed a row: set by the code, not the form, and emptied (not
    cascaded) when that user is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
