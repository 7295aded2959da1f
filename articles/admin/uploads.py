"""Uploads in the admin when the media storage fails (the S3 server down, a full disk)."""

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from newsroom.media import STORAGE_ERRORS

log = logging.getLogger(__name__)

STORAGE_FAILED = _(
    "The file could not be stored: the media storage is not answering. Nothing was saved; "
    "try again in a few minutes."
)


class StorageErrorsInForm:
    """A ModelAdmin mixin for models with uploads (photos, authors, ad creatives): if the storage
    fails while the object is saved, the form comes back with what was typed and a message saying
    so, instead of a server error. The save runs in the admin's transaction, so nothing of it
    is kept; files already stored for it are removed by the model (articles/mediafiles.py)."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except STORAGE_ERRORS as error:
            if request.method != "POST" or getattr(request, "_storage_failed", False):
                raise
            log.warning("Media storage failed while saving %s: %r", self.opts.label, error)
            # The same request once more, with a form that refuses to save: the page the user
            # gets for any invalid form, with their text in it.
            request._storage_failed = True
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not getattr(request, "_storage_failed", False):
            return form

        class StorageFailedForm(form):
            def clean(self):
                cleaned_data = super().clean()
                raise ValidationError(STORAGE_FAILED, code="storage_failed")
                return cleaned_data  # pragma: no cover

        return StorageFailedForm
