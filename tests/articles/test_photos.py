import struct
import zlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Photo
from tests.factories import PhotoFactory, image_bytes

pytestmark = pytest.mark.django_db
ADD_URL = "/admin/articles/photo/add/"


def png_claiming(width, height):
    """A small, valid PNG whose header declares width×height: what a decompression bomb is."""
    buffer = BytesIO()
    Image.new("1", (8, 8)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    # The IHDR chunk starts at byte 8: length(4) type(4) width(4) height(4) … crc(4).
    ihdr = bytearray(data[12:29])
    ihdr[4:12] = struct.pack(">II", width, height)
    data[12:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(ihdr)))
    return bytes(data)


def upload(admin_client, name, content, content_type="image/jpeg"):
    return admin_client.post(
        ADD_URL,
        {"image": SimpleUploadedFile(name, content, content_type), "caption_uk": "Підпис"},
    )


def test_a_real_photo_is_stored_with_its_size_and_a_thumbnail(admin_client):
    """A valid JPEG is accepted; width, height and a small thumbnail are stored."""
    response = upload(admin_client, "Фото з заходу.jpg", image_bytes(size=(800, 600)))
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (800, 600)
    assert photo.image.name.startswith("photos/") and photo.image.name.endswith(".jpg")
    with Image.open(photo.thumbnail) as thumb:
        assert thumb.width == Photo.THUMBNAIL_WIDTH


@pytest.mark.parametrize(
    ("name", "content", "code", "detail"),
    [
        (
            "notes.jpg",
            b"Just some text, renamed to look like a photo.\n" * 20,
            "not_an_image",
            "JPEG",
        ),
        ("cut.jpg", image_bytes(size=(400, 300))[:700], "truncated_image", ""),
        ("bomb.png", png_claiming(8000, 6000), "too_many_pixels", "8000×6000"),
        ("huge.png", png_claiming(30000, 30000), "too_many_pixels", "40"),
    ],
    ids=["text-renamed-jpg", "truncated", "decompression-bomb", "giant-bomb"],
)
def test_bad_uploads_get_a_clear_form_error(admin_client, name, content, code, detail):
    """A text file named .jpg, a truncated image and a decompression bomb are refused clearly."""
    response = upload(admin_client, name, content)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.has_error("image", code)
    [message] = form.errors["image"]
    assert detail in message and message in response.content.decode()
    assert not Photo.objects.exists()
    # The rest of what was typed is shown back, not lost.
    assert "Підпис" in response.content.decode()


def test_a_file_over_the_size_limit_is_refused(admin_client, settings):
    """Files over PHOTO_MAX_BYTES are refused before Pillow reads them."""
    settings.PHOTO_MAX_BYTES = 1000
    response = upload(admin_client, "big.jpg", image_bytes(size=(600, 600)))
    assert response.context["adminform"].form.has_error("image", "file_too_large")


def test_model_validation_refuses_bad_files_outside_forms():
    """full_clean() runs the same checks, for imports and the shell."""
    from django.core.exceptions import ValidationError

    photo = PhotoFactory.build(
        image=SimpleUploadedFile("notes.jpg", b"plain text" * 50, "image/jpeg")
    )
    with pytest.raises(ValidationError) as error:
        photo.full_clean()
    assert error.value.error_dict["image"][0].code == "not_an_image"


def test_a_rotated_photo_stores_the_size_as_displayed(admin_client):
    """An 800×600 JPEG whose EXIF says "rotate 90°" is stored as 600×800, as browsers show it."""
    buffer = BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    Image.new("RGB", (800, 600), (10, 120, 200)).save(buffer, "JPEG", exif=exif)
    assert upload(admin_client, "portrait.jpg", buffer.getvalue()).status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (600, 800)


def animation(fmt, frames, size=(60, 40)):
    """A real animated GIF, WebP or PNG of `frames` frames, each a different colour."""
    pictures = [Image.new("RGB", size, (frame * 40 % 256, 80, 160)) for frame in range(frames)]
    buffer = BytesIO()
    pictures[0].save(buffer, fmt, save_all=True, append_images=pictures[1:], duration=80)
    return buffer.getvalue()


ANIMATED = {"GIF": ("anim.gif", "image/gif"), "WEBP": ("anim.webp", "image/webp")}
ANIMATED["PNG"] = ("anim.png", "image/png")


