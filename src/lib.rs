//! wegwijs turns a folder of Markdown files with YAML front matter into a searchable static
//! website for a knowledge base on culture-sensitive work.
//!
//! Data flows one way through stages, one module each:
//!
//! ```text
//! config ─▶ load ─▶ model ─▶ render ─▶ index ─▶ check ─▶ write
//!  yaml     walk,    pages,   markdown,  search   site-wide  temp folder,
//!           front    sections, templates  index   checks     then swap
//!           matter   taxonomies,
//!                    link table
//! ```
//!
//! Each stage is a function over the previous stage's immutable output and returns new values
//! plus [`Diagnostic`]s; nothing is written until every stage has succeeded. [`check()`] runs the
//! same stages without `write` (and, on request, checks links to other sites); the CLI and a
//! preview server sit around this core.

// Diagnostics are the error type of every stage. They are large (they carry the source line),
// but they are the rare path and a box per error would only add noise.
#![allow(clippy::result_large_err)]

pub mod check;
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

/// What the stages produced, as far as they got: a stage that cannot run leaves its output and
/// those of the stages after it `None`.
pub struct Stages {
    pub config: Option<Config>,
    pub site: Option<model::Site>,
    /// The render stage's result; its files are moved to `files`.
    pub rendered: Option<render::Rendered>,
    /// Every output file, sorted by path.
    pub files: Vec<OutputFile>,
    pub diagnostics: Diagnostics,
}

/// Runs config, load, model, render, index and the site-wide checks; collects every diagnostic,
/// sorted. Writes nothing.
pub fn run_stages(
    root: &std::path::Path,
    overrides: &Overrides,
    timings: &mut Timings,
    progress: &dyn Progress,
) -> Stages {
    let mut stages =
        Stages { config: None, site: None, rendered: None, files: Vec::new(), diagnostics: Diagnostics::default() };
    let config = match timings.time("config", || Config::load(root, overrides)) {
        Ok((c, problems)) => {
            stages.diagnostics.extend(problems);
            c
        }
        Err(d) => {
            stages.diagnostics.extend(d);
            stages.diagnostics.sort();
            return stages;
        }
    };
    let theme = theme::load(&config);
    let loaded = timings.time("load", || load::run(&config));
    stages.diagnostics.extend(loaded.diagnostics.iter().cloned());
    let built = timings.time("model", || model::build(&config, loaded));
    stages.diagnostics.extend(built.diagnostics);
    let site = built.site;
    let theme = match theme {
        Ok((t, problems)) => {
            stages.diagnostics.extend(problems);
            t
        }
        Err(d) => {
            stages.diagnostics.extend(d);
            stages.diagnostics.sort();
            stages.config = Some(config);
            stages.site = Some(site);
            return stages;
        }
    };
    let mut rendered = timings.time("render", || render::run(&config, &site, &theme, progress));
    stages.diagnostics.extend(std::mem::take(&mut rendered.diagnostics));
    let index_files = timings.time("index", || index::build(&site, &rendered.bodies));
    let mut files = std::mem::take(&mut rendered.files);
    files.extend(index_files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let found = timings.time("check", || {
        check::run(&check::Input {
            config: &config,
            site: &site,
            theme: &theme,
            bodies: &rendered.bodies,
            section_bodies: &rendered.section_bodies,
            files: &files,
        })
    });
    stages.diagnostics.extend(found);
    stages.diagnostics.sort();
    stages.config = Some(config);
    stages.site = Some(site);
    stages.rendered = Some(rendered);
    stages.files = files;
    stages
}

/// Runs every stage but `write`; returns the output only when there are no errors.
pub fn generate(
    root: &std::path::Path,
    overrides: &Overrides,
    timings: &mut Timings,
    progress: &dyn Progress,
) -> (Option<Generated>, Diagnostics) {
    let stages = run_stages(root, overrides, timings, progress);
    let (Some(config), Some(site), Some(_)) = (stages.config, stages.site, stages.rendered) else {
        return (None, stages.diagnostics);
    };
    if stages.diagnostics.has_errors() {
        return (None, stages.diagnostics);
    }
    let files = stages.files;
    let html = files.iter().filter(|f| f.path.ends_with(".html")).count();
    let generated_pages = html.saturating_sub(site.pages.len());
    (Some(Generated { config, site, files, generated_pages }), stages.diagnostics)
}

/// What `check` found.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub diagnostics: Diagnostics,
    /// Content pages checked (0 when the config could not be read).
    pub pages: usize,
    /// Distinct addresses of other sites asked about, with `--external`.
    pub external_links: Option<usize>,
    pub timings: Timings,
}

/// Checks the site in `root` without writing anything: every stage of a build, the site-wide
/// checks, and with `external` the links to other sites.
pub fn check(
    root: &std::path::Path,
    overrides: &Overrides,
    external: Option<&check::external::Options>,
    progress: &dyn Progress,
) -> CheckReport {
    let mut timings = Timings::default();
    let mut stages = run_stages(root, overrides, &mut timings, progress);
    let mut external_links = None;
    if let (Some(options), Some(site), Some(rendered)) = (external, &stages.site, &stages.rendered) {
        let links = check::external::collect(site, &rendered.bodies, &rendered.section_bodies);
        external_links = Some(links.iter().map(|l| l.url.as_str()).collect::<std::collections::BTreeSet<_>>().len());
        let found = timings.time("external", || check::external::check(&links, options));
        stages.diagnostics.extend(found);
        stages.diagnostics.sort();
    }
    CheckReport {
        diagnostics: stages.diagnostics,
        pages: stages.site.as_ref().map_or(0, |s| s.pages.len()),
        external_links,
        timings,
    }
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
