/* Translating in the article form: the offer to start an empty language from another one, and
   the original's title, lead and blocks shown in the tab of a language being translated, each
   original block above the translation's block at the same place in the order. The parts are
   rendered by the server after the form (templates/admin/articles/article/_translation.html);
   this script moves them into the language's tab. */
(function () {
  "use strict";
  var gettext = typeof window.gettext === "function" ? window.gettext : function (text) { return text; };
  var ROW = ".inline-related:not(.empty-form)";

  function paneOf(code) {
    // The tab's own fieldset (title, lead, state), not the body's inline group.
    var panes = document.querySelectorAll("fieldset.language-pane.lang-" + code);
    for (var i = 0; i < panes.length; i++) {
      if (!panes[i].closest(".inline-group")) return panes[i];
    }
    return null;
  }

  function putAtTop(pane, node) {
    var heading = pane.querySelector("h2");
    pane.insertBefore(node, heading ? heading.nextSibling : pane.firstChild);
  }

  function formState(form) {
    var parts = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && name !== "csrfmiddlewaretoken") parts.push(name + "=" + value);
    });
    return parts.join("&");
  }

  // Starting a translation reloads the form: changes not yet saved would be lost with it.
  function guardOffers(form) {
    var loaded = null;
    window.addEventListener("load", function () { loaded = formState(form); });
    document.querySelectorAll(".translation-start").forEach(function (button) {
      button.addEventListener("click", function (event) {
        if (loaded === null || loaded === formState(form)) return;
        event.preventDefault();
        var offer = button.closest(".translation-offer");
        var note = offer && offer.querySelector(".translation-unsaved-changes");
        if (note) note.hidden = false;
      });
    });
  }

  function showOriginals(list) {
    var code = list.dataset.language;
    var group = document.getElementById("blocks-" + code + "-group");
    if (!group) return;
    var originals = Array.prototype.slice.call(list.querySelectorAll(".original-block"));
    list.hidden = true;

    function pair() {
      group.querySelectorAll(".original-beside").forEach(function (node) { node.remove(); });
      Array.prototype.forEach.call(group.querySelectorAll(ROW), function (row, index) {
        if (!originals[index]) return;
        var copy = originals[index].cloneNode(true);
        copy.classList.add("original-beside");
        var heading = row.querySelector("h3");
        row.insertBefore(copy, heading ? heading.nextSibling : row.firstChild);
      });
    }
    pair();
    // Blocks added, removed or moved: the originals follow the new order.
    var pending = false;
    new MutationObserver(function (mutations) {
      var rowsMoved = mutations.some(function (mutation) {
        return Array.prototype.some.call(mutation.addedNodes, isRow) ||
          Array.prototype.some.call(mutation.removedNodes, isRow);
      });
      if (!rowsMoved || pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; pair(); });
    }).observe(group, {childList: true, subtree: true});

    var toggle = document.querySelector(".translation-originals-toggle[data-language='" + code + "']");
    if (toggle) {
      toggle.addEventListener("click", function () {
        var hide = !group.classList.contains("originals-hidden");
        group.classList.toggle("originals-hidden", hide);
        toggle.setAttribute("aria-pressed", hide ? "true" : "false");
        toggle.textContent = hide
          ? gettext("Show the original above each block")
          : gettext("Hide the original above each block");
      });
    }
  }

  function isRow(node) {
    return node.nodeType === 1 && node.classList.contains("inline-related");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var parts = document.getElementById("translation-parts");
    if (!parts) return;
    parts.querySelectorAll(".translation-offer, .translation-original-head").forEach(function (node) {
      var pane = paneOf(node.dataset.language);
      if (pane) putAtTop(pane, node);
    });
    parts.querySelectorAll(".translation-originals").forEach(showOriginals);
    var form = document.querySelector("#article_form");
    if (form) guardOffers(form);
  });
})();
