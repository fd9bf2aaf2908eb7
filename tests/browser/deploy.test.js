// The shipped nginx configuration (deploy/nginx.conf) with a real nginx: the shipped knowledge
// base is built for http://127.0.0.1:PORT/kennisbank/, nginx is started as an ordinary process
// in a temporary prefix with the file as shipped (only `listen` and the site's folder
// changed), and the test
// - fetches every file of the output and every link and asset of every page: 200, the
//   Cache-Control of its kind (a year and immutable for fingerprinted names, no-cache for the
//   rest) and the security headers;
// - asks for pages that do not exist: the site's 404 page, with status 404;
// - opens one page of every kind in Chromium and records every Content-Security-Policy
//   violation (the `securitypolicyviolation` event and the console), running a search too.
//
// Needs nginx (Debian package `nginx`; tests/browser/run.sh installs it) and WEGWIJS, the
// binary. Without nginx the tests are skipped with a message, unless REQUIRE_NGINX=1 (CI).
"use strict";
const fs = require("node:fs");
const net = require("node:net");
const os = require("node:os");
const path = require("node:path");
const { spawn, spawnSync } = require("node:child_process");
const test = require("node:test");
const assert = require("node:assert/strict");
const { launch, cancelledIcon } = require("./harness.js");

const REPO = path.resolve(__dirname, "../..");
const BASE = "/kennisbank/";
const IMMUTABLE = "public, max-age=31536000, immutable";
const SHORT = "no-cache";
// A fingerprinted name: 12 hex digits before the extension, or inside the index folder.
const FINGERPRINTED = /\.[0-9a-f]{12}\.[A-Za-z0-9]+$|\/index\.[0-9a-f]{12}\//;

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));
const missing = NGINX ? false : "nginx is not installed (apt-get install nginx); the deploy test did not run";
if (missing) {
  if (process.env.REQUIRE_NGINX === "1") throw new Error(missing);
  console.error(`\n*** SKIPPED: ${missing} ***\n`);
}

const s = { dir: null, site: null, nginx: null, origin: null, browser: null };

async function freePort() {
  const server = net.createServer();
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const port = server.address().port;
  await new Promise((ok) => server.close(ok));
  return port;
}

/** `text` with `from` replaced by `to`, which must occur exactly `times` times. */
function replaceExactly(text, from, to, times) {
  const n = text.split(from).length - 1;
  assert.equal(n, times, `deploy/nginx.conf should hold \`${from}\` ${times} time(s), holds it ${n}`);
  return text.split(from).join(to);
}

async function waitForPort(port) {
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((ok) => {
      const c = net.connect(port, "127.0.0.1", () => { c.end(); ok(true); });
      c.on("error", () => ok(false));
    });
    if (up) return;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error("nginx did not start: " + fs.readFileSync(path.join(s.dir, "error.log"), "utf8"));
}

test.before(async () => {
  if (missing) return;
  s.dir = fs.mkdtempSync(path.join(os.tmpdir(), "wegwijs-deploy-"));
  // nginx's workers may run as another user: the site must be readable, as on a server.
  fs.chmodSync(s.dir, 0o755);
  s.site = path.join(s.dir, "site");
  const port = await freePort();
  s.origin = `http://127.0.0.1:${port}`;
  const wegwijs = process.env.WEGWIJS || path.join(REPO, "target/debug/wegwijs");
  const built = spawnSync(wegwijs, ["build", "--quiet", "--root", REPO, "--output", s.site, "--base-url", s.origin + BASE], { encoding: "utf8" });
  assert.equal(built.status, 0, built.stderr);
  assert.equal(built.stderr, "", "the shipped site builds without warnings");

  let conf = fs.readFileSync(path.join(REPO, "deploy/nginx.conf"), "utf8");
  conf = replaceExactly(conf, "listen 80;", `listen 127.0.0.1:${port};`, 1);
  conf = replaceExactly(conf, "/var/www/kennisbank/", s.site + "/", 2);
  fs.writeFileSync(path.join(s.dir, "kennisbank.conf"), conf);
  for (const t of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) fs.mkdirSync(path.join(s.dir, "tmp", t), { recursive: true });
  // What /etc/nginx/nginx.conf gives a site's file on Debian, in the temporary prefix.
  fs.writeFileSync(path.join(s.dir, "nginx.conf"), `worker_processes 1;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  access_log off;
  client_body_temp_path ${s.dir}/tmp/body;
  proxy_temp_path ${s.dir}/tmp/proxy;
  fastcgi_temp_path ${s.dir}/tmp/fastcgi;
  uwsgi_temp_path ${s.dir}/tmp/uwsgi;
  scgi_temp_path ${s.dir}/tmp/scgi;
  include ${s.dir}/kennisbank.conf;
}
`);
  const args = ["-p", s.dir + "/", "-c", path.join(s.dir, "nginx.conf"), "-e", path.join(s.dir, "error.log"),
    "-g", `daemon off; pid ${s.dir}/nginx.pid; error_log ${s.dir}/error.log;`];
  const check = spawnSync(NGINX, ["-t", ...args], { encoding: "utf8" });
  assert.equal(check.status, 0, "nginx -t: " + check.stderr);
  s.nginx = spawn(NGINX, args, { stdio: "ignore" });
  await waitForPort(port);
  s.browser = await launch();
});

