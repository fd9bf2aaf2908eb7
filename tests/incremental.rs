//! The preview's remembered builds equal fresh ones: a long random series of edits, additions,
//! renames, deletions, front matter, section, link, draft and config changes is applied to a
//! small site, and after each step the site the preview serves (built with its memo, the
//! search index brought up to date as the server does beside its builds) is compared, file by
//! file and byte for byte, with a fresh `wegwijs build` into a folder. When a step breaks the
//! site, both must refuse it with the same problems.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use wegwijs::serve::Preview;
use wegwijs::{NoProgress, Overrides};

#[derive(Debug, Clone)]
enum Step {
    /// New text for the body of the n-th page.
    Body(usize, String),
    /// A new title for the n-th page.
    Title(usize, String),
    /// A new page of a kind, with a name from a small set (so names meet again).
    Add {
        kind: u8,
        name: u8,
        theme: u8,
        link_to: Option<usize>,
    },
    Delete(usize),
    Rename(usize, u8),
    /// Marks the n-th page a draft, or no longer one.
    Draft(usize),
    /// A link from the n-th page to the m-th.
    Link(usize, usize),
    /// New text for a section's `_index.md`.
    Section(u8, String),
    /// The site's title and the number of items per list page.
    Config(u8, u8),
    /// A theme string the site overrides.
    Strings(u8),
    /// A template the site overrides (0: the override removed again).
    Template(u8),
}

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(vec!["tolk", "gemeente", "jeugd", "Gezondheid", "zorg", "taal"]), 1..6)
        .prop_map(|w| w.join(" "))
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (any::<usize>(), words()).prop_map(|(i, t)| Step::Body(i, t)),
        2 => (any::<usize>(), words()).prop_map(|(i, t)| Step::Title(i, t)),
        3 => (0u8..4, 0u8..6, 0u8..3, prop::option::of(any::<usize>()))
            .prop_map(|(kind, name, theme, link_to)| Step::Add { kind, name, theme, link_to }),
        1 => any::<usize>().prop_map(Step::Delete),
        1 => (any::<usize>(), 0u8..6).prop_map(|(i, n)| Step::Rename(i, n)),
        1 => any::<usize>().prop_map(Step::Draft),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(i, j)| Step::Link(i, j)),
        1 => (0u8..5, words()).prop_map(|(s, t)| Step::Section(s, t)),
        1 => (0u8..3, 0u8..3).prop_map(|(t, p)| Step::Config(t, p)),
        1 => (0u8..3).prop_map(Step::Strings),
        2 => (0u8..4).prop_map(Step::Template),
    ]
}

const FOLDERS: [&str; 4] = ["begrippen", "praktijkvoorbeelden", "instrumenten", "artikelen"];
const THEMES: [&str; 3] = ["Gezondheid", "Jeugd", "Taal"];

