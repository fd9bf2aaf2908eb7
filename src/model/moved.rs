//! Moved pages: the old addresses a page lists in `moved_from:`, read into site paths. The
//! render stage writes a page at each old address that sends the reader on, and the server
//! redirect maps; the check stage refuses an old address that another page or file uses.
//!
//! A section can move as a whole: `moved_from: [/oude-map/]` in its `_index.md` sends the old
//! address of the section, and of every page and subsection below it, to the new one
//! (`oude-map/x/` to `nieuwe-map/x/`).
//!
//! An old address is a path on this site, as readers had it: `/oude-map/oude-naam/`,
//! `oude-map/oude-naam`, `oude-map/oude-naam/index.html` and `/oud.html` all work. Leading and
//! trailing slashes do not count, so the first three are the same address. Only letters,
//! digits and `-`, `_`, `.`, `~` are allowed between the slashes: the address goes into server
//! configuration files, where anything else would need quoting.

use crate::diagnostic::Diagnostic;
use crate::messages::Msg;
use crate::msg;

use crate::load::SourceDoc;

use super::{Page, PageId, Section, SectionId};

/// One old address of a page or section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Moved {
    /// The old address as a site path: `oude-map/oude-naam/`, or `oud.html` for a file.
    pub(crate) from: String,
    /// The entry as the editor wrote it, to point at it in messages.
    pub(crate) written: String,
    /// Where it moved to.
    pub(crate) to: Target,
    /// The page or section whose `moved_from` has the entry: for a page below a moved
    /// section, the section.
    pub(crate) by: Target,
}

/// A page or a section of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Page(PageId),
    Section(SectionId),
}

impl Moved {
    /// Whether the entry is as written (not an address below a moved section).
    pub(crate) fn is_written(&self) -> bool {
        self.to == self.by
    }

    /// The site path it moved to.
    pub(crate) fn to_path<'s>(&self, site: &'s super::Site) -> &'s str {
        match self.to {
            Target::Page(id) => &site.page(id).path,
            Target::Section(id) => &site.sections[id].path,
        }
    }

    /// The title of what it moved to.
    pub(crate) fn to_title<'s>(&self, site: &'s super::Site) -> &'s str {
        match self.to {
            Target::Page(id) => &site.page(id).title,
            Target::Section(id) => &site.sections[id].title,
        }
    }

    /// The file whose `moved_from` has the entry.
    pub(crate) fn doc<'s>(&self, site: &'s super::Site) -> &'s SourceDoc {
        match self.by {
            Target::Page(id) => &site.page(id).doc,
            Target::Section(id) => site.sections[id].doc.as_deref().expect("a section with moved_from has a file"),
        }
    }
}

/// Every valid old address of the pages, in page order and then the order written, then of
/// the sections, each followed by the addresses below it; each entry that is no path on this
/// site is an error at the entry.
pub(crate) fn collect(pages: &[Page], sections: &[Section], diagnostics: &mut Vec<Diagnostic>) -> Vec<Moved> {
    let mut moved = Vec::new();
    for page in pages {
        for (from, written) in entries(&page.doc, diagnostics) {
            moved.push(Moved { from, written, to: Target::Page(page.id), by: Target::Page(page.id) });
        }
    }
    for section in sections {
        let Some(doc) = section.doc.as_ref().filter(|d| !d.front.moved_from.is_empty()) else { continue };
        let by = Target::Section(section.id);
        for (from, written) in entries(doc, diagnostics) {
            moved.push(Moved { from: from.clone(), written: written.clone(), to: by, by });
            // A file of the old site (`oud.html`) was one page: nothing was below it.
            if !from.ends_with('/') {
                continue;
            }
            // Subsections, then pages, below the section (the section itself has no rest).
            let below = sections
                .iter()
                .map(|s| (s.path.as_str(), Target::Section(s.id)))
                .chain(pages.iter().map(|p| (p.path.as_str(), Target::Page(p.id))));
            for (path, to) in below {
                if let Some(rest) = path.strip_prefix(section.path.as_str()).filter(|r| !r.is_empty()) {
                    moved.push(Moved { from: format!("{from}{rest}"), written: written.clone(), to, by });
                }
            }
        }
    }
    moved
}

/// The old addresses `doc` lists in `moved_from`, as (site path, entry as written).
fn entries(doc: &SourceDoc, diagnostics: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for written in &doc.front.moved_from {
        match site_path(written) {
            Ok(from) => found.push((from, written.clone())),
            Err(why) => diagnostics.push(
                doc.at_key_value(
                    Diagnostic::error("bad-moved-from", msg!("bad-moved-from", written = written.trim(), why))
                        .help(msg!("bad-moved-from.help")),
                    "moved_from",
                    written.trim(),
                ),
            ),
        }
    }
    found
}

/// The site path of an old address as written, or why it is none.
pub(crate) fn site_path(written: &str) -> Result<String, Msg> {
    let s = written.trim();
    if s.contains("://") || s.starts_with("//") {
        return Err(msg!("bad-moved-from.address"));
    }
    if let Some(c) = s.chars().find(|&c| !(c.is_alphanumeric() || matches!(c, '/' | '-' | '_' | '.' | '~'))) {
        let c = if c.is_whitespace() { msg!("bad-moved-from.space") } else { msg!("bad-moved-from.sign", c) };
        return Err(msg!("bad-moved-from.character", c));
    }
    let inner = s.trim_matches('/');
    let parts: Vec<&str> = inner.split('/').collect();
    if inner.is_empty() {
        return Err(msg!("bad-moved-from.home"));
    }
    if parts.iter().any(|p| p.is_empty() || *p == "." || *p == "..") {
        return Err(msg!("bad-moved-from.parts"));
    }
    let last = parts[parts.len() - 1];
    let folder = if matches!(last, "index.html" | "index.htm") { &parts[..parts.len() - 1] } else { &parts[..] };
    if folder.is_empty() {
        return Err(msg!("bad-moved-from.home"));
    }
    let joined = folder.join("/");
    // A file of the old site (`oud.html`) keeps its name; anything else is a folder.
    if folder.len() == parts.len() && (last.ends_with(".html") || last.ends_with(".htm")) {
        Ok(joined)
    } else {
        Ok(format!("{joined}/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slashes_do_not_count() {
        for written in ["/oud/pad/", "oud/pad", "oud/pad/", "/oud/pad", " /oud/pad/index.html ", "oud/pad/index.htm"] {
            assert_eq!(site_path(written).as_deref().ok(), Some("oud/pad/"), "{written}");
        }
        assert_eq!(site_path("/oud.html").as_deref().ok(), Some("oud.html"));
        assert_eq!(site_path("map/oud.htm").as_deref().ok(), Some("map/oud.htm"));
        assert_eq!(site_path("/statushouder~2/").as_deref().ok(), Some("statushouder~2/"));
        assert_eq!(site_path("/cliënt/").as_deref().ok(), Some("cliënt/"));
    }

    #[test]
    fn what_is_no_path_here_is_refused() {
        for written in [
            "",
            "/",
            "/index.html",
            "https://oud.example.nl/x/",
            "//oud.example.nl/x/",
            "/a//b/",
            "/a/../b/",
            "/a b/",
            "/a?b=1",
            "/a#b",
            "/a%20b/",
            "/a;b/",
            "/a{b}/",
        ] {
            assert!(site_path(written).is_err(), "{written:?}");
        }
    }
}
