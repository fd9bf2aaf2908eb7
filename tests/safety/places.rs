//! Problems are reported where the key is written, at a place recorded when the file was read:
//! not where the key's name happens to appear first (inside another value), and a key written in
//! quotes is the same key. `check` reports them; the user's files stay as they were.

use crate::support::{Fixture, assert_same, snapshot};

/// The diagnostics of `check --format json` with `code`, as `file:line:col message`.
fn reports(f: &Fixture, code: &str) -> (Option<i32>, Vec<String>) {
    let out = f.run(&["check", "--format", "json"]);
    let found = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|d| d["code"] == code)
        .map(|d| {
            format!("{}:{}:{} {}", d["file"].as_str().unwrap(), d["line"], d["column"], d["message"].as_str().unwrap())
        })
        .collect();
    (out.status.code(), found)
}

#[test]
fn a_config_key_is_reported_where_it_is_written_not_where_its_name_is_mentioned() {
    let f = Fixture::new();
    f.write("site/wegwijs.yaml", "title: Proef\ndescription: \"language: de taal van de site\"\nlanguage : xx\n");
    let before = snapshot(f.root());
    let (code, language) = reports(&f, "unknown-language");
    assert_eq!(code, Some(1));
    assert_eq!(language, ["wegwijs.yaml:3:1 the theme has no interface strings for language `xx`"]);
    assert_same(&before, &snapshot(f.root()), "check");

    // A theme setting: at its own key, not inside the value of the setting before it.
    f.write("site/wegwijs.yaml", "title: Proef\ntheme:\n  footer_text: \"logo: onderaan\"\n  logo: /etc/passwd\n");
    let before = snapshot(f.root());
    let (code, logo) = reports(&f, "path-outside-site");
    assert_eq!(code, Some(1));
    assert_eq!(logo.len(), 1, "{logo:?}");
    assert!(logo[0].starts_with("wegwijs.yaml:4:3 "), "{logo:?}");
    assert_same(&before, &snapshot(f.root()), "check");
}

#[test]
fn an_empty_summary_under_a_quoted_key_is_reported_at_the_key() {
    let f = Fixture::new();
    f.write("site/content/over.md", "---\ntitle: Over\n\"summary\": \"\"\n---\nTekst.\n");
    let before = snapshot(f.root());
    let (code, found) = reports(&f, "missing-summary");
    assert_eq!(code, Some(0), "a missing summary is a warning");
    assert_eq!(found, ["content/over.md:3:12 the summary is empty"]);
    assert_same(&before, &snapshot(f.root()), "check");
}