test.after(async () => {
  if (s.browser) await s.browser.close();
  if (s.nginx) {
    s.nginx.kill("SIGQUIT");
    await new Promise((ok) => { if (s.nginx.exitCode !== null) ok(); else s.nginx.on("exit", ok); });
  }
  if (s.dir) fs.rmSync(s.dir, { recursive: true, force: true });
});

/** Every file of the output, as site paths ("css/wegwijs.3f9a1c2b7d4e.css"). */
function outputFiles(dir, rel = "") {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const p = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? outputFiles(dir, p) : [p];
  });
}

/** The URL a browser asks for to get the output file `rel`. */
function urlOf(rel) {
  return s.origin + BASE + rel.replace(/(^|\/)index\.html$/, "$1").split("/").map(encodeURIComponent).join("/");
}

function assertHeaders(url, res) {
  const cache = res.headers.get("cache-control");
  assert.equal(cache, FINGERPRINTED.test(new URL(url).pathname) ? IMMUTABLE : SHORT, `Cache-Control of ${url}`);
  const csp = res.headers.get("content-security-policy") || "";
  assert.match(csp, /default-src 'self'/, `CSP of ${url}`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `CSP of ${url}`);
  assert.equal(res.headers.get("x-content-type-options"), "nosniff", url);
  assert.ok(res.headers.get("referrer-policy"), `Referrer-Policy of ${url}`);
  assert.ok(res.headers.get("permissions-policy"), `Permissions-Policy of ${url}`);
}

test("every file of the output answers 200 with the Cache-Control of its kind", { skip: missing }, async () => {
  const files = outputFiles(s.site).filter((f) => !f.startsWith(".") && !f.endsWith(".nginx.conf"));
  assert.ok(files.some((f) => /^css\/wegwijs\.[0-9a-f]{12}\.css$/.test(f)), "the stylesheet is fingerprinted");
  assert.ok(files.some((f) => /\/index\.[0-9a-f]{12}\/meta\.json$/.test(f)), "the search index folder is fingerprinted");
  let immutable = 0;
  for (const f of files) {
    const url = urlOf(f);
    const res = await fetch(url, { redirect: "manual" });
    await res.arrayBuffer();
    assert.equal(res.status, 200, url);
    assertHeaders(url, res);
    if (res.headers.get("cache-control") === IMMUTABLE) immutable++;
  }
  assert.ok(immutable > 10, `${immutable} immutable files`);
});

test("every link and asset of every page answers 200", { skip: missing }, async () => {
  const seen = new Set();
  const queue = [s.origin + BASE];
  const attr = /\b(?:href|src|data-index)="([^"#]*)(?:#[^"]*)?"/g;
  while (queue.length) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await fetch(url, { redirect: "manual" });
    assert.equal(res.status, 200, `${url} (from a page of the site)`);
    assertHeaders(url, res);
    if (!(res.headers.get("content-type") || "").startsWith("text/html")) { await res.arrayBuffer(); continue; }
    const html = await res.text();
    for (const [, ref] of html.matchAll(attr)) {
      if (!ref) continue;
      const target = new URL(ref.replace(/&amp;/g, "&"), url);
      target.search = "";
      if (target.origin !== s.origin) continue;
      assert.ok(target.pathname.startsWith(BASE), `${ref} on ${url} leaves ${BASE}`);
      // The index folder itself is not a page; its files are fetched in the test above.
      if (/\/index\.[0-9a-f]{12}\/$/.test(target.pathname)) continue;
      if (!seen.has(target.href)) queue.push(target.href);
    }
  }
  assert.ok(seen.size > 150, `crawled ${seen.size} addresses`);
});

