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
