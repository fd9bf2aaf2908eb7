// The shipped server configurations with real servers: deploy/nginx.conf in nginx and
// deploy/.htaccess in Apache. The shipped knowledge base is built once, as a municipality
// would publish it: a copy of the site with deploy/.htaccess as its static/.htaccess and one
// page moved (`moved_from`), for http://127.0.0.1:PORT/kennisbank/, with `--precompress` (a
// gzipped copy beside each text file). Each server is then started
// in turn as an ordinary process on that port, in a temporary folder, with the shipped file as
// it is (nginx: only `listen` and the site's folder changed; Apache: the file unchanged, in a
// minimal httpd.conf that allows `.htaccess`), and the same checks run against each:
// - every file of the output answers 200 with the Cache-Control of its kind (a year and
//   immutable for fingerprinted names, no-cache for the rest) and the security headers; the
//   old addresses of the moved page answer 301 with the new address;
// - every link and asset of every page answers 200;
// - pages that do not exist get the site's 404 page with status 404, and so do the hidden
//   files and the `_redirects*` files of the output;
// - text files are sent gzipped, from the build's pre-compressed copies where there are some,
//   with the type, charset, Cache-Control and Vary of the file itself;
// - Chromium opens one page of every kind, runs a search, and reports no
//   Content-Security-Policy violation (the `securitypolicyviolation` event and the console).
//
// Needs nginx and Apache (Debian packages `nginx` and `apache2`; tests/browser/run.sh installs
// them) and WEGWIJS, the binary. A server that is not installed is skipped with a message,
// unless REQUIRE_NGINX=1 or REQUIRE_APACHE=1 (CI).
"use strict";
const fs = require("node:fs");
const net = require("node:net");
const os = require("node:os");
const path = require("node:path");
const zlib = require("node:zlib");
const { spawn, spawnSync } = require("node:child_process");
const { describe, it, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { launch, cancelledIcon } = require("./harness.js");

const REPO = path.resolve(__dirname, "../..");
const BASE = "/kennisbank/";
const IMMUTABLE = "public, max-age=31536000, immutable";
const SHORT = "no-cache";
// A fingerprinted name: 12 hex digits before the extension, or inside the index folder.
const FINGERPRINTED = /\.[0-9a-f]{12}\.[A-Za-z0-9]+$|\/index\.[0-9a-f]{12}\//;
// The page the test moves, and its old addresses (a folder and a file).
const MOVED_PAGE = "content/begrippen/statushouder.md";
const MOVED_TO = "begrippen/statushouder/";
const OLD_ADDRESSES = ["begrippen/vergunninghouder/", "oude-site/statushouders.html"];
// What the test adds to the pre-compressed copy of sitemap.xml.
const COPY_MARK = "<!-- de vooraf ingepakte kopie -->\n";

/** The first of `paths` that exists. */
const firstOf = (...paths) => paths.find((p) => fs.existsSync(p));

/** Whether `server` can run here; the reason when not (thrown in CI, where it must run). */
function available(name, bin, envName) {
  if (bin) return false;
  const why = `${name} is not installed (apt-get install ${name === "Apache" ? "apache2" : "nginx"}); its deploy test did not run`;
  if (process.env[envName] === "1") throw new Error(why);
  console.error(`\n*** SKIPPED: ${why} ***\n`);
  return why;
}

const s = { dir: null, htdocs: null, site: null, port: 0, origin: null, browser: null };

async function freePort() {
  const server = net.createServer();
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const port = server.address().port;
  await new Promise((ok) => server.close(ok));
  return port;
}

/** `text` with `from` replaced by `to`, which must occur exactly `times` times in `file`. */
function replaceExactly(file, text, from, to, times) {
  const n = text.split(from).length - 1;
  assert.equal(n, times, `${file} should hold \`${from}\` ${times} time(s), holds it ${n}`);
  return text.split(from).join(to);
}

async function waitForPort(port, log) {
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((ok) => {
      const c = net.connect(port, "127.0.0.1", () => { c.end(); ok(true); });
      c.on("error", () => ok(false));
    });
    if (up) return;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error("the server did not start: " + (fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "no log"));
}

/** A server process: started on `s.port` serving `s.htdocs`, stopped with `signal`. */
async function startProcess(bin, args, signal, log) {
  const child = spawn(bin, args, { stdio: "ignore" });
  await waitForPort(s.port, log);
  return async () => {
    child.kill(signal);
    await new Promise((ok) => { if (child.exitCode !== null || child.signalCode !== null) ok(); else child.on("exit", ok); });
    // The port is free again for the next server.
    for (let i = 0; i < 100; i++) {
      const taken = await new Promise((ok) => {
        const c = net.connect(s.port, "127.0.0.1", () => { c.end(); ok(true); });
        c.on("error", () => ok(false));
      });
      if (!taken) return;
      await new Promise((ok) => setTimeout(ok, 50));
    }
  };
}

const NGINX = firstOf("/usr/sbin/nginx", "/usr/bin/nginx");
const nginx = {
  name: "nginx",
  missing: available("nginx", NGINX, "REQUIRE_NGINX"),
  // `absolute_redirect off`: redirects name a path, right behind a proxy.
  relativeRedirects: true,
  async start() {
    const dir = path.join(s.dir, "nginx");
    const file = "deploy/nginx.conf";
    let conf = fs.readFileSync(path.join(REPO, file), "utf8");
    conf = replaceExactly(file, conf, "listen 80;", `listen 127.0.0.1:${s.port};`, 1);
    conf = replaceExactly(file, conf, "/var/www/kennisbank/", s.site + "/", 2);
    for (const t of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) fs.mkdirSync(path.join(dir, "tmp", t), { recursive: true });
    fs.writeFileSync(path.join(dir, "kennisbank.conf"), conf);
    // What /etc/nginx/nginx.conf gives a site's file on Debian, in the temporary prefix.
    fs.writeFileSync(path.join(dir, "nginx.conf"), `worker_processes 1;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  access_log off;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  include ${dir}/kennisbank.conf;
}
`);
    const log = path.join(dir, "error.log");
    const args = ["-p", dir + "/", "-c", path.join(dir, "nginx.conf"), "-e", log,
      "-g", `daemon off; pid ${dir}/nginx.pid; error_log ${log};`];
    const check = spawnSync(NGINX, ["-t", ...args], { encoding: "utf8" });
    assert.equal(check.status, 0, "nginx -t: " + check.stderr);
    return startProcess(NGINX, args, "SIGQUIT", log);
  },
};

const APACHE = firstOf("/usr/sbin/apache2", "/usr/sbin/httpd");
const APACHE_MODULES = firstOf("/usr/lib/apache2/modules", "/usr/lib64/httpd/modules", "/usr/lib/httpd/modules");
const apache = {
  name: "Apache",
  missing: available("Apache", APACHE && APACHE_MODULES, "REQUIRE_APACHE"),
  // Apache names the whole address in the redirects it makes itself.
  relativeRedirects: false,
  async start() {
    const dir = path.join(s.dir, "apache");
    fs.mkdirSync(dir, { recursive: true });
    const log = path.join(dir, "error.log");
    const modules = ["mpm_event", "authz_core", "dir", "mime", "alias", "rewrite", "headers", "filter", "deflate"]
      .map((m) => `LoadModule ${m}_module ${APACHE_MODULES}/mod_${m}.so`).join("\n");
    // A minimal server: only the modules deploy/.htaccess names, the site's folder under the
    // document root as on a shared host, and `.htaccess` allowed there. Run by root (CI),
    // Apache hands the requests to an unprivileged user, as installed.
    const user = process.getuid && process.getuid() === 0 ? "User www-data\nGroup www-data\n" : "";
    fs.writeFileSync(path.join(dir, "httpd.conf"), `ServerRoot ${dir}
DefaultRuntimeDir ${dir}
PidFile ${dir}/httpd.pid
ErrorLog ${log}
LogLevel warn
Listen 127.0.0.1:${s.port}
ServerName 127.0.0.1
${modules}
${user}TypesConfig /etc/mime.types
DocumentRoot ${s.htdocs}
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory ${s.htdocs}>
    AllowOverride All
    Require all granted
</Directory>
`);
    const args = ["-f", path.join(dir, "httpd.conf")];
    const check = spawnSync(APACHE, ["-t", ...args], { encoding: "utf8" });
    assert.equal(check.status, 0, "apache2 -t: " + check.stderr);
    return startProcess(APACHE, [...args, "-DFOREGROUND"], "SIGTERM", log);
  },
};

const SERVERS = [nginx, apache];

before(async () => {
  if (SERVERS.every((server) => server.missing)) return;
  s.dir = fs.mkdtempSync(path.join(os.tmpdir(), "wegwijs-deploy-"));
  // The servers' workers may run as another user: the site must be readable, as on a server.
  fs.chmodSync(s.dir, 0o755);
  s.port = await freePort();
  s.origin = `http://127.0.0.1:${s.port}`;
  // The shipped site as a municipality publishes it with Apache: deploy/.htaccess in its
  // static/ folder, and a page that moved.
  const root = path.join(s.dir, "root");
  fs.cpSync(path.join(REPO, "content"), path.join(root, "content"), { recursive: true });
  fs.copyFileSync(path.join(REPO, "wegwijs.yaml"), path.join(root, "wegwijs.yaml"));
  fs.mkdirSync(path.join(root, "static"));
  const htaccess = fs.readFileSync(path.join(REPO, "deploy/.htaccess"), "utf8");
  assert.match(htaccess, /ErrorDocument 404 \/kennisbank\/404\.html/, "deploy/.htaccess serves the site under /kennisbank/");
  assert.match(htaccess, /RewriteBase \/kennisbank\//, "deploy/.htaccess serves the site under /kennisbank/");
  fs.writeFileSync(path.join(root, "static/.htaccess"), htaccess);
  const moved = path.join(root, MOVED_PAGE);
  const page = fs.readFileSync(moved, "utf8");
  assert.ok(page.startsWith("---\n"), MOVED_PAGE);
  fs.writeFileSync(moved, `---\nmoved_from: [${OLD_ADDRESSES.map((a) => "/" + a).join(", ")}]\n` + page.slice(4));

  s.htdocs = path.join(s.dir, "htdocs");
  s.site = path.join(s.htdocs, "kennisbank");
  const wegwijs = process.env.WEGWIJS || path.join(REPO, "target/debug/wegwijs");
  const built = spawnSync(wegwijs, ["build", "--quiet", "--root", root, "--output", s.site, "--base-url", s.origin + BASE, "--precompress"], { encoding: "utf8" });
  assert.equal(built.status, 0, built.stderr);
  assert.equal(built.stderr, "", "the shipped site builds without warnings");
  // The build put the redirects of the moved page between the markers of the .htaccess.
  const published = fs.readFileSync(path.join(s.site, ".htaccess"), "utf8");
  for (const from of OLD_ADDRESSES) assert.ok(published.includes(`RedirectMatch 301 "^${BASE}${from.replace(/\/$/, "").replace(/\./g, "\\.")}`), from);
  // One copy made different from its file, so that the test can tell that the server sent the
  // copy and did not compress the file itself.
  const sitemap = fs.readFileSync(path.join(s.site, "sitemap.xml"));
  assert.ok(fs.existsSync(path.join(s.site, "sitemap.xml.gz")), "the build wrote sitemap.xml.gz");
  fs.writeFileSync(path.join(s.site, "sitemap.xml.gz"), zlib.gzipSync(Buffer.concat([sitemap, Buffer.from(COPY_MARK)])));
  s.browser = await launch();
});

after(async () => {
  if (s.browser) await s.browser.close();
  if (s.dir) fs.rmSync(s.dir, { recursive: true, force: true });
});

/** Every file of the output, as site paths ("css/wegwijs.3f9a1c2b7d4e.css"). */
function outputFiles(dir, rel = "") {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const p = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? outputFiles(dir, p) : [p];
  });
}

