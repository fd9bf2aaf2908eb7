//! Markdown to HTML in one pass over pulldown-cmark's events, which also gives the heading ids,
//! the table of contents and the links to check, and tells a [`TextSink`] the text it meets
//! (the search index listens there, so it reads each page while it is still in the cache).
//!
//! Authors link to pages by source path (`../begrippen/statushouder.md#herkomst`); the link
//! table of the model turns that into the page's URL, written relative to the page, so the
//! output works under any base path. Anchors into other pages can only be checked once every
//! page is rendered, so they are returned as [`AnchorRef`]s for the render stage to check.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, SourceText};
use crate::hash::FxSet;
use crate::load::SourceDoc;
use crate::model::{LinkTarget, Site};
use crate::text::{escape_html, slugify};

/// The Markdown extensions wegwijs enables.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// What rendering a body gives.
#[derive(Debug, Default, Clone)]
pub struct RenderedBody {
    pub html: String,
    /// `##` and `###` headings, nested: the table of contents.
    pub toc: Vec<TocEntry>,
    /// Every heading id on the page (for anchor checks).
    pub ids: HashSet<String>,
    /// The first paragraph as plain text (a summary for pages without one).
    pub first_paragraph: Option<String>,
    pub anchor_refs: Vec<AnchorRef>,
    /// Site paths of the pages, sections and files this body links to (for the orphan check).
    pub links: Vec<String>,
    /// `http(s)://` links, with their byte range in the source text (for `check --external`).
    pub external_links: Vec<(String, Range<usize>)>,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// Hears the text of a body, without markup, as the renderer meets it. Each call is a run of
/// text on its own: the listener must not join the end of one call to the start of the next
/// into one word. This module knows nothing of who listens.
pub trait TextSink {
    /// A heading's text, whole and trimmed (inline markup removed, so `Wat *werkt*` gives
    /// `Wat werkt`). A heading is also part of the body's text; it is told once, here.
    fn heading(&mut self, text: &str);
    /// A run of the body's text outside headings: a text event, inline code, image text.
    fn body(&mut self, text: &str);
}

/// Nobody listens.
impl TextSink for () {
    fn heading(&mut self, _: &str) {}
    fn body(&mut self, _: &str) {}
}

/// A link to `#anchor` on another page (or this one), checked after all pages are rendered.
#[derive(Debug, Clone)]
pub struct AnchorRef {
    /// Site path of the target page.
    pub target: String,
    pub anchor: String,
    /// The error to report if the anchor does not exist.
    pub if_missing: Diagnostic,
}

/// What the renderer needs to know about the rest of the site.
pub struct Context<'a> {
    pub site: &'a Site,
    /// Every site path that is published (pages, lists, static files, assets).
    pub published: &'a FxSet<String>,
    pub allow_html: bool,
    /// Accessible name of the scrollable region around tables.
    pub table_label: &'a str,
}

