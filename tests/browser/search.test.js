// Browser test of the search page: Chromium (Debian's, headless) on a site wegwijs built, served
// under a sub-path with a strict Content-Security-Policy by a server that lives as long as this
// test. run.sh installs what it needs and builds the site; SITE_DIR points at the output.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { axe, session } = require("./harness");

const SITE = process.env.SITE_DIR;
const BASE = "/kennisbank/";
const OUT = process.env.SCREENSHOT_DIR || path.join(__dirname, "out");

const violations = [];
const s = session({ site: SITE, base: BASE, expect: path.join("zoeken", "index.html"), problems: violations });
const open = s.open;

const firstTitle = (page) => page.locator("#ww-search-results .search-result h3 a").first();

test("typing a query shows the expected first result, the definition and the count", async () => {
  const { context, page } = await open("zoeken/");
  await page.locator("#ww-search-q").pressSequentially("nieuwkomer", { delay: 30 });
  await assert.doesNotReject(firstTitle(page).waitFor());
  await page.waitForFunction(() => document.querySelector("#ww-search-results .search-result h3 a")?.textContent === "Statushouder");
  // The link asks the page to mark the query's words (the stems the search matched).
  assert.match(await firstTitle(page).getAttribute("href"), /^\.\.\/begrippen\/statushouder\/\?highlight=[^#]*statushouder/);
  assert.match(await page.locator("#ww-search-status").textContent(), /^\d+ resultaten$/);
  assert.equal(await page.locator("#ww-search-status").getAttribute("aria-live"), "polite");
  assert.match(await page.locator("#ww-search-definition").textContent(), /verblijfsvergunning/);
  await page.waitForFunction(() => document.querySelectorAll("#ww-search-results mark").length > 0);
  assert.equal(new URL(page.url()).searchParams.get("q"), "nieuwkomer");
  assert.ok(await page.locator("#ww-search-browse").isHidden(), "the lists give way to the results");
  // The result link works under the sub-path.
  await firstTitle(page).click();
  await page.waitForURL((u) => u.pathname === new URL(s.url("begrippen/statushouder/")).pathname);
  await context.close();
});

test("the header's search box on any page leads to the results", async () => {
  const { context, page } = await open("begrippen/statushouder/");
  await page.locator("#ww-header-q").fill("sleutelpersonen");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/kennisbank\/zoeken\/\?q=sleutelpersonen$/);
  await page.waitForFunction(() => document.querySelector("#ww-search-results .search-result h3 a")?.textContent === "Sleutelpersoon");
  assert.equal(await page.locator("#ww-search-q").inputValue(), "sleutelpersonen");
  await context.close();
});

test("keyboard: arrows move through the results, Escape goes back to the box", async () => {
  const { context, page } = await open("zoeken/?q=sleutelpersonen");
  await firstTitle(page).waitFor();
  await page.locator("#ww-search-q").focus();
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), await firstTitle(page).textContent());
  await page.keyboard.press("ArrowDown");
  const second = await page.locator("#ww-search-results .search-result h3 a").nth(1).textContent();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), second);
  // The focused link is visibly marked.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none");
  await page.keyboard.press("Escape");
  assert.equal(await page.evaluate(() => document.activeElement.id), "ww-search-q");
  await context.close();
});

test("facets filter, live in the URL, and Back restores the previous search", async () => {
  const { context, page } = await open("zoeken/?q=statushouders");
  await firstTitle(page).waitFor();
  const before = await page.locator("#ww-search-results .search-result").count();
  // With the keyboard: the box keeps the focus after the facets are drawn again.
  await page.locator("#ww-f-municipality-harderwijk").focus();
  await page.keyboard.press("Space");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("gemeente") === "harderwijk");
  await page.waitForFunction(() => document.querySelectorAll("#ww-search-results .search-result").length === 1);
  assert.match(await firstTitle(page).textContent(), /^Harderwijk/);
  assert.equal(await page.evaluate(() => document.activeElement.id), "ww-f-municipality-harderwijk");
  assert.ok(await page.locator("#ww-f-municipality-harderwijk").isChecked());
  await page.goBack();
  await page.waitForFunction((n) => document.querySelectorAll("#ww-search-results .search-result").length === n, before);
  assert.equal(new URL(page.url()).searchParams.get("gemeente"), null);
  assert.equal(await page.locator("#ww-search-q").inputValue(), "statushouders");
  await context.close();
});

