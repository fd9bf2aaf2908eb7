// Browser test of `wegwijs serve`, for what only a browser proves: an open page reloads by
// itself after an edit, a stylesheet change is swapped in without a reload, and a broken front
// matter shows the problems overlay over the last good page until it is fixed, all under the
// preview's strict Content-Security-Policy. run.sh gives the binary (WEGWIJS) and a fixture site
// (FIXTURE); the test copies the site to a temporary folder and edits the copy as an editor
// does (a temporary file renamed over the page). The server is killed at the end whatever
// happens, and every wait has a deadline.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawn } = require("node:child_process");
const { launch } = require("./harness");

const BINARY = process.env.WEGWIJS;
const FIXTURE = process.env.FIXTURE;
const OUT = process.env.SCREENSHOT_DIR || path.join(__dirname, "out");
const WAIT = 15000;

const PAGE = "content/begrippen/statushouder.md";
const PAGE_URL = "begrippen/statushouder/";
// Enough text below the definition that the page scrolls.
const FILLER = Array.from({ length: 60 }, (_, i) => `Alinea ${i + 1} over statushouders en hun eerste jaren in de gemeente.`).join("\n\n");

const s = { original: "", site: null, child: null, origin: null, browser: null, terminal: "" };
const problems = [];

/** Saves the way many editors do: a temporary file beside the target, renamed over it. */
function save(rel, text) {
  const target = path.join(s.site, rel);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.swp`);
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, target);
}

/** The fixture's page with `body` added to its text (its heading stays: other pages link to it). */
function term(body) {
  return s.original + "\n" + body + "\n\n" + FILLER + "\n";
}

/** Starts `wegwijs serve --port 0` on the copy; resolves to its origin once it prints it. */
function startServer() {
  // Dutch words whatever the locale of the machine: the overlay's assertions read them.
  const child = spawn(BINARY, ["serve", "--root", s.site, "--port", "0", "--lang", "nl"], {
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  s.child = child;
  child.stderr.on("data", (d) => { s.terminal += d; });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("no address within 15 s:\n" + s.terminal)), WAIT);
    child.on("error", (e) => { clearTimeout(timer); reject(e); });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`serve stopped (${code}):\n${s.terminal}`)); });
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/(127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve(`http://${m[1]}`); }
    });
  });
}

function stopServer() {
  const child = s.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once("exit", done);
    child.kill("SIGKILL");
  });
}
// Should the test runner itself be stopped: no server left behind.
process.on("exit", () => { if (s.child && s.child.exitCode === null) s.child.kill("SIGKILL"); });

test.before(async () => {
  assert.ok(BINARY && fs.existsSync(BINARY), "WEGWIJS must name the wegwijs binary");
  assert.ok(FIXTURE && fs.existsSync(path.join(FIXTURE, PAGE)), `FIXTURE must be a site with ${PAGE}`);
  s.original = fs.readFileSync(path.join(FIXTURE, PAGE), "utf8");
  s.site = fs.mkdtempSync(path.join(os.tmpdir(), "wegwijs-serve-"));
  fs.cpSync(FIXTURE, s.site, { recursive: true });
  // The site's own copy of the theme's stylesheet, so that editing it changes a stylesheet only.
  const css = path.join(__dirname, "../../themes/default/static/css/wegwijs.css");
  fs.mkdirSync(path.join(s.site, "static/css"), { recursive: true });
  fs.copyFileSync(css, path.join(s.site, "static/css/wegwijs.css"));
  fs.writeFileSync(path.join(s.site, PAGE), term("Eerste versie van de tekst."));
  s.origin = await startServer();
  s.browser = await launch();
});

test.after(async () => {
  try {
    if (s.browser) await s.browser.close();
  } finally {
    await stopServer();
    if (s.site) fs.rmSync(s.site, { recursive: true, force: true });
  }
});

