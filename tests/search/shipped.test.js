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

// Issue 20: typos measured on the words as written, compounds, titles first.
const first = async (q) => (await top(q)).docs.map((d) => d.u);

test("typos: one edit for 5-8 letters, two for longer words, on the word as written", async () => {
  // Two letters swapped at the end: one edit from the written "statushouders", not from the stem.
  assert.equal((await first("statushoudres "))[0], "begrippen/statushouder/");
  assert.equal((await first("ervaringsdeskundigne "))[0], "begrippen/ervaringsdeskundige/");
  // Two edits in a long word.
  assert.equal((await first("gezondheidsvaardighden "))[0], "begrippen/gezondheidsvaardigheden/");
  assert.equal((await first("diversitijt "))[0], "begrippen/diversiteit/");
  const res = await engine.search("diversitijt ");
  assert.ok(res.also.includes("diversiteit"), "the correction is reported: " + res.also);
  // One edit in a word of 8 letters, not two.
  assert.equal((await first("wijktaem "))[0], "begrippen/wijkteam/");
  assert.ok(!(await first("wjiktaem ")).includes("begrippen/wijkteam/"), "two edits in 8 letters are too many");
  // Never on the first letter.
  assert.ok(!(await first("vijkteam ")).includes("begrippen/wijkteam/"), "the first letter is not corrected");
});

test("compounds: a part finds the pages that only write the compound", async () => {
  // No page writes "jeugd" in the title of the theme, only "jeugdhulp".
  assert.ok((await first("jeugd ")).slice(0, 3).includes("themas/cultuursensitieve-jeugdhulp/"));
  // "schuldhulp" is no word of the site; "schuldhulpverlening" is.
  const schuld = await first("schuldhulp ");
  assert.ok(schuld.length > 0 && schuld.every((u) => u !== "begrippen/gezichtsverlies/"), schuld.join(" | "));
  assert.ok(schuld.slice(0, 3).includes("begrippen/brede-intake/"), schuld.join(" | "));
});

test("compounds: a typed compound finds the pages that write its parts", async () => {
  // "zorginkoop" is not written on the pages; "inkoop van zorg" and "zorg- en inkoopbeleid" are.
  const got = await first("zorginkoop ");
  assert.ok(got.slice(0, 2).includes("praktijkvoorbeelden/nijmegen-diversiteit-in-de-zorginkoop/"), got.join(" | "));
  assert.equal((await first("jeugdzorgleernetwerk "))[0], "praktijkvoorbeelden/den-haag-leernetwerken-jeugdzorg/");
  // A word that is no compound and not in the vocabulary still finds nothing.
  assert.deepEqual(await first("zzzzzzzzzzzz "), []);
});

test("ranking: a page whose title is the query comes first", async () => {
  assert.equal((await first("diversiteit in personeel"))[0], "themas/diversiteit-in-personeel/");
  assert.equal((await first("gesprekken in wij-culturen"))[0], "themas/gesprekken-in-wij-culturen/");
  assert.equal((await first("organisatieontwikkeling "))[0], "themas/organisatieontwikkeling/");
  // A term whose alias is the query beats a page titled with another name of it.
  assert.equal((await first("cliëntreis "))[0], "begrippen/klantreis/");
});

test("snippets: body text only, whole words, punctuation attached, no headings or generated lists", async () => {
  const statushouder = (await top("statushouder ")).res.results[0].id;
  const text = await engine.pageText(statushouder);
  for (const generated of ["Verwante begrippen", "Bronnen", "Ook bekend als", "Wat betekent het?", "Op deze pagina"]) {
    assert.ok(!text.includes(generated), `${generated} is not body text: ${text}`);
  }
  const harderwijk = (await top("Harderwijk")).res.results[0].id;
  const practice = await engine.pageText(harderwijk);
  assert.ok(!/Aanleiding|Aanpak|Resultaten/.test(practice), "headings are left out: " + practice);
  assert.match(practice, /^Binnen de betrokken organisaties in Harderwijk/);
  let checked = 0;
  for (const q of ["statushouders", "leefstijl", "jeugd ", "moskee", "tolk", "werving en selectie", "Wmo"]) {
    const res = await engine.search(q);
    for (const r of res.results.slice(0, 10)) {
      const page = await engine.pageText(r.id);
      const parts = engine.snippet(page, res.highlight);
      if (!parts.length) continue;
      const shown = parts.map((p) => p.text).join("").replace(/^… /, "").replace(/ …$/, "");
      const at = page.indexOf(shown);
      assert.ok(at >= 0, `the snippet is one piece of one block: ${shown}`);
      assert.ok(at === 0 || /\s/.test(page[at - 1]), `starts at a word: ${shown}`);
      assert.ok(at + shown.length === page.length || /\s/.test(page[at + shown.length]), `ends at a word: ${shown}`);
      assert.ok(!/\s[.,;:!?)]/.test(shown), `no space before punctuation: ${shown}`);
      assert.ok(!shown.includes("\n"), `one block: ${shown}`);
      checked++;
    }
  }
  assert.ok(checked > 30, checked);
});

test("sort by date: practice examples newest first, by the dates their pages give", async () => {
  const fs = require("node:fs");
  const path = require("node:path");
  const res = await engine.search("", { kind: ["praktijkvoorbeelden"] });
  const sorted = await engine.byDate(res.results);
  const docs = await Promise.all(sorted.map((r) => engine.doc(r.id)));
  // The dates as the Markdown files write them.
  const dir = path.join(__dirname, "..", "..", "content", "praktijkvoorbeelden");
  const dateOf = new Map(fs.readdirSync(dir).filter((f) => f !== "_index.md").map((f) => {
    const text = fs.readFileSync(path.join(dir, f), "utf8");
    // The date, or else the year (as its start: 2018 sorts before 2018-09-01).
    const m = text.match(/^date:\s*"?(\d{4}-\d{2}-\d{2})/m) || text.match(/^year:\s*(\d{4})/m);
    return ["praktijkvoorbeelden/" + f.replace(/\.md$/, "") + "/", m ? m[1] : ""];
  }));
  const got = docs.map((d) => dateOf.get(d.u));
  assert.equal(got.length, dateOf.size);
  const dated = got.filter(Boolean);
  assert.ok(dated.length >= 5, got.join());
  assert.deepEqual(dated, dated.slice().sort().reverse(), "newest first");
  assert.ok(got.indexOf("") < 0 || got.slice(got.indexOf("")).every((d) => d === ""), "pages without a date come last");
  const again = await engine.search("", { kind: ["praktijkvoorbeelden"] });
  assert.notDeepEqual(again.results.map((r) => r.id), sorted.map((r) => r.id), "the relevance order is another");
});

test("sort by date lives in the URL", () => {
  const { S } = engineFor(siteDir());
  assert.equal(S.writeState({ q: "zorg", filters: {}, sort: "date" }), "?q=zorg&sorteer=datum");
  assert.deepEqual(S.readState("?q=zorg&sorteer=datum"), { q: "zorg", filters: {}, sort: "date" });
  assert.deepEqual(S.readState("?q=zorg"), { q: "zorg", filters: {} });
});
