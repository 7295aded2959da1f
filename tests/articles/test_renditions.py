from html.parser import HTMLParser
from io import BytesIO, StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation
from PIL import Image

from articles import renditions
from articles.models import Photo
from tests.factories import PhotoFactory, image_bytes

pytestmark = pytest.mark.django_db

GREEN, GREY, RED, BLUE = (0, 200, 0), (128, 128, 128), (220, 0, 0), (0, 0, 220)
FORMATS = {"webp": "WEBP", "jpeg": "JPEG"}


def photo_of(content, name="photo.jpg", **kwargs):
    return PhotoFactory(image=ContentFile(content, name=name), **kwargs)


def sized(width, height, **kwargs):
    return photo_of(image_bytes(size=(width, height)), **kwargs)


def encoded(image, fmt="JPEG", **options):
    buffer = BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def names(data):
    return [name for formats in data.values() for rows in formats.values() for *_, name in rows]


def sizes_of(photo, crop="original", fmt="jpeg"):
    return [(width, height) for width, height, _name in photo.renditions[crop][fmt]]


def decoded(name):
    with default_storage.open(name) as file, Image.open(file) as image:
        image.load()
        return image


def render(template, **context):
    return Template("{% load pictures %}" + template).render(Context(context))


class Tags(HTMLParser):
    """The start tags of a fragment with their attributes, for exact attribute checks."""

    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def all(self, name):
        return [attrs for tag, attrs in self.tags if tag == name]

    def one(self, name):
        [attrs] = self.all(name)
        return attrs


def test_a_wide_photo_gets_every_width_in_webp_and_jpeg_stored_at_the_recorded_size():
    """A 1700×956 photo gets 320…1600 in WebP and JPEG; each file decodes at its recorded size."""
    photo = sized(1700, 956)
    expected = [(320, 180), (640, 360), (960, 540), (1280, 720), (1600, 900)]
    for fmt, pillow_format in FORMATS.items():
        assert sizes_of(photo, fmt=fmt) == expected
        for width, height, name in photo.renditions["original"][fmt]:
            assert name.startswith("renditions/")
            assert default_storage.exists(name)
            image = decoded(name)
            assert (image.format, image.size) == (pillow_format, (width, height))
    # Recorded on the row, not only on the instance.
    assert Photo.objects.get(pk=photo.pk).renditions == photo.renditions


def test_a_small_photo_is_never_enlarged_and_keeps_its_own_width():
    """A 500×300 photo gets 320 and 500 wide copies; a 64×48 one gets only its own size."""
    photo = sized(500, 300)
    assert sizes_of(photo) == sizes_of(photo, fmt="webp") == [(320, 192), (500, 300)]
    tiny = sized(64, 48)
    assert sizes_of(tiny) == sizes_of(tiny, fmt="webp") == [(64, 48)]


def test_crops_have_exact_shapes_and_are_centred():
    """The 16x9, 4x3 and 1x1 crops are exact, at most 1200 wide, JPEG, cut from the centre."""
    # Green bands at both sides: a centred 4:3 or square crop must not reach them.
    source = Image.new("RGB", (1700, 956), GREY)
    source.paste(GREEN, (0, 0, 150, 956))
    source.paste(GREEN, (1550, 0, 1700, 956))
    photo = photo_of(encoded(source, quality=95))
    expected = {"16x9": (1200, 675), "4x3": (1200, 900), "1x1": (956, 956)}
    for crop, size in expected.items():
        assert list(photo.renditions[crop]) == ["jpeg"]
        [[width, height, name]] = photo.renditions[crop]["jpeg"]
        image = decoded(name)
        assert (image.format, image.size) == ("JPEG", (width, height)) == ("JPEG", size)
    for crop in ("4x3", "1x1"):
        image = decoded(photo.renditions[crop]["jpeg"][0][2])
        for x in (0, image.width - 1):
            assert all(abs(a - b) < 12 for a, b in zip(image.getpixel((x, 10)), GREY, strict=True))
    # A small source: smaller crops, still exact.
    small = sized(500, 300)
    shapes = {crop: tuple(small.renditions[crop]["jpeg"][0][:2]) for crop in expected}
    assert shapes == {"16x9": (496, 279), "4x3": (400, 300), "1x1": (300, 300)}


def test_an_exif_rotated_photo_is_rendered_the_way_it_is_displayed():
    """A landscape JPEG marked "rotate 90°" gives portrait renditions, turned the right way."""
    source = Image.new("RGB", (700, 400), BLUE)
    source.paste(RED, (0, 0, 350, 400))  # the left half, which is the top once turned
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    photo = photo_of(encoded(source, exif=exif, quality=95))
    assert (photo.width, photo.height) == (400, 700)
    assert sizes_of(photo) == sizes_of(photo, fmt="webp") == [(320, 560), (400, 700)]
    for fmt in FORMATS:
        image = decoded(photo.renditions["original"][fmt][-1][2]).convert("RGB")
        assert image.size == (400, 700)
        top, bottom = image.getpixel((200, 100)), image.getpixel((200, 600))
        assert top[0] > 180 > top[2] and bottom[2] > 180 > bottom[0]
        assert not image.getexif().get(0x0112)


