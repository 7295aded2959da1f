"""Resized copies of photos, made once on upload and recorded on the photo (`Photo.renditions`).

A page then knows every URL, width and height without a query or any image work: the recorded
names go through `default_storage`, so the files can live on any S3-compatible storage. The
record looks like this (sizes in pixels, storage names rather than URLs, smallest first):

    {"original": {"webp": [[320, 180, "renditions/2026/11/<hex>-320.webp"], …],
                  "jpeg": [[320, 180, "renditions/2026/11/<hex>-320.jpg"], …]},
     "16x9": {"jpeg": [[1200, 675, "…"]]}, "4x3": {"jpeg": […]}, "1x1": {"jpeg": […]}}

"original" keeps the photo's own aspect ratio; the crops are centred, for Google's structured
data, which asks for 16:9, 4:3 and 1:1 images at least 1200 pixels wide.
"""

import uuid
from contextlib import contextmanager
from functools import lru_cache
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image, ImageOps

WIDTHS = (320, 640, 960, 1280, 1600)
CROPS = {"16x9": (16, 9), "4x3": (4, 3), "1x1": (1, 1)}
CROP_WIDTH = 1200
EXTENSIONS = {"webp": "webp", "jpeg": "jpg"}
# WebP "method" trades encoding time for size: 4 compresses well at a fraction of 6's time.
SAVE_OPTIONS = {
    "webp": {"format": "WEBP", "quality": 80, "method": 4},
    "jpeg": {"format": "JPEG", "quality": 82, "progressive": True, "optimize": True},
}
# Big photos are first reduced cheaply, then resampled with Lanczos: much faster, and from 3.0 on
# Pillow's documentation calls the result indistinguishable from a full pass in most cases.
REDUCING_GAP = 3.0


def widths_for(source_width: int) -> list[int]:
    """The "original" widths for a source this wide: never wider than the source, and the source's
    own width when it falls short of the next standard one, so no photo is left without any."""
    widths = [width for width in WIDTHS if width <= source_width]
    if source_width < WIDTHS[-1] and source_width not in widths:
        widths.append(source_width)
    return widths


def make_renditions(photo) -> dict:
    """Make and store every rendition of `photo.image`; return the record for `Photo.renditions`.

    If storing fails halfway, the files already stored are removed before the error is raised.
    """
    with _open(photo.image) as source:
        # Without its colour profile a wide-gamut camera photo looks dull; a CMYK or grey profile
        # would be wrong on the RGB copies, which browsers then read as sRGB.
        icc_profile = source.info.get("icc_profile") if source.mode in ("RGB", "RGBA") else None
        # Browsers apply the EXIF orientation, so the copies are turned the way readers see it
        # (their own EXIF, with any GPS position in it, is not copied).
        picture = ImageOps.exif_transpose(source)
        picture.load()
        # Nor anything else of the source's: Pillow would write its JPEG comment into every copy.
        picture.info = {}
    webp_picture, jpeg_picture = _converted(picture)
    base = f"renditions/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"
    data = {}
    try:
        width, height = picture.size
        for fmt, image in (("webp", webp_picture), ("jpeg", jpeg_picture)):
            for target in widths_for(width):
                size = (target, max(1, round(height * target / width)))
                name = f"{base}-{target}.{EXTENSIONS[fmt]}"
                _store(data, "original", fmt, image, size, None, name, icc_profile)
        for crop, ratio in CROPS.items():
            box, size = _crop(picture.size, ratio)
            name = f"{base}-{crop}-{size[0]}.jpg"
            _store(data, crop, "jpeg", jpeg_picture, size, box, name, icc_profile)
    except BaseException:
        delete_renditions(data)
        raise
    return data


def delete_renditions(data) -> None:
    """Remove the stored files of a rendition record, as every stored file is removed
    (articles/mediafiles.py): files already gone are no error, and a storage that fails (an S3
    server down) leaves the rest to be deleted by hand, logged — it is called after commit or
    while another error is raised, neither of which may fail on this."""
    from .mediafiles import delete_unused

    delete_unused([], derived=list(stored_names(data)))


def srcset(photo, fmt: str, crop: str = "original") -> str:
    """The `srcset` value for one format and crop: "url 320w, url 640w, …"."""
    # An old photo of unknown width gets its URL alone, which browsers read as "1x".
    return ", ".join(
        f"{url} {width}w" if width else url for url, width, _height in _variants(photo, fmt, crop)
    )


