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
//! Each stage is a function over the previous stages' immutable output and returns new values
//! plus [`Diagnostic`]s; no module imports a later stage. Files go to an [`output::Sink`] as
//! they are made; nothing is written to the output folder until every stage has succeeded.
//! Below the stages sit small shared modules: `diagnostic`, `output` (files and sinks),
//! `progress` (progress and timings), `text`, `url`, `date`, `kind`, `hash`, `portable` (what
//! `--portable` changes), `layers` (a local
//! site over a base: the built-in national base, `exclude` patterns, origins). Beside the
//! pipeline, `scaffold` makes the files of `wegwijs init` and `wegwijs override`.
//!
//! [`run`] below is the whole pipeline. [`build()`] runs it into a staging folder and swaps that
//! in; [`check()`] runs it into nothing (and, on request, checks links to other sites). The
//! CLI and a preview server sit around this core.

// Diagnostics are the error type of every stage. They are large (they carry the source line),
// but they are the rare path and a box per error would only add noise.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod config;
mod content_model;
mod date;
pub mod diagnostic;
mod fingerprint;
mod hash;
pub mod index;
pub mod kind;
pub mod language;
pub mod layers;
mod layout;
pub mod load;
pub mod messages;
pub mod model;
pub mod output;
mod portable;
pub(crate) mod progress;
pub mod render;
pub(crate) mod report;
pub mod scaffold;
pub mod serve;
pub mod text;
pub mod theme;
mod url;
pub mod write;
mod yaml;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use config::{Config, Overrides};
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use progress::{NoProgress, Progress, Timings};
pub use report::{BuildError, BuildReport, CheckReport, PreviousOutput};

use kind::Kind;
use output::Sink;

/// What the preview keeps between its builds, so that a rebuild after an edit reads, renders
/// and indexes only what the edit can have changed (see `load::Memo`, `render::memo`). A run
/// with a memo leaves out the search index stage: it gives the index files of the last run
/// without a memo ([`index_files`]), which the preview makes beside it and puts in `index`.
#[derive(Default)]
pub(crate) struct Memo {
    pub(crate) load: load::Memo,
    pub(crate) bodies: render::BodyMemo,
    pub(crate) outputs: render::OutputMemo,
    /// The search index files of the last whole build.
    pub(crate) index: Vec<output::OutputFile>,
}

impl Memo {
    /// Forgets all but the search index: the next run starts afresh.
    pub(crate) fn clear(&mut self) {
        *self = Memo { index: std::mem::take(&mut self.index), ..Memo::default() };
    }
}

/// What a run of the stages made. Files are not among it: they went to the sink.
pub(crate) struct Run<S> {
    pub(crate) config: Option<Config>,
    pub(crate) site: Option<model::Site>,
    pub(crate) bodies: Option<render::Bodies>,
    /// Every output path, sorted.
    pub(crate) paths: Vec<String>,
    pub(crate) diagnostics: Diagnostics,
    /// Where the files went; `None` when there were errors before anything was written.
    pub(crate) sink: Option<S>,
    /// The pages of the translation languages (`site` has the site's own language's).
    pub(crate) translated_pages: usize,
}

/// The pipeline: config, load, model, render, index and check, collecting every diagnostic.
/// Once the output is planned and free of errors, `open_sink` gives the sink the files go to.
pub(crate) fn run<S: Sink + Send, E: Send>(
    root: &Path,
    overrides: &Overrides,
    timings: &Timings,
    progress: &dyn Progress,
    open_sink: impl FnOnce(&Config, &[String]) -> Result<S, E> + Send,
) -> Result<Run<S>, E> {
    run_with(root, overrides, timings, progress, open_sink, None)
}