/// The site's pages (not sections), sorted.
fn pages(site: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = walk(&site.join("content"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
        .collect();
    pages.sort();
    pages
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn new_page(kind: u8, theme: &str, title: &str, body: &str) -> String {
    let extra = match kind {
        0 => "definition: Een woord dat in de tests wordt uitgelegd.\n".to_string(),
        1 => "municipality: Weert\ndate: 2020-05-01\n".to_string(),
        2 => "url: https://www.example.org/instrument\n".to_string(),
        _ => "date: 2021-02-03\n".to_string(),
    };
    format!("---\ntitle: {title}\nsummary: Over {title}.\nthemes: [{theme}]\n{extra}---\n\n{body}\n")
}

/// Splits a page into its front matter lines and body.
fn split(text: &str) -> (String, String) {
    let rest = text.strip_prefix("---\n").unwrap_or(text);
    match rest.split_once("\n---\n") {
        Some((front, body)) => (front.to_string(), body.to_string()),
        None => (String::new(), rest.to_string()),
    }
}

/// Applies `step` to the site; gives the files it touched (what a watcher would report).
fn apply(site: &Path, step: &Step) -> Vec<PathBuf> {
    let pages = pages(site);
    let pick = |i: usize| pages.get(i % pages.len().max(1)).cloned();
    let rewrite = |path: &Path, f: &dyn Fn(String, String) -> (String, String)| {
        let (front, body) = split(&fs::read_to_string(path).unwrap());
        let (front, body) = f(front, body);
        fs::write(path, format!("---\n{front}\n---\n{body}")).unwrap();
    };
    match step {
        Step::Body(i, text) => {
            let Some(p) = pick(*i) else { return vec![] };
            rewrite(&p, &|front, _| (front, format!("\n{text}.\n")));
            vec![p]
        }
        Step::Title(i, title) => {
            let Some(p) = pick(*i) else { return vec![] };
            rewrite(&p, &|front, body| {
                let lines: Vec<String> = front
                    .lines()
                    .map(|l| if l.starts_with("title:") { format!("title: {title}") } else { l.to_string() })
                    .collect();
                (lines.join("\n"), body)
            });
            vec![p]
        }
        Step::Add { kind, name, theme, link_to } => {
            let folder = FOLDERS[*kind as usize];
            let path = site.join(format!("content/{folder}/nieuw-{name}.md"));
            let body = match link_to.and_then(pick) {
                Some(target) => {
                    let rel = target.strip_prefix(site.join("content")).unwrap().to_string_lossy().to_string();
                    format!("Zie [dit](../{rel}).")
                }
                None => "Tekst.".to_string(),
            };
            fs::write(&path, new_page(*kind, THEMES[*theme as usize], &format!("Nieuw {name}"), &body)).unwrap();
            vec![path]
        }
        Step::Delete(i) => {
            let Some(p) = pick(*i) else { return vec![] };
            fs::remove_file(&p).unwrap();
            vec![p]
        }
        Step::Rename(i, n) => {
            let Some(p) = pick(*i) else { return vec![] };
            let to = p.with_file_name(format!("hernoemd-{n}.md"));
            fs::rename(&p, &to).unwrap();
            vec![p, to]
        }
        Step::Draft(i) => {
            let Some(p) = pick(*i) else { return vec![] };
            rewrite(&p, &|front, body| {
                if front.contains("draft: true") {
                    (front.replace("\ndraft: true", ""), body)
                } else {
                    (format!("{front}\ndraft: true"), body)
                }
            });
            vec![p]
        }
        Step::Link(i, j) => {
            let (Some(from), Some(to)) = (pick(*i), pick(*j)) else { return vec![] };
            let rel = to.strip_prefix(site.join("content")).unwrap().to_string_lossy().to_string();
            rewrite(&from, &|front, body| (front, format!("{body}\nLees ook [meer](../{rel}).\n")));
            vec![from]
        }
        Step::Section(s, text) => {
            let path = match FOLDERS.get(*s as usize) {
                Some(f) => site.join(format!("content/{f}/_index.md")),
                None => site.join("content/_index.md"),
            };
            fs::write(&path, format!("---\ntitle: \"Lijst {s}\"\nsummary: \"{text}\"\n---\n\n{text}.\n")).unwrap();
            vec![path]
        }
        Step::Config(t, p) => {
            let path = site.join("wegwijs.yaml");
            let title = ["Schone kennisbank", "Kennisbank Weert", "Wegwijs"][*t as usize];
            let paginate = [0, 2, 5][*p as usize];
            fs::write(&path, format!("title: {title}\npaginate: {paginate}\ntheme: {{accent_color: \"#1d5c8c\"}}\n"))
                .unwrap();
            vec![path]
        }
        Step::Strings(n) => {
            let path = site.join("i18n/nl.yaml");
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            let search = ["Zoeken", "Zoek", "Vind"][*n as usize];
            fs::write(&path, format!("search: {search}\n")).unwrap();
            vec![path]
        }
        Step::Template(n) => {
            let path = site.join(TEMPLATE);
            if *n == 0 {
                let _ = fs::remove_file(&path);
            } else {
                let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default").join(TEMPLATE);
                let text = fs::read_to_string(theme).unwrap();
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(&path, format!("{text}<!-- versie {n} -->\n")).unwrap();
            }
            vec![path]
        }
    }
}

/// The site's own copy of the theme's breadcrumbs, shown on almost every page.
const TEMPLATE: &str = "templates/partials/breadcrumbs.html";

/// A fresh build of the site into a new folder: its files, or the problems' codes and places.
fn full_build(site: &Path) -> Result<BTreeMap<String, Vec<u8>>, Vec<String>> {
    let out = tempfile::tempdir().unwrap();
    // The preview builds without fingerprints (see src/serve/site.rs).
    let overrides =
        Overrides { output_dir: Some(out.path().join("public")), no_fingerprint: true, ..Overrides::default() };
    match wegwijs::build(site, &overrides, &NoProgress) {
        Ok(_) => {
            let mut files = common::tree(&out.path().join("public"));
            // The build's mark of its own folder (see src/write/ownership.rs), not a site file.
            files.retain(|path, _| !path.starts_with(".wegwijs"));
            Ok(files)
        }
        Err(wegwijs::BuildError::Content(d)) => Err(problems(&d.items)),
        Err(e) => panic!("the full build failed for another reason: {e:?}"),
    }
}

fn problems(items: &[wegwijs::Diagnostic]) -> Vec<String> {
    items
        .iter()
        .filter(|d| d.severity == wegwijs::Severity::Error)
        .map(|d| format!("{} {:?} {:?}", d.code, d.file, d.line))
        .collect()
}

fn describe(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> String {
    let mut out = Vec::new();
    for (path, bytes) in a {
        match b.get(path) {
            None => out.push(format!("only in the preview: {path}")),
            Some(other) if other != bytes => out.push(format!("differs: {path}")),
            Some(_) => {}
        }
    }
    out.extend(b.keys().filter(|p| !a.contains_key(*p)).map(|p| format!("only in the full build: {p}")));
    out.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn remembered_builds_equal_fresh_ones(steps in prop::collection::vec(step(), 1..30)) {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        common::copy_dir(&common::site("clean"), &site);
        // Practice examples that share a theme show each other as similar examples.
        for (name, theme) in [("zwolle", "Gezondheid"), ("tholen", "Gezondheid"), ("ede", "Jeugd")] {
            let path = site.join(format!("content/praktijkvoorbeelden/{name}.md"));
            fs::write(path, new_page(1, theme, &format!("Voorbeeld {name}"), "Tekst.")).unwrap();
        }
        let mut preview = Preview::new(&site, false);
        preview.index();
        let _ = preview.build();
        for (n, step) in steps.iter().enumerate() {
            let touched = apply(&site, step);
            preview.changed(&touched);
            // The server serves the build at once, and the index made beside it a moment later.
            let _ = preview.build();
            preview.index();
            let served = preview.build();
            let fresh = full_build(&site);
            match (served, fresh) {
                (Ok(a), Ok(b)) => prop_assert!(a == b, "step {n} {step:?}:\n{}", describe(&a, &b)),
                (Err(a), Err(b)) => prop_assert_eq!(problems(&a), b, "step {} {:?}", n, step),
                (Ok(_), Err(b)) => prop_assert!(false, "step {n} {step:?}: only the full build failed: {b:?}"),
                (Err(a), Ok(_)) => prop_assert!(false, "step {n} {step:?}: only the preview failed: {:?}", problems(&a)),
            }
        }
    }
}

/// A translation added while previewing: the original page gets its `hreflang` link and the
/// switcher its language, as in a fresh build (the page's print holds its translations).
#[test]
fn a_translation_added_while_previewing_is_linked_from_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    common::copy_dir(&common::site("languages"), &site);
    let mut preview = Preview::new(&site, false);
    preview.index();
    let _ = preview.build();
    let added = site.join("content/begrippen/inburgering.en.md");
    fs::write(
        &added,
        "---\ntitle: Civic integration\ndefinition: Learning the language and the society.\n---\n\nText.\n",
    )
    .unwrap();
    preview.changed(std::slice::from_ref(&added));
    let _ = preview.build();
    preview.index();
    let served = preview.build().unwrap_or_else(|d| panic!("{:?}", problems(&d)));
    let fresh = full_build(&site).unwrap();
    let page = String::from_utf8(served["begrippen/inburgering/index.html"].clone()).unwrap();
    assert!(page.contains(r#"hreflang="en" href="#), "{page}");
    assert!(served == fresh, "{}", describe(&served, &fresh));
}
