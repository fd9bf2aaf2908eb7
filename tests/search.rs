//! Search: the normalisation vector on the Rust side, then the fixture site `tests/sites/search`
//! built and searched by the theme's JavaScript in Node (`node --test tests/search/`), so that
//! `cargo test` covers both halves of the search.

mod search_support;

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use search_support::{build_site, node_test, repo};
use wegwijs::index::normalise;
use wegwijs::language::Language;

#[test]
fn normalisation_vector_matches_rust() {
    check_vector("tests/search/vectors.tsv", &Language::for_tag("nl"), 10_000);
}

/// The English vector: the same normalisation with English stop words and Snowball's English
/// stemmer (tests/search/vectors.test.js runs it against the script's port).
#[test]
fn english_normalisation_vector_matches_rust() {
    check_vector("tests/search/vectors-en.tsv", &Language::for_tag("en"), 5_000);
}

/// Checks every line of a vector (input, tab, its terms) against `normalise::terms` in
/// `language`; with `WEGWIJS_BLESS` set, writes the terms Rust gives instead.
fn check_vector(rel: &str, language: &Language, min_cases: usize) {
    let path = repo().join(rel);
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
        let got = normalise::terms(input, language).join(" ");
        if got != expected {
            wrong.push(format!("{input:?}: expected {expected:?}, got {got:?}"));
        }
        out.push_str(&format!("{input}\t{got}\n"));
    }
    if bless {
        std::fs::write(&path, out).unwrap();
        return;
    }
    assert!(cases > min_cases, "{rel} has only {cases} cases");
    assert!(wrong.is_empty(), "{} of {cases} lines differ:\n{}", wrong.len(), wrong[..wrong.len().min(20)].join("\n"));
}

