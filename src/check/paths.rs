//! Output paths that more than one thing would be written to.
//!
//! This looks at the output files themselves, as the write stage would get them, so every kind
//! of clash is caught in one place: two pages with the same slug, a page at `zoeken.md` where
//! the search page goes, a file `content/robots.txt` or `content/atom.xml` where wegwijs writes
//! its own, a page in a `pagina/` folder where page 2 of a list goes, a file `static/...` that
//! hides a generated one. It also catches a file whose path is a folder of another output
//! path (a file `content/begrippen` beside the folder `begrippen/`), which would make the write
//! fail halfway.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::Input;
use crate::diagnostic::Diagnostic;
use crate::layout;
use crate::load::SourceDoc;
use crate::messages::Msg;
use crate::msg;
use crate::output;

/// Something from the site's own folders that is written to an output path.
enum Origin<'a> {
    /// A page or a section's `_index.md`.
    Doc(&'a SourceDoc),
    /// A file copied from a content folder, or a static file from the site's folders.
    File(PathBuf),
}

impl Origin<'_> {
    fn shown(&self) -> PathBuf {
        match self {
            Origin::Doc(d) => d.shown.clone(),
            Origin::File(p) => p.clone(),
        }
    }
}

/// What wegwijs itself writes at `path`, for messages.
pub(super) fn generated(input: &Input<'_>, path: &str) -> Msg {
    let site = input.site;
    for tax in &site.taxonomies {
        if path == format!("{}index.html", tax.path) {
            return msg!("generated.taxonomy", key = tax.field.key());
        }
        for term in &tax.terms {
            if path == format!("{}index.html", term.path) {
                return msg!("generated.term", key = tax.field.key(), name = &term.name);
            }
        }
    }
    if input.theme.url_words.is_pager_file(path) {
        return msg!("generated.pager");
    }
    match path {
        "index.html" => msg!("generated.home"),
        layout::NOT_FOUND => msg!("generated.not-found"),
        layout::ROBOTS => msg!("generated.robots"),
        layout::SITEMAP => msg!("generated.sitemap"),
        layout::FEED => msg!("generated.feed"),
        layout::THEME_CSS => msg!("generated.theme-css"),
        _ if path == layout::page_file(&input.theme.url_words.search) => msg!("generated.search"),
        _ if path.starts_with(&input.theme.url_words.search_index) => msg!("generated.search-index"),
        _ if input.theme.static_files.contains_key(path) => msg!("generated.theme-file"),
        _ => msg!("generated.page"),
    }
}

pub(super) fn check(input: &Input<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let conflicts = output::conflicts(input.paths);
    if conflicts.is_empty() {
        return;
    }
    let site = input.site;
    // Where the site's own things go; pages and sections by the first page of their output.
    let mut origins: BTreeMap<String, Vec<Origin<'_>>> = BTreeMap::new();
    for page in &site.pages {
        origins.entry(format!("{}index.html", page.path)).or_default().push(Origin::Doc(&page.doc));
    }
    for section in &site.sections {
        if let Some(doc) = &section.doc {
            origins.entry(format!("{}index.html", section.path)).or_default().push(Origin::Doc(doc));
        }
    }
    for asset in &site.assets {
        origins.entry(asset.rel_path.clone()).or_default().push(Origin::File(input.config.display_path(&asset.file)));
    }
    for (path, source) in &input.theme.static_files {
        if let crate::theme::FileSource::Disk(file) = source {
            origins.entry(path.clone()).or_default().push(Origin::File(input.config.display_path(file)));
        }
    }
    // An old address of a moved page on a taken path is said by `moved`, at the entry.
    let redirects = super::moved::redirect_files(input);
    for (path, count) in conflicts.twice {
        if redirects.contains(path) {
            continue;
        }
        let mut own: Vec<&Origin<'_>> = origins.get(path).map(|o| o.iter().collect()).unwrap_or_default();
        // The page that set its `slug:` is the one that moved onto the other's path, so it is the
        // one reported; otherwise the later one in the alphabet.
        own.sort_by_key(|o| (matches!(o, Origin::Doc(d) if d.front.slug.is_some()), o.shown()));
        let by_wegwijs = count.saturating_sub(own.len());
        let shown_path = path.trim_end_matches("index.html");
        if let Some((first, rest)) = own.split_first() {
            for other in rest {
                let message =
                    msg!("duplicate-path.both", what = what(other), first = first.shown().display(), shown_path);
                diagnostics.push(report(other, message, msg!("duplicate-path.both.help")));
            }
            if by_wegwijs > 0 {
                let what_there = generated(input, path);
                for o in &own {
                    let (message, help) = match o {
                        Origin::Doc(_) => (
                            msg!(
                                "duplicate-path.generated",
                                what = what(o),
                                shown_path,
                                what_there = what_there.clone()
                            ),
                            msg!("duplicate-path.generated.help"),
                        ),
                        Origin::File(_) => (
                            msg!("duplicate-path.generated.file", path, what_there = what_there.clone()),
                            msg!("duplicate-path.generated.file.help"),
                        ),
                    };
                    diagnostics.push(report(o, message, help));
                }
            }
        } else {
            diagnostics.push(
                Diagnostic::error("duplicate-path", msg!("duplicate-path.twice", path))
                    .help(msg!("duplicate-path.twice.help")),
            );
        }
    }
    // A file at `a` and a file at `a/...`: the file system cannot have both.
    for (path, inside) in conflicts.file_and_folder {
        let Some(o) = origins.get(path).and_then(|o| o.first()).or_else(|| origins.get(inside).and_then(|o| o.first()))
        else {
            continue;
        };
        let message = msg!("duplicate-path.file-and-folder", path, inside);
        diagnostics.push(report(o, message, msg!("duplicate-path.file-and-folder.help")));
    }
}

fn what(origin: &Origin<'_>) -> Msg {
    match origin {
        Origin::Doc(d) if d.role == crate::load::DocRole::Section => msg!("this.section"),
        Origin::Doc(_) => msg!("this.page"),
        Origin::File(_) => msg!("this.file"),
    }
}

fn report(origin: &Origin<'_>, message: Msg, help: Msg) -> Diagnostic {
    let d = Diagnostic::error("duplicate-path", message).help(help);
    match origin {
        Origin::Doc(doc) => doc.at_key(d, "slug"),
        Origin::File(file) => d.in_file(file),
    }
}
