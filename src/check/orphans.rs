//! Pages nothing leads a reader to.
//!
//! Every page is in its section's list and in search, so "no page links to it" taken literally
//! never happens. What editors need to know is whether a reader who is *on another page* of the
//! site can get to it. A page is reachable when at least one of these holds:
//!
//! 1. another page or section text (or the home page's `intro` in the config) links to it (a
//!    link from the page to itself does not count);
//! 2. another term names it under `related`;
//! 3. it is in the menu of `wegwijs.yaml`, or in its `footer`;
//! 4. it has a theme (`themes:`) while the themes taxonomy is on: every theme has a page, written
//!    in `themas/` or generated, that lists it, and themes are where practice examples, tools,
//!    terms and articles meet;
//! 5. it is a practice example with a municipality (`municipality:`) while the municipality
//!    taxonomy is on: the municipality's page lists it, and that is where readers look for what
//!    their own or a neighbouring municipality does;
//! 6. it is a term: the glossary lists every term from A to Z, which is how readers look a word
//!    up, and search finds terms by their aliases too;
//! 7. it is the page of a taxonomy value (a theme page in `themas/`): the taxonomy's index lists
//!    it.
//!
//! The other lists do not count. A section list of practice examples or articles is ordered by
//! date and split into pages of 50, so an older page sinks out of sight; target group and tool
//! type lists are filters for readers who already know what they want.
//!
//! Under these rules an orphan is a page without a theme or municipality that no text links to:
//! a real island, and one the editor can fix in a minute. The rules also keep the check quiet where it should
//! be: the benchmark corpus, whose random links miss about one page in a hundred, gives every
//! page a theme, and every page of the shipped knowledge base is linked from another page. The
//! check runs in `build` and in a preview server as well as in `check`: a page that has just
//! been written with a theme is reachable at once, so the warning does not nag while writing.

use rayon::prelude::*;

use super::Input;
use crate::config::TaxonomyField;
use crate::diagnostic::Diagnostic;
use crate::hash::FxMap;
use crate::kind::Kind;
use crate::model::{PageId, Site};

/// For each page, whether a reader can reach it from another page (the rules above).
pub(crate) fn reachable(input: &Input<'_>) -> Vec<bool> {
    let site = input.site;
    let by_path: FxMap<&str, PageId> = site.pages.iter().map(|p| (p.path.as_str(), p.id)).collect();
    let mut reached = vec![false; site.pages.len()];
    // Every link of every page: looked up in parallel.
    let linked: Vec<PageId> = site
        .pages
        .par_iter()
        .zip(input.bodies)
        .flat_map_iter(|(page, body)| {
            body.links.iter().filter_map(|target| by_path.get(target.as_str()).copied().filter(|&id| id != page.id))
        })
        .collect();
    for id in linked {
        reached[id] = true;
    }
    let mut mark = |path: &str, from: Option<PageId>| {
        if let Some(&id) = by_path.get(path)
            && Some(id) != from
        {
            reached[id] = true;
        }
    };
    // The home page's text, and its intro from the config, are on the home page.
    for body in input.section_bodies.iter().chain(input.intro_bodies) {
        for target in &body.links {
            mark(target, None);
        }
    }
    for item in input.config.menu.iter().flatten() {
        mark(item.url.trim_start_matches('/'), None);
    }
    // The footer's accessibility statement, privacy statement and contact page are on every page.
    for written in input.config.footer.values() {
        if let crate::config::FooterTarget::Internal(path) = crate::config::footer_target(&written.value) {
            mark(&path, None);
        }
    }
    for page in &site.pages {
        if let Some(term) = page.term() {
            for &id in &term.related {
                if id != page.id {
                    reached[id] = true;
                }
            }
        }
    }
    for tax in &site.taxonomies {
        for term in &tax.terms {
            // The page of a value is reached through the taxonomy's index.
            if let Some(id) = term.page {
                reached[id] = true;
            }
            // A theme page lists its pages, and so does a municipality's: a reader who looks
            // up what their own municipality does finds every example there.
            if matches!(tax.field, TaxonomyField::Themes | TaxonomyField::Municipality) {
                for &id in &term.pages {
                    reached[id] = true;
                }
            }
        }
    }
    for page in site.pages_of(Kind::Term) {
        reached[page.id] = true;
    }
    reached
}

pub(super) fn check(input: &Input<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let site: &Site = input.site;
    let themes_on = site.taxonomies.iter().any(|t| t.field == TaxonomyField::Themes);
    let municipalities_on = site.taxonomies.iter().any(|t| t.field == TaxonomyField::Municipality);
    for (page, reached) in site.pages.iter().zip(reachable(input)) {
        // A page whose front matter could not be read has its own error to fix first.
        if reached || !page.doc.front.readable {
            continue;
        }
        let help = if page.practice().is_some() && municipalities_on {
            crate::msg!("orphan-page.help.municipality")
        } else if themes_on {
            crate::msg!("orphan-page.help.themes")
        } else {
            crate::msg!("orphan-page.help")
        };
        let d = Diagnostic::warning("orphan-page", crate::msg!("orphan-page"))
            .label(crate::msg!("orphan-page.label"))
            .help(help);
        diagnostics.push(page.doc.at_key(d, "title"));
    }
}
