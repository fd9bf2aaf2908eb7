//! What the default theme generates beyond the pages' own text: the glossary's A–Z index, the
//! practice example's fact box and its similar examples, the filters of a list, the home page's
//! ways in. Each test builds a small site written here and reads the produced HTML.

mod common;

use std::fs;
use std::path::Path;

use common::{attr_values, build, read};

/// Writes `files` (path under the site root → text) and builds the site; returns the temp dir
/// (kept alive by the caller) and the output folder.
fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let file = dir.path().join(path);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, text).unwrap();
    }
    let out = dir.path().join("public");
    build(dir.path(), &out, &["--quiet"]);
    (dir, out)
}

fn term(title: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndefinition: \"Uitleg van {title}.\"\n---\nTekst.\n")
}

/// The text of the element that starts at `start` in `html`, up to `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start} in the page"));
    let rest = &html[from..];
    &rest[..rest.find(end).map_or(rest.len(), |i| i + end.len())]
}

fn glossary(out: &Path, rel: &str) -> String {
    read(out.join(rel))
}

#[test]
fn the_glossary_has_an_a_to_z_index_over_all_its_pages() {
    let terms = ["Aap", "Appel", "Boom", "Étage", "Zebra", "3D-print"];
    let files: Vec<(String, String)> =
        terms.iter().map(|t| (format!("content/begrippen/{}.md", t.to_lowercase()), term(t))).collect();
    let mut all: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    all.push(("content/begrippen/_index.md", "---\ntitle: Begrippen\nsummary: Woorden.\n---\n"));
    // Three terms to a list page, so the index points into page 2 as well.
    all.push(("wegwijs.yaml", "title: Proef\npaginate: 3\n"));
    let (_dir, out) = site(&all);

    let first = glossary(&out, "begrippen/index.html");
    let index = between(&first, "<nav class=\"az\"", "</nav>");
    // Every letter is there; those without terms are not links.
    for letter in 'A'..='Z' {
        assert!(index.contains(&format!(">{letter}<")), "{letter} in {index}");
    }
    let links = attr_values(index, "href");
    assert_eq!(
        links,
        [
            "../begrippen/#ww-letter-other",
            "../begrippen/#ww-letter-a",
            "../begrippen/pagina/2/#ww-letter-b",
            "../begrippen/pagina/2/#ww-letter-e",
            "../begrippen/pagina/2/#ww-letter-z",
        ],
        "letters with terms link to the list page that has them; 3D under # (first), É under E"
    );
    assert!(index.contains("<span class=\"az-off\">C<span class=\"visually-hidden\"> (geen begrippen)</span></span>"));
    assert!(index.contains(">#<"), "a group for terms that do not start with a letter");

    // The terms of each list page under their letter, with their definition and no kind label.
    assert!(first.contains("<h2 id=\"ww-letter-a\" class=\"letter\" tabindex=\"-1\">A</h2>"));
    assert!(first.contains("<h2 id=\"ww-letter-other\""));
    assert!(!first.contains("id=\"ww-letter-b\""), "B is on page 2");
    let a = between(&first, "id=\"ww-letter-a\"", "</section>");
    assert!(a.contains(">Aap</a>") && a.contains(">Appel</a>") && a.contains("Uitleg van Aap."));
    assert!(!a.contains("kind-label"), "a glossary does not say 'Begrip' on every card");
    let second = glossary(&out, "begrippen/pagina/2/index.html");
    assert!(["b", "e", "z"].iter().all(|l| second.contains(&format!("id=\"ww-letter-{l}\""))));
    let from_page_2: Vec<String> = links.iter().map(|l| format!("../../{l}")).collect();
    assert_eq!(
        attr_values(between(&second, "<nav class=\"az\"", "</nav>"), "href"),
        from_page_2,
        "the same index on page 2"
    );
}

const PRACTICE_A: &str = "---\ntitle: Spreekuur in Harderwijk\ndate: 2019-05-01\nmunicipality: Harderwijk\nprovince: Gelderland\norganisations: [GGD, Moskee]\nthemes: [Outreachend werken, Maatwerk]\nsource: {title: Handreiking, url: \"https://www.example.org/h.pdf\"}\n---\nTekst.\n";
const PRACTICE_B: &str = "---\ntitle: Sleutelpersonen in Weert\ndate: 2020-01-01\nmunicipality: Weert\nthemes: [Outreachend werken, Maatwerk]\n---\nTekst.\n";
const PRACTICE_C: &str =
    "---\ntitle: Klankbordgroep in Tholen\ndate: 2021-01-01\nmunicipality: Tholen\nthemes: [Maatwerk]\n---\nTekst.\n";
