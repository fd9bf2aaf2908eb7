// The shared normalisation test vectors, run against the JavaScript module the site ships.
// tests/search.rs runs the same files against src/index/normalise.rs: Dutch (vectors.tsv) and
// English (vectors-en.tsv), each with its language's stop words and stemmer.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { siteDir, loadModule } = require("./helpers.js");

const S = loadModule(siteDir());

function vector(file) {
  return fs.readFileSync(path.join(__dirname, file), "utf8").split("\n").filter((l) => l && !l.startsWith("#"));
}

// The lines whose terms in `terms` differ from the vector's.
function differences(lines, terms) {
  const wrong = [];
  for (const line of lines) {
    const [input, expected] = line.split("\t");
    const got = terms(input).join(" ");
    if (got !== expected) wrong.push(`${JSON.stringify(input)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
  }
  return wrong;
}

const dutch = vector("vectors.tsv");
const english = vector("vectors-en.tsv");

test("the vectors are large enough to prove the stemmers equal", () => {
  assert.ok(dutch.length > 10000, `only ${dutch.length} Dutch lines`);
  assert.ok(english.length > 5000, `only ${english.length} English lines`);
});

test("every line of the Dutch vector gives the same terms as in Rust", () => {
  // The module's own functions are Dutch, as is an index that names no stemmer.
  for (const terms of [S.terms, (t) => S.analysis("dutch").terms(t), (t) => S.analysis(undefined).terms(t)]) {
    const wrong = differences(dutch, terms);
    assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${dutch.length} lines differ`);
  }
});

test("every line of the English vector gives the same terms as in Rust", () => {
  const en = S.analysis("english");
  const wrong = differences(english, (t) => en.terms(t));
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${english.length} lines differ`);
});

test("the English vector is not stemmed alike in Dutch, nor at all without a stemmer", () => {
  // So the test above would fail if the script chose the wrong stemmer.
  assert.ok(differences(english, S.terms).length > english.length / 4);
  const none = S.analysis("none");
  assert.deepEqual(none.terms("The runners were running"), ["the", "runners", "were", "running"]);
  assert.equal(none.parseQuery("running shoes")[0].stem, "running");
});
