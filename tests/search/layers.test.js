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

test("each result knows whether it is local, for its badge, from the index's local facet", async () => {
  const { engine } = engineFor(dir);
  const res = await engine.search("inloopspreekuur");
  const docs = await Promise.all(res.results.map((r) => engine.doc(r.id)));
  assert.deepEqual(docs.map((d) => [d.t, d.local]), [["Zwolle: inloopspreekuur", true], ["Amsterdam: inloopspreekuur", false]]);
  // A local page that replaces a base page is local too; a base page is not.
  const terms = await engine.search("statushouder");
  const byTitle = new Map((await Promise.all(terms.results.map((r) => engine.doc(r.id)))).map((d) => [d.u, d.local]));
  assert.equal(byTitle.get("begrippen/statushouder/"), true);
  // The flag is no second copy in the documents: they keep [title, path, kind, definition?].
  const files = engine.files.filter((f) => /\/d\/\d+\.json$/.test(f));
  assert.ok(files.length > 0);
  for (const f of files) {
    for (const row of JSON.parse(require("node:fs").readFileSync(require("node:path").join(dir, f), "utf8"))) {
      assert.ok(row.length <= 4, JSON.stringify(row));
    }
  }
});
