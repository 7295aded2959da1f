/* The photo's focal point (articles/admin/focal_point.py): a click or a drag on the preview, or
   the arrow keys on the focused marker, write the point into the two number inputs the form
   posts; the marker, its description and the crop frames follow them. "Reset to centre" empties
   both. A new file chosen in the form replaces the preview. The read-only form only places the
   marker. Positions are set through the style properties, which the admin's CSP allows (style
   attributes in the HTML it does not). */
(function () {
  "use strict";

  var STEP = 0.01;
  var BIG_STEP = 0.1;
  // As articles/renditions.py CROPS.
  var CROPS = { "16x9": [16, 9], "4x3": [4, 3], "1x1": [1, 1] };
  var MOVES = {
    ArrowLeft: [-1, 0],
    ArrowRight: [1, 0],
    ArrowUp: [0, -1],
    ArrowDown: [0, 1],
  };

  function clamp(value) {
    return Math.min(1, Math.max(0, value));
  }

  function rounded(value) {
    return (Math.round(clamp(value) * 100) / 100).toString();
  }

  function place(element, point) {
    element.style.left = point[0] * 100 + "%";
    element.style.top = point[1] * 100 + "%";
  }

  // The same box as renditions.crop_box, in fractions of the picture.
  function cropBox(width, height, ratio, point) {
    var boxWidth, boxHeight;
    if (width * ratio[1] >= height * ratio[0]) {
      boxWidth = (height * ratio[0]) / ratio[1];
      boxHeight = height;
    } else {
      boxWidth = width;
      boxHeight = (width * ratio[1]) / ratio[0];
    }
    var left = point ? Math.min(Math.max(point[0] * width - boxWidth / 2, 0), width - boxWidth) : (width - boxWidth) / 2;
    var top = point ? Math.min(Math.max(point[1] * height - boxHeight / 2, 0), height - boxHeight) : (height - boxHeight) / 2;
    return [left / width, top / height, boxWidth / width, boxHeight / height];
  }

  function setUp(box) {
    var inputs = box.querySelectorAll(".focal-point-number");
    var across = inputs[0];
    var down = inputs[1];
    var frame = box.querySelector(".focal-point-frame");
    var image = box.querySelector(".focal-point-image");
    if (!image) {
      // The upload form: a picture appears once a file is chosen.
      image = document.createElement("img");
      image.className = "focal-point-image";
      image.alt = "";
      frame.insertBefore(image, frame.firstChild);
    }
    var marker = box.querySelector(".focal-point-marker");
    var value = box.querySelector(".focal-point-value");
    var reset = box.querySelector(".focal-point-reset");
    var crops = box.querySelectorAll(".focal-point-crop");
    var fileInput = box.dataset.fileInput ? document.getElementById(box.dataset.fileInput) : null;
    var dragging = null;

    function read() {
      if (across.value.trim() === "" || down.value.trim() === "") return null;
      var x = parseFloat(across.value);
      var y = parseFloat(down.value);
      if (!isFinite(x) || !isFinite(y) || x < 0 || x > 1 || y < 0 || y > 1) return null;
      return [x, y];
    }

    function describe(point) {
      if (!point) return box.dataset.centredText;
      return box.dataset.valueText
        .replace("%(x)s", Math.round(point[0] * 100))
        .replace("%(y)s", Math.round(point[1] * 100))
        .replace(/%%/g, "%");
    }

    function draw() {
      var point = read();
      place(marker, point || [0.5, 0.5]);
      marker.classList.toggle("is-centred", !point);
      value.textContent = describe(point);
      var width = image.naturalWidth;
      var height = image.naturalHeight;
      crops.forEach(function (frameOfCrop) {
        if (!width || !height) return;
        var found = cropBox(width, height, CROPS[frameOfCrop.dataset.crop], point);
        frameOfCrop.style.left = found[0] * 100 + "%";
        frameOfCrop.style.top = found[1] * 100 + "%";
        frameOfCrop.style.width = found[2] * 100 + "%";
        frameOfCrop.style.height = found[3] * 100 + "%";
        frameOfCrop.hidden = false;
      });
    }

    function set(point) {
      across.value = point ? rounded(point[0]) : "";
      down.value = point ? rounded(point[1]) : "";
      // For whatever else follows the form's fields (the autosave, "unsaved changes").
      [across, down].forEach(function (input) {
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
    }

    function pointAt(event) {
      var rect = image.getBoundingClientRect();
      if (!rect.width || !rect.height) return null;
      return [clamp((event.clientX - rect.left) / rect.width), clamp((event.clientY - rect.top) / rect.height)];
    }

    frame.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) return;
      var point = pointAt(event);
      if (!point) return;
      // No image dragging or text selection; the marker takes the focus for the arrow keys.
      event.preventDefault();
      dragging = event.pointerId;
      frame.setPointerCapture(event.pointerId);
      set(point);
      marker.focus();
    });
    frame.addEventListener("pointermove", function (event) {
      if (dragging !== event.pointerId) return;
      var point = pointAt(event);
      if (point) set(point);
    });
    function stop(event) {
      if (dragging === event.pointerId) dragging = null;
    }
    frame.addEventListener("pointerup", stop);
    frame.addEventListener("pointercancel", stop);

    marker.addEventListener("keydown", function (event) {
      var move = MOVES[event.key];
      if (!move) return;
      event.preventDefault();
      var step = event.shiftKey ? BIG_STEP : STEP;
      var point = read() || [0.5, 0.5];
      set([clamp(point[0] + move[0] * step), clamp(point[1] + move[1] * step)]);
    });

    reset.addEventListener("click", function () {
      set(null);
    });

    across.addEventListener("input", draw);
    down.addEventListener("input", draw);
    image.addEventListener("load", draw);

    if (fileInput) {
      fileInput.addEventListener("change", function () {
        var file = fileInput.files && fileInput.files[0];
        if (!file || !/^image\//.test(file.type)) return;
        // A data: URL: the admin's CSP allows those for images, not blob: ones.
        var reader = new FileReader();
        reader.addEventListener("load", function () {
          image.removeAttribute("width");
          image.removeAttribute("height");
          image.src = reader.result;
          frame.hidden = false;
        });
        reader.readAsDataURL(file);
      });
    }

    [marker, reset.parentNode, box.querySelector(".focal-point-help")].forEach(function (element) {
      element.hidden = false;
    });
    box.classList.add("is-ready");
    draw();
  }

  function setUpReadOnly(box) {
    var marker = box.querySelector(".focal-point-marker");
    if (!marker) return;
    place(marker, [parseFloat(box.dataset.x), parseFloat(box.dataset.y)]);
    marker.hidden = false;
  }

  function init() {
    document.querySelectorAll("[data-focal-point]").forEach(setUp);
    document.querySelectorAll("[data-focal-point-readonly]").forEach(setUpReadOnly);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
