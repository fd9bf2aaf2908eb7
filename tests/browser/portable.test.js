// Browser test of `wegwijs build --portable`: the shipped knowledge base opened straight from
// disk (file://), with the network off and no server, as a trainer would from a USB stick.
// run.sh builds it into SITE_DIR. Every page must come from a file (no folder listing), search
// must work by typing, with a facet and from the header form of another page, and no request
// may fail or leave the disk.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { launch, cancelledIcon } = require("./harness");

const SITE = process.env.SITE_DIR;
const problems = [];
let browser;

test.before(async () => {
  assert.ok(SITE && fs.existsSync(path.join(SITE, "zoeken/index/meta.json.js")), "SITE_DIR must hold a --portable build");
  browser = await launch();
});
test.after(async () => { if (browser) await browser.close(); });

const url = (rel) => pathToFileURL(path.join(SITE, rel)).href;

/** A page opened from disk in a fresh context without network; records what went wrong. */
async function open(rel) {
  const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
  page.on("requestfailed", (r) => { if (!cancelledIcon(r)) problems.push(`request failed: ${r.url()} (${r.failure() && r.failure().errorText})`); });
  page.on("request", (r) => { if (!r.url().startsWith("file://")) problems.push(`request off the disk: ${r.url()}`); });
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console error on ${page.url()}: ${m.text()}`); });
  await page.goto(url(rel));
  return { context, page };
}

/** Clicks `link` and waits until the page it leads to has loaded. */
async function follow(page, link) {
  const before = page.url();
  await link.click();
  await page.waitForURL((u) => u.href !== before);
  await page.waitForLoadState("load");
}

/** Asserts that the page shown is a page of the site from a file, not a folder listing. */
async function assertSitePage(page, what) {
  const shown = page.url().split(/[?#]/)[0];
  assert.ok(shown.endsWith(".html"), `${what}: ${shown} is not a file`);
  assert.ok(fs.statSync(new URL(shown)).isFile(), `${what}: ${shown} does not exist`);
  assert.equal(await page.locator("#ww-main").count(), 1, `${what}: ${shown} is no page of the site`);
}

test("menu links lead from file to file", async () => {
  const { context, page } = await open("index.html");
  const count = await page.locator("#ww-menu a").count();
  assert.ok(count >= 5, `the menu has ${count} links`);
  for (let i = 0; i < count; i++) {
    await page.goto(url("index.html"));
    const link = page.locator("#ww-menu a").nth(i);
    const name = await link.textContent();
    await follow(page, link);
    await assertSitePage(page, `menu link ${name}`);
    // One level further: the first link in the page's main part.
    const inner = page.locator("#ww-main a[href]:not([href^='#']):visible").first();
    if (await inner.count()) {
      await follow(page, inner);
      await assertSitePage(page, `first link on ${name}`);
    }
  }
  await context.close();
  assert.deepEqual(problems, []);
});

test("search by typing, with a facet, and into a result", async () => {
  const { context, page } = await open("zoeken/index.html");
  await page.locator("#ww-search-q").pressSequentially("statushouder", { delay: 20 });
  const results = page.locator("#ww-search-results .search-result");
  await results.first().waitFor();
  const before = await results.count();
  assert.ok(before > 0);
  assert.match(await page.locator("#ww-search-status").textContent(), /\d|resultaat/);
  // The snippet comes from the result's own page, read from its script.
  await page.locator("#ww-search-results .search-snippet mark").first().waitFor();
  // The glossary definition above the results.
  await page.locator("#ww-search-definition h2").waitFor();

  // A facet: only terms.
  await page.locator("#ww-search-facets input[name=soort][value=begrippen]").check();
  await page.waitForFunction(() => /[?&]soort=begrippen/.test(window.location.search));
  await results.first().waitFor();
  const kinds = await page.locator("#ww-search-results .search-meta").allTextContents();
  assert.ok(kinds.length > 0 && kinds.length <= before);
  assert.ok(kinds.every((k) => /^Begrip/.test(k)), kinds.join(" | "));

  // A result opens its page, with the words marked.
  await follow(page, results.first().locator("h3 a"));
  await assertSitePage(page, "a search result");
  await page.locator("mark.search-highlight").first().waitFor();
  await context.close();
  assert.deepEqual(problems, []);
});

test("the search form of another page submits to the search page", async () => {
  const { context, page } = await open("begrippen/statushouder/index.html");
  assert.match(await page.locator("#ww-header-search").getAttribute("action"), /zoeken\/index\.html$/);
  await page.locator("#ww-header-q").fill("inburgering");
  await page.locator("#ww-header-q").press("Enter");
  await page.waitForURL(/zoeken/);
  await page.waitForLoadState("load");
  assert.match(page.url(), /\/zoeken\/index\.html\?q=inburgering$/);
  await page.locator("#ww-search-results .search-result").first().waitFor();
  assert.equal(await page.locator("#ww-search-q").inputValue(), "inburgering");
  await context.close();
  assert.deepEqual(problems, []);
});

test("the filters of a list work from disk", async () => {
  const { context, page } = await open("instrumenten/index.html");
  const select = page.locator(".filter-form select").first();
  await select.waitFor();
  const all = await page.locator("#ww-list > li:not([hidden])").count();
  await select.selectOption({ index: 1 });
  const shown = await page.locator("#ww-list > li:not([hidden])").count();
  assert.ok(shown > 0 && shown < all, `${shown} of ${all} shown`);
  await context.close();
  assert.deepEqual(problems, []);
});
