/* A live story's page keeps itself up to date: every few seconds (the section's
   data-poll-seconds) it fetches the story's newest updates (data-live-poll, one cached address
   for every reader) and
   - offers the new ones with a polite notice and a button ("3 new updates — show"): nothing is
     inserted above what the reader is reading until they ask for it;
   - replaces an update that was edited, and removes one that was taken off, where it stands;
   - puts an older update that joined the list (one no longer pinned, a back-dated one) in its
     place by time, keeping what the reader is reading where it is;
   - stops when the coverage has ended.
   Without scripts the page is complete as it is: a reload shows the newest updates. */
(function () {
  "use strict";
  var section = document.querySelector("[data-live-poll]");
  if (!section || !window.fetch || !window.Intl || !Intl.PluralRules) return;

  var url = section.getAttribute("data-live-poll");
  var every = Math.max(1, parseFloat(section.getAttribute("data-poll-seconds")) || 30) * 1000;
  var list = section.querySelector("[data-live-list]");
  var status = section.querySelector("[data-live-status]");
  var button = section.querySelector("[data-live-show]");
  var offer = button.parentNode;
  var plurals = new Intl.PluralRules(document.documentElement.lang || "uk");
  // Entries newer than the page, waiting for the reader's click, newest first.
  var pending = [];
  var timer = null;
  var stopped = false;
  var busy = false;

  function element(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html.trim();
    return holder.content.firstElementChild;
  }

  // The list's updates (the pinned one has its own box above it, and is not in the list).
  function shown() {
    var found = {};
    list.querySelectorAll("[data-update]").forEach(function (node) {
      found[node.getAttribute("data-update")] = node;
    });
    return found;
  }

  function timeOf(node) {
    var time = node.querySelector("time");
    return time ? Date.parse(time.getAttribute("datetime")) : 0;
  }

  function newestShown(nodes) {
    var newest = 0;
    Object.keys(nodes).forEach(function (id) { newest = Math.max(newest, timeOf(nodes[id])); });
    return newest;
  }

  function label(count) {
    // The template gives the wording for 1, 2 and 5 (one / few / many in Ukrainian and
    // Russian, one / other in English).
    var form = { one: "one", few: "few", many: "many" }[plurals.select(count)] || "many";
    var text = section.getAttribute("data-new-" + form) || section.getAttribute("data-new-many");
    return text.replace(/\d+/, String(count));
  }

  function offerPending() {
    if (!pending.length) {
      offer.hidden = true;
      return;
    }
    var text = label(pending.length);
    button.textContent = text;
    offer.hidden = false;
    if (status.textContent !== text) status.textContent = text;
  }

  function showPending() {
    var first = null;
    pending.slice().reverse().forEach(function (entry) {
      var node = element(entry.html);
      var empty = list.querySelector(".live-empty");
      if (empty) empty.remove();
      list.insertBefore(node, list.firstElementChild);
      first = node;
    });
    pending = [];
    offerPending();
    status.textContent = "";
    if (first) {
      // The reader asked for them: the newest gets the focus (and the screen reader's turn).
      first.setAttribute("tabindex", "-1");
      first.focus();
    }
  }

  function apply(data) {
    var before = positions();
    var nodes = shown();
    var newest = newestShown(nodes);
    var listed = {};
    (data.updates || []).forEach(function (entry) { listed[entry.id] = entry; });
    var oldestListed = Infinity;
    (data.updates || []).forEach(function (entry) {
      oldestListed = Math.min(oldestListed, Date.parse(entry.at));
    });
    var full = (data.updates || []).length >= 20;
    // Edited updates are replaced where they stand; taken off, they go.
    Object.keys(nodes).forEach(function (id) {
      var node = nodes[id];
      var entry = listed[id];
      if (entry && String(entry.version) !== node.getAttribute("data-version")) {
        node.replaceWith(element(entry.html));
      } else if (!entry && (!full || timeOf(node) >= oldestListed)) {
        node.remove();
      }
    });
    pending = pending.filter(function (entry) { return listed[entry.id]; });
    (data.updates || []).forEach(function (entry) {
      var known = nodes[entry.id] || pending.some(function (p) { return p.id === entry.id; });
      if (known) return;
      if (Date.parse(entry.at) >= newest) pending.push(entry);
      else insertInPlace(entry);
    });
    pending.sort(function (a, b) { return Date.parse(b.at) - Date.parse(a.at) || b.id - a.id; });
    applyPinned(data.pinned);
    keepInPlace(before);
    offerPending();
    if (!data.on) {
      stopped = true;
      section.classList.remove("on");
    }
  }

  function insertInPlace(entry) {
    var at = Date.parse(entry.at);
    var before = null;
    list.querySelectorAll("[data-update]").forEach(function (other) {
      if (!before && timeOf(other) < at) before = other;
    });
    var empty = list.querySelector(".live-empty");
    if (empty) empty.remove();
    list.insertBefore(element(entry.html), before);
  }

  // Where the updates that start in the reader's view (and below it) are, before a change.
  function positions() {
    var found = [];
    section.querySelectorAll("[data-update]").forEach(function (node) {
      var top = node.getBoundingClientRect().top;
      if (top >= 0) found.push({ node: node, top: top });
    });
    return found;
  }

  // After a change above them (an update taken off, pinned, unpinned), the page is scrolled by
  // as much as the first of them that is still there moved: what the reader reads stays put.
  function keepInPlace(before) {
    if (window.scrollY <= 0) return;
    for (var i = 0; i < before.length; i++) {
      if (before[i].node.isConnected) {
        var moved = before[i].node.getBoundingClientRect().top - before[i].top;
        if (moved) window.scrollBy(0, moved);
        return;
      }
    }
  }

  function applyPinned(entry) {
    var box = section.querySelector(".live-pinned");
    var current = box && box.querySelector("[data-update]");
    if (!entry) {
      if (box) box.remove();
      return;
    }
    if (current && current.getAttribute("data-update") === String(entry.id) &&
        current.getAttribute("data-version") === String(entry.version)) return;
    if (!box) {
      box = document.createElement("div");
      box.className = "live-pinned";
      var title = document.createElement("p");
      title.className = "live-pinned-label";
      title.textContent = section.getAttribute("data-pinned-label") || "";
      box.appendChild(title);
      list.parentNode.insertBefore(box, list);
    }
    if (current) current.remove();
    box.appendChild(element(entry.html));
  }

  function poll() {
    timer = null;
    if (stopped) return;
    if (document.hidden || busy) return; // resumed by visibilitychange
    busy = true;
    fetch(url, { headers: { Accept: "application/json" }, cache: "no-cache", credentials: "omit" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(apply)
      .catch(function () { /* the next poll tries again */ })
      .then(function () {
        busy = false;
        schedule();
      });
  }

  function schedule() {
    if (!stopped && timer === null && !document.hidden) timer = setTimeout(poll, every);
  }

  button.addEventListener("click", showPending);
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && timer === null && !busy) poll();
  });
  section.setAttribute("data-live-ready", "");
  schedule();
})();
