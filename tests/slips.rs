//! The everyday slips of an editor, each in a fixture, checked with the built binary: the
//! report must name the code, the file, and the line and column of the mistake itself, and say
//! what to write instead.

use serde_json::Value;

mod common;

use common::{Run, temp_site};

/// Runs the binary with the English messages, which most tests below read.
fn wegwijs(args: &[&str]) -> Run {
    wegwijs_in("en", args)
}

fn wegwijs_in(lang: &str, args: &[&str]) -> Run {
    common::run_in(lang, args)
}

/// Every diagnostic of `check --format json` on `root`.
fn diagnostics(root: &str) -> Vec<Value> {
    let run = wegwijs(&["check", "--root", root, "--format", "json"]);
    let mut lines: Vec<Value> =
        run.stdout.lines().map(|l| serde_json::from_str(l).expect("each line is one JSON object")).collect();
    let summary = lines.pop().expect("a summary line");
    assert_eq!(summary["type"], "summary", "{}", run.stdout);
    lines
}

/// `(code, file, line, column)` of a diagnostic.
fn place(d: &Value) -> (String, String, u64, u64) {
    (
        d["code"].as_str().unwrap().to_string(),
        d["file"].as_str().unwrap_or("").to_string(),
        d["line"].as_u64().unwrap_or(0),
        d["column"].as_u64().unwrap_or(0),
    )
}

#[test]
fn yaml_slips_are_reported_on_the_line_with_the_mistake() {
    let found = diagnostics("tests/sites/yaml-slips");
    let mut errors: Vec<(String, String, u64, u64)> =
        found.iter().filter(|d| d["severity"] == "error").map(place).collect();
    errors.sort();
    let c = "content/";
    let mut expected: Vec<(String, String, u64, u64)> = [
        // `definition Een regeling ...`: on the line itself, at the space where `:` belongs.
        ("yaml-missing-colon", "begrippen/dubbele-punt.md", 3, 11),
        // The last key: on that line, not on the closing `---`.
        ("yaml-missing-colon", "begrippen/laatste-sleutel.md", 3, 11),
        ("yaml-missing-space", "begrippen/spatie.md", 3, 11),
        ("yaml-tab", "praktijkvoorbeelden/tab.md", 4, 1),
        ("yaml-special-start", "praktijkvoorbeelden/apostrof.md", 3, 15),
        ("yaml-special-start", "artikelen/apenstaart.md", 2, 8),
        // An anchor and a tag: the parser takes them, the editor meant text.
        ("yaml-special-start", "artikelen/ampersand.md", 2, 8),
        ("yaml-special-start", "artikelen/uitroepteken.md", 2, 8),
        ("yaml-unclosed-quote", "artikelen/open-aanhalingsteken.md", 2, 8),
        ("yaml-text-after-quote", "artikelen/na-aanhalingsteken.md", 2, 16),
        ("yaml-curly-quotes", "artikelen/krulquotes.md", 3, 10),
        ("yaml-colon-in-value", "artikelen/dubbele-punt-in-waarde.md", 3, 16),
        // In a list item YAML reads a pair, which is no YAML error but the same slip.
        ("yaml-colon-in-value", "praktijkvoorbeelden/lijst.md", 7, 9),
    ]
    .iter()
    .map(|(code, file, line, col)| (code.to_string(), format!("{c}{file}"), *line, *col))
    .collect();
    expected.sort();
    assert_eq!(errors, expected);
}

#[test]
fn yaml_slips_say_what_to_write_instead() {
    let help = |file: &str| -> String {
        let found = diagnostics("tests/sites/yaml-slips");
        let d = found.iter().find(|d| d["file"] == format!("content/{file}")).expect("a report on the file");
        d["help"].as_str().unwrap().to_string()
    };
    assert_eq!(
        help("praktijkvoorbeelden/apostrof.md"),
        "put the whole value between quotes: `municipality: \"'s-Gravenhage\"`"
    );
    assert_eq!(
        help("begrippen/dubbele-punt.md"),
        "write the key, a colon, a space and the value: `definition: Een regeling voor wie te weinig geld heeft.`"
    );
    assert_eq!(help("praktijkvoorbeelden/tab.md"), "indent with spaces, not tabs: `  - Gezondheid`");
    assert!(help("artikelen/krulquotes.md").ends_with("`summary: \"Aanpak: stap voor stap\"`"));
    // The parser's own words are not shown when the slip is known.
    let run = wegwijs(&["check", "--root", "tests/sites/yaml-slips"]);
    assert_eq!(run.code, 1);
    assert!(!run.stderr.contains("YAML reader says"), "{}", run.stderr);
    assert!(!run.stderr.contains("could not find expected"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error[yaml-special-start]: a value that starts with `'` must be put between quotes\n \
             --> content/praktijkvoorbeelden/apostrof.md:3:15\n"
        ),
        "{}",
        run.stderr
    );
}

