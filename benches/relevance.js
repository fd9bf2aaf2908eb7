// Relevance benchmark: runs the judged queries of benches/relevance/queries.tsv with the theme's
// own search module in Node against a site that wegwijs built (the shipped content/, see
// benches/relevance.sh), and reports the mean reciprocal rank of the first relevant result (MRR)
// and success@5 (a relevant page among the first five), overall and per category.
//
//   node benches/relevance.js SITE_DIR [QUERIES.tsv] [--misses]
//
// --misses lists every query whose first relevant page is not first, with what came first.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const args = process.argv.slice(2);
const showMisses = args.includes("--misses");
const [dir, file = path.join(__dirname, "relevance", "queries.tsv")] = args.filter((a) => !a.startsWith("--"));
if (!dir) { console.error("usage: node benches/relevance.js SITE_DIR [QUERIES.tsv] [--misses]"); process.exit(2); }
const S = require(path.resolve(dir, "js", "search-core.js"));

const queries = fs.readFileSync(file, "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#")).map((l) => {
  const [category, q, relevant] = l.split("\t");
  return { category, q, relevant: new Set(relevant.trim().split(/\s+/)) };
});

function engine() {
  const page = fs.readFileSync(path.join(dir, "zoeken", "index.html"), "utf8");
  const index = (page.match(/data-index="([^"]*)"/) || [])[1];
  return new S.Engine((url, kind) => {
    const data = fs.readFileSync(path.join(dir, url.split("?")[0]));
    return kind === "bytes" ? new Uint8Array(data) : data.toString("utf8");
  }, index);
}

(async () => {
  const e = engine();
  const byCategory = new Map();
  const misses = [];
  let rr = 0, s5 = 0;
  for (const { category, q, relevant } of queries) {
    const res = await e.search(q);
    const paths = await Promise.all(res.results.slice(0, 50).map((r) => e.doc(r.id).then((d) => d.u)));
    const rank = paths.findIndex((p) => relevant.has(p)) + 1;
    const r = rank > 0 ? 1 / rank : 0, hit = rank > 0 && rank <= 5 ? 1 : 0;
    rr += r; s5 += hit;
    const c = byCategory.get(category) || { n: 0, rr: 0, s5: 0 };
    c.n++; c.rr += r; c.s5 += hit;
    byCategory.set(category, c);
    if (rank !== 1) misses.push(`${category}\t${JSON.stringify(q)}: rank ${rank || "-"}, first ${paths[0] || "(nothing)"}`);
  }
  const n = queries.length;
  console.log(`${n} queries: MRR ${(rr / n).toFixed(3)}, success@5 ${(s5 / n).toFixed(3)}`);
  for (const [category, c] of byCategory) {
    console.log(`  ${category.padEnd(13)} ${String(c.n).padStart(3)}  MRR ${(c.rr / c.n).toFixed(3)}  success@5 ${(c.s5 / c.n).toFixed(3)}`);
  }
  if (showMisses) for (const m of misses) console.log(m);
})();
