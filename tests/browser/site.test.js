// Browser test of the shipped knowledge base as a whole: axe-core on every kind of page, the
// skip link, pages without JavaScript, the print stylesheet and the 404 page. run.sh builds the
// repository's content/ into SITE_DIR; it is served under a sub-path with a strict CSP.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { axe, session } = require("./harness");

const SITE = process.env.SITE_DIR;
const BASE = "/wegwijs/";
const OUT = process.env.SCREENSHOT_DIR || path.join(__dirname, "out");

// One page of every kind the site has, and the lists that lead to them.
const PAGES = [
  "",
  "begrippen/",
  "begrippen/statushouder/",
  "praktijkvoorbeelden/",
  "praktijkvoorbeelden/harderwijk-spreekuur-wijkverpleegkundige-moskee/",
  "instrumenten/",
  "themas/",
  "themas/outreachend-werken/",
  "artikelen/",
  "artikelen/in-gesprek-met-mensen-uit-een-wij-cultuur/",
  "gemeenten/",
  "gemeenten/den-haag/",
  "doelgroepen/",
  "soorten-instrumenten/",
  "zoeken/",
];

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Presses Tab until `selector` has the focus; gives the number of presses (0 if never). */
async function tabTo(page, selector) {
  for (let n = 1; n <= 10; n++) {
    await page.keyboard.press("Tab");
    if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return n;
  }
  return 0;
}

const problems = [];
const s = session({ site: SITE, base: BASE, expect: "index.html", problems, failedRequests: true });
const open = s.open;

test("every kind of page exists and has no accessibility violations", async () => {
  // A practice example from the shipped content, whatever its file name.
  const practice = fs.readdirSync(path.join(SITE, "praktijkvoorbeelden")).find((n) => n.startsWith("harderwijk"));
  const pages = PAGES.map((p) => (p.startsWith("praktijkvoorbeelden/harderwijk") ? `praktijkvoorbeelden/${practice}/` : p));
  for (const rel of pages) {
    const { context, page, response } = await open(rel);
    assert.equal(response.status(), 200, rel);
    assert.equal(await page.getAttribute("html", "lang"), "nl", rel);
    assert.equal(await page.locator("h1").count(), 1, `${rel} has one h1`);
    assert.deepEqual(await axe(page), [], `axe on /${rel}`);
    await context.close();
  }
});

test("every page of the shipped site has no accessibility violations, in light and dark colours", async () => {
  // Every HTML file the build wrote (the 404 page too), at the desktop width (the list above
  // covers the phone), in the light colour scheme and in the dark one (prefers-color-scheme),
  // whose contrast axe checks as well. Any WCAG 2.1 A or AA violation or best-practice fails.
  const pages = [];
  (function walk(dir, rel) {
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      if (fs.statSync(file).isDirectory()) walk(file, rel + name + "/");
      else if (name === "index.html") pages.push(rel);
      else if (name.endsWith(".html")) pages.push(rel + name);
    }
  })(SITE, "");
  assert.ok(pages.length > 100, `the whole site (${pages.length} pages)`);
  const found = [];
  for (const colorScheme of ["light", "dark"]) {
    const { context, page } = await open("", { colorScheme });
    for (const rel of pages) {
      await page.goto(s.url(rel));
      for (const v of await axe(page)) found.push(`${colorScheme} /${rel}: ${v}`);
    }
    await context.close();
  }
  console.log(`axe-core checked ${pages.length} pages in the light and the dark colour scheme`);
  assert.deepEqual(found, []);
});

