// The search module against the per-language indexes wegwijs built from tests/sites/languages:
// the English pages' index under en/search/index/ (English stemmer), the Arabic one under
// ar/search/index/ (no stemmer: words as written). tests/languages.rs runs it.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { siteDir, loadModule } = require("./helpers.js");

const dir = siteDir();

// An engine over the index of the search page at `page` (`en/search/`), from its data-index.
function engineAt(page) {
  const html = fs.readFileSync(path.join(dir, page, "index.html"), "utf8");
  const folder = html.match(/data-index="([^"]*)"/)[1];
  const S = loadModule(dir);
  return new S.Engine((url, kind) => {
    let rel = decodeURIComponent(url.split("?")[0]);
    if (rel.endsWith("/")) rel += "index.html";
    const data = fs.readFileSync(path.join(dir, rel));
    return kind === "bytes" ? new Uint8Array(data) : data.toString("utf8");
  }, folder);
}

async function titles(engine, q) {
  const res = await engine.search(q);
  const docs = await Promise.all(res.results.map((r) => engine.doc(r.id)));
  return docs.map((d) => d.t);
}

test("the English search page reads the English index, stemmed in English", async () => {
  const engine = engineAt("en/search");
  const meta = await engine.init();
  assert.equal(meta.stemmer, "english");
  // The page says "housing" and "Municipalities"; the queries are other forms of the words.
  const housed = await titles(engine, "housed ");
  assert.ok(housed.includes("Status holder") && housed.includes("Housing"), housed.join(", "));
  assert.ok((await titles(engine, "municipality ")).includes("Status holder"));
  // Only English pages: the Dutch text is in the Dutch index.
  assert.deepEqual(await titles(engine, "verblijfsvergunning "), []);
});

test("the Arabic search page reads the Arabic index, whose words are not stemmed", async () => {
  const engine = engineAt("ar/search");
  const meta = await engine.init();
  assert.equal(meta.stemmer, "none");
  assert.deepEqual(await titles(engine, "هولندا "), ["حامل تصريح الإقامة"]);
  assert.deepEqual(await titles(engine, "status "), []);
});
