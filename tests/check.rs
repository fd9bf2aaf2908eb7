//! `wegwijs check` on whole fixture sites, run as the built binary: what an editor or a CI job
//! sees (stderr, stdout, exit code).
//!
//! `tests/sites/broken/` has one instance of each problem wegwijs finds in content and config;
//! `tests/sites/clean/` has none. The exact reports are snapshots (`tests/snapshots/`): changing
//! a message is a deliberate act. Refresh them with `INSTA_UPDATE=always cargo test --test check`
//! and review the diff.

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use std::path::{Path, PathBuf};

mod common;

use common::{Run, copy_dir, temp_site};

fn wegwijs(args: &[&str]) -> Run {
    // These tests read the English messages; tests/messages.rs reads both languages.
    common::run_in("en", args)
}

/// The clean fixture in a temporary folder, to be changed by a test.
fn clean_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/clean"), &root);
    (dir, root)
}

#[test]
fn broken_site_reports_every_problem_in_one_run() {
    let run = wegwijs(&["check", "--root", "tests/sites/broken"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    insta::assert_snapshot!("broken_human", run.stderr);
}

#[test]
fn broken_site_has_one_instance_of_each_problem() {
    let run = wegwijs(&["check", "--root", "tests/sites/broken", "--format", "json"]);
    assert_eq!(run.code, 1);
    let lines: Vec<serde_json::Value> =
        run.stdout.lines().map(|l| serde_json::from_str(l).expect("each line is one JSON object")).collect();
    let (summary, diagnostics) = lines.split_last().unwrap();
    assert_eq!(summary["type"], "summary");
    let mut found: Vec<(String, String)> = diagnostics
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["file"].as_str().unwrap_or("").to_string()))
        .collect();
    found.sort();
    let mut expected: Vec<(String, String)> = [
        ("bad-date", "content/praktijkvoorbeelden/utrecht.md"),
        ("bad-url", "content/instrumenten/kapotte-url.md"),
        ("broken-anchor", "content/artikelen/links.md"),
        ("broken-link", "content/artikelen/links.md"),
        // Two pages on one path, and a file where wegwijs writes robots.txt.
        ("duplicate-path", "content/artikelen/dubbel.md"),
        ("duplicate-path", "content/robots.txt"),
        ("empty-table-header", "content/artikelen/links.md"),
        ("link-to-draft", "content/artikelen/links.md"),
        ("low-contrast", "wegwijs.yaml"),
        ("missing-alt", "content/artikelen/links.md"),
        ("missing-definition", "content/begrippen/tolk.md"),
        ("missing-front-matter", "content/artikelen/los.md"),
        ("missing-summary", "content/praktijkvoorbeelden/weert.md"),
        ("missing-title", "content/artikelen/zonder-titel.md"),
        ("missing-url", "content/instrumenten/zonder-url.md"),
        ("not-utf8", "content/artikelen/binair.md"),
        ("orphan-page", "content/artikelen/eiland.md"),
        ("self-reference", "content/begrippen/sleutelpersoon.md"),
        ("similar-taxonomy-value", "content/praktijkvoorbeelden/den-haag-buurtmoeders.md"),
        // `Den haag` for a municipality of the list; `gezondheid` beside `Gezondheid`.
        ("municipality-spelling", "content/praktijkvoorbeelden/den-haag-buurtmoeders.md"),
        ("taxonomy-spelling", "content/praktijkvoorbeelden/den-haag-buurtmoeders.md"),
        ("unclosed-front-matter", "content/artikelen/open.md"),
        ("unknown-key", "content/artikelen/datum.md"),
        // A key of another kind: a different hint from the typo above.
        ("unknown-key", "content/begrippen/wijkteam.md"),
        ("unknown-key", "wegwijs.yaml"),
        ("unknown-kind", "content/artikelen/soort.md"),
        ("unknown-term", "content/begrippen/inburgering.md"),
        ("unknown-tool-type", "content/instrumenten/gesprekskaarten.md"),
        // Mentioned by no other page (the tolk and the wijkteam are, in den-haag-spreekuur.md).
        ("unlinked-term", "content/begrippen/sleutelpersoon.md"),
        ("wrong-type", "content/praktijkvoorbeelden/zwolle.md"),
        ("yaml-colon-in-value", "content/artikelen/syntax.md"),
    ]
    .iter()
    .map(|(c, f)| (c.to_string(), f.to_string()))
    .collect();
    expected.sort();
    assert_eq!(found, expected);
    let errors = diagnostics.iter().filter(|d| d["severity"] == "error").count();
    assert_eq!(summary["errors"], errors);
    assert_eq!(summary["warnings"], diagnostics.len() - errors);
}

