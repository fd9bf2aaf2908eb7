//! The preview's build: runs the whole pipeline ([`crate::run`]) into an [`output::Memory`]
//! sink and gives a [`Snapshot`] of the site to serve, or the problems that stopped it.
//!
//! Nothing is written: the output folder is never opened. Files copied from disk (static
//! files) stay on disk and are read when asked for; their size and time are noted, so that a
//! later build can tell that one changed.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

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
            Content::Shared(b) => Some(b.to_vec()),
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

    /// Every file and its bytes.
    pub(crate) fn files(&self) -> std::collections::BTreeMap<String, Vec<u8>> {
        self.files.keys().filter_map(|p| Some((p.clone(), self.read(p)?))).collect()
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
        (Content::Shared(x), Content::Shared(y)) => std::sync::Arc::ptr_eq(x, y) || x == y,
        (Content::Bytes(x), Content::Shared(y)) | (Content::Shared(y), Content::Bytes(x)) => **y == **x,
        (Content::Bytes(x), Content::Bytes(y)) => x == y,
        (Content::Static(x), Content::Static(y)) => x == y,
        (Content::Copy(x), Content::Copy(y)) => x == y && a.stamp == b.stamp,
        _ => false,
    }
}

// A copied file is compared by its stamp (size, time, inode): reading every static file to
// compare contents would cost each build far more.
use crate::load::{Stamp, stamp};

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

/// Builds the site in `root` into memory, taking from `memo` what an earlier build made that
/// is still good.
pub(crate) fn build(root: &Path, drafts: bool, memo: &mut crate::Memo) -> Built {
    let overrides = Overrides { drafts, no_fingerprint: true, ..Overrides::default() };
    let timings = Timings::default();
    let into_memory = |_: &Config, _: &[String]| Ok::<_, std::convert::Infallible>(Memory::default());
    // The stages do not panic on bad input; should one still, the preview reports it and keeps
    // serving the last good version instead of going away under the editor.
    let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::run_with(root, &overrides, &timings, &NoProgress, into_memory, Some(&mut *memo))
    }));
    let run = match ran {
        Ok(Ok(run)) => run,
        Ok(Err(never)) => match never {},
        Err(_) => {
            // Whatever the memo holds may be half-made.
            memo.clear();
            let d = Diagnostic::error("internal-error", crate::msg!("internal-error"))
                .help(crate::msg!("internal-error.help"));
            return Built { snapshot: None, diagnostics: Diagnostics { items: vec![d] }, language: None, inputs: None };
        }
    };
    if std::env::var_os("WEGWIJS_STAGE_TIMES").is_some() {
        let stages: Vec<String> =
            timings.stages().iter().map(|(s, d)| format!("{s} {:.1}", d.as_secs_f64() * 1000.0)).collect();
        eprintln!("stages (ms): {}", stages.join(", "));
    }
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

/// The search index files of the site in `root`, made on a thread pool of one thread of its
/// own beside the preview's builds (which then keep the machine's other cores); `None` when
/// the site does not build as far as the index.
pub(crate) fn index(root: &Path, drafts: bool) -> Option<Vec<crate::output::OutputFile>> {
    let overrides = Overrides { drafts, no_fingerprint: true, ..Overrides::default() };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().ok()?;
    let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        pool.install(|| crate::index_files(root, &overrides))
    }));
    made.ok().flatten()
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
    // A base folder being edited beside the local site rebuilds it too.
    folders.extend(config.base.iter().flat_map(|b| b.content_dirs.iter().cloned()));
    folders.extend(["static", "templates", "i18n", "themes"].iter().map(|d| config.root.join(d)));
    // And a folder base's theme files, a layer below the site's own.
    if let Some(base) = config.base.as_ref().and_then(|b| b.folder()) {
        folders.extend(["static", "templates", "i18n", "themes"].iter().map(|d| base.join(d)));
    }
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
