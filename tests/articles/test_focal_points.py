"""Photo focal points: the 16:9, 4:3 and 1:1 crops keep the point in frame, moving it remakes only
the crops (old files deleted after commit, pages purged), the photo form sets it within the role
rules, and `make_renditions` and `seed_demo` respect it."""

from io import BytesIO, StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils.translation import gettext
from PIL import Image

from articles import renditions, roles
from articles.admin.focal_point import value_text
from articles.models import Photo
from tests.factories import PhotoFactory, live_article, member
from tests.forms import form_data

pytestmark = pytest.mark.django_db

GREY, RED = (128, 128, 128), (220, 0, 0)
CROPS = ("16x9", "4x3", "1x1")
ADD_URL = "/admin/articles/photo/add/"


def encoded(image, fmt="JPEG", **options):
    buffer = BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def with_subject(size=(1600, 900), at=(0.9, 0.2), half=40):
    """A grey picture with a red square centred at `at` (fractions): the "face" to keep."""
    width, height = size
    image = Image.new("RGB", size, GREY)
    x, y = round(at[0] * width), round(at[1] * height)
    image.paste(RED, (x - half, y - half, x + half, y + half))
    return encoded(image, quality=95)


def photo_of(content, **kwargs):
    return PhotoFactory(image=ContentFile(content, name="photo.jpg"), **kwargs)


def decoded(name):
    with default_storage.open(name) as file, Image.open(file) as image:
        image.load()
        return image


def crop_names(data):
    return {crop: data[crop]["jpeg"][0][2] for crop in CROPS}


def original_names(data):
    return [row[2] for rows in data["original"].values() for row in rows]


def is_red(pixel):
    return pixel[0] > 170 and pixel[1] < 70 and pixel[2] < 70


def red_share(image):
    """How much of the picture is the red subject (0 to 1)."""
    small = image.convert("RGB").resize((64, 64))
    return sum(is_red(pixel) for pixel in small.getdata()) / (64 * 64)


def centred_box(size, ratio):
    """The centred crop box as it was before focal points, worked out independently."""
    width, height = size
    if width / height >= ratio[0] / ratio[1]:
        box_width, box_height = height * ratio[0] / ratio[1], height
    else:
        box_width, box_height = width, width * ratio[1] / ratio[0]
    left, top = (width - box_width) / 2, (height - box_height) / 2
    return (left, top, left + box_width, top + box_height)


def move(photo, point, **kwargs):
    photo = Photo.objects.get(pk=photo.pk)
    photo.focal_x, photo.focal_y = point if point else (None, None)
    photo.save(**kwargs)
    return photo


# --- crops ----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1700, 956), (500, 300), (900, 1600), (1200, 1200), (64, 48)])
def test_without_a_point_the_crop_boxes_are_the_centred_ones(size):
    """No focal point: exactly the centred boxes and sizes crops always had."""
    for ratio in renditions.CROPS.values():
        box, _size = renditions.crop_box(size, ratio)
        assert box == pytest.approx(centred_box(size, ratio), abs=1e-9)
        assert renditions.crop_box(size, ratio, None) == renditions.crop_box(size, ratio)


def test_a_photo_without_a_point_gets_byte_for_byte_the_centred_crops():
    """Crop files of a photo without a point are the centred crops, encoded as before."""
    source = Image.open(BytesIO(with_subject()))
    photo = photo_of(with_subject())
    assert (photo.focal_x, photo.focal_y) == (None, None)
    for crop, ratio in renditions.CROPS.items():
        [[width, height, name]] = photo.renditions[crop]["jpeg"]
        expected = source.convert("RGB").resize(
            (width, height),
            Image.Resampling.LANCZOS,
            box=centred_box(source.size, ratio),
            reducing_gap=renditions.REDUCING_GAP,
        )
        with default_storage.open(name) as file:
            assert file.read() == encoded(
                expected,
                **{k: v for k, v in renditions.SAVE_OPTIONS["jpeg"].items() if k != "format"},
            )


