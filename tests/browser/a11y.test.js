// Accessibility beyond axe (issue 19): a keyboard-only walk with a visible focus on every stop,
// glossary tooltips on focus and Escape, forced colours (Windows high contrast), reduced
// motion, the dark colour scheme, the print stylesheet and task lists, on the shipped
// knowledge base that run.sh builds into SITE_DIR. (axe-core over every page, light and dark,
// is in site.test.js; the Nu HTML Checker runs over every page in run.sh.)
// Screenshots for review go to tests/browser/out/a11y/ (or SCREENSHOT_DIR/a11y).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { session } = require("./harness");

const SITE = process.env.SITE_DIR;
const BASE = "/wegwijs/";
const OUT = path.join(process.env.SCREENSHOT_DIR || path.join(__dirname, "out"), "a11y");
const DESKTOP = { viewport: { width: 1280, height: 900 } };
// An article with a task list and glossary links in its text.
const ARTICLE = "artikelen/aan-de-slag-als-beleidsmedewerker/";

const problems = [];
const s = session({ site: SITE, base: BASE, expect: "index.html", problems });

/** Why the focused element shows no focus, or "" when it does: an outline of 2px or more, a
 *  box shadow, or the yellow focus background. */
function focusProblem(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "nothing has the focus";
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2;
    const shadow = cs.boxShadow && cs.boxShadow !== "none";
    const yellow = cs.backgroundColor === "rgb(255, 191, 0)";
    if (outline || shadow || yellow) return "";
    return `<${el.tagName.toLowerCase()} class="${el.className}"> shows no focus (outline ${cs.outlineStyle} ${cs.outlineWidth}, box-shadow ${cs.boxShadow})`;
  });
}

/** Presses `key` until the focused element matches `selector` (at most `max` times); asserts
 *  a visible focus on every element passed. Gives the number of presses. */
async function keyTo(page, selector, { key = "Tab", max = 80 } = {}) {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press(key);
    assert.equal(await focusProblem(page), "", `after ${n} × ${key} towards ${selector}`);
    if (await page.evaluate((sel) => document.activeElement && document.activeElement.matches(sel), selector)) return n;
  }
  assert.fail(`${selector} never got the focus with ${key}`);
}

const focused = (page) => page.evaluate(() => document.activeElement.outerHTML.slice(0, 120));

test("keyboard only: skip link, menu, glossary tooltip, Escape, Shift-Tab", async () => {
  const { context, page } = await s.open(ARTICLE, DESKTOP);
  assert.equal(await keyTo(page, ".skip-link"), 1, "the skip link is the first stop");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === "ww-main");
  await page.goto(s.url(ARTICLE));
  // Through the header and the whole menu into the text.
  await keyTo(page, ".site-title");
  await keyTo(page, "#ww-header-q");
  const menuStops = await keyTo(page, ".site-nav li:last-child a");
  assert.ok(menuStops >= (await page.locator(".site-nav a").count()), `the menu is walked link by link (${menuStops} stops)`);
  // A language switcher, where the site has one.
  if ((await page.locator("a[hreflang]").count()) > 0) {
    await page.goto(s.url(ARTICLE));
    await keyTo(page, "a[hreflang]");
  }
  // A glossary link shows its definition on focus; Escape hides it without moving the focus.
  await page.goto(s.url(ARTICLE));
  await keyTo(page, ".gloss-link", { max: 120 });
  const link = await focused(page);
  const tip = page.locator(".gloss:focus-within .gloss-tip");
  assert.ok(await tip.isVisible(), "the definition shows on keyboard focus");
  const describedBy = await page.evaluate(() => document.activeElement.getAttribute("aria-describedby"));
  assert.equal(await tip.getAttribute("id"), describedBy, "and is the link's description");
  await page.keyboard.press("Escape");
  assert.ok(await tip.isHidden(), "Escape hides it");
  assert.equal(await focused(page), link, "and the focus stays on the link");
  await page.keyboard.press("Tab");
  assert.equal(await focusProblem(page), "");
  await page.keyboard.press("Shift+Tab");
  assert.equal(await focused(page), link, "Shift-Tab goes back to the link");
  assert.equal(await focusProblem(page), "");
  assert.ok(await page.locator(".gloss:focus-within .gloss-tip").isVisible(), "its definition shows again");
  // Enter follows the link: it always works.
  const href = await page.evaluate(() => document.activeElement.href);
  await page.keyboard.press("Enter");
  await page.waitForURL(href);
  await context.close();
});

