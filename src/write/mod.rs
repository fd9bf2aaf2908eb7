//! Write stage: the only code that writes the output folder, and it does so atomically.
//!
//! The new site is written into a temporary sibling of the output folder ([`Staging`], on the
//! same file system so a rename can move it). It is the [`Sink`] of a build: files are handed
//! to it as they are produced, so writing overlaps rendering and no stage holds the whole
//! output in memory. Only when every stage has succeeded does [`Staging::commit`] put it in the output's
//! place: the old output is renamed aside, the new one renamed in. A build that fails drops its
//! staging folder and leaves the previous output exactly as it was.
//!
//! Removing the old tree is left to the caller ([`Committed::old`], handed on as
//! `report::PreviousOutput`): the command line removes it in a background process, so the
//! command does not wait for thousands of unlinks.
//!
//! Which folder may be replaced at all is decided first, by [`ownership`]: a build never
//! deletes what it did not make.

pub mod ownership;
pub(crate) mod precompress;

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::output::{Content, OutputFile, Sink, WriteSummary};

/// An error of the write stage, with the path it concerns.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub(crate) error: io::Error,
    pub(crate) doing: &'static str,
    /// Where the previous output is now: in its place, unless putting it back failed.
    pub previous: Previous,
}

/// Where the previous output is after a failed write, as checked, not as hoped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Previous {
    /// Untouched, or moved back and found in its place again.
    InPlace,
    /// Moved aside and could not be put back: it is in this folder.
    Aside(PathBuf),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot {} {}: {}", self.doing, self.path.display(), self.error)
    }
}

impl WriteError {
    /// What failed, to say in the language of the messages.
    pub fn message(&self) -> crate::messages::Msg {
        let doing = match self.doing {
            "copy" => crate::msg!("write-error.copy"),
            "create" => crate::msg!("write-error.create"),
            "move aside" => crate::msg!("write-error.move-aside"),
            "move into place" => crate::msg!("write-error.move-into-place"),
            "remove" => crate::msg!("write-error.remove"),
            "replace" => crate::msg!("write-error.replace"),
            _ => crate::msg!("write-error.write"),
        };
        crate::msg!("write-error", doing, path = self.path.display(), reason = &self.error)
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

fn err<'a>(doing: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> WriteError + 'a {
    move |error| WriteError { path: path.to_path_buf(), error, doing, previous: Previous::InPlace }
}

/// The temporary folder a build writes into, next to the output folder.
#[derive(Debug)]
pub(crate) struct Staging {
    output: PathBuf,
    dir: PathBuf,
    files: AtomicUsize,
    bytes: AtomicU64,
    /// The first error; later files are not written once there is one.
    error: Mutex<Option<WriteError>>,
    committed: bool,
    /// With `precompress`: the gzipped copies to write beside the text files.
    copies: Option<Copies>,
}

/// What the staging folder knows of the gzipped copies (see [`precompress`]).
#[derive(Debug, Default)]
struct Copies {
    /// Planned paths that end in `.gz`: files of the site itself, which no copy replaces.
    taken: HashSet<String>,
    /// The copies written, for the marker.
    written: Mutex<Vec<String>>,
}

/// A committed build.
#[derive(Debug)]
pub(crate) struct Committed {
    pub(crate) summary: WriteSummary,
    /// The previous output, moved aside; the caller removes it ([`remove_tree`]).
    pub(crate) old: Option<PathBuf>,
}

impl Staging {
    /// Creates the staging folder for `output`, with the folders of `paths` in it. `output`
    /// must have been checked by [`ownership::place`] and [`ownership::inspect`].
    pub(crate) fn create<'a>(output: &Path, paths: impl IntoIterator<Item = &'a str>) -> Result<Staging, WriteError> {
        let output = output.to_path_buf();
        let parent = output.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        fs::create_dir_all(&parent).map_err(err("create", &parent))?;
        let dir = sibling(&output, "new");
        // A folder of a killed build whose process id this one got again.
        clear_leftover(&dir, "create the staging folder")?;
        fs::create_dir(&dir).map_err(err("create", &dir))?;
        // Marked from the start, so that the next build can tell a killed build's folder.
        let marker = dir.join(ownership::MARKER);
        fs::write(&marker, ownership::manifest([])).map_err(err("write", &marker))?;
        let staging = Staging {
            output,
            dir,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            error: Mutex::new(None),
            committed: false,
            copies: None,
        };
        // Folders first, each once, so that files then only need `open`: level by level
        // (parents before children), the folders of a level in parallel.
        let mut levels: Vec<BTreeSet<&str>> = Vec::new();
        for path in paths {
            let mut dir = path;
            while let Some(i) = dir.rfind('/') {
                dir = &dir[..i];
                let depth = dir.bytes().filter(|&b| b == b'/').count();
                if levels.len() <= depth {
                    levels.resize_with(depth + 1, BTreeSet::new);
                }
                if !levels[depth].insert(dir) {
                    break;
                }
            }
        }
        for level in &levels {
            level.par_iter().try_for_each(|d| {
                let full = staging.dir.join(d);
                fs::create_dir(&full).map_err(err("create", &full))
            })?;
        }
        Ok(staging)
    }

    /// Writes a gzipped copy beside each text file from now on (see [`precompress`]), except
    /// where `planned`, the paths of the build, already has a file of that name.
    pub(crate) fn precompress<'a>(mut self, planned: impl IntoIterator<Item = &'a str>) -> Staging {
        let taken = planned.into_iter().filter(|p| p.ends_with(".gz")).map(String::from).collect();
        self.copies = Some(Copies { taken, written: Mutex::default() });
        self
    }

