//! Helpers for whole-site tests: run the binary, read the output tree, crawl its links.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs git in `root` for a test, as a throwaway identity, committing at `date`
/// (`2020-05-17T12:00:00Z`).
pub fn git_at(root: &Path, date: &str, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(root)
        .args(["-c", "user.name=Test", "-c", "user.email=a@b.nl", "-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_AUTHOR_DATE", date)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// A fixture site under tests/sites/.
pub fn site(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites").join(name)
}

/// Runs the `wegwijs` binary with `args`.
/// Writes a site of `(path under the root, text)` files into a temporary folder; gives the
/// folder (removed when dropped) and the site root in it.
pub fn temp_site(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    for (path, text) in files {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    (dir, root)
}

pub fn wegwijs(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        // These tests read the English messages; tests/messages.rs reads both languages.
        .args(["--lang", "en"])
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

/// What a run of the binary gave: its exit code and what it printed.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the binary in the repository folder with messages in `lang`, without colour.
pub fn run_in(lang: &str, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        .args(["--lang", lang])
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

/// Copies the folder `from` with everything in it to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Builds `root` into `out` with extra arguments; panics with stderr if it fails.
pub fn build(root: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--root", root.to_str().unwrap(), "--output", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let output = wegwijs(&args);
    assert!(output.status.success(), "build of {} failed:\n{}", root.display(), stderr(&output));
    output
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every file under `dir` with its contents, by relative path: a whole output tree, to compare
/// before and after.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_str().unwrap().replace('\\', "/");
                out.insert(rel, fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// The values of `attr="..."` in an HTML text.
pub fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let start = i + needle.len();
            let end = html[start..].find('"').map_or(html.len(), |j| start + j);
            &html[start..end]
        })
        .collect()
}

/// Whether `id="x"` occurs in an HTML text.
pub fn has_id(html: &str, id: &str) -> bool {
    html.contains(&format!(" id=\"{id}\""))
}

/// Crawls every HTML file of the output and returns the internal links that do not resolve to
/// a file (or to an existing id, for links with `#`). Links are resolved as a browser does,
/// relative to the page's own URL; `base_path` (such as `/kennisbank/`) is where the site is
/// published, for links that start with `/`.
pub fn broken_links(out: &Path, base_path: &str) -> Vec<String> {
    let mut broken = Vec::new();
    for (rel, bytes) in tree(out) {
        if !rel.ends_with(".html") || rel == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let page_dir = rel.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        for link in attr_values(&html, "href").into_iter().chain(attr_values(&html, "src")) {
            let link = link.replace("&amp;", "&");
            if link.contains("://") || link.starts_with("mailto:") || link.starts_with("//") {
                continue;
            }
            let (path, fragment) = match link.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (link.clone(), None),
            };
            // A server finds the file by the decoded path (`%D8%B5` is the UTF-8 of `ص`).
            let path = percent_decode(path.split('?').next().unwrap());
            let target = if path.is_empty() { Some(rel.clone()) } else { resolve(&page_dir, &path, base_path) };
            let Some(mut target) = target else {
                broken.push(format!("{rel}: {link} (outside the site)"));
                continue;
            };
            if target.is_empty() || target.ends_with('/') {
                target.push_str("index.html");
            }
            let file = out.join(&target);
            if !file.is_file() {
                broken.push(format!("{rel}: {link} -> {target} (no such file)"));
                continue;
            }
            // A browser looks for the id as written, then percent-decoded.
            if let Some(f) = fragment
                && target.ends_with(".html")
                && !has_id(&read(&file), &f)
                && !has_id(&read(&file), &percent_decode(&f))
            {
                broken.push(format!("{rel}: {link} (no id {f} in {target})"));
            }
        }
    }
    broken
}

/// `%XX` sequences turned back into their bytes, read as UTF-8.
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn resolve(page_dir: &str, link: &str, base_path: &str) -> Option<String> {
    let (mut parts, rest): (Vec<&str>, &str) = if let Some(abs) = link.strip_prefix('/') {
        let base = base_path.trim_matches('/');
        let inside = if base.is_empty() { abs } else { abs.strip_prefix(base)?.trim_start_matches('/') };
        (Vec::new(), inside)
    } else {
        (page_dir.split('/').filter(|s| !s.is_empty()).collect(), link)
    };
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut s = parts.join("/");
    if rest.ends_with('/') && !s.is_empty() {
        s.push('/');
    }
    Some(s)
}