@pytest.mark.parametrize("fmt", ANIMATED)
def test_an_animation_with_too_many_frames_is_refused(admin_client, settings, fmt):
    """More frames than PHOTO_MAX_FRAMES are refused with the count and the limit."""
    settings.PHOTO_MAX_FRAMES = 3
    name, content_type = ANIMATED[fmt]
    response = upload(admin_client, name, animation(fmt, 4), content_type)
    form = response.context["adminform"].form
    assert form.has_error("image", "too_many_frames")
    [message] = form.errors["image"]
    assert "4" in message and "3" in message
    assert not Photo.objects.exists()


@pytest.mark.parametrize("fmt", ANIMATED)
def test_an_animation_over_the_total_pixel_limit_is_refused(admin_client, settings, fmt):
    """Width × height × frames over PHOTO_MAX_TOTAL_PIXELS is refused, though each frame and the
    frame count are within their limits."""
    settings.PHOTO_MAX_TOTAL_PIXELS = 60 * 40 * 3 - 1
    name, content_type = ANIMATED[fmt]
    response = upload(admin_client, name, animation(fmt, 3), content_type)
    form = response.context["adminform"].form
    assert form.has_error("image", "animation_too_large")
    [message] = form.errors["image"]
    assert "60×40" in message and "3" in message
    assert not Photo.objects.exists()

    settings.PHOTO_MAX_TOTAL_PIXELS = 60 * 40 * 3
    assert upload(admin_client, name, animation(fmt, 3), content_type).status_code == 302


def giant_gif(size=6000, frames=30):
    """A 6000×6000 GIF of 30 frames (about 0.8 MB): one LZW-encoded frame repeated, so that it
    is built in a fraction of a second rather than encoded 30 times."""
    buffer = BytesIO()
    frame = Image.new("P", (size, size), 1)
    frame.putpalette([0, 0, 0, 255, 0, 0] * 128)
    frame.save(buffer, "GIF")
    data = buffer.getvalue()
    start = 13 + 3 * 256
    image_block = data[data.index(b",", start) : -1]  # image descriptor to before the trailer
    delay = b"\x21\xf9\x04\x00\x05\x00\x00\x00"  # graphic control: 50 ms
    loop = b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    return data[:start] + loop + (delay + image_block) * frames + b";"


def test_a_giant_animated_gif_is_refused_quickly_without_decoding_its_frames(settings, monkeypatch):
    """A 6000×6000 GIF of 30 frames (each frame within the megapixel limit) is refused by the
    total pixel limit in well under a second, without a frame being decoded."""
    import time

    from django.core.exceptions import ValidationError
    from PIL import GifImagePlugin

    from articles.validators import validate_image_file

    data = giant_gif()
    with Image.open(BytesIO(data)) as image:
        assert image.size == (6000, 6000) and image.n_frames == 30
    assert settings.PHOTO_MAX_PIXELS >= 6000 * 6000
    decoded = []
    real_load = GifImagePlugin.GifImageFile.load
    monkeypatch.setattr(
        GifImagePlugin.GifImageFile, "load", lambda self: decoded.append(1) or real_load(self)
    )
    started = time.perf_counter()
    with pytest.raises(ValidationError) as error:
        validate_image_file(SimpleUploadedFile("giant.gif", data, "image/gif"))
    elapsed = time.perf_counter() - started
    assert error.value.code == "animation_too_large"
    # (Decoding its first frame alone takes 36 MB and more than a tenth of a second.)
    assert decoded == [] and elapsed < 0.5


def test_an_accepted_animation_is_stored_whole_but_only_its_first_frame_is_decoded(
    admin_client, monkeypatch
):
    """An animated GIF within the limits keeps all its frames in storage, while validation,
    thumbnail and renditions decode its first frame only."""
    from PIL import GifImagePlugin

    decoded = []
    real_seek = GifImagePlugin.GifImageFile._seek

    def seek(self, frame, update_image=True):
        if frame and update_image:
            decoded.append(frame)
        return real_seek(self, frame, update_image)

    monkeypatch.setattr(GifImagePlugin.GifImageFile, "_seek", seek)
    response = upload(admin_client, "anim.gif", animation("GIF", 12, (400, 300)), "image/gif")
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert decoded == []
    assert (photo.width, photo.height) == (400, 300) and photo.renditions["original"]["webp"]
    with photo.image.open("rb"), Image.open(photo.image) as stored:
        assert stored.n_frames == 12
