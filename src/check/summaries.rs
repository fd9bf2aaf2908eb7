//! Pages and sections that lists would show without a summary.
//!
//! Lists show a summary under each title: section lists, theme and municipality lists, the home
//! page's tiles, search results, the feed and the description search engines show. Search
//! results and the description use the summary and nothing else; cards fall back to the first
//! paragraph of the text, which usually reads as an opening, not as a summary. So:
//!
//! - a page needs a `summary`, except a term: lists show a term's `definition`, which is one or
//!   two sentences by design (a term without one is already an error);
//! - a section's `_index.md` needs a `summary`, except the home page's: the tiles on the home
//!   page and the list of subsections show it, with nothing in its place when it is missing.
//!
//! `summary: ""` or `summary:` with nothing after it is reported as an empty summary, at the key.
//! Both rules hold for every page of the shipped knowledge base and of the benchmark corpus,
//! whose terms carry a definition and no summary.

use crate::diagnostic::Diagnostic;
use crate::kind::Kind;
use crate::load::SourceDoc;
use crate::messages::Msg;
use crate::model::Site;
use crate::msg;

pub(super) fn check(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    for page in &site.pages {
        if page.summary.is_some() || page.kind == Kind::Term || !page.doc.front.readable {
            continue;
        }
        diagnostics.push(report(&page.doc, msg!("missing-summary.page"), msg!("missing-summary.page.shown")));
    }
    for section in site.sections.iter().filter(|s| s.parent.is_some()) {
        let Some(doc) = section.doc.as_ref().filter(|d| d.front.readable) else { continue };
        if section.summary.as_deref().is_some_and(|s| !s.trim().is_empty()) {
            continue;
        }
        diagnostics.push(report(doc, msg!("missing-summary.section"), msg!("missing-summary.section.shown")));
    }
}

fn report(doc: &SourceDoc, missing: Msg, where_shown: Msg) -> Diagnostic {
    let written = doc.front.spans.contains("summary");
    let (message, key) = if written { (msg!("missing-summary.empty"), "summary") } else { (missing, "title") };
    let label = if written { msg!("missing-summary.empty.label") } else { msg!("missing-summary.label") };
    let d =
        Diagnostic::warning("missing-summary", message).label(label).help(msg!("missing-summary.help", where_shown));
    doc.at_key(d, key)
}
