// Right to left: an Arabic page of the shipped knowledge base against its Dutch original, on a
// desktop (1280×900) and a phone (390×844). The Arabic page must be the Dutch layout mirrored:
// the side column on the left of the text, the breadcrumbs starting at the right, the site
// title at the right of the header. The screenshots go to SCREENSHOT_DIR (default
// tests/browser/out/screenshots/) as rtl-term-WIDTH.png and ltr-term-WIDTH.png.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { session } = require("./harness");

const SITE = process.env.SITE_DIR;
const OUT = process.env.SCREENSHOT_DIR || path.join(__dirname, "out", "screenshots");
const PAGES = [
  ["ltr", "begrippen/statushouder/"],
  ["rtl", "ar/begrippen/statushouder/"],
];
const WIDTHS = [
  ["desktop", { viewport: { width: 1280, height: 900 } }],
  ["phone", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
];

const problems = [];
const s = session({ site: SITE, base: "/wegwijs/", expect: "ar/index.html", problems, failedRequests: true });

/** Where the parts that must mirror are: left and right edges, in CSS pixels. */
async function measure(page) {
  return page.evaluate(() => {
    const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, width: r.width }; };
    const crumbs = [...document.querySelectorAll(".breadcrumbs li")];
    return {
      dir: getComputedStyle(document.documentElement).direction,
      lang: document.documentElement.lang,
      width: document.documentElement.clientWidth,
      scrolls: document.documentElement.scrollWidth > window.innerWidth,
      title: box(document.querySelector(".site-title")),
      firstCrumb: box(crumbs[0]),
      lastCrumb: box(crumbs[crumbs.length - 1]),
      side: box(document.querySelector(".page-side")),
      body: box(document.querySelector(".page-body")),
      h1: box(document.querySelector("h1")),
      main: box(document.querySelector("main")),
    };
  });
}

for (const [width, options] of WIDTHS) {
  test(`an Arabic page mirrors its Dutch original on a ${width}`, async () => {
    fs.mkdirSync(OUT, { recursive: true });
    const seen = {};
    for (const [dir, rel] of PAGES) {
      const { context, page, response } = await s.open(rel, options);
      assert.equal(response.status(), 200, rel);
      const file = path.join(OUT, `${dir}-term-${width}.png`);
      await page.screenshot({ path: file });
      assert.ok(fs.statSync(file).size > 5000, `${file} is a real screenshot`);
      seen[dir] = await measure(page);
      await context.close();
    }
    const { ltr, rtl } = seen;
    assert.deepEqual([ltr.dir, ltr.lang, rtl.dir, rtl.lang], ["ltr", "nl", "rtl", "ar"]);
    assert.ok(!ltr.scrolls && !rtl.scrolls, "no sideways scrolling");
    // The breadcrumbs start at the inline start: the left in Dutch, the right in Arabic.
    assert.ok(ltr.firstCrumb.left < ltr.lastCrumb.left, "Dutch breadcrumbs run left to right");
    assert.ok(rtl.firstCrumb.left > rtl.lastCrumb.left, "Arabic breadcrumbs run right to left");
    assert.ok(rtl.firstCrumb.right > rtl.width * 0.75, "the Arabic breadcrumbs start at the right edge");
    // The site title stands at the start of the header.
    assert.ok(ltr.title.left < ltr.width / 4 && rtl.title.right > rtl.width * 0.75, "the site title is at the start");
    // The heading starts at the start of the main column.
    assert.ok(Math.abs(rtl.h1.right - rtl.main.right) < 2, "the Arabic heading starts at the right of the text column");
    assert.ok(Math.abs(ltr.h1.left - ltr.main.left) < 2, "the Dutch heading starts at the left of the text column");
    if (width === "desktop") {
      // The side column: right of the text in Dutch, left of it in Arabic, at the same distance.
      assert.ok(ltr.side.left >= ltr.body.right, "the Dutch side column is right of the text");
      assert.ok(rtl.side.right <= rtl.body.left, "the Arabic side column is left of the text");
      assert.ok(Math.abs(rtl.side.width - ltr.side.width) < 2, "the side column keeps its width");
      assert.ok(Math.abs(rtl.side.left - (rtl.width - ltr.side.right)) < 2, "the side column is mirrored");
    }
    assert.deepEqual(problems, []);
  });
}
