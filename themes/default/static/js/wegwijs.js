// wegwijs: small enhancements that the site does not depend on. Loaded without `defer` in the
// head, so that the page is marked as scripted before it is drawn; the rest waits for the DOM.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // The phone header: a menu button and a search button, each opening its part of the header
  // (the CSS shows both parts on a wide screen and hides the buttons there). The buttons say
  // whether their part is open (aria-expanded); Escape closes it and gives focus back.
  function disclosure(button, panel, onOpen) {
    function set(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      panel.classList.toggle("is-open", open);
      if (open && onOpen) onOpen();
    }
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        set(false);
        button.focus();
      }
    });
    button.addEventListener("keydown", function (e) {
      if (e.key === "Escape") set(false);
    });
    return set;
  }

  function header() {
    var menuButton = document.querySelector(".menu-toggle");
    var menu = document.getElementById("ww-menu");
    if (menuButton && menu) {
      menuButton.hidden = false;
      disclosure(menuButton, menu);
    }
    // Without JavaScript the search icon is a link to the search page; with it, a button.
    var link = document.querySelector(".search-toggle");
    var form = document.getElementById("ww-header-search");
    if (link && form) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = link.className;
      button.innerHTML = link.innerHTML;
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", form.id);
      link.parentNode.replaceChild(button, link);
      disclosure(button, form, function () { form.querySelector("input").focus(); });
    }
  }

  // A list with filters (section pages): a choice per filter that narrows the list at once.
  // Without JavaScript the filters are links to the pages of each municipality and theme.
  function filters() {
    var box = document.querySelector(".filters[data-instant]");
    var list = document.getElementById("ww-list");
    var status = document.getElementById("ww-filter-status");
    if (!box || !list || !status) return;
    var cards = list.querySelectorAll(":scope > li");
    var selects = [];
    var form = document.createElement("form");
    form.className = "filter-form";
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var groups = box.querySelectorAll(".filter");
    for (var g = 0; g < groups.length; g++) {
      var id = "ww-filter-" + groups[g].getAttribute("data-key");
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = groups[g].getAttribute("data-label");
      var select = document.createElement("select");
      select.id = id;
      select.add(new Option(box.getAttribute("data-t-all"), ""));
      var links = groups[g].querySelectorAll("a[data-value]");
      for (var i = 0; i < links.length; i++) select.add(new Option(links[i].textContent, links[i].getAttribute("data-value")));
      select.addEventListener("change", apply);
      var field = document.createElement("div");
      field.className = "filter-field";
      field.appendChild(label);
      field.appendChild(select);
      form.appendChild(field);
      selects.push(select);
    }
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "button-secondary";
    clear.textContent = box.getAttribute("data-t-clear");
    clear.hidden = true;
    clear.addEventListener("click", function () {
      for (var i = 0; i < selects.length; i++) selects[i].value = "";
      apply();
      selects[0].focus();
    });
    form.appendChild(clear);
    box.insertBefore(form, box.querySelector(".filter"));
    box.classList.add("filters-enhanced");

    function apply() {
      var wanted = selects.map(function (s) { return s.value; }).filter(Boolean);
      var shown = 0;
      for (var i = 0; i < cards.length; i++) {
        var facets = (cards[i].getAttribute("data-facets") || "").split(" ");
        var match = wanted.every(function (w) { return facets.indexOf(w) >= 0; });
        cards[i].hidden = !match;
        if (match) shown++;
      }
      clear.hidden = wanted.length === 0;
      status.textContent = wanted.length === 0 ? "" : shown === 0 ? box.getAttribute("data-t-none")
        : box.getAttribute("data-t-count").replace("{n}", shown).replace("{total}", cards.length);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    header();
    filters();
  });
})();