@pytest.mark.parametrize(
    ("point", "ratio", "expected"),
    [
        # 1600×900, 1:1 (900×900): centred on the point where the image allows...
        ((0.5, 0.5), (1, 1), (350, 0, 1250, 900)),
        ((0.6, 0.5), (1, 1), (510, 0, 1410, 900)),
        # ...and against the edge when the point is nearer to it than half a crop.
        ((0.95, 0.1), (1, 1), (700, 0, 1600, 900)),
        ((0.0, 0.0), (4, 3), (0, 0, 1200, 900)),
        # The whole width for 16:9: nothing moves.
        ((0.1, 0.9), (16, 9), (0, 0, 1600, 900)),
    ],
)
def test_the_crop_box_centres_on_the_point_as_far_as_the_image_allows(point, ratio, expected):
    """The box of the crop's shape is moved onto the point, but never out of the picture."""
    box, _size = renditions.crop_box((1600, 900), ratio, point)
    assert box == pytest.approx(expected)


def test_a_tall_photo_moves_its_crops_up_and_down():
    """On a portrait photo the point moves the boxes vertically."""
    box, _size = renditions.crop_box((900, 1600), (16, 9), (0.5, 0.1))
    assert box == pytest.approx((0, 0, 900, 506.25))
    box, _size = renditions.crop_box((900, 1600), (1, 1), (0.5, 0.7))
    assert box == pytest.approx((0, 670, 900, 1570))