/// [`run`], with the preview's memo when there is one.
pub(crate) fn run_with<S: Sink + Send, E: Send>(
    root: &Path,
    overrides: &Overrides,
    timings: &Timings,
    progress: &dyn Progress,
    open_sink: impl FnOnce(&Config, &[String]) -> Result<S, E> + Send,
    mut memo: Option<&mut Memo>,
) -> Result<Run<S>, E> {
    let mut found = Diagnostics::default();
    let Some(config) = keep(&mut found, timings.time("config", || Config::load(root, overrides))) else {
        return Ok(Run::stopped(None, None, found));
    };
    let load_memo = memo.as_mut().map(|m| &mut m.load);
    let (theme, loaded) =
        timings.time("load", || rayon::join(|| theme::load(&config), || load::run_with(&config, load_memo)));
    found.extend(loaded.diagnostics.iter().cloned());
    let (loaded, translated) = model::translation::split(&config, loaded);
    let site = timings.time("model", || model::build(&config, loaded));
    found.extend(site.diagnostics);
    let mut site = site.site;
    let Some(theme) = keep(&mut found, theme) else {
        return Ok(Run::stopped(Some(config), Some(site), found));
    };
    // A remembered run (the preview) serves the index of its last whole run: none to make here.
    let with_index = memo.is_none();
    let editions =
        timings.time("translations", || translations(&config, &theme, translated, &mut site, &mut found, with_index));
    let (bodies, analysis) = match memo.as_mut() {
        Some(m) => timings.time("markdown", || {
            let (bodies, problems) = render::bodies_remembered(&config, &site, &theme, &mut m.bodies);
            found.extend(problems);
            (bodies, None)
        }),
        None => timings.time("markdown", || markdown_pass(&config, &site, &theme, &mut found)),
    };
    // Problems in files of the base are not the local site's to fix: warnings, before the
    // planning decides on errors whether to write.
    demote_base(&config, &mut found);
    let edition_pages: Vec<render::Pages> = editions
        .iter()
        .filter_map(|e| match render::Pages::new(&config, &e.site, &e.theme, &e.bodies) {
            Ok(mut p) => {
                // Each language's search page names its own (fingerprinted) index folder.
                if let Some(folder) = index::folder(&e.index) {
                    p.use_search_index(folder);
                }
                Some(p)
            }
            Err(problems) => {
                found.extend(problems);
                None
            }
        })
        .collect();
    let edition_paths: Vec<String> = edition_pages.iter().flat_map(|p| p.output_paths()).collect();
    let translated_pages = editions.iter().map(|e| e.site.pages.len()).sum();
    let outputs = memo.as_mut().map(|m| &mut m.outputs);
    let (index_files, planned) = beside_index(
        || analysis.map(|a| index_stage(&site, &theme, a, config.fingerprint, timings)),
        || plan(&config, &site, &theme, &bodies, edition_paths, timings, &mut found, open_sink, outputs),
    );
    let (mut pages, mut paths, sink) = planned?;
    if let (Some(pages), Some(folder)) = (pages.as_mut(), index_files.as_deref().and_then(index::folder)) {
        pages.use_search_index(folder);
    }
    let discard = output::Discard::default();
    let target: &dyn Sink = sink.as_ref().map_or(&discard, |s| s);
    let remembered_index = memo.is_some() && config.search;
    let index_files = match memo.as_mut() {
        Some(m) if config.search => Some(m.index.clone()),
        _ => index_files,
    };
    if let Some(pages) = pages {
        let rendered = match memo.as_mut() {
            Some(m) => timings.time("render", || pages.render_remembered(target, progress, &mut m.outputs)),
            None => timings.time("render", || pages.render(target, progress)),
        };
        found.extend(rendered);
        for p in &edition_pages {
            found.extend(timings.time("render", || p.render(target, &NoProgress)));
        }
    }
    // The preview's remembered index files have the translations' already (`index_files`).
    let index_files = index_files.map(|mut files| {
        if !remembered_index {
            files.extend(editions.into_iter().flat_map(|e| e.index));
        }
        files
    });
    if let Some(mut files) = index_files {
        if config.portable {
            files.extend(portable::index_scripts(&files));
        }
        paths.extend(files.iter().map(|f| f.path.clone()));
        timings.time("index", || files.into_par_iter().for_each(|f| target.put(f)));
    }
    paths.sort_unstable();
    let input = check::Input {
        config: &config,
        site: &site,
        theme: &theme,
        bodies: &bodies.pages,
        section_bodies: &bodies.sections,
        intro_bodies: &bodies.intro.bodies,
        paths: &paths,
    };
    found.extend(timings.time("check", || check::run(&input)));
    demote_base(&config, &mut found);
    found.sort();
    let bodies = match memo {
        Some(m) => {
            m.bodies.remember(&site, bodies);
            None
        }
        None => Some(bodies),
    };
    Ok(Run { config: Some(config), site: Some(site), bodies, paths, diagnostics: found, sink, translated_pages })
}

