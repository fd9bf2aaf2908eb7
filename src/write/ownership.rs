//! Which folder a build may replace, decided before anything is touched.
//!
//! A build replaces its output folder whole (see the parent module), so pointing it at the
//! wrong folder would delete that folder's files. Three rules keep that from happening:
//!
//! - **Placement.** The output, after resolving `..` and symlinks, may not be the site root
//!   or contain it, and may not be, contain or lie inside a content folder, `static/`,
//!   `templates/`, `i18n/` or `themes/`. An output that is a symlink is written through to
//!   the folder it points at (the link itself stays); a dangling link is refused.
//! - **Ownership.** Every build leaves a [`MARKER`] file in its output listing the files it
//!   wrote. A folder is replaced only when it is missing, empty, or carries that marker and
//!   holds nothing besides the files the marker lists. Anything else is refused with what is
//!   in it and what to do.
//! - **Leftovers.** A build that was killed leaves its staging folder (or the previous output
//!   it had moved aside) beside the output. The next build of that output removes such a
//!   folder when it carries the marker and the process that made it no longer runs.
//!
//! Nothing here follows a symlink inside a folder: a link is an entry like any file.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::config::Config;
use crate::messages::Msg;
use crate::msg;

/// The file that marks a folder as a wegwijs output. Its first line says what it is; the
/// other lines are the paths of the files the build wrote, one per line.
pub const MARKER: &str = ".wegwijs-output";

/// How the marker starts: what tells it from a file of the same name that wegwijs did not write.
const MARKER_MAGIC: &str = "# Made by wegwijs";

const MARKER_HEADER: &str = concat!(
    "# Made by wegwijs",
    ": the files of this site build, one per line. wegwijs replaces this folder only while it \
     holds nothing else; it never deletes files it did not make.\n"
);

/// Why an output folder may not be used, in words for the person who chose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The output folder as resolved.
    pub(crate) output: PathBuf,
    /// Machine-readable kind: `output-in-site`, `output-not-ours`, `output-not-a-folder`.
    pub code: &'static str,
    pub message: Msg,
    pub help: Msg,
}

/// In English, for the library's callers; the command line says it in its language.
impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message.english())
    }
}

impl std::error::Error for Refusal {}

/// The folders of a site that an output may never overlap, with what to call them.
pub(crate) fn protected_folders(config: &Config) -> Vec<(PathBuf, Msg)> {
    let mut folders = vec![(config.root.clone(), msg!("output-in-site.site-folder"))];
    let base_dirs = config.base.iter().flat_map(|b| b.content_dirs.iter());
    for dir in config.content_dirs.iter().chain(base_dirs) {
        folders.push((dir.clone(), msg!("output-in-site.content-folder", folder = config.display_path(dir).display())));
    }
    for name in ["static", "templates", "i18n", "themes"] {
        folders.push((config.root.join(name), msg!("output-in-site.own-folder", name)));
    }
    folders
}

/// Resolves `output` and checks its placement against `protected` (see [`protected_folders`]):
/// the first entry is the site root, which the output may lie inside but not be or contain.
/// Returns the folder to write, with `..` and symlinks resolved.
pub(crate) fn place(output: &Path, protected: &[(PathBuf, Msg)]) -> Result<PathBuf, Refusal> {
    let resolved = resolve(output);
    let refuse = |code, message: Msg, help: Msg| Refusal { output: resolved.clone(), code, message, help };
    let shown = output.display().to_string();
    if fs::symlink_metadata(&resolved).is_ok() && !resolved.exists() {
        return Err(refuse(
            "output-not-a-folder",
            msg!("output-not-a-folder.dangling", output = &shown),
            msg!("output-not-a-folder.dangling.help"),
        ));
    }
    for (i, (folder, what)) in protected.iter().enumerate() {
        let folder = resolve(folder);
        let what = what.clone();
        let problem = if resolved == folder {
            Some(msg!("output-in-site.is", output = &shown, what))
        } else if folder.starts_with(&resolved) {
            Some(msg!("output-in-site.contains", output = &shown, what))
        } else if i > 0 && resolved.starts_with(&folder) {
            Some(msg!("output-in-site.inside", output = &shown, what))
        } else {
            None
        };
        if let Some(message) = problem {
            return Err(refuse("output-in-site", message, msg!("output-in-site.help")));
        }
    }
    if resolved.exists() && !resolved.is_dir() {
        return Err(refuse(
            "output-not-a-folder",
            msg!("output-not-a-folder", output = &shown),
            msg!("output-not-a-folder.help"),
        ));
    }
    Ok(resolved)
}

