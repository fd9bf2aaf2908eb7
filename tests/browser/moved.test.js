// Browser test of moved pages (`moved_from:`): the fixture tests/sites/moved, built into
// SITE_DIR by run.sh and served under its base path /kennisbank/ with the strict CSP. Each old
// address in the build's `_redirects` list is opened as a reader would from an old link, by a
// plain static server that knows nothing of the redirects: the page there must send the
// browser on (meta refresh) to the new page, without JavaScript too.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { session } = require("./harness");

const SITE = process.env.SITE_DIR;
const BASE = "/kennisbank/";
const problems = [];
const s = session({ site: SITE, base: BASE, expect: "_redirects", problems, failedRequests: true });

/** The old and new addresses of the build's plain redirect list, without the base path. */
function redirects() {
  return fs.readFileSync(path.join(SITE, "_redirects"), "utf8").split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.split(" "))
    .map(([from, to]) => ({ from: from.slice(BASE.length), to: to.slice(BASE.length) }));
}

for (const javaScript of [true, false]) {
  test(`every old address leads to its new page (JavaScript ${javaScript ? "on" : "off"})`, async () => {
    const pairs = redirects();
    assert.ok(pairs.length >= 4, `the fixture has ${pairs.length} old addresses`);
    for (const { from, to } of pairs) {
      const { context, page, response } = await s.open(from, { javaScriptEnabled: javaScript });
      assert.equal(response.status(), 200, from);
      await page.waitForURL(s.url(to));
      assert.equal(await page.locator("h1").count(), 1, `${from} → ${to}`);
      assert.notEqual(await page.locator("h1").textContent(), "Deze pagina is verhuisd", `${from} stayed`);
      await context.close();
    }
    assert.deepEqual(problems, []);
  });
}
