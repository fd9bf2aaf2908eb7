// A municipality's house style in Chromium: tests/sites/house-style, built with its NL Design
// System tokens file (static/css/tokens.css, tokens under the class `voorbeeld-theme`). The
// colours the browser computes must be the tokens', and without the tokens' class the theme's
// own again (so the tokens, not the theme, made the difference). The home page is photographed
// at 1280x900 and 390x844 for review: SCREENSHOT_DIR, default tests/browser/out/house-style/.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { session, axe } = require("./harness");

const SITE = process.env.SITE_DIR;
const BASE = "/gemeente/";
const OUT = process.env.SCREENSHOT_DIR || path.join(__dirname, "out", "house-style");

const problems = [];
// The tokens file has a fingerprint in its name (css/tokens.<hash>.css): the home page is the mark.
const s = session({ site: SITE, base: BASE, expect: "index.html", problems, failedRequests: true });

/** The computed colours and font of the parts the tokens style. */
function styles(page) {
  return page.evaluate(() => {
    const get = (selector, property) => getComputedStyle(document.querySelector(selector))[property];
    return {
      header: get(".site-header", "backgroundColor"),
      headerText: get(".site-title", "color"),
      link: get("main .tile a", "color"),
      button: get(".home-search button", "backgroundColor"),
      buttonText: get(".home-search button", "color"),
      text: get("body", "color"),
      font: get("body", "fontFamily"),
    };
  });
}

test("the tokens of the municipality colour the page, and without them the theme's own colours return", async () => {
  const { context, page, response } = await s.open("");
  assert.equal(response.status(), 200);
  assert.deepEqual(await styles(page), {
    header: "rgb(0, 77, 51)", // --utrecht-page-header-background-color: green-60, #004d33
    headerText: "rgb(255, 255, 255)",
    link: "rgb(0, 112, 74)", // --utrecht-link-color: green-40, #00704a
    button: "rgb(0, 112, 74)", // --utrecht-button-primary-action-background-color
    buttonText: "rgb(255, 255, 255)",
    text: "rgb(20, 32, 27)", // --utrecht-document-color: #14201b
    font: 'Georgia, "DejaVu Serif", serif',
  });
  // The tokens apply through the package's class: without it, the theme's accent (#1d5c8c).
  await page.evaluate(() => document.body.classList.remove("voorbeeld-theme"));
  const plain = await styles(page);
  assert.equal(plain.header, "rgb(29, 92, 140)");
  assert.equal(plain.link, "rgb(29, 92, 140)");
  assert.equal(plain.text, "rgb(27, 27, 27)");
  await context.close();
  assert.deepEqual(problems, []);
});

test("the tokenised home page meets WCAG 2.1 AA, in a dark scheme too, and is photographed", async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const widths = [
    ["desktop", { viewport: { width: 1280, height: 900 } }],
    ["phone", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
    // A token package has light colours only: in a dark scheme the site stays in them, rather
    // than mixing them with the theme's dark ones into pairs nobody can read.
    ["desktop-dark", { viewport: { width: 1280, height: 900 }, colorScheme: "dark" }],
  ];
  for (const [name, options] of widths) {
    for (const rel of ["", "begrippen/"]) {
      const { context, page } = await s.open(rel, options);
      assert.deepEqual(await axe(page), [], `axe on ${rel || "the home page"}, ${name}`);
      if (rel) {
        await context.close();
        continue;
      }
      await page.screenshot({ path: path.join(OUT, `home-${name}.png`), fullPage: process.env.FULL_PAGE === "1" });
      await context.close();
    }
  }
  assert.deepEqual(problems, []);
});