    /// The gzipped copy of `file`, just written, when it gets one: its size, or 0.
    fn write_copy(&self, copies: &Copies, file: &OutputFile) -> Result<u64, WriteError> {
        let Some(path) = precompress::copy_path(&file.path).filter(|p| !copies.taken.contains(p)) else {
            return Ok(0);
        };
        let read;
        let bytes: &[u8] = match &file.content {
            Content::Bytes(b) => b,
            Content::Shared(b) => b,
            Content::Static(b) => b,
            Content::Copy(_) => {
                let written = self.dir.join(&file.path);
                read = fs::read(&written).map_err(err("write", &written))?;
                &read
            }
        };
        let Some(gz) = precompress::gzip(bytes) else { return Ok(0) };
        let dest = self.dir.join(&path);
        fs::write(&dest, &gz).map_err(err("write", &dest))?;
        copies.written.lock().unwrap_or_else(|e| e.into_inner()).push(path);
        Ok(gz.len() as u64)
    }

    fn write(&self, file: &OutputFile) -> Result<u64, WriteError> {
        let dest = self.dir.join(&file.path);
        // A failed copy names its source, the file the user can do something about.
        let failed = |error: io::Error| match &file.content {
            Content::Copy(src) => WriteError { path: src.clone(), error, doing: "copy", previous: Previous::InPlace },
            _ => WriteError { path: dest.clone(), error, doing: "write", previous: Previous::InPlace },
        };
        // The load stage checked every file to copy; one that has since become a link (which
        // could lead out of the site) or another kind of file is not copied.
        if let Content::Copy(src) = &file.content {
            match fs::symlink_metadata(src) {
                Ok(m) if m.is_file() => {}
                Ok(_) => return Err(failed(io::Error::other("it is no longer a regular file"))),
                Err(e) => return Err(failed(e)),
            }
        }
        let attempt = |dest: &Path| -> io::Result<u64> {
            match &file.content {
                Content::Bytes(b) => fs::write(dest, b).map(|()| b.len() as u64),
                Content::Shared(b) => fs::write(dest, b).map(|()| b.len() as u64),
                Content::Static(b) => fs::write(dest, b).map(|()| b.len() as u64),
                Content::Copy(src) => fs::copy(src, dest),
            }
        };
        match attempt(&dest) {
            // A folder not planned up front; another thread may be creating it right now, which
            // `create_dir_all` allows.
            Err(e) if e.kind() == io::ErrorKind::NotFound && dest.parent().is_some() => {
                let parent = dest.parent().expect("checked");
                fs::create_dir_all(parent).map_err(err("create", parent))?;
                attempt(&dest).map_err(failed)
            }
            Err(e) => Err(failed(e)),
            Ok(n) => Ok(n),
        }
    }

    /// The first error a `put` met, if any.
    fn take_error(&self) -> Option<WriteError> {
        self.error.lock().unwrap_or_else(|e| e.into_inner()).take()
    }

