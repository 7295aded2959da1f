/* Autosave in the article form: every few seconds, when something changed, the form's fields go
   to the server as the person's own autosave of this article (never the article itself), and
   once more when the tab is hidden. A line under the form's top says when the text was last
   kept. Leaving the page with changes not saved by a Save asks first: an autosave does not
   count as saved. While an earlier autosave is offered for restoring, nothing new is kept, so
   that it is not overwritten before the person decides. */
(function () {
  "use strict";
  var EVERY = 5000;

  // Django's catalog (/admin/jsi18n/) when loaded; called as gettext("…") so makemessages finds
  // the texts.
  var gettext = typeof window.gettext === "function" ? window.gettext : function (text) { return text; };

  function fields(form) {
    var data = new FormData(form);
    data.delete("csrfmiddlewaretoken");
    // Django's templates for new inline rows are not part of what a Save posts.
    var kept = new URLSearchParams();
    data.forEach(function (value, name) {
      if (typeof value === "string" && name.indexOf("__prefix__") === -1) kept.append(name, value);
    });
    return kept.toString();
  }

  function body(form, serialized) {
    var data = new URLSearchParams(serialized);
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    // The token as the form's heartbeat last refreshed it (article_form.js).
    if (token) data.append("csrfmiddlewaretoken", token.value);
    return data;
  }

  function setUp(box, form) {
    var status = box.querySelector(".autosave-status");
    var offer = document.getElementById("autosave-offer");
    var paused = Boolean(offer);
    // What a Save would store equals what the page opened with; not so for a restored form,
    // nor for one shown again after a refused save (its text is not saved, and perhaps newer
    // than the last autosave: kept at once).
    var saved = box.dataset.unsaved ? null : fields(form);
    var kept = box.dataset.keepNow ? null : fields(form);
    var sending = false;
    var submitting = false;
    // The autosave on its way, if any: a Save cancels it, as it would keep older text (the
    // server also ignores one that arrives after this person's save, see autosave.keep).
    var inFlight = null;

    function say(text, failed) {
      status.textContent = text;
      status.classList.toggle("failed", Boolean(failed));
    }
    // "changed" until what is typed is kept, then "kept" (or "failed"): for the status's
    // styles and for tests, which wait for it.
    function mark(state) { box.dataset.state = state; }
    form.addEventListener("input", function () { mark("changed"); });
    form.addEventListener("change", function () { mark("changed"); });

    // Someone who may no longer write in the article: only their old text to discard.
    if (!box.dataset.keepUrl) { setUpDiscard(); return; }
    if (paused) say(gettext("Autosave is paused until you restore or discard the autosaved text."));

    function keep() {
      if (paused || sending || submitting) return;
      var now = fields(form);
      if (now === kept) { if (box.dataset.state === "changed") mark("kept"); return; }
      sending = true;
      inFlight = window.AbortController ? new AbortController() : null;
      fetch(box.dataset.keepUrl, {
        method: "POST", body: body(form, now), credentials: "same-origin", redirect: "manual",
        headers: {"X-Requested-With": "XMLHttpRequest"},
        signal: inFlight ? inFlight.signal : undefined
      }).then(function (response) {
        if (response.status === 403) {
          paused = true;
          say(gettext("Not kept: you can no longer edit this article."), true);
          mark("failed");
          return null;
        }
        if (response.status === 409) {
          paused = true;
          say(gettext("Not kept: you saved this article after opening this form. Reload it."), true);
          mark("failed");
          return null;
        }
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      }).then(function (answer) {
        if (!answer) return;
        kept = now;
        say(interpolate(gettext("Kept at %s"), [answer.kept_at]));
        mark(fields(form) === kept ? "kept" : "changed");
      }).catch(function () {
        if (submitting) return;  // cancelled by the Save
        say(gettext("Not kept: connection lost"), true);
        mark("failed");
      }).then(function () { sending = false; inFlight = null; });
    }

    // A tab hidden may never come back (closed, the phone locked): keep what is there now.
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState !== "hidden" || paused || submitting) return;
      var now = fields(form);
      if (now === kept || !navigator.sendBeacon) return;
      if (navigator.sendBeacon(box.dataset.keepUrl, body(form, now))) kept = now;
    });
    window.setInterval(keep, EVERY);

    form.addEventListener("submit", function () {
      submitting = true;
      if (inFlight) inFlight.abort();
    });
    // A save that did not go (the check-in before it failed) leaves the person typing again.
    form.addEventListener("input", function () { submitting = false; });
    window.addEventListener("beforeunload", function (event) {
      if (submitting || fields(form) === saved) return;
      event.preventDefault();
      // Older browsers show the prompt only when a value is returned.
      event.returnValue = "";
    });

    setUpDiscard();

    // "Discard it": the earlier text is forgotten, and autosaving (paused for it) goes on.
    function setUpDiscard() {
      if (!offer) return;
      var discard = offer.querySelector(".autosave-discard");
      discard.addEventListener("click", function (event) {
        event.preventDefault();
        discard.disabled = true;
        fetch(box.dataset.discardUrl, {
          method: "POST", body: body(form, ""), credentials: "same-origin", redirect: "manual",
          headers: {"X-Requested-With": "XMLHttpRequest"}
        }).then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          offer.remove();
          paused = false;
          say("");
        }).catch(function () {
          discard.disabled = false;
          say(gettext("Not discarded: connection lost"), true);
        });
      });
    }
  }

  function interpolate(text, values) {
    if (typeof window.interpolate === "function") return window.interpolate(text, values);
    return text.replace("%s", values[0]);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("autosave");
    var form = box && box.closest("form");
    if (!form || !window.fetch || !window.FormData || !window.URLSearchParams) return;
    // After the editors have started (they sync their text into the form's fields as it is
    // typed, not on start), so an untouched form is not taken for a changed one.
    window.addEventListener("load", function () { setUp(box, form); });
  });
})();
