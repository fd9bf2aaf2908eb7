// The search of a local site over a base (tests/layers.rs builds tests/sites/layers/local):
// local pages have their own facet and go above national pages that match as well.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { siteDir, engineFor, titles } = require("./helpers.js");

const dir = siteDir();

test("a local page ranks above an equally relevant national page", async () => {
  const { engine } = engineFor(dir);
  const res = await engine.search("inloopspreekuur");
  const got = await titles(engine, "inloopspreekuur");
  assert.deepEqual(got, ["Zwolle: inloopspreekuur", "Amsterdam: inloopspreekuur"]);
  // The two pages are the same but for the town: only the local boost sets them apart.
  const ratio = res.results[0].score / res.results[1].score;
  assert.ok(ratio > 1.1 && ratio < 1.2, "the boost is small: " + ratio);
});

test("the local facet keeps just the local pages", async () => {
  const { engine } = engineFor(dir);
  const res = await engine.search("inloopspreekuur", { origin: ["lokaal"] });
  const docs = await Promise.all(res.results.map((r) => engine.doc(r.id)));
  assert.deepEqual(docs.map((d) => d.t), ["Zwolle: inloopspreekuur"]);
  const origin = res.facets.find((f) => f.key === "origin");
  assert.equal(origin.param, "herkomst");
  assert.deepEqual(origin.values.map((v) => [v.slug, v.count, v.selected]), [["lokaal", 1, true]]);
});
