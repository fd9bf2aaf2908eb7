//! Render stage, in two halves. [`bodies`] turns every Markdown body into HTML (with its heading
//! ids, table of contents and links), tells a [`Listener`] the text of each page as it goes, and
//! checks anchors across pages; [`Pages`] then puts every page of the site through the theme's
//! templates and hands each file to a [`Sink`] as soon as it is rendered, so the output is
//! never held in memory as a whole.
//! Takes the [`Site`] and the [`Theme`].
//!
//! Both halves run in parallel over immutable data. Data that many pages show (a page's card in
//! lists, the site menu) is turned into template values once and shared, not rebuilt per page.

mod assets;
mod glossary;
mod htaccess;
mod intro;
pub mod markdown;
mod memo;
mod redirects;
mod skos;
pub(crate) mod templates;
pub(crate) mod views;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::Path;

use rayon::prelude::*;
use tera::{Context, Tera, Value};

use crate::config::{Config, TaxonomyField};
use crate::diagnostic::{Diagnostic, SourceText};
use crate::hash::FxSet;
use crate::kind::Kind;
use crate::language::Language;
use crate::layout::{FEED, NOT_FOUND, ROBOTS, SITEMAP, THEME_CSS, page_file, redirect_file};
use crate::model::{Page, PageId, Section, Site, Taxonomy};
use crate::output::{Content, OutputFile, Sink};
use crate::theme::{FileSource, Theme};
use markdown::{RenderedBody, TextSink, relative_root};
pub use memo::{BodyMemo, OutputMemo};
use views::{
    Card, FeedContext, FeedEntry, GROUP_ORDER, Group, HomeView, HtmlContext, Link, MenuItem, PageContext, PageView,
    Pagination, Plain, SectionContext, SectionSummary, SectionView, ServiceLink, SiteView, SitemapContext,
    SitemapEntry, TaxonomyContext, TaxonomyView, TermContext, TermListing, TermSummary, listing_summary,
};

/// The template of the stylesheet at [`layout::THEME_CSS`].
const THEME_CSS_TEMPLATE: &str = "theme.css";

/// The rendered Markdown of the site.
#[derive(Debug, Default)]
pub struct Bodies {
    /// By page id.
    pub(crate) pages: Vec<RenderedBody>,
    /// By section id (empty for a synthesised home page).
    pub(crate) sections: Vec<RenderedBody>,
    /// With a memo: each page's and section's body print (see [`memo`]), by id; else empty.
    pub(crate) prints: Vec<u64>,
    pub(crate) section_prints: Vec<u64>,
    /// The home page's intro from the config (`home: intro`), rendered.
    pub(crate) intro: intro::Intro,
}

/// Hears the text of every page's body during the Markdown pass, so that a later stage (the
/// search index, composed in `lib.rs`) reads each page while it is still in the cache instead
/// of keeping a second copy of the site's text. Pages are rendered in parallel: each gets its
/// own [`TextSink`] from [`Listener::start`], handed back to [`Listener::finish`] once the page
/// is rendered, on the same thread. Section bodies are not told.
pub trait Listener: Sync {
    /// Hears one page.
    type PageSink: TextSink;
    /// What the listener made of one page.
    type Heard: Send;
    fn start(&self, page: &Page) -> Self::PageSink;
    fn finish(&self, page: &Page, sink: Self::PageSink) -> Self::Heard;
}

/// Nobody listens.
impl Listener for () {
    type PageSink = ();
    type Heard = ();
    fn start(&self, _: &Page) {}
    fn finish(&self, _: &Page, _: ()) {}
}

/// First half of the render stage: every Markdown body, in parallel, then the anchors. Gives
/// the bodies, what `listener` heard of each page (by page id) and the problems found.
pub fn bodies<L: Listener>(
    config: &Config,
    site: &Site,
    theme: &Theme,
    listener: &L,
) -> (Bodies, Vec<L::Heard>, Vec<Diagnostic>) {
    let setting = BodySetting::new(config, site, theme);
    let ctx = setting.context(site);
    let ((pages, heard), sections): ((Vec<_>, Vec<_>), _) = rayon::join(
        || {
            site.pages
                .par_iter()
                .map(|p| {
                    let mut sink = listener.start(p);
                    let body = markdown::render(&p.doc, &p.path, &ctx, &mut sink);
                    (body, listener.finish(p, sink))
                })
                .unzip()
        },
        || {
            site.sections
                .par_iter()
                .map(|s| {
                    s.doc.as_ref().map_or_else(RenderedBody::default, |d| markdown::render(d, &s.path, &ctx, &mut ()))
                })
                .collect::<Vec<_>>()
        },
    );
    let (intro, mut diagnostics) = intro::render(config, &ctx);
    let bodies = Bodies { pages, sections, intro, ..Bodies::default() };
    diagnostics.extend(body_problems(site, &bodies));
    (bodies, heard, diagnostics)
}

/// What every Markdown body is rendered with besides its own text: the published paths (for
/// links), the theme's labels and the terms to link.
struct BodySetting<'t> {
    published: FxSet<String>,
    table_label: &'t str,
    tip_label: &'t str,
    task_labels: [&'t str; 2],
    glossary: Option<glossary::Glossary>,
}

impl<'t> BodySetting<'t> {
    fn new(config: &Config, site: &Site, theme: &'t Theme) -> Self {
        BodySetting {
            published: published_paths(config, site, theme),
            table_label: theme.strings.get("table").map_or("Tabel", String::as_str),
            tip_label: theme.strings.get("editor_tip").map_or("Tip van de redactie", String::as_str),
            task_labels: task_labels(theme),
            glossary: config.glossary_links.then(|| glossary::Glossary::new(site)).flatten(),
        }
    }

    fn context<'a>(&'a self, site: &'a Site) -> markdown::Context<'a> {
        markdown::Context {
            site,
            published: &self.published,
            table_label: self.table_label,
            tip_label: self.tip_label,
            task_labels: self.task_labels,
            glossary: self.glossary.as_ref(),
        }
    }
}

/// The interface strings a body shows: before a task that is done, and one that is not.
fn task_labels(theme: &Theme) -> [&str; 2] {
    let get = |key: &str, dutch| theme.strings.get(key).map_or(dutch, String::as_str);
    [get("task_done", "gedaan"), get("task_todo", "nog te doen")]
}

/// The anchors checked across pages, and each body's own problems.
fn body_problems(site: &Site, bodies: &Bodies) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    check_anchors(site, &bodies.pages, &bodies.sections, &bodies.intro.bodies, &mut diagnostics);
    for b in bodies.pages.iter().chain(&bodies.sections) {
        diagnostics.extend(b.diagnostics.iter().cloned());
    }
    diagnostics
}

