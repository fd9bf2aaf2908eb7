//! Any bytes as a small site: the input is cut into files at `\0`, and the first bytes of each
//! piece choose its path, so the fuzzer can write config, pages, sections, templates, static
//! files and interface strings. A piece whose first byte is 255 makes a symlink instead: its
//! second byte chooses where, its third what it points to (inside the site, outside it, or
//! nowhere). The site is checked and then built; nothing from outside the site may reach the
//! output, and the file outside the site must be unchanged.
//!
//! Links that could run script are among the shapes it can write; to reach them sooner, give
//! libFuzzer these tokens as a dictionary (`-dict=FILE`, one quoted token a line):
//! `"javascript:"` `"JaVaScRiPt:"` `"vbscript:"` `"data:text/html,"` `"&#58;"` `"&#x3A;"`
//! `"&#106;"` `"&#9;"` `"&#10;"` `"&colon;"` `"]("` `"]: "` `"<java"` `"sources:\n  - {title: a, url: "`
//! `"source: {url: "` `"url: "` `"menu: [{title: a, url: "` `"theme: {logo: "`, and for the
//! config's values `"output_dir: "` `"language: "` `"accent_color: "` `"../"`.
#![no_main]

use std::path::Path;
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
    "static/css/extra.css",
    "i18n/nl.yaml",
];

/// Where a link may be made, and what it may point to (relative to the temporary folder).
const LINK_PLACES: &[&str] = &["content/geheim.md", "content/begrippen/x", "static/geheim.txt", "static/map", "public"];
const LINK_TARGETS: &[&str] = &["elders/geheim.txt", "elders", "site/content/begrippen", "nergens", "site/content"];
const SECRET: &str = "GEHEIM-fuzz-51c3";

fuzz_target!(|data: &[u8]| {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let tmp = DIR.get_or_init(|| tempfile::tempdir().unwrap()).path();
    let root = tmp.join("site");
    let _ = std::fs::remove_dir_all(&root);
    let _ = std::fs::remove_dir_all(tmp.join("out"));
    std::fs::create_dir_all(tmp.join("elders")).unwrap();
    std::fs::write(tmp.join("elders/geheim.txt"), SECRET).unwrap();
    for piece in data.split(|&b| b == 0).take(16) {
        match piece {
            [255, place, target, ..] => {
                let link = root.join(LINK_PLACES[usize::from(*place) % LINK_PLACES.len()]);
                let _ = std::fs::create_dir_all(link.parent().unwrap());
                let _ = std::os::unix::fs::symlink(tmp.join(LINK_TARGETS[usize::from(*target) % LINK_TARGETS.len()]), link);
            }
            [which, bytes @ ..] => {
                let file = root.join(PATHS[usize::from(*which) % PATHS.len()]);
                let _ = std::fs::create_dir_all(file.parent().unwrap());
                let _ = std::fs::write(file, bytes);
            }
            [] => {}
        }
    }
    let report = wegwijs::check(&root, &Overrides::default(), None, &NoProgress);
    for d in &report.diagnostics.items {
        let _ = d.render(false);
        let _ = d.to_json();
    }
    let overrides = Overrides { output_dir: Some(tmp.join("out")), ..Overrides::default() };
    if wegwijs::build(&root, &overrides, &NoProgress).is_ok() {
        assert!(!report.diagnostics.has_errors(), "check found errors in a site that builds");
        assert!(!contains_secret(&tmp.join("out")), "a file from outside the site was published");
    }
    assert_eq!(std::fs::read_to_string(tmp.join("elders/geheim.txt")).unwrap(), SECRET);
});

fn contains_secret(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else { return false };
    entries.filter_map(|e| e.ok()).any(|e| {
        let Ok(kind) = e.file_type() else { return false };
        if kind.is_dir() {
            contains_secret(&e.path())
        } else {
            kind.is_file() && std::fs::read(e.path()).is_ok_and(|b| b.windows(SECRET.len()).any(|w| w == SECRET.as_bytes()))
        }
    })
}