/// What is in an output folder that a build wants to replace.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// Nothing there yet.
    Missing,
    /// An empty folder.
    Empty,
    /// A previous output, holding only the files its marker lists.
    Ours,
}

/// Checks that `output` (already [`place`]d) may be replaced.
pub(crate) fn inspect(output: &Path) -> Result<Found, Refusal> {
    let mut entries = match fs::read_dir(output) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Found::Missing),
        Err(e) => {
            return Err(Refusal {
                output: output.to_path_buf(),
                code: "output-not-ours",
                message: msg!("output-not-ours.unreadable", output = output.display(), reason = e),
                help: msg!("output-not-ours.unreadable.help"),
            });
        }
    };
    if entries.next().is_none() {
        return Ok(Found::Empty);
    }
    let foreign = match fs::read_to_string(output.join(MARKER)) {
        Ok(manifest) if manifest.starts_with(MARKER_MAGIC) => foreign_entries(output, &manifest),
        _ => {
            let mut names = top_level(output);
            names.sort();
            return Err(not_ours(output, &names, false));
        }
    };
    if foreign.is_empty() { Ok(Found::Ours) } else { Err(not_ours(output, &foreign, true)) }
}

fn not_ours(output: &Path, names: &[String], marked: bool) -> Refusal {
    const SHOWN: usize = 5;
    let list: Vec<String> = names.iter().take(SHOWN).map(|n| format!("`{n}`")).collect();
    let list = list.join(", ");
    let files =
        if names.len() > SHOWN { msg!("list.and-more", list, n = names.len() - SHOWN) } else { msg!("list", list) };
    let output_shown = output.display().to_string();
    let (message, help) = if marked {
        (msg!("output-not-ours.foreign", output = &output_shown, files), msg!("output-not-ours.foreign.help"))
    } else {
        (msg!("output-not-ours", output = &output_shown, files), msg!("output-not-ours.help"))
    };
    Refusal { output: output.to_path_buf(), code: "output-not-ours", message, help }
}

/// The names in a folder, with `/` after folders.
fn top_level(dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    entries
        .filter_map(|e| e.ok())
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.file_type().is_ok_and(|t| t.is_dir()) { format!("{name}/") } else { name }
        })
        .collect()
}

/// The entries under `output` that `manifest` does not account for: files it does not list,
/// folders that hold none of its files, and anything that is neither a file nor a folder
/// (a build writes no links). A foreign folder is named once, not with everything in it.
/// Folders are read in parallel: a site of 10,000 pages has some 10,000 of them.
fn foreign_entries(output: &Path, manifest: &str) -> Vec<String> {
    let files: HashSet<&str> = manifest.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect();
    let mut folders: HashSet<&str> = HashSet::new();
    for f in &files {
        let mut rest = *f;
        while let Some(i) = rest.rfind('/') {
            rest = &rest[..i];
            if !folders.insert(rest) {
                break;
            }
        }
    }
    let known = Known { files, folders };
    let mut foreign = known.foreign_in(output, "");
    foreign.sort();
    foreign
}

/// What a manifest lists: its files, and the folders that hold them.
struct Known<'a> {
    files: HashSet<&'a str>,
    folders: HashSet<&'a str>,
}

impl Known<'_> {
    /// The foreign entries of the folder `dir`, which is `prefix` (`""` or `begrippen/`)
    /// inside the output.
    fn foreign_in(&self, dir: &Path, prefix: &str) -> Vec<String> {
        use rayon::prelude::*;
        let Ok(entries) = fs::read_dir(dir) else {
            return vec![if prefix.is_empty() { ".".into() } else { prefix.to_string() }];
        };
        let mut foreign = Vec::new();
        let mut subfolders = Vec::new();
        let mut rel = String::from(prefix);
        for entry in entries.filter_map(|e| e.ok()) {
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                foreign.push(format!("{prefix}{}", name.to_string_lossy()));
                continue;
            };
            rel.truncate(prefix.len());
            rel.push_str(name);
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                if self.folders.contains(rel.as_str()) {
                    subfolders.push((entry.path(), format!("{rel}/")));
                } else {
                    foreign.push(format!("{rel}/"));
                }
            } else if !(kind.is_file() && (self.files.contains(rel.as_str()) || rel == MARKER)) {
                foreign.push(rel.clone());
            }
        }
        let below: Vec<String> =
            subfolders.par_iter().flat_map_iter(|(path, prefix)| self.foreign_in(path, prefix)).collect();
        foreign.extend(below);
        foreign
    }
}

