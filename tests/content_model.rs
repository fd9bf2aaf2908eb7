//! The richer content model (issue 21) on whole sites, run as the built binary: each new field
//! read and shown in the fact box, each bad value reported where it is written with what to do,
//! the review-date warning with an injected "today", and the last-modified dates from git or
//! the file's time.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

use common::{copy_dir, read};

/// The clean fixture in a temporary folder, with the practice example's front matter replaced
/// by `front` (what comes between the `---` lines).
fn site_with_practice(front: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/clean"), &root);
    let file = root.join("content/praktijkvoorbeelden/weert.md");
    let text = read(&file);
    let body = text.splitn(3, "---\n").nth(2).unwrap();
    fs::write(&file, format!("---\n{front}---\n{body}")).unwrap();
    (dir, root)
}

const BASE: &str = "title: \"Weert: sleutelpersonen in dienst\"\nsummary: Sleutelpersonen bij de gemeente.\n\
                    municipality: Weert\nthemes: [Gezondheid]\ntarget_groups: [statushouders]\n";

/// `wegwijs check` of `root` in `lang` with "today" fixed: (exit code, stderr).
fn check(root: &Path, lang: &str, today: &str) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        .args(["--lang", lang, "check", "--root", root.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .env("WEGWIJS_TODAY", today)
        .output()
        .unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn every_new_field_is_read_and_shown_in_the_fact_box() {
    let front = format!(
        "{BASE}goal: Nieuwe inwoners vinden sneller hun weg.\nperiod: 2019-2021\nstatus: afgerond\n\
         conditions:\n  mensen: Twee sleutelpersonen\n  money: Subsidie van de provincie\n  partners: GGD\n\
         results_kind: beschreven\ncontact: info@example.nl\nreviewed: 2026-12-02\nreview_after: 12\n\
         source: {{title: Databank, url: \"https://www.example.org/weert\", year: 2019, pages: 12-14}}\n"
    );
    let (dir, root) = site_with_practice(&front);
    let (code, stderr) = check(&root, "en", "2026-12-02");
    assert_eq!(code, 0, "{stderr}");
    let out = dir.path().join("out");
    common::build(&root, &out, &[]);
    let html = read(out.join("praktijkvoorbeelden/weert/index.html"));
    let facts = html.split("fact-box").nth(1).unwrap().split("</aside>").next().unwrap();
    for expected in [
        "<dt>Doel</dt>",
        "<dd>Nieuwe inwoners vinden sneller hun weg.</dd>",
        "<dt>Status</dt>",
        "<dd>Afgerond</dd>",
        "<dt>Periode</dt>",
        "<dd>2019–2021</dd>",
        "<dt>Nodig: mensen</dt>",
        "<dd>Twee sleutelpersonen</dd>",
        "<dt>Nodig: geld</dt>",
        "<dt>Nodig: partners</dt>",
        "<dd>GGD</dd>",
        "<dd>Beschreven, niet gemeten</dd>",
        "<a href=\"mailto:info@example.nl\">info@example.nl</a>",
        "Databank</a> (2019, blz. 12–14)",
    ] {
        assert!(facts.contains(expected), "{expected} not in the fact box:\n{facts}");
    }
    // The period says the year; no separate year line.
    assert!(!facts.contains("<dt>Jaar</dt>"), "{facts}");
    assert!(html.contains("Inhoud gecontroleerd: <time datetime=\"2026-12-02\">2 december 2026</time>"), "{html}");
}

#[test]
fn bad_values_are_reported_where_they_are_written_with_what_to_do() {
    let cases: &[(&str, &str, &str)] = &[
        ("period: voorjaar 2019\n", "bad-period", "write one year or two years with a dash"),
        ("period: 2021-2019\n", "bad-period", "the first year comes first"),
        ("status: klaar\n", "bad-choice", "choose one of these words for `status`: lopend, afgerond, gestopt"),
        ("status: afgerund\n", "bad-choice", "did you mean `afgerond`?"),
        ("results_kind: veel\n", "bad-choice", "gemeten, beschreven, geen"),
        ("contact: naam.achternaam@voorbeeld.nl\n", "bad-contact", "looks like a person's e-mail address"),
        ("contact: Jan Jansen\n", "bad-contact", "never a person's name"),
        ("conditions: {tijd: veel}\n", "unknown-key", "conditions have `people`, `money` and `partners`"),
        ("conditions: veel geld\n", "wrong-type", "conditions"),
        ("reviewed: 2026-13-01\n", "bad-date", "the month must be between 01 and 12"),
        ("review_after: 0\n", "bad-months", "whole number of 1 or more"),
        ("source: {title: Databank, year: twintig}\n", "bad-source-year", "four-digit number"),
        ("source: {title: Databank, pages: hoofdstuk 2}\n", "bad-source-pages", "write the pages as numbers"),
        ("source: {title: Databank, lang: Nederlands}\n", "bad-source-lang", "`lang: nl` for Dutch"),
    ];
    for (line, code, help) in cases {
        let (_dir, root) = site_with_practice(&format!("{BASE}{line}"));
        let (exit, stderr) = check(&root, "en", "2026-12-02");
        assert_eq!(exit, 1, "{line}: {stderr}");
        assert!(stderr.contains(&format!("[{code}]")) || stderr.contains(code), "{line}: {stderr}");
        // Line 7: after the `---` line and BASE's five.
        assert!(stderr.contains("weert.md:7:"), "{line}: not located on line 7:\n{stderr}");
        assert!(stderr.contains(help), "{line}: no help {help:?}:\n{stderr}");
    }
    // The Dutch message says what to do too.
    let (_dir, root) = site_with_practice(&format!("{BASE}contact: naam.achternaam@voorbeeld.nl\n"));
    let (_, stderr) = check(&root, "nl", "2026-12-02");
    assert!(stderr.contains("lijkt het e-mailadres van een persoon"), "{stderr}");
}

#[test]
fn a_page_past_its_review_date_is_a_warning_on_the_injected_today() {
    let (_dir, root) = site_with_practice(&format!("{BASE}reviewed: 2024-06-01\n"));
    // 24 months by default: due on 2026-06-01.
    let (code, stderr) = check(&root, "en", "2026-06-01");
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("review-due"), "{stderr}");
    let (code, stderr) = check(&root, "en", "2026-06-02");
    assert_eq!(code, 0, "a warning is no error: {stderr}");
    assert!(stderr.contains("review-due"), "{stderr}");
    assert!(stderr.contains("weert.md:7:"), "{stderr}");
    assert!(stderr.contains("due for a new review on 2026-06-01"), "{stderr}");
    // The page's own review_after wins; the site's default can be set.
    let (_dir, root) = site_with_practice(&format!("{BASE}reviewed: 2024-06-01\nreview_after: 36\n"));
    assert!(!check(&root, "en", "2026-12-02").1.contains("review-due"));
    let (_dir, root) = site_with_practice(&format!("{BASE}reviewed: 2024-06-01\n"));
    fs::write(root.join("wegwijs.yaml"), format!("{}\nreview_after: 6\n", read(root.join("wegwijs.yaml")))).unwrap();
    assert!(check(&root, "en", "2025-01-02").1.contains("review-due"));
}

fn git(root: &Path, args: &[&str]) {
    common::git_at(root, "2020-05-17T12:00:00Z", args);
}

fn lastmod(sitemap: &str, path: &str) -> String {
    let entry = sitemap.split("<url>").find(|u| u.contains(&format!("{path}</loc>"))).unwrap();
    entry.split("<lastmod>").nth(1).unwrap().split('<').next().unwrap().to_string()
}

/// The sitemap lists addresses only for a site with an absolute base_url.
const ABSOLUTE: &[&str] = &["--base-url", "https://example.nl/"];

#[test]
fn last_modified_comes_from_git_and_from_the_file_when_it_has_changes() {
    let (dir, root) = site_with_practice(BASE);
    let today = common_today();
    // Not a git checkout: the file's time, which is today.
    let out = dir.path().join("out");
    common::build(&root, &out, ABSOLUTE);
    assert_eq!(lastmod(&read(out.join("sitemap.xml")), "/praktijkvoorbeelden/weert/"), today);
    git(&root, &["init", "-q"]);
    git(&root, &["add", "."]);
    git(&root, &["commit", "-q", "-m", "Content"]);
    common::build(&root, &out, ABSOLUTE);
    let sitemap = read(out.join("sitemap.xml"));
    assert_eq!(lastmod(&sitemap, "/praktijkvoorbeelden/weert/"), "2020-05-17");
    assert_eq!(lastmod(&sitemap, "/begrippen/statushouder/"), "2020-05-17");
    let html = read(out.join("praktijkvoorbeelden/weert/index.html"));
    assert!(html.contains("Laatst gewijzigd: <time datetime=\"2020-05-17\">17 mei 2020</time>"), "{html}");
    // A file with uncommitted changes: its own time.
    let file = root.join("content/praktijkvoorbeelden/weert.md");
    fs::write(&file, read(&file) + "\nEen nieuwe zin.\n").unwrap();
    common::build(&root, &out, ABSOLUTE);
    let sitemap = read(out.join("sitemap.xml"));
    assert_eq!(lastmod(&sitemap, "/praktijkvoorbeelden/weert/"), today);
    assert_eq!(lastmod(&sitemap, "/begrippen/statushouder/"), "2020-05-17");
}

/// Today's date (UTC) as the file times give it: a file written now.
fn common_today() -> String {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("now");
    fs::write(&f, "").unwrap();
    let secs = fs::metadata(&f).unwrap().modified().unwrap().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let out = Command::new("date").args(["-u", "-d", &format!("@{secs}"), "+%F"]).output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn an_editors_tip_is_a_labelled_note_apart_from_the_sourced_text() {
    let (dir, root) = site_with_practice(BASE);
    let file = root.join("content/praktijkvoorbeelden/weert.md");
    let text = read(&file)
        + "\n> [!TIP]\n> Vraag eerst wat mensen zelf willen.\n\n> Een gewoon citaat.\n\n> [!NOTE]\n> Een notitie.\n";
    fs::write(&file, text).unwrap();
    let out = dir.path().join("out");
    common::build(&root, &out, &[]);
    let html = read(out.join("praktijkvoorbeelden/weert/index.html"));
    assert!(
        html.contains(
            "<div class=\"editor-tip\" role=\"note\" aria-label=\"Tip van de redactie\">\n\
             <p class=\"editor-tip-label\">Tip van de redactie</p>\n<p>Vraag eerst wat mensen zelf willen.</p>\n</div>"
        ),
        "{html}"
    );
    // A plain quotation and the other alert kinds stay quotations.
    assert!(html.contains("<blockquote>\n<p>Een gewoon citaat.</p>\n</blockquote>"), "{html}");
    assert!(html.contains("<blockquote>\n<p>Een notitie.</p>\n</blockquote>"), "{html}");
    assert_eq!(html.matches("editor-tip\"").count(), 1);
    // In English, the theme's English label.
    fs::write(root.join("wegwijs.yaml"), format!("{}\nlanguage: en\n", read(root.join("wegwijs.yaml")))).unwrap();
    common::build(&root, &out, &[]);
    let html = read(out.join("praktijkvoorbeelden/weert/index.html"));
    assert!(html.contains("aria-label=\"Editors&#39; tip\""), "{html}");
}

#[test]
fn the_glossary_export_has_a_concept_for_every_term() {
    let (dir, root) = site_with_practice(BASE);
    let out = dir.path().join("out");
    common::build(&root, &out, &["--base-url", "https://example.nl/kb/"]);
    let doc: serde_json::Value = serde_json::from_str(&read(out.join("begrippen.jsonld"))).unwrap();
    let graph = doc["@graph"].as_array().unwrap();
    let concepts: Vec<&str> =
        graph.iter().filter(|n| n["@type"] == "skos:Concept").map(|n| n["@id"].as_str().unwrap()).collect();
    assert_eq!(
        concepts,
        ["https://example.nl/kb/begrippen/sleutelpersoon/", "https://example.nl/kb/begrippen/statushouder/"]
    );
    let scheme = graph.iter().find(|n| n["@type"] == "skos:ConceptScheme").unwrap();
    for c in graph.iter().filter(|n| n["@type"] == "skos:Concept") {
        assert_eq!(c["skos:inScheme"]["@id"], scheme["@id"]);
        assert_eq!(c["skos:prefLabel"]["@language"], "nl");
        assert!(c["skos:definition"]["@value"].as_str().is_some_and(|d| !d.is_empty()), "{c}");
    }
    let html = read(out.join("begrippen/index.html"));
    assert!(html.contains("<a href=\"../begrippen.jsonld\" type=\"application/ld+json\">"), "{html}");
    // The JSON-LD processor's check of the triples is tests/browser/skos.test.js.
}
