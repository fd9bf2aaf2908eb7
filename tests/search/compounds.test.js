// The shared compound table (tests/search/compounds.tsv), run against the script's
// splitCompound rules: the same table src/index/compound.rs tests in Rust.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { siteDir, loadModule } = require("./helpers.js");

const S = loadModule(siteDir());
const DISTRACTORS = ["over", "door", "wet", "eis", "bel", "gem", "zorgen", "hulpje"];

test("the table of compounds splits as written, with the Rust rules", () => {
  const lines = fs.readFileSync(path.join(__dirname, "compounds.tsv"), "utf8").split("\n").filter((l) => l && !l.startsWith("#"));
  assert.ok(lines.length >= 40, "only " + lines.length + " compounds");
  const wrong = [];
  for (const line of lines) {
    const [word, expected, vocab] = line.split("\t");
    const words = new Set(vocab.split(" ").concat(DISTRACTORS));
    const known = (w) => words.has(w) && !S.isStopWord(w);
    const got = S.compoundParts(word, known).join(" ") || "-";
    if (got !== expected) wrong.push(`${word}: expected ${expected}, got ${got}`);
  }
  assert.deepEqual(wrong, []);
});

test("edit distance: transpositions count once, the first letter never changes", () => {
  assert.equal(S.editDistance("statushoudres", "statushouders", 2), 1);
  assert.equal(S.editDistance("diversitijt", "diversiteit", 2), 2);
  assert.equal(S.editDistance("wjiktaem", "wijkteam", 1), 2, "more than the maximum gives max + 1");
  assert.equal(S.editDistance("vijkteam", "wijkteam", 2), 3, "the first letter is never forgiven");
});
