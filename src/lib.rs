//! wegwijs turns a folder of Markdown files with YAML front matter into a searchable static
//! website for a knowledge base on culture-sensitive work.
//!
//! Data flows one way through stages, one module each:
//!
//! ```text
//! config ─▶ load ─▶ model ─▶ render ─▶ index ─▶ write
//!  yaml     walk,    pages,   markdown,  search   temp folder,
//!           front    sections, templates  index   then swap
//!           matter   taxonomies,
//!                    link table
//! ```
//!
//! Each stage is a function over the previous stage's immutable output and returns new values
//! plus [`Diagnostic`]s; nothing is written until every stage has succeeded. `check` runs the
//! same stages without `write`; the CLI and a preview server sit around this core.

// Diagnostics are the error type of every stage. They are large (they carry the source line),
// but they are the rare path and a box per error would only add noise.
#![allow(clippy::result_large_err)]

pub mod config;
pub mod date;
pub mod diagnostic;
pub mod index;
pub mod kind;
pub mod load;
pub mod model;
pub mod render;
pub mod text;
pub mod theme;
pub mod write;
mod yaml;

use std::path::PathBuf;
use std::time::{Duration, Instant};

pub use config::{Config, Overrides};
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
use kind::Kind;
use write::OutputFile;

/// Receives progress of the long stages (a progress bar on a terminal, nothing in tests).
pub trait Progress: Sync {
    fn start(&self, _stage: &'static str, _total: usize) {}
    fn advance(&self, _n: usize) {}
    fn finish(&self) {}
}

/// A [`Progress`] that shows nothing.
pub struct NoProgress;
impl Progress for NoProgress {}

/// How long each stage took.
#[derive(Debug, Default, Clone)]
pub struct Timings(pub Vec<(&'static str, Duration)>);

impl Timings {
    fn time<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.0.push((stage, start.elapsed()));
        out
    }

    pub fn total(&self) -> Duration {
        self.0.iter().map(|(_, d)| *d).sum()
    }
}

/// Everything a run of the stages produced, before writing.
pub struct Generated {
    pub config: Config,
    pub site: model::Site,
    pub files: Vec<OutputFile>,
    /// Pages rendered from templates that are not content pages (lists, taxonomies, feeds).
    pub generated_pages: usize,
}

/// What a build did, for the summary line.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub pages_per_kind: Vec<(Kind, usize)>,
    pub sections: usize,
    pub other_pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub output: PathBuf,
    pub timings: Timings,
    /// Warnings (a build with errors does not report, it fails).
    pub diagnostics: Diagnostics,
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// The input has errors; nothing was written.
    Content(Diagnostics),
    /// Writing the output failed; the previous output is untouched.
    Write(write::WriteError),
}

/// Runs config, load, model, render and index; collects every diagnostic. Returns the output
/// only when there are no errors.
pub fn generate(
    root: &std::path::Path,
    overrides: &Overrides,
    timings: &mut Timings,
    progress: &dyn Progress,
) -> (Option<Generated>, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let config = match timings.time("config", || Config::load(root, overrides)) {
        Ok(c) => c,
        Err(d) => {
            diagnostics.extend(d);
            return (None, diagnostics);
        }
    };
    let theme = theme::load(&config);
    let loaded = timings.time("load", || load::run(&config));
    diagnostics.extend(loaded.diagnostics.iter().cloned());
    let built = timings.time("model", || model::build(&config, loaded));
    diagnostics.extend(built.diagnostics);
    let site = built.site;
    let theme = match theme {
        Ok(t) => t,
        Err(d) => {
            diagnostics.extend(d);
            diagnostics.sort();
            return (None, diagnostics);
        }
    };
    let rendered = timings.time("render", || render::run(&config, &site, &theme, progress));
    diagnostics.extend(rendered.diagnostics);
    let index_files = timings.time("index", || index::build(&site, &rendered.bodies));
    diagnostics.sort();
    if diagnostics.has_errors() {
        return (None, diagnostics);
    }
    let mut files = rendered.files;
    let generated_pages = files.iter().filter(|f| f.path.ends_with(".html")).count() - site.pages.len();
    files.extend(index_files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (Some(Generated { config, site, files, generated_pages }), diagnostics)
}

/// Builds the site in `root` into its output folder, atomically.
pub fn build(
    root: &std::path::Path,
    overrides: &Overrides,
    progress: &dyn Progress,
) -> Result<BuildReport, BuildError> {
    let mut timings = Timings::default();
    let (generated, diagnostics) = generate(root, overrides, &mut timings, progress);
    let Some(generated) = generated else {
        return Err(BuildError::Content(diagnostics));
    };
    let output = generated.config.output_dir.clone();
    let summary = timings.time("write", || write::run(&output, &generated.files)).map_err(BuildError::Write)?;
    let pages_per_kind =
        Kind::ALL.iter().map(|&k| (k, generated.site.pages_of(k).count())).filter(|(_, n)| *n > 0).collect();
    Ok(BuildReport {
        pages_per_kind,
        sections: generated.site.sections.len(),
        other_pages: generated.generated_pages,
        files: summary.files,
        bytes: summary.bytes,
        output,
        timings,
        diagnostics,
    })
}