/// Errors in files of a site's base become warnings: the local site does not own them, and a
/// local change (a page left out, a draft) must not make the base's own files fail the build.
fn demote_base(config: &Config, found: &mut Diagnostics) {
    let Some(base) = &config.base else { return };
    for d in &mut found.items {
        if d.severity == Severity::Error
            && d.file.as_deref().is_some_and(|f| layers::is_base_file(base, f, &config.root))
        {
            d.severity = Severity::Warning;
        }
    }
}

/// What a local site adds to, replaces in and leaves out of its base (`check --layers`): from
/// the config and the load stage. `Err` when the config cannot be read.
pub fn layers(root: &Path, overrides: &Overrides) -> Result<load::LayerReport, Vec<Diagnostic>> {
    let (config, _) = Config::load(root, overrides)?;
    Ok(load::run(&config).layers)
}

/// The search index files of the site in `root`, from a whole run of the stages before them;
/// `None` when the site has errors that stop it before the index, or no search.
pub(crate) fn index_files(root: &Path, overrides: &Overrides) -> Option<Vec<output::OutputFile>> {
    let (config, _) = Config::load(root, overrides).ok()?;
    if !config.search {
        return Some(Vec::new());
    }
    let (theme, loaded) = rayon::join(|| theme::load(&config), || load::run(&config));
    let (theme, _) = theme.ok()?;
    let (loaded, translated) = model::translation::split(&config, loaded);
    let mut site = model::build(&config, loaded).site;
    let mut found = Diagnostics::default();
    let editions = translations(&config, &theme, translated, &mut site, &mut found, true);
    let (_, analysis) = markdown_pass(&config, &site, &theme, &mut found);
    let (analyser, heard) = analysis?;
    let mut files = index::build(&site, analyser, &heard, &theme.url_words, config.fingerprint);
    files.extend(editions.into_iter().flat_map(|e| e.index));
    Some(files)
}

/// The pages of one translation language (see [`model::translation`]): its site, under its
/// folder, with its theme (interface strings and address words), its rendered Markdown and
/// its search index files.
struct Edition {
    site: model::Site,
    theme: theme::Theme,
    bodies: render::Bodies,
    index: Vec<output::OutputFile>,
}

/// The site of each translation language, made from the files `split` set apart for it, each
/// rendered, and indexed when `with_index`; and which pages of all of them are the same page,
/// in every site.
fn translations(
    config: &Config,
    theme: &theme::Theme,
    translated: Vec<(String, load::Loaded)>,
    site: &mut model::Site,
    found: &mut Diagnostics,
    with_index: bool,
) -> Vec<Edition> {
    if config.languages.is_empty() {
        return Vec::new();
    }
    let mut sites: Vec<(model::Site, theme::Theme)> = translated
        .into_iter()
        .map(|(lang, loaded)| {
            let edition_theme = theme.for_language(&lang, &layout::language_prefix(&lang, &config.language));
            let built = model::translation::build(config, &lang, loaded, site, &edition_theme.strings);
            found.extend(built.diagnostics);
            (built.site, edition_theme)
        })
        .collect();
    let own_name = theme.strings.get("language_name").map_or(config.language.as_str(), String::as_str);
    let mut all: Vec<(&model::Site, &layout::UrlWords)> = vec![(&*site, &theme.url_words)];
    all.extend(sites.iter().map(|(s, t)| (s, &t.url_words)));
    let translations = std::sync::Arc::new(model::translation::Translations::new(config, own_name, &all));
    site.translations = translations.clone();
    for (s, _) in &mut sites {
        s.translations = translations.clone();
    }
    sites
        .into_iter()
        .map(|(site, theme)| {
            let (bodies, analysis) = markdown_pass(config, &site, &theme, found);
            let index = match analysis {
                Some((analyser, heard)) if with_index => {
                    index::build(&site, analyser, &heard, &theme.url_words, config.fingerprint)
                }
                _ => Vec::new(),
            };
            Edition { site, theme, bodies, index }
        })
        .collect()
}

