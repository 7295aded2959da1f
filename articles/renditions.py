"""Resized copies of photos, made once on upload and recorded on the photo (`Photo.renditions`).

A page then knows every URL, width and height without a query or any image work: the recorded
names go through `default_storage`, so the files can live on any S3-compatible storage. The
record looks like this (sizes in pixels, storage names rather than URLs, smallest first):

    {"original": {"webp": [[320, 180, "renditions/2026/11/<hex>-320.webp"], …],
                  "jpeg": [[320, 180, "renditions/2026/11/<hex>-320.jpg"], …]},
     "16x9": {"jpeg": [[1200, 675, "…"]]}, "4x3": {"jpeg": […]}, "1x1": {"jpeg": […]}}

"original" keeps the photo's own aspect ratio. The crops are for Google's structured data, which
asks for 16:9, 4:3 and 1:1 images at least 1200 pixels wide, and for link cards and lists: each is
the largest box of its shape, centred on the photo's focal point (`Photo.focal_x`/`focal_y`) as
far as the image allows, or on the middle of a photo without one. Moving the point remakes only
the crops (`remake_crops`), under new names, so no cache or browser keeps showing the old ones.
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
    picture, icc_profile = _source(photo)
    webp_picture, jpeg_picture = _converted(picture)
    base = _new_base()
    data = {}
    try:
        width, height = picture.size
        for fmt, image in (("webp", webp_picture), ("jpeg", jpeg_picture)):
            for target in widths_for(width):
                size = (target, max(1, round(height * target / width)))
                name = f"{base}-{target}.{EXTENSIONS[fmt]}"
                _store(data, "original", fmt, image, size, None, name, icc_profile)
        _store_crops(data, jpeg_picture, base, icc_profile, focal_point(photo))
    except BaseException:
        delete_renditions(data)
        raise
    return data


def remake_crops(photo) -> dict:
    """Make the crops again for the photo's focal point; return a new record for
    `Photo.renditions` with them and the recorded "original" sizes as they are.

    The old crops' files stay until the photo is saved with the new record and committed
    (articles/mediafiles.py); if storing fails halfway, the new ones are removed.
    """
    picture, icc_profile = _source(photo)
    _webp_picture, jpeg_picture = _converted(picture)
    crops = {}
    try:
        _store_crops(crops, jpeg_picture, _new_base(), icc_profile, focal_point(photo))
    except BaseException:
        delete_renditions(crops)
        raise
    # A new dict: mediafiles tells a replaced record by its identity.
    return {**(photo.renditions or {}), **crops}


def focal_point(photo) -> tuple[float, float] | None:
    """(x, y) as fractions of the width and height, or None: centred crops."""
    x, y = getattr(photo, "focal_x", None), getattr(photo, "focal_y", None)
    return None if x is None or y is None else (x, y)


def crop_box(source_size, ratio, focal=None):
    """(box, size): the largest box of exactly `ratio` in an image of `source_size`, centred on
    `focal` ((x, y) fractions, None for the middle) as far as the image allows, and the output
    size: at most CROP_WIDTH wide, a whole multiple of the ratio so the shape is exact."""
    width, height = source_size
    ratio_w, ratio_h = ratio
    if width * ratio_h >= height * ratio_w:
        box_w, box_h = height * ratio_w / ratio_h, height
    else:
        box_w, box_h = width, width * ratio_h / ratio_w
    if focal is None:
        left, top = (width - box_w) / 2, (height - box_h) / 2
    else:
        # Pushed back inside at the edges: a point near one keeps that edge in the crop.
        left = min(max(focal[0] * width - box_w / 2, 0), width - box_w)
        top = min(max(focal[1] * height - box_h / 2, 0), height - box_h)
    # Only a source smaller than the ratio itself (under 16×9 pixels) is enlarged.
    units = max(1, int(min(CROP_WIDTH, box_w) // ratio_w))
    return (left, top, left + box_w, top + box_h), (units * ratio_w, units * ratio_h)


def crop_to_ratio(image, ratio, focal=None):
    """`image` (Pillow) cut to `ratio` around `focal` and resized as the crops are: for any
    picture that needs the same shapes as the photos' crops."""
    box, size = crop_box(image.size, ratio, focal)
    return image.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=REDUCING_GAP)


def delete_renditions(data, keep=None) -> None:
    """Remove the stored files of a rendition record, except those `keep` (another record) still
    names, as every stored file is removed (articles/mediafiles.py): files already gone are no
    error, and a storage that fails (an S3 server down) leaves the rest to be deleted by hand,
    logged — it is called after commit or while another error is raised, neither of which may
    fail on this."""
    from .mediafiles import delete_unused

    kept = set(stored_names(keep))
    delete_unused([], derived=[name for name in stored_names(data) if name not in kept])


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


def _source(photo):
    """(picture, ICC profile): the photo's image as readers see it, with nothing of the file's
    metadata left on it."""
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
    return picture, icc_profile


def _new_base():
    return f"renditions/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


def _store_crops(data, jpeg_picture, base, icc_profile, focal):
    for name, ratio in CROPS.items():
        box, size = crop_box(jpeg_picture.size, ratio, focal)
        _store(
            data, name, "jpeg", jpeg_picture, size, box, f"{base}-{name}-{size[0]}.jpg", icc_profile
        )


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
