// Screenshots of every kind of page of the shipped knowledge base, on a desktop (1280×900) and on
// a phone (390×844): the review of the theme is looking at them. They go to SCREENSHOT_DIR
// (default tests/browser/out/screenshots/) as KIND-desktop.png and KIND-phone.png, the first
// screen only; with FULL_PAGE=1 the whole page. Besides writing them, the test asserts what a
// reader must see in the first screen: on a phone the content starts within it, on a desktop
// the page's table of contents stands beside the text.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { session } = require("./harness");

const SITE = process.env.SITE_DIR;
const BASE = "/wegwijs/";
const OUT = process.env.SCREENSHOT_DIR || path.join(__dirname, "out", "screenshots");
const FULL = process.env.FULL_PAGE === "1";

// Every kind of page: name → address (relative to the site's root).
const KINDS = [
  ["home", ""],
  ["glossary", "begrippen/"],
  ["term", "begrippen/statushouder/"],
  ["practice-list", "praktijkvoorbeelden/"],
  ["practice", "praktijkvoorbeelden/harderwijk"],
  ["tool-list", "instrumenten/"],
  ["tool", "instrumenten/"],
  ["themes", "themas/"],
  ["theme", "themas/outreachend-werken/"],
  ["article-list", "artikelen/"],
  ["article", "artikelen/in-gesprek-met-mensen-uit-een-wij-cultuur/"],
  ["taxonomy", "gemeenten/"],
  ["taxonomy-term", "gemeenten/den-haag/"],
  ["search", "zoeken/?q=statushouder"],
  ["not-found", "bestaat/niet/"],
];

const WIDTHS = [
  ["desktop", { viewport: { width: 1280, height: 900 } }],
  ["phone", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
];

const problems = [];
const s = session({ site: SITE, base: BASE, expect: "index.html", problems, failedRequests: true });

/** The address of a kind: a practice example and a tool are found by their folder name. */
function address(name, rel) {
  if (name === "practice") {
    return "praktijkvoorbeelden/" + fs.readdirSync(path.join(SITE, "praktijkvoorbeelden")).find((n) => n.startsWith("harderwijk")) + "/";
  }
  if (name === "tool") {
    const dir = path.join(SITE, "instrumenten");
    return "instrumenten/" + fs.readdirSync(dir).find((n) => fs.statSync(path.join(dir, n)).isDirectory() && n !== "pagina") + "/";
  }
  return rel;
}

for (const [width, options] of WIDTHS) {
  test(`every kind of page on a ${width}`, async () => {
    fs.mkdirSync(OUT, { recursive: true });
    // Every page is photographed first; what is wrong is said at the end.
    const wrong = [];
    for (const [name, rel] of KINDS) {
      const { context, page } = await s.open(address(name, rel), options);
      if (name === "search") await page.locator("#ww-search-results li").first().waitFor();
      const file = path.join(OUT, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: FULL });
      assert.ok(fs.statSync(file).size > 5000, `${file} is a real screenshot`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      if (overflow) wrong.push(`${name}: sideways scrolling`);
      // The page's heading is in the top half of the first screen: the header leaves room.
      const h1 = await page.locator("h1").boundingBox();
      if (!(h1 && h1.y + h1.height < options.viewport.height / 2)) wrong.push(`${name}: the heading is below the top half`);
      await context.close();
    }
    assert.deepEqual(wrong, [], `on a ${width}`);
  });
}

test("the phone header's menu and search, opened", async () => {
  for (const [name, button] of [["menu-open", ".menu-toggle"], ["search-open", ".search-toggle"]]) {
    const { context, page } = await s.open("praktijkvoorbeelden/", WIDTHS[1][1]);
    await page.locator(button).click();
    assert.equal(await page.locator(button).getAttribute("aria-expanded"), "true");
    await page.screenshot({ path: path.join(OUT, `${name}-phone.png`) });
    await context.close();
  }
});

test("on a desktop the table of contents and the facts stand beside the text", async () => {
  const { context, page } = await s.open("artikelen/in-gesprek-met-mensen-uit-een-wij-cultuur/", WIDTHS[0][1]);
  const toc = await page.locator(".toc").boundingBox();
  const content = await page.locator(".content").boundingBox();
  assert.ok(toc.x >= content.x + content.width, "the contents are right of the text");
  assert.ok(toc.y < 900, "and in the first screen");
  // Sticky: after scrolling far down the table of contents is still on screen.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight * 0.6));
  const after = await page.locator(".toc").evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(after >= 0 && after < 900, "it stays on screen while reading");
  await context.close();
});

test("on a phone the content starts within the first screen", async () => {
  const { context, page } = await s.open("gemeenten/den-haag/", WIDTHS[1][1]);
  const header = await page.locator(".site-header").boundingBox();
  assert.ok(header.height <= 80, `the header is compact (${header.height}px)`);
  const first = await page.locator("main .card").first().boundingBox();
  assert.ok(first.y < 844, "the first card is in the first screen");
  await context.close();
});

test("nothing was refused by the CSP and every request succeeded", () => {
  assert.deepEqual(problems, []);
});