/// [`bodies`] for the preview, without a listener: a body whose file and link surface are as
/// when `memo` saw it is taken from there instead of rendered again.
pub(crate) fn bodies_remembered(
    config: &Config,
    site: &Site,
    theme: &Theme,
    memo: &mut BodyMemo,
) -> (Bodies, Vec<Diagnostic>) {
    let setting = BodySetting::new(config, site, theme);
    let ctx = setting.context(site);
    // The words a body may show besides its own: the labels of tables, editors' tips and task
    // lists; and the terms, since a new alias can link a word on any page.
    let terms = glossary::print(site, config.glossary_links);
    let [done, todo] = setting.task_labels;
    let labels = format!("{}\u{0}{}\u{0}{done}\u{0}{todo}", setting.table_label, setting.tip_label);
    memo.start(memo::surface(site, &setting.published, &labels, terms));
    // What the memo has is taken out in order (a lookup per page); the rest is rendered in
    // parallel. The build's bodies go back into the memo when it is done (`BodyMemo::remember`).
    let docs: Vec<(&crate::load::SourceDoc, &str)> = site
        .pages
        .iter()
        .map(|p| (&*p.doc, p.path.as_str()))
        .chain(site.sections.iter().filter_map(|s| s.doc.as_deref().map(|d| (d, s.path.as_str()))))
        .collect();
    let taken: Vec<Option<(RenderedBody, u64)>> =
        docs.iter().map(|(d, path)| memo.take(&d.rel_path, d.revision, path)).collect();
    let mut all: Vec<(RenderedBody, u64)> = docs
        .par_iter()
        .zip(taken)
        .map(|((doc, path), taken)| {
            taken.unwrap_or_else(|| {
                let body = markdown::render(doc, path, &ctx, &mut ());
                let print = memo::body_print(&body);
                (body, print)
            })
        })
        .collect();
    let mut of_sections = all.split_off(site.pages.len()).into_iter();
    let (pages, prints): (Vec<_>, Vec<_>) = all.into_iter().unzip();
    let (sections, section_prints): (Vec<_>, Vec<_>) = site
        .sections
        .iter()
        .map(|s| if s.doc.is_some() { of_sections.next().unwrap_or_default() } else { Default::default() })
        .unzip();
    let (intro, mut diagnostics) = intro::render(config, &ctx);
    let bodies = Bodies { pages, sections, prints, section_prints, intro };
    diagnostics.extend(body_problems(site, &bodies));
    (bodies, diagnostics)
}

/// One output page to render.
#[derive(Debug, Clone, Copy)]
enum Job {
    Page(PageId, usize),
    Section(usize, usize),
    TaxonomyIndex(usize),
    TaxonomyTerm(usize, usize, usize),
    NotFound,
    Search,
    Sitemap,
    Feed,
    Robots,
    ThemeCss,
    /// The page at an old address of a moved page: `Site::moved[i]`.
    Redirect(usize),
}

/// Second half of the render stage: the templates, ready to render every page.
pub struct Pages<'a> {
    config: &'a Config,
    site: &'a Site,
    theme: &'a Theme,
    bodies: &'a Bodies,
    tera: Tera,
    /// The site's language, made once for every page's dates.
    language: Language,
    shared: Shared,
    /// Pages that are a taxonomy term's page: page id → (taxonomy index, term index).
    backing: HashMap<PageId, (usize, usize)>,
    /// Per taxonomy, per term: its pages grouped by kind (in [`GROUP_ORDER`]), then in listing
    /// order; computed once, as every page of a long list needs it.
    grouped: Vec<Vec<Vec<PageId>>>,
    jobs: Vec<Job>,
    /// With the preview's memo: every page's print (see [`memo`]), by id.
    prints: Option<Vec<u64>>,
    /// Where the stylesheet rendered from the theme settings goes: [`THEME_CSS`], or with
    /// fingerprints its fingerprinted name.
    theme_css: String,
}

impl<'a> Pages<'a> {
    /// Compiles the templates and plans every output page.
    pub fn new(
        config: &'a Config,
        site: &'a Site,
        theme: &'a Theme,
        bodies: &'a Bodies,
    ) -> Result<Self, Vec<Diagnostic>> {
        Self::with_memo(config, site, theme, bodies, None)
    }

    /// [`Pages::new`] for the preview: a page's card (what lists show of it) is taken from
    /// `memo` when the page's print is as when it was made.
    pub(crate) fn remembered(
        config: &'a Config,
        site: &'a Site,
        theme: &'a Theme,
        bodies: &'a Bodies,
        memo: &mut OutputMemo,
    ) -> Result<Self, Vec<Diagnostic>> {
        Self::with_memo(config, site, theme, bodies, Some(memo))
    }

    fn with_memo(
        config: &'a Config,
        site: &'a Site,
        theme: &'a Theme,
        bodies: &'a Bodies,
        memo: Option<&mut OutputMemo>,
    ) -> Result<Self, Vec<Diagnostic>> {
        let asset_names = assets::Names::default();
        let mut tera = templates::load(theme, asset_names.clone())?;
        let language = Language::for_tag(&site.lang);
        let make_card = |p: &Page| val(&Card::new(p, &bodies.pages[p.id], &language));
        let (cards, prints) = match memo {
            Some(memo) => {
                let prints = memo::page_prints(site, &bodies.prints);
                (memo.cards(site, &prints, &config.language, make_card), Some(prints))
            }
            None => (site.pages.par_iter().map(make_card).collect(), None),
        };
        let shared = Shared::new(config, site, theme, &bodies.pages, &bodies.intro, cards);
        tera.global_context().insert_value("site", shared.site.clone());
        tera.global_context().insert_value("t", shared.strings.clone());
        let theme_css = assets::name(&tera, config, theme, &asset_names)?;
        let grouped = site
            .taxonomies
            .iter()
            .map(|tax| {
                tax.terms
                    .iter()
                    .map(|term| {
                        let mut ids = term.pages.clone();
                        ids.sort_by_key(|&id| GROUP_ORDER.iter().position(|&k| k == site.page(id).kind));
                        ids
                    })
                    .collect()
            })
            .collect();
        let mut pages = Pages {
            config,
            site,
            theme,
            bodies,
            tera,
            language,
            shared,
            backing: backed_terms(site),
            grouped,
            jobs: Vec::new(),
            prints,
            theme_css,
        };
        pages.jobs = pages.plan();
        Ok(pages)
    }

