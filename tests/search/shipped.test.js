// The "done when" on the shipped knowledge base (content/ of this repository), built by
// tests/shipped_search.rs: each query brings the expected page first, and the facets narrow.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { siteDir, engineFor } = require("./helpers.js");

const { engine } = engineFor(siteDir());
const top = async (q, filters) => {
  const res = await engine.search(q, filters);
  return { res, docs: await Promise.all(res.results.map((r) => engine.doc(r.id))) };
};

test("nieuwkomer: the term Statushouder, through its alias, with its definition", async () => {
  const { res, docs } = await top("nieuwkomer");
  assert.equal(docs[0].t, "Statushouder");
  assert.equal(docs[0].k, "term");
  assert.equal((await engine.doc(res.glossaryTerm)).t, "Statushouder");
  assert.ok(res.results.length > 10, "pages about statushouders come too: " + res.results.length);
});

test("client: the pages about cliënten, found without the diacritic", async () => {
  const plain = await top("client");
  const accented = await top("cliënt");
  assert.deepEqual(plain.docs.slice(0, 5).map((d) => d.t), accented.docs.slice(0, 5).map((d) => d.t));
  // The best pages say "cliënt" in their summary, not only somewhere in the text.
  const summary = (await engine.pageText(plain.res.results[0].id)).slice(0, 400);
  assert.match(summary, /cliënt/, plain.docs[0].t);
});

test("outreachend werken: the term first, then the theme", async () => {
  const { res, docs } = await top("outreachend werken");
  assert.deepEqual(docs.slice(0, 2).map((d) => [d.t, d.k]), [["Outreachend werken", "term"], ["Outreachend werken", "theme"]]);
  assert.equal((await engine.doc(res.glossaryTerm)).t, "Outreachend werken");
});

test("Harderwijk: the practice example of Harderwijk", async () => {
  const { docs } = await top("Harderwijk");
  assert.match(docs[0].t, /^Harderwijk: /);
  assert.equal(docs[0].k, "practice");
});

test("sleutelpersonen: the term Sleutelpersoon, then the pages about them", async () => {
  const { res, docs } = await top("sleutelpersonen");
  assert.equal(docs[0].t, "Sleutelpersoon");
  assert.equal((await engine.doc(res.glossaryTerm)).t, "Sleutelpersoon");
  assert.ok(docs.slice(1, 5).every((d) => /sleutelperson/i.test(d.t)), docs.slice(1, 5).map((d) => d.t).join(" | "));
});

test("facets narrow: every count is the number of results its filter gives", async () => {
  for (const q of ["statushouders", "diversiteit", ""]) {
    const filters0 = q ? {} : { kind: ["praktijkvoorbeelden"] };
    const res = await engine.search(q, filters0);
    for (const facet of res.facets) {
      if (q === "" && facet.key === "kind") continue;
      for (const v of facet.values.filter((x) => x.count > 0)) {
        const filters = Object.assign({}, filters0, { [facet.key]: [v.slug] });
        const narrowed = await engine.search(q, filters);
        assert.equal(narrowed.results.length, v.count, `${q} ${facet.key}=${v.slug}`);
        for (const r of narrowed.results) {
          if (facet.key === "kind") assert.equal((await engine.doc(r.id)).k, engine.meta.facets[0].values.find((x) => x.slug === v.slug).name);
          else assert.ok((await engine.valuesOf(r.id, facet.key)).includes(v.name), `${q} ${facet.key}=${v.slug}`);
        }
      }
    }
  }
});