#[test]
fn broken_site_as_json_lines() {
    let run = wegwijs(&["check", "--root", "tests/sites/broken", "--format", "json"]);
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!("broken_json", run.stdout);
}

#[test]
fn build_runs_the_same_checks_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let check = wegwijs(&["check", "--root", "tests/sites/broken"]);
    let build = wegwijs(&["build", "--root", "tests/sites/broken", "--output", out.to_str().unwrap()]);
    assert_eq!(build.code, 1);
    assert!(!out.exists(), "a failed build writes nothing");
    let body = |s: &str| {
        s.lines()
            .filter(|l| !l.starts_with("Checked ") && !l.starts_with("error: could not build"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(body(&build.stderr), body(&check.stderr));
}

#[test]
fn clean_site_reports_nothing() {
    let run = wegwijs(&["check", "--root", "tests/sites/clean"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, "Checked 6 pages: no problems found\n"));
    let run = wegwijs(&["check", "--root", "tests/sites/clean", "--format", "json", "--deny-warnings"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "{\"type\":\"summary\",\"errors\":0,\"warnings\":0,\"pages\":6}\n");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let build = wegwijs(&["build", "--root", "tests/sites/clean", "--quiet", "--output", out.to_str().unwrap()]);
    assert_eq!((build.code, build.stderr.as_str()), (0, ""));
    assert!(out.join("index.html").is_file());
}

#[test]
fn warnings_pass_unless_denied() {
    let (_dir, root) = clean_copy();
    let page = root.join("content/artikelen/aan-de-slag.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("summary: Vijf stappen om cultuursensitief te gaan werken.\n", "")).unwrap();
    let root = root.to_str().unwrap();
    let run = wegwijs(&["check", "--root", root]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning[missing-summary]: this page has no summary"), "{}", run.stderr);
    assert!(run.stderr.ends_with("Checked 6 pages: 1 warning\n"), "{}", run.stderr);
    assert_eq!(wegwijs(&["check", "--root", root, "--deny-warnings"]).code, 1);
    let json = wegwijs(&["check", "--root", root, "--format", "json", "--deny-warnings"]);
    assert_eq!(json.code, 1);
    assert!(json.stdout.ends_with("{\"type\":\"summary\",\"errors\":0,\"warnings\":1,\"pages\":6}\n"));
}

#[test]
fn usage_errors_exit_with_2() {
    let run = wegwijs(&["check", "--root", "tests/sites/does-not-exist"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("the site folder `tests/sites/does-not-exist` does not exist"), "{}", run.stderr);
    assert_eq!(wegwijs(&["check", "--format", "xml"]).code, 2);
    assert_eq!(wegwijs(&["check", "--no-such-flag"]).code, 2);
}

/// The knowledge base shipped in `content/` must check without a single report. It lives on
/// the content branch until that is merged; on a branch without it there is nothing to check.
#[test]
fn shipped_knowledge_base_reports_nothing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join("content").is_dir() {
        eprintln!("no content/ in this checkout: the shipped knowledge base is not here to check");
        return;
    }
    let run = wegwijs(&["check", "--root", ".", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.ends_with(": no problems found\n"), "{}", run.stderr);
}

fn codes_and_files(root: &Path) -> Vec<(&'static str, String)> {
    let report = wegwijs::check(root, &wegwijs::Overrides::default(), None, &wegwijs::NoProgress);
    report
        .diagnostics
        .items
        .iter()
        .map(|d| (d.code, d.file.as_ref().map(|f| f.display().to_string()).unwrap_or_default()))
        .collect()
}

#[test]
fn what_makes_a_page_reachable() {
    let article = |extra: &str| format!("---\ntitle: Artikel\nsummary: Een artikel.\n{extra}---\n\nTekst.\n");
    let (_dir, root) = temp_site(&[
        ("wegwijs.yaml", "menu: [{title: Over, url: /artikelen/in-menu/}]\n"),
        ("content/_index.md", "---\ntitle: Home\n---\n\nLees [dit](artikelen/van-home.md).\n"),
        ("content/artikelen/van-home.md", &article("")),
        ("content/artikelen/in-menu.md", &article("")),
        ("content/artikelen/met-thema.md", &article("themes: [Gezondheid]\n")),
        (
            "content/artikelen/naar-zichzelf.md",
            "---\ntitle: Zelf\nsummary: Een artikel.\n---\n\n[ik](naar-zichzelf.md)\n",
        ),
        ("content/artikelen/van-concept.md", &article("")),
        ("content/artikelen/concept.md", "---\ntitle: C\nsummary: C.\ndraft: true\n---\n\n[x](van-concept.md)\n"),
        ("content/begrippen/los-begrip.md", "---\ntitle: Los\ndefinition: Een begrip waar niemand naar linkt.\n---\n"),
        ("content/begrippen/verwant.md", "---\ntitle: Verwant\ndefinition: V.\nrelated: [los-begrip]\n---\n"),
        ("content/themas/gezondheid.md", "---\ntitle: Gezondheid\nsummary: Over gezondheid.\n---\n"),
    ]);
    assert_eq!(
        codes_and_files(&root),
        vec![
            ("orphan-page", "content/artikelen/naar-zichzelf.md".to_string()),
            ("orphan-page", "content/artikelen/van-concept.md".to_string()),
            // Terms are never orphans, but one no other page links to or relates is unused.
            ("unlinked-term", "content/begrippen/verwant.md".to_string()),
        ]
    );
}

#[test]
fn summaries_where_lists_need_them() {
    let (_dir, root) = temp_site(&[
        ("content/_index.md", "---\ntitle: Home\n---\n"),
        ("content/artikelen/_index.md", "---\ntitle: Artikelen\n---\n"),
        ("content/artikelen/leeg.md", "---\ntitle: Leeg\nsummary: \"\"\nthemes: [A]\n---\n\nEen eerste alinea.\n"),
        ("content/begrippen/term.md", "---\ntitle: Term\ndefinition: Een begrip.\n---\n"),
    ]);
    assert_eq!(
        codes_and_files(&root),
        vec![
            ("missing-summary", "content/artikelen/_index.md".to_string()),
            ("missing-summary", "content/artikelen/leeg.md".to_string()),
            ("unlinked-term", "content/begrippen/term.md".to_string()),
        ]
    );
    let report = wegwijs::check(&root, &wegwijs::Overrides::default(), None, &wegwijs::NoProgress);
    let empty = &report.diagnostics.items[1];
    assert_eq!(
        (empty.message.english().as_str(), empty.line, empty.column),
        ("the summary is empty", Some(3), Some(10))
    );
}

/// The benchmark corpus of issue 3 (1,000 pages of `gen_corpus --flavor wegwijs`, generated by
/// the in-repo port of the anchors' generator) must check and build without a single warning.
#[test]
fn generated_corpus_checks_and_builds_clean() {
    let dir = tempfile::tempdir().unwrap();
    gen_corpus::generate(1000, &dir.path().join("content"), "wegwijs", 42).unwrap();
    let run = wegwijs(&["check", "--root", dir.path().to_str().unwrap(), "--deny-warnings"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, "Checked 1000 pages: no problems found\n"));
    let built = wegwijs(&["build", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(!built.stderr.contains("warning") && !built.stderr.contains("error"), "{}", built.stderr);
    assert!(built.stderr.starts_with("Built 1000 pages (250 terms, 400 practice examples, 150 tools, 200 articles)"));
}