def test_the_crops_keep_an_off_centre_subject_that_centred_crops_cut_off():
    """A face near the right edge: every crop shows it, centred where the image allows."""
    content = with_subject(at=(0.9, 0.2))
    centred = photo_of(content)
    focused = photo_of(content, focal_x=0.9, focal_y=0.2)
    for crop in ("4x3", "1x1"):
        assert red_share(decoded(centred.renditions[crop]["jpeg"][0][2])) == 0
    for crop in CROPS:
        image = decoded(focused.renditions[crop]["jpeg"][0][2])
        # The whole subject (80×80 of 1600×900) is in: its share of the crop's area.
        box, _size = renditions.crop_box((1600, 900), renditions.CROPS[crop], (0.9, 0.2))
        expected = 80 * 80 / ((box[2] - box[0]) * (box[3] - box[1]))
        assert red_share(image) == pytest.approx(expected, rel=0.35)
    # Centred on it where there is room: a point mid-height stays mid-height in the 1:1 crop.
    middle = photo_of(with_subject(at=(0.4, 0.5)), focal_x=0.4, focal_y=0.5)
    square = decoded(middle.renditions["1x1"]["jpeg"][0][2])
    assert is_red(square.getpixel((square.width // 2, square.height // 2)))


def test_the_crop_function_is_reusable_for_any_picture():
    """`crop_to_ratio` cuts a Pillow image to a shape around a point, at the crops' sizes."""
    picture = Image.open(BytesIO(with_subject(at=(0.1, 0.8))))
    square = renditions.crop_to_ratio(picture, (1, 1), (0.1, 0.8))
    assert square.size == (900, 900)
    assert red_share(square) > 0
    assert red_share(renditions.crop_to_ratio(picture, (1, 1))) == 0


# --- moving the point -----------------------------------------------------------------------


def test_moving_the_point_remakes_only_the_crops_and_deletes_the_old_ones_after_commit(
    django_capture_on_commit_callbacks,
):
    """New crop files under new names; the other sizes untouched; the old crops' files stay
    until the commit, then go."""
    photo = photo_of(with_subject(at=(0.9, 0.2)))
    before = photo.renditions
    old_crops = crop_names(before)
    with django_capture_on_commit_callbacks(execute=True):
        photo = move(photo, (0.9, 0.2))
        assert all(default_storage.exists(name) for name in old_crops.values())
    saved = Photo.objects.get(pk=photo.pk)
    assert (saved.focal_x, saved.focal_y) == (0.9, 0.2)
    assert saved.renditions["original"] == before["original"]
    assert all(default_storage.exists(name) for name in original_names(saved.renditions))
    new_crops = crop_names(saved.renditions)
    assert not set(new_crops.values()) & set(old_crops.values())
    assert not any(default_storage.exists(name) for name in old_crops.values())
    for crop, name in new_crops.items():
        assert default_storage.exists(name)
        assert red_share(decoded(name)) > 0, crop


def test_moving_the_point_with_update_fields_saves_the_new_crops_too(
    django_capture_on_commit_callbacks,
):
    """save(update_fields=[focal_x, focal_y]) also stores the record of the new crops."""
    photo = photo_of(with_subject())
    old_crops = crop_names(photo.renditions)
    with django_capture_on_commit_callbacks(execute=True):
        photo = move(photo, (0.2, 0.3), update_fields=["focal_x", "focal_y"])
    saved = Photo.objects.get(pk=photo.pk)
    assert (saved.focal_x, saved.focal_y) == (0.2, 0.3)
    assert saved.renditions == photo.renditions
    assert set(crop_names(saved.renditions).values()).isdisjoint(old_crops.values())
    assert all(default_storage.exists(name) for name in crop_names(photo.renditions).values())


def test_resetting_the_point_makes_centred_crops_again():
    """Emptied again: the crops are the centred ones once more."""
    content = with_subject(at=(0.9, 0.2))
    photo = photo_of(content, focal_x=0.9, focal_y=0.2)
    photo = move(photo, None)
    assert red_share(decoded(photo.renditions["1x1"]["jpeg"][0][2])) == 0


def test_saving_without_moving_the_point_makes_no_new_crops(django_capture_on_commit_callbacks):
    """A caption edit, or the same point again, keeps the record and every file."""
    photo = photo_of(with_subject(), focal_x=0.3, focal_y=0.4)
    before = photo.renditions
    with django_capture_on_commit_callbacks(execute=True):
        photo = Photo.objects.get(pk=photo.pk)
        photo.caption_uk = "Новий підпис"
        photo.focal_x = 0.3
        photo.save()
        # Loaded without its point: nothing can have moved it.
        deferred = Photo.objects.defer("focal_x", "focal_y").get(pk=photo.pk)
        deferred.caption_en = "New caption"
        deferred.save()
    assert Photo.objects.get(pk=photo.pk).renditions == before
    assert all(default_storage.exists(name) for name in crop_names(before).values())


def test_a_photo_built_without_loading_compares_with_the_stored_point():
    """A photo object made by hand (not loaded) still remakes the crops only if the point
    differs from the one stored."""
    photo = photo_of(with_subject(), focal_x=0.3, focal_y=0.4)
    stored = Photo.objects.values().get(pk=photo.pk)
    same = Photo(**stored)
    same.save()
    assert Photo.objects.get(pk=photo.pk).renditions == photo.renditions
    moved = Photo(**{**stored, "focal_x": 0.8})
    moved.save()
    assert crop_names(Photo.objects.get(pk=photo.pk).renditions) != crop_names(photo.renditions)


def test_a_failed_remake_keeps_the_old_crops_and_leaves_no_new_files(monkeypatch, tmp_path):
    """If storing a new crop fails, the save fails whole: the old record, files and point
    stay, and the crops already stored for it are removed."""
    photo = photo_of(with_subject())
    before = photo.renditions
    files = sorted((tmp_path / "media" / "renditions").rglob("*.*"))
    calls = []
    real_save = default_storage.save

    def failing_save(name, content, **kwargs):
        calls.append(name)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_save(name, content, **kwargs)

    monkeypatch.setattr(default_storage, "save", failing_save)
    loaded = Photo.objects.get(pk=photo.pk)
    loaded.focal_x, loaded.focal_y = 0.1, 0.1
    with pytest.raises(OSError, match="disk full"):
        loaded.save()
    assert loaded.renditions is not None and loaded.renditions == before
    assert sorted((tmp_path / "media" / "renditions").rglob("*.*")) == files
    stored = Photo.objects.get(pk=photo.pk)
    assert (stored.focal_x, stored.focal_y, stored.renditions) == (None, None, before)


def test_a_failed_save_after_the_remake_removes_the_new_crops_only(monkeypatch, tmp_path):
    """The database refuses the row: the new crops go, the old files all stay."""
    photo = photo_of(with_subject())
    files = sorted((tmp_path / "media" / "renditions").rglob("*.*"))
    loaded = Photo.objects.get(pk=photo.pk)
    loaded.focal_x, loaded.focal_y = 0.1, 0.1

    def refuse(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr("django.db.models.Model.save_base", refuse)
    with pytest.raises(RuntimeError):
        loaded.save()
    assert sorted((tmp_path / "media" / "renditions").rglob("*.*")) == files
    assert loaded.renditions == photo.renditions


def test_moving_the_point_purges_the_pages_showing_the_photo(client, committed, settings):
    """The cached article page with the photo is made again, with the new crop in its link
    card and structured data."""
    settings.PAGE_CACHE = True
    settings.CACHE_PROXIES = []
    photo = photo_of(with_subject())
    article = live_article(["uk"], hero_photo=photo)
    url = article.get_absolute_url("uk")
    old_card = crop_names(photo.renditions)["16x9"]
    assert client.get(url)["X-Cache"] == "MISS"
    cached = client.get(url)
    assert cached["X-Cache"] == "HIT" and old_card in cached.content.decode()

    photo = committed(lambda: move(photo, (0.8, 0.3)))
    fresh = client.get(url)
    assert fresh["X-Cache"] == "MISS"
    page = fresh.content.decode()
    assert old_card not in page
    assert all(name in page for name in crop_names(photo.renditions).values())


def test_make_renditions_makes_the_crops_around_the_point():
    """The renditions command (all, or --missing-only) crops around each photo's point."""
    photo = photo_of(with_subject(at=(0.9, 0.2)), focal_x=0.9, focal_y=0.2)
    Photo.objects.filter(pk=photo.pk).update(renditions={})
    call_command("make_renditions", "--missing-only", stdout=StringIO())
    remade = Photo.objects.get(pk=photo.pk)
    for name in crop_names(remade.renditions).values():
        assert red_share(decoded(name)) > 0
    call_command("make_renditions", stdout=StringIO())
    again = Photo.objects.get(pk=photo.pk)
    assert red_share(decoded(crop_names(again.renditions)["1x1"])) > 0


# --- the photo form -------------------------------------------------------------------------


def as_user(client, role, username):
    user = member(role, username)
    client.force_login(user)
    return user


def change_url(photo):
    return f"/admin/articles/photo/{photo.pk}/change/"


def test_an_editor_sets_the_point_in_the_photo_form(client):
    """An editor posts the two numbers: the point is stored, the crops follow, and the form
    shows it again with the marker's description."""
    as_user(client, roles.EDITORS, "editor")
    photo = photo_of(with_subject(at=(0.9, 0.2)))
    old_crops = crop_names(photo.renditions)
    page = client.get(change_url(photo))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="id_focal_point_marker"' in html and 'for="id_focal_point_marker"' in html
    assert "focal_point.js" in html
    data = form_data(page)
    assert data["focal_point_0"] == data["focal_point_1"] == ""
    data.update(focal_point_0="0.9", focal_point_1="0.2")
    response = client.post(change_url(photo), data)
    assert response.status_code == 302
    saved = Photo.objects.get(pk=photo.pk)
    assert (saved.focal_x, saved.focal_y) == (0.9, 0.2)
    assert saved.caption_uk == photo.caption_uk
    assert set(crop_names(saved.renditions).values()).isdisjoint(old_crops.values())
    html = client.get(change_url(photo)).content.decode()
    # In the admin's language, as the test runs.
    assert value_text((0.9, 0.2)) in html
    assert 'name="focal_point_0" value="0.9"' in html


def test_a_journalist_sets_the_point_when_uploading_a_new_photo(client):
    """Journalists may add photos: the upload form takes the point, and the crops are made
    around it from the start."""
    as_user(client, roles.JOURNALISTS, "journalist")
    form = client.get(ADD_URL)
    assert 'name="focal_point_0"' in form.content.decode()
    response = client.post(
        ADD_URL,
        {
            "image": SimpleUploadedFile("face.jpg", with_subject(at=(0.1, 0.8)), "image/jpeg"),
            "caption_uk": "Портрет",
            "focal_point_0": "0.1",
            "focal_point_1": "0.8",
        },
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.focal_x, photo.focal_y) == (0.1, 0.8)
    assert red_share(decoded(crop_names(photo.renditions)["1x1"])) > 0


def test_a_journalist_cannot_change_the_point_of_a_photo_in_the_library(client):
    """Changing a library photo is for editors: the journalist sees the point, read-only, and
    a posted change is refused with nothing changed."""
    as_user(client, roles.JOURNALISTS, "journalist")
    photo = photo_of(with_subject(), focal_x=0.25, focal_y=0.75)
    before = Photo.objects.values().get(pk=photo.pk)
    page = client.get(change_url(photo))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="focal_point_0"' not in html
    assert value_text((0.25, 0.75)) in html
    assert 'data-focal-point-readonly data-x="0.25" data-y="0.75"' in html
    response = client.post(
        change_url(photo),
        {"caption_uk": photo.caption_uk, "focal_point_0": "0.9", "focal_point_1": "0.1"},
    )
    assert response.status_code == 403
    assert Photo.objects.values().get(pk=photo.pk) == before


def test_an_ad_manager_cannot_set_a_point(client):
    """Ad managers have no part in photos: the forms are refused and nothing changes."""
    as_user(client, roles.AD_MANAGERS, "admanager")
    photo = photo_of(with_subject())
    before = Photo.objects.values().get(pk=photo.pk)
    point = {"caption_uk": "x", "focal_point_0": "0.9", "focal_point_1": "0.1"}
    assert client.get(change_url(photo)).status_code == 403
    assert client.post(change_url(photo), point).status_code == 403
    assert client.post(ADD_URL, point).status_code == 403
    assert list(Photo.objects.values()) == [before]


@pytest.mark.parametrize(
    ("across", "down", "field"),
    [("0.5", "", "focal_point"), ("1.5", "0.5", "focal_point"), ("left", "0.5", "focal_point")],
    ids=["half", "out-of-range", "not-a-number"],
)
def test_a_bad_point_is_a_form_error_that_keeps_the_text(admin_client, across, down, field):
    """Half a point, a number past the edge or no number: the form comes back with an error
    and everything typed; nothing is saved."""
    photo = photo_of(with_subject())
    data = form_data(admin_client.get(change_url(photo)))
    data.update(caption_uk="Новий підпис редактора", focal_point_0=across, focal_point_1=down)
    response = admin_client.post(change_url(photo), data)
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert "Новий підпис редактора" in response.content.decode()
    saved = Photo.objects.get(pk=photo.pk)
    assert (saved.focal_x, saved.focal_y, saved.renditions) == (None, None, photo.renditions)


def test_emptying_both_numbers_resets_the_point(admin_client):
    """ "Reset to centre" posts two empty numbers: the point is cleared, crops centred again."""
    photo = photo_of(with_subject(at=(0.9, 0.2)), focal_x=0.9, focal_y=0.2)
    data = form_data(admin_client.get(change_url(photo)))
    assert (data["focal_point_0"], data["focal_point_1"]) == ("0.9", "0.2")
    data.update(focal_point_0="", focal_point_1="")
    assert admin_client.post(change_url(photo), data).status_code == 302
    saved = Photo.objects.get(pk=photo.pk)
    assert (saved.focal_x, saved.focal_y) == (None, None)
    assert red_share(decoded(crop_names(saved.renditions)["1x1"])) == 0


def test_the_photo_list_and_the_add_form_still_work_for_editors(client):
    """The admin's photo pages load for an editor, with the preview and the numbers."""
    as_user(client, roles.EDITORS, "editor")
    photo_of(with_subject(), focal_x=0.5, focal_y=0.5)
    assert client.get("/admin/articles/photo/").status_code == 200
    html = client.get(ADD_URL).content.decode()
    assert 'data-file-input="id_image"' in html and gettext("Reset to centre") in html


# --- the demo -------------------------------------------------------------------------------


def test_the_demo_photos_have_focal_points_on_their_figures():
    """seed_demo gives some photos a point on a figure drawn there; run again, nothing
    changes."""
    from articles.demo import catalog
    from articles.management.commands.seed_demo import Command

    command = Command(stdout=StringIO())
    photos = command.seed_photos()
    focal = {key: spec["focal"] for key, spec in catalog.PHOTOS.items() if spec.get("focal")}
    assert len(focal) >= 2
    for key, point in focal.items():
        photo = Photo.objects.get(pk=photos[key].pk)
        assert (photo.focal_x, photo.focal_y) == point
        # The figure's face is at the point, and the square crop shows it whole.
        with photo.image.open("rb"), Image.open(photo.image) as image:
            face = image.convert("RGB").getpixel(
                (round(point[0] * image.width), round(point[1] * image.height))
            )
        assert face == pytest.approx((240, 200, 160), abs=20)
    assert Photo.objects.filter(focal_x__isnull=True).exists()
    before = list(Photo.objects.order_by("pk").values("pk", "focal_x", "focal_y", "renditions"))
    command.seed_photos()
    assert list(Photo.objects.order_by("pk").values("pk", "focal_x", "focal_y", "renditions")) == (
        before
    )


def test_the_photo_forms_are_valid_html(client, tmp_path):
    """The Nu checker finds no error in the upload form, the change form with the point and
    the read-only form."""
    from tests.htmlcheck import html_errors

    photo = photo_of(with_subject(), focal_x=0.25, focal_y=0.75)
    as_user(client, roles.EDITORS, "editor")
    pages = {
        "add": client.get(ADD_URL).content.decode(),
        "change": client.get(change_url(photo)).content.decode(),
    }
    as_user(client, roles.JOURNALISTS, "journalist")
    pages["readonly"] = client.get(change_url(photo)).content.decode()
    assert html_errors(pages, tmp_path) == []
