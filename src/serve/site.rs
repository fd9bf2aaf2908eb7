//! The preview's build: runs the whole pipeline ([`crate::run`]) into an [`output::Memory`]
//! sink and gives a [`Snapshot`] of the site to serve, or the problems that stopped it.
//!
//! Nothing is written: the output folder is never opened. Files copied from disk (static
//! files) stay on disk and are read when asked for; their size and time are noted, so that a
//! later build can tell that one changed.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{Content, Memory};
use crate::{Config, NoProgress, Overrides, Timings, layout};

/// One built version of the site, as the server hands it out.
#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    files: HashMap<String, File>,
    /// Output files of pages marked `draft: true`: they get the "Concept" banner.
    drafts: HashSet<String>,
}

#[derive(Debug)]
struct File {
    content: Content,
    /// For a file copied from disk: what tells its versions apart when the build ran.
    stamp: Option<Stamp>,
}

impl Snapshot {
    /// The bytes of the file at output path `path`; `None` when the site has no such file or a
    /// copied file has gone from disk since.
    pub(crate) fn read(&self, path: &str) -> Option<Vec<u8>> {
        match &self.files.get(path)?.content {
            Content::Bytes(b) => Some(b.clone()),
            Content::Static(b) => Some(b.to_vec()),
            Content::Copy(from) => std::fs::read(from).ok(),
        }
    }

    pub(crate) fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    pub(crate) fn is_draft(&self, path: &str) -> bool {
        self.drafts.contains(path)
    }

    pub(crate) fn len(&self) -> usize {
        self.files.len()
    }

    /// The output paths whose content differs between `self` and `newer`, removed and added
    /// ones included, sorted.
    pub(crate) fn changed(&self, newer: &Snapshot) -> Vec<String> {
        let mut changed: Vec<String> = newer
            .files
            .iter()
            .filter(|(path, file)| self.files.get(*path).is_none_or(|old| !same(old, file)))
            .map(|(path, _)| path.clone())
            .collect();
        changed.extend(self.files.keys().filter(|p| !newer.files.contains_key(*p)).cloned());
        // A page that became a draft (or stopped being one) looks different.
        changed.extend(self.drafts.symmetric_difference(&newer.drafts).cloned());
        changed.sort_unstable();
        changed.dedup();
        changed
    }
}

fn same(a: &File, b: &File) -> bool {
    match (&a.content, &b.content) {
        (Content::Bytes(x), Content::Bytes(y)) => x == y,
        (Content::Static(x), Content::Static(y)) => x == y,
        (Content::Copy(x), Content::Copy(y)) => x == y && a.stamp == b.stamp,
        _ => false,
    }
}

/// Size, modification time and (on Unix) inode of a file: a file saved by renaming a new one
/// over it has a new inode even when size and time, on a file system with coarse times, are
/// the same. Reading every static file to compare contents would cost each build far more.
type Stamp = (u64, Option<SystemTime>, u64);

fn stamp(path: &Path) -> Stamp {
    let Ok(meta) = std::fs::metadata(path) else { return (0, None, 0) };
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    (meta.len(), meta.modified().ok(), inode)
}

/// What one build gave.
pub(crate) struct Built {
    /// The site, when it built without errors.
    pub(crate) snapshot: Option<Snapshot>,
    /// Every problem found, errors and warnings, sorted.
    pub(crate) diagnostics: Diagnostics,
    /// The site's language, when its config could be read.
    pub(crate) language: Option<String>,
    /// The folders and files the site is made from, to watch (see [`inputs`]).
    pub(crate) inputs: Option<Inputs>,
}

/// Builds the site in `root` into memory.
pub(crate) fn build(root: &Path, drafts: bool) -> Built {
    let overrides = Overrides { drafts, ..Overrides::default() };
    let timings = Timings::default();
    let into_memory = |_: &Config, _: &[String]| Ok::<_, std::convert::Infallible>(Memory::default());
    // The stages do not panic on bad input; should one still, the preview reports it and keeps
    // serving the last good version instead of going away under the editor.
    let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::run(root, &overrides, &timings, &NoProgress, into_memory)
    }));
    let run = match ran {
        Ok(Ok(run)) => run,
        Ok(Err(never)) => match never {},
        Err(_) => {
            let d = Diagnostic::error("internal-error", crate::msg!("internal-error"))
                .help(crate::msg!("internal-error.help"));
            return Built { snapshot: None, diagnostics: Diagnostics { items: vec![d] }, language: None, inputs: None };
        }
    };
    let language = run.config.as_ref().map(|c| c.language.clone());
    let inputs = run.config.as_ref().map(inputs);
    let snapshot = match (run.sink, run.diagnostics.has_errors()) {
        (Some(memory), false) => {
            let files = memory
                .into_files()
                .into_iter()
                .map(|(path, content)| {
                    let stamp = match &content {
                        Content::Copy(from) => Some(stamp(from)),
                        _ => None,
                    };
                    (path, File { content, stamp })
                })
                .collect();
            let drafts = run
                .site
                .as_ref()
                .map(|s| s.pages.iter().filter(|p| p.draft).map(|p| layout::page_file(&p.path)).collect())
                .unwrap_or_default();
            Some(Snapshot { files, drafts })
        }
        _ => None,
    };
    Built { snapshot, diagnostics: run.diagnostics, language, inputs }
}

/// What a site is made of, for the watcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Inputs {
    /// The site folder: watched on its own (not its subfolders), for `wegwijs.yaml` and for
    /// the folders below when they are made or removed.
    pub(crate) root: PathBuf,
    /// Folders watched with everything in them: the content folders and the theme's folders.
    pub(crate) folders: Vec<PathBuf>,
    /// The output folder of a real build: never a reason to rebuild.
    pub(crate) output: PathBuf,
}

/// The folders a site is built from: its content folders, `static/`, `templates/`, `i18n/`
/// and `themes/` (the theme's layers, see `theme.rs`), and the site folder for the config.
pub(crate) fn inputs(config: &Config) -> Inputs {
    let mut folders = config.content_dirs.clone();
    folders.extend(["static", "templates", "i18n", "themes"].iter().map(|d| config.root.join(d)));
    let output =
        if config.output_dir.is_absolute() { config.output_dir.clone() } else { config.root.join(&config.output_dir) };
    Inputs { root: config.root.clone(), folders, output }
}

/// The inputs of a site whose config cannot be read: the default folders.
pub(crate) fn default_inputs(root: &Path) -> Inputs {
    inputs(&Config::defaults(root))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(files: &[(&str, &str)], drafts: &[&str]) -> Snapshot {
        Snapshot {
            files: files
                .iter()
                .map(|(p, t)| (p.to_string(), File { content: Content::Bytes(t.as_bytes().to_vec()), stamp: None }))
                .collect(),
            drafts: drafts.iter().map(|d| d.to_string()).collect(),
        }
    }

    #[test]
    fn changed_lists_edited_added_removed_and_newly_draft_files() {
        let old = snapshot(&[("a/index.html", "a"), ("b/index.html", "b"), ("c.css", "c")], &[]);
        let new = snapshot(&[("a/index.html", "a2"), ("b/index.html", "b"), ("d.js", "d")], &["b/index.html"]);
        assert_eq!(old.changed(&new), vec!["a/index.html", "b/index.html", "c.css", "d.js"]);
        assert!(new.changed(&new).is_empty());
    }
}
