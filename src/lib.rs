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
//! plus [`Diagnostic`]s; nothing is written until every stage has succeeded. One shortcut: the
//! index stage's analysis listens to the render stage's Markdown pass ([`render::Listener`]),
//! so that each page's text is read while it is in the cache; this file composes the two, and
//! neither module knows the other's side. The rest of the index is built beside the planning
//! of the pages and the creation of the output folders, which is mostly file-system work.
//! [`check()`] runs the same stages without `write` (and, on request, checks links to other
//! sites); the CLI and a preview server sit around this core.

// Diagnostics are the error type of every stage. They are large (they carry the source line),
// but they are the rare path and a box per error would only add noise.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod hash;
pub mod index;
pub mod kind;
pub mod language;
pub mod load;
pub mod model;
pub mod render;
pub mod text;
pub mod theme;
pub mod url;
pub mod write;
mod yaml;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use config::{Config, Overrides};
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
use kind::Kind;
use write::Sink;

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
    /// The time of `stage`, which starts at zero.
    fn of(&mut self, stage: &'static str) -> &mut Duration {
        let i = match self.0.iter().position(|(s, _)| *s == stage) {
            Some(i) => i,
            None => {
                self.0.push((stage, Duration::ZERO));
                self.0.len() - 1
            }
        };
        &mut self.0[i].1
    }

    /// Runs `f`, adding its duration to `stage` (a stage may be timed in several parts).
    fn time<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        *self.of(stage) += start.elapsed();
        out
    }

    /// Moves `d` of `from`'s time to `to` (for work done inside another stage's pass).
    fn shift(&mut self, from: &'static str, to: &'static str, d: Duration) {
        let from = self.of(from);
        let d = d.min(*from);
        *from -= d;
        *self.of(to) += d;
    }

    pub fn total(&self) -> Duration {
        self.0.iter().map(|(_, d)| *d).sum()
    }
}

/// What a build did, for the summary line.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub pages_per_kind: Vec<(Kind, usize)>,
    pub sections: usize,
    /// HTML pages besides content pages (lists, taxonomy pages, search, 404).
    pub other_pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub output: PathBuf,
    pub timings: Timings,
    /// Warnings (a build with errors does not report, it fails).
    pub diagnostics: Diagnostics,
    /// The previous output, moved aside and not yet removed (see [`Cleanup`]).
    pub old_output: Option<PathBuf>,
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
            BuildError::Content(d) => write!(f, "the site has {}", d.counts()),
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

/// What to do with the previous output once the new one is in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cleanup {
    /// Remove it before returning.
    Wait,
    /// Leave it to the caller ([`BuildReport::old_output`]); the command line removes it in
    /// a background process so that the command does not wait for it.
    Leave,
}

/// The products of a run of the stages. Files are not among them: they went to the sink.
pub struct Stages {
    pub config: Option<Config>,
    pub site: Option<model::Site>,
    pub bodies: Option<render::Bodies>,
    /// Every output path, sorted.
    pub paths: Vec<String>,
    pub diagnostics: Diagnostics,
}

