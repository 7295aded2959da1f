"""Uploaded originals are public: they must not tell where a photo was taken, with which camera
or by whom. The files here are built byte by byte the way cameras and editors write them."""

import struct
import zlib
from io import BytesIO, StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image, ImageChops, ImageCms, ImageOps, ImageStat

from ads.models import Creative
from articles import images
from articles.models import Author, Photo
from tests.factories import AuthorFactory, CreativeFactory, PhotoFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/photo/add/"
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()

# What must not survive, each findable in the raw bytes.
MAKE, MODEL, ARTIST = "SecretCam", "Model-X9", "Jane Photographer"
SERIAL = "SN-4815162342"
XMP = (
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    'xmlns:aux="http://ns.adobe.com/exif/1.0/aux/" '
    'exif:GPSLatitude="50,27.0N" exif:GPSLongitude="30,31.2E" aux:SerialNumber="SN-4815162342"/>'
    '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)
IPTC_CITY, IPTC_PLACE = "Kyiv", "Hidden-Safehouse-Street-7"
LEAKS = [MAKE, MODEL, ARTIST, SERIAL, "GPSLatitude", IPTC_PLACE, "Photoshop 3.0", "8BIM"]


# --- building dirty files -------------------------------------------------------------------


def picture(size=(800, 600)):
    """A picture with detail (a gradient and a block), so that a turn or recompression shows."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image.paste((200, 40, 40), (size[0] // 8, size[1] // 8, size[0] // 3, size[1] // 2))
    return image


def encoded(image, fmt, **options):
    buffer = BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def exif_block(orientation=None):
    """EXIF as a camera writes it: make, model, artist, body serial, maker notes, a GPS position
    and an embedded JPEG thumbnail in IFD1 (Pillow writes no IFD1, so it is appended here)."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x013B] = MAKE, MODEL, ARTIST
    if orientation:
        exif[0x0112] = orientation
    sub = exif.get_ifd(0x8769)
    sub[0xA431] = SERIAL  # BodySerialNumber
    sub[0x927C] = b"MAKERNOTE:" + SERIAL.encode()
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (50.0, 27.0, 0.0), 3: "E", 4: (30.0, 31.0, 12.0)})
    data = bytearray(exif.tobytes())  # b"Exif\0\0" + TIFF, in either byte order
    tiff = 6
    order = "<" if data[tiff : tiff + 2] == b"II" else ">"
    (ifd0,) = struct.unpack(order + "I", data[tiff + 4 : tiff + 8])
    (count,) = struct.unpack(order + "H", data[tiff + ifd0 : tiff + ifd0 + 2])
    next_pointer = tiff + ifd0 + 2 + 12 * count
    thumb = thumbnail_jpeg()
    ifd1 = len(data) - tiff
    data[next_pointer : next_pointer + 4] = struct.pack(order + "I", ifd1)
    thumb_offset = ifd1 + 2 + 2 * 12 + 4
    data += struct.pack(order + "H", 2)
    data += struct.pack(order + "HHII", 0x0201, 4, 1, thumb_offset)
    data += struct.pack(order + "HHII", 0x0202, 4, 1, len(thumb))
    data += struct.pack(order + "I", 0) + thumb
    return bytes(data)


def thumbnail_jpeg():
    return encoded(Image.new("RGB", (32, 24), (1, 254, 3)), "JPEG", comment=b"THUMBNAIL")


def iptc_block():
    """APP13 payload: a Photoshop IRB 0x0404 with IPTC city, sub-location and by-line."""
    records = b""
    for dataset, value in ((90, IPTC_CITY), (92, IPTC_PLACE), (80, ARTIST)):
        raw = value.encode()
        records += struct.pack(">BBBH", 0x1C, 2, dataset, len(raw)) + raw
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(records))
    resource += records + (b"\x00" if len(records) % 2 else b"")
    return b"Photoshop 3.0\x00" + resource


