"""The focal point marker in a real browser: a click on the preview, a drag, the arrow keys and
"Reset to centre" set the point the form saves; the marker is labelled and described; the upload
form previews the chosen file; no CSP violation on the way (the `page` fixture)."""

import re
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from PIL import Image
from playwright.sync_api import expect

from articles import roles
from articles.models import Photo
from tests.browser import accessibility_violations, screenshot
from tests.factories import PhotoFactory, member
from tests.twofactor import sign_in_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's


def picture(size=(1600, 900)):
    buffer = BytesIO()
    image = Image.new("RGB", size, (128, 128, 128))
    image.paste((220, 0, 0), (1300, 100, 1500, 300))
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def sign_in(page, live_server, role, username):
    sign_in_in_browser(page, live_server.url, member(role, username), PASSWORD)


def percent_of(style_value):
    return float(re.fullmatch(r"([\d.]+)%", style_value).group(1))


def marker_at(page):
    marker = page.locator(".focal-point-marker")
    return (
        percent_of(marker.evaluate("m => m.style.left")),
        percent_of(marker.evaluate("m => m.style.top")),
    )


def test_editor_clicks_the_point_moves_it_with_the_keys_and_saves_it(page, live_server):
    """A click on the preview puts the marker and the numbers there and focuses the marker;
    the arrow keys move it (Shift: ten times as far); saving stores the point and new crops."""
    photo = PhotoFactory(image=ContentFile(picture(), name="face.jpg"))
    old_crop = photo.renditions["1x1"]["jpeg"][0][2]
    sign_in(page, live_server, roles.EDITORS, "editor")
    page.goto(f"{live_server.url}/admin/articles/photo/{photo.pk}/change/")

    marker = page.locator(".focal-point-marker")
    expect(marker).to_be_visible()
    # Named by the field's label, described by the point in words and how to move it.
    expect(marker).to_have_accessible_name(re.compile("Focal point|Фокус", re.IGNORECASE))
    description = marker.evaluate(
        "m => m.getAttribute('aria-describedby').split(' ')"
        ".map(id => document.getElementById(id).textContent).join(' ')"
    )
    value = page.locator(".focal-point-value")
    help_text = page.locator(".focal-point-help").text_content()
    assert value.inner_text() in description and help_text in description
    assert len(help_text) > 80  # how to move it: click, or the arrow keys
    centred_text = value.inner_text()
    expect(page.locator(".focal-point-crop")).to_have_count(3)

    image = page.locator(".focal-point-image")
    box = image.bounding_box()
    image.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.25})
    expect(marker).to_be_focused()
    across, down = page.locator("#id_focal_point_0"), page.locator("#id_focal_point_1")
    assert float(across.input_value()) == pytest.approx(0.8, abs=0.02)
    assert float(down.input_value()) == pytest.approx(0.25, abs=0.02)
    assert marker_at(page) == pytest.approx((80, 25), abs=2)
    expect(value).not_to_have_text(centred_text)
    expect(value).to_contain_text("%")
    # The square crop's frame moved right with the point.
    square = page.locator(".focal-point-crop-1x1")
    assert square.evaluate("f => parseFloat(f.style.left)") > 40

    x, y = float(across.input_value()), float(down.input_value())
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    page.keyboard.press("Shift+ArrowDown")
    expect(across).to_have_value(str(round(x - 0.03, 2)))
    expect(down).to_have_value(str(round(y + 0.1, 2)))
    assert marker_at(page) == pytest.approx(((x - 0.03) * 100, (y + 0.1) * 100), abs=0.5)
    # A visible focus: the marker's ring differs from its unfocused look.
    focused_ring = marker.evaluate("m => getComputedStyle(m).boxShadow")
    page.locator("#id_caption_uk").focus()
    assert marker.evaluate("m => getComputedStyle(m).boxShadow") != focused_ring
    screenshot(page, "focal-point-set")

    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    saved = Photo.objects.get(pk=photo.pk)
    assert (saved.focal_x, saved.focal_y) == pytest.approx((x - 0.03, y + 0.1))
    assert saved.renditions["1x1"]["jpeg"][0][2] != old_crop
    # The form shows the saved point again.
    assert marker_at(page) == pytest.approx((saved.focal_x * 100, saved.focal_y * 100), abs=0.5)