/// Renders the body of `doc`, which publishes at site path `page_path`, telling `sink` its text.
pub fn render(doc: &SourceDoc, page_path: &str, ctx: &Context<'_>, sink: &mut impl TextSink) -> RenderedBody {
    let body = doc.body();
    let src = doc.source();
    let base = doc.body_start;
    let root = relative_root(page_path);
    let mut out = RenderedBody::default();
    let mut events: Vec<Event<'_>> = Vec::with_capacity(body.len() / 12);

    // State of the single pass.
    let mut heading: Option<(usize, HeadingLevel, Option<String>)> = None; // (event index, level, explicit id)
    let mut heading_text = String::new();
    let mut image: Option<(usize, Range<usize>)> = None;
    let mut image_alt = String::new();
    let mut paragraph_depth = 0usize;
    let mut first_paragraph = String::new();
    let mut first_paragraph_done = false;
    let mut flat_toc: Vec<(u8, String, String)> = Vec::new();
    let mut in_table_head = false;
    // A header cell being read: where it starts, and whether it has text yet.
    let mut header_cell: Option<(usize, bool)> = None;

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let span = base + range.start..base + range.end;
        if let (Some((_, has)), Event::Text(t) | Event::Code(t)) = (&mut header_cell, &event) {
            *has |= !t.trim().is_empty();
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((events.len(), level, id.map(|s| s.to_string())));
                heading_text.clear();
                events.push(Event::Text(CowStr::Borrowed(""))); // replaced at the heading's end
            }
            Event::End(TagEnd::Heading(level)) => {
                let (start_index, _, explicit) = heading.take().expect("heading end follows a start");
                let text = heading_text.trim().to_string();
                let id = unique_id(explicit.unwrap_or_else(|| slugify(&text)), &mut out.ids);
                let n = heading_level(level);
                events[start_index] = Event::Html(CowStr::from(format!("<h{n} id=\"{}\">", escape_html(&id))));
                events.push(Event::Html(CowStr::from(format!("</h{n}>\n"))));
                sink.heading(&text);
                if (2..=3).contains(&n) {
                    flat_toc.push((n, id, text));
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest = resolve(&dest_url, doc, &root, span.clone(), &src, ctx, &mut out, false);
                events.push(Event::Start(Tag::Link { link_type, dest_url: dest, title, id }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest = resolve(&dest_url, doc, &root, span.clone(), &src, ctx, &mut out, true);
                image = Some((events.len(), span.clone()));
                image_alt.clear();
                events.push(Event::Start(Tag::Image { link_type, dest_url: dest, title, id }));
            }
            Event::End(TagEnd::Image) => {
                if let Some((_, span)) = image.take()
                    && image_alt.trim().is_empty()
                {
                    out.diagnostics.push(
                        Diagnostic::warning("missing-alt", "this image has no alternative text")
                            .at(&src, span.start..span.start + 2)
                            .help("describe the image between the brackets: `![Wat er op de foto staat](foto.jpg)`; screen reader users depend on it"),
                    );
                }
                events.push(Event::End(TagEnd::Image));
            }
            Event::Start(Tag::Paragraph) => {
                paragraph_depth += 1;
                events.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::Paragraph) => {
                paragraph_depth -= 1;
                if !first_paragraph.trim().is_empty() {
                    first_paragraph_done = true;
                }
                events.push(Event::End(TagEnd::Paragraph));
            }
            Event::Start(Tag::Table(align)) => {
                events.push(Event::Html(CowStr::from(format!(
                    "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">",
                    escape_html(ctx.table_label)
                ))));
                events.push(Event::Start(Tag::Table(align)));
            }
            Event::Start(Tag::TableHead) => {
                in_table_head = true;
                events.push(Event::Start(Tag::TableHead));
            }
            Event::End(TagEnd::TableHead) => {
                in_table_head = false;
                events.push(Event::End(TagEnd::TableHead));
            }
            Event::Start(Tag::TableCell) if in_table_head => {
                header_cell = Some((span.start, false));
                events.push(Event::Start(Tag::TableCell));
            }
            Event::End(TagEnd::TableCell) if in_table_head => {
                if let Some((start, false)) = header_cell.take() {
                    out.diagnostics.push(
                        Diagnostic::warning("empty-table-header", "this table has a column without a header")
                            .at(&src, start..start + 1)
                            .help("write a short name for the column in its header cell (for example `| Kenmerk |`); screen readers read it out with every cell"),
                    );
                }
                events.push(Event::End(TagEnd::TableCell));
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                events.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            Event::Text(text) if heading.is_some() => {
                heading_text.push_str(&text);
                events.push(Event::Text(text));
            }
            Event::Code(text) if heading.is_some() => {
                heading_text.push_str(&text);
                events.push(Event::Code(text));
            }
            Event::Text(text) => {
                if image.is_some() {
                    image_alt.push_str(&text);
                }
                if paragraph_depth > 0 && !first_paragraph_done {
                    first_paragraph.push_str(&text);
                }
                sink.body(&text);
                events.push(Event::Text(text));
            }
            Event::Code(text) => {
                if paragraph_depth > 0 && !first_paragraph_done {
                    first_paragraph.push_str(&text);
                }
                sink.body(&text);
                events.push(Event::Code(text));
            }
            Event::SoftBreak | Event::HardBreak => {
                if paragraph_depth > 0 && !first_paragraph_done {
                    first_paragraph.push(' ');
                }
                events.push(event_of_break(&event));
            }
            Event::Html(html) | Event::InlineHtml(html) if !ctx.allow_html => {
                // Raw HTML is shown as text unless the site opts in (`allow_html: true`).
                events.push(Event::Text(html));
            }
            other => events.push(other),
        }
    }
    // Headings keep their inline markup: the text events between the placeholders stay.
    out.html.reserve(body.len() + body.len() / 2);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out.toc = nest_toc(flat_toc);
    let fp = first_paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    out.first_paragraph = (!fp.is_empty()).then_some(fp);
    out
}

fn event_of_break(e: &Event<'_>) -> Event<'static> {
    match e {
        Event::HardBreak => Event::HardBreak,
        _ => Event::SoftBreak,
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// `wat-werkt`, then `wat-werkt-1`, `wat-werkt-2` for later headings with the same text.
fn unique_id(base: String, ids: &mut HashSet<String>) -> String {
    let base = if base.is_empty() { "kop".to_string() } else { base };
    let mut id = base.clone();
    let mut n = 1;
    while ids.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    ids.insert(id.clone());
    id
}

fn nest_toc(flat: Vec<(u8, String, String)>) -> Vec<TocEntry> {
    let mut toc: Vec<TocEntry> = Vec::new();
    for (level, id, title) in flat {
        let entry = TocEntry { level, id, title, children: Vec::new() };
        match toc.last_mut() {
            Some(parent) if level > parent.level => parent.children.push(entry),
            _ => toc.push(entry),
        }
    }
    toc
}

/// `../../` for `begrippen/statushouder/`, `./` for the home page: the way from a page back to
/// the site root, so links work under any base path and from the file system.
pub fn relative_root(page_path: &str) -> String {
    let depth = page_path.matches('/').count();
    if depth == 0 { "./".to_string() } else { "../".repeat(depth) }
}

fn is_external(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    match url.find(':') {
        Some(i) => {
            let scheme = &url[..i];
            !scheme.is_empty()
                && scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Joins `rel` onto the folder `dir` (both with `/`), resolving `.` and `..`. `None` when the
/// path climbs out of the content root.
pub fn join_path(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> =
        if rel.starts_with('/') { Vec::new() } else { dir.split('/').filter(|s| !s.is_empty()).collect() };
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Turns a link destination into the URL to write, reporting broken links.
#[allow(clippy::too_many_arguments)]
fn resolve<'e>(
    dest: &CowStr<'e>,
    doc: &SourceDoc,
    root: &str,
    span: Range<usize>,
    src: &SourceText<'_>,
    ctx: &Context<'_>,
    out: &mut RenderedBody,
    is_image: bool,
) -> CowStr<'e> {
    let url = dest.trim();
    if url.is_empty() {
        return dest.clone();
    }
    // Point diagnostics at the destination inside `[text](destination)`.
    let written = &src.text[span.clone()];
    let at = written.rfind(url).map_or(span.clone(), |i| span.start + i..span.start + i + url.len());
    if is_external(url) {
        if url.starts_with("http://") || url.starts_with("https://") {
            out.external_links.push((url.to_string(), at));
        }
        return dest.clone();
    }
    let (path_part, fragment) = match url.find('#') {
        Some(i) => (&url[..i], Some(&url[i + 1..])),
        None => (url, None),
    };
    let path_part = path_part.split('?').next().unwrap_or("");
    let self_path = ctx.site.links.get(&doc.rel_path).map(|t| t.path.clone());
    if path_part.is_empty() {
        // `#anchor` on this page.
        if let (Some(anchor), Some(me)) = (fragment, self_path) {
            out.anchor_refs.push(anchor_ref(me, anchor, src, at.clone(), "this page"));
        }
        return dest.clone();
    }
    let dir = doc.rel_path.rsplit_once('/').map_or("", |(d, _)| d);
    let decoded = percent_decode(path_part);
    let Some(joined) = join_path(dir, &decoded) else {
        out.diagnostics.push(
            Diagnostic::error("broken-link", format!("the link `{url}` points outside the content folder"))
                .at(src, at)
                .help("link to pages by their path inside content/, for example `../begrippen/statushouder.md`"),
        );
        return dest.clone();
    };
    let fragment_suffix = fragment.map(|f| format!("#{f}")).unwrap_or_default();
    if decoded.ends_with(".md") {
        return match ctx.site.links.get(&joined) {
            Some(LinkTarget { unpublished_draft: true, .. }) => {
                out.diagnostics.push(
                    Diagnostic::error("link-to-draft", format!("`{url}` is a draft, which this build leaves out"))
                        .at(src, at)
                        .label("links to a draft")
                        .help("publish that page (remove `draft: true`), remove the link, or build with --drafts to preview"),
                );
                dest.clone()
            }
            Some(target) => {
                out.links.push(target.path.clone());
                if let Some(anchor) = fragment {
                    out.anchor_refs.push(anchor_ref(target.path.clone(), anchor, src, at, url));
                }
                CowStr::from(format!("{root}{}{fragment_suffix}", target.path))
            }
            None => {
                out.diagnostics.push(broken_link(url, &joined, dir, src, at, ctx));
                dest.clone()
            }
        };
    }
    // A file next to the page (an image, a PDF) or a site path (`/gemeenten/weert/`).
    if let Some(target) = ctx.site.links.get(&joined) {
        out.links.push(target.path.clone());
        return CowStr::from(format!("{root}{}{fragment_suffix}", target.path));
    }
    let site_path = if path_part.starts_with('/') { decoded.trim_start_matches('/').to_string() } else { joined };
    let candidates = [site_path.clone(), format!("{site_path}/"), site_path.trim_end_matches("index.html").to_string()];
    if let Some(found) = candidates.iter().find(|c| ctx.published.contains(c.as_str())) {
        out.links.push(found.clone());
        if let Some(anchor) = fragment {
            out.anchor_refs.push(anchor_ref(found.clone(), anchor, src, at, url));
        }
        let shown = if found.is_empty() { String::new() } else { found.clone() };
        return CowStr::from(format!("{root}{shown}{fragment_suffix}"));
    }
    let what = if is_image { "image" } else { "link" };
    out.diagnostics.push(
        Diagnostic::error("broken-link", format!("the {what} `{url}` points to nothing in this site"))
            .at(src, at)
            .label("no page or file here")
            .help(if is_image {
                "put the image next to the page or in static/, and check the spelling of the file name".to_string()
            } else {
                "link to another page by its source file, for example `../begrippen/statushouder.md`".to_string()
            }),
    );
    dest.clone()
}

fn anchor_ref(target: String, anchor: &str, src: &SourceText<'_>, at: Range<usize>, shown: &str) -> AnchorRef {
    AnchorRef {
        target,
        anchor: percent_decode(anchor),
        if_missing: Diagnostic::error("broken-anchor", format!("`{shown}` has no heading with the anchor `#{anchor}`"))
            .at(src, at)
            .label("no such anchor"),
    }
}

fn broken_link(
    url: &str,
    joined: &str,
    dir: &str,
    src: &SourceText<'_>,
    at: Range<usize>,
    ctx: &Context<'_>,
) -> Diagnostic {
    let name = joined.rsplit('/').next().unwrap_or(joined);
    // Suggest the page whose file name is closest, written relative to this file.
    let suggestion = crate::diagnostic::did_you_mean(
        name,
        ctx.site.links.keys().filter(|k| k.ends_with(".md")).map(|k| k.rsplit('/').next().unwrap_or(k)),
    )
    .and_then(|n| ctx.site.links.keys().filter(|k| k.rsplit('/').next() == Some(n)).min())
    .map(|full| relative_source_path(dir, full));
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None => "links to pages use the path of their source file, relative to this file, for example `../begrippen/statushouder.md`".into(),
    };
    Diagnostic::error("broken-link", format!("the link `{url}` points to a page that does not exist"))
        .at(src, at)
        .label(format!("there is no content/{joined}"))
        .help(help)
}

/// The path from folder `from_dir` to file `to` (both relative to the content root).
pub fn relative_source_path(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(relative_root(""), "./");
        assert_eq!(relative_root("begrippen/statushouder/"), "../../");
        assert_eq!(join_path("praktijkvoorbeelden", "../begrippen/x.md").as_deref(), Some("begrippen/x.md"));
        assert_eq!(join_path("a", "/begrippen/x.md").as_deref(), Some("begrippen/x.md"));
        assert_eq!(join_path("", "../x.md"), None);
        assert_eq!(relative_source_path("praktijkvoorbeelden", "begrippen/x.md"), "../begrippen/x.md");
        assert_eq!(relative_source_path("begrippen", "begrippen/x.md"), "x.md");
        assert!(is_external("https://x.nl"));
        assert!(is_external("mailto:a@b"));
        assert!(!is_external("../x.md"));
        assert_eq!(percent_decode("cli%C3%ABnt"), "cliënt");
    }

    #[test]
    fn ids_are_unique() {
        let mut ids = HashSet::new();
        assert_eq!(unique_id("aanpak".into(), &mut ids), "aanpak");
        assert_eq!(unique_id("aanpak".into(), &mut ids), "aanpak-1");
        assert_eq!(unique_id("aanpak".into(), &mut ids), "aanpak-2");
        assert_eq!(unique_id(String::new(), &mut ids), "kop");
    }
}
