// The theme's search module against the index wegwijs built from tests/sites/search.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { siteDir, engineFor, titles } = require("./helpers.js");

const dir = siteDir();
const fresh = () => engineFor(dir);

test("glossary: an alias finds the term first and the pages about it", async () => {
  const { engine } = fresh();
  const res = await engine.search("nieuwkomer");
  const got = await titles(engine, "nieuwkomer");
  assert.equal(got[0], "Statushouder");
  // Pages that only say "statushouders" (a target group) or "nieuwkomers" (in the text).
  assert.ok(got.includes("Harderwijk: spreekuur in de moskee"), got.join(" | "));
  assert.ok(got.includes("Tholen: klankbordgroep"), got.join(" | "));
  const term = await engine.doc(res.glossaryTerm);
  assert.equal(term.t, "Statushouder");
  assert.match(term.d, /verblijfsvergunning/);
  assert.ok(res.also.includes("Statushouder"), "the synonym is reported by its name: " + res.also);
});

test("glossary: a phrase of two words is one concept", async () => {
  const { engine } = fresh();
  const got = await titles(engine, "outreachend werken");
  assert.equal(got[0], "Outreachend werken");
  const res = await engine.search("outreachend werken");
  assert.equal((await engine.doc(res.results[0].id)).k, "term");
  // A site without a base has no local pages: no result gets the badge.
  assert.equal((await engine.doc(res.results[0].id)).local, false);
  assert.equal((await engine.doc(res.results[1].id)).t, "Outreachend werken", "the theme page follows the term");
  const viaAlias = await titles(engine, "erop af");
  assert.ok(viaAlias.includes("Sleutelpersoon") || viaAlias.includes("Harderwijk: spreekuur in de moskee"), viaAlias.join(" | "));
  assert.equal(viaAlias[0], "Outreachend werken");
});

test("diacritics: client finds cliënt and the other way round", async () => {
  const { engine } = fresh();
  assert.equal((await titles(engine, "client"))[0], "Gesprekskaart voor de cliënt");
  assert.equal((await titles(engine, "CLIËNT"))[0], "Gesprekskaart voor de cliënt");
  assert.ok((await titles(engine, "financiele zorgen")).includes("Gesprekskaart voor de cliënt"));
});

test("stemming: singular and plural meet", async () => {
  const { engine } = fresh();
  assert.equal((await titles(engine, "sleutelpersoon "))[0], "Sleutelpersoon");
  assert.ok((await titles(engine, "sleutelpersoon ")).includes("Weert: sleutelpersonen bij de gemeente"));
  assert.ok((await titles(engine, "gemeenten ")).includes("Weert: sleutelpersonen bij de gemeente"));
  assert.equal((await titles(engine, "wijkverpleegkundigen "))[0], "Harderwijk: spreekuur in de moskee");
});

test("stemming: a past participle finds its verb (werken, werkt, gewerkt)", async () => {
  const { engine } = fresh();
  for (const q of ["werkt ", "werken ", "gewerkt "]) {
    assert.ok((await titles(engine, q)).includes("Harderwijk: spreekuur in de moskee"), q);
  }
  // A word that only starts with "ge" still means itself first.
  assert.equal((await titles(engine, "gemeente "))[0], (await titles(engine, "gemeenten "))[0]);
});

test("typos: one edit in a longer word is forgiven", async () => {
  const { engine } = fresh();
  assert.equal((await titles(engine, "harderwjik "))[0], "Harderwijk: spreekuur in de moskee");
  assert.equal((await titles(engine, "klankbordgreop "))[0], "Tholen: klankbordgroep");
  const res = await engine.search("harderwjik ");
  assert.deepEqual(res.also, ["harderwijk"]);
  // Short words are not corrected: too many words are one edit apart.
  assert.equal((await engine.search("dog ")).results.length, 0);
});

test("typos: exact matches always come before corrections", async () => {
  const { engine } = fresh();
  // No page has both words: Tholen is matched as written, Harderwijk only through the
  // correction, whatever their scores.
  const res = await engine.search("harderwjik tholen ");
  assert.equal(res.partial, true);
  assert.deepEqual(await titles(engine, "harderwjik tholen "), ["Tholen: klankbordgroep", "Harderwijk: spreekuur in de moskee"]);
  assert.deepEqual(await titles(engine, "harderwijk tholne "), ["Harderwijk: spreekuur in de moskee", "Tholen: klankbordgroep"]);
  // Also when the correction is in a title and the exact word only once in a body.
  assert.deepEqual(await titles(engine, "harderwjik iedereen "), ["Tholen: klankbordgroep", "Harderwijk: spreekuur in de moskee"]);
});

test("prefix: the last word matches while it is being typed", async () => {
  const { engine } = fresh();
  assert.equal((await titles(engine, "harderw"))[0], "Harderwijk: spreekuur in de moskee");
  assert.equal((await titles(engine, "klankbo"))[0], "Tholen: klankbordgroep");
  // A space ends the word: then it must match as it is.
  assert.deepEqual(await titles(engine, "harderw "), []);
});

test("ranking: title above headings above summary above body", async () => {
  const { engine } = fresh();
  const got = await titles(engine, "jeugdhulp ");
  assert.deepEqual(got, ["Checklist jeugdhulp", "Vijf lessen uit de praktijk", "Samen aan de slag", "Een dag in het wijkteam"]);
});