impl<S> Run<S> {
    fn stopped(config: Option<Config>, site: Option<model::Site>, mut diagnostics: Diagnostics) -> Self {
        diagnostics.sort();
        Run { config, site, bodies: None, paths: Vec::new(), diagnostics, sink: None, translated_pages: 0 }
    }
}

/// The value of a stage that may fail, its problems added to `found`.
fn keep<T>(found: &mut Diagnostics, result: Result<(T, Vec<Diagnostic>), Vec<Diagnostic>>) -> Option<T> {
    match result {
        Ok((value, problems)) => {
            found.extend(problems);
            Some(value)
        }
        Err(problems) => {
            found.extend(problems);
            None
        }
    }
}

/// The search index's analysis of the page texts, made during the Markdown pass.
type Analysis = (index::Analyser, Vec<index::PageTerms>);

/// The render stage's Markdown pass. With search, the index's analyser hears the text of each
/// page as the pass renders it, so each page is read while it is in the cache instead of from
/// a second copy of the site's text.
fn markdown_pass(
    config: &Config,
    site: &model::Site,
    theme: &theme::Theme,
    found: &mut Diagnostics,
) -> (render::Bodies, Option<Analysis>) {
    if config.search {
        let analyser = index::Analyser::new(language::Language::for_tag(&site.lang));
        let (bodies, heard, problems) = render::bodies(config, site, theme, &analyser);
        found.extend(problems);
        (bodies, Some((analyser, heard)))
    } else {
        let (bodies, _, problems) = render::bodies(config, site, theme, &());
        found.extend(problems);
        (bodies, None)
    }
}

/// The index stage: the rest of the index, from the site and the analysis. The analysis ran
/// inside the Markdown pass; its share of that pass (its time summed over the threads, divided
/// by the threads, all of which render pages throughout) is counted as index time.
fn index_stage(
    site: &model::Site,
    theme: &theme::Theme,
    (analyser, heard): Analysis,
    fingerprint: bool,
    timings: &Timings,
) -> Vec<output::OutputFile> {
    timings.shift("markdown", "index", analyser.busy() / rayon::current_num_threads() as u32);
    timings.time("index", || index::build(site, analyser, &heard, &theme.url_words, fingerprint))
}

/// Runs the index stage beside the planning of the pages. Measured at 10,000 pages on two
/// cores (stop 11): the index takes 28-38 ms and the planning 33-38 ms, mostly file-system
/// work (creating the output folders); side by side they take 46-53 ms, some 20 ms less than
/// one after the other, about 3 % of the build.
fn beside_index<A: Send, B: Send>(index: impl FnOnce() -> A + Send, plan: impl FnOnce() -> B + Send) -> (A, B) {
    rayon::join(index, plan)
}

/// What the planning of the output gives: the pages to render, every output path, and the
/// sink, opened only when nothing stands in the way of writing.
type Planned<'a, S> = (Option<render::Pages<'a>>, Vec<String>, Option<S>);

/// The render stage's planning: which pages there are and where each goes. Writes only what
/// can be published: with errors already, or two outputs on one path, no sink is opened.
#[allow(clippy::too_many_arguments)]
fn plan<'a, S, E>(
    config: &'a Config,
    site: &'a model::Site,
    theme: &'a theme::Theme,
    bodies: &'a render::Bodies,
    edition_paths: Vec<String>,
    timings: &Timings,
    found: &mut Diagnostics,
    open_sink: impl FnOnce(&Config, &[String]) -> Result<S, E>,
    memo: Option<&mut render::OutputMemo>,
) -> Result<Planned<'a, S>, E> {
    let made = timings.time("plan", || match memo {
        Some(memo) => render::Pages::remembered(config, site, theme, bodies, memo),
        None => render::Pages::new(config, site, theme, bodies),
    });
    let pages = match made {
        Ok(p) => p,
        Err(problems) => {
            found.extend(problems);
            return Ok((None, Vec::new(), None));
        }
    };
    let mut paths = pages.output_paths();
    paths.extend(edition_paths);
    paths.sort_unstable();
    let sink = if found.has_errors() || !output::conflicts(&paths).is_empty() {
        None
    } else {
        Some(open_sink(config, &paths)?)
    };
    Ok((Some(pages), paths, sink))
}