def best(photo, fmt: str, crop: str = "original", width: int = 0):
    """(url, width, height) of the smallest rendition at least `width` wide, else the largest;
    None if the photo has no image at all."""
    variants = _variants(photo, fmt, crop)
    if not variants:
        return None
    return next((variant for variant in variants if variant[1] >= width), variants[-1])


def has(photo, fmt: str, crop: str = "original") -> bool:
    """Whether renditions of this format and crop were recorded (old photos have none)."""
    return bool(_recorded(photo, fmt, crop))


# --- helpers --------------------------------------------------------------------------------


@contextmanager
def _open(field_file):
    """Open a FieldFile for Pillow and leave it as it was found: an upload not yet saved must stay
    open and rewound, because the storage reads it after us; a stored file is closed again."""
    was_closed = field_file.closed
    field_file.open("rb")
    field_file.seek(0)
    try:
        with Image.open(field_file) as image:
            yield image
    finally:
        if was_closed:
            field_file.close()
        else:
            field_file.seek(0)


def _has_alpha(image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def _converted(image):
    """(for WebP, for JPEG): one shared RGB image unless the source is transparent."""
    if not _has_alpha(image):
        rgb = image if image.mode == "RGB" else image.convert("RGB")
        return rgb, rgb
    # WebP keeps the transparency, as the original shows it. JPEG has none, and a plain
    # convert("RGB") would turn transparent areas black: they are laid on white instead.
    rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, (255, 255, 255))
    flat.paste(rgba, mask=rgba.getchannel("A"))
    return rgba, flat


def _crop(source_size, ratio):
    """(box, size): the largest centred box of exactly `ratio` in the source, and the output size:
    at most CROP_WIDTH wide, a whole multiple of the ratio so the shape is exact."""
    width, height = source_size
    ratio_w, ratio_h = ratio
    if width * ratio_h >= height * ratio_w:
        box_w, box_h = height * ratio_w / ratio_h, height
    else:
        box_w, box_h = width, width * ratio_h / ratio_w
    left, top = (width - box_w) / 2, (height - box_h) / 2
    # Only a source smaller than the ratio itself (under 16×9 pixels) is enlarged.
    units = max(1, int(min(CROP_WIDTH, box_w) // ratio_w))
    return (left, top, left + box_w, top + box_h), (units * ratio_w, units * ratio_h)


def _store(data, crop, fmt, image, size, box, name, icc_profile):
    if size != image.size or box is not None:
        image = image.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=REDUCING_GAP)
    buffer = BytesIO()
    options = dict(SAVE_OPTIONS[fmt])
    if icc_profile:
        options["icc_profile"] = icc_profile
    image.save(buffer, **options)
    stored = default_storage.save(name, ContentFile(buffer.getvalue()))
    data.setdefault(crop, {}).setdefault(fmt, []).append([size[0], size[1], stored])


def stored_names(data):
    """Every storage name in a rendition record."""
    for formats in (data or {}).values():
        for variants in formats.values():
            for _width, _height, name in variants:
                yield name


def _recorded(photo, fmt, crop):
    return ((photo.renditions or {}).get(crop) or {}).get(fmt) or []


def _variants(photo, fmt, crop):
    """[(url, width, height), …] smallest first; the original image when nothing is recorded.
    Worked out once per photo instance: a page asks for the hero's several times (its picture,
    the sharing image, the structured data)."""
    known = photo.__dict__.setdefault("_variants", {})
    if (fmt, crop) not in known:
        known[fmt, crop] = _find_variants(photo, fmt, crop)
    return known[fmt, crop]


def _find_variants(photo, fmt, crop):
    recorded = _recorded(photo, fmt, crop)
    if recorded:
        return [(_url(name), width, height) for width, height, name in recorded]
    if not photo.image:
        return []
    return [(photo.image.url, photo.width, photo.height)]


@lru_cache(maxsize=4096)
def _url(name):
    """A stored rendition's URL: its name never changes, and a page lists several. Made by the
    storage without a request (for S3 too: newsroom/storage.py)."""
    return default_storage.url(name)


def forget_urls(*, setting, **kwargs):
    """`setting_changed` (tests): URLs depend on the media storage's settings."""
    if setting in ("STORAGES", "MEDIA_URL"):
        _url.cache_clear()
