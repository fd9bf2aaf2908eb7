// Shared by the browser tests: a static server for a built site that lives as long as the test
// (127.0.0.1, a sub-path, a strict Content-Security-Policy) and Debian's Chromium, headless.
"use strict";
const fs = require("node:fs");
const http = require("node:http");
const path = require("node:path");
const test = require("node:test");
const assert = require("node:assert/strict");
const { chromium } = require("playwright-core");

// No inline scripts, styles or handlers, nothing from other hosts.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
  ".bin": "application/octet-stream", ".svg": "image/svg+xml", ".xml": "application/xml", ".txt": "text/plain" };

/** Serves `site` under `base` (such as "/kennisbank/"); resolves to { server, origin }. */
async function serve(site, base) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (!url.pathname.startsWith(base)) { res.writeHead(404); res.end(); return; }
    let file = path.join(site, decodeURIComponent(url.pathname.slice(base.length)));
    if (!file.startsWith(site)) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (err, data) => {
      if (err) {
        // As a web server would: the site's 404 page, with status 404.
        fs.readFile(path.join(site, "404.html"), (e2, page) => {
          res.writeHead(404, { "content-type": TYPES[".html"], "content-security-policy": CSP });
          res.end(e2 ? "not found" : page);
        });
        return;
      }
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream", "content-security-policy": CSP });
      res.end(data);
    });
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
  });
}

/** Runs axe-core (WCAG 2.1 A and AA, plus best practices) on the page; returns the violations as text. */
async function axe(page) {
  // Evaluated through the DevTools protocol, so the page's CSP does not have to allow it.
  await page.evaluate(fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    resultTypes: ["violations"],
  }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/**
 * The server and the browser for the tests of one file: started before them, stopped after.
 * `open(rel, options)` opens `rel` (relative to `base`) in a fresh browser context and records
 * in `problems` what the page's CSP refused and every script error, and with
 * `failedRequests` also every request that failed. `site` must hold the file `expect`.
 */
function session({ site, base, expect, problems, failedRequests = false }) {
  const s = { server: null, origin: null, browser: null };
  test.before(async () => {
    assert.ok(site && fs.existsSync(path.join(site, expect)), "SITE_DIR must hold a built site");
    ({ server: s.server, origin: s.origin } = await serve(site, base));
    s.browser = await launch();
  });
  test.after(async () => {
    if (s.browser) await s.browser.close();
    if (s.server) s.server.close();
  });
  s.url = (rel) => s.origin + base + rel;
  s.open = async (rel, options = {}) => {
    const context = await s.browser.newContext(options);
    const page = await context.newPage();
    page.on("console", (m) => { if (/Content Security Policy|Refused/.test(m.text())) problems.push(m.text()); });
    page.on("pageerror", (e) => problems.push("page error: " + e.message));
    if (failedRequests) page.on("requestfailed", (r) => {
      if (!cancelledIcon(r)) problems.push(`request failed: ${r.url()} ${r.failure() && r.failure().errorText}`);
    });
    const response = await page.goto(s.url(rel));
    return { context, page, response };
  };
  return s;
}

/**
 * The browser asks for the tab's icon after the page has loaded; a test that moves on to the
 * next page cancels that request. Only that cancellation is harmless: a blocked or missing icon
 * fails differently, and whether the icon answers 200 is checked in deploy.test.js.
 */
function cancelledIcon(request) {
  const why = request.failure() && request.failure().errorText;
  return why === "net::ERR_ABORTED" && /\/img\/favicon\./.test(request.url());
}

module.exports = { CSP, serve, launch, axe, session, cancelledIcon };