/** Opens the page in a fresh context, recording CSP refusals and script errors in `problems`. */
async function open() {
  // `Connection: close`: a bug of the preview, worked around here because this test is about
  // what a served page does. tiny_http 0.12 gives each connection to a pool of 4 threads and
  // queues those that arrive while its idle threads are still waking up, instead of starting a
  // thread; a keep-alive connection holds its thread until the browser closes it. So on a fresh
  // server a page's burst of requests (page, stylesheets, scripts) can leave live.js unanswered
  // (7 keep-alive requests at once: 3 unanswered in about half the runs; with `close`, none),
  // and the page never finishes loading. Closing each connection after its answer frees the thread.
  const context = await s.browser.newContext({ viewport: { width: 1000, height: 700 }, extraHTTPHeaders: { Connection: "close" } });
  const page = await context.newPage();
  page.on("console", (m) => { if (/Content Security Policy|Refused/.test(m.text())) problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  // Connected to the event stream: the server has answered it (it sends the current state at
  // once), so an edit made from now on reaches the page.
  const stream = page.waitForResponse((r) => r.url().endsWith("/__wegwijs/events"), { timeout: WAIT });
  const response = await page.goto(`${s.origin}/${PAGE_URL}`);
  assert.equal(response.status(), 200, s.terminal);
  assert.match(response.headers()["content-security-policy"] || "", /script-src 'self'/, "the preview sends a strict CSP");
  await stream;
  await page.waitForLoadState("load");
  // live.js handles that first message (the version the page has) before an edit follows.
  await page.waitForTimeout(300);
  return { context, page };
}

/** Counts the page's own navigations (a reload is one). */
function navigations(page) {
  const seen = { count: 0 };
  page.on("framenavigated", (frame) => { if (frame === page.mainFrame()) seen.count += 1; });
  return seen;
}

test("an edit reloads the open page by itself, where the reader was", async () => {
  const { context, page } = await open();
  try {
    assert.match(await page.locator("main").textContent(), /Eerste versie van de tekst/);
    await page.evaluate(() => { window.scrollTo(0, 500); window.wegwijsMarker = "voor"; });
    const nav = navigations(page);
    save(PAGE, term("Tweede versie, na het opslaan."));
    await page.waitForFunction(() => document.body && document.body.textContent.includes("Tweede versie, na het opslaan."),
      null, { timeout: WAIT });
    assert.ok(nav.count >= 1, "the page was reloaded");
    assert.equal(await page.evaluate(() => window.wegwijsMarker), undefined, "a new document, not a patched one");
    // live.js puts the reader back where they were after the reload.
    await page.waitForFunction(() => Math.abs(window.scrollY - 500) < 5, null, { timeout: WAIT });
  } finally {
    await context.close();
  }
});

test("a stylesheet change is swapped in without a reload", async () => {
  const { context, page } = await open();
  try {
    await page.evaluate(() => { window.scrollTo(0, 400); window.wegwijsMarker = "blijft"; });
    const nav = navigations(page);
    const css = fs.readFileSync(path.join(s.site, "static/css/wegwijs.css"), "utf8");
    save("static/css/wegwijs.css", css + "\n:root { --wegwijs-test: 42; }\nmain h1 { outline: 3px solid rgb(1, 2, 3); }\n");
    await page.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue("--wegwijs-test").trim() === "42",
      null, { timeout: WAIT });
    assert.equal(await page.locator("main h1").evaluate((h) => getComputedStyle(h).outlineColor), "rgb(1, 2, 3)");
    assert.equal(nav.count, 0, "no navigation");
    assert.equal(await page.evaluate(() => window.wegwijsMarker), "blijft", "the same document");
    assert.equal(await page.evaluate(() => window.scrollY), 400, "the scroll position is kept");
    // The old link went once the new one had loaded: one wegwijs.css, with the new version.
    const links = await page.evaluate(() => Array.from(document.querySelectorAll('link[rel="stylesheet"]'), (l) => l.href)
      .filter((h) => h.includes("/css/wegwijs.css")));
    assert.equal(links.length, 1, links.join(", "));
    assert.match(links[0], /[?&]wegwijs=\d+/);
  } finally {
    await context.close();
  }
});

test("a broken front matter shows the overlay over the last good page until it is fixed", async () => {
  const { context, page } = await open();
  try {
    const nav = navigations(page);
    // An unclosed list in the title: the YAML of the front matter does not parse.
    const broken = term("Kapot.").replace("title: Statushouder", "title: [Statushouder");
    assert.notEqual(broken, term("Kapot."));
    save(PAGE, broken);
    const overlay = page.locator("#wegwijs-overlay");
    await overlay.waitFor({ state: "visible", timeout: WAIT });
    assert.equal(await overlay.getAttribute("role"), "alert");
    const problem = overlay.locator(".wegwijs-problem").first();
    assert.equal(await problem.locator("h2").textContent(), "Er is iets mis in " + PAGE);
    const where = await problem.locator(".wegwijs-where").textContent();
    assert.match(where, /^Regel \d+, kolom \d+$/);
    const line = Number(where.match(/^Regel (\d+)/)[1]);
    // The marked line is the file's own line with that number.
    const source = await problem.locator("pre.wegwijs-source").textContent();
    const lines = fs.readFileSync(path.join(s.site, PAGE), "utf8").split("\n");
    assert.equal(source.split("\n")[0], lines[line - 1], "the shown line is line " + line);
    assert.ok((await problem.locator("pre.wegwijs-source mark").textContent()).length > 0, "a spot is marked");
    assert.match(source.split("\n")[1], /\^/, "carets under the spot");
    assert.match(await problem.locator(".wegwijs-help").textContent(), /^Wat te doen: \S/);
    assert.match(await overlay.locator(".wegwijs-note").textContent(), /laatste versie die wel werkte/);
    assert.equal(await overlay.locator(".wegwijs-close").textContent(), "Verbergen");
    // Under it, the last good page.
    assert.match(await page.locator("main").textContent(), /Tweede versie, na het opslaan/);
    assert.equal(nav.count, 0, "the page stays; the overlay comes over it");

    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, "serve-overlay.png") });

    save(PAGE, term("Derde versie, weer heel."));
    await page.waitForFunction(() => document.body && document.body.textContent.includes("Derde versie, weer heel."),
      null, { timeout: WAIT });
    await overlay.waitFor({ state: "detached", timeout: WAIT });
  } finally {
    await context.close();
  }
});

test("the preview's script, styles and overlay break no rule of the CSP", () => {
  assert.deepEqual(problems, []);
  assert.doesNotMatch(s.terminal, /panicked/);
});