    /// Every file this stage will hand to the sink, in job order.
    pub(crate) fn output_paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = self.jobs.iter().map(|&j| self.path_of(j)).collect();
        if self.config.portable && self.config.search {
            paths.extend(self.jobs.iter().filter_map(|&j| self.text_page(j)).map(crate::portable::script_path));
        }
        if self.is_translation() {
            return paths;
        }
        paths.extend(redirects::SERVER_FILES.map(String::from));
        paths.extend(self.theme.static_files.keys().cloned());
        paths.extend(self.site.assets.iter().map(|a| a.rel_path.clone()));
        if self.site.pages_of(Kind::Term).next().is_some() {
            paths.push(skos::GLOSSARY_EXPORT.to_string());
        }
        paths
    }

    /// Names `folder` as the search index's in the `site` value of every template, where the
    /// index stage put it somewhere else than the theme's words say (a fingerprinted folder).
    pub(crate) fn use_search_index(&mut self, folder: &str) {
        if folder == self.theme.url_words.search_index {
            return;
        }
        let site = {
            let mut view = site_view(self.config, self.site, self.theme, &self.shared.taxonomies);
            view.search_index = Cow::Owned(folder.to_string());
            val(&view)
        };
        self.tera.global_context().insert_value("site", site.clone());
        self.shared.site = site;
    }

    /// Renders every page into `sink`, with the theme's static files and the content's assets.
    pub fn render(&self, sink: &dyn Sink, progress: &dyn crate::progress::Progress) -> Vec<Diagnostic> {
        progress.start("rendering", self.jobs.len());
        let mut diagnostics: Vec<Diagnostic> = self
            .jobs
            .par_iter()
            .filter_map(|&job| {
                let result = self.render_job(job);
                progress.advance(1);
                match result {
                    Ok(file) => {
                        if let Some(script) = self.text_script(job, &file) {
                            sink.put(script);
                        }
                        sink.put(file);
                        None
                    }
                    Err(d) => Some(d),
                }
            })
            .collect();
        progress.finish();
        diagnostics.extend(self.copy_files(sink));
        self.put_exports(sink);
        diagnostics
    }

    /// The site path of a page whose text the search quotes, when `job` renders it.
    fn text_page(&self, job: Job) -> Option<&str> {
        match job {
            Job::Page(id, 1) => Some(&self.site.page(id).path),
            _ => None,
        }
    }

    /// In a portable build with search, the script that hands the search code the text of a
    /// result's page (see [`crate::portable`]), which it cannot fetch from disk.
    fn text_script(&self, job: Job, file: &OutputFile) -> Option<OutputFile> {
        if !(self.config.portable && self.config.search) {
            return None;
        }
        let Content::Bytes(html) = &file.content else { return None };
        self.text_page(job).map(|path| crate::portable::page_script(path, html))
    }

    /// The open-data files made from the model: the glossary in SKOS (see [`skos`]).
    fn put_exports(&self, sink: &dyn Sink) {
        // One glossary for the whole site, in its own language.
        if self.is_translation() {
            return;
        }
        if let Some(bytes) = skos::export(self.config, self.site) {
            sink.put(OutputFile { path: skos::GLOSSARY_EXPORT.to_string(), content: Content::Bytes(bytes) });
        }
    }

    /// Whether these are the pages of a translation language, under its folder: the site of
    /// the site's own language has the files every language shares (static files, assets,
    /// the sitemap, the 404 page, the server redirects).
    fn is_translation(&self) -> bool {
        !self.site.prefix.is_empty()
    }

    /// The theme's static files and the content's assets, as copies of their files; and the
    /// server redirect files of moved pages, which are made from the site alone. A site's own
    /// `.htaccess` gets the redirects between its markers (see [`htaccess`]); the warning when
    /// its markers are out of order is returned.
    fn copy_files(&self, sink: &dyn Sink) -> Option<Diagnostic> {
        if self.is_translation() {
            return None;
        }
        for file in redirects::server_files(self.config, self.site) {
            sink.put(file);
        }
        let mut problem = None;
        for (path, source) in &self.theme.static_files {
            let content = match source {
                FileSource::Disk(p) if path == htaccess::PATH => match self.htaccess(p) {
                    Ok(Some(filled)) => Content::Bytes(filled.into_bytes()),
                    Ok(None) => Content::Copy(p.clone()),
                    Err(d) => {
                        problem = Some(d);
                        Content::Copy(p.clone())
                    }
                },
                FileSource::Embedded(b) => Content::Static(b),
                FileSource::Disk(p) => Content::Copy(p.clone()),
                FileSource::Rewritten(b, _) => Content::Shared(b.clone()),
            };
            sink.put(OutputFile { path: path.clone(), content });
        }
        self.site.assets.par_iter().for_each(|asset| {
            let content = match asset.builtin {
                Some(bytes) => Content::Static(bytes),
                None => Content::Copy(asset.file.clone()),
            };
            sink.put(OutputFile { path: asset.rel_path.clone(), content });
        });
        problem
    }

    /// The site's `.htaccess` at `file` with the Apache redirects between its markers; `None`
    /// when it has none, or cannot be read as text (the write stage copies it, and says so when
    /// it cannot read it).
    fn htaccess(&self, file: &Path) -> Result<Option<String>, Diagnostic> {
        let Some(text) = fs::read(file).ok().and_then(|b| String::from_utf8(b).ok()) else { return Ok(None) };
        match htaccess::fill(&text, &redirects::apache_lines(self.config, self.site)) {
            htaccess::Filled::Unmarked => Ok(None),
            htaccess::Filled::Text(filled) => Ok(Some(filled)),
            htaccess::Filled::Misplaced(span, is_begin) => {
                let shown = self.config.display_path(file);
                let (marker, other) =
                    if is_begin { (htaccess::BEGIN, htaccess::END) } else { (htaccess::END, htaccess::BEGIN) };
                Err(Diagnostic::warning("htaccess-markers", crate::msg!("htaccess-markers", marker, other))
                    .at(&SourceText::new(&shown, &text), span.start..span.start + text[span].trim_end().len())
                    .help(crate::msg!("htaccess-markers.help", begin = htaccess::BEGIN, end = htaccess::END)))
            }
        }
    }
}

