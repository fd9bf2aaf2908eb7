//! The one warning about links that a local site's `exclude` (or a local draft) cut from base
//! pages: the render stage wrote them as plain text, in files the municipality does not own,
//! so they are listed together at `exclude` in its own config rather than one by one.

use super::Input;
use crate::diagnostic::{Diagnostic, Severity};
use crate::msg;

pub(super) fn check(input: &Input<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let site = input.site;
    let from_pages = site.pages.iter().map(|p| (&p.doc.rel_path, &input.bodies[p.id]));
    let from_sections =
        site.sections.iter().filter_map(|s| Some((&s.doc.as_ref()?.rel_path, input.section_bodies.get(s.id)?)));
    let mut links: Vec<String> = from_pages
        .chain(from_sections)
        .flat_map(|(from, body)| body.unlinked.iter().map(move |to| format!("{from} → {to}")))
        .collect();
    if links.is_empty() {
        return;
    }
    links.sort();
    links.dedup();
    let n = links.len();
    let mut d = input
        .config
        .diagnostic_at_key("exclude", "links-to-excluded", msg!("links-to-excluded", n, links = links.join(", ")))
        .help(msg!("links-to-excluded.help"));
    d.severity = Severity::Warning;
    diagnostics.push(d);
}
