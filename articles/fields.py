from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile

from . import images
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


def _stripped(content):
    """`content` (a File) without location and device metadata: the validator's result if it
    made one for this upload, else stripped now."""
    result = getattr(content, "_stripped", None)
    if result is None:
        content.seek(0)
        result = images.strip_metadata(content.read())
        content.seek(0)
    return result


def strip_upload(file):
    """Replace a new upload's content with the same picture without its GPS position, camera
    serial, owner and the like, turned upright (articles/images.py): whatever is stored under
    /media/ is public to anyone with its URL."""
    file.open("rb")
    stripped = _stripped(file.file)
    if stripped.changed:
        file.file = ContentFile(stripped.data, name=file.name)
    # Clean now: saving it must not strip it again.
    file.file._stripped = images.Stripped(data=stripped.data, removed=())


class PhotoFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        # Every way a file reaches the storage (forms, the ORM, FieldFile.save in commands and
        # the demo seed) goes through here.
        stripped = _stripped(content)
        if stripped.changed:
            content = ContentFile(stripped.data, name=name)
        super().save(name, content, save)


class PhotoField(models.ImageField):
    """ImageField whose uploads are validated by `validate_image_file` in forms and full_clean,
    and stored without location and device metadata (photos, author portraits, ad images)."""

    attr_class = PhotoFieldFile

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