#[test]
fn fixture_site_is_searchable_in_node() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("public");
    build_site(&repo().join("tests/sites/search"), &site);
    for f in ["zoeken/index/meta.json", "zoeken/index/facets.bin", "zoeken/index/v/0.json", "js/search-core.js"] {
        assert!(site.join(f).is_file(), "{f} was not written");
    }
    // A Dutch index names no stemmer: it is the same bytes as before indexes could be English.
    let meta = std::fs::read_to_string(site.join("zoeken/index/meta.json")).unwrap();
    assert!(!meta.contains("stemmer"), "{meta}");
    let page = std::fs::read_to_string(site.join("zoeken/index.html")).unwrap();
    assert!(page.contains(r#"data-root="../""#), "the search page tells the script where the site root is");
    assert_csp_friendly(&page);
    node_test(
        &["tests/search/vectors.test.js", "tests/search/engine.test.js", "tests/search/compounds.test.js"],
        &[("WEGWIJS_SEARCH_SITE", &site)],
    );
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

/// A site in English: its index holds English stems, names the English stemmer in meta.json,
/// and the script finds a page by an inflected English query.
#[test]
fn an_english_site_is_indexed_and_searched_in_english() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("public");
    build_site(&repo().join("tests/sites/search-en"), &site);
    // The search page and its index take the language's word: `search/`, not `zoeken/`.
    assert!(!site.join("zoeken").exists());
    let search_page = std::fs::read_to_string(site.join("search/index.html")).unwrap();
    assert!(search_page.contains(r#"data-index="search/index/""#));
    let meta = std::fs::read_to_string(site.join("search/index/meta.json")).unwrap();
    assert!(meta.contains(r#""stemmer":"english""#), "{meta}");
    let stems = index_stems(&site);
    // "runs" (title) and "run" (text) meet in one stem; Dutch would keep `runs` apart as `run`
    // only by luck, and leave `organise`, `meetings` and `volunteers` unstemmed or wrong.
    for stem in ["run", "organis", "meet", "volunt", "group", "neighbour", "introduc"] {
        assert!(stems.contains(stem), "{stem} is not in the index: {stems:?}");
    }
    for word in ["runs", "meetings", "volunteers", "organise", "neighbours", "introduced"] {
        assert!(!stems.contains(word), "{word} was not stemmed");
    }
    // English stop words are left out; in Dutch, `the` would be indexed.
    assert!(!stems.contains("the") && !stems.contains("they"));
    node_test(&["tests/search/english.test.js"], &[("WEGWIJS_SEARCH_SITE", &site)]);
}

/// The site language is a BCP 47 tag: `en-GB` is English (its strings, stemmer and month
/// names), and a language without a stemmer here (`de`, with the site's own strings) gets an
/// index of unstemmed words with no stop words, and ISO dates.
#[test]
fn a_regional_tag_is_its_language_and_other_languages_are_not_stemmed() {
    let dir = tempfile::tempdir().unwrap();
    let copy = |to: &std::path::Path| {
        for entry in walkdir::WalkDir::new(repo().join("tests/sites/search-en")) {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(repo().join("tests/sites/search-en")).unwrap();
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(to.join(rel)).unwrap();
            } else {
                std::fs::copy(entry.path(), to.join(rel)).unwrap();
            }
        }
    };
    let build = |tag: &str| {
        let root = dir.path().join(tag);
        copy(&root);
        std::fs::write(root.join("wegwijs.yaml"), format!("title: Search test\nlanguage: {tag}\n")).unwrap();
        if tag == "de" {
            std::fs::create_dir_all(root.join("i18n")).unwrap();
            std::fs::copy(repo().join("themes/default/i18n/en.yaml"), root.join("i18n/de.yaml")).unwrap();
        }
        let site = root.join("public");
        build_site(&root, &site);
        let meta = std::fs::read_to_string(site.join("search/index/meta.json")).unwrap();
        let page = std::fs::read_to_string(site.join("artikelen/support-groups/index.html")).unwrap();
        (meta, index_stems(&site), page)
    };

    let (meta, stems, page) = build("en-GB");
    assert!(meta.contains(r#""stemmer":"english""#), "{meta}");
    assert!(stems.contains("run") && !stems.contains("runs") && !stems.contains("the"));
    assert!(page.contains("15 March 2024"), "English month names");
    assert!(page.contains("Skip to content") || page.contains("Search"), "English interface strings");

    let (meta, stems, page) = build("de");
    assert!(meta.contains(r#""stemmer":"none""#), "{meta}");
    for word in ["runs", "run", "meetings", "volunteers", "the"] {
        assert!(stems.contains(word), "{word} is kept as written: {stems:?}");
    }
    assert!(page.contains("2024-03-15") && !page.contains("March") && !page.contains("maart"), "an ISO date");
}

/// Every stem in the vocabulary chunks of a built site's index.
fn index_stems(site: &std::path::Path) -> std::collections::BTreeSet<String> {
    let mut stems = std::collections::BTreeSet::new();
    let folder = if site.join("search/index").is_dir() { "search/index/v" } else { "zoeken/index/v" };
    for entry in std::fs::read_dir(site.join(folder)).unwrap() {
        let chunk: serde_json::Value = serde_json::from_slice(&std::fs::read(entry.unwrap().path()).unwrap()).unwrap();
        for w in chunk["w"].as_array().unwrap() {
            stems.insert(w[0].as_str().unwrap().to_string());
        }
    }
    stems
}

#[test]
fn an_empty_site_gets_an_index_that_answers_with_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    let site = dir.path().join("public");
    build_site(dir.path(), &site);
    let meta = std::fs::read_to_string(site.join("zoeken/index/meta.json")).unwrap();
    assert!(meta.contains(r#""docs":0"#) && meta.contains(r#""vocab":[]"#), "{meta}");
    node_test(&["tests/search/empty.test.js"], &[("WEGWIJS_SEARCH_SITE", &site)]);
}

/// The index is the same bytes whatever the number of threads (the analysis splits the pages
/// into shares by thread count and shares a stem cache between them).
#[test]
fn the_index_does_not_depend_on_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    gen_corpus::generate(1_200, &dir.path().join("content"), "wegwijs", 42).unwrap();
    let index_with = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let out = dir.path().join(format!("public-{threads}"));
        pool.install(|| build_site(dir.path(), &out));
        let mut files = Vec::new();
        for entry in walkdir::WalkDir::new(out.join("zoeken/index")).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                files.push((entry.path().strip_prefix(&out).unwrap().to_owned(), std::fs::read(entry.path()).unwrap()));
            }
        }
        files
    };
    let one = index_with(1);
    assert!(one.len() > 50, "a 1,200-page site has a split index");
    assert!(one == index_with(3), "the index differs between 1 and 3 threads");
}
