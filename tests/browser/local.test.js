// A municipality's local version in Chromium: tests/sites/layers/local (a local layer over the
// fixture base ../base, see tests/layers.rs), served under a sub-path with a strict CSP. A
// resident searches, finds the local page first with its "In onze gemeente" badge, keeps only
// the local pages with the filter, and sees the same badge in the list; axe on those pages.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { axe, session } = require("./harness");

const SITE = process.env.SITE_DIR;
const BASE = "/zwolle/";

const problems = [];
const s = session({ site: SITE, base: BASE, expect: path.join("zoeken", "index.html"), problems, failedRequests: true });

const results = "#ww-search-results .search-result";
// How the badge looks in the search results, to compare with the list's.
let resultBadgeStyle = null;
const badgeStyle = (b) => {
  const c = getComputedStyle(b);
  return [c.color, c.borderTopStyle, c.borderTopColor, c.fontWeight, c.fontSize];
};

/** Per result shown: its title and the text of its badge, if it has one. */
function shown(page) {
  return page.$$eval("#ww-search-results .search-result", (items) => items.map((li) => {
    const badge = li.querySelector(".badge-local");
    return [li.querySelector("h3 a").textContent, badge ? badge.textContent : null];
  }));
}

test("a resident finds the local page first, with its badge, and keeps only the local pages", async () => {
  const { context, page } = await s.open("zoeken/");
  await page.locator("#ww-search-q").pressSequentially("inloopspreekuur", { delay: 20 });
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 2, results);
  assert.deepEqual(await shown(page), [
    ["Zwolle: inloopspreekuur", "In onze gemeente"],
    ["Amsterdam: inloopspreekuur", null],
  ]);
  // The badge is text in the result, between its title and the kind line, not a colour alone.
  const badge = page.locator(`${results} .badge-local`).first();
  assert.ok(await badge.isVisible());
  assert.equal(await page.$eval(`${results} .badge-local`, (b) => b.previousElementSibling.tagName), "H3");
  resultBadgeStyle = await page.$eval(`${results} .badge-local`, badgeStyle);
  // Let the snippets arrive before axe looks.
  await page.waitForFunction((sel) => document.querySelectorAll(`${sel} .search-snippet mark`).length === 2, results);
  assert.deepEqual(await axe(page), [], "axe on the results");
  // The local filter, by keyboard: one result, in the URL.
  await page.locator("#ww-f-origin-lokaal").focus();
  await page.keyboard.press("Space");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("herkomst") === "lokaal");
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 1, results);
  assert.deepEqual(await shown(page), [["Zwolle: inloopspreekuur", "In onze gemeente"]]);
  assert.match(await page.locator("label[for=ww-f-origin-lokaal]").textContent(), /^In onze gemeente \(1\)$/);
  assert.deepEqual(await axe(page), [], "axe on the filtered results");
  await context.close();
  assert.deepEqual(problems, []);
});

test("the list of practice examples marks the local one with the same badge, and passes axe", async () => {
  const { context, page } = await s.open("praktijkvoorbeelden/");
  const cards = await page.$$eval(".card", (items) => items.map((li) => {
    const badge = li.querySelector(".badge-local");
    return [li.querySelector(".card-title a").textContent, badge ? badge.textContent : null];
  }));
  assert.deepEqual(cards.find(([t]) => t.startsWith("Zwolle")), ["Zwolle: inloopspreekuur", "In onze gemeente"]);
  assert.deepEqual(cards.find(([t]) => t.startsWith("Amsterdam")), ["Amsterdam: inloopspreekuur", null]);
  // The search result's badge looks as the list's: same class, same colour, border and type.
  const style = await page.$eval(".card .badge-local", badgeStyle);
  assert.equal(style[1], "solid");
  assert.deepEqual(style, resultBadgeStyle);
  assert.deepEqual(await axe(page), [], "axe on the list");
  await context.close();
  assert.deepEqual(problems, []);
});

test("without JavaScript the search page leads to the local listing", async () => {
  const { context, page } = await s.open("zoeken/", { javaScriptEnabled: false });
  const link = page.locator("#ww-search-browse a", { hasText: "In onze gemeente" });
  assert.equal(await link.count(), 1);
  await link.click();
  await page.waitForURL((u) => u.pathname === `${BASE}in-onze-gemeente/`);
  assert.equal(await page.locator(".card .badge-local").count(), 2, "both local pages, each marked");
  await context.close();
  // axe needs scripts: the listing again, with them.
  const withScript = await s.open("in-onze-gemeente/");
  assert.deepEqual(await axe(withScript.page), [], "axe on the local listing");
  await withScript.context.close();
  assert.deepEqual(problems, []);
});