/// A key written twice is reported at its second line; a refused text that is none of the
/// everyday slips still gets a report, with the parser's words below the explanation.
#[test]
fn other_yaml_errors_keep_the_parser_words_last() {
    let (_dir, root) = temp_site(&[
        ("content/over.md", "---\ntitle: Over\nsummary: x\ntitle: Nog eens\n---\n"),
        ("content/haakjes.md", "---\ntitle: Haakjes\nthemes: [a, b]]\n---\n"),
    ]);
    let found: Vec<_> = diagnostics(root.to_str().unwrap()).iter().map(place).collect();
    assert!(found.contains(&("yaml-duplicate-key".into(), "content/over.md".into(), 4, 1)), "{found:?}");
    let run = wegwijs(&["check", "--root", root.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    let help = run.stderr.find("= help: ").expect("a help line");
    let parser = run.stderr.find("(the YAML reader says: ").expect("the parser's words");
    assert!(help < parser, "{}", run.stderr);
}

/// The pages every slip site below starts from: two terms, a practice example and a page
/// that links to them, all reachable and without problems.
const BASE: &[(&str, &str)] = &[
    ("wegwijs.yaml", "title: Slips\n"),
    (
        "content/begrippen/professionele-tolk.md",
        "---\ntitle: Professionele tolk\ndefinition: Een tolk met een opleiding.\n---\n\nTekst.\n",
    ),
    ("content/begrippen/statushouder.md", "---\ntitle: Statushouder\ndefinition: Iemand met een vergunning.\n---\n"),
    (
        "content/praktijkvoorbeelden/tolken-in-weert.md",
        "---\ntitle: Tolken in Weert\nsummary: Zo zet Weert tolken in.\nmunicipality: Weert\n---\n\nEen professionele tolk helpt de statushouder.\n",
    ),
];

/// `(code, file, line, column)` of every report on a site of [`BASE`] plus `files`.
fn reports(files: &[(&str, &str)]) -> Vec<(String, String, u64, u64)> {
    let all: Vec<(&str, &str)> = BASE.iter().chain(files).copied().collect();
    let (_dir, root) = temp_site(&all);
    diagnostics(root.to_str().unwrap()).iter().map(place).collect()
}

/// `(code, file, line, column)` of every error on a site of [`BASE`] plus `files`.
fn errors(files: &[(&str, &str)]) -> Vec<(String, String, u64, u64)> {
    let all: Vec<(&str, &str)> = BASE.iter().chain(files).copied().collect();
    let (_dir, root) = temp_site(&all);
    diagnostics(root.to_str().unwrap()).iter().filter(|d| d["severity"] == "error").map(place).collect()
}

/// The report with `code`, as JSON.
fn report(files: &[(&str, &str)], code: &str) -> Value {
    let all: Vec<(&str, &str)> = BASE.iter().chain(files).copied().collect();
    let (_dir, root) = temp_site(&all);
    let found = diagnostics(root.to_str().unwrap());
    found.into_iter().find(|d| d["code"] == code).unwrap_or_else(|| panic!("no {code} report"))
}

#[test]
fn the_base_site_is_clean() {
    assert_eq!(reports(&[]), vec![]);
}

/// `[de tolk](../begrippen/professionele tolk.md)` is no link in Markdown: it was published as
/// the bracketed text. Now it is an error with the address that works.
#[test]
fn a_space_in_a_link_address() {
    let page = |link: &str| format!("---\ntitle: Tolken\nsummary: x\n---\n\nVraag [de tolk]({link}) om hulp.\n");
    let hyphen = page("../begrippen/professionele tolk.md");
    let d = report(&[("content/artikelen/tolken.md", &hyphen)], "link-with-space");
    assert_eq!(place(&d), ("link-with-space".into(), "content/artikelen/tolken.md".into(), 6, 17));
    assert_eq!(
        d["help"],
        "the file name has hyphens where the link has spaces: write `(../begrippen/professionele-tolk.md)`"
    );
    // A file whose name has a space: the address goes between `<` and `>`.
    let spaced = page("../begrippen/met spatie.md");
    let d = report(
        &[
            ("content/artikelen/tolken.md", &spaced),
            ("content/begrippen/met spatie.md", "---\ntitle: Met spatie\ndefinition: x\n---\n"),
        ],
        "link-with-space",
    );
    assert_eq!(
        d["help"],
        "put the address between `<` and `>`, so that the space is part of it: `(<../begrippen/met spatie.md>)`"
    );
    // `%20` for a file with a hyphen is a broken link that says so.
    let escaped = page("../begrippen/professionele%20tolk.md");
    let d = report(&[("content/artikelen/tolken.md", &escaped)], "broken-link");
    assert_eq!(
        d["help"],
        "`%20` is a space, and the file name has hyphens where the link has spaces: write `../begrippen/professionele-tolk.md`"
    );
    // In a code block the same text is an example, not a slip.
    let code = "---\ntitle: Tolken\nsummary: x\n---\n\n```\n[de tolk](../begrippen/professionele tolk.md)\n```\n\nZie [de tolk](../begrippen/professionele-tolk.md).\n";
    assert_eq!(errors(&[("content/artikelen/tolken.md", code)]), vec![]);
}

#[test]
fn a_web_address_without_https() {
    let page = "---\ntitle: Links\nsummary: x\n---\n\nZie [VNG](www.vng.nl) en [de tolk](../begrippen/professionele-tolk.md).\n";
    let d = report(&[("content/artikelen/links.md", page)], "link-without-scheme");
    assert_eq!(place(&d), ("link-without-scheme".into(), "content/artikelen/links.md".into(), 6, 11));
    assert_eq!(d["help"], "an address on another site starts with `https://`: write `https://www.vng.nl`");
    assert_eq!(d["label"], "add https://");
}

/// "Did you mean" looks in the link's own folder first, and never suggests the page itself.
#[test]
fn did_you_mean_prefers_the_same_folder_and_not_the_page_itself() {
    let files = [
        (
            "content/praktijkvoorbeelden/tolken-in-ede.md",
            "---\ntitle: Tolken in Ede\nsummary: x\nmunicipality: Ede\n---\n\nZie ook [Weert](tolken-in-weertt.md) en [Epe](tolken-in-epe.md).\n",
        ),
        (
            "content/artikelen/tolken-in-weert.md",
            "---\ntitle: Over tolken in Weert\nsummary: x\n---\n\nZie [Weert](../praktijkvoorbeelden/tolken-in-weert.md).\n",
        ),
    ];
    let all: Vec<(&str, &str)> = BASE.iter().chain(&files).copied().collect();
    let (_dir, root) = temp_site(&all);
    let found = diagnostics(root.to_str().unwrap());
    let helps: Vec<&str> =
        found.iter().filter(|d| d["code"] == "broken-link").map(|d| d["help"].as_str().unwrap()).collect();
    // `tolken-in-weertt.md`: the example in the same folder, not the article of the same name.
    // `tolken-in-epe.md`: not `tolken-in-ede.md`, the page the link is written in.
    assert_eq!(helps.len(), 2, "{helps:?}");
    assert_eq!(helps[0], "did you mean `tolken-in-weert.md`?");
    assert!(!helps[1].contains("tolken-in-ede.md"), "{helps:?}");
}

#[test]
fn a_logo_that_is_not_there() {
    let config = ("wegwijs.yaml", "title: Slips\ntheme:\n  logo: img/logo.png\n  logo_alt: Logo\n");
    let d = report(&[config], "missing-theme-file");
    assert_eq!(place(&d), ("missing-theme-file".into(), "wegwijs.yaml".into(), 3, 9));
    assert_eq!(d["severity"], "error");
    // With the file in static/ it is fine.
    let all: Vec<(&str, &str)> = BASE.iter().copied().chain([config, ("static/img/logo.png", "png")]).collect();
    let (_dir, root) = temp_site(&all);
    let run = wegwijs(&["check", "--root", root.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// `titel:` on a page: one report, the unknown key with the English one, and not also "the
/// page has no title" before it. The same for every key with a Dutch name.
#[test]
fn dutch_key_names_are_one_report_each() {
    let term = "---\ntitel: Tolk\ndefinitie: Iemand die vertaalt.\nthema's: [Taal]\n---\n\nZie [de tolk](professionele-tolk.md).\n";
    let tool = "---\ntitel: Tolkentelefoon\nadres: https://www.tolk.nl/\nuitgever: Rijk\n---\n";
    let practice = "---\ntitle: Tolken in Ede\nsummary: x\ngemeente: Ede\njaar: 2020\n---\n";
    let found = errors(&[
        ("content/begrippen/tolk.md", term),
        ("content/instrumenten/tolkentelefoon.md", tool),
        ("content/praktijkvoorbeelden/ede.md", practice),
    ]);
    let mut codes: Vec<(&str, &str, u64)> = found.iter().map(|(c, f, l, _)| (c.as_str(), f.as_str(), *l)).collect();
    codes.sort();
    let mut expected = vec![
        ("unknown-key", "content/begrippen/tolk.md", 2),
        ("unknown-key", "content/begrippen/tolk.md", 3),
        ("unknown-key", "content/begrippen/tolk.md", 4),
        ("unknown-key", "content/instrumenten/tolkentelefoon.md", 2),
        ("unknown-key", "content/instrumenten/tolkentelefoon.md", 3),
        ("unknown-key", "content/instrumenten/tolkentelefoon.md", 4),
        ("unknown-key", "content/praktijkvoorbeelden/ede.md", 4),
        ("unknown-key", "content/praktijkvoorbeelden/ede.md", 5),
    ];
    expected.sort();
    assert_eq!(codes, expected, "{found:?}");
    let d = report(&[("content/praktijkvoorbeelden/ede.md", practice)], "unknown-key");
    assert_eq!(
        d["help"],
        "did you mean `municipality`? The keys are English words: write `municipality:` instead of `gemeente:`"
    );
}

/// A practice example with a municipality and no theme is listed on its municipality's page:
/// not an orphan.
#[test]
fn a_municipality_page_is_a_way_in() {
    let example = "---\ntitle: Buurtmoeders\nsummary: x\nmunicipality: Ede\n---\n\nTekst.\n";
    let alone = "---\ntitle: Buurtvaders\nsummary: x\n---\n\nTekst.\n";
    let found =
        reports(&[("content/praktijkvoorbeelden/ede.md", example), ("content/praktijkvoorbeelden/los.md", alone)]);
    assert_eq!(found, vec![("orphan-page".into(), "content/praktijkvoorbeelden/los.md".into(), 2, 8)]);
    let d = report(&[("content/praktijkvoorbeelden/los.md", alone)], "orphan-page");
    assert!(d["help"].as_str().unwrap().contains("or give it its municipality (`municipality: ...`)"), "{d}");
}

/// `tests/sites/gemeenten/`: practice examples with municipality names as editors write them.
/// Each name that is not the list's gets a warning at the name, saying which name to write.
#[test]
fn municipality_names_are_checked_against_the_list() {
    let found = diagnostics("tests/sites/gemeenten");
    let mut got: Vec<(String, String, u64, u64, String)> = found
        .iter()
        .map(|d| {
            let (code, file, line, column) = place(d);
            (code, file.replace("content/praktijkvoorbeelden/", ""), line, column, d["label"].as_str().unwrap().into())
        })
        .collect();
    got.sort();
    let mut expected: Vec<(String, String, u64, u64, String)> = [
        ("unknown-municipality", "amsterdm.md", 4, 15, "did you mean `Amsterdam`?"),
        ("municipality-spelling", "denhaag.md", 4, 15, "write `Den Haag`"),
        ("municipality-spelling", "gemeente-den-haag.md", 4, 15, "write `Den Haag`"),
        ("municipality-other-name", "gravenhage.md", 4, 16, "write `Den Haag`"),
        ("municipality-spelling", "harderwyk.md", 4, 15, "write `Harderwijk`"),
        ("former-municipality", "heerhugowaard.md", 4, 15, "write `Dijk en Waard`"),
        ("municipality-spelling", "sudwest.md", 4, 15, "write `Súdwest-Fryslân`"),
        ("former-municipality", "twee.md", 4, 23, "write `Voorne aan Zee`"),
    ]
    .iter()
    .map(|(c, f, l, col, label)| (c.to_string(), f.to_string(), *l, *col, label.to_string()))
    .collect();
    expected.sort();
    assert_eq!(got, expected);
    // Warnings only: the site still builds.
    let run = wegwijs(&["check", "--root", "tests/sites/gemeenten"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.ends_with("Checked 10 pages: 8 warnings\n"), "{}", run.stderr);
}

/// What an editor reads for each YAML slip and municipality name, in Dutch and in English:
/// snapshots, so that a change of words is a deliberate act (`INSTA_UPDATE=always`).
#[test]
fn the_reports_in_both_languages() {
    for lang in ["nl", "en"] {
        for fixture in ["yaml-slips", "gemeenten"] {
            let run = wegwijs_in(lang, &["check", "--root", &format!("tests/sites/{fixture}")]);
            insta::assert_snapshot!(format!("{fixture}_{lang}"), run.stderr);
        }
    }
}
