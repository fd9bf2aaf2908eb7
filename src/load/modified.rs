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
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

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
        GitDates::asking(dir, &run_git)
    }

    /// [`GitDates::of`], asking git through `git`.
    fn asking(dir: &Path, git: &Git) -> GitDates {
        let Some(log) = git(dir, &["log", "--relative", "--no-renames", "--name-only", "--format=@%cs", "--", "."])
        else {
            return GitDates::default();
        };
        let dirty = git(dir, &["diff", "--name-only", "--relative", "HEAD", "--", "."]).unwrap_or_default();
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

/// How git is asked: in folder `dir`, with these arguments, its output when it succeeds. The
/// preview's cache takes another one in tests, to count the calls.
pub(crate) type Git = dyn Fn(&Path, &[&str]) -> Option<String> + Send + Sync;

/// Runs git in `dir` (paths printed as they are) and gives its output when it succeeds.
fn run_git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.quotePath=false", "--literal-pathspecs"])
        .args(args)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The preview's memory of what git said, per content folder, so that a rebuild after a save
/// does not ask git about the whole folder again (`git log` over 10,000 files is most of a
/// rebuild's load stage). What git said stays true while the checkout's HEAD is the same
/// commit, except which files have uncommitted changes: the files read again since (saved,
/// added) are asked about alone, with one `git diff` naming just them. A new commit, a
/// checkout or a reset moves HEAD, and the folder is asked about afresh.
///
/// HEAD is read from the files in `.git` rather than from git, so that a rebuild with
/// nothing new starts no process at all; a repository whose HEAD cannot be read that way
/// (another ref storage, `GIT_DIR` set) is asked every time, as without the cache.
pub(crate) struct GitCache {
    git: Arc<Git>,
    folders: crate::hash::FxMap<PathBuf, (String, GitDates)>,
}

impl Default for GitCache {
    fn default() -> GitCache {
        GitCache::with(Arc::new(run_git))
    }
}

impl GitCache {
    /// A cache that asks git through `git`.
    pub(crate) fn with(git: Arc<Git>) -> GitCache {
        GitCache { git, folders: Default::default() }
    }

    /// What the last [`GitCache::dates`] gave for `dir`.
    pub(crate) fn get(&self, dir: &Path) -> Option<&GitDates> {
        self.folders.get(dir).map(|(_, dates)| dates)
    }

    /// What git says of the content folder `dir`, as [`GitDates::of`] would, where the files at
    /// `changed` (relative to `dir`) are the only ones that may have changed since the last
    /// call.
    pub(crate) fn dates(&mut self, dir: &Path, changed: &[&str]) -> &GitDates {
        let head = head_of(dir);
        let git = &*self.git;
        let fresh = match (&head, self.folders.get(dir)) {
            (Some(now), Some((then, _))) => now != then,
            _ => true,
        };
        if fresh {
            // An unreadable HEAD is remembered as "": never equal to a HEAD read next time.
            self.folders.insert(dir.to_path_buf(), (head.unwrap_or_default(), GitDates::asking(dir, git)));
        } else if !changed.is_empty() {
            let entry = self.folders.get_mut(dir).expect("a remembered folder");
            // Many changed files (a first read, a branch switched at the same commit): one diff
            // of the whole folder rather than a command line naming them all.
            let named = changed.len() <= 200;
            let mut args = vec!["diff", "--name-only", "--relative", "HEAD", "--"];
            if named {
                args.extend_from_slice(changed);
            } else {
                args.push(".");
            }
            match git(dir, &args) {
                Some(out) => {
                    let dirty = &mut entry.1.dirty;
                    if named {
                        for path in changed {
                            dirty.remove(*path);
                        }
                    } else {
                        dirty.clear();
                    }
                    dirty.extend(out.lines().filter(|l| !l.is_empty()).map(str::to_string));
                }
                // Git failed now where it worked before: ask about the whole folder.
                None => *entry = (String::new(), GitDates::asking(dir, git)),
            }
        }
        &self.folders[dir].1
    }
}

/// The commit the checkout around `dir` is at, read from `.git` (with the ref it names, so that
/// a switch between branches at one commit counts too); `None` when it cannot be read so.
fn head_of(dir: &Path) -> Option<String> {
    if std::env::var_os("GIT_DIR").is_some() || std::env::var_os("GIT_WORK_TREE").is_some() {
        return None;
    }
    let start = std::fs::canonicalize(dir).ok()?;
    let dot_git = start.ancestors().map(|d| d.join(".git")).find(|g| g.exists())?;
    let git_dir = if dot_git.is_dir() {
        dot_git
    } else {
        // A linked worktree or submodule: `.git` is a file naming the real folder.
        let text = std::fs::read_to_string(&dot_git).ok()?;
        let named = Path::new(text.strip_prefix("gitdir:")?.trim());
        dot_git.parent()?.join(named)
    };
    let common = match std::fs::read_to_string(git_dir.join("commondir")) {
        Ok(c) => git_dir.join(c.trim()),
        Err(_) => git_dir.clone(),
    };
    let head = std::fs::read_to_string(git_dir.join("HEAD")).ok()?;
    let head = head.trim();
    let Some(name) = head.strip_prefix("ref:").map(str::trim) else {
        return Some(format!("{}|{head}", git_dir.display()));
    };
    if !name.starts_with("refs/") || name.split('/').any(|p| p.is_empty() || p == "." || p == "..") {
        return None;
    }
    let loose = std::fs::read_to_string(git_dir.join(name)).or_else(|_| std::fs::read_to_string(common.join(name)));
    let commit = match loose {
        Ok(c) => c.trim().to_string(),
        Err(_) => {
            let packed = std::fs::read_to_string(common.join("packed-refs")).unwrap_or_default();
            packed
                .lines()
                .filter_map(|l| l.split_once(' '))
                .find(|(_, r)| *r == name)
                .map(|(c, _)| c.to_string())
                // A branch without commits: nothing to log until its first commit.
                .unwrap_or_default()
        }
    };
    // Reftable keeps refs elsewhere and leaves a placeholder: not readable here.
    if commit.is_empty() && common.join("reftable").exists() {
        return None;
    }
    Some(format!("{}|{name}|{commit}", git_dir.display()))
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

    /// Runs git in `dir` for a test, committing at `date`.
    fn git_at(dir: &Path, date: &str, args: &[&str]) {
        let status = Command::new("git")
            .current_dir(dir)
            .args(["-c", "user.name=Test", "-c", "user.email=a@b.nl", "-c", "commit.gpgsign=false"])
            .args(args)
            .env("GIT_COMMITTER_DATE", date)
            .env("GIT_AUTHOR_DATE", date)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }

    #[test]
    fn the_cache_asks_git_again_only_for_a_new_head_or_a_changed_file() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let content = root.join("content");
        std::fs::create_dir_all(content.join("begrippen")).unwrap();
        std::fs::write(content.join("begrippen/a.md"), "# A\n").unwrap();
        std::fs::write(content.join("b.md"), "# B\n").unwrap();
        git_at(root, "2020-01-02T12:00:00Z", &["init", "-q"]);
        git_at(root, "2020-01-02T12:00:00Z", &["add", "."]);
        git_at(root, "2020-01-02T12:00:00Z", &["commit", "-q", "-m", "first"]);
        let calls = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
        let seen = calls.clone();
        let mut cache = GitCache::with(Arc::new(move |dir: &Path, args: &[&str]| {
            seen.lock().unwrap().push(args.join(" "));
            run_git(dir, args)
        }));
        let count = || calls.lock().unwrap().len();
        let day = |dates: &GitDates, rel: &str| dates.date(rel, &content.join(rel)).map(|d| d.to_string());
        let a = "begrippen/a.md";

        assert_eq!(day(cache.dates(&content, &[]), a).as_deref(), Some("2020-01-02"));
        assert_eq!(count(), 2, "a first run asks for the log and the changes");
        // The same HEAD, nothing saved: git is not asked at all.
        assert_eq!(cache.dates(&content, &[]), &GitDates::of(&content));
        assert_eq!(count(), 2);

        // A saved file: only it is asked about, and it gets its own time, as without the cache.
        std::fs::write(content.join(a), "# A\n\nNieuw.\n").unwrap();
        let dates = cache.dates(&content, &[a]).clone();
        assert_eq!(count(), 3);
        let last = calls.lock().unwrap().last().unwrap().clone();
        assert!(last.starts_with("diff ") && last.ends_with(" -- begrippen/a.md"), "{last}");
        assert_eq!(dates, GitDates::of(&content));
        assert_eq!(day(&dates, a), file_date(&content.join(a)).map(|d| d.to_string()));
        assert_eq!(day(&dates, "b.md").as_deref(), Some("2020-01-02"));
        cache.dates(&content, &[]);
        assert_eq!(count(), 3);

        // A new commit moves HEAD: the whole folder is asked about again.
        git_at(root, "2021-03-04T12:00:00Z", &["commit", "-q", "-a", "-m", "second"]);
        let dates = cache.dates(&content, &[]).clone();
        assert_eq!(count(), 5);
        assert!(calls.lock().unwrap()[3].starts_with("log "));
        assert_eq!(day(&dates, a).as_deref(), Some("2021-03-04"));
        assert_eq!(dates, GitDates::of(&content));
        cache.dates(&content, &[]);
        assert_eq!(count(), 5);
    }

    #[test]
    fn head_is_read_from_a_branch_a_packed_ref_and_a_detached_checkout() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        assert_eq!(head_of(root), None, "no checkout");
        std::fs::write(root.join("a.md"), "a").unwrap();
        git_at(root, "2020-01-02T12:00:00Z", &["init", "-q"]);
        let unborn = head_of(root).unwrap();
        git_at(root, "2020-01-02T12:00:00Z", &["add", "."]);
        git_at(root, "2020-01-02T12:00:00Z", &["commit", "-q", "-m", "first"]);
        let first = head_of(root).unwrap();
        assert_ne!(first, unborn);
        git_at(root, "2020-01-02T12:00:00Z", &["pack-refs", "--all"]);
        assert_eq!(head_of(root).unwrap(), first, "the same commit from packed-refs");
        git_at(root, "2020-01-02T12:00:00Z", &["checkout", "-q", "--detach"]);
        let detached = head_of(root).unwrap();
        assert_ne!(detached, first);
        assert!(detached.ends_with(first.rsplit('|').next().unwrap()), "{detached} {first}");
    }
}
