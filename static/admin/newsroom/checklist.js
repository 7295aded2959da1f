/* The publish checklist of each language tab follows what is typed: a moment after one stops
   typing, the form (unsaved) is judged on the server and each tab's list is replaced. Nothing
   is saved. Without JavaScript the list shows the article as stored. */
(function () {
  "use strict";
  var DELAY = 800;

  function init() {
    var form = document.querySelector("#article_form");
    var boxes = document.querySelectorAll(".publish-checklist[data-url]");
    if (!form || !boxes.length) return;
    var url = boxes[0].dataset.url;
    var timer = null, asked = 0;

    function refresh() {
      var mine = ++asked;
      fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (lists) {
          // Only the newest answer counts: an older one may arrive last.
          if (!lists || mine !== asked) return;
          boxes.forEach(function (box) {
            var html = lists[box.dataset.language];
            if (typeof html === "string") box.innerHTML = html;
          });
          form.dispatchEvent(new CustomEvent("checklist:updated"));
        })
        .catch(function () { /* offline: the list stays as it was */ });
    }

    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, DELAY);
    }

    form.addEventListener("input", later);
    form.addEventListener("change", later);
    // The autocompletes (hero photo, tags) announce a choice through jQuery only.
    if (window.django && window.django.jQuery) window.django.jQuery(form).on("change", later);
    // Rows added or removed (blocks, tags) and autocompletes choosing a value.
    document.addEventListener("formset:added", later);
    document.addEventListener("formset:removed", later);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
