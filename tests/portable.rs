//! `wegwijs build --portable`: output that works opened from disk. Every link and form of every
//! page must name a file that exists (a folder would show its listing), the search page's form
//! too; beside each search index file there must be a script that registers the same bytes,
//! and beside each page that search quotes one with its text. The search fixture
//! (tests/sites/search) has every kind of page and long lists; the moved fixture
//! (tests/sites/moved) has redirect pages under a base path. The browser half is
//! tests/browser/portable.test.js.

mod common;

use std::fs;
use std::path::Path;

use common::*;

fn built(name: &str, extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&site(name), &out, extra);
    (dir, out)
}

/// The addresses of the links and forms of an HTML page: `href` of `<a>` and `action` of
/// `<form>` (not `<link>`, whose canonical address is the web address).
fn links_and_forms(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (tag, attr) in [("<a ", "href"), ("<a\n", "href"), ("<form ", "action")] {
        for (i, _) in html.match_indices(tag) {
            let end = html[i..].find('>').map_or(html.len(), |j| i + j);
            found.extend(attr_values(&html[i..end], attr).into_iter().map(|v| v.replace("&amp;", "&")));
        }
    }
    found
}

/// Where `link` on the page at `page` (a path in the output) leads; `None` for other sites.
fn target(page: &str, link: &str) -> Option<String> {
    if link.contains("://") || link.starts_with("mailto:") || link.starts_with("tel:") || link.starts_with('#') {
        return None;
    }
    let path = link.split(['?', '#']).next().unwrap();
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    if path.is_empty() {
        return Some(page.to_string());
    }
    for part in path.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." => {}
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Every link or form of every page that does not lead to a file: (page, address).
fn not_to_files(out: &Path) -> Vec<(String, String)> {
    let mut bad = Vec::new();
    for (rel, bytes) in tree(out) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for link in links_and_forms(&html) {
            let Some(to) = target(&rel, &link) else { continue };
            let path = link.split(['?', '#']).next().unwrap();
            if path.ends_with('/') || link.starts_with('/') || !out.join(&to).is_file() {
                bad.push((rel.clone(), link));
            }
        }
    }
    bad
}

#[test]
fn every_link_and_form_leads_to_a_file() {
    for name in ["search", "moved"] {
        let (_dir, out) = built(name, &["--portable"]);
        let bad = not_to_files(&out);
        assert!(bad.is_empty(), "{name}: {} links to no file, such as {:?}", bad.len(), &bad[..bad.len().min(10)]);
        // The same test finds the links to folders of a normal build.
        let (_dir, normal) = built(name, &[]);
        assert!(!not_to_files(&normal).is_empty(), "{name}: the test sees folders");
    }
}

#[test]
fn search_forms_name_the_search_page_file() {
    let (_dir, out) = built("search", &["--portable"]);
    let search = read(out.join("zoeken/index.html"));
    let home = read(out.join("index.html"));
    let term = read(out.join("begrippen/statushouder/index.html"));
    let actions = |html: &str| -> Vec<String> {
        links_and_forms(html).into_iter().filter(|l| l.contains("zoeken") || l == "index.html").collect()
    };
    // The search page's own form has no action (an empty one is invalid HTML): it submits to
    // the page itself, the file; any form that names a target names a file.
    assert!(search.contains("<form class=\"home-search\" role=\"search\" method=\"get\">"), "{search}");
    assert!(
        attr_values(&search, "action").iter().all(|a| a.ends_with("index.html")),
        "{:?}",
        attr_values(&search, "action")
    );
    assert!(attr_values(&home, "action").contains(&"./zoeken/index.html"), "{:?}", actions(&home));
    assert!(attr_values(&term, "action").contains(&"../../zoeken/index.html"), "{:?}", actions(&term));
    let not_found = read(out.join("404.html"));
    assert!(attr_values(&not_found, "action").contains(&"./zoeken/index.html"), "the 404 page works from disk too");
}

/// The arguments of `WegwijsSearch.register(...)` in a script.
fn registered(script: &str) -> Vec<String> {
    let args = script.strip_prefix("WegwijsSearch.register(").and_then(|s| s.strip_suffix(");\n")).expect(script);
    serde_json::from_str(&format!("[{args}]")).unwrap()
}

fn base64_decode(text: &str) -> Vec<u8> {
    const ABC: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let digits: Vec<u32> = text.bytes().filter(|&b| b != b'=').map(|b| ABC.find(b as char).unwrap() as u32).collect();
    let mut out = Vec::new();
    for chunk in digits.chunks(4) {
        let n = chunk.iter().enumerate().fold(0, |n, (k, d)| n | d << (18 - 6 * k));
        out.extend(n.to_be_bytes()[1..chunk.len()].iter());
    }
    out
}

#[test]
fn the_search_index_is_also_written_as_scripts_of_the_same_bytes() {
    let (_dir, out) = built("search", &["--portable"]);
    let files = tree(&out);
    let index: Vec<&String> = files
        .keys()
        .filter(|p| p.starts_with("zoeken/index/") && !p.ends_with(".js") && !p.ends_with(".binz"))
        .collect();
    assert!(index.len() > 5, "{index:?}");
    for path in index {
        let script = files.get(&format!("{path}.js")).unwrap_or_else(|| panic!("no script for {path}"));
        let args = registered(std::str::from_utf8(script).unwrap());
        assert_eq!(args[0], *path);
        let data = if path.ends_with(".json") {
            assert_eq!(args.len(), 2);
            args[1].clone().into_bytes()
        } else {
            assert_eq!(args[2], "base64", "{path}");
            base64_decode(&args[1])
        };
        assert_eq!(data, files[path], "{path}: the script holds the file's bytes");
    }
    // The normal build has the same index files and no scripts.
    let (_dir, normal) = built("search", &[]);
    let normal = tree(&normal);
    for (path, bytes) in normal.iter().filter(|(p, _)| p.starts_with("zoeken/index/")) {
        assert_eq!(files.get(path), Some(bytes), "{path} is the same in both builds");
    }
    assert!(!normal.keys().any(|p| p.ends_with(".html.js") || p.ends_with(".json.js")));
}

#[test]
fn each_page_search_finds_has_its_text_as_a_script() {
    let (_dir, out) = built("search", &["--portable"]);
    let mut docs = 0;
    for entry in fs::read_dir(out.join("zoeken/index/d")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "js") {
            continue;
        }
        let rows: Vec<Vec<serde_json::Value>> = serde_json::from_str(&read(&path)).unwrap();
        for row in rows {
            let url = row[1].as_str().unwrap();
            let args = registered(&read(out.join(url).join("index.html.js")));
            assert_eq!(args[0], url);
            assert!(args[1].starts_with("<main") && args[1].ends_with("</main>"), "{url}");
            assert!(read(out.join(url).join("index.html")).contains(&args[1]), "{url}: the page's own main part");
            docs += 1;
        }
    }
    assert!(docs > 10);
}

#[test]
fn redirect_pages_lead_to_files() {
    let (_dir, out) = built("moved", &["--portable"]);
    let html = read(out.join("starten/index.html"));
    assert!(html.contains(r#"content="0; url=../artikelen/aan-de-slag/index.html""#), "{html}");
    assert!(html.contains(r#"<a href="../artikelen/aan-de-slag/index.html">Aan de slag</a>"#), "{html}");
}