/// The preview's rendering: a page whose print (see [`memo`]) is as in `memo` is taken from
/// there instead of rendered again.
impl Pages<'_> {
    /// [`Pages::render`], taking unchanged files from `memo` and leaving in it this build's.
    pub(crate) fn render_remembered(
        &self,
        sink: &dyn Sink,
        progress: &dyn crate::progress::Progress,
        memo: &mut OutputMemo,
    ) -> Vec<Diagnostic> {
        memo.start(self.global_print());
        let pages = self.prints.clone().unwrap_or_else(|| memo::page_prints(self.site, &self.bodies.prints));
        let sections = memo::section_prints(self.site, &self.bodies.section_prints, &pages);
        let similar = memo.similar(memo::catalogue(self.site), || {
            self.site
                .pages
                .par_iter()
                .map(|p| if p.kind == Kind::Practice { views::similar_examples(self.site, p, 4) } else { Vec::new() })
                .collect()
        });
        let memo_now: &OutputMemo = memo;
        progress.start("rendering", self.jobs.len());
        let done: Vec<Result<Option<(String, memo::Rendered)>, Diagnostic>> = self
            .jobs
            .par_iter()
            .map(|&job| {
                let path = self.path_of(job);
                let print = self.job_print(job, &path, &pages, &sections, &similar);
                progress.advance(1);
                if let Some(bytes) = print.and_then(|p| memo_now.get(&path, p)) {
                    sink.put(OutputFile { path: path.clone(), content: Content::Shared(bytes.clone()) });
                    return Ok(print.map(|p| (path, (p, bytes))));
                }
                let file = self.render_job(job)?;
                let Content::Bytes(bytes) = file.content else { unreachable!("templates render to bytes") };
                let bytes: std::sync::Arc<[u8]> = bytes.into();
                sink.put(OutputFile { path: file.path, content: Content::Shared(bytes.clone()) });
                Ok(print.map(|p| (path, (p, bytes))))
            })
            .collect();
        progress.finish();
        let mut kept = crate::hash::FxMap::default();
        let mut diagnostics = Vec::new();
        for d in done {
            match d {
                Ok(Some((path, remembered))) => {
                    kept.insert(path, remembered);
                }
                Ok(None) => {}
                Err(d) => diagnostics.push(d),
            }
        }
        memo.keep(kept);
        diagnostics.extend(self.copy_files(sink));
        self.put_exports(sink);
        diagnostics
    }

    /// What every page can show: the config, the theme (templates, strings, settings) and the
    /// `site` value (menu, taxonomies).
    fn global_print(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        format!("{:?}", self.config).hash(&mut h);
        format!("{:?}|{:?}|{:?}", self.theme.strings, self.theme.settings, self.theme.url_words).hash(&mut h);
        for (name, source) in self.theme.templates.iter().chain(&self.theme.theme_templates) {
            name.hash(&mut h);
            match source {
                FileSource::Embedded(b) => b.hash(&mut h),
                FileSource::Disk(p) => (p, crate::load::stamp(p)).hash(&mut h),
                FileSource::Rewritten(b, _) => b.hash(&mut h),
            }
        }
        // As JSON with sorted keys: a template value's maps have no fixed order.
        json(&self.shared.site).to_string().hash(&mut h);
        h.finish()
    }

    /// The print of all a job's context is made of, beyond the global print; `None` for the
    /// few pages that show the whole site (home, feed, sitemap, ...): they are always rendered.
    fn job_print(
        &self,
        job: Job,
        path: &str,
        pages: &[u64],
        sections: &[memo::SectionPrint],
        similar: &[Vec<PageId>],
    ) -> Option<u64> {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        (path, format!("{job:?}")).hash(&mut h);
        let per = self.config.paginate;
        match job {
            Job::Page(id, n) => {
                let page = self.site.page(id);
                (pages[id], sections[page.section].trail).hash(&mut h);
                for &p in &similar[id] {
                    pages[p].hash(&mut h);
                }
                if let Some(&(ti, i)) = self.backing.get(&id) {
                    self.term_print(ti, i, n, pages, &mut h);
                }
            }
            Job::Section(0, _) => return None,
            Job::Section(id, n) => {
                let s = &self.site.sections[id];
                // The list's filters and A-Z index are made from all its pages.
                (sections[id].own, sections[id].pages, self.section_taxonomy(s)).hash(&mut h);
                for &p in slice(&s.pages, n, per) {
                    pages[p].hash(&mut h);
                }
            }
            Job::TaxonomyTerm(ti, i, n) => {
                sections[0].own.hash(&mut h);
                self.term_print(ti, i, n, pages, &mut h);
            }
            Job::TaxonomyIndex(_)
            | Job::NotFound
            | Job::Search
            | Job::Sitemap
            | Job::Feed
            | Job::Robots
            | Job::ThemeCss
            | Job::Redirect(_) => return None,
        }
        Some(h.finish())
    }

    /// Page `n` of a term's list, as [`Pages::term_listing`] shows it.
    fn term_print(&self, ti: usize, i: usize, n: usize, pages: &[u64], h: &mut impl std::hash::Hasher) {
        use std::hash::Hash;
        let (tax, term) = (&self.site.taxonomies[ti], &self.site.taxonomies[ti].terms[i]);
        (&term.name, &term.path, term.pages.len(), tax.field.key(), &tax.path).hash(h);
        let ids = &self.grouped[ti][i];
        ids.len().hash(h);
        for &p in slice(ids, n, self.config.paginate) {
            (pages[p], self.site.page(p).kind).hash(h);
        }
    }
}

/// What the templates are given, for the snapshot test of the template API (`tests/views.rs`).
/// Renders nothing.
impl Pages<'_> {
    /// Per output page, in job order: its template, its output path and its context as JSON,
    /// the globals `site` (see [`Pages::site_context`]) and `t` (the theme's strings) apart.
    #[doc(hidden)]
    pub fn contexts(&self) -> Vec<(String, String, serde_json::Value)> {
        self.jobs
            .iter()
            .map(|&job| {
                let (template, context) = self.context_of(job);
                (template.into_owned(), self.path_of(job), json(&context))
            })
            .collect()
    }

    /// The `site` value every template sees, as JSON.
    #[doc(hidden)]
    pub fn site_context(&self) -> serde_json::Value {
        json(&self.shared.site)
    }
}

/// A template value as JSON, its maps' keys sorted.
fn json(value: &Value) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

/// Number of pages a list of `len` items takes (at least one).
fn page_count(len: usize, per_page: usize) -> usize {
    if per_page == 0 { 1 } else { len.div_ceil(per_page).max(1) }
}

fn slice<T>(items: &[T], n: usize, per_page: usize) -> &[T] {
    if per_page == 0 {
        return items;
    }
    let start = ((n - 1) * per_page).min(items.len());
    &items[start..(start + per_page).min(items.len())]
}

