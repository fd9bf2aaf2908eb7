//! What the preview keeps of the render stage between builds, so that a rebuild after an edit
//! renders only what the edit can have changed.
//!
//! Two memos. [`Bodies`](BodyMemo) keeps each page's rendered Markdown by the reading of its
//! file ([`SourceDoc::revision`](crate::load::SourceDoc)) and the "link surface" of the site:
//! a body depends on its own text, on which site paths exist (links, suggestions) and on the
//! glossary's terms (glossary links), nothing else. [`Outputs`](OutputMemo) keeps every rendered file by a fingerprint of what its
//! template is given: a file whose fingerprint is unchanged is not rendered again.
//!
//! The fingerprints are made from the data a page's context is built from, not from the
//! context itself (building every context costs a fifth of rendering it). So they must name
//! everything a view reads: **when a view starts reading something new of another page,
//! section or taxonomy, add it to the print of that job here.** The property test in
//! `tests/incremental.rs` compares a long series of remembered builds with fresh ones, byte for
//! byte, and fails when a print misses something. Anything the whole site shows (the config,
//! the theme, the `site` value with its menu and taxonomies) is in the global print: when it
//! changes, everything is rendered again.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use tera::Value;

use crate::hash::{FxMap, FxSet};
use crate::model::{KindData, PageId, Site};

use super::markdown::RenderedBody;

/// The preview's memo of the Markdown pass.
#[derive(Default)]
pub struct BodyMemo {
    /// The link surface the bodies were rendered against.
    surface: u64,
    /// By the file's relative path: the body of its page or section.
    bodies: FxMap<String, Remembered>,
}

struct Remembered {
    revision: u64,
    path: String,
    body: RenderedBody,
    print: u64,
}

impl BodyMemo {
    /// Starts a build against `surface`: bodies rendered against another surface are forgotten.
    pub(super) fn start(&mut self, surface: u64) {
        if self.surface != surface {
            self.bodies.clear();
            self.surface = surface;
        }
    }

    /// Takes out the body of the file at `rel_path` (read as `revision`, published at `path`)
    /// as rendered before, with its print; `None` when it must be rendered again.
    pub(super) fn take(&mut self, rel_path: &str, revision: u64, path: &str) -> Option<(RenderedBody, u64)> {
        let r = self.bodies.remove(rel_path)?;
        (revision != 0 && r.revision == revision && r.path == path).then_some((r.body, r.print))
    }

    /// Keeps the bodies of a finished build for the next one, and nothing else.
    pub fn remember(&mut self, site: &Site, bodies: super::Bodies) {
        let super::Bodies { pages, sections, prints, section_prints, .. } = bodies;
        let mut kept = FxMap::default();
        for ((p, body), print) in site.pages.iter().zip(pages).zip(prints) {
            kept.insert(
                p.doc.rel_path.clone(),
                Remembered { revision: p.doc.revision, path: p.path.clone(), body, print },
            );
        }
        for ((s, body), print) in site.sections.iter().zip(sections).zip(section_prints) {
            if let Some(d) = &s.doc {
                kept.insert(d.rel_path.clone(), Remembered { revision: d.revision, path: s.path.clone(), body, print });
            }
        }
        self.bodies = kept;
    }
}

/// What a body can depend on besides its own file: every link target and published path, the
/// label of tables, and the glossary's terms (`terms`, see `glossary::print`: their names,
/// definitions and addresses, and whether the site links them). Order-independent, so the
/// maps need no sorting.
pub(super) fn surface(site: &Site, published: &FxSet<String>, table_label: &str, terms: u64) -> u64 {
    let mut sum = 0u64;
    for (from, target) in &site.links {
        sum = sum.wrapping_add(print(&(from, &target.path, target.unpublished_draft, target.page.is_some())));
    }
    for p in published {
        sum = sum.wrapping_add(print(&("published", p)));
    }
    print(&(sum, site.links.len(), published.len(), table_label, terms))
}

/// A body's print: everything of it a template or list can show.
pub(super) fn body_print(body: &RenderedBody) -> u64 {
    let mut h = DefaultHasher::new();
    body.html.hash(&mut h);
    body.first_paragraph.hash(&mut h);
    format!("{:?}", body.toc).hash(&mut h);
    h.finish()
}

/// A stable 64-bit hash (SipHash with fixed keys: the same within and across runs).
pub(super) fn print<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// A rendered file as remembered: the print of its context, and its bytes.
pub(super) type Rendered = (u64, Arc<[u8]>);

/// The preview's memo of rendered files.
#[derive(Default)]
pub struct OutputMemo {
    /// The global print the files were rendered under.
    global: u64,
    /// Output path → the print of its context, and its bytes.
    files: FxMap<String, Rendered>,
    /// Each practice example's similar examples (by page id), and the print of the catalogue of
    /// practice examples they were chosen from (see [`catalogue`]).
    similar: Option<(u64, Arc<Vec<Vec<PageId>>>)>,
    /// Each page's card (what lists show of it) by its file's relative path, with the page's
    /// print and the site's language when it was made.
    cards: FxMap<String, (u64, Value)>,
}

