// The search module against the index wegwijs built from tests/sites/search-en, a site with
// `language: en`: queries are stemmed with the English stemmer that meta.json names.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { siteDir, loadModule, engineFor, titles } = require("./helpers.js");

const dir = siteDir();
const GROUP = "A peer support group that runs itself";

test("the index names its stemmer and the engine takes it", async () => {
  const { engine } = engineFor(dir);
  const meta = await engine.init();
  assert.equal(meta.stemmer, "english");
  assert.equal(engine.analysis.name, "english");
});

test("an inflected English query finds the page by its stem", async () => {
  const { engine } = engineFor(dir);
  // The page says "runs" (title) and "run" (text); it never says "running" or "organising".
  for (const q of ["running ", "run ", "runs ", "organising ", "meeting ", "volunteered "]) {
    assert.equal((await titles(engine, q))[0], GROUP, q);
  }
  // English stop words are no query words: "the" alone finds nothing.
  assert.deepEqual(await titles(engine, "the "), []);
});

test("an English glossary phrase is one concept", async () => {
  const { engine } = engineFor(dir);
  const got = await titles(engine, "recognised refugees ");
  assert.equal(got[0], "Status holder");
  const res = await engine.search("newcomers ");
  assert.equal((await engine.doc(res.glossaryTerm)).t, "Status holder");
});

test("snippets mark the words of the query in English", async () => {
  const { engine } = engineFor(dir);
  const res = await engine.search("running meetings");
  const parts = engine.snippet("Now volunteers run it: they organise the meetings.", res.highlight);
  assert.deepEqual(parts.filter((p) => p.mark).map((p) => p.text), ["run", "meetings"]);
});

test("an index whose stemmer the script does not have is refused, not searched wrongly", async () => {
  const S = loadModule(dir);
  const meta = (stemmer) => JSON.stringify({ version: 1, build: "0", docs: 0, docs_per_file: 32, vocab: [], facets: [], stemmer });
  await assert.rejects(new S.Engine(() => meta("klingon")).init(), /stemmer klingon is not supported/);
  const none = new S.Engine(() => meta("none"));
  await none.init();
  assert.equal(none.analysis.stemmer, null);
});
