"""The newsroom's default share image: what link cards and Google's structured data show for a
page without a photo of its own (an article without a hero photo, the home page, lists).

One source image (`settings.SHARE_IMAGE`, a file of at least 1,200 px in each direction) is cut
into the photos' crops — 16:9, 4:3 and 1:1, 1,200 px wide, Google's sizes — by the same code
(articles/renditions.py) and stored with the media, under names made from the source's content:
every app server finds the same files, and a new source gets new names, so no cache or link
card keeps the old picture. Each process makes or finds them once, on first use.
"""

import hashlib
import logging
import time
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

from . import renditions

logger = logging.getLogger(__name__)

# A storage that failed is asked again after this long, not on every page.
RETRY_AFTER = 60
_found: dict[str, tuple[float, "ShareImage | None"]] = {}


class ShareImage:
    """Stands in for a photo wherever renditions are read (`renditions.best`)."""

    image = None

    def __init__(self, record):
        self.renditions = record

    @property
    def alt_text(self):
        return settings.SITE_NAME


def default() -> ShareImage | None:
    """The default share image, or None when none is set or its files cannot be made now (the
    page then goes without an image: never an error page for this)."""
    source = str(settings.SHARE_IMAGE or "")
    if not source:
        return None
    checked_at, found = _found.get(source, (None, None))
    if found is None and (checked_at is None or time.monotonic() - checked_at > RETRY_AFTER):
        try:
            found = ShareImage(_crops(Path(source)))
        except Exception:
            logger.exception("The default share image %s could not be made", source)
        _found[source] = (time.monotonic(), found)
    return found


def _crops(source: Path) -> dict:
    data = source.read_bytes()
    # Eight bytes of the content's hash: the same source, the same names, on every server.
    base = f"share/{hashlib.sha256(data).hexdigest()[:16]}"
    with Image.open(BytesIO(data)) as image:
        picture = ImageOps.exif_transpose(image)
        picture.load()
    picture.info = {}
    if min(picture.size) < renditions.CROP_WIDTH:
        raise ValueError(
            f"{source} is {picture.width}×{picture.height} px: the share image needs at least "
            f"{renditions.CROP_WIDTH} px in each direction for 1,200-px crops."
        )
    _webp, jpeg_picture = renditions._converted(picture)
    record = {}
    for crop, ratio in renditions.CROPS.items():
        box, size = renditions.crop_box(jpeg_picture.size, ratio)
        name = f"{base}-{crop}-{size[0]}.jpg"
        if default_storage.exists(name):
            record[crop] = {"jpeg": [[size[0], size[1], name]]}
        else:
            # Two servers making it at once each store a copy, and each names its own.
            renditions._store(record, crop, "jpeg", jpeg_picture, size, box, name, None)
    return record


def forget(*, setting, **kwargs):
    """`setting_changed` (tests): the files depend on the source and on the media storage."""
    if setting in ("SHARE_IMAGE", "STORAGES", "MEDIA_ROOT", "MEDIA_URL"):
        _found.clear()
