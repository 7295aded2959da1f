"""(Re)make the recorded renditions of photos: after a change of sizes or formats, or for photos
uploaded before renditions existed (`--missing-only`). The crops are cut around each photo's focal
point, as on upload (articles/renditions.py).

Each photo is done in its own transaction; its old files are removed only once the new set is
saved, so pages keep working while it runs. Running it twice leaves the same state.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from PIL import Image

from articles import renditions
from articles.models import Photo
from newsroom.media import STORAGE_ERRORS


class Command(BaseCommand):
    help = "Make the resized copies (renditions) of every photo, or only of those that have none."

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing-only",
            action="store_true",
            help="Only photos without renditions (uploaded before they existed).",
        )

    def handle(self, *args, missing_only=False, **options):
        photos = Photo.objects.exclude(image="").order_by("pk")
        if missing_only:
            photos = photos.filter(renditions={})
        done = failed = 0
        for photo in photos.iterator(chunk_size=100):
            try:
                self.remake(photo)
            except (*STORAGE_ERRORS, ValueError, Image.DecompressionBombError) as error:
                # A missing or unreadable file (or a storage failing on it) must not stop the
                # others.
                failed += 1
                self.stderr.write(f"Photo #{photo.pk} ({photo.image.name}): {error}")
            else:
                done += 1
        self.stdout.write(self.style.SUCCESS(f"Renditions made for {done} photo(s)."))
        if failed:
            self.stdout.write(self.style.WARNING(f"{failed} photo(s) could not be read."))

    @staticmethod
    def remake(photo):
        with transaction.atomic():
            photo.renditions = renditions.make_renditions(photo)
            try:
                # The old files go once this is committed (articles/mediafiles.py).
                photo.save(update_fields=["renditions"])
            except BaseException:
                renditions.delete_renditions(photo.renditions)
                raise
