/* The live desk: the update form and the actions (publish, unpublish, pin, delete) are posted
   with fetch, so the page never reloads; a refused save shows why next to the field and keeps
   the text as typed. The list of the language's updates is refreshed every few seconds, as
   colleagues add theirs. Without scripts the same forms post normally.
   The update's blocks (a quote, a photo…) are a Django formset: "Add block" copies its empty
   form, only the fields of the block's type show (as in the article's body), a block is removed
   by ticking its DELETE box and moved by renumbering the positions in the order shown. */
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
    // The update's own text; the blocks' editors have their own textareas' names.
    var textarea = event.detail.textarea;
    if (!form || !form.contains(textarea)) return;
    if (textarea.name === "text") editor = event.detail.editor;
    nameEditor(event.detail.editor, textarea);
  });

  // The editable area is a textbox of its own: it takes its field's label (and its block's
  // number), as in the article form.
  function nameEditor(found, textarea) {
    var label = textarea.id && form.querySelector("label[for='" + textarea.id + "']");
    var dom = found && found.view && found.view.dom;
    if (!label || !dom) return;
    var name = label.textContent.replace(/:\s*$/, "").trim();
    var block = textarea.closest("[data-block]");
    var number = block && block.querySelector("[data-block-number]");
    var legend = block && block.querySelector("legend");
    dom.setAttribute("aria-label", legend && number && number.textContent ? legend.textContent.trim() + ": " + name : name);
  }

  // The editor may have been ready before this script ran: Tiptap keeps it on its element.
  function textEditor() {
    var element = form.querySelector(".field-text:not(.desk-block .field-text) .ProseMirror");
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
    ["update", "edit_count", "headline", "at"].forEach(function (name) {
      if (field(name)) field(name).value = "";
    });
    setText("");
    clearBlocks();
    clearErrors();
    mode(false);
  }

  // --- Blocks ----------------------------------------------------------------------------

  function blocksBox() { return form && form.querySelector("#desk-blocks"); }
  function blocksPrefix() { return blocksBox().getAttribute("data-blocks-prefix"); }
  function management(name) { return field(blocksPrefix() + "-" + name); }
  function blockRows() {
    return Array.prototype.slice.call(blocksBox().querySelectorAll("[data-block]:not([hidden])"));
  }
  var BLOCK_FIELDS = ["text", "attribution", "items", "photo", "url", "link_article"];

  function applyKind(row) {
    var select = row.querySelector("select[data-block-fields]");
    var wanted = null;
    try { wanted = JSON.parse(select.getAttribute("data-block-fields"))[select.value] || null; } catch (e) { wanted = null; }
    BLOCK_FIELDS.forEach(function (name) {
      var line = row.querySelector(".field-" + name);
      if (!line) return;
      var input = line.querySelector("input:not([type=hidden]), textarea, select");
      // A field that still holds text stays visible: nothing is hidden and lost.
      var filled = input && input.value.replace(/<[^>]*>/g, "").trim();
      line.hidden = wanted !== null && wanted.indexOf(name) === -1 && !filled;
    });
  }

  function renumber() {
    blockRows().forEach(function (row, index) {
      var number = row.querySelector("[data-block-number]");
      if (number) number.textContent = String(index + 1);
      var position = row.querySelector("[data-block-position]");
      if (position) position.value = String((index + 1) * 10);
    });
  }

  function prepareBlock(row) {
    // With the buttons, the DELETE box and the position numbers are the script's business.
    row.querySelectorAll("[data-block-move], [data-block-remove]").forEach(function (b) { b.hidden = false; });
    var box = row.querySelector(".desk-block-delete");
    if (box) box.hidden = true;
    var position = row.querySelector(".field-position");
    if (position) position.hidden = true;
    applyKind(row);
  }

  function prepareBlocks() {
    var box = blocksBox();
    if (!box) return;
    var add = box.querySelector("[data-add-block]");
    // Enter in a field submits with the first button: "Publish now", not "Add block".
    if (add) add.type = "button";
    box.querySelectorAll("[data-block]").forEach(prepareBlock);
    renumber();
  }

  function startEditors(row) {
    // The rich-text editor starts in rows Django's own inline script adds (formset:added).
    row.dispatchEvent(new CustomEvent("formset:added", { bubbles: true, detail: { formsetName: blocksPrefix() } }));
  }

  function addBlock(kind) {
    var box = blocksBox();
    var total = management("TOTAL_FORMS");
    var index = parseInt(total.value, 10) || 0;
    var template = box.querySelector("template[data-block-template]");
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
    var row = holder.querySelector("[data-block]");
    box.querySelector("[data-block-list]").appendChild(row);
    total.value = String(index + 1);
    row.querySelector("select[data-block-fields]").value = kind;
    prepareBlock(row);
    renumber();
    startEditors(row);
    var first = row.querySelector(".form-row:not([hidden]):not(.field-kind) .ProseMirror, " +
      ".form-row:not([hidden]):not(.field-kind) input:not([type=hidden]), " +
      ".form-row:not([hidden]):not(.field-kind) textarea");
    (first || row.querySelector("select[data-block-fields]")).focus();
  }

  function removeBlock(row) {
    var rows = blockRows();
    var at = rows.indexOf(row);
    var box = row.querySelector("input[name$='-DELETE']");
    if (box) box.checked = true;
    row.hidden = true;
    renumber();
    var rest = blockRows();
    var next = rest[Math.min(at, rest.length - 1)];
    (next ? next.querySelector("select[data-block-fields]") : form.querySelector("#desk-add-kind")).focus();
  }

  function moveBlock(row, direction) {
    var rows = blockRows();
    var at = rows.indexOf(row);
    var other = rows[at + (direction === "up" ? -1 : 1)];
    if (!other) return;
    if (direction === "up") other.before(row); else other.after(row);
    renumber();
    row.querySelector("[data-block-move='" + direction + "']").focus();
  }

  function clearBlocks() {
    var box = blocksBox();
    if (!box) return;
    box.querySelectorAll("[data-block]").forEach(function (row) { row.remove(); });
    management("TOTAL_FORMS").value = "0";
    management("INITIAL_FORMS").value = "0";
  }

  function loadBlocks(updateId) {
    // The update's blocks as the desk's form shows them for editing (?edit=, as JSON).
    var url = new URL(window.location.href);
    url.searchParams.set("edit", updateId);
    return fetch(url.toString(), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(); })
      .then(function (data) {
        var holder = document.createElement("div");
        holder.innerHTML = data.blocks_html;
        var box = holder.querySelector("#desk-blocks");
        if (!box) return Promise.reject();
        blocksBox().replaceWith(box);
        prepareBlocks();
        box.querySelectorAll("[data-block]").forEach(startEditors);
      });
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
    prepareBlocks();
    // Editors ready before this script ran: named now.
    form.querySelectorAll(".prose-editor").forEach(function (box) {
      var element = box.querySelector(".ProseMirror");
      var textarea = box.querySelector("textarea");
      if (element && element.editor && textarea) nameEditor(element.editor, textarea);
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-add-block], [data-block-move], [data-block-remove]");
      if (!button) return;
      event.preventDefault();
      var row = button.closest("[data-block]");
      if (button.hasAttribute("data-add-block")) addBlock(form.querySelector("#desk-add-kind").value);
      else if (button.hasAttribute("data-block-remove")) removeBlock(row);
      else moveBlock(row, button.getAttribute("data-block-move"));
    });
    form.addEventListener("change", function (event) {
      if (event.target.matches("select[data-block-fields]")) applyKind(event.target.closest("[data-block]"));
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      // Saved before its blocks are in the form, an update would lose them.
      if (form.hasAttribute("data-loading-blocks")) return say(gettext("Loading the update's blocks…"));
      renumber();
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
    if (field("author")) field("author").value = row.getAttribute("data-author");
    setText(row.getAttribute("data-text"));
    clearBlocks();
    clearErrors();
    mode(true);
    field("headline").focus();
    if (row.getAttribute("data-blocks") !== "0") {
      form.setAttribute("data-loading-blocks", "");
      loadBlocks(row.getAttribute("data-update")).catch(function () {
        reset();
        say(gettext("The blocks of this update could not be loaded: reload the page to edit it."), true);
      }).finally(function () { form.removeAttribute("data-loading-blocks"); });
    }
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
