//! The README's section for editors: every page template it offers can be copied into a site as
//! it is, and holds the keys its kind requires.

mod common;

use std::fs;

use common::{read, stderr, wegwijs};

/// The templates of "Voor redacteuren": `(folder, text)` for each ```markdown block, the folder
/// taken from the `content/<folder>/` named just before it.
fn templates() -> Vec<(String, String)> {
    let readme = read(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
    let section = readme.split("## Voor redacteuren\n").nth(1).expect("the README has a section for editors");
    // Up to the next heading of its level outside a code block (a template has headings too).
    let mut in_code = false;
    let mut end = section.len();
    let mut at = 0;
    for line in section.split_inclusive('\n') {
        if line.starts_with("```") {
            in_code = !in_code;
        } else if !in_code && line.starts_with("## ") {
            end = at;
            break;
        }
        at += line.len();
    }
    let section = &section[..end];
    let mut found = Vec::new();
    let mut rest = section;
    while let Some(at) = rest.find("```markdown\n") {
        let before = &rest[..at];
        let folder = before.rsplit("`content/").next().and_then(|f| f.split('/').next()).unwrap().to_string();
        let body = &rest[at + "```markdown\n".len()..];
        let end = body.find("\n```").unwrap();
        found.push((folder, format!("{}\n", &body[..end])));
        rest = &body[end..];
    }
    found
}

/// The keys the README's front matter reference marks as required under `heading`.
fn required_keys(heading: &str) -> Vec<String> {
    let readme = read(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
    let table = readme.split(&format!("{heading}\n")).nth(1).unwrap().split("\n#").next().unwrap();
    table.lines().filter(|l| l.contains("**required**")).map(|l| l.split('`').nth(1).unwrap().to_string()).collect()
}

#[test]
fn every_template_for_editors_checks_without_errors_and_has_the_required_keys() {
    let templates = templates();
    let folders: Vec<&str> = templates.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(folders, ["begrippen", "praktijkvoorbeelden", "instrumenten", "themas", "artikelen"]);
    for (folder, text) in &templates {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("content").join(folder).join("voorbeeld.md");
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(&file, text).unwrap();
        let o = wegwijs(&["check", "--root", dir.path().to_str().unwrap()]);
        let said = stderr(&o);
        assert_eq!(o.status.code(), Some(0), "the template for {folder}/ has errors:\n{said}");
        assert!(!said.contains("error["), "{folder}: {said}");
        let mut required = required_keys("### Every kind");
        required.extend(match folder.as_str() {
            "begrippen" => required_keys("### Term (`begrippen/`)"),
            "praktijkvoorbeelden" => required_keys("### Practice example (`praktijkvoorbeelden/`)"),
            "instrumenten" => required_keys("### Tool (`instrumenten/`)"),
            _ => Vec::new(),
        });
        assert!(!required.is_empty());
        for key in required {
            assert!(text.lines().any(|l| l.starts_with(&format!("{key}: "))), "{folder}/ template lacks `{key}`");
        }
    }
}
