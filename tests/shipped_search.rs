//! The issue's "done when" for search, on the shipped knowledge base: builds this repository's
//! site (`wegwijs.yaml` and `content/`) and runs `tests/search/shipped.test.js` in Node. Set
//! `WEGWIJS_SHIPPED_ROOT` to test another site folder holding the same content.

mod search_support;

use std::path::PathBuf;

use search_support::{build_site, node_test};

#[test]
fn shipped_content_is_found_as_the_issue_expects() {
    let root = std::env::var_os("WEGWIJS_SHIPPED_ROOT")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    if !root.join("content/begrippen").is_dir() {
        eprintln!("SKIPPED: {} has no content/ (the knowledge base is not merged yet)", root.display());
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("public");
    build_site(&root, &site);
    node_test(&["tests/search/shipped.test.js"], &[("WEGWIJS_SEARCH_SITE", &site)]);
}
