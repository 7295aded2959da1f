/* Article form: one tab per language (title, lead, state and body of that language together),
   the check-in while the form is open, and Ctrl+S. The body blocks' tools are in blocks.js.
   Without JavaScript every pane is shown one after another and every field is visible. */
(function () {
  "use strict";
  var LANGS = [["uk", "Українська"], ["ru", "Русский"], ["en", "English"]];

  function panes(code) {
    return document.querySelectorAll(".language-pane.lang-" + code);
  }

  function buildTabs() {
    var first = document.querySelector(".language-pane");
    if (!first) return;
    // Bring each language's fields down to its body, after the shared authors/tags/related.
    var firstBody = document.querySelector(".inline-group .language-pane");
    if (firstBody && first !== firstBody) {
      var anchor = firstBody.closest(".inline-group");
      document.querySelectorAll("fieldset.language-pane").forEach(function (pane) {
        if (!pane.closest(".inline-group")) anchor.parentNode.insertBefore(pane, anchor);
      });
      first = document.querySelector(".language-pane");
    }
    // Each pane in its language: the browser spell-checks the text against it.
    LANGS.forEach(function (pair) {
      panes(pair[0]).forEach(function (pane) { pane.setAttribute("lang", pair[0]); });
    });
    var bar = document.createElement("div");
    bar.className = "language-tabs";
    bar.setAttribute("role", "tablist");
    var buttons = {};
    LANGS.forEach(function (pair) {
      var button = document.createElement("button");
      button.type = "button";
      button.setAttribute("role", "tab");
      button.dataset.lang = pair[0];
      button.textContent = pair[1];
      var hasErrors = Array.prototype.some.call(panes(pair[0]), function (pane) {
        return pane.querySelector(".errorlist, .errors");
      });
      if (hasErrors) button.classList.add("has-errors");
      button.addEventListener("click", function () { show(pair[0]); });
      buttons[pair[0]] = button;
      bar.appendChild(button);
    });
    first.parentNode.insertBefore(bar, first);

    function show(code) {
      LANGS.forEach(function (pair) {
        var active = pair[0] === code;
        buttons[pair[0]].setAttribute("aria-selected", active ? "true" : "false");
        panes(pair[0]).forEach(function (pane) { pane.hidden = !active; });
      });
      try { sessionStorage.setItem("article-language-tab", code); } catch (e) { /* private mode */ }
    }
    var withErrors = LANGS.filter(function (pair) { return buttons[pair[0]].classList.contains("has-errors"); });
    var remembered = null;
    try { remembered = sessionStorage.getItem("article-language-tab"); } catch (e) { /* ignore */ }
    // #lang-en in the address opens that tab (links from the translation debt, the dashboard).
    var asked = (window.location.hash.match(/^#lang-(\w+)$/) || [])[1];
    if (!Object.prototype.hasOwnProperty.call(buttons, asked)) asked = null;
    show(withErrors.length ? withErrors[0][0] : (asked || remembered || "uk"));
  }

  // The check-in (every minute, and before each save): tell the server the form is still open,
  // learn who else has it open, and take the current CSRF token, so that a save after a long
  // writing session, or after logging in again in another tab, goes through. If the session has
  // ended, say so: the page and its text stay.
  function checkIn(status) {
    return fetch(status.dataset.heartbeatUrl, {
      credentials: "same-origin", redirect: "manual", cache: "no-store",
      headers: {"X-Requested-With": "XMLHttpRequest"}
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (data) {
      document.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (input) {
        input.value = data.csrf;
      });
      status.classList.remove("expired");
      if (data.can_edit === false) {
        status.classList.add("expired");
        status.textContent = status.dataset.lostRightsMessage;
        return;
      }
      status.textContent = data.others.length
        ? status.dataset.othersMessage + " " + data.others.map(function (o) { return o.name + " (" + o.since + ")"; }).join(", ")
        : "";
    }).catch(function (error) {
      status.classList.add("expired");
      status.textContent = status.dataset.expiredMessage;
      throw error;
    });
  }

  // Save only after a successful check-in; otherwise keep the page and point at the message.
  function guardSubmit(status) {
    var form = document.querySelector("#article_form");
    if (!form) return;
    form.addEventListener("submit", function (event) {
      if (form.dataset.checked === "1") return;
      event.preventDefault();
      var button = event.submitter;
      checkIn(status).then(function () {
        if (button && button.name) {
          var pressed = document.createElement("input");
          pressed.type = "hidden"; pressed.name = button.name; pressed.value = button.value;
          form.appendChild(pressed);
        }
        form.dataset.checked = "1";
        form.submit();
      }).catch(function () {
        status.scrollIntoView({block: "center"});
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var status = document.getElementById("editing-status");
    if (status && window.fetch) {
      var quietly = function () { checkIn(status).catch(function () { /* shown in the status */ }); };
      quietly();
      window.setInterval(quietly, 60000);
      guardSubmit(status);
      // Leaving the page (closing it, going elsewhere, saving): "I have left", so colleagues
      // do not see "is editing" for two more minutes. The form's CSRF token goes along.
      window.addEventListener("pagehide", function () {
        var token = document.querySelector("input[name=csrfmiddlewaretoken]");
        if (!navigator.sendBeacon || !token) return;
        var body = new FormData();
        body.append("csrfmiddlewaretoken", token.value);
        navigator.sendBeacon(status.dataset.heartbeatUrl, body);
      });
    }
    buildTabs();
    // Ctrl+S / ⌘S saves and stays on the form ("Save and continue editing"), as in a word
    // processor, instead of the browser's "save page as".
    document.addEventListener("keydown", function (event) {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === "s" || event.key === "S")) {
        var button = document.querySelector("#article_form input[name=_continue]");
        if (!button) return;
        event.preventDefault();
        button.click();
      }
    });
  });
})();