/// Every site path that will exist, for checking links written as URLs.
fn published_paths(config: &Config, site: &Site, theme: &Theme) -> FxSet<String> {
    let mut set: FxSet<String> = site.page_paths().map(str::to_string).collect();
    set.extend(theme.static_files.keys().cloned());
    set.extend(site.assets.iter().map(|a| a.rel_path.clone()));
    set.insert(theme.url_words.search.clone());
    set.extend([FEED, SITEMAP, THEME_CSS, ROBOTS, NOT_FOUND].map(String::from));
    set.insert(format!("{}{FEED}", site.prefix));
    for s in &site.sections {
        for n in 2..=page_count(s.pages.len(), config.paginate) {
            set.insert(theme.url_words.pager_path(&s.path, n));
        }
    }
    set
}

fn check_anchors(
    site: &Site,
    bodies: &[RenderedBody],
    section_bodies: &[RenderedBody],
    intro: &[RenderedBody],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut ids: HashMap<&str, &HashSet<String>> = HashMap::new();
    for (p, b) in site.pages.iter().zip(bodies) {
        ids.insert(&p.path, &b.ids);
    }
    for (s, b) in site.sections.iter().zip(section_bodies) {
        ids.insert(&s.path, &b.ids);
    }
    for b in bodies.iter().chain(section_bodies).chain(intro) {
        for r in &b.anchor_refs {
            let found = ids.get(r.target.as_str()).is_some_and(|set| set.contains(&r.anchor));
            if !found {
                let mut d = r.if_missing.clone();
                let known: Vec<&str> =
                    ids.get(r.target.as_str()).map(|s| s.iter().map(String::as_str).collect()).unwrap_or_default();
                d.help = Some(match crate::diagnostic::did_you_mean(&r.anchor, known.iter().copied()) {
                    Some(s) => crate::msg!("did-you-mean", name = format!("#{s}")),
                    None if known.is_empty() => crate::msg!("broken-anchor.no-headings"),
                    None => {
                        let mut k = known.clone();
                        k.sort_unstable();
                        let anchors = k.iter().map(|a| format!("#{a}")).collect::<Vec<_>>().join(", ");
                        crate::msg!("broken-anchor.anchors", anchors)
                    }
                });
                diagnostics.push(d);
            }
        }
    }
}

/// Template values shared by many pages, built once.
struct Shared {
    site: Value,
    strings: Value,
    /// Each page as a list item ([`Card`]), by page id.
    cards: Vec<Value>,
    /// Each taxonomy as shown on its index page ([`TaxonomyView`]).
    taxonomies: Vec<Value>,
    /// Each section's subsections ([`SectionSummary`] values), by section id.
    subsections: Vec<Value>,
    /// The breadcrumbs down to and with each section ([`Link`] values), by section id.
    trails: Vec<Value>,
    /// The home page's extra lists ([`HomeView`]).
    home: Value,
    /// Each section's filters ([`views::Filter`] values), by section id: over all its pages,
    /// so built once rather than for every page of a long list.
    filters: Vec<Value>,
}

fn val<T: serde::Serialize + ?Sized>(v: &T) -> Value {
    Value::from_serializable(v)
}

impl Shared {
    /// `cards`: each page as a list item ([`Card`]), by page id.
    fn new(
        config: &Config,
        site: &Site,
        theme: &Theme,
        bodies: &[RenderedBody],
        intro: &intro::Intro,
        cards: Vec<Value>,
    ) -> Shared {
        let taxonomies: Vec<Value> =
            site.taxonomies.iter().map(|tax| val(&taxonomy_view(site, theme, tax, bodies))).collect();
        let subsections: Vec<Value> = site.sections.iter().map(|s| val(&subsection_list(site, s))).collect();
        let trails = site.sections.iter().map(|s| val(&trail(site, s.id))).collect();
        let site_value = val(&site_view(config, site, theme, &taxonomies));
        let home = val(&home_view(config, site, intro, &cards, &taxonomies, &subsections));
        let strings: BTreeMap<&str, &str> = theme.strings.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let filters = site.sections.iter().map(|s| val(&views::filters(site, &s.pages))).collect();
        Shared { site: site_value, strings: val(&strings), cards, taxonomies, subsections, trails, home, filters }
    }
}

fn subsection_list<'a>(site: &'a Site, s: &Section) -> Vec<SectionSummary<'a>> {
    s.subsections.iter().map(|&c| SectionSummary::new(&site.sections[c])).collect()
}

/// The breadcrumbs from the home page down to and with a section.
fn trail(site: &Site, section: usize) -> Vec<Link<'_>> {
    let mut trail = Vec::new();
    let mut at = Some(section);
    while let Some(id) = at {
        let s = &site.sections[id];
        trail.push(Link { title: Cow::Borrowed(&s.title), path: &s.path });
        at = s.parent;
    }
    trail.reverse();
    trail
}

/// A theme string, or its key when the theme has none.
fn string<'a>(theme: &'a Theme, key: &str) -> Cow<'a, str> {
    theme.strings.get(key).map_or_else(|| Cow::Owned(key.to_string()), |s| Cow::Borrowed(s.as_str()))
}

fn site_view<'a>(config: &'a Config, site: &'a Site, theme: &'a Theme, taxonomies: &'a [Value]) -> SiteView<'a> {
    let footer_links = site
        .taxonomies
        .iter()
        .filter(|tax| !tax.terms.is_empty())
        .map(|tax| Link { title: string(theme, &format!("taxonomy_{}", tax.field.key())), path: &tax.path })
        .collect();
    SiteView {
        title: &site.title,
        description: config.description.as_deref(),
        lang: &site.lang,
        dir: Language::for_tag(&site.lang).direction().as_str(),
        base_url: config.base_url.absolute(""),
        menu: menu(config, site, theme),
        footer_links,
        // A logo that could run script is refused by the theme stage, and left out here.
        theme: theme
            .settings
            .iter()
            .filter(|(k, v)| !matches!(k.as_str(), "logo" | "favicon") || crate::url::is_safe(v))
            .map(|(k, v)| {
                // A fingerprinted image goes by its new name.
                let v = match k.as_str() {
                    "logo" | "favicon" => theme.assets.get(v.trim().trim_start_matches("./")).unwrap_or(v),
                    _ => v,
                };
                (k.as_str(), v.as_str())
            })
            .collect(),
        search_path: &theme.url_words.search,
        search_index: Cow::Borrowed(&theme.url_words.search_index),
        search: config.search,
        feed_path: format!("{}{FEED}", site.prefix),
        taxonomies,
        service_links: service_links(config, theme),
        local_listing: site.local_listing.map(|id| {
            let section = &site.sections[id];
            Link { title: Cow::Borrowed(section.title.as_str()), path: &section.path }
        }),
    }
}

