//! What a run gives back to its caller: a [`BuildReport`] or a [`BuildError`] for a build, a
//! [`CheckReport`] for a check.

use std::path::PathBuf;

use crate::diagnostic::Diagnostics;
use crate::kind::Kind;
use crate::progress::Timings;
use crate::write;

/// What a build did, for the summary line.
#[derive(Debug)]
pub struct BuildReport {
    pub pages_per_kind: Vec<(Kind, usize)>,
    /// Pages in the translation languages (`pages_per_kind` counts the site's own language).
    pub translated_pages: usize,
    /// HTML pages besides content pages (lists, taxonomy pages, search, 404).
    pub other_pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub output: PathBuf,
    pub timings: Timings,
    /// Warnings (a build with errors does not report, it fails).
    pub diagnostics: Diagnostics,
    /// The previous output, moved aside at the swap.
    pub previous: Option<PreviousOutput>,
}

/// A previous output that a build moved aside. It is removed when this value is dropped,
/// unless the caller takes it over with [`PreviousOutput::keep`] (the command line removes it
/// in a background process, so the command does not wait for thousands of unlinks).
#[derive(Debug)]
pub struct PreviousOutput(Option<PathBuf>);

impl PreviousOutput {
    pub(crate) fn new(path: PathBuf) -> Self {
        PreviousOutput(Some(path))
    }

    /// Hands the folder to the caller, who removes it ([`write::remove_tree`]).
    pub fn keep(mut self) -> PathBuf {
        self.0.take().expect("present until kept or dropped")
    }
}

impl Drop for PreviousOutput {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = write::remove_tree(&p);
        }
    }
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// The input has errors; nothing was written.
    Content(Diagnostics),
    /// The output folder may not be replaced (see [`write::ownership`]); nothing was written.
    Output(write::ownership::Refusal),
    /// Writing the output failed; [`write::WriteError::previous`] says where the previous
    /// output is.
    Write(write::WriteError),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Content(d) => write!(f, "the site has {}", d.counts().english()),
            BuildError::Output(r) => r.fmt(f),
            BuildError::Write(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Content(_) => None,
            BuildError::Output(r) => Some(r),
            BuildError::Write(e) => Some(e),
        }
    }
}

/// What `wegwijs check` found.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub diagnostics: Diagnostics,
    pub pages: usize,
    /// How many distinct external links were checked, with `--external`.
    pub external_links: Option<usize>,
}
