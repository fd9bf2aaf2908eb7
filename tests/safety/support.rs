//! Helpers for the trust tests: a small site on disk and snapshots of whole folders.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

/// A minimal valid site in a fresh temporary folder: `root/site/` with a config, a home page
/// and one term. The temporary folder (`root`) is the place to put things around the site.
pub struct Fixture {
    pub tmp: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        let f = Fixture { tmp };
        f.write("site/wegwijs.yaml", "title: Proef\nlanguage: nl\n");
        f.write("site/content/_index.md", "---\ntitle: Welkom\n---\nDe voorpagina.\n");
        f.write(
            "site/content/begrippen/statushouder.md",
            "---\ntitle: Statushouder\ndefinition: Iemand met een verblijfsvergunning.\n---\nTekst over statushouders.\n",
        );
        f
    }

    /// The temporary folder around the site.
    pub fn root(&self) -> &Path {
        self.tmp.path()
    }

    /// The site folder.
    pub fn site(&self) -> PathBuf {
        self.tmp.path().join("site")
    }

    /// Writes `text` to `rel` (relative to the temporary folder), creating folders.
    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.tmp.path().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, text).unwrap();
        p
    }

    /// Runs wegwijs with `args`, in the site folder as working directory.
    pub fn run(&self, args: &[&str]) -> Output {
        std::process::Command::new(env!("CARGO_BIN_EXE_wegwijs"))
            // These tests read the English messages; tests/messages.rs reads both languages.
            .args(["--lang", "en"])
            .args(args)
            .current_dir(self.site())
            .env("NO_COLOR", "1")
            .output()
            .expect("the binary runs")
    }
}

/// Every file, folder and symlink under `dir` (not following links), with file contents and
/// link targets: a snapshot to prove that nothing was lost or changed.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Entry> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else { continue };
        for entry in entries {
            let p = entry.unwrap().path();
            let rel = p.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            let meta = fs::symlink_metadata(&p).unwrap();
            if meta.file_type().is_symlink() {
                out.insert(rel, Entry::Link(fs::read_link(&p).unwrap()));
            } else if meta.is_dir() {
                out.insert(rel, Entry::Dir);
                stack.push(p);
            } else if meta.is_file() {
                out.insert(rel, Entry::File(fs::read(&p).unwrap_or_default()));
            } else {
                // A pipe or device: opening it could block, so only its being there is recorded.
                out.insert(rel, Entry::Special);
            }
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Dir,
    File(Vec<u8>),
    Link(PathBuf),
    Special,
}

/// Asserts that `before` and `after` are the same, naming the first difference.
pub fn assert_same(before: &BTreeMap<String, Entry>, after: &BTreeMap<String, Entry>, what: &str) {
    for (k, v) in before {
        match after.get(k) {
            None => panic!("{what}: {k} is gone"),
            Some(w) if w != v => panic!("{what}: {k} changed"),
            _ => {}
        }
    }
    for k in after.keys() {
        assert!(before.contains_key(k), "{what}: {k} appeared");
    }
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
