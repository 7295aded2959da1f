"""Stored files follow their rows: a replaced or cleared file (a photo's renditions made again
included), and every file of a deleted row (a photo's original, thumbnail and renditions; an
author's portrait; an ad's images), is deleted from the storage once the change is committed.

Uploaded files are public at their URL for as long as they exist, on the local disk as on S3:
a photo taken down must stop being served, and a bucket must not fill with files nothing
points at. Deleting only after the commit keeps a rolled-back change pointing at whole files.
A name still used by another row (a restored backup, a row copied by hand) is left alone.
A storage that fails then (an S3 server down) is logged with the names left to delete.
"""

import logging

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import FileField
from django.db.models.signals import post_delete, post_init, post_save

from newsroom.media import STORAGE_ERRORS

log = logging.getLogger(__name__)

# The instance attribute holding the file names as last loaded or saved.
_KNOWN = "_stored_file_names"
_KNOWN_RENDITIONS = "_stored_renditions"
# The models whose rows may name a file (filled by connect()).
_FILE_MODELS = []


def file_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, FileField)]


def connect(models):
    """Follow the files of every model among `models` that has file fields."""
    models = [model for model in models if file_fields(model)]
    for model in models:
        uid = f"mediafiles-{model._meta.label}"
        post_init.connect(_remember, sender=model, dispatch_uid=f"{uid}-init")
        post_save.connect(_delete_replaced, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_delete_all, sender=model, dispatch_uid=f"{uid}-delete")
    _FILE_MODELS[:] = models


def discard_new_files(instance):
    """Delete at once what was stored for `instance` since it was loaded or saved, when saving
    it failed: its row does not name those files, so nothing would ever find them again."""
    known = instance.__dict__.get(_KNOWN, {})
    for field in file_fields(type(instance)):
        file = getattr(instance, field.attname)
        if file and getattr(file, "_committed", False) and file.name != known.get(field.attname):
            delete_unused([], derived=[file.name])


def _names(instance, only=None):
    """{attname: stored name} of the file fields loaded on `instance` (deferred ones are not)."""
    names = {}
    for field in file_fields(type(instance)):
        if field.attname in instance.__dict__ and (only is None or field.name in only):
            value = instance.__dict__[field.attname]
            names[field.attname] = (getattr(value, "name", value) or "") if value else ""
    return names


def _remember(sender, instance, **kwargs):
    instance.__dict__[_KNOWN] = _names(instance)
    if "renditions" in instance.__dict__:
        # A photo's record of renditions (articles/renditions.py) is replaced, never changed
        # in place: the object itself tells whether it was.
        instance.__dict__[_KNOWN_RENDITIONS] = instance.__dict__["renditions"]


def _delete_replaced(sender, instance, raw=False, using=None, update_fields=None, **kwargs):
    from .renditions import stored_names

    if raw:
        return
    known = instance.__dict__.get(_KNOWN, {})
    # With update_fields, only those fields reached the database.
    now = _names(instance, only=update_fields)
    gone = [name for attname, name in known.items() if name and now.get(attname, name) != name]
    instance.__dict__[_KNOWN] = {**known, **now}
    derived = []
    if _KNOWN_RENDITIONS in instance.__dict__ and (
        update_fields is None or "renditions" in update_fields
    ):
        old, current = instance.__dict__[_KNOWN_RENDITIONS], instance.renditions
        if old is not current:
            derived = sorted(set(stored_names(old)) - set(stored_names(current)))
            instance.__dict__[_KNOWN_RENDITIONS] = current
    if gone or derived:
        _after_commit(gone, using, derived=derived)


def _delete_all(sender, instance, using=None, **kwargs):
    from .models import Photo
    from .renditions import stored_names

    names = [name for name in _names(instance).values() if name]
    # Rendition names are made for one photo only (articles/renditions.py): no row to check.
    derived = list(stored_names(instance.renditions)) if isinstance(instance, Photo) else []
    if names or derived:
        _after_commit(names, using, derived=derived)


def _after_commit(names, using, derived=()):
    transaction.on_commit(lambda: delete_unused(names, derived=derived), using=using, robust=True)


def delete_unused(names, derived=()):
    """Delete each of `names` from the storage unless a row still names it, and `derived`."""
    for name in [*names, *derived]:
        if name not in derived and _still_used(name):
            continue
        try:
            default_storage.delete(name)
        except FileNotFoundError:
            pass
        except STORAGE_ERRORS as error:
            log.warning("Media file %s left in the storage (delete it by hand): %s", name, error)


def _still_used(name):
    for model in _FILE_MODELS:
        for field in file_fields(model):
            if model._base_manager.filter(**{field.name: name}).exists():
                return True
    return False
