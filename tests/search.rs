//! Search: the normalisation vector on the Rust side, then the fixture site `tests/sites/search`
//! built and searched by the theme's JavaScript in Node (`node --test tests/search/`), so that
//! `cargo test` covers both halves of the search.

use std::path::{Path, PathBuf};
use std::process::Command;

use wegwijs::index::normalise;
use wegwijs::{NoProgress, Overrides};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn normalisation_vector_matches_rust() {
    let path = repo().join("tests/search/vectors.tsv");
    let text = std::fs::read_to_string(&path).unwrap();
    let bless = std::env::var_os("WEGWIJS_BLESS").is_some();
    let mut out = String::new();
    let mut wrong = Vec::new();
    let mut cases = 0;
    for line in text.lines() {
        if line.starts_with('#') || line.is_empty() {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        cases += 1;
        let (input, expected) = line.split_once('\t').expect("input<TAB>terms");
        let got = normalise::terms(input).join(" ");
        if got != expected {
            wrong.push(format!("{input:?}: expected {expected:?}, got {got:?}"));
        }
        out.push_str(&format!("{input}\t{got}\n"));
    }
    if bless {
        std::fs::write(&path, out).unwrap();
        return;
    }
    assert!(cases > 10_000, "the vector has only {cases} cases");
    assert!(wrong.is_empty(), "{} of {cases} lines differ:\n{}", wrong.len(), wrong[..wrong.len().min(20)].join("\n"));
}

/// Builds a fixture site into a temporary folder.
pub fn build_site(root: &Path, out: &Path) {
    let overrides = Overrides { output_dir: Some(out.to_path_buf()), ..Default::default() };
    if let Err(e) = wegwijs::build(root, &overrides, &NoProgress) {
        panic!("building {} failed: {e:?}", root.display());
    }
}

/// Runs Node's test runner on `tests` with `env` set; skips (with a message) without Node.
pub fn node_test(tests: &[&str], env: &[(&str, &Path)]) {
    let Ok(version) = Command::new("node").arg("--version").output() else {
        eprintln!("SKIPPED: `node` is not installed, so the JavaScript half of the search was not tested");
        return;
    };
    assert!(version.status.success());
    let mut cmd = Command::new("node");
    cmd.arg("--test").args(tests.iter().map(|t| repo().join(t))).current_dir(repo());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let output = cmd.output().expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "node --test failed:\n{stdout}");
}

#[test]
fn fixture_site_is_searchable_in_node() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("public");
    build_site(&repo().join("tests/sites/search"), &site);
    for f in ["zoeken/index/meta.json", "zoeken/index/facets.bin", "zoeken/index/v/0.json", "js/search-core.js"] {
        assert!(site.join(f).is_file(), "{f} was not written");
    }
    let page = std::fs::read_to_string(site.join("zoeken/index.html")).unwrap();
    assert!(page.contains(r#"data-root="../""#), "the search page tells the script where the site root is");
    assert_csp_friendly(&page);
    node_test(&["tests/search/vectors.test.js", "tests/search/engine.test.js"], &[("WEGWIJS_SEARCH_SITE", &site)]);
}

/// No inline scripts, event handlers or styles: the page works under a strict CSP.
fn assert_csp_friendly(html: &str) {
    for (i, _) in html.match_indices("<script") {
        let tag = &html[i..i + html[i..].find('>').unwrap()];
        assert!(tag.contains(" src="), "inline script: {tag}");
    }
    assert!(!html.contains(" style="), "inline style attribute");
    let lower = html.to_ascii_lowercase();
    for (i, _) in lower.match_indices(" on") {
        let name: String = lower[i + 1..].chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        assert!(!lower[i + 1 + name.len()..].starts_with('='), "inline event handler `{name}`");
    }
}
