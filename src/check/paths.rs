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
fn generated(input: &Input<'_>, path: &str) -> String {
    let site = input.site;
    for tax in &site.taxonomies {
        if path == format!("{}index.html", tax.path) {
            return format!("the list of all values of `{}`", tax.field.key());
        }
        for term in &tax.terms {
            if path == format!("{}index.html", term.path) {
                return format!("the list of pages with {} `{}`", tax.field.key(), term.name);
            }
        }
    }
    if input.theme.url_words.is_pager_file(path) {
        return "a further page of a long list".into();
    }
    let known = match path {
        "index.html" => "the home page",
        layout::NOT_FOUND => "the page shown for an address that does not exist",
        layout::ROBOTS => "its robots.txt (to change that, put your own in templates/robots.txt)",
        layout::SITEMAP => "the sitemap",
        layout::FEED => "the news feed",
        layout::THEME_CSS => "the stylesheet with the theme's colours",
        _ if path == layout::page_file(&input.theme.url_words.search) => "the search page",
        _ if path.starts_with(&input.theme.url_words.search_index) => "the search index",
        _ if input.theme.static_files.contains_key(path) => "a file of the theme (replace it through static/)",
        _ => "a page it generates",
    };
    known.to_string()
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
    for (path, count) in conflicts.twice {
        let mut own: Vec<&Origin<'_>> = origins.get(path).map(|o| o.iter().collect()).unwrap_or_default();
        // The page that set its `slug:` is the one that moved onto the other's path, so it is the
        // one reported; otherwise the later one in the alphabet.
        own.sort_by_key(|o| (matches!(o, Origin::Doc(d) if d.front.slug.is_some()), o.shown()));
        let by_wegwijs = count.saturating_sub(own.len());
        let shown_path = path.trim_end_matches("index.html");
        if let Some((first, rest)) = own.split_first() {
            for other in rest {
                let message = format!(
                    "this {} and `{}` would both be published at /{shown_path}",
                    what(other),
                    first.shown().display()
                );
                diagnostics.push(report(other, message, "give one of them another file name or `slug:`"));
            }
            if by_wegwijs > 0 {
                let what_there = generated(input, path);
                for o in &own {
                    let (message, help) = match o {
                        Origin::Doc(_) => (
                            format!(
                                "this {} would be published at /{shown_path}, where wegwijs puts {what_there}",
                                what(o)
                            ),
                            "give it another file name or `slug:`, so that both can be published",
                        ),
                        Origin::File(_) => (
                            format!("this file would be copied to /{path}, where wegwijs writes {what_there}"),
                            "rename or remove the file, so that it does not replace what wegwijs writes there",
                        ),
                    };
                    diagnostics.push(report(o, message, help));
                }
            }
        } else {
            diagnostics.push(
                Diagnostic::error("duplicate-path", format!("wegwijs would write /{path} twice"))
                    .help("check the theme's static files and the taxonomy folders in wegwijs.yaml; one of them takes a path wegwijs needs"),
            );
        }
    }
    // A file at `a` and a file at `a/...`: the file system cannot have both.
    for (path, inside) in conflicts.file_and_folder {
        let Some(o) = origins.get(path).and_then(|o| o.first()).or_else(|| origins.get(inside).and_then(|o| o.first()))
        else {
            continue;
        };
        let message = format!("/{path} would be both a file and the folder of /{inside}");
        diagnostics.push(report(
            o,
            message,
            "rename the file, so that it does not take the name of a folder of the site",
        ));
    }
}

fn what(origin: &Origin<'_>) -> &'static str {
    match origin {
        Origin::Doc(d) if d.role == crate::load::DocRole::Section => "section",
        Origin::Doc(_) => "page",
        Origin::File(_) => "file",
    }
}

fn report(origin: &Origin<'_>, message: String, help: &str) -> Diagnostic {
    let d = Diagnostic::error("duplicate-path", message).help(help);
    match origin {
        Origin::Doc(doc) => doc.at_key(d, "slug"),
        Origin::File(file) => d.in_file(file),
    }
}