// A search result links to its page with `?highlight=` and the stems of the query's words
// (search-ui.js): the page marks the words of its text that start with one of them, says so at
// the top of the text, and takes the marks away again with one button (which also drops the
// parameter from the address). No HTML strings, styles or handlers in the page: CSP-safe.
(function () {
  "use strict";
  var param = new URLSearchParams(window.location.search).get("highlight");
  if (!param) return;
  var stems = param.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").split(/\s+/)
    .filter(function (s) { return s.length >= 2; });
  if (!stems.length) return;
  var WORD = /[\p{L}\p{N}\p{M}]+/gu;

  function matches(word) {
    var w = word.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
    // A stem of four letters or more also marks the compounds that start with it.
    return stems.some(function (s) { return w === s || (w.startsWith(s) && (w.length - s.length <= 4 || s.length >= 4)); });
  }

  function mark(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentNode.closest("script, style, mark, button, nav") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [], n;
    while ((n = walker.nextNode())) nodes.push(n);
    var marks = [];
    nodes.forEach(function (node) {
      var text = node.nodeValue, m, pos = 0, frag = null;
      WORD.lastIndex = 0;
      while ((m = WORD.exec(text)) !== null) {
        if (!matches(m[0])) continue;
        frag = frag || document.createDocumentFragment();
        if (m.index > pos) frag.appendChild(document.createTextNode(text.slice(pos, m.index)));
        var el = document.createElement("mark");
        el.className = "search-highlight";
        el.textContent = m[0];
        frag.appendChild(el);
        marks.push(el);
        pos = m.index + m[0].length;
      }
      if (!frag) return;
      if (pos < text.length) frag.appendChild(document.createTextNode(text.slice(pos)));
      node.parentNode.replaceChild(frag, node);
    });
    return marks;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var main = document.getElementById("ww-main");
    if (!main) return;
    var root = main.querySelector(".content") || main;
    var marks = mark(root);
    if (!marks.length) return;
    var body = document.body;
    var bar = document.createElement("p");
    bar.className = "search-highlight-bar";
    bar.appendChild(document.createTextNode((body.getAttribute("data-t-highlighted") || "") + " "));
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = body.getAttribute("data-t-unhighlight") || "×";
    bar.appendChild(button);
    root.parentNode.insertBefore(bar, root);
    button.addEventListener("click", function () {
      marks.forEach(function (el) {
        var parent = el.parentNode;
        parent.replaceChild(document.createTextNode(el.textContent), el);
        parent.normalize();
      });
      bar.parentNode.removeChild(bar);
      var url = new URL(window.location.href);
      url.searchParams.delete("highlight");
      history.replaceState(history.state, "", url.pathname + url.search + url.hash);
      root.setAttribute("tabindex", "-1");
      root.focus();
    });
    // The anchor was scrolled to before the bar came; go there again.
    if (window.location.hash) {
      var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      if (target) target.scrollIntoView();
    }
  });
})();

// Glossary links (issue 19): the definition beside a term's link shows on hover and on focus
// by the stylesheet alone; Escape hides it again without moving the pointer or the focus
// (WCAG 1.4.13, dismissible). It comes back once the pointer or focus leaves the term.
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    document.querySelectorAll(".gloss").forEach(function (g) {
      if (g.matches(":hover") || g.contains(document.activeElement)) g.classList.add("is-dismissed");
    });
  });
  function leave(e) {
    var g = e.target.closest && e.target.closest(".gloss");
    if (g && !(e.relatedTarget && g.contains(e.relatedTarget))) g.classList.remove("is-dismissed");
  }
  document.addEventListener("mouseout", leave);
  document.addEventListener("focusout", leave);
  // A tooltip under a term near the edge of a narrow screen (a phone, or a page zoomed to
  // 400%) would run off it: once it shows, it is moved sideways until it fits.
  var MARGIN = 8;
  function fit(e) {
    var g = e.target.closest && e.target.closest(".gloss");
    var tip = g && g.querySelector(".gloss-tip");
    if (!tip) return;
    tip.style.setProperty("--gloss-shift", "0px");
    requestAnimationFrame(function () {
      var r = tip.getBoundingClientRect();
      if (!r.width) return;
      var width = document.documentElement.clientWidth;
      var shift = 0;
      if (r.right > width - MARGIN) shift = width - MARGIN - r.right;
      if (r.left + shift < MARGIN) shift = MARGIN - r.left;
      tip.style.setProperty("--gloss-shift", Math.round(shift) + "px");
    });
  }
  document.addEventListener("mouseover", fit);
  document.addEventListener("focusin", fit);
})();