test("a result links to its matching sections, and the page it opens marks the query's words", async () => {
  const { context, page } = await open("zoeken/?q=jeugdhulp");
  const result = page.locator("#ww-search-results .search-result", { hasText: "Vijf lessen uit de praktijk" });
  const section = result.locator(".search-sections a");
  await section.first().waitFor();
  assert.equal(await section.count(), 1);
  assert.equal(await section.textContent(), "Jeugdhulp in de wijk");
  assert.match(await section.getAttribute("href"), /\?highlight=jeugdhulp#jeugdhulp-in-de-wijk$/);
  await section.click();
  await page.waitForURL(/#jeugdhulp-in-de-wijk$/);
  const marks = page.locator("main mark.search-highlight");
  await marks.first().waitFor();
  assert.equal(await marks.first().textContent(), "Jeugdhulp");
  // One click takes the marks away, and the parameter from the address.
  const bar = page.locator(".search-highlight-bar");
  assert.match(await bar.textContent(), /Je zoekwoorden zijn gemarkeerd/);
  await bar.locator("button").click();
  assert.equal(await marks.count(), 0);
  assert.equal(await bar.count(), 0);
  assert.equal(new URL(page.url()).searchParams.get("highlight"), null);
  assert.equal(new URL(page.url()).hash, "#jeugdhulp-in-de-wijk");
  assert.match(await page.locator("main .content").textContent(), /Jeugdhulp in de wijk/);
  await context.close();
});

test("results do not shift the page as their snippets and sections arrive", async () => {
  const { context, page } = await open("zoeken/");
  // Tall enough that the results are in view: only what is in view counts as a shift.
  await page.setViewportSize({ width: 1200, height: 1600 });
  // The result pages (for snippets and sections) are held back until the titles are drawn, as
  // on a slow connection.
  const held = [];
  await page.route((url) => url.pathname.endsWith("/") && !url.pathname.endsWith("/zoeken/"), (route) => held.push(route));
  await page.evaluate(() => {
    window.__shift = 0;
    // Every shift counts, also those right after the keypress that the browser would excuse.
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__shift += e.value; })
      .observe({ type: "layout-shift", buffered: true });
  });
  await page.locator("#ww-search-q").fill("nieuwkomer");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelectorAll("#ww-search-results .search-result").length > 2);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  await page.evaluate(() => { window.__shift = 0; });
  while (held.length) await held.shift().continue();
  await page.unrouteAll();
  // Every result has its snippet and its facts (the kind, then the municipality) filled in.
  await page.waitForFunction(() => {
    const results = document.querySelectorAll("#ww-search-results .search-result");
    return results.length > 2 && Array.from(results).every((r) => r.querySelector(".search-snippet").textContent.length > 0);
  });
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const shift = await page.evaluate(() => window.__shift);
  assert.ok(shift < 0.01, "layout shift " + shift);
  await context.close();
});

test("on a phone a Filters button before the results opens the facets", async () => {
  const { context, page } = await open("zoeken/?q=statushouders");
  await page.setViewportSize({ width: 375, height: 800 });
  await firstTitle(page).waitFor();
  const toggle = page.locator("#ww-search-filters-toggle");
  assert.ok(await toggle.isVisible());
  assert.equal(await toggle.textContent(), "Filters");
  assert.ok(await page.locator("#ww-search-facets").isHidden(), "the facets wait behind the button");
  const buttonBox = await toggle.boundingBox();
  const resultsBox = await page.locator("#ww-search-results").boundingBox();
  assert.ok(buttonBox.y < resultsBox.y, "the button comes before the results");
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  const facets = page.locator("#ww-search-facets");
  assert.ok(await facets.isVisible());
  assert.ok((await facets.boundingBox()).y < (await page.locator("#ww-search-results").boundingBox()).y, "the facets open above the results");
  await page.screenshot({ path: path.join(OUT, "search-phone.png"), fullPage: true });
  assert.deepEqual(await axe(page), []);
  // On a wide screen the facets are beside the results and the button is gone.
  await page.setViewportSize({ width: 1200, height: 900 });
  assert.ok(await toggle.isHidden());
  await context.close();
});

test("results can be sorted by date, and the choice lives in the URL", async () => {
  const { context, page } = await open("zoeken/?q=statushouders");
  await firstTitle(page).waitFor();
  const byRelevance = await page.locator("#ww-search-results .search-result h3 a").allTextContents();
  await page.locator("#ww-search-sort").selectOption("date");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("sorteer") === "datum");
  await page.waitForFunction((before) => {
    const now = Array.from(document.querySelectorAll("#ww-search-results .search-result h3 a")).map((a) => a.textContent);
    return now.length === before.length && now.join() !== before.join();
  }, byRelevance);
  // Newest first: Harderwijk (2022) before Weert (2021) before Tholen (2020).
  const byDate = await page.locator("#ww-search-results .search-result h3 a").allTextContents();
  const at = (t) => byDate.findIndex((x) => x.startsWith(t));
  assert.ok(at("Harderwijk") < at("Weert") && at("Weert") < at("Tholen"), byDate.join(" | "));
  await page.reload();
  await firstTitle(page).waitFor();
  assert.equal(await page.locator("#ww-search-sort").inputValue(), "date");
  await context.close();
});

test("axe-core finds no accessibility violations on the search page with results", async () => {
  const { context, page } = await open("zoeken/?q=nieuwkomer");
  await firstTitle(page).waitFor();
  await page.waitForFunction(() => document.querySelectorAll("#ww-search-results mark").length > 0);
  fs.mkdirSync(OUT, { recursive: true });
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.screenshot({ path: path.join(OUT, "search.png"), fullPage: true });
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test("without JavaScript the search page offers the taxonomy lists", async () => {
  const { context, page } = await open("zoeken/?q=nieuwkomer", { javaScriptEnabled: false });
  assert.ok(await page.locator("#ww-search-browse").isVisible());
  assert.ok(await page.locator("#ww-search-browse a").count() > 5);
  await context.close();
});

test("opened from disk, the page says why search does not work and keeps the lists", async () => {
  const context = await s.browser.newContext();
  const page = await context.newPage();
  await page.goto("file://" + path.join(SITE, "zoeken", "index.html") + "?q=nieuwkomer");
  await page.waitForFunction(() => document.getElementById("ww-search-status").textContent.length > 0);
  assert.match(await page.locator("#ww-search-status").textContent(), /als bestand/);
  assert.ok(await page.locator("#ww-search-browse").isVisible());
  await context.close();
});

test("no Content-Security-Policy violations or script errors happened", () => {
  assert.deepEqual(violations, []);
});