/// The entries at the top of `output` that its marker does not account for: the quick look
/// just before a swap, for files put there while the site was being built.
pub(crate) fn foreign_at_top(output: &Path) -> Vec<String> {
    let Ok(manifest) = fs::read_to_string(output.join(MARKER)) else { return top_level(output) };
    let mut top: HashSet<&str> = HashSet::new();
    for line in manifest.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        top.insert(line.split('/').next().unwrap_or(line));
    }
    let mut foreign: Vec<String> = top_level(output)
        .into_iter()
        .filter(|name| {
            let bare = name.trim_end_matches('/');
            bare != MARKER && !top.contains(bare)
        })
        .collect();
    foreign.sort();
    foreign
}

/// The marker's text for a build that wrote `paths`.
pub(crate) fn manifest<'a>(paths: impl IntoIterator<Item = &'a str>) -> String {
    let mut text = String::from(MARKER_HEADER);
    for p in paths {
        text.push_str(p);
        text.push('\n');
    }
    text
}

/// Whether `dir` carries the marker (only its first bytes are read).
pub fn is_marked(dir: &Path) -> bool {
    fs::File::open(dir.join(MARKER))
        .and_then(|mut f| {
            use std::io::Read;
            let mut head = [0u8; MARKER_MAGIC.len()];
            f.read_exact(&mut head).map(|()| head == *MARKER_MAGIC.as_bytes())
        })
        .unwrap_or(false)
}

/// Removes the staging folders and moved-aside outputs that earlier builds of `output` left
/// behind when they were killed: only those carrying the marker, made by a process that no
/// longer runs. Returns what was removed.
pub(crate) fn remove_leftovers(output: &Path) -> Vec<PathBuf> {
    let (Some(parent), Some(name)) = (output.parent(), output.file_name().and_then(|n| n.to_str())) else {
        return Vec::new();
    };
    let Ok(entries) = fs::read_dir(parent) else { return Vec::new() };
    let mut removed = Vec::new();
    for entry in entries.filter_map(|e| e.ok()) {
        let file_name = entry.file_name();
        let Some(pid) = file_name.to_str().and_then(|n| leftover_pid(n, name)) else { continue };
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir
            && pid != std::process::id()
            && !process_runs(pid)
            && is_marked(&path)
            && super::remove_tree(&path).is_ok()
        {
            removed.push(path);
        }
    }
    removed
}

/// The process id in `.{output}.wegwijs-new-{pid}` or `.{output}.wegwijs-old-{pid}`.
fn leftover_pid(name: &str, output: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_prefix(output)?.strip_prefix(".wegwijs-")?;
    let pid = rest.strip_prefix("new-").or_else(|| rest.strip_prefix("old-"))?;
    pid.parse().ok()
}

/// Whether a process with this id runs. Where the system cannot tell (no `/proc`), it is
/// assumed to run, so that nothing is removed on a guess.
fn process_runs(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return true;
    }
    proc.join(pid.to_string()).exists()
}

/// `path` made absolute, with symlinks and `..` resolved as the system would: the longest
/// part that exists is canonicalised, the rest is appended with `.` and `..` worked out.
pub(crate) fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf())
    };
    let mut existing = absolute.clone();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    let base = loop {
        if let Ok(c) = fs::canonicalize(&existing) {
            break c;
        }
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            // `..` or `.` at the end, or nothing exists at all: work it out by the letters.
            _ => break lexical(&existing),
        }
    };
    let mut out = base;
    for part in rest.iter().rev() {
        match Path::new(part).components().next() {
            Some(Component::ParentDir) => {
                out.pop();
            }
            Some(Component::CurDir) | None => {}
            _ => out.push(part),
        }
    }
    out
}

/// `.` and `..` worked out by the letters of the path.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
