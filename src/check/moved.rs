//! Old addresses of moved pages (`moved_from:`, see `model::moved`) that cannot be kept: an
//! address where a page still lives, where wegwijs writes a page of its own (the search page,
//! a list's second page, the feed, ...), or that two pages (or one page twice) claim. Each is
//! an error at the entry in `moved_from`, so that the address keeps one meaning.
//!
//! The redirect files are among the output paths, so such a clash is also two files on one
//! path; `paths` leaves those paths to this check, which can say which entry to change.

use std::collections::{HashMap, HashSet};

use super::Input;
use crate::diagnostic::Diagnostic;
use crate::layout::redirect_file;
use crate::msg;

/// The output files of the old addresses, for the checks that leave them to this one.
pub(super) fn redirect_files(input: &Input<'_>) -> HashSet<String> {
    input.site.moved.iter().map(|m| redirect_file(&m.from)).collect()
}

pub(super) fn check(input: &Input<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let site = input.site;
    if site.moved.is_empty() {
        return;
    }
    let mut claims: HashMap<String, usize> = HashMap::new();
    for m in &site.moved {
        *claims.entry(redirect_file(&m.from)).or_default() += 1;
    }
    // Where each live page and section is; the rest of the output is generated.
    let mut live: HashMap<String, &std::path::Path> = HashMap::new();
    for p in &site.pages {
        live.insert(p.path.clone(), &p.doc.shown);
    }
    for s in &site.sections {
        if let Some(doc) = &s.doc {
            live.insert(s.path.clone(), &doc.shown);
        }
    }
    let mut first: HashMap<String, usize> = HashMap::new();
    for (i, m) in site.moved.iter().enumerate() {
        let file = redirect_file(&m.from);
        let written = input.paths.partition_point(|p| p < &file);
        let on_path = input.paths[written..].iter().take_while(|p| **p == file).count();
        let others = on_path.saturating_sub(claims[&file]);
        let doc = m.doc(site);
        let from = m.from.as_str();
        let d = if others > 0 {
            match live.get(from) {
                Some(other) => {
                    Diagnostic::error("moved-from-taken", msg!("moved-from-live", from, other = other.display()))
                        .help(msg!("moved-from-live.help"))
                }
                None => {
                    let what_there = super::paths::generated(input, &file);
                    Diagnostic::error("moved-from-taken", msg!("moved-from-generated", from, what_there))
                        .help(msg!("moved-from-generated.help"))
                }
            }
        } else if let Some(&earlier) = first.get(&file) {
            let e = &site.moved[earlier];
            let message = if e.by == m.by {
                msg!("moved-from-twice.same", from)
            } else {
                msg!("moved-from-twice", from, other = e.doc(site).shown.display())
            };
            Diagnostic::error("moved-from-twice", message).help(msg!("moved-from-twice.help"))
        } else {
            first.insert(file, i);
            continue;
        };
        first.entry(file).or_insert(i);
        diagnostics.push(locate(doc, d, &m.written, i, site));
    }
}

/// `d` at the entry of `moved_from` as written; the second of two equal entries of one page at
/// the second.
fn locate(
    doc: &crate::load::SourceDoc,
    d: Diagnostic,
    written: &str,
    index: usize,
    site: &crate::model::Site,
) -> Diagnostic {
    let needle = written.trim();
    let this = &site.moved[index];
    // Which occurrence of the entry in the file: an address below a moved section counts as
    // the section's entry it came from, the last one written before it.
    let written_before =
        site.moved[..index].iter().filter(|m| m.is_written() && m.by == this.by && m.written.trim() == needle).count();
    let earlier_same = if this.is_written() { written_before } else { written_before.saturating_sub(1) };
    if earlier_same == 0 {
        return doc.at_key_value(d, "moved_from", needle);
    }
    // The n-th whole occurrence of the entry in the front matter.
    let yaml = &doc.text[doc.yaml.clone()];
    let starts: Vec<usize> = yaml
        .match_indices(needle)
        .map(|(i, _)| i)
        .filter(|&i| {
            let before = yaml[..i].trim_end_matches([' ', '"', '\'']);
            let after = yaml[i + needle.len()..].trim_start_matches([' ', '"', '\'']);
            before.ends_with(['[', ',', '-', ':'])
                && (after.is_empty() || after.starts_with([',', ']', '\n', '\r', '#']))
        })
        .collect();
    match starts.get(earlier_same) {
        Some(&at) => {
            let start = doc.yaml.start + at;
            d.at(&doc.source(), start..start + needle.len())
        }
        None => doc.at_key_value(d, "moved_from", needle),
    }
}