def test_a_transparent_png_gives_valid_jpegs_on_white():
    """An RGBA PNG gives RGB JPEGs with transparent areas white (not black); WebP keeps alpha."""
    source = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    source.paste((220, 0, 0, 255), (150, 100, 250, 200))
    photo = photo_of(encoded(source, "PNG"), name="logo.png")
    jpegs = [
        name
        for crop in ("original", "16x9", "4x3", "1x1")
        for *_, name in photo.renditions[crop]["jpeg"]
    ]
    assert len(jpegs) == 5
    for name in jpegs:
        image = decoded(name)
        assert (image.format, image.mode) == ("JPEG", "RGB")
        assert min(image.getpixel((2, 2))) > 245
        centre = image.getpixel((image.width // 2, image.height // 2))
        assert centre[0] > 180 > centre[1]
    webp = decoded(photo.renditions["original"]["webp"][-1][2])
    assert webp.mode == "RGBA" and webp.getpixel((2, 2))[3] == 0


def renditions_work(callbacks):
    """The after-commit callbacks of the photo itself (not the page cache's purge)."""
    return [callback for callback in callbacks if callback.__module__ != "pagecache.purge"]


def test_replacing_the_image_regenerates_and_deletes_the_old_files_after_commit(
    django_capture_on_commit_callbacks,
):
    """A new image gets new renditions; the old files are deleted, but only once committed."""
    photo = sized(700, 400)
    old = names(photo.renditions)
    photo.image = ContentFile(image_bytes(size=(900, 500), color=BLUE), name="new.jpg")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        photo.save()
        assert all(default_storage.exists(name) for name in old)
    assert len(renditions_work(callbacks)) == 1
    assert not any(default_storage.exists(name) for name in old)
    photo = Photo.objects.get(pk=photo.pk)
    assert sizes_of(photo) == [(320, 178), (640, 356), (900, 500)]
    assert not set(names(photo.renditions)) & set(old)
    assert all(default_storage.exists(name) for name in names(photo.renditions))


def test_saving_without_a_new_image_does_not_regenerate(
    django_capture_on_commit_callbacks, tmp_path
):
    """Editing a caption keeps the recorded renditions and their files, and makes none."""
    photo = sized(700, 400)
    before = photo.renditions
    files = sorted((tmp_path / "media" / "renditions").rglob("*.*"))
    photo = Photo.objects.get(pk=photo.pk)
    photo.caption_uk = "Новий підпис"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        photo.save()
    assert renditions_work(callbacks) == []
    assert Photo.objects.get(pk=photo.pk).renditions == before
    assert sorted((tmp_path / "media" / "renditions").rglob("*.*")) == files
    assert all(default_storage.exists(name) for name in names(before))


def test_a_failed_upload_leaves_no_stray_files(monkeypatch, tmp_path):
    """If storing a rendition fails halfway, the ones already stored are removed."""
    calls = []
    real_save = default_storage.save

    def failing_save(name, content, **kwargs):
        calls.append(name)
        if len(calls) == 4:
            raise OSError("disk full")
        return real_save(name, content, **kwargs)

    monkeypatch.setattr(default_storage, "save", failing_save)
    with pytest.raises(OSError, match="disk full"):
        renditions.make_renditions(sized(64, 48))
    assert len(calls) == 4
    assert not list((tmp_path / "media" / "renditions").rglob("*.*"))


def test_the_picture_tag_renders_webp_and_jpeg_srcsets_with_size_and_alt():
    """The tag gives a WebP <source>, srcsets with w descriptors, sizes, width/height, alt, lazy."""
    photo = sized(1700, 956, alt_text_en='The "mayor" <of> Kyiv & co')
    with translation.override("en"):
        html = render('{% picture photo css_class="wide" %}', photo=photo)
    assert html.strip().startswith("<picture>") and html.strip().endswith("</picture>")
    tags = Tags(html)
    source, img = tags.one("source"), tags.one("img")
    sizes = "(min-width: 48rem) 46rem, 100vw"
    widths = ["320w", "640w", "960w", "1280w", "1600w"]
    assert source["type"] == "image/webp" and source["sizes"] == sizes
    entries = [entry.split() for entry in source["srcset"].split(", ")]
    assert [w for _url, w in entries] == widths
    assert all(
        url.startswith("/media/renditions/") and url.endswith(".webp") for url, _w in entries
    )
    entries = [entry.split() for entry in img["srcset"].split(", ")]
    assert [w for _url, w in entries] == widths and all(url.endswith(".jpg") for url, _ in entries)
    assert img["src"] == entries[2][0]  # the 960 wide JPEG
    assert img["sizes"] == sizes
    assert (img["width"], img["height"]) == ("1700", "956")
    # Escaped in the HTML, intact once parsed.
    assert img["alt"] == 'The "mayor" <of> Kyiv & co' and "<of>" not in html
    assert img["loading"] == "lazy" and img["decoding"] == "async"
    assert "fetchpriority" not in img
    assert img["class"] == "wide"
    with translation.override("uk"):
        assert Tags(render("{% picture photo %}", photo=photo)).one("img")["alt"] == "Опис фото"


def test_an_eager_picture_has_high_priority_and_no_loading_attribute():
    """loading="eager" drops the loading attribute and asks for fetchpriority="high"."""
    photo = sized(700, 400)
    img = Tags(render('{% picture photo sizes="100vw" loading="eager" %}', photo=photo)).one("img")
    assert img["fetchpriority"] == "high" and "loading" not in img
    assert img["sizes"] == "100vw"


def test_rendering_ten_pictures_makes_no_query(django_assert_num_queries):
    """Everything the tag needs is on the photo row: ten pictures, zero queries."""
    for _ in range(10):
        PhotoFactory()
    photos = list(Photo.objects.all())
    with django_assert_num_queries(0):
        html = render("{% for photo in photos %}{% picture photo %}{% endfor %}", photos=photos)
    assert len(Tags(html).all("source")) == 10 and len(Tags(html).all("img")) == 10


def test_a_photo_without_renditions_falls_back_to_the_original_image():
    """An old photo with no renditions renders its original image and the accessors do not fail."""
    Photo.objects.filter(pk=sized(700, 400).pk).update(renditions={})
    photo = Photo.objects.get()
    url = photo.image.url
    tags = Tags(render("{% picture photo %}", photo=photo))
    assert tags.all("source") == []
    img = tags.one("img")
    assert (img["src"], img["srcset"], img["width"], img["height"]) == (
        url,
        f"{url} 700w",
        "700",
        "400",
    )
    assert renditions.best(photo, "jpeg", "16x9", 1200) == (url, 700, 400)
    assert renditions.srcset(photo, "webp") == f"{url} 700w"
    assert not renditions.has(photo, "webp")


def test_no_photo_renders_nothing():
    """A missing photo (None, or one without an image) renders an empty string."""
    assert render("{% picture photo %}", photo=None).strip() == ""
    assert render("{% picture photo %}", photo=Photo()).strip() == ""
    assert renditions.best(Photo(), "jpeg") is None and renditions.srcset(Photo(), "jpeg") == ""


def test_best_picks_the_smallest_rendition_wide_enough_else_the_largest():
    """best() returns the smallest rendition at least the asked width, or the largest one."""
    photo = sized(1700, 956)
    assert renditions.best(photo, "jpeg", "original", 700)[1:] == (960, 540)
    assert renditions.best(photo, "jpeg", "original", 960)[1:] == (960, 540)
    assert renditions.best(photo, "webp", "original", 5000)[1:] == (1600, 900)
    url, width, height = renditions.best(photo, "jpeg", "16x9", 1200)
    assert (width, height) == (1200, 675) and url.endswith("-16x9-1200.jpg")


def test_make_renditions_missing_only_fills_only_the_empty_ones(
    django_capture_on_commit_callbacks,
):
    """--missing-only fills photos without renditions and leaves the others alone; a full run
    remakes all and deletes the old files."""
    kept, empty = sized(700, 400), sized(500, 300)
    Photo.objects.filter(pk=empty.pk).update(renditions={})
    out = StringIO()
    call_command("make_renditions", "--missing-only", stdout=out)
    assert "for 1 photo" in out.getvalue()
    assert Photo.objects.get(pk=kept.pk).renditions == kept.renditions
    filled = Photo.objects.get(pk=empty.pk).renditions
    assert [row[:2] for row in filled["original"]["jpeg"]] == [[320, 192], [500, 300]]
    assert all(default_storage.exists(name) for name in names(filled))

    out = StringIO()
    call_command("make_renditions", "--missing-only", stdout=out)
    assert "for 0 photo" in out.getvalue()
    assert Photo.objects.get(pk=empty.pk).renditions == filled

    old = names(kept.renditions) + names(filled)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("make_renditions", stdout=StringIO())
    assert not any(default_storage.exists(name) for name in old)
    for photo in Photo.objects.all():
        assert all(default_storage.exists(name) for name in names(photo.renditions))


def test_renditions_of_an_old_unstripped_photo_carry_none_of_its_metadata():
    """Copies made from a file stored before uploads were stripped have no EXIF, XMP or JPEG
    comment of the original (Pillow copies a comment into what it writes unless told not to)."""
    exif = Image.Exif()
    exif[0x013B] = "Jane Photographer"
    exif.get_ifd(0x8825).update({1: "N", 2: (50.0, 27.0, 0.0)})
    dirty = encoded(
        Image.new("RGB", (700, 400), GREEN),
        exif=exif,
        comment=b"Shot at 50.45N 30.52E",
        xmp=b"<x:xmpmeta>exif:GPSLatitude</x:xmpmeta>",
    )
    photo = sized(64, 48)
    photo.image.name = default_storage.save("photos/2024/01/old.jpg", ContentFile(dirty))
    data = renditions.make_renditions(photo)
    for name in names(data):
        with default_storage.open(name) as file:
            content = file.read()
        assert b"50.45N" not in content and b"GPSLatitude" not in content
        assert b"Jane" not in content
        with Image.open(BytesIO(content)) as image:
            assert not image.getexif() and "comment" not in image.info
