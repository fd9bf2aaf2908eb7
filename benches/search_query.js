// Search benchmark, browser side: what a first query downloads and how long it takes, run with
// the theme's own search module in Node against a site that wegwijs built.
//
//   node benches/search_query.js SITE_DIR [query ...]
//
// Bytes are what a plain static server sends: gzip (level 6) for text types (HTML, CSS, JS,
// JSON, SVG, XML, like nginx's usual gzip_types), other files (.bin, .binz) as they are;
// counting everything the search page fetches for a first query: search-core.js and search-ui.js, every index file
// the query reads, and the page files of the first 10 results and of the glossary definition.
// The search page's own HTML and CSS are listed apart. Query time is the median of fresh
// engines (every file parsed and decoded again, read from memory) and of repeated queries.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const dir = process.argv[2];
const queries = process.argv.length > 3 ? process.argv.slice(3)
  : ["sleutelpersonen", "cliënt", "statushouders gezondheid", "jeugdzorgloket"];
if (!dir) { console.error("usage: node benches/search_query.js SITE_DIR [query ...]"); process.exit(2); }
const S = require(path.resolve(dir, "js", "search-core.js"));
const gz = (buf) => zlib.gzipSync(buf, { level: 6 }).length;
const TEXT = /\.(html|css|js|json|svg|xml)$|\/$/;
// What a plain static server sends of a file of the site: text types gzipped, the rest as is.
const sent = (rel, buf) => (TEXT.test(rel) ? gz(buf) : buf.length);
const cache = new Map();
// A file of the site, by its path from the site root.
function read(rel) {
  if (rel.endsWith("/")) rel += "index.html";
  if (!cache.has(rel)) cache.set(rel, fs.readFileSync(path.join(dir, rel)));
  return cache.get(rel);
}
function engine(log) {
  return new S.Engine((url, kind) => {
    const rel = url.split("?")[0];
    const data = read(rel);
    if (log) log.push(rel);
    return kind === "bytes" ? new Uint8Array(data.buffer, data.byteOffset, data.length) : data.toString("utf8");
  });
}
async function firstQuery(e, q) {
  const res = await e.search(q);
  const shown = res.results.slice(0, 10).map((r) => r.id);
  if (res.glossaryTerm !== null) shown.push(res.glossaryTerm);
  await Promise.all(shown.map((id) => e.doc(id)));
  // Snippets (from the result pages) and municipalities are part of showing the results.
  const texts = await Promise.all(shown.slice(0, 10).map((id) => e.pageText(id)));
  texts.forEach((text) => S.snippet(text, res.highlight));
  await Promise.all(shown.slice(0, 10).map((id) => e.valuesOf(id, "municipality")));
  return res;
}
const median = (xs) => { const s = xs.slice().sort((a, b) => a - b); return s[s.length >> 1]; };
const kb = (n) => (n / 1024).toFixed(1);

(async () => {
  const js = ["search-core.js", "search-ui.js"].map((f) => fs.readFileSync(path.join(dir, "js", f)));
  const jsBytes = js.reduce((a, b) => a + gz(b), 0);
  const page = gz(fs.readFileSync(path.join(dir, "zoeken", "index.html")));
  const css = ["wegwijs.css", "theme.css"].reduce((a, f) => a + gz(fs.readFileSync(path.join(dir, "css", f))), 0);
  const meta = JSON.parse(read("zoeken/index/meta.json"));
  let indexBytes = 0, indexGz = 0, files = 0;
  (function walk(d) {
    for (const f of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, f.name);
      if (f.isDirectory()) walk(p); else { const b = fs.readFileSync(p); indexBytes += b.length; files++; }
    }
  })(path.join(dir, "zoeken", "index"));
  console.log(`site ${dir}: ${meta.docs} pages; index ${files} files, ${(indexBytes / 1e6).toFixed(1)} MB, ` +
    `${Math.round(indexBytes / meta.docs)} bytes per page`);
  console.log(`search page HTML ${kb(page)} KB + CSS ${kb(css)} KB gzip (not in the totals below); JS ${kb(jsBytes)} KB gzip`);
  console.log("query | results | files | total KB sent | JS | meta | facets | vocab | postings | titles | result pages | cold ms | warm ms");
  for (const q of queries) {
    const log = [];
    const res = await firstQuery(engine(log), q);
    const parts = { meta: 0, facets: 0, vocab: 0, postings: 0, titles: 0, pages: 0 };
    const seen = new Set();
    for (const f of log) {
      if (seen.has(f)) continue;
      seen.add(f);
      const n = sent(f, read(f));
      if (f === "zoeken/index/meta.json") parts.meta += n;
      else if (f.startsWith("zoeken/index/facets.bin")) parts.facets += n;
      else if (f.startsWith("zoeken/index/v/")) parts.vocab += n;
      else if (f.startsWith("zoeken/index/p/")) parts.postings += n;
      else if (f.startsWith("zoeken/index/d/")) parts.titles += n;
      else parts.pages += n;
    }
    const total = jsBytes + Object.values(parts).reduce((a, b) => a + b, 0);
    const cold = [], warm = [];
    for (let i = 0; i < 9; i++) {
      const t0 = process.hrtime.bigint();
      await firstQuery(engine(), q);
      cold.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const e = engine();
    await firstQuery(e, q);
    for (let i = 0; i < 9; i++) {
      const t0 = process.hrtime.bigint();
      await firstQuery(e, q);
      warm.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    console.log([JSON.stringify(q), res.results.length, seen.size + 2, kb(total), kb(jsBytes), kb(parts.meta), kb(parts.facets),
      kb(parts.vocab), kb(parts.postings), kb(parts.titles), kb(parts.pages), median(cold).toFixed(1), median(warm).toFixed(1)].join(" | "));
  }
})();
