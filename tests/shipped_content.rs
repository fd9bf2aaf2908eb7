//! Checks on the shipped knowledge base in `content/`.
//!
//! This test uses only the standard library. It counts the pages per kind,
//! checks that the terms named in the content brief exist, and scans every
//! file for e-mail addresses and Dutch phone numbers.

use std::fs;
use std::path::{Path, PathBuf};

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// Markdown pages in one section, without its `_index.md`.
fn pages_in(section: &str) -> Vec<String> {
    let dir = content_dir().join(section);
    let mut names = Vec::new();
    for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.extension().is_some_and(|ext| ext == "md") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            if name != "_index" {
                names.push(name);
            }
        }
    }
    names.sort();
    names
}

fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            all_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn minimum_number_of_pages_per_kind() {
    let minimum =
        [("begrippen", 30), ("praktijkvoorbeelden", 11), ("instrumenten", 20), ("themas", 9), ("artikelen", 3)];
    for (section, min) in minimum {
        let n = pages_in(section).len();
        assert!(n >= min, "{section} has {n} pages, expected at least {min}");
    }
}

#[test]
fn named_terms_exist() {
    let required = [
        "cultuursensitief",
        "diversiteitsensitief",
        "intersectioneel-diversiteitsdenken",
        "inclusief-werken",
        "referentiekader",
        "statushouder",
        "sleutelpersoon",
        "ervaringsdeskundige",
        "outreachend-werken",
        "maatwerk",
        "klantreis",
        "spiegelbijeenkomst",
        "klankbordgroep",
        "leernetwerk",
        "wij-cultuur",
        "ik-cultuur",
        "gezichtsverlies",
        "cultuurspecialist",
        "professionele-tolk",
        "gezondheidsprofiel",
        "wijkanalyse",
        "inburgering",
        "ecogram",
        "cultureel-interview",
        "levenslijn",
        "casuistiekbespreking",
        "interculturele-consulent",
    ];
    let terms = pages_in("begrippen");
    let missing: Vec<&str> = required.iter().copied().filter(|slug| !terms.iter().any(|t| t == slug)).collect();
    assert!(missing.is_empty(), "missing terms: {missing:?}");
}

fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._%+-".contains(c)
}

fn is_domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '-'
}

/// Finds something that looks like `name@domain.tld`.
fn find_email(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c != '@' {
            continue;
        }
        let mut start = i;
        while start > 0 && is_local_char(chars[start - 1]) {
            start -= 1;
        }
        let mut end = i + 1;
        while end < chars.len() && is_domain_char(chars[end]) {
            end += 1;
        }
        if start == i || end == i + 1 {
            continue;
        }
        let domain: String = chars[i + 1..end].iter().collect();
        let domain = domain.trim_end_matches(['.', '-']);
        if let Some(dot) = domain.rfind('.') {
            let tld = &domain[dot + 1..];
            if dot > 0 && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()) {
                return Some(chars[start..end].iter().collect());
            }
        }
    }
    None
}

/// Finds something that looks like a Dutch phone number: `+31` or `0031`
/// followed by digits, or a run of ten digits starting with `0`
/// (such as `06 12345678`, `06-12345678` or `070 123 4567`), where single
/// spaces, hyphens and dots may separate the digit groups.
fn find_phone(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let prev_ok = i == 0 || !(chars[i - 1].is_ascii_alphanumeric());
        if prev_ok && chars[i] == '+' && i + 3 < n && chars[i + 1] == '3' && chars[i + 2] == '1' {
            let rest: String = chars[i..(i + 14).min(n)].iter().collect();
            if rest[3..].trim_start().starts_with(|c: char| c.is_ascii_digit() || c == '(' || c == '-') {
                return Some(rest);
            }
        }
        if prev_ok && chars[i] == '0' {
            // Collect digits, allowing one separator between digit groups.
            let mut digits = String::new();
            let mut j = i;
            while j < n {
                let c = chars[j];
                if c.is_ascii_digit() {
                    digits.push(c);
                    j += 1;
                } else if (c == ' ' || c == '-' || c == '.')
                    && j + 1 < n
                    && chars[j + 1].is_ascii_digit()
                    && j > i
                    && chars[j - 1].is_ascii_digit()
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let next_is_alnum = j < n && chars[j].is_ascii_alphanumeric();
            if digits.starts_with("0031") && digits.len() >= 11 {
                return Some(chars[i..j].iter().collect());
            }
            if digits.len() == 10 && !next_is_alnum {
                return Some(chars[i..j].iter().collect());
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    None
}

#[test]
fn matchers_recognise_contact_details() {
    assert!(find_email("mail naam.achternaam@voorbeeld.nl voor info").is_some());
    assert!(find_email("zie https://www.kis.nl/publicatie en @kis").is_none());
    assert!(find_phone("bel 06 12345678 vandaag").is_some());
    assert!(find_phone("bel 06-12345678").is_some());
    assert!(find_phone("M 06 21 20 44 12").is_some());
    assert!(find_phone("tel. 070 123 4567").is_some());
    assert!(find_phone("of +31 6 12345678").is_some());
    assert!(find_phone("in 2018-09-01 en 2015 en 2016, 3.200 mensen, 12 procent").is_none());
    assert!(find_phone("https://vng.nl/files/vng/20170710-gezondheid.pdf").is_none());
}

#[test]
fn no_contact_details_in_content() {
    let mut files = Vec::new();
    all_files(&content_dir(), &mut files);
    assert!(!files.is_empty(), "no files under content/");
    let mut problems = Vec::new();
    for path in files {
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        if let Some(email) = find_email(&text) {
            problems.push(format!("{}: e-mail address {email}", path.display()));
        }
        if let Some(phone) = find_phone(&text) {
            problems.push(format!("{}: phone number {phone}", path.display()));
        }
    }
    assert!(problems.is_empty(), "contact details found:\n{}", problems.join("\n"));
}
