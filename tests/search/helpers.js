// Shared by the Node tests: loads the search module and index of a site that wegwijs built.
// The site folder comes from WEGWIJS_SEARCH_SITE (tests/search.rs sets it).
"use strict";
const fs = require("node:fs");
const path = require("node:path");

function siteDir(variable = "WEGWIJS_SEARCH_SITE") {
  const dir = process.env[variable];
  if (!dir) throw new Error(`${variable} is not set: run these tests through cargo test`);
  return dir;
}

// The search module exactly as the built site ships it.
function loadModule(dir) {
  return require(path.join(dir, "js", "search-core.js"));
}

// An engine reading the index from disk, counting the bytes it reads.
// The index folder as the search page gives it to the browser (`data-index`): the search page
// is the one folder at the top whose index/ holds meta.json.
function indexFolder(dir) {
  for (const name of fs.readdirSync(dir)) {
    const page = path.join(dir, name, "index.html");
    if (fs.existsSync(path.join(dir, name, "index", "meta.json")) && fs.existsSync(page)) {
      const m = fs.readFileSync(page, "utf8").match(/data-index="([^"]*)"/);
      if (m) return m[1];
    }
  }
  return undefined;
}

function engineFor(dir) {
  const S = loadModule(dir);
  const files = [];
  const engine = new S.Engine((url, kind) => {
    let rel = url.split("?")[0];
    if (rel.endsWith("/")) rel += "index.html";
    const data = fs.readFileSync(path.join(dir, rel));
    files.push(rel);
    return kind === "bytes" ? new Uint8Array(data) : data.toString("utf8");
  }, indexFolder(dir));
  engine.files = files;
  return { S, engine };
}

// Titles of the results of a query, best first.
async function titles(engine, q, filters) {
  const res = await engine.search(q, filters);
  const docs = await Promise.all(res.results.map((r) => engine.doc(r.id)));
  return docs.map((d) => d.t);
}

module.exports = { siteDir, loadModule, engineFor, titles };