test("keyboard only: search with results and facets", async () => {
  const { context, page } = await s.open("begrippen/", DESKTOP);
  await keyTo(page, "#ww-header-q");
  await page.keyboard.type("tolk");
  await page.keyboard.press("Enter");
  await page.waitForURL(/zoeken\/\?q=tolk/);
  await page.locator(".search-result a").first().waitFor();
  await keyTo(page, ".search-result a", { max: 40 });
  await keyTo(page, ".search-facet input", { max: 120 });
  const before = await page.locator(".search-result").count();
  await page.keyboard.press("Space");
  await page.waitForFunction(() => /[?&]/.test(location.search) && location.search.split("&").length > 1);
  assert.ok(await page.evaluate(() => document.activeElement.matches(".search-facet input:checked")), "Space ticks the facet and keeps the focus");
  assert.ok((await page.locator(".search-result").count()) <= before, "the facet narrows the results");
  await page.keyboard.press("Shift+Tab");
  assert.equal(await focusProblem(page), "");
  await context.close();
});

test("keyboard only: the filters of a list", async () => {
  const { context, page } = await s.open("praktijkvoorbeelden/", DESKTOP);
  await keyTo(page, "#ww-filter-municipality", { max: 120 });
  const total = await page.locator("#ww-list > li").count();
  await page.keyboard.press("ArrowDown");
  await page.waitForFunction(() => document.getElementById("ww-filter-municipality").value !== "");
  const shown = await page.locator("#ww-list > li:visible").count();
  assert.ok(shown < total, `choosing a municipality by keyboard narrows the list (${shown} of ${total})`);
  await keyTo(page, "#ww-filter-themes", { max: 5 });
  await context.close();
});

test("forced colours (Windows high contrast): focus and borders stay visible", async () => {
  const { context, page } = await s.open(ARTICLE, DESKTOP);
  await page.emulateMedia({ forcedColors: "active" });
  assert.ok(await page.evaluate(() => matchMedia("(forced-colors: active)").matches));
  await keyTo(page, ".content a", { max: 120 });
  const outline = await page.evaluate(() => { const cs = getComputedStyle(document.activeElement); return [cs.outlineStyle, parseFloat(cs.outlineWidth)]; });
  assert.notEqual(outline[0], "none", "a focused link has an outline, as its background is replaced");
  assert.ok(outline[1] >= 2, `of 2px or more (${outline[1]})`);
  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, "forced-colors-article-desktop.png"), fullPage: false });
  await page.goto(s.url("praktijkvoorbeelden/"));
  const border = await page.locator(".card").first().evaluate((el) => { const cs = getComputedStyle(el); return [parseFloat(cs.borderTopWidth), cs.borderTopStyle]; });
  assert.ok(border[0] >= 1 && border[1] !== "none", `cards keep a border (${border})`);
  const filters = await page.locator(".filters").evaluate((el) => parseFloat(getComputedStyle(el).borderTopWidth));
  assert.ok(filters >= 1, "the filter box, told apart by its background, gets a border");
  await page.screenshot({ path: path.join(OUT, "forced-colors-list-desktop.png"), fullPage: false });
  await context.close();
});

