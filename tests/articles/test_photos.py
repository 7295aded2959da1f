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
