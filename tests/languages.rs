//! Translations: the fixture site `tests/sites/languages` (Dutch, with pages in English and
//! Arabic) built, and its output read: each language under its folder, translations linked both
//! ways, each language's own lists, taxonomy pages, feed and search index, and the untranslated
//! pages linked in Dutch.

mod common;
#[allow(dead_code)]
mod search_support;

use std::fs;
use std::path::Path;

use common::{read, site};

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    // Plain names: the tests read each language's index folder by name (the fingerprinted
    // folders are tested in `each_language_names_its_own_fingerprinted_index`).
    common::build(&site("languages"), &out, &["--no-fingerprint"]);
    (dir, out)
}

/// With fingerprints, each language's index is a folder with its own hash, and that
/// language's search page names it.
#[test]
fn each_language_names_its_own_fingerprinted_index() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    common::build(&site("languages"), &out, &[]);
    let mut folders = Vec::new();
    for search in ["zoeken", "en/search", "ar/search"] {
        let page = read(out.join(format!("{search}/index.html")));
        let at = page.find("data-index=\"").expect("a search page names its index") + "data-index=\"".len();
        let folder = &page[at..at + page[at..].find('"').unwrap()];
        assert!(folder.starts_with(&format!("{search}/index.")) && folder.ends_with('/'), "{folder}");
        assert!(out.join(folder).join("meta.json").is_file(), "{folder} has no index");
        folders.push(folder.to_string());
    }
    folders.dedup();
    assert_eq!(folders.len(), 3, "three indexes: {folders:?}");
}

/// The `<html>` start tag of a page.
fn html_tag(page: &str) -> &str {
    let start = page.find("<html").unwrap();
    &page[start..start + page[start..].find('>').unwrap() + 1]
}