/// Runs config, load, model, render, index and check, collecting every diagnostic. Once the
/// output is planned, `open_sink` is asked for the sink the files go to (a staging folder for
/// a build); it is not asked when there are errors already, and then nothing is written.
pub fn run_stages<S: Sink + Send, E: Send>(
    root: &Path,
    overrides: &Overrides,
    timings: &mut Timings,
    progress: &dyn Progress,
    open_sink: impl FnOnce(&Config, &[String]) -> Result<S, E> + Send,
) -> Result<(Stages, Option<S>), E> {
    let mut stages =
        Stages { config: None, site: None, bodies: None, paths: Vec::new(), diagnostics: Diagnostics::default() };
    let config = match timings.time("config", || Config::load(root, overrides)) {
        Ok((c, problems)) => {
            stages.diagnostics.extend(problems);
            c
        }
        Err(d) => {
            stages.diagnostics.extend(d);
            stages.diagnostics.sort();
            return Ok((stages, None));
        }
    };
    let (theme, loaded) = timings.time("load", || rayon::join(|| theme::load(&config), || load::run(&config)));
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
            return Ok((stages, None));
        }
    };
    // With search, the index's analyser hears the text of each page as the Markdown pass
    // renders it.
    let analyser = config.search.then(|| index::Analyser::new(language::Language::for_tag(&config.language)));
    let (bodies, page_terms, problems) = timings.time("markdown", || match &analyser {
        Some(a) => render::bodies(&config, &site, &theme, a),
        None => {
            let (bodies, _, problems) = render::bodies(&config, &site, &theme, &());
            (bodies, Vec::new(), problems)
        }
    });
    stages.diagnostics.extend(problems);
    // The analysis is index work: its share of the pass's wall time is its time summed over
    // the threads, divided by the threads (all of them render pages throughout the pass).
    let analysis = analyser.as_ref().map_or(Duration::ZERO, |a| a.busy() / rayon::current_num_threads() as u32);
    // The rest of the index needs only the site and the analysis, so it is built beside the
    // planning of the pages and the creation of the output folders (some 50 ms at 10,000
    // pages, mostly file-system work). Its time in `--timings` is its own duration.
    let diagnostics = &mut stages.diagnostics;
    let (index, planned) = rayon::join(
        || {
            analyser.map(|a| {
                let start = Instant::now();
                let files = index::build(&site, a, &page_terms);
                (files, start.elapsed())
            })
        },
        || -> Result<_, E> {
            let pages = match timings.time("render", || render::Pages::new(&config, &site, &theme, &bodies)) {
                Ok(p) => Some(p),
                Err(d) => {
                    diagnostics.extend(d);
                    None
                }
            };
            let mut paths = pages.as_ref().map(render::Pages::output_paths).unwrap_or_default();
            // Write only what can be published: with errors already, or two outputs on one
            // path, nothing is written at all.
            let sink = if diagnostics.has_errors() || pages.is_none() || has_clashes(&mut paths) {
                None
            } else {
                Some(open_sink(&config, &paths)?)
            };
            Ok((pages, paths, sink))
        },
    );
    drop(page_terms);
    let (pages, mut paths, sink) = planned?;
    let discard = write::Discard::default();
    let target: &dyn Sink = match &sink {
        Some(s) => s,
        None => &discard,
    };
    // The templates run alone: beside the index they only compete for the same cores and for
    // memory bandwidth (measured: 15 % slower on two cores).
    if let Some(pages) = &pages {
        let problems = timings.time("render", || pages.render(target, progress));
        stages.diagnostics.extend(problems);
    }
    drop(pages);
    if let Some((index_files, took)) = index {
        paths.extend(index_files.iter().map(|f| f.path.clone()));
        timings.time("index", || index_files.into_par_iter().for_each(|f| target.put(f)));
        timings.shift("markdown", "index", analysis);
        *timings.of("index") += took;
    }
    paths.sort_unstable();
    let found = timings.time("check", || {
        check::run(&check::Input {
            config: &config,
            site: &site,
            theme: &theme,
            bodies: &bodies.pages,
            section_bodies: &bodies.sections,
            paths: &paths,
        })
    });
    stages.diagnostics.extend(found);
    stages.diagnostics.sort();
    stages.config = Some(config);
    stages.site = Some(site);
    stages.bodies = Some(bodies);
    stages.paths = paths;
    Ok((stages, sink))
}

/// The output folder of a build of `config`, resolved and checked: placed apart from the
/// site's own folders, and missing, empty or made by an earlier build. With `tidy`, what
/// killed builds of it left behind is removed first. See [`write::ownership`].
fn output_folder(config: &Config, tidy: bool) -> Result<PathBuf, write::ownership::Refusal> {
    use write::ownership;
    let output = ownership::place(&config.output_dir, &ownership::protected_folders(config))?;
    if tidy {
        ownership::remove_leftovers(&output);
    }
    ownership::inspect(&output)?;
    Ok(output)
}

/// What would stop a build at its output folder, as a diagnostic: at `output_dir` in the
/// config file when the folder comes from there.
fn output_problem(config: &Config, overrides: &Overrides) -> Option<Diagnostic> {
    let refusal = output_folder(config, false).err()?;
    let d = if overrides.output_dir.is_none() && config.file.is_some() && config.file_text.contains("output_dir:") {
        config.diagnostic_at_key("output_dir", refusal.code, refusal.message)
    } else {
        Diagnostic::error(refusal.code, refusal.message)
    };
    Some(d.help(refusal.help))
}

