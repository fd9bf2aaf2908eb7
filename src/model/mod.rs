//! Model stage: turns the loaded files into the site as a whole. Takes the [`Config`] and the
//! [`Loaded`] documents; gives a [`Site`]: typed pages per kind, sections from folders with an
//! `_index.md`, taxonomies, and the link table that maps source paths to URLs. The site is
//! immutable once built; later stages only read it.
//!
//! Everything a page's output depends on is reachable from here by id (its section, the terms
//! it names, the taxonomy terms it is listed under), which is what an incremental rebuild
//! needs to know what an edit touches.

pub(crate) mod moved;
pub(crate) mod taxonomy;
pub(crate) mod translation;

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::hash::FxMap;
use crate::kind::Kind;
use std::sync::Arc;

use crate::load::{Asset, DocRole, Loaded, SourceDoc};
use crate::msg;
use crate::text::slugify;
use crate::yaml::LinkValue;
pub(crate) use taxonomy::{Taxonomy, TaxonomyTerm};

/// A page's place in [`Site::pages`] in this build: dense, for indexing the per-page vectors
/// of later stages. It shifts when a page is added or removed, so it never identifies a page
/// across builds; [`PageKey`] does.
pub(crate) type PageId = usize;
pub(crate) type SectionId = usize;

/// A page's identity that stays the same from build to build: its source path relative to
/// its content folder (`begrippen/statushouder.md`) and its language. Two builds are compared
/// page by page through it (a preview server uses it to re-render only what changed).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageKey {
    pub(crate) source: String,
    pub(crate) lang: String,
}

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site {
    /// Site title: the config's, else the home page's, else "Wegwijs".
    pub(crate) title: String,
    /// Published pages, sorted by source path. Drafts are left out unless `--drafts`.
    pub pages: Vec<Page>,
    /// Sections, sorted by path; `sections[0]` is the home page.
    pub(crate) sections: Vec<Section>,
    pub(crate) taxonomies: Vec<Taxonomy>,
    /// Source path (`begrippen/statushouder.md`) → what it publishes as.
    pub(crate) links: FxMap<String, LinkTarget>,
    /// Non-Markdown files of the content folders, copied as they are.
    pub(crate) assets: Vec<Asset>,
    /// The old addresses of moved pages (`moved_from:`), in page order.
    pub(crate) moved: Vec<moved::Moved>,
    /// Base files that `exclude:` leaves out, by content path: links to them from base pages
    /// become plain text.
    pub(crate) excluded: crate::hash::FxSet<String>,
    /// Whether the site builds on a base, so that its local pages are marked.
    pub(crate) layered: bool,
    /// The section that lists every local page (`in-onze-gemeente/`), on a site with a base
    /// and local pages.
    pub(crate) local_listing: Option<SectionId>,
    /// The language of the pages: the config's `language`, or a translation language's for
    /// the site of its translations (see [`translation`]).
    pub(crate) lang: String,
    /// The folder every path of this site is under: empty, or `en/` for the translations.
    pub(crate) prefix: String,
    /// Every language's pages and their translations of one another, the same value in the
    /// site of every language; set once all are built.
    pub(crate) translations: Arc<translation::Translations>,
}

/// A page: one Markdown file that is not an `_index.md`.
#[derive(Debug)]
pub struct Page {
    pub id: PageId,
    /// The file it came from; owns the text, so the body is never copied.
    /// Shared with the preview's memo of the files it read.
    pub(crate) doc: Arc<SourceDoc>,
    pub(crate) kind: Kind,
    pub(crate) lang: String,
    pub(crate) slug: String,
    /// Site path of the page, relative to the site root: `begrippen/statushouder/`.
    pub(crate) path: String,
    pub title: String,
    /// The title as lists sort it: case and accents do not count.
    pub(crate) sort_title: String,
    pub(crate) summary: Option<String>,
    pub(crate) date: Option<Date>,
    pub(crate) weight: Option<i64>,
    pub(crate) draft: bool,
    pub(crate) themes: Vec<String>,
    pub(crate) target_groups: Vec<String>,
    /// Other names people search for.
    pub(crate) aliases: Vec<String>,
    pub(crate) section: SectionId,
    pub(crate) data: KindData,
    /// When the editors last checked the content against its sources (`reviewed`).
    pub(crate) reviewed: Option<Date>,
    /// Months after `reviewed` that the page is due for a new review (`review_after`); `None`:
    /// the site's default.
    pub(crate) review_after: Option<i64>,
    /// When the file was last changed: its last commit, else its modification time.
    pub(crate) modified: Option<Date>,
}

