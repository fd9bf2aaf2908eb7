//! Moved pages: the old addresses a page lists in `moved_from:`, read into site paths. The
//! render stage writes a page at each old address that sends the reader on, and the server
//! redirect maps; the check stage refuses an old address that another page or file uses.
//!
//! An old address is a path on this site, as readers had it: `/oude-map/oude-naam/`,
//! `oude-map/oude-naam`, `oude-map/oude-naam/index.html` and `/oud.html` all work. Leading and
//! trailing slashes do not count, so the first three are the same address. Only letters,
//! digits and `-`, `_`, `.`, `~` are allowed between the slashes: the address goes into server
//! configuration files, where anything else would need quoting.

use crate::diagnostic::Diagnostic;
use crate::messages::Msg;
use crate::msg;

use super::{Page, PageId};

/// One old address of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Moved {
    /// The old address as a site path: `oude-map/oude-naam/`, or `oud.html` for a file.
    pub(crate) from: String,
    /// The entry as the editor wrote it, to point at it in messages.
    pub(crate) written: String,
    /// The page it moved to.
    pub(crate) page: PageId,
}

/// Every valid old address of the pages, in page order and then the order written; each
/// entry that is no path on this site is an error at the entry.
pub(crate) fn collect(pages: &[Page], diagnostics: &mut Vec<Diagnostic>) -> Vec<Moved> {
    let mut moved = Vec::new();
    for page in pages {
        for written in &page.doc.front.moved_from {
            match site_path(written) {
                Ok(from) => moved.push(Moved { from, written: written.clone(), page: page.id }),
                Err(why) => diagnostics.push(
                    page.doc.at_key_value(
                        Diagnostic::error("bad-moved-from", msg!("bad-moved-from", written = written.trim(), why))
                            .help(msg!("bad-moved-from.help")),
                        "moved_from",
                        written.trim(),
                    ),
                ),
            }
        }
    }
    moved
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