/** The address of a site path ("begrippen/statushouder/"). */
function address(rel) {
  return s.origin + BASE + rel;
}

/** The URL a browser asks for to get the output file `rel`. */
function urlOf(rel) {
  return address(rel.replace(/(^|\/)index\.html$/, "$1").split("/").map(encodeURIComponent).join("/"));
}

/** Output files that are not for visitors: hidden files and the server redirect files. */
const notServed = (f) => /(^|\/)\./.test(f) || /^_redirects/.test(f);
/** A pre-compressed copy: not an address of its own, but another answer at its file's. */
const isCopy = (f) => f.endsWith(".gz");

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

/** Asserts that `url` answers `status` with a redirect to `to` (a site path). */
async function assertRedirect(server, url, status, to) {
  const res = await fetch(url, { redirect: "manual" });
  await res.arrayBuffer();
  assert.equal(res.status, status, url);
  const location = res.headers.get("location");
  assert.equal(new URL(location, url).href, address(to), `${url} redirects to ${to}`);
  if (server.relativeRedirects) assert.equal(location, BASE + to, `${url}: a relative redirect, right behind a proxy`);
}

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

for (const server of SERVERS) {
  describe(`deploy: ${server.name}`, { skip: server.missing }, () => {
    let stop = null;
    before(async () => { stop = await server.start(); });
    after(async () => { if (stop) await stop(); });

    it("every file of the output answers 200 with the Cache-Control of its kind; old addresses answer 301", async () => {
      const all = outputFiles(s.site);
      const old = OLD_ADDRESSES.map((a) => a.replace(/\/$/, "/index.html"));
      for (const f of old) assert.ok(all.includes(f), `the build wrote a page at the old address ${f}`);
      const files = all.filter((f) => !notServed(f) && !isCopy(f) && !old.includes(f));
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
      // The server's redirects of the moved page (the build's _redirects files) come before
      // the page the build wrote at each old address.
      for (const from of OLD_ADDRESSES) await assertRedirect(server, address(from), 301, MOVED_TO);
      await assertRedirect(server, address("begrippen/vergunninghouder"), 301, MOVED_TO);
    });

    it("every link and asset of every page answers 200", async () => {
      const seen = new Set();
      const queue = [address("")];
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

    it("a missing page gets the site's 404 page with status 404; hidden and _redirects files are not served", async () => {
      const page = fs.readFileSync(path.join(s.site, "404.html"), "utf8");
      const hidden = outputFiles(s.site).filter(notServed);
      for (const f of [".wegwijs-output", ".htaccess", "_redirects", "_redirects.htaccess", "_redirects.nginx.conf"]) {
        assert.ok(hidden.includes(f), `the output has ${f}`);
      }
      for (const missingPath of ["bestaat-niet/", "begrippen/bestaat-niet/", "css/weg.css", ...hidden]) {
        const url = address(missingPath);
        const res = await fetch(url);
        assert.equal(res.status, 404, url);
        assert.equal(await res.text(), page, `${url} shows the 404 page`);
        assertHeaders(url, res);
      }
      await assertRedirect(server, s.origin + "/kennisbank", 301, "");
      await assertRedirect(server, address("begrippen"), 301, "begrippen/");
    });

    it("text files are sent gzipped, from the pre-compressed copies", async () => {
      const all = outputFiles(s.site);
      const copied = all.filter(isCopy).map((f) => f.slice(0, -3));
      const pick = (re) => { const f = copied.find((c) => re.test(c)); assert.ok(f, `a copy of ${re}`); return f; };
      const files = ["index.html", "begrippen/index.html", pick(/^css\/wegwijs\.[0-9a-f]{12}\.css$/), pick(/^js\/.*\.js$/),
        pick(/\/index\.[0-9a-f]{12}\/meta\.json$/), pick(/^img\/.*\.svg$/), "atom.xml", "sitemap.xml"];
      for (const f of files) {
        assert.ok(copied.includes(f), `the build wrote ${f}.gz`);
        const url = urlOf(f);
        const plain = await fetch(url, { headers: { "accept-encoding": "identity" } });
        const plainBody = Buffer.from(await plain.arrayBuffer());
        assert.equal(plain.status, 200, url);
        assert.equal(plain.headers.get("content-encoding"), null, `${url} uncompressed when asked`);
        assert.deepEqual(plainBody, fs.readFileSync(path.join(s.site, f)), url);
        const packed = await fetch(url, { headers: { "accept-encoding": "gzip" } });
        const body = Buffer.from(await packed.arrayBuffer());
        assert.equal(packed.status, 200, url);
        assert.equal(packed.headers.get("content-encoding"), "gzip", url);
        assertHeaders(url, packed);
        // The copy is sent as its file: same type and charset, and the address varies.
        assert.equal(packed.headers.get("content-type"), plain.headers.get("content-type"), `Content-Type of ${url}`);
        assert.match(packed.headers.get("vary") || "", /accept-encoding/i, `Vary of ${url}`);
        const expected = f === "sitemap.xml" ? Buffer.concat([plainBody, Buffer.from(COPY_MARK)]) : plainBody;
        assert.deepEqual(body, expected, `${url}: the copy, unpacked once`);
      }
      // Moved-page redirects and the 404 page still win over a copy.
      for (const from of OLD_ADDRESSES) await assertRedirect(server, address(from), 301, MOVED_TO);
      const missing = await fetch(address("bestaat-niet/"), { headers: { "accept-encoding": "gzip" } });
      assert.equal(missing.status, 404);
      assert.equal(await missing.text(), fs.readFileSync(path.join(s.site, "404.html"), "utf8"));
    });

    it("Chromium reports no Content-Security-Policy violation on any kind of page", async () => {
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
        const response = await page.goto(address(rel));
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
  });
}
