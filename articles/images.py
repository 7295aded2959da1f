"""What is left of a photo file once it is published: the picture, nothing about who took it where.

Cameras and phones write far more into a file than the picture: the GPS position (EXIF and XMP),
the camera's make, model and serial number, the owner's name, maker notes, a thumbnail of the
uncropped shot, IPTC location fields, editing history. The original is served to anyone with its
URL, so `strip_metadata` keeps only what a browser needs to show the picture as intended:

- the image data itself, byte for byte (JPEG, PNG, WebP and GIF are rewritten segment by
  segment, never recompressed for this);
- the ICC colour profile (without it a wide-gamut photo looks dull), PNG's colour and
  transparency chunks, WebP's and APNG's animation chunks, GIF's looping extension.

Everything else is dropped: an allow-list, because vendors put positions and serial numbers in
places no deny-list keeps up with. Credit and caption belong in `Photo.credit`/`caption`.

The EXIF orientation is applied, since the tag that told browsers to turn the picture goes with
the rest; that alone needs the pixels re-encoded (JPEG with the file's own quantisation tables,
PNG and lossless WebP losslessly, lossy WebP at quality 95). A file whose structure cannot be
followed is re-encoded by Pillow the same way, then rewritten like any other.
"""

import struct
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from PIL import Image, ImageOps, ImageSequence, JpegImagePlugin

ORIENTATION = 0x0112
WEBP_LOSSY_QUALITY = 95


class UncleanableImage(ValueError):
    """The file is not a JPEG, PNG, WebP or GIF that Pillow can decode."""


@dataclass(frozen=True)
class Stripped:
    data: bytes
    # What was taken out, for reports: "EXIF", "XMP", "IPTC", "comment", "thumbnail", …
    removed: tuple[str, ...]
    # Why the pixels were encoded again ("turned upright", or a structure that could not be
    # followed); empty when they are the original bytes.
    reencoded: str = ""

    @property
    def changed(self) -> bool:
        return bool(self.removed or self.reencoded)


def strip_metadata(data: bytes) -> Stripped:
    """Remove location, device and personal metadata from an image file's bytes.

    Idempotent: the result of a cleaned file is the same bytes, with nothing removed. Raises
    UncleanableImage for a format other than JPEG/PNG/WebP/GIF or a file Pillow cannot decode.
    """
    rewrite = _REWRITERS.get(_kind(data))
    if rewrite is None:
        raise UncleanableImage("not a JPEG, PNG, WebP or GIF file")
    try:
        out, removed = rewrite(data)
        reencoded = ""
    except _Malformed as error:
        removed, reencoded = set(), f"a file structure not followed: {error}"
    upright = _orientation(data) not in (None, 1)
    if upright:
        removed.add("EXIF")
        reencoded = "turned upright"
    if reencoded:
        # Pillow's own output is followed without fail; what it drops was reported above.
        out, _found = rewrite(_encode(data, transpose=upright))
    return Stripped(out, tuple(sorted(removed)), reencoded)


# --- format detection and re-encoding -------------------------------------------------------


class _Malformed(UncleanableImage):
    """A structure the rewriters cannot follow; Pillow may still decode the file."""


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _kind(data: bytes) -> str | None:
    if data[:3] == b"\xff\xd8\xff":
        return "JPEG"
    if data[:8] == PNG_SIGNATURE:
        return "PNG"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def _open(data: bytes):
    try:
        image = Image.open(BytesIO(data))
    except Exception as error:  # Pillow raises many kinds for a broken file.
        raise UncleanableImage(f"Pillow cannot read it: {error}") from error
    return image


def _orientation(data: bytes) -> int | None:
    try:
        with Image.open(BytesIO(data)) as image:
            return image.getexif().get(ORIENTATION)
    except Exception:
        # A broken file or broken EXIF: the rewrite decides (it drops the EXIF anyway).
        return None