test("on a phone the menu button opens the menu, by keyboard too", async () => {
  const { context, page } = await open("begrippen/statushouder/", PHONE);
  const button = page.locator(".menu-toggle");
  const menu = page.locator("#ww-menu");
  assert.ok(await button.isVisible(), "a menu button on a phone");
  assert.ok(await menu.isHidden(), "the menu is closed");
  assert.equal(await button.getAttribute("aria-expanded"), "false");
  assert.equal(await button.getAttribute("aria-controls"), "ww-menu");
  // Skip link, site title, search button, menu button.
  assert.equal(await tabTo(page, ".menu-toggle"), 4, "the menu button is the fourth stop");
  await page.keyboard.press("Enter");
  assert.equal(await button.getAttribute("aria-expanded"), "true");
  assert.ok(await menu.isVisible(), "Enter opens the menu");
  // The menu's links follow the button in the tab order, the current one marked.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.closest("#ww-menu") !== null), true, "Tab goes into the menu");
  assert.equal(await menu.locator("a[aria-current]").textContent(), "Begrippen");
  await page.keyboard.press("Escape");
  assert.ok(await menu.isHidden(), "Escape closes the menu");
  assert.equal(await button.evaluate((el) => el === document.activeElement), true, "and focus goes back to the button");
  assert.equal(await button.getAttribute("aria-expanded"), "false");
  await page.keyboard.press("Space");
  assert.ok(await menu.isVisible(), "Space opens it as well");
  await page.keyboard.press("Space");
  assert.ok(await menu.isHidden(), "and closes it");
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test("on a phone the search button opens the search field, by keyboard too", async () => {
  const { context, page } = await open("begrippen/statushouder/", PHONE);
  const button = page.locator(".search-toggle");
  const field = page.locator("#ww-header-q");
  assert.ok(await field.isHidden(), "the field is closed");
  assert.equal(await button.evaluate((el) => el.tagName), "BUTTON", "with JavaScript the search link is a button");
  assert.equal(await button.getAttribute("aria-expanded"), "false");
  assert.match(await button.textContent(), /Zoeken/, "its name is said, not only shown as an icon");
  assert.equal(await tabTo(page, ".search-toggle"), 3, "the search button is the third stop");
  await page.keyboard.press("Enter");
  assert.equal(await button.getAttribute("aria-expanded"), "true");
  assert.equal(await field.evaluate((el) => el === document.activeElement), true, "the field opens with the focus in it");
  await page.keyboard.press("Escape");
  assert.ok(await field.isHidden(), "Escape closes it");
  assert.equal(await button.evaluate((el) => el === document.activeElement), true, "and focus goes back to the button");
  await page.keyboard.press("Enter");
  await page.keyboard.type("tolk");
  await page.keyboard.press("Enter");
  await page.waitForURL(/zoeken\/\?q=tolk/);
  await context.close();
});

test("on a phone without JavaScript the menu is one row and the search a link", async () => {
  const { context, page } = await open("begrippen/statushouder/", { ...PHONE, javaScriptEnabled: false });
  assert.ok(await page.locator(".menu-toggle").isHidden(), "no button that would do nothing");
  const nav = await page.locator("#ww-menu").boundingBox();
  assert.ok(nav.height < 60, `the menu is one row (${nav.height}px)`);
  const header = await page.locator(".site-header").boundingBox();
  assert.ok(header.height < 130, `header and menu take little room (${header.height}px)`);
  await page.locator(".search-toggle").click();
  await page.waitForURL(s.url("zoeken/"));
  await context.close();
});

test("a list of practice examples narrows at once by municipality and theme", async () => {
  const { context, page } = await open("praktijkvoorbeelden/");
  const cards = page.locator("#ww-list > li");
  const total = await cards.count();
  assert.ok(total > 5);
  await page.locator("#ww-filter-municipality").selectOption({ label: "Den Haag" });
  const shown = page.locator("#ww-list > li:visible");
  assert.equal(await shown.count(), 2, "the two examples from Den Haag");
  assert.match(await page.locator("#ww-filter-status").textContent(), new RegExp(`^2 van ${total} getoond$`));
  await page.locator("#ww-filter-themes").selectOption({ label: "Leernetwerken" });
  assert.equal(await shown.count(), 1, "Den Haag and Leernetwerken");
  await page.locator(".filters button", { hasText: "Filters wissen" }).click();
  assert.equal(await shown.count(), total, "clearing shows everything again");
  assert.deepEqual(await axe(page), []);
  await context.close();
  // Without JavaScript the filters are links to the municipality's page.
  const nojs = await open("praktijkvoorbeelden/", { javaScriptEnabled: false });
  await nojs.page.locator(".filters a", { hasText: "Den Haag" }).click();
  await nojs.page.waitForURL(s.url("gemeenten/den-haag/"));
  await nojs.context.close();
});

test("the skip link takes keyboard users to the content", async () => {
  const { context, page } = await open("begrippen/statushouder/");
  await page.keyboard.press("Tab");
  const skip = page.locator(".skip-link");
  assert.equal(await skip.evaluate((el) => el === document.activeElement), true, "the skip link is the first stop");
  assert.ok(await skip.isVisible(), "and it is visible when focused");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === "ww-main");
  await context.close();
});

test("pages read fully without JavaScript", async () => {
  const { context, page } = await open("themas/outreachend-werken/", { javaScriptEnabled: false });
  assert.match(await page.locator("h1").textContent(), /Outreachend werken/);
  assert.ok(await page.locator("#ww-group-practice ~ ul a, .group a").count() > 2, "the theme lists its pages");
  assert.ok(await page.locator("nav.site-nav a").count() >= 5, "the menu works");
  await context.close();
});

test("the print stylesheet leaves only the content", async () => {
  const { context, page } = await open("begrippen/statushouder/");
  await page.emulateMedia({ media: "print" });
  assert.ok(await page.locator(".site-nav").isHidden(), "no menu on paper");
  assert.ok(await page.locator(".site-footer").isHidden(), "no footer on paper");
  assert.ok(await page.locator("main h1").isVisible());
  await context.close();
});

test("an unknown address shows the 404 page with working links", async () => {
  const { context, page, response } = await open("bestaat/niet/meer/");
  assert.equal(response.status(), 404);
  assert.match(await page.locator("h1").textContent(), /Pagina niet gevonden/);
  const css = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).backgroundColor);
  assert.notEqual(css, "rgba(0, 0, 0, 0)", "its stylesheet loaded from the base path");
  await page.locator("main a", { hasText: "startpagina" }).click();
  await page.waitForURL(s.url(""));
  await context.close();
});

test("the home page on a phone", async () => {
  const { context, page } = await open("", { viewport: { width: 390, height: 844 }, isMobile: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(overflow, false, "no sideways scrolling");
  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, "home-phone.png"), fullPage: true });
  await context.close();
});

test("nothing was refused by the CSP and every request succeeded", () => {
  assert.deepEqual(problems, []);
});