const PRACTICE_D: &str = "---\ntitle: Leernetwerk in Rotterdam\ndate: 2022-01-01\nmunicipality: Rotterdam\nthemes: [Leernetwerken]\n---\nTekst.\n";

fn practice_site() -> (tempfile::TempDir, std::path::PathBuf) {
    site(&[
        ("wegwijs.yaml", "title: Proef\n"),
        ("content/praktijkvoorbeelden/_index.md", "---\ntitle: Praktijkvoorbeelden\nsummary: Voorbeelden.\n---\n"),
        ("content/praktijkvoorbeelden/a.md", PRACTICE_A),
        ("content/praktijkvoorbeelden/b.md", PRACTICE_B),
        ("content/praktijkvoorbeelden/c.md", PRACTICE_C),
        ("content/praktijkvoorbeelden/d.md", PRACTICE_D),
    ])
}

#[test]
fn a_practice_example_has_a_fact_box_of_what_is_known() {
    let (_dir, out) = practice_site();
    let a = read(out.join("praktijkvoorbeelden/a/index.html"));
    let facts = between(&a, "<aside class=\"side-box fact-box\"", "</aside>");
    let labels: Vec<&str> =
        facts.match_indices("<dt>").map(|(i, _)| &facts[i + 4..i + 4 + facts[i + 4..].find('<').unwrap()]).collect();
    assert_eq!(labels, ["Gemeente", "Provincie", "Jaar", "Organisaties", "Bron"]);
    assert!(facts.contains("<a href=\"../../gemeenten/harderwijk/\">Harderwijk</a>"));
    assert!(facts.contains("<dd>2019</dd>"), "the year of the date when there is no year");
    assert!(facts.contains("<dd>GGD, Moskee</dd>"));
    assert!(facts.contains("<a href=\"https://www.example.org/h.pdf\">Handreiking</a>"));
    // Only what is known: Weert has no province, organisations or source.
    let b = read(out.join("praktijkvoorbeelden/b/index.html"));
    let facts = between(&b, "<aside class=\"side-box fact-box\"", "</aside>");
    assert!(facts.contains("<dt>Gemeente</dt>") && facts.contains("<dt>Jaar</dt>"));
    assert!(!facts.contains("Provincie") && !facts.contains("Organisaties") && !facts.contains("Bron"));
}

#[test]
fn similar_examples_share_themes_most_shared_first() {
    let (_dir, out) = practice_site();
    let a = read(out.join("praktijkvoorbeelden/a/index.html"));
    let similar = between(&a, "<section class=\"similar\"", "</section>");
    assert!(similar.contains("Vergelijkbare voorbeelden"));
    let titles: Vec<&str> = attr_values(similar, "href");
    // B shares two themes, C one; D none, and A is not its own example.
    assert_eq!(titles, ["../../praktijkvoorbeelden/b/", "../../praktijkvoorbeelden/c/"]);
    let d = read(out.join("praktijkvoorbeelden/d/index.html"));
    assert!(!d.contains("class=\"similar\""), "no list when no example shares a theme");
}

#[test]
fn a_list_can_be_narrowed_by_municipality_and_theme() {
    let (_dir, out) = practice_site();
    let list = read(out.join("praktijkvoorbeelden/index.html"));
    let filters = between(&list, "<aside class=\"filters", "</aside>");
    assert!(filters.contains("data-instant"), "the whole list is on the page: the script may filter it");
    // Without JavaScript: links to the municipalities' and themes' pages, with counts.
    assert!(filters.contains("<a href=\"../gemeenten/harderwijk/\" data-value=\"municipality:harderwijk\">Harderwijk</a> <span class=\"count\">(1)</span>"));
    assert!(filters.contains(
        "<a href=\"../themas/maatwerk/\" data-value=\"themes:maatwerk\">Maatwerk</a> <span class=\"count\">(3)</span>"
    ));
    // The cards say what they match, in the same words.
    assert!(list.contains("data-facets=\"municipality:weert themes:outreachend-werken themes:maatwerk\""));
}

#[test]
fn the_home_page_leads_with_search_and_the_ways_in() {
    let (_dir, out) = practice_site();
    let home = read(out.join("index.html"));
    let h1 = between(&home, "<h1>", "</h1>");
    assert!(!h1.contains("Proef"), "the heading is not the site's title a second time: {h1}");
    let order = ["role=\"search\"", "id=\"ww-home-kinds\"", "id=\"ww-home-municipalities\"", "id=\"ww-home-latest\""];
    let at: Vec<usize> = order.iter().map(|s| home.find(s).unwrap_or_else(|| panic!("{s}"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "search, kinds, municipalities, latest: {at:?}");
    assert!(between(&home, "id=\"ww-home-kinds\"", "</section>").contains("4 pagina&#39;s"));
}