def segment(marker, payload):
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def dirty_jpeg(orientation=None, size=(800, 600)):
    """(dirty file, the same picture without the metadata): a clean Pillow JPEG with an ICC
    profile, with EXIF, XMP, IPTC and a comment inserted after its JFIF segment, and a
    "motion photo" appended after its end."""
    clean = encoded(picture(size), "JPEG", quality=90, icc_profile=SRGB)
    assert clean[2:4] == b"\xff\xe0"
    jfif_end = 4 + struct.unpack(">H", clean[4:6])[0]
    inserted = (
        segment(0xE1, exif_block(orientation))
        + segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + XMP.encode())
        + segment(0xED, iptc_block())
        + segment(0xFE, f"Shot by {ARTIST}".encode())
    )
    dirty = clean[:jfif_end] + inserted + clean[jfif_end:] + b"ftypmp4 GPS " + SERIAL.encode()
    return dirty, clean


def png_chunk(kind, payload):
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def dirty_png(orientation=None):
    image = picture((300, 200))
    clean = encoded(image, "PNG", icc_profile=SRGB)
    itxt = b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + XMP.encode()
    extra = (
        png_chunk(b"eXIf", exif_block(orientation)[6:])
        + png_chunk(b"iTXt", itxt)
        + png_chunk(b"tEXt", f"Author\x00{ARTIST}".encode())
    )
    ihdr_end = 8 + 25
    return clean[:ihdr_end] + extra + clean[ihdr_end:], clean


def dirty_webp(lossless=False, orientation=None):
    image = picture((300, 200))
    options = {"lossless": True} if lossless else {"quality": 80}
    dirty = encoded(
        image,
        "WEBP",
        icc_profile=SRGB,
        exif=exif_block(orientation)[6:],
        xmp=XMP.encode(),
        **options,
    )
    return dirty, encoded(image, "WEBP", icc_profile=SRGB, **options)