    /// Puts the staging folder in the output's place, with a marker listing `paths`, the
    /// files written. The previous output is moved aside, never removed here.
    pub(crate) fn commit<'a>(mut self, paths: impl IntoIterator<Item = &'a str>) -> Result<Committed, WriteError> {
        if let Some(e) = self.take_error() {
            return Err(e);
        }
        let summary =
            WriteSummary { files: self.files.load(Ordering::Relaxed), bytes: self.bytes.load(Ordering::Relaxed) };
        let marker = self.dir.join(ownership::MARKER);
        let mut manifest = ownership::manifest(paths);
        if let Some(copies) = self.copies.take() {
            let mut written = copies.written.into_inner().unwrap_or_else(|e| e.into_inner());
            written.sort_unstable();
            // One path a line, as `manifest` writes them.
            for path in written {
                manifest.push_str(&path);
                manifest.push('\n');
            }
        }
        fs::write(&marker, manifest).map_err(err("write", &marker))?;
        let old = if fs::symlink_metadata(&self.output).is_ok() {
            // Looked at again just before it goes (the whole folder was checked before the
            // build began): files may have been put at its top while the site was built.
            let foreign = ownership::foreign_at_top(&self.output);
            if !foreign.is_empty() {
                return Err(WriteError {
                    path: self.output.clone(),
                    error: io::Error::other(format!(
                        "files were put there during the build that wegwijs did not make: {}; move them out and build again",
                        foreign.join(", ")
                    )),
                    doing: "replace",
                    previous: Previous::InPlace,
                });
            }
            let old = sibling(&self.output, "old");
            clear_leftover(&old, "move the previous output aside to")?;
            swap(&self.output, &self.dir, &old)?;
            Some(old)
        } else {
            fs::rename(&self.dir, &self.output).map_err(err("move into place", &self.output))?;
            None
        };
        self.committed = true;
        Ok(Committed { summary, old })
    }
}

/// Removes what an earlier build left at `dir` (a staging folder or a moved-aside output),
/// so that this build can use the name; refuses when something there was not made by wegwijs.
fn clear_leftover(dir: &Path, doing: &'static str) -> Result<(), WriteError> {
    if fs::symlink_metadata(dir).is_err() {
        return Ok(());
    }
    if !ownership::is_marked(dir) {
        return Err(WriteError {
            path: dir.to_path_buf(),
            error: io::Error::new(io::ErrorKind::AlreadyExists, "it was not made by wegwijs"),
            doing,
            previous: Previous::InPlace,
        });
    }
    remove_tree(dir).map_err(err("remove", dir))
}

