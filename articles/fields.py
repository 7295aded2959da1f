from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
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


def strip_upload(file):
    """Replace a new upload's content with the same picture without its GPS position, camera
    serial, owner and the like, turned upright (articles/images.py): whatever is stored under
    /media/ is public to anyone with its URL."""
    from . import images

    file.open("rb")
    file.seek(0)
    stripped = images.strip_metadata(file.read())
    file.seek(0)
    if stripped.changed:
        file.file = ContentFile(stripped.data, name=file.name)


class PhotoField(models.ImageField):
    """ImageField whose uploads are validated by `validate_image_file` in forms and full_clean,
    and stored without location and device metadata (photos, author portraits, ad images)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhotoFormField, **kwargs})

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            # A second pass over an upload Photo.save already stripped changes nothing.
            strip_upload(file)
        return super().pre_save(model_instance, add)


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