/// Runs every stage and check without writing anything; with `external`, also checks links to
/// other sites over HTTP.
pub fn check(
    root: &Path,
    overrides: &Overrides,
    external: Option<&check::external::Options>,
    progress: &dyn Progress,
) -> CheckReport {
    let timings = Timings::default();
    let nowhere = |_: &Config, _: &[String]| Ok::<_, std::convert::Infallible>(output::Discard::default());
    let Ok(mut run) = run(root, overrides, &timings, progress, nowhere);
    if let Some(d) = run.config.as_ref().and_then(|c| output_problem(c, overrides)) {
        run.diagnostics.push(d);
        run.diagnostics.sort();
    }
    let mut external_links = None;
    if let (Some(options), Some(site), Some(bodies)) = (external, &run.site, &run.bodies) {
        let links = check::external::collect(site, &bodies.pages, &bodies.sections);
        external_links = Some(links.iter().map(|l| l.url.as_str()).collect::<std::collections::BTreeSet<_>>().len());
        let found = timings.time("external", || check::external::check(&links, options));
        run.diagnostics.extend(found);
        run.diagnostics.sort();
    }
    let pages = run.site.as_ref().map_or(0, |s| s.pages.len()) + run.translated_pages;
    CheckReport { diagnostics: run.diagnostics, pages, external_links }
}

/// Builds the site in `root` into its output folder, atomically: files are written into a
/// staging folder as they are rendered, which replaces the output only when the whole build
/// succeeded.
pub fn build(root: &Path, overrides: &Overrides, progress: &dyn Progress) -> Result<BuildReport, BuildError> {
    let timings = Timings::default();
    let open = |config: &Config, paths: &[String]| {
        let output = output_folder(config, true).map_err(BuildError::Output)?;
        let staging = write::Staging::create(&output, paths.iter().map(String::as_str)).map_err(BuildError::Write)?;
        Ok(if config.precompress { staging.precompress(paths.iter().map(String::as_str)) } else { staging })
    };
    let mut run = run(root, overrides, &timings, progress, open)?;
    if run.sink.is_none()
        && let Some(d) = run.config.as_ref().and_then(|c| output_problem(c, overrides))
    {
        // Said in the same run as the content's errors, so that one run shows all there is to fix.
        run.diagnostics.push(d);
        run.diagnostics.sort();
    }
    let (Some(config), Some(site), Some(staging)) = (run.config, run.site, run.sink) else {
        return Err(BuildError::Content(run.diagnostics));
    };
    if run.diagnostics.has_errors() {
        // Dropping the staging folder removes it; the previous output stays as it was.
        return Err(BuildError::Content(run.diagnostics));
    }
    let committed =
        timings.time("write", || staging.commit(run.paths.iter().map(String::as_str))).map_err(BuildError::Write)?;
    let html = run.paths.iter().filter(|p| p.ends_with(".html")).count();
    let pages_per_kind = Kind::ALL.iter().map(|&k| (k, site.pages_of(k).count())).filter(|(_, n)| *n > 0).collect();
    Ok(BuildReport {
        pages_per_kind,
        translated_pages: run.translated_pages,
        // Redirect pages of moved pages are not pages either.
        other_pages: html.saturating_sub(site.pages.len() + run.translated_pages + site.moved.len()),
        files: committed.summary.files,
        bytes: committed.summary.bytes,
        output: config.output_dir.clone(),
        timings,
        diagnostics: run.diagnostics,
        previous: committed.old.map(PreviousOutput::new),
    })
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
    let d = if overrides.output_dir.is_none() && config.places.contains_key("output_dir") {
        config.diagnostic_at_key("output_dir", refusal.code, refusal.message)
    } else {
        Diagnostic::error(refusal.code, refusal.message)
    };
    Some(d.help(refusal.help))
}
