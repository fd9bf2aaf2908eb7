//! Follows the folders a site is made from and tells which changes call for a new build.
//!
//! Events come through `notify-debouncer-full`, which gathers the burst of events of one save
//! (an editor that writes a temporary file and renames it over the page, or removes and
//! rewrites it) into one batch, and keeps track of renames. The site folder itself is watched
//! without its subfolders (for `wegwijs.yaml`, and for a content or theme folder being made);
//! the content and theme folders with everything in them. After each build the set is brought
//! up to date, since the config may name other content folders.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::site::Inputs;
use crate::config::CONFIG_FILE;

/// How long the watcher waits for the events of one save to end. Short, since it is added to
/// every preview; an editor's save (temporary file, rename) takes well under a millisecond,
/// and a change caught half-way only leads to another build.
const DEBOUNCE: Duration = Duration::from_millis(15);

pub(crate) struct Watch {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    watched: Vec<(PathBuf, RecursiveMode)>,
    inputs: Inputs,
}

impl Watch {
    /// A watcher that sends its batches of events to `to`; it follows nothing until
    /// [`Watch::follow`].
    pub(crate) fn new(to: Sender<DebounceEventResult>, inputs: Inputs) -> notify::Result<Watch> {
        let debouncer = new_debouncer(DEBOUNCE, None, to)?;
        let mut watch = Watch { debouncer, watched: Vec::new(), inputs: inputs.clone() };
        watch.follow(inputs);
        Ok(watch)
    }

    /// Watches the folders of `inputs` that exist, and no others.
    pub(crate) fn follow(&mut self, inputs: Inputs) {
        let mut wanted: Vec<(PathBuf, RecursiveMode)> =
            inputs.folders.iter().filter(|f| f.is_dir()).map(|f| (f.clone(), RecursiveMode::Recursive)).collect();
        if !wanted.iter().any(|(f, _)| *f == inputs.root) {
            wanted.push((inputs.root.clone(), RecursiveMode::NonRecursive));
        }
        // A folder that went away is no longer watched by the system; forgetting it here lets
        // it be watched again when it comes back.
        let gone: Vec<_> =
            self.watched.iter().filter(|(f, _)| !f.is_dir() || !wanted.iter().any(|(w, _)| w == f)).cloned().collect();
        for (folder, _) in &gone {
            let _ = self.debouncer.unwatch(folder);
        }
        self.watched.retain(|w| !gone.contains(w));
        for (folder, mode) in wanted {
            if !self.watched.iter().any(|(f, m)| *f == folder && *m == mode)
                && self.debouncer.watch(&folder, mode).is_ok()
            {
                self.watched.push((folder, mode));
            }
        }
        self.inputs = inputs;
    }

    /// Whether a batch of events touches the site's input.
    /// Every path a batch names, inputs or not (see `load::Memo::forget`, which reads them
    /// again whatever their stamps say); `None` when the watcher lost track and anything may
    /// have changed.
    pub(crate) fn paths(&self, batch: &DebounceEventResult) -> Option<Vec<std::path::PathBuf>> {
        match batch {
            Ok(events) => Some(
                events
                    .iter()
                    .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                    .flat_map(|e| e.paths.iter().cloned())
                    .collect(),
            ),
            Err(_) => None,
        }
    }

    pub(crate) fn matters(&self, batch: &DebounceEventResult) -> bool {
        match batch {
            Ok(events) => events
                .iter()
                .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                .any(|e| e.paths.iter().any(|p| self.is_input(p))),
            // The watcher lost track (a watched folder was removed, too many events): build
            // again, which also renews the watches.
            Err(_) => true,
        }
    }

    fn is_input(&self, path: &Path) -> bool {
        let inputs = &self.inputs;
        if path.starts_with(&inputs.output) || is_editor_scratch(path) {
            return false;
        }
        if path.parent() == Some(inputs.root.as_path()) && path.file_name().is_some_and(|n| n == CONFIG_FILE) {
            return true;
        }
        inputs.folders.iter().any(|f| path.starts_with(f))
    }
}

/// Files editors keep beside the one being edited, which are never part of a site: Vim's swap
/// files and its `4913` write test, Emacs' lock and backup files, `.git`.
fn is_editor_scratch(path: &Path) -> bool {
    if path.components().any(|c| c.as_os_str() == ".git") {
        return true;
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name == "4913"
        || name.starts_with(".#")
        || name.ends_with('~')
        || (name.starts_with('.') && (name.ends_with(".swp") || name.ends_with(".swx")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_scratch_files_are_not_input() {
        for scratch in
            ["/s/content/.a.md.swp", "/s/content/4913", "/s/content/.#a.md", "/s/content/a.md~", "/s/.git/index"]
        {
            assert!(is_editor_scratch(Path::new(scratch)), "{scratch}");
        }
        for real in ["/s/content/a.md", "/s/static/.well-known/security.txt", "/s/content/swp.md"] {
            assert!(!is_editor_scratch(Path::new(real)), "{real}");
        }
    }
}
