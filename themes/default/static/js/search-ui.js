// wegwijs search page: results as you type, facets, the glossary definition and the URL state.
// Loaded only by the search page; the index is fetched on the first query, not before.
// Builds every element with DOM calls (no HTML strings, no inline styles or handlers), so
// it runs under a strict Content-Security-Policy.
(function () {
  "use strict";
  var S = window.WegwijsSearch;
  var PAGE_SIZE = 10;

  function ready(f) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", f); else f();
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "className") e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }

  ready(function () {
    var root = document.getElementById("ww-search");
    if (!root || !S) return;
    // The way back to the site root (base.html sets it), so the site works under any path.
    var siteRoot = document.body.getAttribute("data-root") || "./";
    var t = function (key, vars) {
      var s = root.getAttribute("data-t-" + key) || key;
      Object.keys(vars || {}).forEach(function (k) { s = s.split("{" + k + "}").join(vars[k]); });
      return s;
    };
    var input = document.getElementById("ww-search-q");
    var form = input.form;
    var status = document.getElementById("ww-search-status");
    var definition = document.getElementById("ww-search-definition");
    var facetsBox = document.getElementById("ww-search-facets");
    var list = document.getElementById("ww-search-results");
    var more = document.getElementById("ww-search-more");
    var browse = document.getElementById("ww-search-browse");
    var tools = document.getElementById("ww-search-tools");
    var layout = document.getElementById("ww-search-layout");
    var filtersToggle = document.getElementById("ww-search-filters-toggle");
    var sortBy = document.getElementById("ww-search-sort");
    var fromFile = window.location.protocol === "file:";

    // From disk nothing can be fetched: the index is read from the scripts a portable build
    // writes beside its files (search-core.js, scriptLoader).
    var load = fromFile ? S.scriptLoader(siteRoot) : function (path, kind) {
      return fetch(siteRoot + path).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + path);
        return kind === "bytes" ? r.arrayBuffer() : r.text();
      });
    };
    var engine = new S.Engine(load, root.getAttribute("data-index") || undefined);

    var state = S.readState(window.location.search);
    var current = null, shown = 0, runId = 0, timer = null;
    // The facets are drawn again after each change: keep the focus on the box that was used
    // and keep open the lists that were opened.
    var focusAfter = null, opened = new Set();
    input.value = state.q;
    sortBy.value = state.sort || "";
    root.classList.add("search-enhanced");

    // Narrow screens: the Filters button opens and closes the facets (above the results).
    filtersToggle.addEventListener("click", function () {
      var open = filtersToggle.getAttribute("aria-expanded") !== "true";
      filtersToggle.setAttribute("aria-expanded", String(open));
      layout.classList.toggle("filters-open", open);
    });

    sortBy.addEventListener("change", function () {
      if (sortBy.value === "date") state.sort = "date"; else delete state.sort;
      run(true);
    });

    function pageUrl(path) {
      // Opened from disk, a folder link shows a listing; point at its index.html instead.
      return siteRoot + path + (fromFile && /\/$/.test(path) ? "index.html" : "");
    }

    function setStatus(text) { status.textContent = text; }

    function showBrowse(visible) { browse.hidden = !visible; }

    function run(push) {
      var id = ++runId;
      var q = input.value;
      state.q = q;
      var url = window.location.pathname + S.writeState(state);
      if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
      var hasFilters = Object.keys(state.filters).length > 0;
      if (!q.trim() && !hasFilters) {
        clear();
        return;
      }
      // The first query fetches the index; say so if that takes a moment.
      if (!engine.meta) setStatus(t("loading"));
      engine.search(q, state.filters).then(function (res) {
        if (state.sort !== "date") return res;
        return engine.byDate(res.results).then(function (sorted) { res.results = sorted; return res; });
      }).then(function (res) {
        if (id !== runId) return;
        current = res;
        shown = 0;
        list.textContent = "";
        renderDefinition(res);
        renderFacets(res);
        if (focusAfter) {
          var again = document.getElementById(focusAfter);
          if (again) again.focus(); else input.focus();
          focusAfter = null;
        }
        var n = res.results.length;
        var count = n === 1 ? t("count-one") : t("count", { n: n });
        setStatus(n === 0 ? t("none", { q: q.trim() }) : (res.partial ? t("partial") + " " : "") + count);
        renderAlso(res);
        showBrowse(n === 0);
        tools.hidden = n === 0 && !hasFilters;
        return showMore();
      }).catch(function (err) {
        if (id !== runId) return;
        setStatus(fromFile ? t("file") : t("error"));
        showBrowse(true);
        if (window.console) console.error(err);
      });
    }

    function clear() {
      current = null;
      list.textContent = "";
      definition.textContent = "";
      definition.hidden = true;
      facetsBox.textContent = "";
      more.hidden = true;
      tools.hidden = true;
      setStatus("");
      showBrowse(true);
    }

    function renderAlso(res) {
      var also = document.getElementById("ww-search-also");
      also.textContent = res.also.length ? t("also", { words: res.also.join(", ") }) : "";
      also.hidden = !res.also.length;
    }

    function renderDefinition(res) {
      definition.textContent = "";
      definition.hidden = true;
      if (res.glossaryTerm === null) return;
      var id = runId;
      engine.doc(res.glossaryTerm).then(function (doc) {
        if (id !== runId || !doc.d) return;
        definition.textContent = "";
        definition.appendChild(el("h2", { text: doc.t, id: "ww-search-definition-title" }));
        definition.appendChild(el("p", { text: doc.d }));
        definition.appendChild(el("a", { href: pageUrl(doc.u), text: t("read-more", { term: doc.t }) }));
        definition.hidden = false;
      });
    }

    function renderFacets(res) {
      facetsBox.textContent = "";
      res.facets.forEach(function (f) {
        var values = f.values.filter(function (v) { return v.count > 0 || v.selected; });
        if (!values.length) return;
        values.sort(function (a, b) { return (b.selected - a.selected) || (b.count - a.count) || (a.name < b.name ? -1 : 1); });
        var fs = el("fieldset", { className: "search-facet" }, [el("legend", { text: t("facet-" + f.key) })]);
        var ul = el("ul");
        values.forEach(function (v, i) {
          var id = "ww-f-" + f.key + "-" + v.slug;
          var box = el("input", { type: "checkbox", id: id, name: f.param, value: v.slug });
          box.checked = v.selected;
          box.addEventListener("change", function () {
            focusAfter = id;
            var sel = (state.filters[f.key] || []).filter(function (s) { return s !== v.slug; });
            if (box.checked) sel.push(v.slug);
            if (sel.length) state.filters[f.key] = sel; else delete state.filters[f.key];
            run(true);
          });
          var label = f.key === "kind" ? t("kind-" + v.name) : f.key === "origin" ? t("origin-" + v.slug) : v.name;
          var li = el("li", {}, [box, el("label", { for: id, text: label + " (" + v.count + ")" })]);
          if (i >= 8 && !v.selected) { li.hidden = !opened.has(f.key); li.className = "search-facet-extra"; }
          ul.appendChild(li);
        });
        fs.appendChild(ul);
        if (values.length > 8) {
          var isOpen = opened.has(f.key);
          var toggle = el("button", { type: "button", className: "search-facet-toggle", "aria-expanded": String(isOpen),
            text: isOpen ? t("show-less") : t("show-all", { n: values.length }) });
          toggle.addEventListener("click", function () {
            var open = toggle.getAttribute("aria-expanded") !== "true";
            if (open) opened.add(f.key); else opened.delete(f.key);
            toggle.setAttribute("aria-expanded", String(open));
            ul.querySelectorAll(".search-facet-extra").forEach(function (li) { li.hidden = !open; });
            toggle.textContent = open ? t("show-less") : t("show-all", { n: values.length });
          });
          fs.appendChild(toggle);
        }
        facetsBox.appendChild(fs);
      });
      if (Object.keys(state.filters).length) {
        var reset = el("button", { type: "button", className: "search-clear", text: t("clear") });
        reset.addEventListener("click", function () { state.filters = {}; focusAfter = "ww-search-q"; run(true); });
        facetsBox.appendChild(reset);
      }
    }

    // The address of a result, asking its page to mark the query's words (wegwijs.js reads
    // `highlight`), at an anchor of it or at its top.
    function resultUrl(doc, res, anchor) {
      var words = Array.from(res.highlight).join(" ");
      return pageUrl(doc.u) + (words ? "?highlight=" + encodeURIComponent(words) : "") + (anchor ? "#" + anchor : "");
    }

    // A result shows its title at once; its snippet, facts and matching sections follow when
    // its page arrives. The snippet keeps its room from the start (see the CSS), so nothing
    // below moves when the text comes in.
    function renderResult(doc) {
      var snippet = el("p", { className: "search-snippet" });
      var meta = el("p", { className: "search-meta", text: t("kind-" + doc.k) });
      var sections = el("ul", { className: "search-sections", "aria-label": t("sections", { title: doc.t }) });
      var sectionsBox = el("div", { className: "search-sections-box" });
      var res = current, id = runId;
      var done = Promise.all([engine.pageText(doc.id), engine.valuesOf(doc.id, "municipality"),
        engine.subResults(doc.id, res.highlight)]).then(function (r) {
        if (id !== runId) return;
        engine.snippet(r[0], res.highlight).forEach(function (part) {
          snippet.appendChild(part.mark ? el("mark", { text: part.text }) : document.createTextNode(part.text));
        });
        meta.textContent = [t("kind-" + doc.k)].concat(r[1]).join(" · ");
        r[2].forEach(function (sec) {
          sections.appendChild(el("li", {}, [el("a", { href: resultUrl(doc, res, sec.id), text: sec.title })]));
        });
        if (r[2].length) sectionsBox.appendChild(sections);
      }, function () { /* the title and link still work without a snippet */ });
      var li = el("li", { className: "search-result" }, [
        el("h3", {}, [el("a", { href: resultUrl(doc, res), text: doc.t })]),
        // A page of the local layer: the same badge as in the lists (partials/card.html).
        doc.local ? el("p", { className: "badge-local", text: t("origin-lokaal") }) : null,
        meta,
        snippet,
        sectionsBox
      ]);
      return { li: li, done: done };
    }

    function showMore() {
      var res = current, id = runId;
      var batch = res.results.slice(shown, shown + PAGE_SIZE);
      shown += batch.length;
      more.hidden = shown >= res.results.length;
      return Promise.all(batch.map(function (r) { return engine.doc(r.id); })).then(function (docs) {
        if (id !== runId) return;
        docs.forEach(function (doc) { list.appendChild(renderResult(doc).li); });
      });
    }

    more.addEventListener("click", function () {
      var before = list.querySelectorAll("a").length;
      showMore().then(function () {
        var links = list.querySelectorAll(".search-result h3 a");
        if (links[before]) links[before].focus();
      });
    });

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(false); }, 120);
    });

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      run(true);
    });

    // Arrow keys move between the input and the results' links; Escape goes back to the input.
    function resultLinks() { return Array.prototype.slice.call(list.querySelectorAll(".search-result h3 a")); }
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") {
        var links = resultLinks();
        if (links.length) { e.preventDefault(); links[0].focus(); }
      }
    });
    list.addEventListener("keydown", function (e) {
      var links = resultLinks(), i = links.indexOf(document.activeElement);
      if (i < 0) return;
      if (e.key === "ArrowDown" && i + 1 < links.length) { e.preventDefault(); links[i + 1].focus(); }
      else if (e.key === "ArrowUp") { e.preventDefault(); if (i > 0) links[i - 1].focus(); else input.focus(); }
      else if (e.key === "Home") { e.preventDefault(); links[0].focus(); }
      else if (e.key === "End") { e.preventDefault(); links[links.length - 1].focus(); }
      else if (e.key === "Escape") { e.preventDefault(); input.focus(); }
    });

    window.addEventListener("popstate", function () {
      state = S.readState(window.location.search);
      input.value = state.q;
      sortBy.value = state.sort || "";
      run(false);
    });

    if (state.q || Object.keys(state.filters).length) run(false);
  });
})();
