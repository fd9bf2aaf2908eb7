//! What wegwijs says, in Dutch and in English: real diagnostics of small fixture sites
//! (tests/sites/messages/), the summary lines, `--help`, how the language is chosen, and the
//! command-line slips (`--root` at a file, a run inside `content/`).

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::site;

/// Runs the binary with a locale that names no language, so that only `--lang` and the site
/// choose, whatever the machine running the tests is set to; `env` adds to that.
fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wegwijs"));
    cmd.args(args).current_dir(dir).env("NO_COLOR", "1").env_remove("LC_ALL").env_remove("LC_MESSAGES");
    cmd.env("LANG", "C.UTF-8");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the binary runs")
}

fn run(args: &[&str]) -> Output {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, &[])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// `check` of the fixture `case` in both languages, as a person reads it and as JSON, in one
/// text to snapshot.
fn check_in_both_languages(case: &str) -> String {
    let root = site(&format!("messages/{case}"));
    let root = root.to_str().unwrap();
    let mut out = String::new();
    for lang in ["nl", "en"] {
        let o = run(&["check", "--root", root, "--lang", lang]);
        out += &format!("$ wegwijs check --lang {lang}    (exit {})\n{}\n", o.status.code().unwrap(), text(&o.stderr));
    }
    for lang in ["nl", "en"] {
        let o = run(&["check", "--root", root, "--format", "json", "--lang", lang]);
        out += &format!("$ wegwijs check --format json --lang {lang}\n{}\n", text(&o.stdout));
    }
    out
}

#[test]
fn a_term_without_definition() {
    insta::assert_snapshot!("term_without_definition", check_in_both_languages("term-without-definition"));
}

#[test]
fn a_date_that_does_not_exist() {
    insta::assert_snapshot!("bad_date", check_in_both_languages("bad-date"));
}

#[test]
fn front_matter_that_is_never_closed() {
    insta::assert_snapshot!("unclosed_front_matter", check_in_both_languages("unclosed-front-matter"));
}

#[test]
fn an_image_without_alternative_text() {
    insta::assert_snapshot!("image_without_alt", check_in_both_languages("image-without-alt"));
}

#[test]
fn a_link_to_an_anchor_that_does_not_exist() {
    insta::assert_snapshot!("broken_anchor", check_in_both_languages("broken-anchor"));
}

#[test]
fn a_misspelled_tool_type() {
    insta::assert_snapshot!("unknown_tool_type", check_in_both_languages("unknown-tool-type"));
}

/// The summary line of a build, without its time and the temporary output folder.
fn build_summary(root: &str, lang: &str) -> String {
    let out = tempfile::tempdir().unwrap();
    let o = run(&["build", "--root", root, "--output", out.path().to_str().unwrap(), "--lang", lang]);
    let said = text(&o.stderr).replace(out.path().to_str().unwrap(), "OUT");
    let line = said.lines().last().unwrap_or_default().to_string();
    // The time ("in 0.05 s", "in 0,05 s") differs from run to run.
    let at = line.rfind(" s").expect("a time in seconds");
    let start = line[..at].rfind(' ').unwrap() + 1;
    let decimal = if lang == "nl" { ',' } else { '.' };
    assert!(line[start..at].contains(decimal), "{lang} writes {decimal} in {line}");
    format!("(exit {}) {}S{}\n", o.status.code().unwrap(), &line[..start], &line[at..])
}

#[test]
fn the_summary_lines_in_both_languages() {
    let kinds = site("kinds");
    let mut out = String::new();
    for lang in ["nl", "en"] {
        out += &format!("build --lang {lang}: {}", build_summary(kinds.to_str().unwrap(), lang));
    }
    // A build that fails says so, with the count of problems.
    let failing = site("messages/term-without-definition");
    for lang in ["nl", "en"] {
        let o = run(&["build", "--root", failing.to_str().unwrap(), "--output", "/nonexistent/x", "--lang", lang]);
        let last = text(&o.stderr).lines().last().unwrap_or_default().to_string();
        out += &format!("failing build --lang {lang} (exit {}): {last}\n", o.status.code().unwrap());
    }
    insta::assert_snapshot!("summary_lines", out);
}