/// Whether two planned outputs take the same path, or a file takes a folder's name. The check
/// stage explains such conflicts; until then nothing may be written.
fn has_clashes(paths: &mut [String]) -> bool {
    paths.sort_unstable();
    !write::conflicts(paths).is_empty()
}

/// What `wegwijs check` found.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub diagnostics: Diagnostics,
    pub pages: usize,
    /// How many distinct external links were checked, with `--external`.
    pub external_links: Option<usize>,
    pub timings: Timings,
}

/// Runs every stage and check without writing anything; with `external`, also checks links to
/// other sites over HTTP.
pub fn check(
    root: &Path,
    overrides: &Overrides,
    external: Option<&check::external::Options>,
    progress: &dyn Progress,
) -> CheckReport {
    let mut timings = Timings::default();
    let no_sink = |_: &Config, _: &[String]| -> Result<write::Discard, std::convert::Infallible> {
        Ok(write::Discard::default())
    };
    let Ok((mut stages, _)) = run_stages(root, overrides, &mut timings, progress, no_sink);
    if let Some(d) = stages.config.as_ref().and_then(|c| output_problem(c, overrides)) {
        stages.diagnostics.push(d);
        stages.diagnostics.sort();
    }
    let mut external_links = None;
    if let (Some(options), Some(site), Some(bodies)) = (external, &stages.site, &stages.bodies) {
        let links = check::external::collect(site, &bodies.pages, &bodies.sections);
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

/// Builds the site in `root` into its output folder, atomically: files are written into a
/// staging folder as they are rendered, which replaces the output only when the whole build
/// succeeded.
pub fn build(
    root: &Path,
    overrides: &Overrides,
    progress: &dyn Progress,
    cleanup: Cleanup,
) -> Result<BuildReport, BuildError> {
    let mut timings = Timings::default();
    let open = |config: &Config, paths: &[String]| {
        let output = output_folder(config, true).map_err(BuildError::Output)?;
        write::Staging::create(&output, paths.iter().map(String::as_str)).map_err(BuildError::Write)
    };
    let (mut stages, staging) = run_stages(root, overrides, &mut timings, progress, open)?;
    if staging.is_none()
        && let Some(d) = stages.config.as_ref().and_then(|c| output_problem(c, overrides))
    {
        // Said in the same run as the content's errors, so that one run shows all there is to fix.
        stages.diagnostics.push(d);
        stages.diagnostics.sort();
    }
    let (Some(config), Some(site), Some(staging)) = (stages.config, stages.site, staging) else {
        return Err(BuildError::Content(stages.diagnostics));
    };
    if stages.diagnostics.has_errors() {
        // Dropping the staging folder removes it; the previous output stays as it was.
        drop(staging);
        return Err(BuildError::Content(stages.diagnostics));
    }
    let committed =
        timings.time("write", || staging.commit(stages.paths.iter().map(String::as_str))).map_err(BuildError::Write)?;
    let mut old_output = committed.old;
    if cleanup == Cleanup::Wait
        && let Some(old) = old_output.take()
    {
        timings.time("cleanup", || write::remove_tree(&old)).map_err(|error| {
            BuildError::Write(write::WriteError {
                path: old.clone(),
                error,
                doing: "remove the previous output in",
                previous: write::Previous::InPlace,
            })
        })?;
    }
    let html = stages.paths.iter().filter(|p| p.ends_with(".html")).count();
    let pages_per_kind = Kind::ALL.iter().map(|&k| (k, site.pages_of(k).count())).filter(|(_, n)| *n > 0).collect();
    let report = BuildReport {
        pages_per_kind,
        sections: site.sections.len(),
        other_pages: html.saturating_sub(site.pages.len()),
        files: committed.summary.files,
        bytes: committed.summary.bytes,
        output: config.output_dir.clone(),
        timings,
        diagnostics: stages.diagnostics,
        old_output,
    };
    // The model and the rendered bodies are large; freeing them is work the caller does not
    // wait for (a process that exits frees nothing).
    let bodies = stages.bodies;
    std::thread::spawn(move || drop((site, bodies)));
    Ok(report)
}