/// Moves `output` aside to `old` and `new` into its place. When the second move fails, the
/// previous output is moved back, and the error says where it is after looking.
fn swap(output: &Path, new: &Path, old: &Path) -> Result<(), WriteError> {
    fs::rename(output, old).map_err(err("move aside", output))?;
    if let Err(e) = fs::rename(new, output) {
        let restored = fs::rename(old, output).is_ok() && output.is_dir() && !old.exists();
        let previous = if restored { Previous::InPlace } else { Previous::Aside(old.to_path_buf()) };
        return Err(WriteError { path: output.to_path_buf(), error: e, doing: "move into place", previous });
    }
    Ok(())
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) {
        if self.error.lock().unwrap_or_else(|e| e.into_inner()).is_some() {
            return;
        }
        let written = self.write(&file).and_then(|n| {
            self.files.fetch_add(1, Ordering::Relaxed);
            self.bytes.fetch_add(n, Ordering::Relaxed);
            match &self.copies {
                Some(copies) => self.write_copy(copies, &file),
                None => Ok(0),
            }
        });
        match written {
            Ok(0) => {}
            Ok(n) => {
                self.files.fetch_add(1, Ordering::Relaxed);
                self.bytes.fetch_add(n, Ordering::Relaxed);
            }
            Err(e) => {
                self.error.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(e);
            }
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// `.public.wegwijs-new-<pid>` beside `public`.
fn sibling(output: &Path, what: &str) -> PathBuf {
    let name = output.file_name().and_then(|n| n.to_str()).unwrap_or("public");
    output.with_file_name(format!(".{name}.wegwijs-{what}-{}", std::process::id()))
}

/// Removes a folder tree, in parallel over its top-level entries. Links are removed, never
/// followed.
pub fn remove_tree(path: &Path) -> io::Result<()> {
    if fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "it is a link, not a folder"));
    }
    if let Ok(entries) = fs::read_dir(path) {
        let entries: Vec<(PathBuf, bool)> =
            entries.filter_map(|e| e.ok()).map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_dir()))).collect();
        entries.par_iter().for_each(|(p, is_dir)| {
            let _ = if *is_dir { fs::remove_dir_all(p) } else { fs::remove_file(p) };
        });
    }
    fs::remove_dir_all(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile { path: path.into(), content: Content::Bytes(text.as_bytes().to_vec()) }
    }

    /// A whole build's writing: `files` as the new contents of `output`, the old one removed.
    fn run(output: &Path, files: &[OutputFile]) -> Result<WriteSummary, WriteError> {
        let staging = Staging::create(output, files.iter().map(|f| f.path.as_str()))?;
        files.par_iter().for_each(|f| staging.put(f.clone()));
        let committed = staging.commit(files.iter().map(|f| f.path.as_str()))?;
        if let Some(old) = &committed.old {
            remove_tree(old).map_err(err("remove", old))?;
        }
        Ok(committed.summary)
    }

    fn names(dir: &Path) -> Vec<std::ffi::OsString> {
        let mut n: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        n.sort();
        n
    }

    #[test]
    fn replaces_the_output_and_leaves_no_temporary_folders() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        run(&out, &[file("index.html", "een"), file("a/b/index.html", "twee")]).unwrap();
        run(&out, &[file("index.html", "drie")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "drie");
        assert!(!out.join("a").exists());
        assert_eq!(names(dir.path()), vec!["public"]);
    }

    #[test]
    fn a_failed_write_keeps_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        run(&out, &[file("index.html", "een")]).unwrap();
        // A copy from a missing file fails halfway through.
        let bad = OutputFile { path: "x.css".into(), content: Content::Copy(dir.path().join("missing.css")) };
        assert!(run(&out, &[file("index.html", "twee"), bad]).is_err());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "een");
        assert_eq!(names(dir.path()), vec!["public"]);
    }

    #[test]
    #[cfg(unix)]
    fn a_failed_copy_names_its_source_and_a_link_is_not_copied() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let missing = dir.path().join("missing.css");
        let e =
            run(&out, &[OutputFile { path: "a/x.css".into(), content: Content::Copy(missing.clone()) }]).unwrap_err();
        assert_eq!(e.path, missing);
        // A file that became a link after the load stage checked it is not followed.
        fs::write(dir.path().join("geheim.txt"), "geheim").unwrap();
        let link = dir.path().join("link.css");
        std::os::unix::fs::symlink(dir.path().join("geheim.txt"), &link).unwrap();
        let e = run(&out, &[OutputFile { path: "x.css".into(), content: Content::Copy(link.clone()) }]).unwrap_err();
        assert_eq!(e.path, link);
        assert!(!out.exists());
    }

    #[test]
    fn an_abandoned_staging_folder_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = Staging::create(&out, ["a/index.html"]).unwrap();
        staging.put(file("a/index.html", "x"));
        staging.put(file("late/folder/file.json", "y"));
        drop(staging);
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn commit_hands_back_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        run(&out, &[file("index.html", "een")]).unwrap();
        let staging = Staging::create(&out, ["index.html"]).unwrap();
        staging.put(file("index.html", "twee"));
        let committed = staging.commit(["index.html"]).unwrap();
        assert_eq!(committed.summary.files, 1);
        let old = committed.old.unwrap();
        assert_eq!(fs::read_to_string(old.join("index.html")).unwrap(), "een");
        remove_tree(&old).unwrap();
        assert_eq!(names(dir.path()), vec!["public"]);
    }

    #[test]
    fn a_failed_swap_puts_the_previous_output_back_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        run(&out, &[file("index.html", "een")]).unwrap();
        // The new folder is missing: moving it into place fails after the previous output was
        // moved aside.
        let e = swap(&out, &dir.path().join("gone"), &sibling(&out, "old")).unwrap_err();
        assert_eq!(e.doing, "move into place");
        assert_eq!(e.previous, Previous::InPlace);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "een");
        assert_eq!(names(dir.path()), vec!["public"]);
    }

    #[test]
    fn removing_a_tree_never_follows_links() {
        let dir = tempfile::tempdir().unwrap();
        let precious = dir.path().join("precious");
        fs::create_dir(&precious).unwrap();
        fs::write(precious.join("keep.txt"), "keep").unwrap();
        let tree = dir.path().join("tree");
        fs::create_dir_all(tree.join("a")).unwrap();
        std::os::unix::fs::symlink(&precious, tree.join("link")).unwrap();
        std::os::unix::fs::symlink(&precious, tree.join("a/link")).unwrap();
        remove_tree(&tree).unwrap();
        assert!(!tree.exists());
        assert_eq!(fs::read_to_string(precious.join("keep.txt")).unwrap(), "keep");
        // A link given as the tree is refused, and its target stays.
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&precious, &link).unwrap();
        assert!(remove_tree(&link).is_err());
        assert!(precious.join("keep.txt").is_file());
    }

    #[test]
    fn a_file_put_into_the_output_during_the_build_stops_the_swap() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        run(&out, &[file("index.html", "een")]).unwrap();
        let staging = Staging::create(&out, ["index.html"]).unwrap();
        staging.put(file("index.html", "twee"));
        fs::write(out.join("CNAME"), "kennisbank.example.nl").unwrap();
        let e = staging.commit(["index.html"]).unwrap_err();
        assert!(e.to_string().contains("CNAME"), "{e}");
        assert_eq!(e.previous, Previous::InPlace);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "een");
        assert_eq!(fs::read_to_string(out.join("CNAME")).unwrap(), "kennisbank.example.nl");
        assert_eq!(names(dir.path()), vec!["public"]);
    }
}