#[test]
fn the_language_comes_from_the_flag_then_the_locale_then_the_site() {
    let dutch_site = site("messages/term-without-definition");
    let english_site = site("search-en");
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let said = |root: &Path, args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["check", "--root", root.to_str().unwrap()];
        all.extend_from_slice(args);
        text(&run_in(here, &all, env).stderr)
    };
    let dutch = "fout[missing-definition]: een begrip heeft een `definition` (omschrijving) nodig";
    let english = "error[missing-definition]: a term needs a `definition`";
    // The site's language, with a locale that names none.
    assert!(said(&dutch_site, &[], &[]).contains(dutch));
    assert!(said(&english_site, &[], &[]).lines().last().unwrap().starts_with("Checked "));
    // The locale over the site; LC_ALL over LC_MESSAGES over LANG.
    assert!(said(&dutch_site, &[], &[("LANG", "en_US.UTF-8")]).contains(english));
    assert!(
        said(&english_site, &[], &[("LANG", "nl_NL.UTF-8")])
            .lines()
            .last()
            .unwrap()
            .ends_with("gecontroleerd: geen problemen gevonden")
    );
    assert!(said(&dutch_site, &[], &[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "nl_NL.UTF-8")]).contains(dutch));
    assert!(said(&dutch_site, &[], &[("LC_MESSAGES", "nl_NL.UTF-8"), ("LC_ALL", "en_GB.UTF-8")]).contains(english));
    // The flag over everything, before or after the command.
    assert!(said(&dutch_site, &["--lang", "en"], &[("LANG", "nl_NL.UTF-8")]).contains(english));
    let o = run_in(
        here,
        &["--lang", "nl", "check", "--root", english_site.to_str().unwrap()],
        &[("LC_ALL", "en_US.UTF-8")],
    );
    assert!(text(&o.stderr).contains("gecontroleerd"), "{}", text(&o.stderr));
    // JSON keeps its English code and says which language its words are in.
    let o = run_in(here, &["check", "--format", "json", "--root", dutch_site.to_str().unwrap()], &[]);
    let first: serde_json::Value = serde_json::from_str(text(&o.stdout).lines().next().unwrap()).unwrap();
    assert_eq!((first["code"].as_str(), first["lang"].as_str()), (Some("missing-definition"), Some("nl")));
}

#[test]
fn help_is_dutch_for_a_dutch_site_and_english_on_request() {
    let dutch = run(&["--help"]);
    let said = text(&dutch.stdout);
    assert_eq!(dutch.status.code(), Some(0));
    for words in ["Gebruik: wegwijs", "Opdrachten:", "Opties:", "Maak de site in de uitvoermap", "Toon deze hulp"] {
        assert!(said.contains(words), "{words:?} in:\n{said}");
    }
    let build = text(&run(&["build", "--help"]).stdout);
    assert_eq!(build, text(&run(&["help", "build"]).stdout), "`help build` is `build --help`");
    for words in [
        "Gebruik: wegwijs build [OPTIES]",
        "--root <MAP>",
        "De map van de site, met content/",
        "Maak ook pagina's met `draft: true`",
        "Taal van de meldingen",
    ] {
        assert!(build.contains(words), "{words:?} in:\n{build}");
    }
    let english = text(&run(&["--lang", "en", "build", "--help"]).stdout);
    for words in ["Usage: wegwijs build", "Options:", "Also build pages marked `draft: true`", "Print help"] {
        assert!(english.contains(words), "{words:?} in:\n{english}");
    }
    assert!(!english.contains("Opties"), "{english}");
    // An English site gets English help.
    let en_site = site("search-en");
    let o = run(&["serve", "--help", "--root", en_site.to_str().unwrap()]);
    assert!(text(&o.stdout).contains("Preview the site while you write"), "{}", text(&o.stdout));
    assert_eq!(run(&["--version"]).status.code(), Some(0));
}

#[test]
fn a_root_that_is_a_file_names_its_folder() {
    let file = site("messages/bad-date").join("content/begrippen/statushouder.md");
    let o = run(&["check", "--root", file.to_str().unwrap()]);
    let said = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{said}");
    assert!(said.contains(&format!("fout: `--root` moet een map zijn; `{}` is een bestand", file.display())), "{said}");
    let folder = file.parent().unwrap();
    assert!(
        said.contains(&format!(
            "wat te doen: geef de map van de site, bijvoorbeeld de map waar dit bestand in staat: `--root {}`",
            folder.display()
        )),
        "{said}"
    );
    // Given as a bare file name, its folder is the current one.
    let o = run_in(folder, &["build", "--root", "statushouder.md", "--lang", "en"], &[]);
    let said = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{said}");
    assert!(said.contains("error: `--root` must be a folder; `statushouder.md` is a file"), "{said}");
    assert!(said.contains("`--root .`"), "{said}");
}

#[test]
fn a_run_inside_content_suggests_the_site_folder() {
    let root = site("messages/bad-date");
    let o = run_in(&root.join("content"), &["check"], &[]);
    let said = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{said}");
    assert!(said.contains(&format!("fout: `content` is een map binnen de site `{}`", root.display())), "{said}");
    assert!(said.contains("wat te doen: bedoelde u `--root ..`?"), "{said}");
    // Two folders down, and with --root given: the suggestion goes up from there.
    let o = run_in(&root.join("content/begrippen"), &["build", "--lang", "en"], &[]);
    let said = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{said}");
    assert!(said.contains("error: `content/begrippen` is a folder inside the site"), "{said}");
    assert!(said.contains("help: did you mean `--root ../..`?"), "{said}");
    let o = run_in(&root, &["check", "--root", "content", "--lang", "en"], &[]);
    assert!(text(&o.stderr).contains("did you mean `--root .`?"), "{}", text(&o.stderr));
    // The site folder itself is fine.
    assert_eq!(run_in(&root, &["check", "--lang", "en"], &[]).status.code(), Some(1));
}
