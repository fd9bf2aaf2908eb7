//! Personal details of real people never enter the repository, not even as test data: every
//! tracked file is scanned for e-mail addresses and Dutch phone numbers, and only the invented
//! ones listed here may occur.
//!
//! The source documents name real people with their numbers and addresses; content and tests
//! take facts from them, never those details.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Invented contact details that tests and documentation may use.
const INVENTED: &[&str] = &[
    "06 12345678",
    "06-12345678",
    "06 12 34 56 78",
    "070 123 4567",
    "+31 6 12345678",
    "naam.achternaam@voorbeeld.nl",
    "a@b.nl",
    "info@example.nl",
    "bron@example.nl",
    "+31201234567",
    "info.jeugd@example.nl",
];

fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._%+-".contains(c)
}

fn is_domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '-'
}

/// Everything in `text` that looks like an e-mail address: a name, `@`, and a domain.
fn emails(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
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
                let local: String = chars[start..i].iter().collect();
                found.push(format!("{local}@{domain}"));
            }
        }
    }
    found
}

/// Everything in `text` that looks like a Dutch phone number: `+31` followed by digits, or
/// ten digits starting with `0` (`06 12345678`, `06-12345678`, `070 123 4567`,
/// `06 12 34 56 78`), where single spaces, hyphens and dots may separate digit groups. A run
/// of digit groups is judged whole, so the groups of a date (`2019 10 06 20191006`) are no
/// number.
fn phones(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut found = Vec::new();
    let mut i = 0;
    while i < n {
        let starts = chars[i].is_ascii_digit() || (chars[i] == '+' && i + 1 < n && chars[i + 1].is_ascii_digit());
        if !starts || (i > 0 && chars[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let mut digits = String::new();
        let mut j = if chars[i] == '+' { i + 1 } else { i };
        while j < n {
            let c = chars[j];
            if c.is_ascii_digit() {
                digits.push(c);
                j += 1;
            } else if (c == ' ' || c == '-' || c == '.')
                && j + 1 < n
                && chars[j + 1].is_ascii_digit()
                && chars[j - 1].is_ascii_digit()
            {
                j += 1;
            } else {
                break;
            }
        }
        let next_is_alnum = j < n && chars[j].is_ascii_alphanumeric();
        let international = chars[i] == '+' && digits.starts_with("31") && digits.len() == 11;
        let national = digits.starts_with('0') && !digits.starts_with("00") && digits.len() == 10;
        let dialled = digits.starts_with("0031") && digits.len() == 13;
        if (international || national || dialled) && !next_is_alnum {
            found.push(chars[i..j].iter().collect());
        }
        i = j.max(i + 1);
    }
    found
}

/// The files git tracks in this repository; outside a checkout, every file but build output
/// and dependencies.
fn tracked_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Ok(out) = Command::new("git").args(["ls-files", "-z"]).current_dir(root).output()
        && out.status.success()
        && !out.stdout.is_empty()
    {
        return out
            .stdout
            .split(|&b| b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| root.join(String::from_utf8_lossy(p).as_ref()))
            .collect();
    }
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()) {
            let path = entry.path();
            let name = entry.file_name();
            if matches!(name.to_str(), Some("target" | ".git" | "node_modules")) {
                continue;
            }
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

#[test]
fn the_matchers_recognise_contact_details() {
    assert_eq!(emails("mail naam.achternaam@voorbeeld.nl voor info"), ["naam.achternaam@voorbeeld.nl"]);
    assert!(emails("zie https://www.kis.nl/publicatie en @kis").is_empty());
    assert_eq!(phones("bel 06 12345678 vandaag"), ["06 12345678"]);
    assert_eq!(phones("bel 06-12345678"), ["06-12345678"]);
    assert_eq!(phones("M 06 12 34 56 78"), ["06 12 34 56 78"]);
    assert_eq!(phones("tel. 070 123 4567 of 06 12345678"), ["070 123 4567", "06 12345678"]);
    assert_eq!(phones("of +31 6 12345678"), ["+31 6 12345678"]);
    assert!(phones("in 2018-09-01 en 2015 en 2016, 3.200 mensen, 12 procent").is_empty());
    assert!(phones("https://vng.nl/files/vng/20170710-gezondheid.pdf").is_empty());
}

#[test]
fn no_tracked_file_holds_real_contact_details() {
    let files = tracked_files();
    assert!(files.len() > 50, "the repository's files were not found");
    let mut problems = Vec::new();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        for found in emails(&text).into_iter().chain(phones(&text)) {
            if !INVENTED.contains(&found.as_str()) {
                problems.push(format!("{}: {found}", path.display()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "contact details that are not on the list of invented ones (use one from INVENTED):\n{}",
        problems.join("\n")
    );
}
