/* The live desk: the update form and the actions (publish, unpublish, pin, delete) are posted
   with fetch, so the page never reloads; a refused save shows why next to the field and keeps
   the text as typed. The list of the language's updates is refreshed every few seconds, as
   colleagues add theirs. Without scripts the same forms post normally. */
(function () {
  "use strict";
  var gettext = typeof window.gettext === "function" ? window.gettext : function (t) { return t; };
  var desk = document.querySelector(".live-desk");
  if (!desk || !window.fetch) return;
  var form = document.getElementById("desk-form");
  var list = desk.querySelector("[data-desk-list]");
  var listUrl = desk.getAttribute("data-list-url");
  var every = Math.max(2, parseFloat(desk.getAttribute("data-refresh-seconds")) || 10) * 1000;
  var editor = null;
  var sending = 0;

  document.addEventListener("prose-editor:ready", function (event) {
    if (form && form.contains(event.detail.textarea)) editor = event.detail.editor;
  });

  // The editor may have been ready before this script ran: Tiptap keeps it on its element.
  function textEditor() {
    var element = form.querySelector(".ProseMirror");
    return editor || (element && element.editor) || null;
  }

  function setText(html) {
    var textarea = form.querySelector("textarea[name=text]");
    var found = textEditor();
    if (found) found.commands.setContent(html || "", true);
    if (textarea) textarea.value = html || "";
  }

  function say(text, failed) {
    var status = form && form.querySelector("[data-desk-status]");
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("failed", Boolean(failed));
  }

  function clearErrors() {
    form.querySelectorAll("[data-errors]").forEach(function (node) {
      node.hidden = true;
      node.textContent = "";
    });
  }

  function showErrors(errors) {
    clearErrors();
    Object.keys(errors || {}).forEach(function (name) {
      var node = form.querySelector('[data-errors="' + name + '"]') ||
        form.querySelector('[data-errors="__all__"]');
      node.textContent = errors[name].join(" ");
      node.hidden = false;
    });
  }

  function mode(editing) {
    var title = document.getElementById("desk-form-title");
    title.textContent = title.getAttribute(editing ? "data-edit" : "data-new");
    form.querySelectorAll("[data-new-only]").forEach(function (n) { n.hidden = editing; });
    form.querySelectorAll("[data-edit-only]").forEach(function (n) { n.hidden = !editing; });
    var cancel = form.querySelector("[data-cancel]");
    if (cancel) cancel.hidden = !editing;
    desk.classList.toggle("editing", editing);
  }

  function field(name) { return form.elements.namedItem(name); }

  function reset() {
    ["update", "edit_count", "headline", "photo", "embed_url", "at"].forEach(function (name) {
      if (field(name)) field(name).value = "";
    });
    setText("");
    clearErrors();
    mode(false);
  }

  function replaceList(html) {
    if (typeof html === "string" && list.innerHTML !== html) list.innerHTML = html;
  }

  function post(url, body) {
    sending += 1;
    return fetch(url, {
      method: "POST",
      body: body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().catch(function () {
        return { ok: false, errors: { __all__: [gettext("The server could not save it. Try again.")] } };
      }).then(function (data) {
        data.status = response.status;
        return data;
      });
    }).finally(function () { sending -= 1; });
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData(form, event.submitter);
      if (textEditor()) data.set("text", textEditor().getHTML());
      var buttons = form.querySelectorAll("button");
      buttons.forEach(function (b) { b.disabled = true; });
      say(gettext("Saving…"));
      desk.setAttribute("data-state", "saving");
      post(form.action, data).then(function (answer) {
        if (answer.ok) {
          reset();
          replaceList(answer.list_html);
          say(gettext("Saved."));
          desk.setAttribute("data-state", "saved");
        } else {
          showErrors(answer.errors);
          say(gettext("Not saved: see the message. Your text is still here."), true);
          desk.setAttribute("data-state", "failed");
        }
      }, function () {
        say(gettext("Not saved: no connection. Your text is still here; try again."), true);
        desk.setAttribute("data-state", "failed");
      }).finally(function () {
        buttons.forEach(function (b) { b.disabled = false; });
      });
    });
    var cancel = form.querySelector("[data-cancel]");
    if (cancel) cancel.addEventListener("click", function (event) {
      event.preventDefault();
      reset();
    });
  }

  list.addEventListener("click", function (event) {
    var link = event.target.closest("[data-edit]");
    if (!link || !form) return;
    event.preventDefault();
    var row = link.closest("[data-update]");
    field("update").value = row.getAttribute("data-update");
    field("edit_count").value = row.getAttribute("data-edit-count");
    field("headline").value = row.getAttribute("data-headline");
    field("embed_url").value = row.getAttribute("data-embed-url");
    if (field("photo")) field("photo").value = row.getAttribute("data-photo");
    if (field("author")) field("author").value = row.getAttribute("data-author");
    setText(row.getAttribute("data-text"));
    clearErrors();
    mode(true);
    field("headline").focus();
  });

  list.addEventListener("submit", function (event) {
    var action = event.target.closest("form.desk-action");
    if (!action) return;
    event.preventDefault();
    if (action.getAttribute("data-action") === "delete" &&
        !window.confirm(gettext("Delete this update for good?"))) return;
    post(action.action, new FormData(action)).then(function (answer) {
      if (answer.ok) {
        replaceList(answer.list_html);
      } else {
        window.alert(((answer.errors || {}).__all__ || [gettext("Not done.")]).join(" "));
      }
    }, function () { window.alert(gettext("No connection: nothing was changed.")); });
  });

  function refresh() {
    // Not while the person's own request is on its way: its answer brings the list.
    if (sending || document.hidden) return setTimeout(refresh, every);
    fetch(listUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && !sending && !list.contains(document.activeElement)) replaceList(data.list_html);
      })
      .catch(function () {})
      .then(function () { setTimeout(refresh, every); });
  }
  setTimeout(refresh, every);
  desk.setAttribute("data-ready", "");
})();
