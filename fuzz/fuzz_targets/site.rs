//! Any bytes as a small site: the input is cut into files at `\0`, and the first bytes of each
//! piece choose its path, so the fuzzer can write config, pages, sections and templates.
//!
//! Links that could run script are among the shapes it can write already; to reach them sooner,
//! give libFuzzer these tokens as a dictionary (`-dict=FILE`, one quoted token a line):
//! `"javascript:"` `"JaVaScRiPt:"` `"vbscript:"` `"data:text/html,"` `"&#58;"` `"&#x3A;"`
//! `"&#106;"` `"&#9;"` `"&#10;"` `"&colon;"` `"]("` `"]: "` `"<java"` `"sources:\n  - {title: a, url: "`
//! `"source: {url: "` `"url: "` `"menu: [{title: a, url: "` `"theme: {logo: "`.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use wegwijs::{NoProgress, Overrides};

const PATHS: &[&str] = &[
    "wegwijs.yaml",
    "content/_index.md",
    "content/begrippen/_index.md",
    "content/begrippen/statushouder.md",
    "content/begrippen/inburgering.md",
    "content/praktijkvoorbeelden/weert.md",
    "content/instrumenten/checklist.md",
    "content/themas/gezondheid.md",
    "content/artikelen/a.md",
    "content/zoeken.md",
    "content/robots.txt",
    "templates/robots.txt",
];

fuzz_target!(|data: &[u8]| {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let root = DIR.get_or_init(|| tempfile::tempdir().unwrap()).path().join("site");
    let _ = std::fs::remove_dir_all(&root);
    for piece in data.split(|&b| b == 0).take(12) {
        let Some((&which, bytes)) = piece.split_first() else { continue };
        let file = root.join(PATHS[usize::from(which) % PATHS.len()]);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, bytes).unwrap();
    }
    let report = wegwijs::check(&root, &Overrides::default(), None, &NoProgress);
    for d in &report.diagnostics.items {
        let _ = d.render(false);
        let _ = d.to_json();
    }
});