test("reduced motion: no smooth scrolling, transitions or animations", async () => {
  const { context, page } = await s.open(ARTICLE, { ...DESKTOP, reducedMotion: "reduce" });
  const moving = await page.evaluate(() => {
    const found = [];
    for (const el of [document.documentElement, ...document.querySelectorAll("body *")]) {
      const cs = getComputedStyle(el);
      const durations = (cs.transitionDuration + "," + cs.animationDuration).split(",").map(parseFloat);
      if (cs.scrollBehavior === "smooth" || cs.animationName !== "none" || durations.some((d) => d > 0)) found.push(el.tagName + "." + el.className);
    }
    return found;
  });
  assert.deepEqual(moving, []);
  await context.close();
});

test("dark colour scheme: a dark ground and light text", async () => {
  const { context, page } = await s.open(ARTICLE, { ...DESKTOP, colorScheme: "dark" });
  const [ground, text] = await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]);
  const lightness = (c) => c.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 3;
  assert.ok(lightness(ground) < 40, `a dark ground (${ground})`);
  assert.ok(lightness(text) > 200, `light text (${text})`);
  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, "dark-article-desktop.png"), fullPage: false });
  // A tooltip in the dark scheme, for review.
  await page.locator(".gloss-link").first().focus();
  await page.locator(".gloss-link").first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(OUT, "dark-tooltip-desktop.png"), fullPage: false });
  await context.close();
});

test("a glossary tooltip stays on the screen of a phone, in both directions of text", async () => {
  for (const [rel, width] of [[ARTICLE, 320], [ARTICLE, 390], ["ar/", 320]]) {
    const { context, page } = await s.open(rel, { viewport: { width, height: 740 } });
    const links = page.locator(".content .gloss-link");
    const n = await links.count();
    assert.ok(n >= 1, `${rel} has glossary links`);
    for (let i = 0; i < n; i++) {
      await links.nth(i).hover();
      const tip = page.locator(".gloss:hover .gloss-tip");
      await tip.waitFor({ state: "visible" });
      // After the script has moved it (one animation frame).
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const box = await tip.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= width, `tooltip ${i} of ${rel} at ${width}px: ${box.x}..${box.x + box.width}`);
    }
    await context.close();
  }
});

test("print: link targets written out, navigation and search left off", async () => {
  const { context, page } = await s.open(ARTICLE, DESKTOP);
  await page.emulateMedia({ media: "print" });
  for (const sel of [".site-nav", ".header-search", ".site-footer", ".gloss-tip"]) {
    const all = page.locator(sel);
    for (let i = 0; i < (await all.count()); i++) assert.ok(await all.nth(i).isHidden(), `${sel} is not printed`);
  }
  const after = (sel) => page.locator(sel).first().evaluate((a) => [a.getAttribute("href"), getComputedStyle(a, "::after").content]);
  const [internalHref, internal] = await after(".content a[href]:not([href^='http']):not([href^='#']):not(.gloss-link)");
  assert.equal(internal, `" (${internalHref})"`, "a link inside the site is written out");
  if ((await page.locator(".content a[href^='http']").count()) > 0) {
    const [externalHref, external] = await after(".content a[href^='http']");
    assert.equal(external, `" (${externalHref})"`, "a link to another site is written out");
  }
  await context.close();
});

test("a task list has no form controls and says what is done", async () => {
  const { context, page } = await s.open(ARTICLE, DESKTOP);
  assert.equal(await page.locator("main input").count(), 0, "no checkboxes");
  const marks = page.locator(".content .task-mark");
  assert.ok((await marks.count()) >= 2, "the list's marks");
  assert.ok(await marks.first().isVisible());
  const said = await page.locator(".content li:has(> .task-mark) .visually-hidden").allTextContents();
  assert.ok(said.every((t) => t === "gedaan: " || t === "nog te doen: "), said.join("|"));
  await context.close();
});

test("nothing was refused by the CSP", () => {
  assert.deepEqual(problems, []);
});