def dirty_gif():
    """A looping two-frame GIF with a comment and an XMP application extension."""
    frames = [Image.new("P", (60, 40), index) for index in (1, 2)]
    for frame in frames:
        frame.putpalette([0, 0, 0, 250, 0, 0, 0, 250, 0] + [0] * 759)
    clean = encoded(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    blocks = b"".join(bytes([len(part)]) + part for part in _parts(XMP.encode(), 255))
    xmp = b"\x21\xff\x0bXMP DataXMP" + blocks + b"\x00"
    comment = b"\x21\xfe" + bytes([len(ARTIST)]) + ARTIST.encode() + b"\x00"
    assert clean[10] & 0x80
    start = 13 + 3 * 2 ** ((clean[10] & 0x07) + 1)  # header, screen, global colour table
    return clean[:start] + comment + xmp + clean[start:], clean


def _parts(data, size):
    return [data[i : i + size] for i in range(0, len(data), size)]


# --- reading what was stored ----------------------------------------------------------------


def upload(admin_client, name, content, content_type="image/jpeg"):
    response = admin_client.post(
        ADD_URL,
        {"image": SimpleUploadedFile(name, content, content_type), "caption_uk": "Підпис"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Photo.objects.get()


def stored(photo):
    with default_storage.open(photo.image.name, "rb") as file:
        return file.read()


def opened(data):
    image = Image.open(BytesIO(data))
    image.load()
    return image


def assert_no_leaks(data):
    for leak in LEAKS:
        assert leak.encode() not in data, leak
    image = opened(data)
    assert not image.getexif(), dict(image.getexif())
    assert "xmp" not in image.info and "comment" not in image.info
    assert image.info.get("icc_profile") == SRGB


def difference(first, second):
    """Mean absolute difference per channel, 0-255."""
    diff = ImageChops.difference(first.convert("RGB"), second.convert("RGB"))
    return max(ImageStat.Stat(diff).mean)


def png_chunks(data):
    pos, kinds = 8, []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        kinds.append(kind)
        pos += 12 + length
    return kinds


def webp_chunks(data):
    pos, kinds = 12, []
    while pos < len(data):
        kind, length = struct.unpack("<4sI", data[pos : pos + 8])
        kinds.append(kind)
        pos += 8 + length + (length & 1)
    return kinds


# --- upload ---------------------------------------------------------------------------------


def test_an_uploaded_jpeg_keeps_its_pixels_and_colour_profile_and_loses_its_metadata(
    admin_client,
):
    """GPS (EXIF and XMP), serial, maker notes, artist, thumbnail, IPTC, comment and appended
    data are removed; the image data is the original's, byte for byte, with its ICC profile."""
    dirty, clean = dirty_jpeg()
    # The file really carries what it should lose.
    with Image.open(BytesIO(dirty)) as image:
        assert image.getexif().get_ifd(0x8825)[2] == (50.0, 27.0, 0.0)
        assert image.getexif().get_ifd(0x8769)[0xA431] == SERIAL
        assert b"GPSLatitude" in image.info["xmp"]
    assert thumbnail_jpeg() in dirty and IPTC_PLACE.encode() in dirty

    photo = upload(admin_client, "з камери.jpg", dirty)
    data = stored(photo)
    assert_no_leaks(data)
    assert thumbnail_jpeg() not in data and b"ftypmp4" not in data
    # Not recompressed: exactly the JPEG the metadata was added to.
    assert data == clean
    assert (photo.width, photo.height) == (800, 600)


def test_an_uploaded_jpeg_is_turned_upright_and_keeps_its_profile(admin_client):
    """An 800×600 JPEG with Orientation 6 is stored as a 600×800 picture without the tag, close
    to the original as displayed, with its ICC profile."""
    dirty, _clean = dirty_jpeg(orientation=6)
    photo = upload(admin_client, "portrait.jpg", dirty)
    data = stored(photo)
    assert_no_leaks(data)
    result = opened(data)
    assert result.size == (600, 800) == (photo.width, photo.height)
    assert difference(result, ImageOps.exif_transpose(opened(dirty))) < 1.5
    # The red block, top left in the picture as taken, is top right once turned clockwise.
    redness = [red - green for red, green, _blue in map(result.getpixel, [(480, 120), (120, 120)])]
    assert redness[0] > 100 and abs(redness[1]) < 10


def test_an_uploaded_png_loses_exif_xmp_and_text_but_not_a_pixel(admin_client):
    """A PNG's eXIf, iTXt XMP and tEXt chunks are removed; its iCCP chunk and pixels stay."""
    dirty, clean = dirty_png()
    assert {b"eXIf", b"iTXt", b"tEXt"} <= set(png_chunks(dirty))
    photo = upload(admin_client, "screen.png", dirty, "image/png")
    data = stored(photo)
    assert_no_leaks(data)
    assert not {b"eXIf", b"iTXt", b"tEXt"} & set(png_chunks(data))
    assert data == clean


def test_a_png_with_an_orientation_tag_is_turned_losslessly():
    """A PNG whose eXIf says "rotate 90°" is stored turned, pixel for pixel."""
    dirty, _clean = dirty_png(orientation=6)
    result = images.strip_metadata(dirty)
    assert result.reencoded
    turned = opened(result.data)
    assert turned.size == (200, 300) and not turned.getexif()
    assert difference(turned, ImageOps.exif_transpose(opened(dirty))) == 0
    assert turned.info["icc_profile"] == SRGB


@pytest.mark.parametrize("lossless", [False, True], ids=["lossy", "lossless"])
def test_an_uploaded_webp_loses_its_exif_and_xmp_chunks(admin_client, lossless):
    """A WebP's EXIF and XMP chunks are removed and their flags cleared; the ICC profile and the
    bitstream stay as they were."""
    dirty, clean = dirty_webp(lossless)
    assert {b"EXIF", b"XMP "} <= set(webp_chunks(dirty))
    photo = upload(admin_client, "web.webp", dirty, "image/webp")
    data = stored(photo)
    assert_no_leaks(data)
    bitstream = b"VP8L" if lossless else b"VP8 "
    assert webp_chunks(data) == webp_chunks(clean) == [b"VP8X", b"ICCP", bitstream]
    assert data == clean


def test_a_lossy_webp_with_an_orientation_tag_is_turned_at_high_quality():
    """A lossy WebP turned upright is encoded again at a high quality: it stays close."""
    dirty, _clean = dirty_webp(orientation=8)
    result = images.strip_metadata(dirty)
    turned = opened(result.data)
    assert result.reencoded and turned.size == (200, 300)
    assert difference(turned, ImageOps.exif_transpose(opened(dirty))) < 2
    assert_no_leaks(result.data)


def test_an_uploaded_gif_loses_its_comment_and_xmp_but_keeps_its_frames_and_loop(admin_client):
    """A GIF's comment and XMP application extension are removed; frames, timing and looping
    stay byte for byte."""
    dirty, clean = dirty_gif()
    with Image.open(BytesIO(dirty)) as image:
        assert image.info["comment"] == ARTIST.encode()
    photo = upload(admin_client, "anim.gif", dirty, "image/gif")
    data = stored(photo)
    assert data == clean
    assert ARTIST.encode() not in data and b"XMP DataXMP" not in data
    with Image.open(BytesIO(data)) as image:
        assert image.n_frames == 2 and image.info["loop"] == 0 and "comment" not in image.info


@pytest.mark.parametrize("fmt", ["WEBP", "PNG"])
def test_an_animation_with_an_orientation_tag_has_every_frame_turned(fmt):
    """An animated WebP or PNG whose EXIF says "rotate 90°" keeps its frames, each turned."""
    frames = [Image.new("RGB", (60, 40), (index * 80, 0, 0)) for index in range(3)]
    for frame in frames:
        frame.paste((0, 255, 0), (0, 0, 10, 10))  # a mark in the top left corner
    exif = Image.Exif()
    exif[0x0112] = 6
    dirty = encoded(
        frames[0], fmt, save_all=True, append_images=frames[1:], exif=exif, lossless=True
    )
    result = images.strip_metadata(dirty)
    assert result.reencoded == "turned upright"
    with Image.open(BytesIO(result.data)) as image:
        assert image.size == (40, 60) and image.n_frames == 3 and not image.getexif()
        for index in range(3):
            image.seek(index)
            frame = image.convert("RGB")
            # Turned clockwise, the mark is top right; the frame's own colour is kept.
            assert frame.getpixel((35, 5)) == (0, 255, 0)
            assert frame.getpixel((5, 30)) == (index * 80, 0, 0)


@pytest.mark.parametrize(
    "dirty",
    [
        lambda: dirty_jpeg()[0],
        lambda: dirty_jpeg(orientation=3)[0],
        lambda: dirty_png(orientation=5)[0],
        lambda: dirty_webp(orientation=6)[0],
        lambda: dirty_webp(lossless=True)[0],
        lambda: dirty_gif()[0],
    ],
    ids=["jpeg", "jpeg-turned", "png-turned", "webp-turned", "webp-lossless", "gif"],
)
def test_stripping_twice_changes_nothing_the_second_time(dirty):
    """A cleaned file comes out of strip_metadata as the same bytes, with nothing removed."""
    first = images.strip_metadata(dirty())
    assert first.changed
    second = images.strip_metadata(first.data)
    assert second.data == first.data and not second.changed


def test_metadata_is_stripped_when_a_photo_is_saved_outside_the_admin():
    """Photos created in code (imports, the shell) are stripped on save as well."""
    dirty, clean = dirty_jpeg()
    photo = PhotoFactory(image=ContentFile(dirty, name="import.jpg"))
    assert stored(photo) == clean


def test_a_file_that_is_not_an_image_cannot_be_stripped():
    """strip_metadata refuses bytes that are not a JPEG, PNG, WebP or GIF."""
    with pytest.raises(images.UncleanableImage):
        images.strip_metadata(b"%PDF-1.7 not a photo")


# --- the command for photos stored before ---------------------------------------------------


def old_photo(content, suffix=".jpg"):
    """A photo as uploaded before stripping existed: its file stored as it came."""
    photo = PhotoFactory()
    name = default_storage.save(f"photos/2024/05/old{suffix}", ContentFile(content))
    Photo.objects.filter(pk=photo.pk).update(image=name)
    return Photo.objects.get(pk=photo.pk)


def photo_name(photo):
    return Photo.objects.get(pk=photo.pk).image.name


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("strip_photo_metadata", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_cleans_old_photos_and_a_second_run_finds_nothing_to_do(
    django_capture_on_commit_callbacks,
):
    """A stored dirty original is replaced by a clean copy under a new name and the old file is
    deleted; renditions stay valid; running again changes nothing and says so."""
    dirty, clean = dirty_jpeg(orientation=6)
    photo = old_photo(dirty)
    already = PhotoFactory()
    old_name, already_name = photo.image.name, already.image.name
    renditions_before = photo.renditions

    with django_capture_on_commit_callbacks(execute=True):
        out, err = run()
    assert err == ""
    assert (
        f"[1/2] Photo #{photo.pk} ({old_name}): cleaned (removed EXIF, IPTC, XMP, comment, "
        f"trailing data; pixels encoded again (turned upright); now {photo_name(photo)})"
    ) in out
    assert f"[2/2] Photo #{already.pk} ({already_name}): already clean" in out
    assert "Cleaned: 1, already clean: 1, failed: 0 (of 2)." in out

    photo.refresh_from_db()
    assert photo.image.name != old_name and not default_storage.exists(old_name)
    data = stored(photo)
    assert_no_leaks(data)
    assert opened(data).size == (600, 800)
    assert difference(opened(data), ImageOps.exif_transpose(opened(dirty))) < 1.5
    assert photo.renditions == renditions_before
    for formats in photo.renditions.values():
        for rows in formats.values():
            assert all(default_storage.exists(name) for *_size, name in rows)
    assert Photo.objects.get(pk=already.pk).image.name == already_name

    out, _err = run()
    assert "Nothing to do: all 2 photo(s) are already clean." in out
    assert Photo.objects.get(pk=photo.pk).image.name == photo.image.name
    assert stored(photo) == data


def test_the_command_reports_a_broken_file_leaves_it_and_cleans_the_others():
    """An unreadable original is reported with its reason and kept byte for byte; the other
    photos are still cleaned, and the command ends with an error."""
    dirty, _clean = dirty_jpeg()
    broken = old_photo(dirty[: len(dirty) // 2])
    missing = old_photo(dirty)
    default_storage.delete(missing.image.name)
    fine = old_photo(dirty_png()[0], ".png")

    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="2 photo"):
        call_command("strip_photo_metadata", stdout=out, stderr=err)
    assert f"Photo #{broken.pk} ({broken.image.name}): FAILED, left as it was: " in err.getvalue()
    assert f"Photo #{missing.pk} ({missing.image.name}): FAILED" in err.getvalue()
    assert "Cleaned: 1, already clean: 0, failed: 2 (of 3)." in out.getvalue()
    assert stored(broken) == dirty[: len(dirty) // 2]
    assert Photo.objects.get(pk=broken.pk).image.name == broken.image.name
    assert_no_leaks(stored(Photo.objects.get(pk=fine.pk)))


def test_a_failure_while_replacing_keeps_the_original_and_leaves_no_stray_file(
    monkeypatch, tmp_path
):
    """If the photo cannot be saved, the new file is removed and the old one still served."""
    dirty, _clean = dirty_jpeg()
    photo = old_photo(dirty)
    before = sorted((tmp_path / "media" / "photos").rglob("*.*"))

    def failing_save(self, *args, **kwargs):
        raise OSError("database connection lost")

    monkeypatch.setattr(Photo, "save", failing_save)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("strip_photo_metadata", stdout=out, stderr=err)
    assert "FAILED, left as it was: database connection lost" in err.getvalue()
    assert Photo.objects.get(pk=photo.pk).image.name == photo.image.name
    assert stored(photo) == dirty
    assert sorted((tmp_path / "media" / "photos").rglob("*.*")) == before


def test_a_dry_run_reports_without_changing_anything():
    """--dry-run says what would be cleaned and leaves files and rows alone."""
    dirty, _clean = dirty_jpeg()
    photo = old_photo(dirty)
    out, _err = run("--dry-run")
    assert "would be cleaned (removed " in out and "To clean: 1" in out
    assert Photo.objects.get(pk=photo.pk).image.name == photo.image.name
    assert stored(photo) == dirty


def test_an_old_file_that_cannot_be_deleted_is_reported_by_name(monkeypatch):
    """If the dirty file cannot be deleted, the photo still uses its clean copy, and the report
    names the file left to delete by hand."""
    dirty, clean = dirty_jpeg()
    photo = old_photo(dirty)
    real_delete = default_storage.delete

    def delete(name):
        if name == photo.image.name:
            raise PermissionError("read-only bucket")
        real_delete(name)

    monkeypatch.setattr(default_storage, "delete", delete)
    err = StringIO()
    with pytest.raises(CommandError, match="1 photo"):
        call_command("strip_photo_metadata", stdout=StringIO(), stderr=err)
    assert "FAILED to delete the old file: read-only bucket." in err.getvalue()
    assert f"delete {photo.image.name} from the storage by hand" in err.getvalue()
    assert stored(Photo.objects.get(pk=photo.pk)) == clean


def test_author_portraits_and_ad_images_are_stored_without_metadata_too():
    """Every image upload field strips the file, not only the photo library's."""
    dirty, clean = dirty_jpeg()
    author = AuthorFactory(photo=ContentFile(dirty, name="portrait.jpg"))
    creative = CreativeFactory(image=ContentFile(dirty, name="banner.jpg"))
    for file in (author.photo, creative.image):
        with default_storage.open(file.name, "rb") as stored_file:
            assert stored_file.read() == clean


def test_the_command_also_cleans_old_author_portraits_and_ad_images():
    """Portraits and ad images stored before stripping existed are cleaned by the same run."""
    dirty, clean = dirty_jpeg()
    author, creative = AuthorFactory(), CreativeFactory()
    for model, row, field in ((Author, author, "photo"), (Creative, creative, "image")):
        name = default_storage.save(f"old/{field}.jpg", ContentFile(dirty))
        model.objects.filter(pk=row.pk).update(**{field: name})
    out, err = run()
    assert err == ""
    assert f"Author.photo #{author.pk} (old/photo.jpg): cleaned" in out
    assert f"Creative #{creative.pk} (old/image.jpg): cleaned" in out
    author.refresh_from_db()
    creative.refresh_from_db()
    for file in (author.photo, creative.image):
        with default_storage.open(file.name, "rb") as stored_file:
            assert stored_file.read() == clean
    assert not default_storage.exists("old/photo.jpg")


def test_an_animation_cut_short_in_a_later_frame_is_refused_with_a_message(admin_client):
    """A GIF whose first frame decodes but a later one is cut short cannot be cleaned: the form
    says the file is damaged (no 500), and nothing is stored."""
    frames = [Image.effect_noise((120, 90), 60 + 30 * n).convert("P") for n in range(4)]
    whole = encoded(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    cut = whole[: int(len(whole) * 0.7)]
    response = admin_client.post(
        ADD_URL, {"image": SimpleUploadedFile("cut.gif", cut, "image/gif"), "caption_uk": "П"}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("image", "truncated_image")
    assert not Photo.objects.exists()


def test_a_file_saved_through_the_field_file_is_stripped_too():
    """Code that stores an image with FieldFile.save (the demo seed, commands) stores it clean."""
    dirty, clean = dirty_jpeg()
    author = AuthorFactory()
    author.photo.save("portrait.jpg", ContentFile(dirty))
    with default_storage.open(author.photo.name, "rb") as stored_file:
        assert stored_file.read() == clean
