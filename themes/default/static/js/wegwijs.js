// wegwijs: small enhancements that the site does not depend on.
//
// Opened straight from disk (file://), a browser shows a folder listing for links that end in
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
