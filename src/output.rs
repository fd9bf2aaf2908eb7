//! What the stages produce and where it goes: [`OutputFile`]s handed to a [`Sink`].
//!
//! The render and index stages make files and hand each to a sink as soon as it is made, so
//! no stage holds the whole output in memory. Which sink is the caller's choice: the write
//! stage's staging folder for a build (`write::Staging`), [`Discard`] for `check`, [`Memory`]
//! for a preview server or a test. This module sits below every stage, so no stage needs to
//! import a later one to hand over its files.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// One file of the output.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path inside the output folder, with `/`: `begrippen/statushouder/index.html`.
    pub(crate) path: String,
    pub(crate) content: Content,
}

#[derive(Debug, Clone)]
pub enum Content {
    Bytes(Vec<u8>),
    /// Bytes kept from an earlier build (the preview's memo), shared rather than copied.
    Shared(std::sync::Arc<[u8]>),
    Static(&'static [u8]),
    /// Copied from a file on disk (static files, assets).
    Copy(PathBuf),
}

impl Content {
    pub(crate) fn len(&self) -> u64 {
        match self {
            Content::Bytes(b) => b.len() as u64,
            Content::Shared(b) => b.len() as u64,
            Content::Static(b) => b.len() as u64,
            Content::Copy(p) => fs::metadata(p).map_or(0, |m| m.len()),
        }
    }
}

/// Where produced files go: the staging folder of a build, or nowhere for `check`.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile);
}

/// What was written.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WriteSummary {
    pub(crate) files: usize,
    pub(crate) bytes: u64,
}

/// A sink that only counts, for runs that write nothing.
#[derive(Debug, Default)]
pub(crate) struct Discard {
    files: AtomicUsize,
    bytes: AtomicU64,
}

impl Sink for Discard {
    fn put(&self, file: OutputFile) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(file.content.len(), Ordering::Relaxed);
    }
}

/// Output paths that cannot all be written into one folder tree.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Conflicts<'a> {
    /// Paths that occur more than once, with how often.
    pub(crate) twice: Vec<(&'a str, usize)>,
    /// Paths that are also the folder of another path, with the first path inside it.
    pub(crate) file_and_folder: Vec<(&'a str, &'a str)>,
}

impl Conflicts<'_> {
    pub(crate) fn is_empty(&self) -> bool {
        self.twice.is_empty() && self.file_and_folder.is_empty()
    }
}

/// The conflicts among `sorted` output paths. One pass: the paths inside `a/` follow `a`
/// after at most the paths that continue `a` with a byte below `/` (`a-b`, `a.txt`), so the
/// scan ahead from each path stops at once in a site without conflicts.
pub(crate) fn conflicts(sorted: &[String]) -> Conflicts<'_> {
    debug_assert!(sorted.is_sorted(), "output paths must be sorted");
    let mut found = Conflicts::default();
    let mut i = 0;
    while i < sorted.len() {
        let path = sorted[i].as_str();
        let same = sorted[i..].iter().take_while(|p| p.as_str() == path).count();
        if same > 1 {
            found.twice.push((path, same));
        }
        i += same;
        for later in &sorted[i..] {
            let Some(rest) = later.strip_prefix(path) else { break };
            match rest.as_bytes().first() {
                Some(b'/') => {
                    found.file_and_folder.push((path, later.as_str()));
                    break;
                }
                Some(&b) if b < b'/' => continue,
                _ => break,
            }
        }
    }
    found
}

/// A sink that keeps every file in memory, by path.
#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<BTreeMap<String, Content>>,
}

impl Memory {
    /// The files put so far, by path.
    pub fn into_files(self) -> BTreeMap<String, Content> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Memory {
    fn put(&self, file: OutputFile) {
        self.files.lock().unwrap_or_else(|e| e.into_inner()).insert(file.path, file.content);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(paths: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = paths.iter().map(|p| p.to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn finds_paths_written_twice_and_files_that_are_folders() {
        let paths = sorted(&[
            "a/index.html",
            "a/index.html",
            "begrippen",
            "begrippen-oud/index.html",
            "begrippen.txt",
            "begrippen/statushouder/index.html",
            "x/index.html",
            "x/index.html",
            "x/index.html",
        ]);
        let found = conflicts(&paths);
        assert_eq!(found.twice, vec![("a/index.html", 2), ("x/index.html", 3)]);
        assert_eq!(found.file_and_folder, vec![("begrippen", "begrippen/statushouder/index.html")]);
    }

    #[test]
    fn a_clean_site_has_no_conflicts() {
        let paths = sorted(&["index.html", "begrippen/index.html", "begrippen/a/index.html", "zoeken/index.html"]);
        assert!(conflicts(&paths).is_empty());
    }
}
