//! Config values are values, and no input makes wegwijs panic or work for minutes: a language
//! is a language tag and never a path, a logo stays inside the site, any text as a colour is a
//! colour or an error, and files with many keys, many taxonomy values or deep nesting are read
//! in time that grows with their size (these tests assert the outcome, not the time).

use crate::support::{Fixture, assert_same, snapshot, stderr};

/// Runs `args` on the fixture and asserts that no file around or in the site changed; the
/// output folder (`site/public`) may only appear when `may_write` is set.
fn run_unchanged(f: &Fixture, args: &[&str]) -> std::process::Output {
    let before = snapshot(f.root());
    let out = f.run(args);
    let after = snapshot(f.root());
    assert_same(&before, &after, &format!("wegwijs {}", args.join(" ")));
    out
}

#[test]
fn a_language_that_is_a_path_reads_nothing_outside_the_site() {
    let f = Fixture::new();
    f.write("site/wegwijs.yaml", "title: Proef\nlanguage: \"../../x\"\n");
    // The strings table the path would name, outside the site.
    f.write("x.yaml", "site_title: GEHEIM-BUITEN-DE-SITE\n");
    f.write("site/themes/x.yaml", "site_title: GEHEIM-IN-THEMES\n");
    for command in ["check", "build"] {
        let out = run_unchanged(&f, &[command]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{command}: {err}");
        assert!(err.contains("error[invalid-language]: `../../x` is not a language tag"), "{err}");
        assert!(err.contains("wegwijs.yaml:2:11"), "{err}");
        assert!(!err.contains("GEHEIM"), "{err}");
    }
    assert!(!f.site().join("public").exists(), "a refused build writes nothing");
}

#[test]
fn a_language_tag_is_the_page_language() {
    let f = Fixture::new();
    f.write("site/wegwijs.yaml", "title: Proef\nlanguage: en-GB\n");
    // The theme has strings for `en`; the site brings its own table for `en-GB`.
    let english = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/i18n/en.yaml")).unwrap();
    f.write("site/i18n/en-gb.yaml", &english);
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let home = std::fs::read_to_string(f.site().join("public/index.html")).unwrap();
    assert!(home.contains("<html lang=\"en-gb\">"), "{home}");
}

#[test]
fn a_logo_outside_the_site_is_refused_at_its_line() {
    let f = Fixture::new();
    f.write("site/wegwijs.yaml", "title: Proef\ntheme:\n  logo: ../../geheim.svg\n");
    f.write("geheim.svg", "<svg/>");
    let out = run_unchanged(&f, &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("error[path-outside-site]"), "{err}");
    assert!(err.contains("wegwijs.yaml:3:3"), "{err}");
    assert!(!f.site().join("public").exists());
}

#[test]
fn any_text_as_a_colour_is_an_error_not_a_panic() {
    for colour in ["#aéaaa", "#ééé", "#\u{1F600}aa", "#a\u{301}aaaa", "#12345"] {
        let f = Fixture::new();
        f.write("site/wegwijs.yaml", &format!("title: Proef\ntheme: {{accent_color: \"{colour}\"}}\n"));
        for command in ["check", "build"] {
            let out = run_unchanged(&f, &[command]);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{colour} {command}: {err}");
            assert!(err.contains(&format!("error[bad-color]: `{colour}` is not a colour")), "{err}");
            assert!(err.contains("wegwijs.yaml:2:9"), "{err}");
        }
    }
}

#[test]
fn a_hundred_thousand_unknown_keys_are_each_reported() {
    let f = Fixture::new();
    let mut text = String::from("---\ntitle: Veel\ndefinition: Een term met veel sleutels.\n");
    for i in 0..100_000 {
        text.push_str(&format!("onbekend{i}: x\n"));
    }
    text.push_str("---\nTekst.\n");
    f.write("site/content/begrippen/veel.md", &text);
    let out = run_unchanged(&f, &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let unknown: Vec<&str> = stdout.lines().filter(|l| l.contains("\"code\":\"unknown-key\"")).collect();
    assert_eq!(unknown.len(), 100_000);
    // Each at its own line: the first key is on line 4 of the file, the last on line 100,003.
    assert!(unknown[0].contains("\"line\":4,") && unknown[0].contains("onbekend0"), "{}", unknown[0]);
    let last = unknown.last().unwrap();
    assert!(last.contains("\"line\":100003,") && last.contains("onbekend99999"), "{last}");
}

/// A value made from `i` whose letters are doubled, so that any two of them differ in at least
/// two letters: none is one typo away from another.
fn distinct_value(i: usize) -> String {
    let mut n = i;
    let mut word = String::from("thema ");
    for _ in 0..4 {
        let c = char::from(b'a' + (n % 26) as u8);
        word.push(c);
        word.push(c);
        n /= 26;
    }
    word
}

#[test]
fn twenty_thousand_theme_values_on_a_page_are_compared_and_the_slip_is_found() {
    let f = Fixture::new();
    let mut text = String::from("---\ntitle: Thema's\ndefinition: Een term met veel thema's.\nthemes:\n");
    for i in 0..20_000 {
        text.push_str(&format!("  - {}\n", distinct_value(i)));
    }
    text.push_str("  - Statushouders\n---\nTekst.\n");
    f.write("site/content/begrippen/veel.md", &text);
    // Two pages write it right, so the page above has the slip.
    f.write(
        "site/content/begrippen/a.md",
        "---\ntitle: A\ndefinition: Een.\nthemes: [Statushouder]\n---\nZie [veel](veel.md) en [b](b.md).\n",
    );
    f.write(
        "site/content/begrippen/b.md",
        "---\ntitle: B\ndefinition: Twee.\nthemes: [Statushouder]\n---\nZie [a](a.md).\n",
    );
    let out = run_unchanged(&f, &["check", "--format", "json"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let similar: Vec<&str> = stdout.lines().filter(|l| l.contains("similar-taxonomy-value")).collect();
    assert_eq!(similar.len(), 1, "{similar:?}");
    assert!(
        similar[0].contains("the theme `Statushouders` differs by one letter from `Statushouder`"),
        "{}",
        similar[0]
    );
    assert!(similar[0].contains("\"line\":20005,"), "{}", similar[0]);
    assert!(out.status.code().is_some(), "no panic");
}

#[test]
fn a_config_nested_a_hundred_thousand_deep_is_refused_at_the_cap() {
    let f = Fixture::new();
    let deep = format!("title: Proef\nlanguage: nl\nmenu: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    f.write("site/wegwijs.yaml", &deep);
    for command in ["check", "build"] {
        let out = run_unchanged(&f, &[command]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains("error[too-deep]: the YAML nests deeper than 64 levels here"), "{err}");
        // `menu:` is one level, so the 64th bracket is the 65th level: column 7 + 63.
        assert!(err.contains("wegwijs.yaml:3:70"), "{err}");
    }
}

#[test]
fn deep_front_matter_and_deep_indentation_are_refused_too() {
    let f = Fixture::new();
    let deep = format!("---\ntitle: Diep\nthemes: {}{}\n---\nTekst.\n", "[".repeat(100_000), "]".repeat(100_000));
    f.write("site/content/begrippen/diep.md", &deep);
    let mut indented = String::from("---\ntitle: Ingesprongen\ndefinition: x\nrelated:\n");
    for i in 1..5_000 {
        indented.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
    }
    indented.push_str("---\nTekst.\n");
    f.write("site/content/begrippen/ingesprongen.md", &indented);
    let out = run_unchanged(&f, &["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/begrippen/diep.md:3:"), "{err}");
    assert!(err.contains("content/begrippen/ingesprongen.md:"), "{err}");
    assert_eq!(err.matches("error[too-deep]").count(), 2, "{err}");
}

#[test]
fn nesting_a_few_levels_deep_is_still_read() {
    let f = Fixture::new();
    f.write(
        "site/wegwijs.yaml",
        "title: Proef\nlanguage: nl\nmenu:\n  - {title: Begrippen, url: begrippen/}\n  - title: \"Auto's [en] foto's\"\n    url: begrippen/\n",
    );
    let out = run_unchanged(&f, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn values_one_letter_apart_are_each_reported_at_their_line() {
    // `thema nummer 12` and `thema nummer 13` are one letter apart: thousands of reports on one
    // page, each at the line of its value.
    let n = 1_000;
    let f = Fixture::new();
    let mut text = String::from("---\ntitle: Genummerd\ndefinition: Een term met genummerde thema's.\nthemes:\n");
    for i in 0..n {
        text.push_str(&format!("  - thema nummer {i}\n"));
    }
    text.push_str("---\nTekst.\n");
    f.write("site/content/begrippen/nummers.md", &text);
    let out = run_unchanged(&f, &["check", "--format", "json"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let similar: Vec<serde_json::Value> = stdout
        .lines()
        .filter(|l| l.contains("similar-taxonomy-value"))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // What comparing every pair finds: each pair one typo apart is one report.
    let slugs: Vec<String> = (0..n).map(|i| format!("thema-nummer-{i}")).collect();
    let mut pairs = 0;
    for i in 0..n {
        for j in i + 1..n {
            pairs += usize::from(strsim::osa_distance(&slugs[i], &slugs[j]) == 1);
        }
    }
    assert!(pairs > n, "the case has many pairs: {pairs}");
    assert_eq!(similar.len(), pairs);
    for d in &similar {
        let message = d["message"].as_str().unwrap();
        let value = message.split('`').nth(1).unwrap();
        let number: usize = value.rsplit(' ').next().unwrap().parse().unwrap();
        assert_eq!(d["line"].as_u64(), Some(5 + number as u64), "{message}");
    }
}

#[test]
fn twenty_thousand_unknown_related_terms_are_each_reported() {
    let f = Fixture::new();
    let mut text = String::from("---\ntitle: Verwijzer\ndefinition: Een term die veel noemt.\nrelated:\n");
    for i in 0..20_000 {
        text.push_str(&format!("  - bestaat-niet-{i}\n"));
    }
    text.push_str("---\nTekst.\n");
    f.write("site/content/begrippen/verwijzer.md", &text);
    let out = run_unchanged(&f, &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let unknown: Vec<&str> = stdout.lines().filter(|l| l.contains("\"code\":\"unknown-term\"")).collect();
    assert_eq!(unknown.len(), 20_000);
    assert!(unknown.iter().any(|l| l.contains("bestaat-niet-19999") && l.contains("\"line\":20004,")));
}

#[test]
fn a_taxonomy_folder_that_climbs_out_is_refused() {
    let f = Fixture::new();
    f.write("site/wegwijs.yaml", "title: Proef\ntaxonomies:\n  themes: \"../../buiten\"\n");
    let out = run_unchanged(&f, &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("error[path-outside-site]"), "{err}");
    assert!(err.contains("wegwijs.yaml:2:"), "{err}");
    assert!(!f.root().join("buiten").exists());
}

#[test]
fn content_folders_outside_the_site_stay_allowed() {
    // A municipality puts its own pages over the national base next to its site.
    let f = Fixture::new();
    f.write(
        "basis/content/begrippen/inburgering.md",
        "---\ntitle: Inburgering\ndefinition: Het leren van taal en kennis van Nederland.\n---\nTekst.\n",
    );
    f.write("site/wegwijs.yaml", "title: Proef\ncontent_dirs: [../basis/content, content]\n");
    let before = snapshot(&f.root().join("basis"));
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(f.site().join("public/begrippen/inburgering/index.html").is_file());
    assert_same(&before, &snapshot(&f.root().join("basis")), "the base");
}

#[test]
fn a_deep_strings_table_of_the_site_is_refused() {
    let f = Fixture::new();
    f.write("site/i18n/nl.yaml", &format!("site_title: {}{}\n", "[".repeat(50_000), "]".repeat(50_000)));
    let out = run_unchanged(&f, &["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("error[too-deep]"), "{err}");
    assert!(err.contains("i18n/nl.yaml:1:"), "{err}");
}
