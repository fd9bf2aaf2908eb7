// The glossary export (begrippen.jsonld, issue 21) read by a JSON-LD processor (the `jsonld`
// package): expanded to RDF triples, every term page of the built site must be a skos:Concept
// with exactly one skos:prefLabel in the site's language, a skos:definition, and be in the
// skos:ConceptScheme (inScheme, topConceptOf, hasTopConcept); aliases are skos:altLabel,
// related terms skos:related concepts. run.sh builds the shipped site into SITE_DIR with
// --base-url https://example.nl/wegwijs/; no network is used (no remote contexts).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const jsonld = require("jsonld");

const SITE = process.env.SITE_DIR;
const BASE = "https://example.nl/wegwijs/";
const SKOS = "http://www.w3.org/2004/02/skos/core#";
const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
const DCT_SOURCE = "http://purl.org/dc/terms/source";

// The term pages the build wrote: begrippen/<slug>/index.html.
function termPages() {
  const dir = path.join(SITE, "begrippen");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "index.html")) && !/^\d+$/.test(e.name))
    .filter((e) => e.name !== "pagina")
    .map((e) => `${BASE}begrippen/${e.name}/`);
}

test("the glossary export is SKOS after NL-SBB, for every term", async () => {
  const doc = JSON.parse(fs.readFileSync(path.join(SITE, "begrippen.jsonld"), "utf8"));
  // Only the inline context: a remote one would need the network.
  const loader = (url) => {
    throw new Error(`no remote documents: ${url}`);
  };
  const quads = await jsonld.toRDF(doc, { documentLoader: loader, safe: true });
  const of = (s, p) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
  const subjectsOfType = (type) =>
    new Set(quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === type).map((q) => q.subject.value));

  const schemes = [...subjectsOfType(SKOS + "ConceptScheme")];
  assert.equal(schemes.length, 1, "one concept scheme");
  const scheme = schemes[0];
  assert.equal(scheme, `${BASE}begrippen/`);
  assert.equal(of(scheme, SKOS + "prefLabel").length, 1);
  assert.equal(of(scheme, RDFS_LABEL)[0].language, "nl");

  const concepts = subjectsOfType(SKOS + "Concept");
  const pages = termPages();
  assert.ok(pages.length >= 50, `the shipped glossary has its terms (${pages.length})`);
  assert.deepEqual([...concepts].sort(), [...pages].sort(), "every term page is a concept, and only those");
  const top = new Set(of(scheme, SKOS + "hasTopConcept").map((o) => o.value));

  for (const c of concepts) {
    const pref = of(c, SKOS + "prefLabel");
    assert.equal(pref.length, 1, `${c}: one prefLabel`);
    assert.equal(pref[0].language, "nl", `${c}: prefLabel@nl`);
    assert.ok(pref[0].value.trim(), `${c}: prefLabel has text`);
    assert.deepEqual(of(c, RDFS_LABEL).map((o) => o.value), [pref[0].value], `${c}: rdfs:label`);
    const definition = of(c, SKOS + "definition");
    assert.equal(definition.length, 1, `${c}: one definition`);
    assert.equal(definition[0].language, "nl");
    assert.ok(definition[0].value.length > 10, `${c}: a definition with text`);
    assert.deepEqual(of(c, SKOS + "inScheme").map((o) => o.value), [scheme], `${c}: in the scheme`);
    assert.deepEqual(of(c, SKOS + "topConceptOf").map((o) => o.value), [scheme], `${c}: top concept`);
    assert.ok(top.has(c), `${c}: the scheme names it as top concept`);
    for (const alt of of(c, SKOS + "altLabel")) assert.equal(alt.language, "nl", `${c}: altLabel@nl`);
    for (const r of of(c, SKOS + "related")) assert.ok(concepts.has(r.value), `${c}: related ${r.value} is a concept`);
    for (const s of of(c, DCT_SOURCE)) assert.ok(s.value, `${c}: a source with a value`);
  }
  // The content has aliases, related terms and sources: they are there.
  const statushouder = `${BASE}begrippen/statushouder/`;
  assert.ok(of(statushouder, SKOS + "altLabel").length > 0, "statushouder has altLabels");
  assert.ok(quads.some((q) => q.predicate.value === SKOS + "related"), "some skos:related");
  assert.ok(quads.some((q) => q.predicate.value === DCT_SOURCE), "some dct:source");
});

test("the glossary page links to the export", () => {
  const html = fs.readFileSync(path.join(SITE, "begrippen", "index.html"), "utf8");
  assert.match(html, /<a href="\.\.\/begrippen\.jsonld" type="application\/ld\+json">/);
});