/// What only pages of one kind have.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub(crate) enum KindData {
    Term(Term),
    /// Boxed: it has the most fields, and the other kinds should not carry its size.
    Practice(Box<PracticeExample>),
    Tool(Tool),
    Theme,
    Article,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Term {
    /// One or two sentences.
    pub(crate) definition: String,
    /// Related terms, resolved.
    #[serde(skip)]
    pub(crate) related: Vec<PageId>,
    pub(crate) sources: Vec<LinkValue>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PracticeExample {
    pub(crate) municipalities: Vec<String>,
    pub(crate) province: Option<String>,
    pub(crate) year: Option<i64>,
    pub(crate) organisations: Vec<String>,
    pub(crate) source: Option<LinkValue>,
    pub(crate) goal: Option<String>,
    pub(crate) period: Option<crate::content_model::Period>,
    /// One of [`crate::content_model::STATUSES`].
    pub(crate) status: Option<String>,
    pub(crate) conditions: Vec<crate::content_model::Condition>,
    /// One of [`crate::content_model::RESULTS_KINDS`].
    pub(crate) results_kind: Option<String>,
    /// An organisation's web page or general e-mail address.
    pub(crate) contact: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Tool {
    pub(crate) url: String,
    pub(crate) publisher: Option<String>,
    pub(crate) tool_type: Option<String>,
}

/// A folder with an `_index.md`: a list page of the pages in it.
#[derive(Debug)]
pub(crate) struct Section {
    pub(crate) id: SectionId,
    /// The `_index.md`, if the folder has one (the home page may be synthesised).
    pub(crate) doc: Option<Arc<SourceDoc>>,
    /// Site path: `""` for the home page, `begrippen/` for a section.
    pub(crate) path: String,
    pub(crate) title: String,
    pub(crate) summary: Option<String>,
    pub(crate) weight: Option<i64>,
    pub(crate) parent: Option<SectionId>,
    pub(crate) subsections: Vec<SectionId>,
    /// Pages directly in this section, in listing order.
    pub(crate) pages: Vec<PageId>,
    /// In the site of a translation language: the pages of the section that are not
    /// translated yet, as (title, site path) of the page in the site's own language.
    pub(crate) untranslated: Vec<(String, String)>,
}

/// What a source path publishes as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkTarget {
    /// Site path of the target (`begrippen/statushouder/`, `praktijkvoorbeelden/foto.jpg`).
    pub(crate) path: String,
    pub(crate) page: Option<PageId>,
    pub(crate) section: Option<SectionId>,
    /// Set when the target is a draft that this build leaves out.
    pub(crate) unpublished_draft: bool,
}

impl Site {
    pub(crate) fn page(&self, id: PageId) -> &Page {
        &self.pages[id]
    }

    /// The page with a stable identity, if this build publishes it.
    pub fn page_by_key(&self, key: &PageKey) -> Option<&Page> {
        let id = self.links.get(&key.source)?.page?;
        let page = &self.pages[id];
        (page.lang == key.lang).then_some(page)
    }

    pub(crate) fn home(&self) -> &Section {
        &self.sections[0]
    }

    /// Pages of one kind, in source order.
    pub(crate) fn pages_of(&self, kind: Kind) -> impl Iterator<Item = &Page> {
        self.pages.iter().filter(move |p| p.kind == kind)
    }

    /// Every site path a page, section or taxonomy page publishes at.
    pub(crate) fn page_paths(&self) -> impl Iterator<Item = &str> {
        self.pages.iter().map(|p| p.path.as_str()).chain(self.sections.iter().map(|s| s.path.as_str())).chain(
            self.taxonomies
                .iter()
                .flat_map(|t| std::iter::once(t.path.as_str()).chain(t.terms.iter().map(|term| term.path.as_str()))),
        )
    }
}

impl Page {
    /// The page's identity across builds.
    pub fn key(&self) -> PageKey {
        PageKey { source: self.doc.rel_path.clone(), lang: self.lang.clone() }
    }

    pub(crate) fn term(&self) -> Option<&Term> {
        match &self.data {
            KindData::Term(t) => Some(t),
            _ => None,
        }
    }

    pub(crate) fn practice(&self) -> Option<&PracticeExample> {
        match &self.data {
            KindData::Practice(p) => Some(p),
            _ => None,
        }
    }

    pub(crate) fn tool(&self) -> Option<&Tool> {
        match &self.data {
            KindData::Tool(t) => Some(t),
            _ => None,
        }
    }

    /// The values of a taxonomy field on this page.
    pub(crate) fn taxonomy_values(&self, field: crate::config::TaxonomyField) -> &[String] {
        use crate::config::TaxonomyField as F;
        match (field, &self.data) {
            (F::Themes, _) => &self.themes,
            (F::TargetGroups, _) => &self.target_groups,
            (F::Municipality, KindData::Practice(p)) => &p.municipalities,
            (F::ToolType, KindData::Tool(t)) => t.tool_type.as_slice(),
            _ => &[],
        }
    }

    /// Whether the page comes from the local layer of a site with a base.
    pub fn is_local(&self) -> bool {
        self.doc.origin == crate::layers::Origin::Local
    }

    /// The text for listings: the summary, else a term's definition.
    pub(crate) fn listing_text(&self) -> Option<&str> {
        self.summary.as_deref().or_else(|| self.term().map(|t| t.definition.as_str()))
    }
}

/// The model stage's result.
pub struct Built {
    pub site: Site,
    pub diagnostics: Vec<Diagnostic>,
}

/// Runs the model stage.
pub fn build(config: &Config, loaded: Loaded) -> Built {
    build_in(config, loaded, &config.language, "", &HashSet::new())
}

/// The model stage for the pages of language `lang`, every path under `prefix`. `untranslated`:
/// the slugs of terms that exist, but not in this language (see [`translation`]); a `related`
/// term among them is left out rather than reported.
pub(crate) fn build_in(
    config: &Config,
    loaded: Loaded,
    lang: &str,
    prefix: &str,
    untranslated: &HashSet<String>,
) -> Built {
    let mut diagnostics = Vec::new();
    let Loaded { docs, assets, layers, modified, .. } = loaded;
    let excluded = layers.excluded.into_iter().collect();
    check_folder_slugs(&docs, &mut diagnostics);
    let (section_docs, page_docs): (Vec<Arc<SourceDoc>>, Vec<Arc<SourceDoc>>) =
        docs.into_iter().partition(|d| d.role == DocRole::Section);

    let mut links = FxMap::default();
    let mut section_docs = section_docs;
    // Only the site's own language has the local listing; translations link to it.
    let listing_doc = if prefix.is_empty() { local_listing_doc(config, &section_docs, &page_docs) } else { None };
    section_docs.extend(listing_doc.clone());
    let sections = build_sections(config, section_docs, &mut links, prefix);
    // Paths and slugs, then the link table and page ids in source order (drafts are left
    // out but still known, so a link to one gets its own error), then each page resolved in
    // parallel.
    let planned: Vec<(Arc<SourceDoc>, String, String)> = page_docs
        .into_par_iter()
        .map(|doc| {
            let (path, slug) = page_path(&doc);
            (doc, format!("{prefix}{path}"), slug)
        })
        .collect();
    let mut kept = Vec::with_capacity(planned.len());
    for (doc, path, slug) in planned {
        if doc.front.draft && !config.drafts {
            links.insert(doc.rel_path.clone(), LinkTarget { path, page: None, section: None, unpublished_draft: true });
            continue;
        }
        links.insert(
            doc.rel_path.clone(),
            LinkTarget { path: path.clone(), page: Some(kept.len()), section: None, unpublished_draft: false },
        );
        kept.push((doc, path, slug));
    }
    let resolved: Vec<(Page, Vec<Diagnostic>)> = kept
        .into_par_iter()
        .enumerate()
        .map(|(id, (doc, path, slug))| {
            let section = owning_section(&sections, &doc.rel_path);
            let mut found = Vec::new();
            let mut page = resolve_page(id, doc, path, slug, section, &mut found);
            page.modified = modified.get(&page.doc.rel_path).copied();
            (page, found)
        })
        .collect();
    let mut pages = Vec::with_capacity(resolved.len());
    for (page, found) in resolved {
        pages.push(page);
        diagnostics.extend(found);
    }
    for asset in &assets {
        links.insert(
            asset.rel_path.clone(),
            LinkTarget { path: asset.rel_path.clone(), page: None, section: None, unpublished_draft: false },
        );
    }
    resolve_related_terms(&mut pages, untranslated, &mut diagnostics);
    check_value_slugs(&pages, &mut diagnostics);
    let moved = moved::collect(&pages, &sections, &mut diagnostics);
    // Every listing is a part of the one listing order, so it is sorted once.
    let order = listing_order(&pages);
    let mut sections = sections;
    for &id in &order {
        sections[pages[id].section].pages.push(id);
    }
    // The local listing lists every local page, wherever its own section is.
    let local_listing =
        listing_doc.and_then(|doc| sections.iter().position(|s| s.doc.as_ref().is_some_and(|d| Arc::ptr_eq(d, &doc))));
    if let Some(listing) = local_listing {
        sections[listing].pages =
            order.iter().copied().filter(|&id| pages[id].is_local() || pages[id].section == listing).collect();
    }
    let taxonomies = taxonomy::build(config, &pages, &order, prefix);
    let title = config
        .title
        .clone()
        .or_else(|| sections[0].doc.as_ref().map(|_| sections[0].title.clone()))
        .unwrap_or_else(|| "Wegwijs".to_string());
    let site = Site {
        moved,
        title,
        pages,
        sections,
        taxonomies,
        links,
        assets,
        excluded,
        layered: config.is_layered(),
        local_listing,
        lang: lang.to_string(),
        prefix: prefix.to_string(),
        translations: Arc::default(),
    };
    Built { site, diagnostics }
}

/// A folder whose name has no letter or digit has no address: an error at the folder (once),
/// rather than a page at `//` that fails when it is written.
fn check_folder_slugs(docs: &[Arc<SourceDoc>], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    for doc in docs {
        let parts: Vec<&str> = doc.rel_path.split('/').collect();
        let folders = &parts[..parts.len().saturating_sub(1)];
        for (i, name) in folders.iter().enumerate() {
            if !slugify(name).is_empty() || !seen.insert(parts[..=i].join("/")) {
                continue;
            }
            // The folder as the user sees it: the file's shown path without the parts below it.
            let shown = doc.shown.ancestors().nth(parts.len() - 1 - i).unwrap_or(&doc.shown);
            diagnostics.push(
                Diagnostic::error("empty-slug", msg!("empty-slug.folder", name))
                    .in_file(shown)
                    .help(msg!("empty-slug.folder.help")),
            );
        }
    }
}

/// A taxonomy value with no letter or digit (`???`) would get no page of its own: an error where
/// it is written, rather than a value that silently has no page and no link.
fn check_value_slugs(pages: &[Page], diagnostics: &mut Vec<Diagnostic>) {
    for page in pages {
        for field in crate::config::TaxonomyField::ALL {
            for value in page.taxonomy_values(field) {
                if slugify(value).is_empty() {
                    diagnostics.push(
                        page.doc.at_key_value(
                            Diagnostic::error("empty-slug", msg!("empty-slug", key = field.key(), value))
                                .help(msg!("empty-slug.help")),
                            field.key(),
                            value,
                        ),
                    );
                }
            }
        }
    }
}

fn build_sections(
    config: &Config,
    docs: Vec<Arc<SourceDoc>>,
    links: &mut FxMap<String, LinkTarget>,
    prefix: &str,
) -> Vec<Section> {
    let mut by_dir: BTreeMap<String, Arc<SourceDoc>> = BTreeMap::new();
    for doc in docs {
        if doc.front.draft && !config.drafts {
            continue;
        }
        let dir = doc.rel_path.strip_suffix("_index.md").unwrap_or(&doc.rel_path).to_string();
        by_dir.insert(dir, doc);
    }
    // The home page exists even without `content/_index.md`.
    by_dir.entry(String::new()).or_insert_with(|| Arc::new(synthetic_home(config)));
    let mut sections: Vec<Section> = Vec::with_capacity(by_dir.len());
    for (dir, doc) in by_dir {
        let id = sections.len();
        let path = dir.split('/').filter(|s| !s.is_empty()).map(|s| format!("{}/", slugify(s))).collect::<String>();
        let path = format!("{prefix}{path}");
        let parent = if id == 0 { None } else { Some(owning_section(&sections, &dir[..dir.len() - 1])) };
        let title = doc.front.title.clone().unwrap_or_else(|| fallback_title(dir.trim_end_matches('/')));
        let is_real = !doc.rel_path.is_empty();
        if is_real {
            links.insert(
                doc.rel_path.clone(),
                LinkTarget { path: path.clone(), page: None, section: Some(id), unpublished_draft: false },
            );
        }
        sections.push(Section {
            id,
            path,
            title,
            summary: doc.front.summary.clone(),
            weight: doc.front.weight,
            parent,
            subsections: Vec::new(),
            pages: Vec::new(),
            untranslated: Vec::new(),
            doc: is_real.then_some(doc),
        });
        if let Some(p) = parent {
            sections[p].subsections.push(id);
        }
    }
    let weights: Vec<(Option<i64>, String)> = sections.iter().map(|s| (s.weight, s.title.to_lowercase())).collect();
    for s in &mut sections {
        s.subsections
            .sort_by(|&a, &b| by_weight(weights[a].0, weights[b].0).then_with(|| weights[a].1.cmp(&weights[b].1)));
    }
    sections
}

/// The folder of the listing of a local site's own pages.
pub(crate) const LOCAL_LISTING: &str = "in-onze-gemeente/";

/// The `_index.md` of the listing of the local pages, on a site with a base and local pages:
/// the local layer's own, if it writes one (to give the listing its own title or text), else
/// one made here, titled in the site's language from the message tables.
fn local_listing_doc(config: &Config, sections: &[Arc<SourceDoc>], pages: &[Arc<SourceDoc>]) -> Option<Arc<SourceDoc>> {
    use crate::layers::Origin;
    if !config.is_layered() || !pages.iter().any(|d| d.origin == Origin::Local && (!d.front.draft || config.drafts)) {
        return None;
    }
    let rel_path = format!("{LOCAL_LISTING}_index.md");
    if let Some(own) = sections.iter().find(|d| d.rel_path == rel_path) {
        return Some(own.clone());
    }
    let lang = crate::messages::Lang::from_tag(&config.language).unwrap_or(crate::messages::Lang::Nl);
    let front = crate::load::RawFrontMatter {
        readable: true,
        title: Some(msg!("local-listing.title").text(lang).to_string()),
        summary: Some(msg!("local-listing.summary").text(lang).to_string()),
        ..Default::default()
    };
    Some(Arc::new(SourceDoc {
        rel_path,
        shown: std::path::PathBuf::from(LOCAL_LISTING),
        layer: 0,
        text: String::new(),
        body_start: 0,
        yaml: 0..0,
        role: DocRole::Section,
        front,
        lang: config.language.clone(),
        revision: 0,
        origin: crate::layers::Origin::Local,
    }))
}

fn synthetic_home(config: &Config) -> SourceDoc {
    SourceDoc {
        rel_path: String::new(),
        shown: Default::default(),
        layer: 0,
        text: String::new(),
        body_start: 0,
        yaml: 0..0,
        role: DocRole::Section,
        front: crate::load::RawFrontMatter { readable: true, title: config.title.clone(), ..Default::default() },
        lang: config.language.clone(),
        revision: 0,
        origin: Default::default(),
    }
}

/// The section a file at `rel_path` belongs to: the deepest folder above it with an `_index.md`.
/// `sections` is sorted by path, so ancestors come before descendants.
fn owning_section(sections: &[Section], rel_path: &str) -> SectionId {
    let dir = match rel_path.rfind('/') {
        Some(i) => &rel_path[..i],
        None => "",
    };
    let mut best = 0;
    for (id, s) in sections.iter().enumerate() {
        let Some(doc) = &s.doc else { continue };
        let sdir = doc.rel_path.strip_suffix("_index.md").unwrap_or(&doc.rel_path).trim_end_matches('/');
        if !sdir.is_empty() && dir.strip_prefix(sdir).is_some_and(|rest| rest.is_empty() || rest.starts_with('/')) {
            best = id;
        }
    }
    best
}

/// Site path and slug of a page: its folders, then its slug (`slug:` or the file name).
fn page_path(doc: &SourceDoc) -> (String, String) {
    let (dir, file) = match doc.rel_path.rfind('/') {
        Some(i) => (&doc.rel_path[..i], &doc.rel_path[i + 1..]),
        None => ("", doc.rel_path.as_str()),
    };
    let stem = file.trim_end_matches(".md");
    let slug = doc.front.slug.as_deref().map(slugify).filter(|s| !s.is_empty()).unwrap_or_else(|| slugify(stem));
    let slug = if slug.is_empty() { crate::layout::UNNAMED_PAGE.to_string() } else { slug };
    let mut path: String = dir.split('/').filter(|s| !s.is_empty()).map(|s| format!("{}/", slugify(s))).collect();
    path.push_str(&slug);
    path.push('/');
    (path, slug)
}

fn fallback_title(name: &str) -> String {
    let name = name.rsplit('/').next().unwrap_or(name).trim_end_matches(".md").replace(['-', '_'], " ");
    let mut c = name.chars();
    c.next().map_or_else(|| "Wegwijs".to_string(), |f| f.to_uppercase().chain(c).collect())
}

fn resolve_page(
    id: PageId,
    doc: Arc<SourceDoc>,
    path: String,
    slug: String,
    section: SectionId,
    diagnostics: &mut Vec<Diagnostic>,
) -> Page {
    let fm = &doc.front;
    let kind = fm.kind.unwrap_or_else(|| Kind::from_path(&doc.rel_path));
    let data = match kind {
        Kind::Term => {
            let definition = match fm.definition.as_deref().map(str::trim) {
                // Without the marks of phrases in another language; the page shows them.
                Some(d) if !d.is_empty() => crate::text::phrases(d).0,
                _ if !fm.readable => String::new(),
                _ => {
                    diagnostics.push(
                        doc.at_key(
                            Diagnostic::error("missing-definition", msg!("missing-definition"))
                                .label(msg!("missing-definition.label"))
                                .help(msg!("missing-definition.help")),
                            "definition",
                        ),
                    );
                    String::new()
                }
            };
            let sources = fm.sources.iter().map(|l| safe_link(&doc, "sources", l, diagnostics)).collect();
            KindData::Term(Term { definition, related: Vec::new(), sources })
        }
        Kind::Practice => KindData::Practice(Box::new(PracticeExample {
            municipalities: fm.municipality.clone(),
            province: fm.province.clone(),
            year: fm.year,
            organisations: fm.organisations.clone(),
            source: fm.source.as_ref().map(|l| safe_link(&doc, "source", l, diagnostics)),
            goal: fm.goal.clone().filter(|g| !g.trim().is_empty()),
            period: fm.period,
            status: fm.status.clone(),
            conditions: fm.conditions.clone(),
            results_kind: fm.results_kind.clone(),
            contact: fm.contact.clone(),
        })),
        Kind::Tool => {
            // An address that could run script is reported below and never kept.
            let url = fm.url.clone().filter(|u| crate::url::is_safe(u)).unwrap_or_default();
            if fm.url.is_none() && fm.readable {
                diagnostics.push(
                    doc.at_key(
                        Diagnostic::error("missing-url", msg!("missing-url"))
                            .label(msg!("missing-url.label"))
                            .help(msg!("missing-url.help")),
                        "url",
                    ),
                );
            } else if let Some((written, crate::url::UrlKind::Unsafe(scheme))) =
                fm.url.as_deref().map(|u| (u, crate::url::classify(u)))
            {
                diagnostics.push(doc.at_key(crate::url::unsafe_url(written, &scheme), "url"));
            } else if let Some(Err(why)) = fm.url.as_deref().map(check_url) {
                diagnostics.push(doc.at_key(
                    Diagnostic::error("bad-url", msg!("bad-url", url = &url, why)).help(msg!("bad-url.help")),
                    "url",
                ));
            }
            KindData::Tool(Tool { url, publisher: fm.publisher.clone(), tool_type: fm.tool_type.clone() })
        }
        Kind::Theme => KindData::Theme,
        Kind::Article => KindData::Article,
    };
    let title = fm.title.clone().unwrap_or_else(|| fallback_title(&doc.rel_path));
    Page {
        id,
        kind,
        lang: doc.lang.clone(),
        slug,
        path,
        sort_title: title_key(title.as_str()),
        title,
        summary: fm.summary.clone().filter(|s| !s.trim().is_empty()),
        date: fm.date,
        weight: fm.weight,
        draft: fm.draft,
        themes: fm.themes.clone(),
        target_groups: fm.target_groups.clone(),
        aliases: fm.aliases.iter().map(|a| crate::text::phrases(a).0).collect(),
        section,
        data,
        reviewed: fm.reviewed,
        review_after: fm.review_after,
        modified: None,
        doc,
    }
}

/// Checks that a tool's address is an absolute http(s) URL with a host.
pub(crate) use crate::url::check_web_address as check_url;

/// `link` from front matter `key`, with an address that could run script reported and left
/// out (the link's text stays, without a link).
fn safe_link(doc: &SourceDoc, key: &str, link: &LinkValue, diagnostics: &mut Vec<Diagnostic>) -> LinkValue {
    let Some(url) = link.url.as_deref() else { return link.clone() };
    match crate::url::classify(url) {
        crate::url::UrlKind::Unsafe(scheme) => {
            diagnostics.push(doc.at_key_value(crate::url::unsafe_url(url, &scheme), key, url));
            LinkValue { url: None, ..link.clone() }
        }
        _ => link.clone(),
    }
}

/// Turns `related: [slug, ...]` of terms into page ids; unknown slugs are errors.
fn resolve_related_terms(pages: &mut [Page], untranslated: &HashSet<String>, diagnostics: &mut Vec<Diagnostic>) {
    let by_slug: HashMap<&str, PageId> =
        pages.iter().filter(|p| p.kind == Kind::Term).map(|p| (p.slug.as_str(), p.id)).collect();
    let mut resolved: Vec<(PageId, Vec<PageId>)> = Vec::new();
    for page in pages.iter().filter(|p| p.kind == Kind::Term) {
        let mut ids = Vec::new();
        // Made on the first problem: a page may list thousands of unknown terms.
        let mut finder = None;
        for name in &page.doc.front.related {
            let key = slugify(name.trim_end_matches(".md").rsplit('/').next().unwrap_or(name));
            match by_slug.get(key.as_str()) {
                Some(&id) if id != page.id => ids.push(id),
                None if untranslated.contains(&key) => {}
                Some(_) => diagnostics.push(finder.get_or_insert_with(|| page.doc.value_finder("related")).at(
                    Diagnostic::error("self-reference", msg!("self-reference", name)).help(msg!("self-reference.help")),
                    name,
                )),
                None => {
                    let help = crate::diagnostic::did_you_mean(&key, by_slug.keys().copied())
                        .map_or_else(|| msg!("unknown-term.help"), |s| msg!("did-you-mean", name = s));
                    diagnostics.push(
                        finder.get_or_insert_with(|| page.doc.value_finder("related")).at(
                            Diagnostic::error("unknown-term", msg!("unknown-term", name))
                                .label(msg!("unknown-term.label"))
                                .help(help),
                            name,
                        ),
                    );
                }
            }
        }
        resolved.push((page.id, ids));
    }
    for (id, ids) in resolved {
        if let KindData::Term(t) = &mut pages[id].data {
            t.related = ids;
        }
    }
}

fn by_weight(a: Option<i64>, b: Option<i64>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

/// Sort key for titles: case and accents do not count (`Éénoudergezin` sorts under e).
pub(crate) fn title_key(title: &str) -> String {
    slugify(title)
}

/// Every page in listing order: weight first; then the newest first for practice examples and
/// articles, the alphabet for the other kinds; then the path, so the order is total. Each
/// listing of the site (a section's pages, a taxonomy term's) keeps this order.
pub(crate) fn listing_order(pages: &[Page]) -> Vec<PageId> {
    let mut keyed: Vec<_> = pages
        .par_iter()
        .map(|p| {
            let dated = matches!(p.kind, Kind::Practice | Kind::Article);
            // Newest first; undated ones after the dated ones.
            let newest_first =
                if dated { (p.date.is_none(), std::cmp::Reverse(p.date)) } else { (false, std::cmp::Reverse(None)) };
            ((p.weight.unwrap_or(i64::MAX), newest_first, p.sort_title.as_str(), p.path.as_str()), p.id)
        })
        .collect();
    keyed.par_sort_unstable();
    keyed.into_iter().map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_titles_read_well() {
        assert_eq!(fallback_title("begrippen/wij-cultuur.md"), "Wij cultuur");
    }
}
