// The shared normalisation test vector, run against the JavaScript module the site ships.
// tests/search.rs runs the same file against src/index/normalise.rs.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { siteDir, loadModule } = require("./helpers.js");

const S = loadModule(siteDir());
const lines = fs.readFileSync(path.join(__dirname, "vectors.tsv"), "utf8").split("\n")
  .filter((l) => l && !l.startsWith("#"));

test("the vector is large enough to prove the stemmers equal", () => {
  assert.ok(lines.length > 10000, `only ${lines.length} lines`);
});

test("every line of the vector gives the same terms as in Rust", () => {
  const wrong = [];
  for (const line of lines) {
    const [input, expected] = line.split("\t");
    const got = S.terms(input).join(" ");
    if (got !== expected) wrong.push(`${JSON.stringify(input)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
  }
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${lines.length} lines differ`);
});
