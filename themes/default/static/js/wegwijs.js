// wegwijs: small enhancements that the site does not depend on.
//
// 1. Opened straight from disk (file://), a browser shows a folder listing for links that end in
// "/" instead of the folder's index.html. Pretty URLs are right on a web server, so only when
// the page comes from the file system are such links pointed at index.html.
(function () {
  "use strict";
  if (window.location.protocol !== "file:") return;
  function fix(root) {
    var links = root.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href");
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") continue;
      var hash = href.indexOf("#");
      var path = hash >= 0 ? href.slice(0, hash) : href;
      var rest = hash >= 0 ? href.slice(hash) : "";
      if (path === "" ) continue;
      if (path.charAt(path.length - 1) === "/") links[i].setAttribute("href", path + "index.html" + rest);
    }
  }
  document.addEventListener("DOMContentLoaded", function () { fix(document); });
})();

// 2. A search result links to its page with `?highlight=` and the stems of the query's words
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
