//! A local site over a base: the national knowledge base built into the binary
//! (`base: builtin`), or another site folder (`base: ../wegwijs`).
//!
//! The rules, which the README gives the municipalities:
//! - a local page is added to the base;
//! - a local file at the same path as a base file replaces it;
//! - `exclude:` patterns (globs on base paths) leave base files or whole sections out; links to
//!   them from base pages become plain text with one warning listing them;
//! - problems in base files never stop the local build: the municipality cannot fix them, so
//!   they are warnings;
//! - a folder base's theme files (`templates/`, `static/`, `i18n/`, `themes/default/`) are a
//!   layer between the built-in theme and the local site's own files, which replace them file
//!   by file (`theme.rs`).
//!
//! This module sits below the stages: `config` reads the base's config from here, `load` its
//! files, the model and the checks the origin of each page.

use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/base_files.rs"));
}

/// The files of the built-in base's `content/`: relative path and contents.
pub(crate) fn builtin_files() -> &'static [(&'static str, &'static [u8])] {
    embedded::BASE_FILES
}

/// The built-in base's `wegwijs.yaml`.
pub(crate) fn builtin_config() -> &'static str {
    embedded::BASE_CONFIG
}

/// The folder name shown in messages for files of the built-in base: `(basis)/begrippen/x.md`.
pub(crate) const BUILTIN_SHOWN: &str = "(basis)";

/// The word for the built-in base in `base:`.
pub(crate) const BUILTIN: &str = "builtin";

/// Which layer a content file comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// A site without a base: everything is its own, and nothing is marked.
    #[default]
    Site,
    /// The base a local site builds on.
    Base,
    /// The local layer over a base: marked "In onze gemeente".
    Local,
}

/// Where a site's base comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BaseSource {
    /// The national knowledge base inside the binary.
    Builtin,
    /// Another site folder.
    Folder(PathBuf),
}

/// The base of a local site, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Base {
    pub(crate) source: BaseSource,
    /// The base's content folders (for a folder base; the built-in base has none on disk).
    pub(crate) content_dirs: Vec<PathBuf>,
    /// The base's config file as shown in messages, if it has one.
    pub(crate) config_shown: Option<PathBuf>,
}

impl Base {
    /// The folder of a folder base, whose `themes/default/`, `templates/`, `static/` and `i18n/`
    /// are a layer of the theme between the built-in theme and the local site's own (see
    /// `theme.rs`); `None` for the built-in base, which brings no theme files of its own.
    pub(crate) fn folder(&self) -> Option<&Path> {
        match &self.source {
            BaseSource::Folder(folder) => Some(folder),
            BaseSource::Builtin => None,
        }
    }
}

/// Whether the glob `pattern` matches the content path `path` (`begrippen/x.md`). `*` stands
/// for any characters but `/`, `**` for any folders, `?` for one character. A pattern naming a
/// folder (`praktijkvoorbeelden`, `praktijkvoorbeelden/`) matches everything in it.
pub(crate) fn glob_matches(pattern: &str, path: &str) -> bool {
    let pattern = pattern.trim().trim_start_matches("./").trim_start_matches('/');
    if pattern.is_empty() {
        return false;
    }
    let folder = pattern.trim_end_matches('/');
    let parts: Vec<&str> = folder.split('/').collect();
    let path_parts: Vec<&str> = path.split('/').collect();
    // As written, or as a folder with everything in it.
    matches_parts(&parts, &path_parts) || {
        let mut deep = parts.clone();
        deep.push("**");
        matches_parts(&deep, &path_parts)
    }
}

fn matches_parts(pattern: &[&str], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((&"**", rest)) => (0..=path.len()).any(|i| matches_parts(rest, &path[i..])),
        Some((first, rest)) => {
            path.split_first().is_some_and(|(p, path_rest)| matches_name(first, p) && matches_parts(rest, path_rest))
        }
    }
}

fn matches_name(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    fn go(p: &[char], n: &[char]) -> bool {
        match p.split_first() {
            None => n.is_empty(),
            Some(('*', rest)) => (0..=n.len()).any(|i| go(rest, &n[i..])),
            Some(('?', rest)) => !n.is_empty() && go(rest, &n[1..]),
            Some((c, rest)) => n.first() == Some(c) && go(rest, &n[1..]),
        }
    }
    go(&p, &n)
}

/// The hash of a base page's content that `replaces:` records: FNV-1a, 64 bits, as 16 hex
/// digits, over the text with Windows line ends made Unix ones (a checkout on Windows is the
/// same page). Stable across versions of wegwijs; it detects change, it is no seal.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if b == b'\r' && bytes.get(i) == Some(&b'\n') {
            continue;
        }
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Whether a file shown as `shown` (in a diagnostic) belongs to the base.
pub(crate) fn is_base_file(base: &Base, shown: &Path, root: &Path) -> bool {
    if shown.starts_with(BUILTIN_SHOWN) {
        return true;
    }
    if base.config_shown.as_deref() == Some(shown) {
        return true;
    }
    base.content_dirs.iter().any(|d| shown.starts_with(crate::config::display_path(root, d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_base_paths() {
        let yes = [
            ("praktijkvoorbeelden", "praktijkvoorbeelden/x.md"),
            ("praktijkvoorbeelden/", "praktijkvoorbeelden/_index.md"),
            ("praktijkvoorbeelden/**", "praktijkvoorbeelden/a/b.md"),
            ("begrippen/x.md", "begrippen/x.md"),
            ("begrippen/*.md", "begrippen/x.md"),
            ("**/x.md", "a/b/x.md"),
            ("**/x.md", "x.md"),
            ("begrippen/?.md", "begrippen/x.md"),
        ];
        for (p, path) in yes {
            assert!(glob_matches(p, path), "{p} {path}");
        }
        let no = [
            ("begrippen/*.md", "begrippen/a/x.md"),
            ("begrippen/x.md", "begrippen/xy.md"),
            ("praktijk", "praktijkvoorbeelden/x.md"),
            ("", "x.md"),
            ("begrippen/?.md", "begrippen/xy.md"),
        ];
        for (p, path) in no {
            assert!(!glob_matches(p, path), "{p} {path}");
        }
    }

    #[test]
    fn the_hash_is_stable_and_ignores_windows_line_ends() {
        assert_eq!(content_hash(b""), "cbf29ce484222325");
        assert_eq!(content_hash(b"a\r\nb\n"), content_hash(b"a\nb\n"));
        assert_ne!(content_hash(b"a\nb\n"), content_hash(b"a\nc\n"));
    }
}