#[test]
fn each_language_is_under_its_folder_with_its_lists_feed_and_index() {
    let (_dir, out) = built();
    for path in [
        "begrippen/statushouder/index.html",
        "en/index.html",
        "en/begrippen/index.html",
        "en/begrippen/statushouder/index.html",
        "en/themas/wonen/index.html",
        "en/gemeenten/harderwijk/index.html",
        "en/praktijkvoorbeelden/spreekuur/index.html",
        "en/atom.xml",
        "en/search/index.html",
        "en/search/index/meta.json",
        "ar/index.html",
        // The slug of the Arabic page keeps its Arabic letters.
        "ar/begrippen/حامل-تصريح-الإقامة/index.html",
        "ar/atom.xml",
        "ar/search/index/meta.json",
    ] {
        assert!(out.join(path).is_file(), "{path} is missing");
    }
    // Every link of every language leads to a page that exists: switchers, hreflang, the lists'
    // links to untranslated pages.
    let broken = common::broken_links(&out, "/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    // What every language shares is written once, at the top.
    assert!(!out.join("en/css").exists() && !out.join("en/404.html").exists() && !out.join("en/sitemap.xml").exists());
    // Pages that are not translated have no page in the language.
    assert!(!out.join("en/begrippen/inburgering").exists());
    // The Dutch list is Dutch; the English list has the English page.
    let nl_list = read(out.join("begrippen/index.html"));
    assert!(nl_list.contains("Statushouder") && !nl_list.contains("Status holder"));
    let en_list = read(out.join("en/begrippen/index.html"));
    assert!(en_list.contains(r#"href="../../en/begrippen/statushouder/""#), "{en_list}");
    // Taxonomy pages of a language list its pages, named by its own theme page.
    let en_theme = read(out.join("en/themas/wonen/index.html"));
    assert!(en_theme.contains("<h1>Housing</h1>") && en_theme.contains("Drop-in hours"), "{en_theme}");
    assert!(!en_theme.contains("Spreekuur in de wijk"));
    // Each language's feed has its own entries.
    let en_feed = read(out.join("en/atom.xml"));
    assert!(en_feed.contains("Drop-in hours") && !en_feed.contains("Spreekuur"), "{en_feed}");
    assert!(en_feed.contains("/en/atom.xml"));
    assert!(read(out.join("atom.xml")).contains("Spreekuur in de wijk"));
    // Interface strings in the page's language.
    assert!(en_list.contains("Skip to content"));
    assert!(read(out.join("ar/index.html")).contains("انتقل إلى المحتوى"));
}

#[test]
fn pages_link_their_translations_both_ways_with_a_switcher() {
    let (_dir, out) = built();
    let nl = read(out.join("begrippen/statushouder/index.html"));
    let en = read(out.join("en/begrippen/statushouder/index.html"));
    let ar = read(out.join("ar/begrippen/حامل-تصريح-الإقامة/index.html"));
    for page in [&nl, &en, &ar] {
        assert!(page.contains(r#"<link rel="alternate" hreflang="nl" href="/begrippen/statushouder/">"#));
        assert!(page.contains(r#"<link rel="alternate" hreflang="en" href="/en/begrippen/statushouder/">"#));
        assert!(page.contains(r#"<link rel="alternate" hreflang="ar" href="/ar/begrippen/حامل-تصريح-الإقامة/">"#));
    }
    // The switcher names each language in itself, marked with its language; the page's own
    // language is the current one.
    assert!(nl.contains(r#"<nav class="language-switcher" aria-label="Taal">"#), "{nl}");
    assert!(nl.contains(r#"<a href="../../en/begrippen/statushouder/" lang="en" hreflang="en">English</a>"#));
    assert!(nl.contains(r#"<a href="../../ar/begrippen/حامل-تصريح-الإقامة/" lang="ar" hreflang="ar">العربية</a>"#));
    assert!(nl.contains(r#"lang="nl" hreflang="nl" aria-current="page">Nederlands</a>"#));
    assert!(en.contains(r#"<nav class="language-switcher" aria-label="Language">"#));
    assert!(ar.contains(r#"<nav class="language-switcher" aria-label="اللغة">"#));
    // A page without a translation into a language: its switcher leads to that language's home
    // page, and it has no hreflang link for it.
    let untranslated = read(out.join("begrippen/inburgering/index.html"));
    assert!(untranslated.contains(r#"<a href="../../en/" lang="en" hreflang="en">English</a>"#), "{untranslated}");
    assert!(!untranslated.contains(r#"hreflang="en" href"#));
    // Lists and search pages are translations of each other too.
    let en_search = read(out.join("en/search/index.html"));
    assert!(en_search.contains(r#"<link rel="alternate" hreflang="nl" href="/zoeken/">"#));
    assert!(en_search.contains(r#"data-index="en/search/index/""#), "the English search page reads its own index");
}

#[test]
fn html_lang_and_dir_are_the_pages_own() {
    let (_dir, out) = built();
    assert_eq!(html_tag(&read(out.join("index.html"))), r#"<html lang="nl">"#);
    assert_eq!(html_tag(&read(out.join("en/index.html"))), r#"<html lang="en">"#);
    assert_eq!(html_tag(&read(out.join("ar/begrippen/حامل-تصريح-الإقامة/index.html"))), r#"<html lang="ar" dir="rtl">"#);
    assert_eq!(html_tag(&read(out.join("ar/search/index.html"))), r#"<html lang="ar" dir="rtl">"#);
}

#[test]
fn untranslated_pages_are_linked_in_dutch_with_a_note() {
    let (_dir, out) = built();
    let en_list = read(out.join("en/begrippen/index.html"));
    assert!(en_list.contains("<h2 id=\"ww-untranslated\">Not translated yet</h2>"), "{en_list}");
    assert!(en_list.contains("These pages are only in Dutch for now."));
    assert!(en_list.contains(r#"<a href="../../begrippen/inburgering/" lang="nl" hreflang="nl">Inburgering</a>"#));
    // Not listed as untranslated: the page that is translated.
    assert!(!en_list[en_list.find("ww-untranslated").unwrap()..].contains("Statushouder"));
    // A link in a translation to a page without one leads to the Dutch page.
    let en = read(out.join("en/begrippen/statushouder/index.html"));
    assert!(en.contains(r#"href="../../../begrippen/inburgering/""#), "{en}");
    // A section without a translation of its own still has its place, named by the kind of its
    // pages in the language; its pages are linked in Dutch.
    let ar_examples = read(out.join("ar/praktijkvoorbeelden/index.html"));
    assert!(ar_examples.contains("<h1>أمثلة عملية</h1>"), "{ar_examples}");
    assert!(ar_examples.contains(
        r#"<a href="../../praktijkvoorbeelden/spreekuur/" lang="nl" hreflang="nl">Spreekuur in de wijk</a>"#
    ));
    // A theme's page in a translation names its untranslated pages too; English has them all.
    let ar_theme = read(out.join("ar/themas/wonen/index.html"));
    assert!(ar_theme.contains(
        r#"<a href="../../../praktijkvoorbeelden/spreekuur/" lang="nl" hreflang="nl">Spreekuur in de wijk</a>"#
    ));
    assert!(!read(out.join("en/themas/wonen/index.html")).contains("ww-untranslated"));
    // The Dutch lists have no such note.
    assert!(!read(out.join("begrippen/index.html")).contains("ww-untranslated"));
    assert!(!read(out.join("themas/wonen/index.html")).contains("ww-untranslated"));
}

/// Text in another language than the page is marked for screen readers (WCAG 3.1.2): a theme
/// the translation has no page for is named in Dutch with `lang="nl"`, wherever it is shown;
/// phrases marked in a definition, an alias or a source's title become spans; a source in
/// another language takes `lang`. Search and lists get the text without the marks.
#[test]
fn dutch_names_and_phrases_in_a_translation_are_marked_dutch() {
    let (_dir, out) = built();
    let term = read(out.join("ar/begrippen/حامل-تصريح-الإقامة/index.html"));
    for marked in [
        r#"<a href="../../../ar/themas/wonen/" lang="nl">Wonen</a>"#,
        r#"<p class="lead definition">شخص (<span lang="nl">statushouder</span>) حصل"#,
        r#"<li><span lang="nl">vergunninghouder</span></li>"#,
        r#"<a href="https://example.org/handreiking"><span lang="nl">Handreiking statushouders</span>: إعلان</a>"#,
        r#"<span lang="nl">Rapport over wonen</span>"#,
    ] {
        assert!(term.contains(marked), "{marked} not in {term}");
    }
    assert!(!term.contains("{lang="), "a mark is left in the page");
    let theme = read(out.join("ar/themas/wonen/index.html"));
    assert!(theme.contains(r#"<h1 lang="nl">Wonen</h1>"#), "{theme}");
    // English has a page for the theme: its name is English, and not marked.
    let en = read(out.join("en/begrippen/statushouder/index.html"));
    assert!(!en.contains(r#" lang="nl">Housing"#) && !en.contains(r#" lang="nl">Wonen"#), "{en}");
    // The Dutch site marks nothing as Dutch.
    let nl = read(out.join("begrippen/statushouder/index.html"));
    assert!(nl.contains(r#"/">Wonen</a>"#) && !nl.contains(r#" lang="nl">Wonen"#), "{nl}");
    // Search and the feed get the words without the marks.
    assert!(!read(out.join("ar/atom.xml")).contains("{lang="));
    let index: String = walkdir::WalkDir::new(out.join("ar/search/index"))
        .into_iter()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap_or_default())
        .collect();
    assert!(index.contains("statushouder") && !index.contains("{lang=") && !index.contains("<span"), "{index}");
}

/// The summary counts translated pages as pages, not as lists, and `check` counts them too.
#[test]
fn the_summary_counts_translated_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let built = common::stderr(&common::build(&site("languages"), &out, &["--no-fingerprint"]));
    // Four Dutch pages; three English ones and one Arabic one.
    assert!(built.contains("Built 4 pages (") && built.contains("), 4 translated pages and "), "{built}");
    let html = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "html"))
        .count();
    let lists: usize =
        built.split(" translated pages and ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    assert_eq!(4 + 4 + lists, html, "{built}");
    let checked = common::run_in("en", &["check", "--root", site("languages").to_str().unwrap()]);
    assert!(checked.stderr.contains("Checked 8 pages"), "{}", checked.stderr);
}

/// A local version over a translated base leaves a page out in every language: `exclude`
/// of a page takes its translations with it, and a translation's link to a page left out is
/// plain text, as in the original, never a broken link in a file the municipality does not
/// own. The listing of the local pages is named in each language as their badge is.
#[test]
fn a_local_version_leaves_a_page_out_in_every_language() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&site("languages"), &tmp.path().join("base"));
    let local = tmp.path().join("local");
    fs::create_dir_all(local.join("content/praktijkvoorbeelden")).unwrap();
    fs::write(
        local.join("wegwijs.yaml"),
        "base: ../base\nexclude:\n  - begrippen/inburgering.md\n  - praktijkvoorbeelden/spreekuur.md\n",
    )
    .unwrap();
    fs::write(
        local.join("content/praktijkvoorbeelden/buurtkamer.md"),
        "---\ntitle: Buurtkamer\nsummary: Een plek in de wijk.\nmunicipality: Zwolle\nthemes: [Wonen]\n---\n\nTekst.\n",
    )
    .unwrap();
    let out = tmp.path().join("public");
    let output = common::build(&local, &out, &["--no-fingerprint"]);
    let said = common::stderr(&output);
    assert!(output.status.success(), "{said}");
    assert!(!said.contains("broken-link"), "{said}");
    assert!(said.contains("links-to-excluded"), "{said}");
    for gone in ["praktijkvoorbeelden/spreekuur", "en/praktijkvoorbeelden/spreekuur", "begrippen/inburgering"] {
        assert!(!out.join(gone).exists(), "{gone} was left out");
    }
    let en = read(out.join("en/begrippen/statushouder/index.html"));
    assert!(en.contains("See also civic integration."), "plain text: {en}");
    assert!(!en.contains("inburgering/"), "{en}");
    assert!(read(out.join("en/in-onze-gemeente/index.html")).contains("<h1>In our municipality</h1>"));
    assert!(read(out.join("ar/in-onze-gemeente/index.html")).contains("<h1>في بلديتنا</h1>"));
}

/// The English index holds English stems, the Arabic one the words as written, the Dutch one
/// Dutch stems; the script searches each from its own search page (tests/search/languages.test.js).
#[test]
fn each_language_has_its_own_index_with_its_own_stemming() {
    let (_dir, out) = built();
    let meta = |lang: &str| read(out.join(lang).join("index/meta.json"));
    assert!(meta("en/search").contains(r#""stemmer":"english""#));
    assert!(meta("ar/search").contains(r#""stemmer":"none""#));
    assert!(!meta("zoeken").contains("stemmer"), "a Dutch index is as before");
    let en = stems(&out.join("en/search/index/v"));
    // "housing" and "Municipalities" as English stems; no Dutch page in the English index.
    assert!(en.contains("hous") && en.contains("municip"), "{en:?}");
    assert!(!en.contains("housing") && !en.contains("verblijfsvergunning"));
    let ar = stems(&out.join("ar/search/index/v"));
    assert!(ar.contains("هولندا"), "{ar:?}");
    let nl = stems(&out.join("zoeken/index/v"));
    assert!(nl.contains("verblijfsvergunn") && !nl.contains("hous"), "{nl:?}");
    search_support::node_test(&["tests/search/languages.test.js"], &[("WEGWIJS_SEARCH_SITE", &out)]);
}

fn stems(folder: &Path) -> std::collections::BTreeSet<String> {
    let mut stems = std::collections::BTreeSet::new();
    for entry in fs::read_dir(folder).unwrap() {
        let chunk: serde_json::Value = serde_json::from_slice(&fs::read(entry.unwrap().path()).unwrap()).unwrap();
        for w in chunk["w"].as_array().unwrap() {
            stems.insert(w[0].as_str().unwrap().to_string());
        }
    }
    stems
}

/// A language whose interface strings lack some of the site language's: a warning that names
/// them, and its pages show the Dutch strings there.
#[test]
fn a_missing_interface_string_is_a_check_warning() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    common::copy_dir(&site("languages"), &root);
    let config = read(root.join("wegwijs.yaml")).replace("ar: العربية}", "ar: العربية, fy: Frysk}");
    fs::write(root.join("wegwijs.yaml"), config).unwrap();
    fs::create_dir_all(root.join("i18n")).unwrap();
    fs::write(root.join("i18n/fy.yaml"), "skip_link: \"Nei de ynhâld\"\n").unwrap();
    fs::write(
        root.join("content/begrippen/statushouder.fy.md"),
        "---\ntitle: Statushâlder\ndefinition: Ien mei in ferbliuwsfergunning.\n---\n\nTekst.\n",
    )
    .unwrap();
    let run = common::wegwijs(&["check", "--root", root.to_str().unwrap()]);
    let said = format!("{}{}", String::from_utf8_lossy(&run.stdout), common::stderr(&run));
    assert!(said.contains("missing-strings"), "{said}");
    assert!(said.contains("language `fy` lacks") && said.contains("`search`"), "{said}");
    assert!(!said.contains("`skip_link`"), "the string it has is not missing: {said}");
    assert!(said.contains("wegwijs.yaml:3"), "at `languages` in the config: {said}");
    // The build goes on: the Frisian page, with its one string and Dutch for the rest.
    let out = dir.path().join("public");
    common::build(&root, &out, &[]);
    let page = read(out.join("fy/begrippen/statushouder/index.html"));
    assert!(page.contains("Nei de ynhâld") && page.contains("Kruimelpad"), "{page}");
    // Without the warning, the fixture itself: every configured language has all strings.
    let clean = common::wegwijs(&["check", "--root", site("languages").to_str().unwrap()]);
    let said = format!("{}{}", String::from_utf8_lossy(&clean.stdout), common::stderr(&clean));
    assert!(!said.contains("missing-strings"), "{said}");
}

/// How often each term of the shipped knowledge base is linked to from its Dutch pages: a
/// Markdown link to the term's file, or the term in another term's `related`. A page's links
/// to itself do not count.
fn links_to_terms(content: &Path) -> std::collections::BTreeMap<String, usize> {
    let terms: Vec<String> = fs::read_dir(content.join("begrippen"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "_index.md" && n.ends_with(".md") && n.matches('.').count() == 1)
        .map(|n| n.trim_end_matches(".md").to_string())
        .collect();
    let mut count: std::collections::BTreeMap<String, usize> = terms.iter().map(|t| (t.clone(), 0)).collect();
    for entry in walkdir::WalkDir::new(content) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        // Dutch pages only: a translation is `name.xx.md`.
        if !name.ends_with(".md") || name.matches('.').count() != 1 {
            continue;
        }
        let own = name.trim_end_matches(".md");
        let text = read(entry.path());
        let mut seen = Vec::new();
        for part in text.split("](").skip(1) {
            let target = part.split(')').next().unwrap_or("").split('#').next().unwrap_or("");
            if let Some(file) = target.rsplit('/').next().and_then(|f| f.strip_suffix(".md")) {
                seen.push(file.to_string());
            }
        }
        if let Some(line) = text.lines().find(|l| l.starts_with("related:")) {
            let list = line.trim_start_matches("related:").trim().trim_matches(['[', ']']);
            seen.extend(list.split(',').map(|s| s.trim().trim_matches('"').to_string()));
        }
        for file in seen {
            if file != own
                && let Some(n) = count.get_mut(&file)
            {
                *n += 1;
            }
        }
    }
    count
}

/// The shipped knowledge base builds without a warning, with its themes and its twelve most
/// linked-to terms in English and five terms in Arabic, each beside its Dutch page.
#[test]
fn the_shipped_site_has_english_and_arabic_pages() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    // An absolute base_url: the sitemap lists whole addresses only.
    let run = common::build(repo, &out, &["--base-url", "https://example.nl/"]);
    let said = common::stderr(&run);
    assert!(!said.contains("warning"), "{said}");
    let mut counts: Vec<(String, usize)> = links_to_terms(&repo.join("content")).into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    // The twelfth place is not shared with a thirteenth: the choice of twelve is not arbitrary.
    assert!(counts[11].1 > counts[12].1, "{counts:?}");
    for (term, _) in &counts[..12] {
        assert!(repo.join(format!("content/begrippen/{term}.en.md")).is_file(), "{term} has no English page");
        assert!(out.join(format!("en/begrippen/{term}/index.html")).is_file(), "{term}");
    }
    for entry in fs::read_dir(repo.join("content/themas")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(theme) = name.strip_suffix(".md").filter(|n| !n.contains('.') && *n != "_index") {
            assert!(out.join(format!("en/themas/{theme}/index.html")).is_file(), "theme {theme} has no English page");
        }
    }
    // The Dutch guide that English and Arabic pages cite by its name is marked Dutch wherever
    // it is named (WCAG 3.1.2): every time right after a `lang="nl"` start tag.
    for entry in walkdir::WalkDir::new(&out).into_iter().map(Result::unwrap) {
        let rel = entry.path().strip_prefix(&out).unwrap().to_string_lossy().into_owned();
        if !(rel.starts_with("en/") || rel.starts_with("ar/")) || !rel.ends_with(".html") {
            continue;
        }
        let html = read(entry.path());
        for (at, _) in html.match_indices("Handreiking Cultuursensitief werken") {
            let before = &html[..at];
            if before.rfind('<') > before.rfind('>') {
                continue; // inside a tag (an attribute)
            }
            assert!(before.ends_with(r#"lang="nl">"#), "{rel}: {}", &html[at.saturating_sub(80)..at + 40]);
        }
    }
    // A translated theme page lists its pages that are only in Dutch, in Dutch.
    let theme = read(out.join("en/themas/leernetwerken/index.html"));
    let untranslated = &theme[theme.find("ww-untranslated").expect("a Not translated yet list")..];
    assert!(untranslated.contains(r#"lang="nl" hreflang="nl">Tien tips voor een leernetwerk</a>"#), "{theme}");
    let arabic: Vec<String> = fs::read_dir(out.join("ar/begrippen"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().join("index.html").is_file() && e.file_name() != "index.html")
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    assert_eq!(arabic.len(), 5, "{arabic:?}");
    for term in &arabic {
        let page = read(out.join(format!("ar/begrippen/{term}/index.html")));
        assert!(page.contains(r#"<html lang="ar" dir="rtl">"#));
        assert!(
            page.contains(&format!(r#"hreflang="nl" href="https://example.nl/begrippen/{term}/""#)),
            "{term} links its Dutch page"
        );
    }
    let sitemap = read(out.join("sitemap.xml"));
    assert!(sitemap.contains("/en/begrippen/statushouder/") && sitemap.contains("/ar/begrippen/statushouder/"));
}