test("all words must match; without such pages, pages with some of them", async () => {
  const { engine } = fresh();
  assert.deepEqual(await titles(engine, "sleutelpersonen weert "), ["Weert: sleutelpersonen bij de gemeente"]);
  const res = await engine.search("harderwijk tholen ");
  assert.equal(res.partial, true);
  assert.equal(res.results.length, 2);
  assert.deepEqual((await engine.search("de het een ")).results, []);
});

test("facets filter and their counts follow the query", async () => {
  const { engine } = fresh();
  const all = await engine.search("statushouders ");
  const count = (res, key, slug) => res.facets.find((f) => f.key === key).values.find((v) => v.slug === slug).count;
  assert.equal(count(all, "municipality", "harderwijk"), 1);
  assert.equal(count(all, "municipality", "tholen"), 1);
  assert.equal(count(all, "kind", "praktijkvoorbeelden"), 3);
  const narrowed = await engine.search("statushouders ", { municipality: ["harderwijk"] });
  assert.deepEqual(await Promise.all(narrowed.results.map(async (r) => (await engine.doc(r.id)).t)),
    ["Harderwijk: spreekuur in de moskee"]);
  // Counts of a facet ignore its own selection (so other values can be added) but follow the others.
  assert.equal(count(narrowed, "municipality", "tholen"), 1);
  assert.equal(count(narrowed, "kind", "praktijkvoorbeelden"), 1);
  assert.equal(count(narrowed, "kind", "begrippen"), 0);
  const two = await engine.search("statushouders ", { municipality: ["harderwijk", "tholen"] });
  assert.equal(two.results.length, 2);
  const kinds = await engine.search("", { kind: ["instrumenten"] });
  assert.equal(kinds.results.length, 2, "filters alone list their pages");
  const typed = await engine.search("", { tool_type: ["checklist"] });
  assert.deepEqual(await Promise.all(typed.results.map(async (r) => (await engine.doc(r.id)).t)), ["Checklist jeugdhulp"]);
});

test("snippets mark the matched words, also when found through a synonym", async () => {
  const { S, engine } = fresh();
  const res = await engine.search("nieuwkomer");
  const tholen = (await Promise.all(res.results.map((r) => engine.doc(r.id)))).find((d) => d.t.startsWith("Tholen"));
  const text = await engine.pageText(tholen.id);
  // Body text only: the summary is the page's lead, shown by the page, not quoted.
  assert.ok(!text.includes("Inwoners denken mee over beleid."), text);
  assert.ok(!text.includes("Tholen: klankbordgroep"), "the title (shown above the snippet) is left out");
  assert.match(text, /praten nieuwkomers mee/);
  const parts = S.snippet(text, res.highlight);
  assert.ok(parts.filter((p) => p.mark).map((p) => p.text).includes("nieuwkomers"), JSON.stringify(parts));
  assert.equal(S.htmlText("<main><h1>Titel</h1><aside><h2>Ook bekend als</h2></aside><p>A &amp; B &#x27;c&#39; &lt;d&gt;</p><nav>menu</nav><dl><dt>Thema</dt></dl></main>"), "A & B 'c' <d>");
  assert.ok(!text.includes("Thema's"), "facts lists are left out: " + text);
  const long = "woord ".repeat(100) + "cliënten " + "woord ".repeat(100);
  const cut = S.snippet(long, new Set(["client"]));
  assert.equal(cut[0].text, "… ");
  assert.equal(cut.filter((p) => p.mark)[0].text, "cliënten");
  assert.equal(cut[cut.length - 1].text, " …");
});

test("the state lives in the URL", () => {
  const { S } = fresh();
  const url = S.writeState({ q: "cliënt zorg", filters: { themes: ["gezondheid"], kind: ["begrippen", "instrumenten"] } });
  assert.equal(url, "?q=cli%C3%ABnt+zorg&soort=begrippen&soort=instrumenten&thema=gezondheid");
  assert.deepEqual(S.readState(url), { q: "cliënt zorg", filters: { kind: ["begrippen", "instrumenten"], themes: ["gezondheid"] } });
  assert.deepEqual(S.readState(""), { q: "", filters: {} });
});

test("binary index files are read gzipped, or as they are without DecompressionStream", async () => {
  const { engine } = fresh();
  const got = await titles(engine, "statushouders ");
  const bins = engine.files.filter((f) => /\.binz?$/.test(f));
  assert.ok(bins.length > 1 && bins.every((f) => f.endsWith(".binz")), bins.join());
  const saved = globalThis.DecompressionStream;
  globalThis.DecompressionStream = undefined;
  try {
    const { engine: old } = fresh();
    assert.deepEqual(await titles(old, "statushouders "), got);
    const plain = old.files.filter((f) => /\.binz?$/.test(f));
    assert.ok(plain.length > 1 && plain.every((f) => f.endsWith(".bin")), plain.join());
  } finally {
    globalThis.DecompressionStream = saved;
  }
});

test("a query reads only the parts of the index it needs", async () => {
  const { engine } = fresh();
  await engine.search("harderwijk ");
  assert.ok(engine.files.includes("zoeken/index/meta.json"));
  assert.ok(!engine.files.some((f) => f.startsWith("zoeken/index/d/")), "no page is read before results are shown");
  const res = await engine.search("harderwijk ");
  assert.equal(await engine.valuesOf(res.results[0].id, "municipality").then((v) => v.join()), "Harderwijk");
});
