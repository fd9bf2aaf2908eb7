//! Checks on the shipped knowledge base in `content/`.
//!
//! This test uses only the standard library. It counts the pages per kind,
//! and checks that the terms named in the content brief exist. Contact details
//! are looked for in every tracked file by `tests/personal_data.rs`.

use std::fs;
use std::path::{Path, PathBuf};

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// Markdown pages in one section, without its `_index.md`.
fn pages_in(section: &str) -> Vec<String> {
    let dir = content_dir().join(section);
    let mut names = Vec::new();
    for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.extension().is_some_and(|ext| ext == "md") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            if name != "_index" {
                names.push(name);
            }
        }
    }
    names.sort();
    names
}

#[test]
fn minimum_number_of_pages_per_kind() {
    let minimum =
        [("begrippen", 30), ("praktijkvoorbeelden", 11), ("instrumenten", 20), ("themas", 9), ("artikelen", 3)];
    for (section, min) in minimum {
        let n = pages_in(section).len();
        assert!(n >= min, "{section} has {n} pages, expected at least {min}");
    }
}

#[test]
fn named_terms_exist() {
    let required = [
        "cultuursensitief",
        "diversiteitsensitief",
        "intersectioneel-diversiteitsdenken",
        "inclusief-werken",
        "referentiekader",
        "statushouder",
        "sleutelpersoon",
        "ervaringsdeskundige",
        "outreachend-werken",
        "maatwerk",
        "klantreis",
        "spiegelbijeenkomst",
        "klankbordgroep",
        "leernetwerk",
        "wij-cultuur",
        "ik-cultuur",
        "gezichtsverlies",
        "cultuurspecialist",
        "professionele-tolk",
        "gezondheidsprofiel",
        "wijkanalyse",
        "inburgering",
        "ecogram",
        "cultureel-interview",
        "levenslijn",
        "casuistiekbespreking",
        "interculturele-consulent",
    ];
    let terms = pages_in("begrippen");
    let missing: Vec<&str> = required.iter().copied().filter(|slug| !terms.iter().any(|t| t == slug)).collect();
    assert!(missing.is_empty(), "missing terms: {missing:?}");
}
