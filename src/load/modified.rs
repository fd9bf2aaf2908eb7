//! When each page was last changed ("laatst gewijzigd"): the date of the last commit that
//! touched the file when the content folder is in a git checkout, else the file's modification
//! time. A file with changes that are not committed yet, or that git does not track, gets its
//! modification time too: the commit date would be older than what the reader sees.
//!
//! Git is asked twice per content folder, whatever the number of files: one `git log` over the
//! whole folder (newest first, so a file's first mention is its last change) and one
//! `git diff --name-only HEAD` for the files with uncommitted changes. Without git, or outside
//! a checkout, both fail and every file gets its modification time.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use crate::date::Date;
use crate::hash::FxMap;

/// What git says of one content folder: each committed file's last commit date and the files
/// with uncommitted changes, by path relative to the folder (`begrippen/statushouder.md`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct GitDates {
    committed: FxMap<String, Date>,
    dirty: HashSet<String>,
}

impl GitDates {
    /// Asks git about the content folder `dir`; empty when git is missing or `dir` is not in a
    /// checkout.
    pub(crate) fn of(dir: &Path) -> GitDates {
        let git = |args: &[&str]| -> Option<String> {
            let out = Command::new("git")
                .arg("-C")
                .arg(dir)
                .args(["-c", "core.quotePath=false"])
                .args(args)
                .stdin(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .output()
                .ok()?;
            out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
        };
        let Some(log) = git(&["log", "--relative", "--no-renames", "--name-only", "--format=@%cs", "--", "."]) else {
            return GitDates::default();
        };
        let dirty = git(&["diff", "--name-only", "--relative", "HEAD", "--", "."]).unwrap_or_default();
        GitDates::parse(&log, &dirty)
    }

    /// Reads the output of the two git commands of [`GitDates::of`].
    pub(crate) fn parse(log: &str, dirty: &str) -> GitDates {
        let mut committed = FxMap::default();
        let mut date = None;
        for line in log.lines() {
            if let Some(d) = line.strip_prefix('@') {
                date = Date::parse(d).ok();
            } else if !line.is_empty()
                && let Some(d) = date
            {
                committed.entry(line.to_string()).or_insert(d);
            }
        }
        let dirty = dirty.lines().filter(|l| !l.is_empty()).map(str::to_string).collect();
        GitDates { committed, dirty }
    }

    /// The last-modified date of the file `file` at `rel_path` in the folder.
    pub(crate) fn date(&self, rel_path: &str, file: &Path) -> Option<Date> {
        match self.committed.get(rel_path) {
            Some(&d) if !self.dirty.contains(rel_path) => Some(d),
            _ => file_date(file),
        }
    }
}

/// The file's modification time as a date (UTC).
pub(crate) fn file_date(file: &Path) -> Option<Date> {
    let modified = std::fs::metadata(file).ok()?.modified().ok()?;
    let secs = modified.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(crate::content_model::from_unix_days((secs / 86_400) as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_wins_and_dirty_files_use_their_time() {
        let log = "@2026-11-30\nbegrippen/a.md\n\n@2025-01-02\nbegrippen/a.md\nbegrippen/b.md\n";
        let dates = GitDates::parse(log, "begrippen/b.md\n");
        let missing = Path::new("/no/such/file");
        assert_eq!(dates.date("begrippen/a.md", missing).map(|d| d.to_string()).as_deref(), Some("2026-11-30"));
        // Dirty, and the file cannot be read: no date rather than the old commit's.
        assert_eq!(dates.date("begrippen/b.md", missing), None);
        assert_eq!(dates.date("begrippen/c.md", missing), None);
    }
}
