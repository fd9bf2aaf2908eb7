//! Terms that no other page links to.
//!
//! Every term is in the glossary's A to Z list and in search, so the orphan check leaves terms
//! alone. But a term earns its place by explaining a word the other pages use, or by belonging
//! to a subject: a term whose page no other page or section text links to (by hand, or by a
//! glossary link on the word's first mention, see `render::glossary`), that no other term names
//! under `related`, that the menu does not lead to and that has no theme (whose page lists it
//! beside the practice examples and tools of its subject) is a word the knowledge base defines
//! but does not use. That is a warning: use the word in a page's text, relate it to a term that
//! is used, or give it a theme. A site of nothing but terms is left alone: it has no other
//! text to use them in.

use super::Input;
use crate::config::TaxonomyField;
use crate::diagnostic::Diagnostic;
use crate::hash::FxMap;
use crate::kind::Kind;
use crate::model::PageId;

pub(super) fn check(input: &Input<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let site = input.site;
    let terms: FxMap<&str, PageId> = site.pages_of(Kind::Term).map(|p| (p.path.as_str(), p.id)).collect();
    // A site of terms alone (a glossary, or a small example) has no other text to use them in.
    if terms.is_empty() || site.pages.iter().all(|p| p.kind == Kind::Term) {
        return;
    }
    let mut linked = vec![false; site.pages.len()];
    let mut mark = |path: &str, from: Option<PageId>| {
        if let Some(&id) = terms.get(path)
            && Some(id) != from
        {
            linked[id] = true;
        }
    };
    for (page, body) in site.pages.iter().zip(input.bodies) {
        for target in &body.links {
            mark(target, Some(page.id));
        }
        if let Some(term) = page.term() {
            for &r in &term.related {
                mark(&site.page(r).path, Some(page.id));
            }
        }
    }
    for body in input.section_bodies {
        for target in &body.links {
            mark(target, None);
        }
    }
    for item in input.config.menu.iter().flatten() {
        mark(item.url.trim_start_matches('/'), None);
    }
    let themes_on = site.taxonomies.iter().any(|t| t.field == TaxonomyField::Themes);
    for page in site.pages_of(Kind::Term) {
        // A page whose front matter could not be read has its own error to fix first.
        if linked[page.id] || (themes_on && !page.themes.is_empty()) || !page.doc.front.readable {
            continue;
        }
        let d = Diagnostic::warning("unlinked-term", crate::msg!("unlinked-term", title = page.title.as_str()))
            .label(crate::msg!("unlinked-term.label"))
            .help(crate::msg!("unlinked-term.help"));
        diagnostics.push(page.doc.at_key(d, "title"));
    }
}