def _encode(data: bytes, *, transpose: bool) -> bytes:
    """The picture encoded again by Pillow (turned the way its EXIF orientation says if
    `transpose`), with its colour profile and transparency but nothing else of the file's."""
    with _open(data) as image:
        fmt = image.format
        icc_profile = image.info.get("icc_profile")
        buffer = BytesIO()
        try:
            if getattr(image, "n_frames", 1) > 1:
                _encode_animation(image, fmt, data, buffer, transpose=transpose)
            else:
                picture = ImageOps.exif_transpose(image) if transpose else image.copy()
                # Pillow writes the source's comment into the copy unless its info is emptied.
                kept = ("transparency",)
                picture.info = {key: image.info[key] for key in kept if key in image.info}
                options = _save_options(image, fmt, data, transposed=transpose)
                if icc_profile:
                    options["icc_profile"] = icc_profile
                picture.save(buffer, fmt, **options)
        except (EOFError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
            raise UncleanableImage(f"Pillow cannot decode it: {error}") from error
    return buffer.getvalue()


def _save_options(image, fmt, data, *, transposed):
    if fmt == "JPEG":
        # The file's own quantisation tables: the closest Pillow comes to its original quality,
        # so turning a photo upright costs as little as one more JPEG generation can.
        sampling = JpegImagePlugin.get_sampling(image)
        if transposed and sampling == 1 and image.getexif().get(ORIENTATION, 1) >= 5:
            sampling = 0  # 4:2:2 turned by 90° would be 4:4:0, which Pillow cannot write.
        options = {"qtables": image.quantization, "subsampling": sampling}
        if image.info.get("progressive") or image.info.get("progression"):
            options["progressive"] = True
        return options
    if fmt == "WEBP":
        return _webp_options(data)
    return {}


def _webp_options(data):
    """A lossless WebP stays lossless; a lossy one is encoded at a high quality."""
    kinds = set()
    try:
        for kind, payload in _riff_chunks(data, 12, len(data)):
            kinds.add(kind)
            if kind == b"ANMF":
                kinds.update(inner for inner, _p in _riff_chunks(payload, 16, len(payload)))
    except _Malformed:
        pass
    if b"VP8L" in kinds:
        return {"lossless": True, "quality": 100, "method": 4, "exact": True}
    return {"quality": WEBP_LOSSY_QUALITY, "method": 4}


def _encode_animation(image, fmt, data, buffer, *, transpose):
    """Every frame again (an animated PNG or WebP with an orientation tag: no camera writes one,
    but a file may say so). Bounded like an upload, since every frame is decoded here."""
    width, height = image.size
    if width * height * image.n_frames > settings.PHOTO_MAX_TOTAL_PIXELS:
        raise UncleanableImage("an animation too large to encode again")
    orientation = image.getexif().get(ORIENTATION, 1) if transpose else 1
    frames, durations = [], []
    for frame in ImageSequence.Iterator(image):
        durations.append(frame.info.get("duration", 100))
        picture = _turn(frame.convert("RGBA"), orientation)
        picture.info = {}
        frames.append(picture)
    options = {"save_all": True, "append_images": frames[1:], "duration": durations}
    options["loop"] = image.info.get("loop", 0)
    if image.info.get("icc_profile"):
        options["icc_profile"] = image.info["icc_profile"]
    if fmt == "WEBP":
        options.update(_webp_options(data))
    frames[0].save(buffer, fmt, **options)


# What each EXIF orientation asks of the stored picture (as in ImageOps.exif_transpose).
_TURNS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _turn(picture, orientation):
    method = _TURNS.get(orientation)
    return picture if method is None else picture.transpose(method)


# --- JPEG -----------------------------------------------------------------------------------
# Kept: the coding segments (frames, tables, scans), JFIF (without its thumbnail), the ICC
# profile (APP2 "ICC_PROFILE") and Adobe's APP14 (it says how CMYK/YCCK data is to be read).
# Dropped: every other APPn (EXIF, XMP and extended XMP in APP1, MPF and FlashPix in APP2, IPTC
# in APP13, vendors' own), comments, and whatever follows the end of the image (phones append
# second pictures, depth maps and videos there).

SOI, EOI, SOS = 0xD8, 0xD9, 0xDA
STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and RST0-7 carry no length
APP1_KINDS = {b"Exif\x00": "EXIF", b"http://ns.adobe.com/xap/1.0/\x00": "XMP"}


def _rewrite_jpeg(data):
    out = [data[:2]]
    removed = set()
    pos = 2
    size = len(data)
    while True:
        # Markers may be padded with any number of 0xFF; anything else between segments is
        # garbage that decoders skip as well.
        start = data.find(b"\xff", pos)
        if start < 0:
            raise _Malformed("no end of image")
        pos = start
        while pos < size and data[pos] == 0xFF:
            pos += 1
        if pos >= size:
            raise _Malformed("cut short")
        marker = data[pos]
        pos += 1
        if marker == EOI:
            out.append(b"\xff\xd9")
            if pos < size:
                removed.add("trailing data")
            break
        if marker == 0x00 or marker in STANDALONE:
            continue  # stray stuffing or a restart marker outside a scan: nothing to keep
        if pos + 2 > size:
            raise _Malformed("cut short")
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        end = pos + length
        if length < 2 or end > size:
            raise _Malformed("segment runs past the end")
        segment = data[pos - 2 : end]
        payload = data[pos + 2 : end]
        kept = _jpeg_segment(marker, payload, segment, removed)
        if kept is not None:
            out.append(kept)
        pos = end
        if marker == SOS:
            pos = _end_of_scan(data, pos)
            out.append(data[end:pos])
    return b"".join(out), removed


def _jpeg_segment(marker, payload, segment, removed):
    """The segment to keep (possibly shortened), or None; what is dropped goes into `removed`."""
    if marker == 0xFE:
        removed.add("comment")
        return None
    if not 0xE0 <= marker <= 0xEF:
        return segment
    if marker == 0xE0 and payload.startswith(b"JFIF\x00") and len(payload) >= 14:
        if payload[12] or payload[13] or len(payload) > 14:
            removed.add("thumbnail")
            body = payload[:12] + b"\x00\x00"
            return b"\xff\xe0" + struct.pack(">H", len(body) + 2) + body
        return segment
    if marker == 0xE2 and payload.startswith(b"ICC_PROFILE\x00"):
        return segment
    if marker == 0xEE and payload.startswith(b"Adobe"):
        return segment
    if marker == 0xE1:
        kind = next((k for p, k in APP1_KINDS.items() if payload.startswith(p)), None)
        if payload.startswith(b"http://ns.adobe.com/xmp/extension/\x00"):
            kind = "XMP"
        removed.add(kind or "APP1")
    elif marker == 0xED:
        removed.add("IPTC")
    elif marker == 0xE0:
        removed.add("thumbnail" if payload.startswith(b"JFXX\x00") else "APP0")
    else:
        removed.add(f"APP{marker - 0xE0}")
    return None


def _end_of_scan(data, pos):
    """Where the entropy-coded data after a scan header ends: at the first marker that is neither
    a stuffed 0xFF00 nor a restart marker."""
    size = len(data)
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= size:
            raise _Malformed("scan cut short")
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            pos += 1
            continue
        return pos


# --- PNG ------------------------------------------------------------------------------------
# Kept: the picture, its palette and transparency, colour (gamma, chromaticities, sRGB, ICC,
# the HDR chunks), pixel size and APNG's animation chunks. Dropped: text (tEXt, zTXt, iTXt —
# XMP lives in iTXt), eXIf, the modification time and any private chunk.

PNG_KEPT = {
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB",
    b"cICP", b"mDCV", b"cLLI", b"bKGD", b"hIST", b"pHYs", b"acTL", b"fcTL", b"fdAT",
}  # fmt: skip
PNG_KINDS = {b"eXIf": "EXIF", b"tEXt": "text", b"zTXt": "text", b"iTXt": "text", b"tIME": "time"}
IEND_CHUNK = b"\x00\x00\x00\x00IEND\xae\x42\x60\x82"


def _rewrite_png(data):
    out = [PNG_SIGNATURE]
    removed = set()
    pos, size = 8, len(data)
    while True:
        if pos == size:
            # Cut off after a whole chunk: decoders stop there too.
            out.append(IEND_CHUNK)
            break
        if pos + 12 > size:
            raise _Malformed("chunk cut short")
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 12 + length
        if end > size:
            raise _Malformed("chunk runs past the end")
        if kind in PNG_KEPT:
            out.append(data[pos:end])
        elif kind == b"iTXt" and b"XML:com.adobe.xmp" in data[pos + 8 : pos + 30]:
            removed.add("XMP")
        else:
            removed.add(PNG_KINDS.get(kind, kind.decode("latin-1")))
        pos = end
        if kind == b"IEND":
            if pos < size:
                removed.add("trailing data")
            break
    return b"".join(out), removed


# --- WebP -----------------------------------------------------------------------------------
# Kept: VP8X (its EXIF and XMP flags cleared), ICCP, ANIM, and the frames: ANMF (with only their
# image chunks), ALPH, VP8, VP8L. Dropped: EXIF, XMP and unknown chunks.

WEBP_IMAGE = {b"ALPH", b"VP8 ", b"VP8L"}
WEBP_KEPT = {b"VP8X", b"ICCP", b"ANIM", b"ANMF", *WEBP_IMAGE}
VP8X_EXIF, VP8X_XMP = 0x08, 0x04


def _rewrite_webp(data):
    (riff_size,) = struct.unpack("<I", data[4:8])
    end = min(len(data), 8 + riff_size)
    removed = set() if end == len(data) else {"trailing data"}
    chunks = []
    for kind, payload in _riff_chunks(data, 12, end):
        if kind not in WEBP_KEPT:
            removed.add({b"EXIF": "EXIF", b"XMP ": "XMP"}.get(kind, kind.decode("latin-1")))
            continue
        if kind == b"VP8X" and len(payload) >= 10:
            payload = bytes([payload[0] & ~(VP8X_EXIF | VP8X_XMP) & 0xFF]) + payload[1:]
        elif kind == b"ANMF" and len(payload) >= 16:
            inner = [(k, p) for k, p in _riff_chunks(payload, 16, len(payload))]
            if any(k not in WEBP_IMAGE for k, _p in inner):
                removed.add("frame metadata")
            payload = payload[:16] + b"".join(_chunk(k, p) for k, p in inner if k in WEBP_IMAGE)
        chunks.append(_chunk(kind, payload))
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body, removed


def _riff_chunks(data, pos, end):
    while pos < end:
        if pos + 8 > end:
            raise _Malformed("chunk cut short")
        kind, length = struct.unpack("<4sI", data[pos : pos + 8])
        stop = pos + 8 + length
        if stop > end:
            raise _Malformed("chunk runs past the end")
        yield kind, data[pos + 8 : stop]
        pos = stop + (length & 1)


def _chunk(kind, payload):
    return kind + struct.pack("<I", len(payload)) + payload + (b"\x00" if len(payload) & 1 else b"")


# --- GIF ------------------------------------------------------------------------------------
# Kept: the screen and colour tables, every frame, graphic control (timing, transparency) and
# plain-text extensions, and the application extensions for looping and the ICC profile.
# Dropped: comments, XMP and every other application extension.

GIF_APPLICATIONS = {b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012"}


def _rewrite_gif(data):
    size = len(data)
    if size < 13:
        raise _Malformed("cut short")
    pos = 13 + _colour_table(data[10])
    out = [data[:pos]]
    removed = set()
    while True:
        if pos >= size:
            out.append(b";")  # a missing trailer, as many encoders leave it
            break
        block = data[pos]
        if block == 0x3B:
            out.append(b";")
            if pos + 1 < size:
                removed.add("trailing data")
            break
        if block == 0x2C:
            if pos + 10 > size:
                raise _Malformed("frame cut short")
            start = pos
            pos += 10 + _colour_table(data[pos + 9]) + 1  # descriptor, colour table, LZW size
            pos = _skip_sub_blocks(data, pos)
            out.append(data[start:pos])
        elif block == 0x21:
            if pos + 2 > size:
                raise _Malformed("extension cut short")
            label, start = data[pos + 1], pos
            pos = _skip_sub_blocks(data, pos + 2)
            application = data[start + 3 : start + 14] if label == 0xFF else None
            if label in (0xF9, 0x01) or application in GIF_APPLICATIONS:
                out.append(data[start:pos])
            elif label == 0xFF:
                removed.add("XMP" if application == b"XMP DataXMP" else "application data")
            else:
                removed.add("comment" if label == 0xFE else "extension")
        else:
            raise _Malformed(f"unknown block {block:#x}")
    return b"".join(out), removed


def _colour_table(packed):
    return 3 << ((packed & 0x07) + 1) if packed & 0x80 else 0


def _skip_sub_blocks(data, pos):
    size = len(data)
    while True:
        if pos >= size:
            raise _Malformed("data cut short")
        length = data[pos]
        pos += 1 + length
        if length == 0:
            return pos


_REWRITERS = {
    "JPEG": _rewrite_jpeg,
    "PNG": _rewrite_png,
    "WEBP": _rewrite_webp,
    "GIF": _rewrite_gif,
}
