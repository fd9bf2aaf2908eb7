// wegwijs serve: the browser's half of the preview. Added to every page by the preview server
// only (never to a built site), as an external script so that a strict Content Security Policy
// allows it. Listens to /__wegwijs/events; each message tells the last good version, what its
// build changed and the problems of the latest build (see src/serve/hub.rs).
(function () {
  "use strict";
  var script = document.currentScript;
  var loaded = Number(new URL(script.src).searchParams.get("v") || 0);
  var boot = null;
  var SCROLL = "wegwijs-serve-scroll";

  // The output file of this page, as the server names it: `begrippen/x/index.html`.
  function ownFile() {
    var path = decodeURIComponent(location.pathname).replace(/^\//, "");
    return path === "" || path.endsWith("/") ? path + "index.html" : path;
  }

  function reload() {
    try {
      sessionStorage.setItem(SCROLL, JSON.stringify({ path: location.pathname, x: scrollX, y: scrollY }));
    } catch (e) { /* storage off: the page reloads at the top */ }
    location.reload();
  }

  // After a reload: back to where the reader was.
  function restoreScroll() {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(SCROLL) || "null"); sessionStorage.removeItem(SCROLL); } catch (e) { }
    if (saved && saved.path === location.pathname) {
      window.scrollTo(saved.x, saved.y);
    }
  }
  if (document.readyState === "complete") restoreScroll(); else addEventListener("load", restoreScroll);

  // Swaps the changed stylesheets (output paths in `files`) for their new versions; the old one
  // goes when the new one has loaded, so the page does not flash.
  function swapStylesheets(files, version) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      if (files.indexOf(decodeURIComponent(url.pathname).replace(/^\//, "")) < 0) return;
      url.searchParams.set("wegwijs", String(version));
      var fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.addEventListener("load", function () { link.remove(); });
      fresh.addEventListener("error", function () { fresh.remove(); });
      link.after(fresh);
    });
  }

  function changes(message) {
    if (message.version === loaded) return;
    if (message.base !== loaded || message.changed === null) { reload(); return; }
    var mine = ownFile();
    var css = [];
    for (var i = 0; i < message.changed.length; i++) {
      var file = message.changed[i];
      if (file === mine || /\.js$/.test(file)) { reload(); return; }
      if (/\.css$/.test(file)) css.push(file);
    }
    if (css.length) swapStylesheets(css, message.version);
    loaded = message.version;
  }

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // The source line with the spot marked: the line, then carets under the columns.
  function sourceBlock(d) {
    var pre = element("pre", "wegwijs-source");
    var chars = Array.from(d.source_line);
    var start = Math.max(0, (d.column || 1) - 1);
    var end = Math.max(start + 1, (d.end_column || start + 2) - 1);
    pre.appendChild(element("span", null, chars.slice(0, start).join("")));
    pre.appendChild(element("mark", null, chars.slice(start, end).join("") || " "));
    pre.appendChild(element("span", null, chars.slice(end).join("") + "\n"));
    var caret = element("span", "wegwijs-caret", " ".repeat(start) + "^".repeat(end - start) + (d.label ? " " + d.label : ""));
    pre.appendChild(caret);
    return pre;
  }

  function problem(d, words) {
    var box = element("section", "wegwijs-problem");
    var title = element("h2", null, d.file ? words.problem_in + " " : words.problem);
    if (d.file) title.appendChild(element("code", null, d.file));
    box.appendChild(title);
    if (d.line) {
      box.appendChild(element("p", "wegwijs-where", words.line + " " + d.line + (d.column ? ", " + words.column + " " + d.column : "")));
    }
    box.appendChild(element("p", "wegwijs-message", d.message + " [" + d.code + "]"));
    if (d.source_line !== null && d.source_line !== undefined) box.appendChild(sourceBlock(d));
    if (d.help) {
      var help = element("p", "wegwijs-help");
      help.appendChild(element("strong", null, words.what_to_do + ": "));
      help.appendChild(document.createTextNode(d.help));
      box.appendChild(help);
    }
    return box;
  }

  var SHOWN = 20;
  function overlay(message) {
    var old = document.getElementById("wegwijs-overlay");
    if (old) old.remove();
    var problems = message.problems || [];
    if (problems.length === 0) return;
    var words = message.words;
    var o = element("div", "wegwijs-overlay");
    o.id = "wegwijs-overlay";
    o.setAttribute("role", "alert");
    var close = element("button", "wegwijs-close", words.close);
    close.type = "button";
    close.addEventListener("click", function () { o.remove(); });
    o.appendChild(close);
    problems.slice(0, SHOWN).forEach(function (d) { o.appendChild(problem(d, words)); });
    if (problems.length > SHOWN) o.appendChild(element("p", null, (problems.length - SHOWN) + " " + words.more));
    if (message.version > 0) o.appendChild(element("p", "wegwijs-note", words.old_version));
    document.body.appendChild(o);
  }

  function connect() {
    var events = new EventSource("/__wegwijs/events");
    events.onmessage = function (e) {
      var message;
      try { message = JSON.parse(e.data); } catch (err) { return; }
      if (boot !== null && message.boot !== boot) { reload(); return; }
      boot = message.boot;
      overlay(message);
      changes(message);
    };
    // EventSource reconnects by itself; a restarted server has another boot and the page
    // reloads then.
  }
  if (document.body) connect(); else addEventListener("DOMContentLoaded", connect);
})();
