/* Search and social preview of each language tab: the headline and description a search result
   and a link card would show, redrawn from the fields as one types, with counters that warn past
   the limits. The server renders the preview and the field names (data-fields). */
(function () {
  "use strict";

  function cut(text, limit) {
    return text.length > limit ? text.slice(0, limit - 1).replace(/\s+$/, "") + "…" : text;
  }

  function value(id) {
    var field = document.getElementById(id);
    return field ? field.value.trim() : "";
  }

  function setUp(box) {
    var fields = JSON.parse(box.dataset.fields);
    var titleLimit = parseInt(box.dataset.titleLimit, 10);
    var descriptionLimit = parseInt(box.dataset.descriptionLimit, 10);
    var warning = box.querySelector(".seo-warning");
    box.querySelectorAll(".seo-domain").forEach(function (el) { el.textContent = location.host; });
    var inputs = Object.keys(fields).map(function (key) { return document.getElementById(fields[key]); });
    // A read-only form has no fields to follow: the server's preview stands.
    if (!inputs.some(Boolean)) return;

    function count(counter, length, limit) {
      counter.textContent = length + "/" + limit;
      var over = length > limit;
      counter.classList.toggle("over-limit", over);
      return over;
    }

    function redraw() {
      var title = value(fields.seo_title) || value(fields.title);
      var description = value(fields.meta_description) || value(fields.lead);
      box.querySelectorAll(".seo-title").forEach(function (el) { el.textContent = cut(title, titleLimit); });
      box.querySelectorAll(".seo-description").forEach(function (el) {
        el.textContent = cut(description, descriptionLimit);
      });
      var over = count(box.querySelector(".seo-title-counter"), title.length, titleLimit);
      over = count(box.querySelector(".seo-description-counter"), description.length, descriptionLimit) || over;
      warning.hidden = !over;
    }

    inputs.forEach(function (field) {
      if (field) field.addEventListener("input", redraw);
    });
    redraw();
  }

  function init() {
    document.querySelectorAll(".seo-preview").forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