test("a missing page gets the site's 404 page with status 404; hidden files are not served", { skip: missing }, async () => {
  const page = fs.readFileSync(path.join(s.site, "404.html"), "utf8");
  for (const missingPath of ["bestaat-niet/", "begrippen/bestaat-niet/", "css/weg.css", ".wegwijs-output"]) {
    const url = s.origin + BASE + missingPath;
    const res = await fetch(url);
    assert.equal(res.status, 404, url);
    assert.equal(await res.text(), page, `${url} shows the 404 page`);
    assertHeaders(url, res);
  }
  const bare = await fetch(s.origin + "/kennisbank", { redirect: "manual" });
  assert.equal(bare.status, 301);
  assert.equal(bare.headers.get("location"), BASE);
  const folder = await fetch(s.origin + BASE + "begrippen", { redirect: "manual" });
  assert.equal(folder.status, 301);
  assert.equal(folder.headers.get("location"), BASE + "begrippen/", "a relative redirect, right behind a proxy");
});

test("text files are sent gzipped", { skip: missing }, async () => {
  const css = outputFiles(s.site).find((f) => /^css\/wegwijs\./.test(f));
  for (const f of ["", css]) {
    const res = await fetch(urlOf(f), { headers: { "accept-encoding": "gzip" } });
    await res.arrayBuffer();
    assert.equal(res.headers.get("content-encoding"), "gzip", f || "home page");
  }
});

/** One page of every kind: the first page of each folder in the output that has one. */
function pagesOfEveryKind() {
  const first = (folder) => {
    const dir = path.join(s.site, folder);
    const sub = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== "pagina")
      .map((e) => e.name).sort().find((n) => fs.existsSync(path.join(dir, n, "index.html")));
    assert.ok(sub, `a page in ${folder}/`);
    return `${folder}/${sub}/`;
  };
  return ["", "begrippen/", first("begrippen"), "praktijkvoorbeelden/", first("praktijkvoorbeelden"), first("instrumenten"),
    "themas/", first("themas"), first("artikelen"), "gemeenten/", first("gemeenten"), first("doelgroepen"),
    "soorten-instrumenten/", "zoeken/", "zoeken/?q=tolk", "bestaat-niet/"];
}

test("Chromium reports no Content-Security-Policy violation on any kind of page", { skip: missing }, async () => {
  const context = await s.browser.newContext();
  // Runs through the DevTools protocol, before the page's own scripts: the policy does not apply to it.
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const problems = [];
  const page = await context.newPage();
  page.on("console", (m) => { if (/Content[- ]Security[- ]Policy|Refused/i.test(m.text())) problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  page.on("requestfailed", (r) => { if (!cancelledIcon(r)) problems.push(`request failed: ${r.url()} ${r.failure().errorText}`); });
  for (const rel of pagesOfEveryKind()) {
    const response = await page.goto(s.origin + BASE + rel);
    assert.equal(response.status(), rel === "bestaat-niet/" ? 404 : 200, rel);
    if (rel.includes("?q=")) {
      // The search ran: the index was fetched from its fingerprinted folder.
      await page.locator("#ww-search-results .search-result h3 a").first().waitFor();
    }
    await page.waitForLoadState("load");
    // The stylesheets applied (a refused stylesheet leaves the page unstyled).
    const styled = await page.evaluate(() => getComputedStyle(document.querySelector(".skip-link")).position);
    assert.equal(styled, "absolute", `the theme's CSS applies on ${rel}`);
    const violations = await page.evaluate(() => window.__violations);
    assert.deepEqual(violations, [], `CSP violations on ${rel}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
