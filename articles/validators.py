"""Validation of uploaded photos.

Pillow is asked about the file before anything is decoded: a file that only claims to be an image,
a truncated one and a decompression bomb (tiny file, gigantic pixel count) must each be refused
with a message a journalist understands, not crash a worker or fill its memory.
"""

import struct
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from . import images

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image_file(file) -> tuple[int, int] | None:
    """Raise ValidationError unless `file` is a whole, reasonably sized JPEG/PNG/WebP/GIF.

    Returns (width, height); None for a file already stored, which was checked when it was
    uploaded: reading it again would download it from S3 on every save of a caption, and fail
    while the S3 server is down.
    """
    if getattr(file, "_committed", False):
        return None
    size = getattr(file, "size", None)
    if size is not None and size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; photos may be at most %(limit)s."),
            code="file_too_large",
            params={
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.PHOTO_MAX_BYTES),
            },
        )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb check only warns below twice its limit; ours is stricter.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(file)
    except Image.DecompressionBombError:
        raise _too_many_pixels(None, None) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise ValidationError(
            _(
                "This file is not an image that can be read. Upload a JPEG, PNG, WebP or GIF "
                "photo (a file renamed to .jpg is not a photo)."
            ),
            code="not_an_image",
        ) from None
    width, height = image.size
    if image.format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("%(format)s images are not accepted. Upload a JPEG, PNG, WebP or GIF photo."),
            code="bad_format",
            params={"format": image.format},
        )
    if width * height > settings.PHOTO_MAX_PIXELS:
        raise _too_many_pixels(width, height)
    _check_animation(image, width, height)
    try:
        # Decoding every pixel is the only way to find a file cut short in transfer.
        image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise _damaged() from None
    finally:
        file.seek(0)
    _check_strippable(file)
    return width, height


def _check_strippable(file):
    """The file must also come out of metadata stripping, which stores it (an animation cut
    short in a later frame passes the first frame's decoding, not this). The result is kept
    on the upload, so saving it does not strip it a second time."""
    try:
        file._stripped = images.strip_metadata(file.read())
    except images.UncleanableImage:
        raise _damaged() from None
    finally:
        file.seek(0)


def _check_animation(image, width, height):
    """Refuse an animation too long or too big to decode, before any frame is decoded.

    Pillow counts GIF frames by skipping from one frame's header to the next without decoding
    them, and reads the count of WebP and APNG frames from their headers: a 6000×6000 GIF of 30
    frames is counted in milliseconds. Only the first frame is ever decoded here and for the
    renditions; the limit protects readers' browsers, which decode every frame.
    """
    try:
        frames = getattr(image, "n_frames", 1)  # (it leaves the image at its first frame)
    except (EOFError, OSError, ValueError, SyntaxError, struct.error):
        raise _damaged() from None
    if frames > settings.PHOTO_MAX_FRAMES:
        raise ValidationError(
            _(
                "The animation has %(frames)s frames; at most %(limit)s are allowed. Shorten it, "
                "or embed it as a video."
            ),
            code="too_many_frames",
            params={"frames": frames, "limit": settings.PHOTO_MAX_FRAMES},
        )
    if width * height * frames > settings.PHOTO_MAX_TOTAL_PIXELS:
        raise ValidationError(
            _(
                "The animation is %(width)s×%(height)s pixels in %(frames)s frames, more than the "
                "%(limit)s megapixels allowed for all frames together. Make it smaller or "
                "shorter."
            ),
            code="animation_too_large",
            params={
                "width": width,
                "height": height,
                "frames": frames,
                "limit": f"{settings.PHOTO_MAX_TOTAL_PIXELS / 1_000_000:g}",
            },
        )


def _damaged():
    return ValidationError(
        _(
            "The image is damaged or incomplete (the file may have been cut short while "
            "uploading). Upload it again or export it once more."
        ),
        code="truncated_image",
    )


def _too_many_pixels(width, height):
    limit = f"{settings.PHOTO_MAX_PIXELS / 1_000_000:g}"
    if width and height:
        return ValidationError(
            _(
                "The image is %(width)s×%(height)s pixels, more than the %(limit)s megapixels "
                "allowed. Reduce it before uploading."
            ),
            code="too_many_pixels",
            params={"width": width, "height": height, "limit": limit},
        )
    return ValidationError(
        _("The image has more than %(limit)s megapixels. Reduce it before uploading."),
        code="too_many_pixels",
        params={"limit": limit},
    )
