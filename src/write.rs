//! Write stage: the only code that writes the output folder, and it does so atomically.
//!
//! The new site is written into a temporary sibling of the output folder (same file system, so
//! a rename can move it). Only when every file is written does it take the output's place: the
//! old output is renamed aside, the new one renamed in, and the old one removed. A build that
//! fails before that point removes its temporary folder and leaves the previous output exactly
//! as it was.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// One file of the output.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path inside the output folder, with `/`: `begrippen/statushouder/index.html`.
    pub path: String,
    pub content: Content,
}

#[derive(Debug, Clone)]
pub enum Content {
    Bytes(Vec<u8>),
    Static(&'static [u8]),
    /// Copied from a file on disk (static files, assets).
    Copy(PathBuf),
}

impl Content {
    pub fn len(&self) -> u64 {
        match self {
            Content::Bytes(b) => b.len() as u64,
            Content::Static(b) => b.len() as u64,
            Content::Copy(p) => fs::metadata(p).map_or(0, |m| m.len()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes, reading a copied file.
    pub fn bytes(&self) -> io::Result<std::borrow::Cow<'_, [u8]>> {
        Ok(match self {
            Content::Bytes(b) => b.into(),
            Content::Static(b) => (*b).into(),
            Content::Copy(p) => fs::read(p)?.into(),
        })
    }
}

/// What was written.
#[derive(Debug, Default, Clone, Copy)]
pub struct WriteSummary {
    pub files: usize,
    pub bytes: u64,
}

/// An error of the write stage, with the path it concerns.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub error: io::Error,
    pub doing: &'static str,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot {} {}: {}", self.doing, self.path.display(), self.error)
    }
}

fn err<'a>(doing: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> WriteError + 'a {
    move |error| WriteError { path: path.to_path_buf(), error, doing }
}

/// Writes `files` as the new contents of `output`, atomically.
pub fn run(output: &Path, files: &[OutputFile]) -> Result<WriteSummary, WriteError> {
    let output = absolute(output);
    let parent = output.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let name = output.file_name().and_then(|n| n.to_str()).unwrap_or("public").to_string();
    fs::create_dir_all(&parent).map_err(err("create", &parent))?;
    if output.exists() && !output.is_dir() {
        return Err(WriteError {
            path: output.clone(),
            error: io::Error::new(io::ErrorKind::AlreadyExists, "it is a file, not a folder"),
            doing: "replace",
        });
    }
    let staging = parent.join(format!(".{name}.wegwijs-new-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(err("remove", &staging))?;
    }
    let result =
        write_tree(&staging, files).and_then(|summary| swap(&staging, &output, &parent, &name).map(|()| summary));
    if result.is_err() && staging.exists() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn write_tree(staging: &Path, files: &[OutputFile]) -> Result<WriteSummary, WriteError> {
    fs::create_dir(staging).map_err(err("create", staging))?;
    // Folders first, parents before children, each once.
    let dirs: BTreeSet<&str> = files.iter().filter_map(|f| f.path.rfind('/').map(|i| &f.path[..i])).collect();
    for dir in &dirs {
        let d = staging.join(dir);
        fs::create_dir_all(&d).map_err(err("create", &d))?;
    }
    files.par_iter().try_for_each(|f| {
        let dest = staging.join(&f.path);
        match &f.content {
            Content::Bytes(b) => fs::write(&dest, b).map_err(err("write", &dest)),
            Content::Static(b) => fs::write(&dest, b).map_err(err("write", &dest)),
            Content::Copy(src) => fs::copy(src, &dest).map(|_| ()).map_err(err("copy", src)),
        }
    })?;
    let bytes = files.iter().map(|f| f.content.len()).sum();
    Ok(WriteSummary { files: files.len(), bytes })
}

/// Puts `staging` in the place of `output`.
fn swap(staging: &Path, output: &Path, parent: &Path, name: &str) -> Result<(), WriteError> {
    if !output.exists() {
        return fs::rename(staging, output).map_err(err("move into place", output));
    }
    let old = parent.join(format!(".{name}.wegwijs-old-{}", std::process::id()));
    if old.exists() {
        fs::remove_dir_all(&old).map_err(err("remove", &old))?;
    }
    fs::rename(output, &old).map_err(err("move aside", output))?;
    if let Err(e) = fs::rename(staging, output) {
        // Put the previous output back: nothing is lost.
        let _ = fs::rename(&old, output);
        return Err(WriteError { path: output.to_path_buf(), error: e, doing: "move into place" });
    }
    fs::remove_dir_all(&old).map_err(err("remove", &old))
}

fn absolute(p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(p)).unwrap_or_else(|_| p.to_path_buf())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile { path: path.into(), content: Content::Bytes(text.as_bytes().to_vec()) }
    }

    #[test]
    fn replaces_the_output_and_leaves_no_temporary_folders() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        run(&out, &[file("index.html", "een"), file("a/b/index.html", "twee")]).unwrap();
        run(&out, &[file("index.html", "drie")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "drie");
        assert!(!out.join("a").exists());
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec!["public"]);
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
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec!["public"]);
    }
}
