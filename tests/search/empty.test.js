// A site without pages still has a search page whose index answers: with nothing.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { siteDir, engineFor } = require("./helpers.js");

test("an empty index gives no results and no error", async () => {
  const { engine } = engineFor(siteDir());
  const res = await engine.search("statushouder");
  assert.equal(res.results.length, 0);
  assert.equal(res.glossaryTerm, null);
  assert.deepEqual((await engine.search("", { kind: ["begrippen"] })).results, []);
});
