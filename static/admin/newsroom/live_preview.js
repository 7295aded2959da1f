/* Beside the form: the public page of the language being edited, from what is typed and not
   saved yet (refreshed a second after one stops typing), and the preview links of each language
   (created and revoked without leaving the form, so no typed text is lost). */
(function () {
  "use strict";
  var DELAY = 1000;

  // Django's catalog (/admin/jsi18n/) when loaded; called as gettext("…") so makemessages finds
  // the texts.
  var gettext = typeof window.gettext === "function" ? window.gettext : function (text) { return text; };

  function csrf() {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    return token ? token.value : "";
  }

  function activeLanguage() {
    var tab = document.querySelector(".language-tabs [role=tab][aria-selected=true]");
    return tab ? tab.dataset.lang : "uk";
  }

  function setUpLivePreview(form) {
    var toggles = document.querySelectorAll(".live-preview-toggle");
    if (!toggles.length) return;
    var urls = {};
    toggles.forEach(function (button) { urls[button.dataset.language] = button.dataset.url; });
    var pane = null, frame = null, sender = null, timer = null, on = false, scroll = 0;

    function build() {
      pane = document.createElement("aside");
      pane.className = "live-preview-pane";
      pane.setAttribute("aria-label", gettext("Preview beside the form"));
      frame = document.createElement("iframe");
      frame.name = "live-preview-frame";
      frame.title = gettext("Preview of the page, not saved");
      frame.className = "live-preview-frame";
      pane.appendChild(frame);
      frame.addEventListener("load", function () {
        try { frame.contentWindow.scrollTo(0, scroll); } catch (e) { /* not ours */ }
      });
      // Outside the article form, so nothing of it is ever submitted with the article.
      sender = document.createElement("form");
      sender.method = "post";
      sender.target = frame.name;
      sender.hidden = true;
      document.body.appendChild(sender);
      document.body.appendChild(pane);
    }

    function refresh() {
      if (!on) return;
      var language = activeLanguage();
      if (!urls[language]) return;
      try { scroll = frame.contentWindow.scrollY || 0; } catch (e) { scroll = 0; }
      while (sender.firstChild) sender.removeChild(sender.firstChild);
      new FormData(form).forEach(function (value, name) {
        if (typeof value !== "string") return;  // files are not previewed
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = value;
        sender.appendChild(input);
      });
      sender.action = urls[language];
      sender.submit();
    }

    function later() {
      if (!on) return;
      clearTimeout(timer);
      timer = setTimeout(refresh, DELAY);
    }

    function toggle() {
      on = !on;
      if (on && !pane) build();
      pane.hidden = !on;
      document.body.classList.toggle("live-preview-on", on);
      toggles.forEach(function (button) {
        button.setAttribute("aria-pressed", on ? "true" : "false");
        button.textContent = on ? gettext("Hide the preview") : gettext("Preview beside the form");
      });
      if (on) refresh();
    }

    toggles.forEach(function (button) { button.addEventListener("click", toggle); });
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    // The rich-text editors write their text into the form a moment after a key press.
    document.addEventListener("keyup", function (event) {
      if (form.contains(event.target)) later();
    });
    document.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest(".language-tabs [role=tab]")) later();
    });
  }

  function post(url, data) {
    data.append("csrfmiddlewaretoken", csrf());
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(), "X-Requested-With": "XMLHttpRequest" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) throw new Error(body.error || gettext("The preview link could not be changed."));
        return body;
      });
    });
  }

  function setUpLinks() {
    // Enter in the link's fields makes the link, rather than saving the whole article.
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || !event.target.closest) return;
      var box = event.target.closest(".preview-link-new");
      if (!box) return;
      event.preventDefault();
      box.querySelector(".preview-link-create").click();
    });
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest(".preview-link-create, .preview-link-revoke") : null;
      if (!button) return;
      var box = button.closest(".preview-links");
      var error = box.querySelector(".preview-link-error");
      var data = new FormData();
      var url;
      if (button.classList.contains("preview-link-create")) {
        url = box.dataset.createUrl;
        data.append("language", box.dataset.language);
        data.append("hours", box.querySelector(".preview-link-hours").value);
        data.append("note", box.querySelector(".preview-link-note").value);
      } else {
        url = button.dataset.url;
      }
      button.disabled = true;
      post(url, data).then(function (body) {
        var holder = document.createElement("div");
        holder.innerHTML = body.html;
        box.replaceWith(holder.firstElementChild);
      }).catch(function (problem) {
        button.disabled = false;
        if (error) {
          error.textContent = problem.message;
          error.hidden = false;
        }
      });
    });
  }

  function init() {
    var form = document.querySelector("#article_form");
    if (form) setUpLivePreview(form);
    setUpLinks();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