/// The footer's links to the pages every government site has, from `footer` in the config.
fn service_links<'a>(config: &'a Config, theme: &'a Theme) -> Vec<ServiceLink<'a>> {
    crate::config::ServicePage::ALL
        .iter()
        .filter_map(|&page| {
            let written = config.footer.get(&page)?;
            let (path, external) = match crate::config::footer_target(&written.value) {
                crate::config::FooterTarget::Internal(path) => (path, false),
                crate::config::FooterTarget::External(url) => (url, true),
            };
            Some(ServiceLink { key: page.key(), title: string(theme, page.string_key()), path, external })
        })
        .collect()
}

/// The configured menu; without one, the top sections, the municipalities (when they have no
/// section of their own) and search.
fn menu<'a>(config: &'a Config, site: &'a Site, theme: &'a Theme) -> Vec<MenuItem<'a>> {
    if let Some(items) = &config.menu {
        // The config stage refuses a menu item that could run script; should one get here, it
        // is left out.
        return items
            .iter()
            .filter(|m| crate::url::is_safe(&m.url))
            .map(|m| {
                let external = m.url.contains("://") || m.url.starts_with("mailto:");
                let path = if external { m.url.as_str() } else { m.url.trim_start_matches('/') };
                MenuItem { title: Cow::Borrowed(&m.title), path, external }
            })
            .collect();
    }
    let mut items: Vec<MenuItem> = site
        .home()
        .subsections
        .iter()
        .map(|&id| {
            let s = &site.sections[id];
            MenuItem { title: Cow::Borrowed(&s.title), path: &s.path, external: false }
        })
        .collect();
    let section_paths: HashSet<&str> = site.sections.iter().map(|s| s.path.as_str()).collect();
    for tax in &site.taxonomies {
        if tax.field == TaxonomyField::Municipality
            && !tax.terms.is_empty()
            && !section_paths.contains(tax.path.as_str())
        {
            items.push(MenuItem { title: string(theme, "taxonomy_municipality"), path: &tax.path, external: false });
        }
    }
    items.push(MenuItem { title: string(theme, "search"), path: &theme.url_words.search, external: false });
    items
}

fn taxonomy_view<'a>(
    site: &'a Site,
    theme: &'a Theme,
    tax: &'a Taxonomy,
    bodies: &'a [RenderedBody],
) -> TaxonomyView<'a> {
    let terms = tax
        .terms
        .iter()
        .map(|term| TermSummary {
            name: &term.name,
            lang: term.lang.as_deref(),
            path: &term.path,
            count: term.pages.len(),
            summary: term.page.and_then(|id| listing_summary(site.page(id), &bodies[id])),
        })
        .collect();
    TaxonomyView {
        key: tax.field.key(),
        title: string(theme, &format!("taxonomy_{}", tax.field.key())),
        path: &tax.path,
        terms,
    }
}

fn home_view(
    config: &Config,
    site: &Site,
    intro: &intro::Intro,
    cards: &[Value],
    taxonomies: &[Value],
    subsections: &[Value],
) -> HomeView {
    let mut latest: Vec<PageId> = site.pages_of(Kind::Practice).map(|p| p.id).collect();
    latest.sort_by_key(|&id| (std::cmp::Reverse(site.page(id).date), &site.page(id).sort_title));
    let by_key =
        |field: TaxonomyField| site.taxonomies.iter().position(|t| t.field == field).map(|i| taxonomies[i].clone());
    // The sections `home: sections` highlights, in its order; one that does not exist is the
    // check stage's error and left out here.
    let sections = match &config.home.sections {
        Some(chosen) => val(&chosen
            .iter()
            .filter_map(|w| {
                let path = crate::config::section_path(&w.value);
                site.sections.iter().find(|s| !s.path.is_empty() && s.path == path)
            })
            .map(SectionSummary::new)
            .collect::<Vec<_>>()),
        None => subsections[0].clone(),
    };
    HomeView {
        intro: intro.paragraphs.clone(),
        sections,
        latest: latest.iter().take(6).map(|&id| cards[id].clone()).collect(),
        themes: by_key(TaxonomyField::Themes),
        municipalities: by_key(TaxonomyField::Municipality),
    }
}

fn backed_terms(site: &Site) -> HashMap<PageId, (usize, usize)> {
    let mut map = HashMap::new();
    for (ti, tax) in site.taxonomies.iter().enumerate() {
        for (i, term) in tax.terms.iter().enumerate() {
            if let Some(p) = term.page {
                map.insert(p, (ti, i));
            }
        }
    }
    map
}

