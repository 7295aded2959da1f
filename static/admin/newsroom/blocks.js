/* The body blocks of the article form (one Django inline formset per language): a new block
   asks for its type and then shows only its fields; blocks are inserted anywhere, moved by
   drag and drop, by ↑ ↓ and by Alt+↑ / Alt+↓, collapsed to a one-line summary and duplicated,
   on a new article as on a saved one. Rows are always added through Django's own "Add another"
   link, so that the formset's counts and names stay Django's; the position fields are then
   renumbered in the order shown. Also: word and character counts per language, Ctrl+K for
   links, and the rich-text editor's texts in the admin's language.
   Without JavaScript every field shows and the position fields order the blocks. */
(function () {
  "use strict";
  // The admin's catalog (/admin/jsi18n/). The texts are written out in gettext calls below,
  // which is what makemessages collects.
  var gettext = typeof window.gettext === "function" ? window.gettext : function (text) { return text; };
  var ngettext = typeof window.ngettext === "function" ? window.ngettext : function (one, many, n) { return n === 1 ? one : many; };
  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (match, key) { return String(values[key]); });
  }

  var ROW = ".inline-related:not(.empty-form)";
  var CONTENT_FIELDS = ["text", "attribution", "items", "photo", "url", "link_article"];
  var LANGUAGES = ["uk", "ru", "en"];

  function isBlockGroup(group) {
    return !!(group && group.querySelector("select[data-block-fields]"));
  }
  function groupOf(node) {
    var group = node && node.closest && node.closest(".inline-group");
    return isBlockGroup(group) ? group : null;
  }
  function rowsOf(group) {
    return Array.prototype.slice.call(group.querySelectorAll(ROW));
  }
  function prefixOf(group) {
    return group.id.replace(/-group$/, "");
  }
  function field(row, name) {
    return row.querySelector("[name$='-" + name + "']:not([type=hidden])");
  }
  var decoder = document.createElement("textarea");
  function plainText(html) {
    // Lines end at paragraphs, items and breaks: their words must not run together.
    var spaced = String(html || "").replace(/<(?:br|\/p|\/li|\/h\d)[^>]*>/gi, " ");
    // A textarea's markup is text: entities are decoded, no element is made (or styled).
    decoder.innerHTML = spaced.replace(/<[^>]*>/g, "");
    return decoder.value.replace(/\s+/g, " ").trim();
  }

  // --- Only the fields of the block's type -------------------------------------------------

  function fieldsFor(select) {
    // No type chosen yet: only the type is asked for (fields that hold text still show).
    if (!select.value) return [];
    try { return JSON.parse(select.dataset.blockFields)[select.value] || null; } catch (e) { return null; }
  }

  function applyKind(select) {
    var row = select.closest(".inline-related");
    if (!row) return;
    // A subheading is one line of plain text: its editor offers no bold or lists (see CSS).
    row.dataset.kind = select.value;
    var wanted = fieldsFor(select);
    CONTENT_FIELDS.forEach(function (name) {
      var line = row.querySelector(".field-" + name);
      if (!line) return;
      var input = line.querySelector("input:not([type=hidden]), textarea, select");
      // An editor's empty value is markup without words ("<p></p>"): that counts as empty.
      var filled = input && input.value.replace(/<[^>]*>/g, "").trim();
      // A field that still holds text stays visible, so nothing is hidden and lost.
      line.hidden = wanted !== null && wanted.indexOf(name) === -1 && !filled;
    });
    updateSummary(row);
  }

  // --- Order -------------------------------------------------------------------------------

  // A form sent back (a refused save, a restored autosave) lists its rows in the formset's
  // order, saved blocks first, not in the order the journalist gave them; the next move would
  // then renumber them as shown and lose that order. So they are shown by their positions
  // again; rows without one keep their order after the others. Only the page's order changes:
  // the forms' indexes, which tie saved rows to their blocks, stay Django's.
  function sortByPosition(group) {
    var rows = rowsOf(group);
    if (rows.length < 2) return;
    var keyed = rows.map(function (row, index) {
      var input = row.querySelector("input[name$='-position']");
      var value = input && input.value.trim() !== "" ? Number(input.value) : NaN;
      return {row: row, index: index, position: isFinite(value) ? value : null};
    });
    keyed.sort(function (a, b) {
      if (a.position === null || b.position === null) {
        if (a.position !== b.position) return a.position === null ? 1 : -1;
      } else if (a.position !== b.position) {
        return a.position - b.position;
      }
      return a.index - b.index;
    });
    if (keyed.every(function (item, index) { return item.index === index; })) return;
    var parent = rows[0].parentNode;
    var next = rows[rows.length - 1].nextSibling;
    keyed.forEach(function (item) { parent.insertBefore(item.row, next); });
  }

  function renumber(group) {
    var position = 10;
    rowsOf(group).forEach(function (row) {
      var input = row.querySelector("input[name$='-position']");
      if (input) { input.value = position; position += 10; }
    });
  }

  // Django's ✕ on a new row re-indexes every row of the formset in the order shown; with rows
  // moved, a new row could then take a saved row's index (Django would read it as that saved
  // block without its id). Saved rows take the first indexes again, new rows the others.
  function reindex(group) {
    var prefix = prefixOf(group);
    var initial = document.getElementById("id_" + prefix + "-INITIAL_FORMS");
    var rows = rowsOf(group);
    var saved = rows.filter(function (row) { return row.classList.contains("has_original"); });
    if (!initial || saved.length !== parseInt(initial.value, 10)) return;
    var fresh = rows.filter(function (row) { return !row.classList.contains("has_original"); });
    var pattern = new RegExp("(" + prefix + "-(\\d+|__prefix__))");
    saved.concat(fresh).forEach(function (row, index) {
      var replacement = prefix + "-" + index;
      [row].concat(Array.prototype.slice.call(row.querySelectorAll("*"))).forEach(function (el) {
        if (el.htmlFor) el.htmlFor = el.htmlFor.replace(pattern, replacement);
        if (el.id) el.id = el.id.replace(pattern, replacement);
        if (el.name) el.name = el.name.replace(pattern, replacement);
      });
    });
  }

  function announce(group, text) {
    var live = group.querySelector(".block-announcer");
    if (live) live.textContent = text;
  }

  function announcePosition(row) {
    var group = groupOf(row);
    var rows = rowsOf(group);
    announce(group, format(gettext("Block moved to position %(position)s of %(count)s"), {
      position: rows.indexOf(row) + 1, count: rows.length
    }));
  }

  // Moving a node out of the document and back takes the focus away: give it back, to the
  // editor (with its cursor) or to the control that had it.
  function focusState(row) {
    var focused = row.contains(document.activeElement) ? document.activeElement : null;
    var editorDom = focused && focused.closest(".ProseMirror");
    var editor = editorDom && editorDom.editor;
    return {element: focused, editor: editor, selection: editor && cursorOf(editor, editorDom)};
  }

  // The editor learns where the cursor is from the browser's "selectionchange", a moment after
  // it moved: Alt+↑ pressed right after End or a click would find the old place. The browser's
  // own selection is where it is now.
  function cursorOf(editor, dom) {
    var selection = window.getSelection();
    if (selection && selection.rangeCount && dom.contains(selection.anchorNode) &&
        dom.contains(selection.focusNode)) {
      try {
        var anchor = editor.view.posAtDOM(selection.anchorNode, selection.anchorOffset);
        var head = editor.view.posAtDOM(selection.focusNode, selection.focusOffset);
        return {from: Math.min(anchor, head), to: Math.max(anchor, head)};
      } catch (e) { /* not a place in the document: the editor's own selection then */ }
    }
    return {from: editor.state.selection.from, to: editor.state.selection.to};
  }

  function refocus(state) {
    if (state.editor) {
      state.editor.chain().focus().setTextSelection({
        from: state.selection.from, to: state.selection.to
      }).run();
    } else if (state.element && document.contains(state.element)) {
      state.element.focus();
    }
  }

  function place(row, reference, after) {
    var focused = focusState(row);
    if (after) reference.after(row); else reference.before(row);
    renumber(groupOf(row));
    refocus(focused);
  }

  function move(row, step) {
    var rows = rowsOf(groupOf(row));
    var target = rows[rows.indexOf(row) + step];
    if (!target) {
      announcePosition(row);
      return;
    }
    place(row, target, step > 0);
    announcePosition(row);
  }

  // --- New rows ----------------------------------------------------------------------------

  // A new row made by Django's "Add another" link (its formset:added event sets it up),
  // or null when the formset takes no more.
  function addRow(group) {
    var link = group.querySelector(".add-row a");
    if (!link) return null;
    var before = rowsOf(group).length;
    link.click();
    var rows = rowsOf(group);
    return rows.length > before ? rows[rows.length - 1] : null;
  }

  function insertAt(group, afterRow) {
    var row = addRow(group);
    if (!row) return null;
    var first = rowsOf(group)[0];
    if (afterRow) afterRow.after(row);
    else if (first !== row) first.before(row);
    renumber(group);
    var kind = row.querySelector("select[data-block-fields]");
    if (kind) kind.focus();
    return row;
  }

  function editorOf(textarea) {
    var box = textarea.closest(".prose-editor");
    var dom = box && box.querySelector(".ProseMirror");
    return dom && dom.editor ? dom.editor : null;
  }

  function setRichText(textarea, html) {
    textarea.value = html;
    var editor = editorOf(textarea);
    if (editor) {
      editor.commands.setContent(html);
      return;
    }
    textarea.addEventListener("prose-editor:ready", function (event) {
      event.detail.editor.commands.setContent(html);
    }, {once: true});
  }

  function copyChoice(from, to) {
    // An autocomplete's choice is its one <option>: copied with its label (and thumbnail).
    to.innerHTML = "";
    Array.prototype.forEach.call(from.options, function (option) {
      to.appendChild(option.cloneNode(true));
    });
    to.value = from.value;
    if (window.django && window.django.jQuery) window.django.jQuery(to).trigger("change");
  }

  function duplicate(row) {
    var group = groupOf(row);
    var copy = addRow(group);
    if (!copy) return;
    row.after(copy);
    var kind = copy.querySelector("select[data-block-fields]");
    kind.value = row.querySelector("select[data-block-fields]").value;
    ["attribution", "url"].forEach(function (name) {
      var from = field(row, name), to = field(copy, name);
      if (from && to) to.value = from.value;
    });
    ["photo", "link_article"].forEach(function (name) {
      var from = row.querySelector("select[name$='-" + name + "']");
      var to = copy.querySelector("select[name$='-" + name + "']");
      if (from && to && from.value) copyChoice(from, to);
    });
    ["text", "items"].forEach(function (name) {
      var from = row.querySelector("textarea[name$='-" + name + "']");
      var to = copy.querySelector("textarea[name$='-" + name + "']");
      if (from && to && from.value) setRichText(to, from.value);
    });
    applyKind(kind);
    renumber(group);
    if (row.classList.contains("block-collapsed")) setCollapsed(copy, true);
    copy.querySelector(".block-duplicate").focus();
    announce(group, format(gettext("Block duplicated: now at position %(position)s of %(count)s"), {
      position: rowsOf(group).indexOf(copy) + 1, count: rowsOf(group).length
    }));
    updateCounts();
  }

  // --- Collapse ----------------------------------------------------------------------------

  function summaryOf(row) {
    var kind = row.querySelector("select[data-block-fields]");
    var label = kind && kind.value ? kind.options[kind.selectedIndex].text : gettext("No type yet");
    var words = "";
    ["text", "items", "attribution", "url"].some(function (name) {
      var input = field(row, name);
      words = input ? plainText(input.value) : "";
      return words;
    });
    if (!words) {
      ["photo", "link_article"].some(function (name) {
        var select = row.querySelector("select[name$='-" + name + "']");
        words = select && select.value ? select.options[select.selectedIndex].text : "";
        return words;
      });
    }
    var first = words.split(" ").slice(0, 10).join(" ");
    if (first.length > 90) first = first.slice(0, 90);
    return first ? label + ": " + first + (first.length < words.length ? "…" : "") : label;
  }

  function updateSummary(row) {
    var summary = row.querySelector(".block-summary");
    if (summary && row.classList.contains("block-collapsed")) summary.textContent = summaryOf(row);
  }

  function setCollapsed(row, collapsed) {
    row.classList.toggle("block-collapsed", collapsed);
    var toggle = row.querySelector(".block-collapse");
    if (toggle) {
      toggle.setAttribute("aria-expanded", collapsed ? "false" : "true");
      toggle.textContent = collapsed ? "▸" : "▾";
      toggle.title = collapsed ? gettext("Expand block") : gettext("Collapse block");
      toggle.setAttribute("aria-label", toggle.title);
    }
    var summary = row.querySelector(".block-summary");
    if (summary) summary.textContent = collapsed ? summaryOf(row) : "";
  }

  // --- Controls ----------------------------------------------------------------------------

  function button(className, text, label) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = className;
    element.textContent = text;
    if (label) {
      element.title = label;
      element.setAttribute("aria-label", label);
    }
    return element;
  }

  function decorate(row) {
    if (row.classList.contains("empty-form") || row.dataset.blockTools) return;
    var heading = row.querySelector("h3");
    if (!heading) return;
    row.dataset.blockTools = "1";
    var handle = document.createElement("span");
    handle.className = "block-drag";
    handle.draggable = true;
    handle.textContent = "⠿";
    handle.title = gettext("Drag to move the block; or Alt+↑ / Alt+↓");
    handle.setAttribute("aria-hidden", "true");
    heading.prepend(handle);
    var summary = document.createElement("span");
    summary.className = "block-summary";
    var tools = document.createElement("span");
    tools.className = "block-tools";
    tools.append(
      button("block-move block-up", "↑", gettext("Move up")),
      button("block-move block-down", "↓", gettext("Move down")),
      button("block-collapse", "▾", gettext("Collapse block"))
    );
    tools.querySelector(".block-collapse").setAttribute("aria-expanded", "true");
    heading.append(summary, tools);
    if (mayAdd(groupOf(row))) {
      tools.append(button("block-duplicate", gettext("Duplicate")));
      // Below the block: a new block goes in right here (at the top: the group's button).
      row.append(button("block-insert", "+ " + gettext("Insert a block here")));
    }
    var kind = row.querySelector("select[data-block-fields]");
    if (kind) applyKind(kind);
  }

  // Django renders the template of new rows only for those who may add blocks here.
  function mayAdd(group) {
    return !!(group && group.querySelector(".inline-related.empty-form"));
  }

  function setUpGroup(group) {
    if (group.dataset.blockTools) return;
    group.dataset.blockTools = "1";
    group.classList.add("blocks-enhanced");
    var heading = group.querySelector("h2");
    var bar = document.createElement("div");
    bar.className = "blocks-bar";
    if (mayAdd(group)) {
      bar.append(button("block-insert block-insert-top", "+ " + gettext("Insert a block at the top")));
    }
    bar.append(
      button("blocks-collapse-all", gettext("Collapse all")),
      button("blocks-expand-all", gettext("Expand all"))
    );
    var live = document.createElement("div");
    live.className = "block-announcer";
    live.setAttribute("aria-live", "polite");
    live.setAttribute("role", "status");
    if (heading) heading.after(bar, live); else group.prepend(bar, live);
    sortByPosition(group);
    rowsOf(group).forEach(decorate);
  }

  function onClick(event) {
    var target = event.target.closest && event.target.closest("button");
    if (!target) return;
    var group = groupOf(target);
    if (!group) return;
    var row = target.closest(ROW);
    if (target.classList.contains("block-insert-top")) insertAt(group, null);
    else if (target.classList.contains("blocks-collapse-all")) rowsOf(group).forEach(function (r) { setCollapsed(r, true); });
    else if (target.classList.contains("blocks-expand-all")) rowsOf(group).forEach(function (r) { setCollapsed(r, false); });
    else if (!row) return;
    else if (target.classList.contains("block-insert")) insertAt(group, row);
    else if (target.classList.contains("block-up")) move(row, -1);
    else if (target.classList.contains("block-down")) move(row, 1);
    else if (target.classList.contains("block-collapse")) setCollapsed(row, !row.classList.contains("block-collapsed"));
    else if (target.classList.contains("block-duplicate")) duplicate(row);
    else return;
    event.preventDefault();
  }

  // Alt+↑ / Alt+↓ anywhere in a block moves it, focus staying where it was. Taken before the
  // text editors see the keys (ProseMirror's own Alt+arrows would join paragraphs).
  function onKeydown(event) {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
    var row = event.target.closest && event.target.closest(ROW);
    if (!row || !groupOf(row)) return;
    event.preventDefault();
    event.stopPropagation();
    move(row, event.key === "ArrowUp" ? -1 : 1);
  }

  // --- Drag and drop (HTML5, by the handle) ------------------------------------------------

  var dragged = null;
  var dropAt = null;  // {row, after}
  var BLOCK_TYPE = "application/x-newsroom-block";

  function clearDrop() {
    document.querySelectorAll(".drop-before, .drop-after").forEach(function (row) {
      row.classList.remove("drop-before", "drop-after");
    });
  }

  function onDragStart(event) {
    var handle = event.target.closest && event.target.closest(".block-drag");
    if (!handle) return;
    dragged = handle.closest(ROW);
    dragged.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData(BLOCK_TYPE, dragged.id);
    try { event.dataTransfer.setDragImage(dragged, 16, 16); } catch (e) { /* the handle then */ }
  }

  // Captured before the text editors: a dragged block is not text to drop into one.
  function onDragOver(event) {
    if (!dragged) return;
    event.preventDefault();
    event.stopPropagation();
    var row = event.target.closest && event.target.closest(ROW);
    clearDrop();
    dropAt = null;
    if (!row || row === dragged || groupOf(row) !== groupOf(dragged)) {
      event.dataTransfer.dropEffect = "none";
      return;
    }
    event.dataTransfer.dropEffect = "move";
    var box = row.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    row.classList.add(after ? "drop-after" : "drop-before");
    dropAt = {row: row, after: after};
  }

  function onDrop(event) {
    if (!dragged) return;
    event.preventDefault();
    event.stopPropagation();
    if (dropAt) {
      place(dragged, dropAt.row, dropAt.after);
      announcePosition(dragged);
    }
    onDragEnd();
  }

  function onDragEnd() {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    dropAt = null;
    clearDrop();
  }

  // --- Word and character counts -----------------------------------------------------------

  var countsPending = false;

  function countsFor(code) {
    var parts = [];
    ["title", "lead"].forEach(function (name) {
      var input = document.getElementById("id_" + name + "_" + code);
      if (input) parts.push(plainText(input.value));
    });
    var group = document.getElementById("blocks-" + code + "-group");
    if (group) {
      rowsOf(group).forEach(function (row) {
        var deleted = row.querySelector("input[name$='-DELETE']");
        if (deleted && deleted.checked) return;
        ["text", "attribution", "items"].forEach(function (name) {
          var input = field(row, name);
          if (input) parts.push(plainText(input.value));
        });
      });
    }
    parts = parts.filter(Boolean);
    var words = parts.join(" ").split(" ").filter(function (word) { return /[\p{L}\p{N}]/u.test(word); }).length;
    var characters = parts.reduce(function (sum, part) { return sum + part.length; }, 0);
    return {words: words, characters: characters};
  }

  function updateCounts() {
    countsPending = false;
    document.querySelectorAll(".word-count[data-lang]").forEach(function (output) {
      var counts = countsFor(output.dataset.lang);
      output.textContent = format(
        ngettext("%(words)s word", "%(words)s words", counts.words) + ", " +
        ngettext("%(characters)s character", "%(characters)s characters", counts.characters),
        counts
      );
      // The other tabs' counts at a glance, without opening them.
      var tab = document.querySelector(".language-tabs button[data-lang='" + output.dataset.lang + "']");
      if (tab) tab.title = output.textContent;
    });
  }

  function scheduleCounts() {
    if (countsPending) return;
    countsPending = true;
    window.requestAnimationFrame(updateCounts);
  }

  function setUpCounts() {
    LANGUAGES.forEach(function (code) {
      var pane = document.querySelector("fieldset.language-pane.lang-" + code + ":not(.inline-group fieldset)");
      if (!pane || pane.querySelector(".word-count")) return;
      var output = document.createElement("p");
      output.className = "word-count";
      output.dataset.lang = code;
      var heading = pane.querySelector("h2");
      if (heading) heading.after(output); else pane.prepend(output);
    });
    updateCounts();
  }

  // --- Layout: what is written first, the shared settings after -----------------------------

  function settingsAfterTexts() {
    var groups = Array.prototype.filter.call(document.querySelectorAll(".inline-group"), isBlockGroup);
    var shared = document.querySelector("fieldset.shared-settings");
    if (!groups.length || !shared) return;
    var last = groups[groups.length - 1];
    // The shared fieldset and the rows every language shares (authors, tags, related news).
    var moving = [shared];
    var node = shared.nextElementSibling;
    while (node && node !== groups[0]) {
      if (node.matches(".inline-group") && !node.querySelector(".language-pane")) moving.push(node);
      node = node.nextElementSibling;
    }
    var anchor = last;
    moving.forEach(function (element) {
      anchor.after(element);
      anchor = element;
    });
  }

  // --- The rich-text editor: Ctrl+K, and its texts in the admin's language ------------------

  // Ctrl+K with nothing selected links the word at the cursor (the editor's own shortcut wants
  // a selection and otherwise does nothing).
  function onLinkKey(event) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || (event.key !== "k" && event.key !== "K")) return;
    var dom = event.target.closest && event.target.closest(".ProseMirror");
    if (!dom || !dom.editor) return;
    event.preventDefault();
    var editor = dom.editor;
    // With a selection, or on a link, the editor's own shortcut has opened its dialog.
    if (!editor.state.selection.empty || editor.isActive("link")) return;
    var $from = editor.state.selection.$from;
    // One character per inline node, so offsets in this text are offsets in the document.
    var text = $from.parent.textBetween(0, $from.parent.content.size, null, "\ufffc");
    var start = $from.parentOffset, end = $from.parentOffset;
    while (start > 0 && /[\p{L}\p{N}_'’-]/u.test(text[start - 1])) start -= 1;
    while (end < text.length && /[\p{L}\p{N}_'’-]/u.test(text[end])) end += 1;
    if (start === end) return;
    editor.commands.setTextSelection({from: $from.start() + start, to: $from.start() + end});
    editor.commands.addLink();
  }

  // django-prose-editor names its buttons in English and without gettext.
  function menuTitle(title) {
    switch (title) {
      case "bold": return gettext("Bold");
      case "italic": return gettext("Italic");
      case "insert link": return gettext("Insert link (Ctrl+K)");
      case "remove link": return gettext("Remove link");
      case "unordered list": return gettext("Bulleted list");
      case "ordered list": return gettext("Numbered list");
      case "undo": return gettext("Undo");
      case "redo": return gettext("Redo");
      default: return null;
    }
  }

  // The editable area is a role=textbox of its own: it takes the name of the field's label.
  function nameEditor(box) {
    var textarea = box.querySelector("textarea");
    var dom = box.querySelector(".ProseMirror");
    var label = textarea && textarea.id && document.querySelector("label[for='" + textarea.id + "']");
    if (dom && label) dom.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
  }

  function translateMenu(box) {
    nameEditor(box);
    box.querySelectorAll(".prose-menubar__button").forEach(function (element) {
      var original = element.dataset.originalTitle || element.title;
      var title = menuTitle(original);
      if (!title) return;
      element.dataset.originalTitle = original;
      element.title = title;
      element.setAttribute("aria-label", title);
    });
  }

  function onEditorReady(event) {
    var editor = event.detail.editor;
    var box = event.target.closest && event.target.closest(".prose-editor");
    // The menu is built when the editor emits "create" (a moment after it is ready).
    if (box && editor.isInitialized) translateMenu(box);
    else if (box) editor.on("create", function () { translateMenu(box); });
    scheduleCounts();
  }

  // --- Wiring ------------------------------------------------------------------------------

  // Editors start as modules, possibly before this page's DOMContentLoaded: listen from now.
  document.addEventListener("prose-editor:ready", onEditorReady);

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".inline-group").forEach(function (group) {
      if (isBlockGroup(group)) setUpGroup(group);
    });
    document.querySelectorAll(".prose-editor").forEach(translateMenu);
    settingsAfterTexts();
    setUpCounts();
    document.addEventListener("click", onClick);
    document.addEventListener("keydown", onKeydown, true);
    document.addEventListener("keydown", onLinkKey);
    document.addEventListener("dragstart", onDragStart);
    document.addEventListener("dragover", onDragOver, true);
    document.addEventListener("drop", onDrop, true);
    document.addEventListener("dragend", onDragEnd);
    document.addEventListener("input", scheduleCounts);
    // Delegated: rows added later are clones of a template and carry no listeners of their own.
    document.addEventListener("change", function (event) {
      var target = event.target;
      if (target.matches && target.matches("select[data-block-fields]")) applyKind(target);
      scheduleCounts();
    });
    document.addEventListener("formset:added", function (event) {
      var group = groupOf(event.target);
      if (!group) return;
      decorate(event.target);
      renumber(group);
      scheduleCounts();
    });
    document.addEventListener("formset:removed", function (event) {
      var group = document.getElementById(event.detail.formsetName + "-group");
      if (!isBlockGroup(group)) return;
      // Django renumbers the rows right after this event: correct its numbers after it.
      window.queueMicrotask(function () {
        reindex(group);
        renumber(group);
        scheduleCounts();
      });
    });
  });
})();
