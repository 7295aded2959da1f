"""Remove location, camera and personal metadata from images stored before uploads were cleaned:
the photo library, author portraits and ad images (every PhotoField).

Each image's original is read through the storage and rewritten by `images.strip_metadata`, the
function uploads go through. A photo that changes is stored under a new name first, checked,
then the row is pointed at it, and only then is the old file deleted: at every moment the row
names a whole file, and a failure leaves the original as it was (and is reported). The old URL
stops working, which is the point: it is the one that was public. Pages showing the photo are
purged by its save, as after any edit.

The renditions and thumbnail stay: they were made from the same picture turned the same way
(their names do not come from the original's), and Pillow never copied EXIF, XMP or IPTC into
them. Running the command again finds nothing to do.
"""

from contextlib import suppress
from io import BytesIO

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from PIL import Image

from articles import images
from articles.fields import PhotoField
from newsroom.media import STORAGE_ERRORS


class _Failed(Exception):
    pass


class _OldFileKept(Exception):
    """Cleaned, but the old file is still in the storage."""


class Command(BaseCommand):
    help = (
        "Remove GPS positions, camera serial numbers, owner names and other metadata from the "
        "stored originals of photos. Safe to run again: clean photos are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only report which photos would be cleaned; change nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        # Every stored image of every model with a PhotoField, the photo library first.
        fields = sorted(
            (
                (model, field)
                for model in apps.get_models()
                for field in model._meta.fields
                if isinstance(field, PhotoField)
            ),
            key=lambda pair: (pair[0]._meta.label != "articles.Photo", pair[0]._meta.label),
        )
        rows = [
            (model, field, model.objects.exclude(**{field.name: ""}).order_by("pk"))
            for model, field in fields
        ]
        total = sum(queryset.count() for _model, _field, queryset in rows)
        counts = {"cleaned": 0, "clean": 0, "failed": 0}
        items = (
            (model, field, row)
            for model, field, queryset in rows
            for row in queryset.iterator(chunk_size=100)
        )
        for number, (model, field, row) in enumerate(items, start=1):
            name = getattr(row, field.attname).name
            label = model._meta.object_name + ("" if field.name == "image" else f".{field.name}")
            prefix = f"[{number}/{total}] {label} #{row.pk} ({name}):"
            try:
                outcome = self.clean(row, field, dry_run=dry_run)
            except (_Failed, *STORAGE_ERRORS, ValueError, Image.DecompressionBombError) as error:
                # (UncleanableImage is a ValueError.) One bad file must not stop the others.
                counts["failed"] += 1
                self.stderr.write(f"{prefix} FAILED, left as it was: {error}")
                continue
            except _OldFileKept as error:
                counts["failed"] += 1
                self.stderr.write(f"{prefix} FAILED to delete the old file: {error}")
                continue
            if outcome is None:
                counts["clean"] += 1
                self.stdout.write(f"{prefix} already clean")
            else:
                counts["cleaned"] += 1
                self.stdout.write(f"{prefix} {'would be ' if dry_run else ''}cleaned ({outcome})")
        self.summarise(total, counts, dry_run)

    def summarise(self, total, counts, dry_run):
        if not counts["cleaned"] and not counts["failed"]:
            self.stdout.write(
                self.style.SUCCESS(f"Nothing to do: all {total} photo(s) are already clean.")
            )
            return
        verb = "To clean" if dry_run else "Cleaned"
        self.stdout.write(
            f"{verb}: {counts['cleaned']}, already clean: {counts['clean']}, "
            f"failed: {counts['failed']} (of {total})."
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} photo(s) could not be cleaned; see above.")

    def clean(self, row, field, *, dry_run=False):
        """Clean one stored original; return what was done, or None if it was clean."""
        file = getattr(row, field.attname)
        storage, old_name = file.storage, file.name
        with storage.open(old_name, "rb") as file:
            data = file.read()
        stripped = images.strip_metadata(data)
        if not stripped.changed:
            return None
        _check(data, stripped.data)
        done = "removed " + ", ".join(stripped.removed)
        if stripped.reencoded:
            done += f"; pixels encoded again ({stripped.reencoded})"
        if dry_run:
            return done
        new_name = storage.save(field.generate_filename(row, old_name), ContentFile(stripped.data))
        try:
            if storage.size(new_name) != len(stripped.data):
                raise _Failed("the storage did not keep the whole cleaned file")
            with transaction.atomic():
                current = type(row).objects.select_for_update().filter(pk=row.pk)
                if current.values_list(field.attname, flat=True).first() != old_name:
                    raise _Failed("its image was replaced while the command ran")
                setattr(row, field.attname, new_name)
                # Through save(): its signals purge the pages showing the image.
                row.save(update_fields=[field.attname])
        except BaseException:
            with suppress(*STORAGE_ERRORS):  # (the error that brought us here is the one to report)
                storage.delete(new_name)
            raise
        try:
            storage.delete(old_name)
        except STORAGE_ERRORS as error:
            # The row already points at the clean copy; the old file must still go.
            raise _OldFileKept(
                f"{error}. It now uses the clean copy {new_name}; delete {old_name} "
                "from the storage by hand"
            ) from error
        return f"{done}; now {new_name}"


def _check(original: bytes, cleaned: bytes):
    """The cleaned file must decode, and show the picture at the size the original showed it."""
    expected = _displayed_size(original)
    try:
        with Image.open(BytesIO(cleaned)) as image:
            image.load()
            size = image.size
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise _Failed(f"the cleaned file does not decode ({error})") from error
    if size != expected:
        raise _Failed(f"the cleaned file is {size[0]}×{size[1]}, not {expected[0]}×{expected[1]}")


def _displayed_size(data: bytes):
    with Image.open(BytesIO(data)) as image:
        width, height = image.size
        orientation = image.getexif().get(images.ORIENTATION, 1)
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)