def test_dragging_and_resetting_to_the_centre(page, live_server):
    """Dragging the marker follows the pointer; "Reset to centre" empties the point, and saving
    stores none."""
    photo = PhotoFactory(image=ContentFile(picture(), name="face.jpg"), focal_x=0.2, focal_y=0.2)
    sign_in(page, live_server, roles.EDITORS, "editor")
    page.goto(f"{live_server.url}/admin/articles/photo/{photo.pk}/change/")
    assert marker_at(page) == pytest.approx((20, 20), abs=0.5)
    image = page.locator(".focal-point-image")
    box = image.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.7, steps=5)
    page.mouse.up()
    expect(page.locator("#id_focal_point_0")).to_have_value(re.compile(r"^0\.(59|6|61)$"))
    expect(page.locator("#id_focal_point_1")).to_have_value(re.compile(r"^0\.(69|7|71)$"))

    page.get_by_role("button", name=re.compile("Reset to centre|центр", re.IGNORECASE)).click()
    expect(page.locator("#id_focal_point_0")).to_have_value("")
    expect(page.locator("#id_focal_point_1")).to_have_value("")
    assert marker_at(page) == (50, 50)
    expect(page.locator(".focal-point-marker")).to_have_class(re.compile("is-centred"))
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    saved = Photo.objects.get(pk=photo.pk)
    assert (saved.focal_x, saved.focal_y) == (None, None)


def test_the_upload_form_previews_the_chosen_file_and_saves_its_point(page, live_server, tmp_path):
    """A journalist chooses a file: its preview appears, a click sets the point, and the new
    photo's crops are made around it."""
    sign_in(page, live_server, roles.JOURNALISTS, "journalist")
    page.goto(f"{live_server.url}/admin/articles/photo/add/")
    expect(page.locator(".focal-point-frame")).to_be_hidden()
    upload = tmp_path / "face.jpg"
    upload.write_bytes(picture())
    page.set_input_files("#id_image", str(upload))
    image = page.locator(".focal-point-image")
    expect(image).to_be_visible()
    page.wait_for_function(
        "() => document.querySelector('.focal-point-image').naturalWidth === 1600"
    )
    box = image.bounding_box()
    image.click(position={"x": box["width"] * 0.875, "y": box["height"] * 0.22})
    page.fill("#id_caption_uk", "Портрет")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    photo = Photo.objects.get()
    assert (photo.focal_x, photo.focal_y) == pytest.approx((0.875, 0.22), abs=0.02)


def test_the_widget_is_labelled_for_axe_and_read_only_for_journalists(page, live_server):
    """axe finds nothing wrong in the widget (the rest of the admin is Django's); a journalist
    sees the marker placed on a library photo, with nothing to move."""
    photo = PhotoFactory(image=ContentFile(picture(), name="face.jpg"), focal_x=0.3, focal_y=0.6)
    sign_in(page, live_server, "admin", "boss")
    page.goto(f"{live_server.url}/admin/articles/photo/{photo.pk}/change/")
    expect(page.locator(".focal-point-marker")).to_be_visible()
    assert page.csp_violations == []
    problems = [line for line in accessibility_violations(page) if "focal" in line]
    assert problems == []
    # axe itself adds a <style> element, which the admin's policy blocks; the page was clean.
    page.csp_violations.clear()

    page.context.clear_cookies()
    sign_in(page, live_server, roles.JOURNALISTS, "journalist")
    page.goto(f"{live_server.url}/admin/articles/photo/{photo.pk}/change/")
    marker = page.locator(".focal-point-readonly .focal-point-marker")
    expect(marker).to_be_visible()
    assert marker_at(page) == pytest.approx((30, 60), abs=0.5)
    expect(page.locator("#id_focal_point_0")).to_have_count(0)
    expect(page.locator(".focal-point-readonly")).to_contain_text("30%")
