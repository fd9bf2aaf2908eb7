//! The everyday slips of an editor, each in a fixture, checked with the built binary: the
//! report must name the code, the file, and the line and column of the mistake itself, and say
//! what to write instead.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn wegwijs(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the wegwijs binary runs");
    Run {
        code: out.status.code().expect("wegwijs exits with a code"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
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

/// A site of `(path under the root, text)` files in a temporary folder.
fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    for (path, text) in files {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    (dir, root)
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
        ("yaml-unclosed-quote", "artikelen/open-aanhalingsteken.md", 2, 8),
        ("yaml-text-after-quote", "artikelen/na-aanhalingsteken.md", 2, 16),
        ("yaml-curly-quotes", "artikelen/krulquotes.md", 3, 10),
        ("yaml-colon-in-value", "artikelen/dubbele-punt-in-waarde.md", 3, 16),
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
    assert_eq!(help("praktijkvoorbeelden/tab.md"), "indent with spaces, not tabs: `- Gezondheid`");
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
    let (_dir, root) = site(&[
        ("content/over.md", "---\ntitle: Over\nsummary: x\ntitle: Nog eens\n---\n"),
        ("content/haakjes.md", "---\ntitle: Haakjes\nthemes: [a, b]]\n---\n"),
    ]);
    let found: Vec<_> = diagnostics(root.to_str().unwrap()).iter().map(place).collect();
    assert!(found.contains(&("yaml-duplicate-key".into(), "content/over.md".into(), 4, 1)), "{found:?}");
    let run = wegwijs(&["check", "--root", root.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    let help = run.stderr.find("help: write one `key: value` per line").expect("a help line");
    let parser = run.stderr.find("(the YAML reader says: ").expect("the parser's words");
    assert!(help < parser, "{}", run.stderr);
}