impl Pages<'_> {
    /// Every page to render, in a fixed order.
    fn plan(&self) -> Vec<Job> {
        let per = self.config.paginate;
        let mut jobs = Vec::with_capacity(self.site.pages.len() + self.site.sections.len() + 16);
        for p in &self.site.pages {
            let listed = self.backing.get(&p.id).map_or(0, |&(t, i)| self.site.taxonomies[t].terms[i].pages.len());
            for n in 1..=page_count(listed, per) {
                jobs.push(Job::Page(p.id, n));
            }
        }
        for s in &self.site.sections {
            let len = if self.section_taxonomy(s).is_some() { 0 } else { s.pages.len() };
            for n in 1..=page_count(len, per) {
                jobs.push(Job::Section(s.id, n));
            }
        }
        let section_paths: HashSet<&str> = self.site.sections.iter().map(|s| s.path.as_str()).collect();
        for (ti, tax) in self.site.taxonomies.iter().enumerate() {
            if !section_paths.contains(tax.path.as_str()) && !tax.terms.is_empty() {
                jobs.push(Job::TaxonomyIndex(ti));
            }
            for (i, term) in tax.terms.iter().enumerate() {
                if term.page.is_none() {
                    for n in 1..=page_count(term.pages.len(), per) {
                        jobs.push(Job::TaxonomyTerm(ti, i, n));
                    }
                }
            }
        }
        if self.is_translation() {
            jobs.extend([Job::Search, Job::Feed]);
            return jobs;
        }
        jobs.extend([Job::NotFound, Job::Search, Job::Sitemap, Job::Feed, Job::Robots]);
        jobs.extend((0..self.site.moved.len()).map(Job::Redirect));
        if self.theme.templates.contains_key(THEME_CSS_TEMPLATE) {
            jobs.push(Job::ThemeCss);
        }
        jobs
    }

    /// The taxonomy whose index lives at this section's path (`themas/`), if any.
    fn section_taxonomy(&self, s: &Section) -> Option<usize> {
        self.site.taxonomies.iter().position(|t| t.path == s.path)
    }

    /// Where a job's file goes in the output.
    fn path_of(&self, job: Job) -> String {
        match job {
            Job::Page(id, n) => page_file(&self.theme.url_words.pager_path(&self.site.page(id).path, n)),
            Job::Section(id, n) => page_file(&self.theme.url_words.pager_path(&self.site.sections[id].path, n)),
            Job::TaxonomyIndex(ti) => format!("{}index.html", self.site.taxonomies[ti].path),
            Job::TaxonomyTerm(ti, i, n) => {
                page_file(&self.theme.url_words.pager_path(&self.site.taxonomies[ti].terms[i].path, n))
            }
            Job::NotFound => NOT_FOUND.into(),
            Job::Search => page_file(&self.theme.url_words.search),
            Job::Sitemap => SITEMAP.into(),
            Job::Feed => format!("{}{FEED}", self.site.prefix),
            Job::Robots => ROBOTS.into(),
            Job::ThemeCss => self.theme_css.clone(),
            Job::Redirect(i) => redirect_file(&self.site.moved[i].from),
        }
    }

    fn render_job(&self, job: Job) -> Result<OutputFile, Diagnostic> {
        let (template, context) = self.context_of(job);
        self.output(&template, &tera_context(context), self.path_of(job))
    }

    /// A job's template and what it is given (one of the contexts in [`views`]), as a map.
    fn context_of(&self, job: Job) -> (Cow<'static, str>, Value) {
        match job {
            Job::Page(id, n) => self.page(id, n),
            Job::Section(id, n) => self.section(id, n),
            Job::TaxonomyIndex(ti) => {
                let tax = &self.site.taxonomies[ti];
                let view = TaxonomyContext { taxonomy: self.shared.taxonomies[ti].clone(), breadcrumbs: self.trail(0) };
                ("taxonomy.html".into(), val(&self.html(&tax.path, &tax.path, view)))
            }
            Job::TaxonomyTerm(ti, i, n) => {
                let path = self.theme.url_words.pager_path(&self.site.taxonomies[ti].terms[i].path, n);
                let view = TermContext {
                    taxonomy: self.shared.taxonomies[ti].clone(),
                    term: self.term_listing(ti, i, n),
                    breadcrumbs: self.trail(0),
                };
                ("taxonomy_term.html".into(), val(&self.html(&path, &path, view)))
            }
            Job::NotFound => {
                // Served at any missing URL, so its links are absolute from the base path; from
                // disk nothing serves it at another address, and links from the root lead nowhere.
                let root = if self.config.portable { relative_root("") } else { self.config.base_url.path.clone() };
                let context = HtmlContext { root, ..self.html("404.html", "", Plain {}) };
                ("404.html".into(), val(&context))
            }
            Job::Search => {
                let search = &self.theme.url_words.search;
                ("search.html".into(), val(&self.html(search, search, Plain {})))
            }
            Job::Sitemap => ("sitemap.xml".into(), val(&self.sitemap())),
            Job::Feed => ("atom.xml".into(), val(&self.feed())),
            Job::Robots => ("robots.txt".into(), val(&self.html("", "", Plain {}))),
            Job::ThemeCss => (THEME_CSS_TEMPLATE.into(), val(&self.html("css/", "", Plain {}))),
            Job::Redirect(i) => {
                let moved = &self.site.moved[i];
                let (title, path) = (moved.to_title(self.site), moved.to_path(self.site));
                let file = if self.config.portable { "index.html" } else { "" };
                let url = format!("{}{}{file}", relative_root(&moved.from), path);
                let view = redirects::RedirectContext { redirect: redirects::RedirectView { title, path, url } };
                ("redirect.html".into(), val(&self.html(&moved.from, path, view)))
            }
        }
    }

    /// The context of an HTML page at `path`, whose canonical address is that of
    /// `canonical_path`.
    fn html<'p, V: serde::Serialize>(&self, path: &'p str, canonical_path: &str, view: V) -> HtmlContext<'p, V> {
        HtmlContext {
            root: relative_root(path),
            current_path: path,
            canonical: self.config.base_url.absolute(canonical_path),
            languages: self.site.translations.alternates(path),
            view,
        }
    }

    fn output(&self, template: &str, ctx: &Context, out: String) -> Result<OutputFile, Diagnostic> {
        let mut buf = Vec::with_capacity(16 * 1024);
        match self.tera.render_to(template, ctx, &mut buf) {
            Ok(()) if self.config.portable && out.ends_with(".html") => {
                let html = crate::portable::rewrite_links(&buf, out.ends_with("index.html"));
                Ok(OutputFile { path: out, content: Content::Bytes(html) })
            }
            Ok(()) => Ok(OutputFile { path: out, content: Content::Bytes(buf) }),
            Err(e) => {
                let mut d = templates::template_error(self.theme, &e.to_string(), crate::msg!("template.rendering"));
                let page = format!("/{}", out.trim_end_matches("index.html"));
                d.message = crate::msg!("template.while-rendering", message = d.message, page);
                Err(d)
            }
        }
    }

    /// The breadcrumbs down to and with a section.
    fn trail(&self, section: usize) -> Value {
        self.shared.trails[section].clone()
    }

    fn pagination(&self, base: &str, n: usize, total_items: usize) -> Option<Pagination> {
        let total = page_count(total_items, self.config.paginate);
        (total > 1).then(|| Pagination::new(&self.theme.url_words, base, n, total))
    }

    /// Cards grouped by kind; `ids` are already in group order, which has every kind, so each
    /// run of one kind is a group.
    fn groups(&self, ids: &[PageId]) -> Vec<Group<Value>> {
        ids.chunk_by(|&a, &b| self.site.page(a).kind == self.site.page(b).kind)
            .map(|run| Group {
                kind: self.site.page(run[0]).kind,
                items: run.iter().map(|&id| self.shared.cards[id].clone()).collect(),
            })
            .collect()
    }

    /// Pages not translated into this site's language, as (title, path), linked in the
    /// language they are in.
    fn untranslated<'s>(&'s self, pages: &'s [(String, String)]) -> Vec<views::Untranslated<'s>> {
        pages.iter().map(|(title, path)| views::Untranslated { title, path, lang: &self.config.language }).collect()
    }

    /// Page `n` of a term's list: its pages in group order, then listing order.
    fn term_listing(&self, ti: usize, i: usize, n: usize) -> TermListing<'_> {
        let (tax, term) = (&self.site.taxonomies[ti], &self.site.taxonomies[ti].terms[i]);
        let ids = &self.grouped[ti][i];
        TermListing {
            name: &term.name,
            lang: term.lang.as_deref(),
            path: &term.path,
            taxonomy: tax.field.key(),
            taxonomy_path: &tax.path,
            count: term.pages.len(),
            groups: self.groups(slice(ids, n, self.config.paginate)),
            pagination: self.pagination(&term.path, n, ids.len()),
            untranslated: if n == 1 { self.untranslated(&term.untranslated) } else { Vec::new() },
        }
    }

    fn page(&self, id: PageId, n: usize) -> (Cow<'static, str>, Value) {
        let page = self.site.page(id);
        let path = self.theme.url_words.pager_path(&page.path, n);
        let view = PageContext {
            page: PageView::new(self.site, page, &self.bodies.pages[id], &self.language),
            breadcrumbs: self.trail(page.section),
            term: self.backing.get(&id).map(|&(ti, i)| self.term_listing(ti, i, n)),
            similar: if page.kind == Kind::Practice {
                views::similar_examples(self.site, page, 4).iter().map(|&p| self.shared.cards[p].clone()).collect()
            } else {
                Vec::new()
            },
        };
        let template = format!("{}.html", page.kind.name());
        let template = if self.tera.contains_template(&template) { template } else { "page.html".to_string() };
        (template.into(), val(&self.html(&path, &path, view)))
    }

    fn section(&self, id: usize, n: usize) -> (Cow<'static, str>, Value) {
        let s = &self.site.sections[id];
        let path = self.theme.url_words.pager_path(&s.path, n);
        let body = &self.bodies.sections[id];
        let on_page = slice(&s.pages, n, self.config.paginate);
        let alphabet = views::alphabet(self.site, &self.theme.url_words, &s.path, &s.pages, self.config.paginate);
        let section = SectionView {
            title: &s.title,
            path: &s.path,
            summary: s.summary.as_deref(),
            content: &body.html,
            toc: &body.toc,
            kind: s.pages.first().map(|&p| self.site.page(p).kind),
            count: s.pages.len(),
            pages: on_page.iter().map(|&p| self.shared.cards[p].clone()).collect(),
            subsections: self.shared.subsections[id].clone(),
            pagination: self.pagination(&s.path, n, s.pages.len()),
            letters: if alphabet.is_empty() {
                Vec::new()
            } else {
                views::letter_groups(self.site, on_page, &self.shared.cards)
            },
            alphabet,
            filters: self.shared.filters[id].clone(),
            untranslated: self.untranslated(&s.untranslated),
        };
        let view = SectionContext {
            section,
            breadcrumbs: s.parent.map_or_else(|| Value::from(Vec::<Value>::new()), |p| self.trail(p)),
            taxonomy: self.section_taxonomy(s).map(|ti| self.shared.taxonomies[ti].clone()),
            home: (id == 0).then(|| self.shared.home.clone()),
            glossary_export: (id != 0 && s.pages.first().is_some_and(|&p| self.site.page(p).kind == Kind::Term))
                .then_some(skos::GLOSSARY_EXPORT),
        };
        let template = if id == 0 { "index.html" } else { "section.html" };
        (template.into(), val(&self.html(&path, &path, view)))
    }

    fn sitemap(&self) -> SitemapContext {
        let base = &self.config.base_url;
        let mut entries: Vec<(String, Option<String>)> = Vec::new();
        entries.extend(self.site.sections.iter().map(|s| (base.absolute(&s.path), None)));
        // The last change of the page's file; without one (a file that cannot be read), its date.
        entries.extend(
            self.site.pages.iter().map(|p| (base.absolute(&p.path), p.modified.or(p.date).map(|d| d.to_string()))),
        );
        for tax in self.site.taxonomies.iter().filter(|t| !t.terms.is_empty()) {
            entries.push((base.absolute(&tax.path), None));
            entries.extend(tax.terms.iter().filter(|t| t.page.is_none()).map(|t| (base.absolute(&t.path), None)));
        }
        entries.push((base.absolute(&self.theme.url_words.search), None));
        // The pages of the translation languages too: one sitemap for the whole site.
        entries.extend(self.site.translations.translated_paths().map(|p| (base.absolute(p), None)));
        if base.origin.is_empty() {
            // A sitemap holds whole addresses only; the check warns (`relative-base-url`).
            entries.clear();
        }
        entries.sort();
        entries.dedup_by(|a, b| a.0 == b.0);
        SitemapContext { urls: entries.into_iter().map(|(loc, lastmod)| SitemapEntry { loc, lastmod }).collect() }
    }

    fn feed(&self) -> FeedContext<'_> {
        let base = &self.config.base_url;
        let mut ids: Vec<PageId> =
            self.site.pages.iter().filter(|p| matches!(p.kind, Kind::Practice | Kind::Article)).map(|p| p.id).collect();
        ids.sort_by_key(|&id| (std::cmp::Reverse(self.site.page(id).date), self.site.page(id).path.clone()));
        ids.truncate(self.config.feed_limit);
        let updated = ids.iter().filter_map(|&id| self.site.page(id).date).max();
        let entries = ids
            .iter()
            .map(|&id| {
                let p = self.site.page(id);
                FeedEntry {
                    title: &p.title,
                    id: feed_id(base, &p.path),
                    url: base.absolute(&p.path),
                    updated: p.date.map(|d| d.rfc3339()),
                    summary: listing_summary(p, &self.bodies.pages[id]),
                }
            })
            .collect();
        FeedContext {
            id: feed_id(base, &format!("{}{FEED}", self.site.prefix)),
            feed_url: base.absolute(&format!("{}{FEED}", self.site.prefix)),
            updated: updated.map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| d.rfc3339()),
            entries,
        }
    }
}

/// The `<id>` of a feed or entry: its whole address; with a `base_url` that is only a path
/// (the check warns), a `urn:uuid:` made from the path, since an Atom id must be an absolute
/// IRI and the same entry must keep its id from build to build.
fn feed_id(base: &crate::config::BaseUrl, site_path: &str) -> String {
    if !base.origin.is_empty() {
        return base.absolute(site_path);
    }
    let path = format!("{}{site_path}", base.path);
    let hex: String =
        ["a", "b", "c"].iter().map(|salt| crate::fingerprint::digest(format!("{salt}{path}").as_bytes())).collect();
    format!("urn:uuid:{}-{}-5{}-8{}-{}", &hex[0..8], &hex[8..12], &hex[12..15], &hex[15..18], &hex[18..30])
}

/// A template context from a map value: its entries become the context's variables.
fn tera_context(value: Value) -> Context {
    let mut ctx = Context::new();
    for (key, value) in value.into_map().unwrap_or_default() {
        if let Some(key) = key.as_str() {
            ctx.insert_value(key.to_string(), value);
        }
    }
    ctx
}