impl OutputMemo {
    pub(super) fn start(&mut self, global: u64) {
        if self.global != global {
            self.files.clear();
            self.global = global;
        }
    }

    /// The bytes rendered before for `path`, if its print was `print` then.
    pub(super) fn get(&self, path: &str, print: u64) -> Option<Arc<[u8]>> {
        self.files.get(path).filter(|(p, _)| *p == print).map(|(_, b)| b.clone())
    }

    pub(super) fn keep(&mut self, files: FxMap<String, Rendered>) {
        self.files = files;
    }

    /// Every page's card, by page id: remembered when the page's print (`prints`, by page id)
    /// and the language are as when it was made, else made by `make`. Keeps just these.
    pub(super) fn cards(
        &mut self,
        site: &Site,
        prints: &[u64],
        language: &str,
        make: impl Fn(&crate::model::Page) -> Value + Sync,
    ) -> Vec<Value> {
        let old = std::mem::take(&mut self.cards);
        let cards: Vec<(u64, Value)> = site
            .pages
            .par_iter()
            .map(|p| {
                let key = print(&(prints[p.id], language));
                match old.get(&p.doc.rel_path) {
                    Some((k, card)) if *k == key => (key, card.clone()),
                    _ => (key, make(p)),
                }
            })
            .collect();
        self.cards =
            site.pages.iter().zip(&cards).map(|(p, (k, c))| (p.doc.rel_path.clone(), (*k, c.clone()))).collect();
        cards.into_iter().map(|(_, c)| c).collect()
    }

    /// Every page's similar examples (empty for a page that is not a practice example), made
    /// by `choose` unless the catalogue they are chosen from is as when they were last made.
    pub(super) fn similar(
        &mut self,
        catalogue: u64,
        choose: impl FnOnce() -> Vec<Vec<PageId>>,
    ) -> Arc<Vec<Vec<PageId>>> {
        match &self.similar {
            Some((print, lists)) if *print == catalogue => lists.clone(),
            _ => {
                let lists = Arc::new(choose());
                self.similar = Some((catalogue, lists.clone()));
                lists
            }
        }
    }
}

/// What the choice of similar examples depends on: every page's id, address and kind, and of
/// each practice example its themes, date and sorting title (the theme taxonomy lists pages in
/// that order).
pub(super) fn catalogue(site: &Site) -> u64 {
    let mut h = DefaultHasher::new();
    for p in &site.pages {
        (p.id, &p.path, p.kind).hash(&mut h);
        if p.kind == crate::kind::Kind::Practice {
            (&p.themes, p.date.map(|d| d.to_string()), &p.sort_title).hash(&mut h);
        }
    }
    h.finish()
}

/// Per page (by id), the print of all a list or a page shows of it: its file's reading, its
/// address, its body, its last-modified date, the titles and addresses of the pages it names
/// as related, and its translations (a translation added while previewing adds a `hreflang`
/// link and a language in the switcher to the page).
pub(super) fn page_prints(site: &Site, body_prints: &[u64]) -> Vec<u64> {
    site.pages
        .par_iter()
        .map(|p| {
            let mut h = DefaultHasher::new();
            (p.doc.revision, &p.doc.rel_path, &p.path, p.draft, body_prints[p.id]).hash(&mut h);
            // Not read from the file: a commit changes it while the file stays the same.
            p.modified.map(|d| d.to_string()).hash(&mut h);
            site.translations.alternates(&p.path).hash(&mut h);
            if let KindData::Term(t) = &p.data {
                for &r in &t.related {
                    let r = site.page(r);
                    (&r.title, &r.path).hash(&mut h);
                }
            }
            h.finish()
        })
        .collect()
}

/// The prints of a section (see [`section_prints`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct SectionPrint {
    /// What the section's own page shows of itself and its subsections, with the breadcrumbs.
    pub(super) own: u64,
    /// The breadcrumbs down to and with it, as its pages show them.
    pub(super) trail: u64,
    /// All its pages (their prints, in listing order).
    pub(super) pages: u64,
}

/// Per section (by id): its prints. `pages` are the page prints by page id.
pub(super) fn section_prints(site: &Site, body_prints: &[u64], pages: &[u64]) -> Vec<SectionPrint> {
    site.sections
        .iter()
        .map(|s| {
            let mut trail = DefaultHasher::new();
            let mut at = Some(s.id);
            while let Some(p) = at {
                let p = &site.sections[p];
                (&p.title, &p.path).hash(&mut trail);
                at = p.parent;
            }
            let trail = trail.finish();
            let mut h = DefaultHasher::new();
            let rev = s.doc.as_ref().map(|d| d.revision);
            (trail, &s.title, &s.path, &s.summary, s.weight, rev, body_prints.get(s.id), s.pages.len()).hash(&mut h);
            site.translations.alternates(&s.path).hash(&mut h);
            for &c in &s.subsections {
                let c = &site.sections[c];
                (&c.title, &c.path, &c.summary, c.pages.len()).hash(&mut h);
            }
            let mut all = DefaultHasher::new();
            for &p in &s.pages {
                pages[p].hash(&mut all);
            }
            SectionPrint { own: h.finish(), trail, pages: all.finish() }
        })
        .collect()
}
