//! Markdown to HTML in one pass over pulldown-cmark's events, which also gives the heading ids,
//! the table of contents and the links to check, and tells a [`TextSink`] the text it meets
//! (the search index listens there, so it reads each page while it is still in the cache).
//!
//! Authors link to pages by source path (`../begrippen/statushouder.md#herkomst`); the link
//! table of the model turns that into the page's URL, written relative to the page, so the
//! output works under any base path. Anchors into other pages can only be checked once every
//! page is rendered, so they are returned as [`AnchorRef`]s for the render stage to check.
//!
//! Content never runs script: a link or image whose address could (see [`crate::url`]) is an
//! `unsafe-url` error and is not written at all, and raw HTML is written as text.

use std::collections::{HashSet, VecDeque};
use std::ops::Range;

use pulldown_cmark::{
    Alignment, BlockQuoteKind, CowStr, Event, HeadingLevel, LinkType, OffsetIter, Options, Parser, Tag, TagEnd,
};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, SourceText};
use crate::hash::FxSet;
use crate::load::SourceDoc;
use crate::model::{LinkTarget, Site};
use crate::msg;
use crate::text::{escape_html, slugify};
use crate::url::{UrlKind, join_path};

/// The Markdown extensions wegwijs enables.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        // `> [!TIP]`: the editors' own advice, set apart from sourced text.
        | Options::ENABLE_GFM
}

/// What rendering a body gives.
#[derive(Debug, Default, Clone)]
pub(crate) struct RenderedBody {
    pub(crate) html: String,
    /// `##` and `###` headings, nested: the table of contents.
    pub(crate) toc: Vec<TocEntry>,
    /// Every heading id on the page (for anchor checks).
    pub(crate) ids: HashSet<String>,
    /// The first paragraph as plain text (a summary for pages without one).
    pub(crate) first_paragraph: Option<String>,
    pub(crate) anchor_refs: Vec<AnchorRef>,
    /// Site paths of the pages, sections and files this body links to (for the orphan check).
    pub(crate) links: Vec<String>,
    /// `http(s)://` links, with their byte range in the source text (for `check --external`).
    pub(crate) external_links: Vec<(String, Range<usize>)>,
    /// Links of a base page to pages this local site leaves out (by `exclude` or as a draft),
    /// written as plain text: the content paths they named.
    pub(crate) unlinked: Vec<String>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct TocEntry {
    pub(crate) level: u8,
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) children: Vec<TocEntry>,
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
pub(crate) struct AnchorRef {
    /// Site path of the target page.
    pub(crate) target: String,
    pub(crate) anchor: String,
    /// The error to report if the anchor does not exist.
    pub(crate) if_missing: Diagnostic,
}

/// What the renderer needs to know about the rest of the site.
pub(crate) struct Context<'a> {
    pub(crate) site: &'a Site,
    /// Every site path that is published (pages, lists, static files, assets).
    pub(crate) published: &'a FxSet<String>,
    /// Accessible name of the scrollable region around tables.
    pub(crate) table_label: &'a str,
    /// Label of an editors' tip (`> [!TIP]`): "Tip van de redactie".
    pub(crate) tip_label: &'a str,
    /// What a screen reader says before a task list item that is done, and one that is not.
    pub(crate) task_labels: [&'a str; 2],
    /// The terms to link in the text; `None` when the site turns glossary links off.
    pub(crate) glossary: Option<&'a super::glossary::Glossary>,
}

/// Renders the body of `doc`, which publishes at site path `page_path`, telling `sink` its text.
pub(crate) fn render(doc: &SourceDoc, page_path: &str, ctx: &Context<'_>, sink: &mut impl TextSink) -> RenderedBody {
    let body = doc.body();
    let mut out = RenderedBody::default();
    let mut html = String::with_capacity(body.len() + body.len() / 2);
    let mut pass = Pass {
        parser: Parser::new_ext(body, options()).into_offset_iter(),
        doc,
        src: doc.source(),
        root: relative_root(page_path),
        ctx,
        sink,
        out: &mut out,
        queue: VecDeque::new(),
        heading: None,
        heading_text: String::new(),
        image: None,
        image_alt: String::new(),
        dropped: Vec::new(),
        paragraph_depth: 0,
        first_paragraph: String::new(),
        first_paragraph_done: false,
        flat_toc: Vec::new(),
        in_table_head: false,
        header_cell: None,
        code_block: false,
        table_align: Vec::new(),
        table_column: 0,
        brackets: Vec::new(),
        skip_to: 0,
        glossary: ctx.glossary.filter(|_| doc.front.glossary_links != Some(false)),
        own_term: ctx.glossary.and_then(|g| g.term_of_source(&doc.rel_path)),
        mentions: Default::default(),
    };
    // The events stream from the parser through the pass into the HTML: only a heading's
    // events wait (for its id), so memory stays in proportion to the text, however many
    // events it makes (`*a *a *a …` makes two per three bytes).
    pulldown_cmark::html::push_html(&mut html, &mut pass);
    let Pass { first_paragraph, flat_toc, .. } = pass;
    out.html = html;
    out.toc = nest_toc(flat_toc);
    let mut fp = String::with_capacity(first_paragraph.len());
    for word in first_paragraph.split_whitespace() {
        if !fp.is_empty() {
            fp.push(' ');
        }
        fp.push_str(word);
    }
    out.first_paragraph = (!fp.is_empty()).then_some(fp);
    out
}

/// The single pass over a body: an iterator of the events to write, fed by the parser.
struct Pass<'a, 'c, S: TextSink> {
    parser: OffsetIter<'a>,
    doc: &'a SourceDoc,
    src: SourceText<'a>,
    root: String,
    ctx: &'c Context<'c>,
    sink: &'c mut S,
    out: &'c mut RenderedBody,
    /// Events ready to write; while a heading is open they wait here.
    queue: VecDeque<Event<'a>>,
    /// The open heading: (index of its placeholder in `queue`, level, explicit id).
    heading: Option<(usize, HeadingLevel, Option<String>)>,
    heading_text: String,
    image: Option<Range<usize>>,
    image_alt: String,
    /// For each open link and image: whether its tags were left out (an unsafe address).
    dropped: Vec<bool>,
    paragraph_depth: usize,
    first_paragraph: String,
    first_paragraph_done: bool,
    flat_toc: Vec<(u8, String, String)>,
    in_table_head: bool,
    /// A header cell being read: where it starts, and whether it has text yet.
    header_cell: Option<(usize, bool)>,
    /// Inside a code block, where brackets are only text.
    code_block: bool,
    /// The column alignments of the table being read, and the cell's column: cells are
    /// written here, with a class, since pulldown-cmark would write a `style` attribute that a
    /// Content-Security-Policy without `unsafe-inline` refuses.
    table_align: Vec<Alignment>,
    table_column: usize,
    /// The `[` of the current block that may open a phrase in another language
    /// (`[salaam]{lang=ar}`); while one is open, the events wait in `queue`.
    brackets: Vec<Bracket>,
    /// Source offset up to which text is the `{lang=…}` of a phrase already written.
    skip_to: usize,
    /// The terms to link on this page: `None` when the site or the page turns them off.
    glossary: Option<&'c super::glossary::Glossary>,
    /// The term whose own page this is, never linked here.
    own_term: Option<usize>,
    mentions: super::glossary::Mentions,
}

/// A `[` that may open a phrase in another language: where its event waits in the queue, and
/// how long the heading text and the first paragraph were before it.
struct Bracket {
    queue: usize,
    heading: usize,
    paragraph: usize,
}

impl<'a, S: TextSink> Iterator for Pass<'a, '_, S> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if self.heading.is_none()
                && self.brackets.is_empty()
                && let Some(e) = self.queue.pop_front()
            {
                return Some(e);
            }
            let Some((event, range)) = self.parser.next() else { return self.queue.pop_front() };
            self.step(event, range);
        }
    }
}

impl<'a, S: TextSink> Pass<'a, '_, S> {
    /// Opens a table cell, its column's alignment as a class (see `table_align`).
    fn start_cell(&mut self) {
        let tag = if self.in_table_head { "th" } else { "td" };
        let class = match self.table_align.get(self.table_column) {
            Some(Alignment::Left) => " class=\"align-left\"",
            Some(Alignment::Center) => " class=\"align-center\"",
            Some(Alignment::Right) => " class=\"align-right\"",
            _ => "",
        };
        self.table_column += 1;
        self.queue.push_back(Event::Html(CowStr::from(format!("<{tag}{class}>"))));
    }

    /// Takes one event of the parser, queueing what to write for it.
    fn step(&mut self, event: Event<'a>, range: Range<usize>) {
        let base = self.doc.body_start;
        let span = base + range.start..base + range.end;
        let event = match self.phrase(event, &span) {
            Some(e) => e,
            None => return,
        };
        if let (Some((_, has)), Event::Text(t) | Event::Code(t)) = (&mut self.header_cell, &event) {
            *has |= !t.trim().is_empty();
        }
        let src = self.src;
        // A `]` left as text, right before `(`: a link the parser did not take, nearly always
        // because of a space in its address.
        if let Event::Text(t) = &event
            && !self.code_block
            && t.as_ref() == "]"
        {
            self.unparsed_link(span.end);
        }
        if let Event::Text(t) = &event
            && !self.code_block
            && t.as_ref() == "["
        {
            let bracket = Bracket {
                queue: self.queue.len(),
                heading: self.heading_text.len(),
                paragraph: self.first_paragraph.len(),
            };
            self.brackets.push(bracket);
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                self.code_block = true;
                self.queue.push_back(Event::Start(Tag::CodeBlock(kind)));
            }
            Event::End(TagEnd::CodeBlock) => {
                self.code_block = false;
                self.queue.push_back(Event::End(TagEnd::CodeBlock));
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.heading = Some((self.queue.len(), level, id.map(|s| s.to_string())));
                self.heading_text.clear();
                self.queue.push_back(Event::Text(CowStr::Borrowed(""))); // replaced at the heading's end
            }
            Event::End(TagEnd::Heading(level)) => {
                let (start_index, _, explicit) = self.heading.take().expect("heading end follows a start");
                let text = self.heading_text.trim().to_string();
                let id = unique_id(explicit.unwrap_or_else(|| slugify(&text)), &mut self.out.ids);
                let n = heading_level(level);
                self.queue[start_index] = Event::Html(CowStr::from(format!("<h{n} id=\"{}\">", escape_html(&id))));
                self.queue.push_back(Event::Html(CowStr::from(format!("</h{n}>\n"))));
                self.sink.heading(&text);
                if (2..=3).contains(&n) {
                    self.flat_toc.push((n, id, text));
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let at = self.destination_span(link_type, &id, &dest_url, span);
                let links_before = self.out.links.len();
                let resolved = self.resolve(&dest_url, at, false);
                if let (Some(g), Some(path)) = (self.glossary, self.out.links.get(links_before)) {
                    g.linked_by_hand(path, &mut self.mentions);
                }
                match resolved {
                    Some(dest) => {
                        self.dropped.push(false);
                        self.queue.push_back(Event::Start(Tag::Link { link_type, dest_url: dest, title, id }));
                    }
                    None => self.dropped.push(true),
                }
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let at = self.destination_span(link_type, &id, &dest_url, span.clone());
                self.image = Some(span);
                self.image_alt.clear();
                match self.resolve(&dest_url, at, true) {
                    Some(dest) => {
                        self.dropped.push(false);
                        self.queue.push_back(Event::Start(Tag::Image { link_type, dest_url: dest, title, id }));
                    }
                    None => self.dropped.push(true),
                }
            }
            Event::End(TagEnd::Link) => {
                if !self.dropped.pop().unwrap_or(false) {
                    self.queue.push_back(Event::End(TagEnd::Link));
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some(span) = self.image.take()
                    && self.image_alt.trim().is_empty()
                {
                    self.out.diagnostics.push(
                        Diagnostic::warning("missing-alt", msg!("missing-alt"))
                            .at(&src, span.start..span.start + 2)
                            .help(msg!("missing-alt.help")),
                    );
                }
                if !self.dropped.pop().unwrap_or(false) {
                    self.queue.push_back(Event::End(TagEnd::Image));
                }
            }
            Event::Start(Tag::Paragraph) => {
                self.paragraph_depth += 1;
                self.queue.push_back(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::Paragraph) => {
                self.paragraph_depth -= 1;
                if !self.first_paragraph.trim().is_empty() {
                    self.first_paragraph_done = true;
                }
                self.queue.push_back(Event::End(TagEnd::Paragraph));
            }
            // An editors' tip is a note with its label; the other alert kinds (`[!NOTE]`...) are
            // plain quotations, as before they were recognised.
            Event::Start(Tag::BlockQuote(Some(BlockQuoteKind::Tip))) => {
                let label = escape_html(self.ctx.tip_label);
                self.queue.push_back(Event::Html(CowStr::from(format!(
                    "<div class=\"editor-tip\" role=\"note\" aria-label=\"{label}\">\n<p class=\"editor-tip-label\">{label}</p>\n"
                ))));
            }
            Event::End(TagEnd::BlockQuote(Some(BlockQuoteKind::Tip))) => {
                self.queue.push_back(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            Event::Start(Tag::BlockQuote(Some(_))) => self.queue.push_back(Event::Start(Tag::BlockQuote(None))),
            Event::End(TagEnd::BlockQuote(Some(_))) => self.queue.push_back(Event::End(TagEnd::BlockQuote(None))),
            Event::Start(Tag::Table(align)) => {
                self.queue.push_back(Event::Html(CowStr::from(format!(
                    "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">",
                    escape_html(self.ctx.table_label)
                ))));
                self.table_align = align;
                self.queue.push_back(Event::Start(Tag::Table(Vec::new())));
            }
            Event::Start(Tag::TableHead) => {
                self.in_table_head = true;
                self.table_column = 0;
                self.queue.push_back(Event::Start(Tag::TableHead));
            }
            Event::Start(Tag::TableRow) => {
                self.table_column = 0;
                self.queue.push_back(Event::Start(Tag::TableRow));
            }
            Event::End(TagEnd::TableHead) => {
                self.in_table_head = false;
                self.queue.push_back(Event::End(TagEnd::TableHead));
            }
            Event::Start(Tag::TableCell) if self.in_table_head => {
                self.header_cell = Some((span.start, false));
                self.start_cell();
            }
            Event::Start(Tag::TableCell) => self.start_cell(),
            Event::End(TagEnd::TableCell) if !self.in_table_head => {
                self.queue.push_back(Event::Html(CowStr::Borrowed("</td>")));
            }
            Event::End(TagEnd::TableCell) if self.in_table_head => {
                if let Some((start, false)) = self.header_cell.take() {
                    self.out.diagnostics.push(
                        Diagnostic::warning("empty-table-header", msg!("empty-table-header"))
                            .at(&src, start..start + 1)
                            .help(msg!("empty-table-header.help")),
                    );
                }
                self.queue.push_back(Event::Html(CowStr::Borrowed("</th>")));
            }
            Event::End(TagEnd::Table) => {
                self.queue.push_back(Event::End(TagEnd::Table));
                self.queue.push_back(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            // A task list is a picture of a checklist, not a form to fill in: no form control
            // (a disabled checkbox is announced as a field that cannot be used, and without a
            // label fails WCAG's "label" rule), but a mark drawn by the stylesheet and, for
            // screen readers, the words "gedaan" or "nog te doen" from the interface strings.
            Event::TaskListMarker(done) => {
                let (class, label) = if done {
                    ("task-mark task-done", self.ctx.task_labels[0])
                } else {
                    ("task-mark", self.ctx.task_labels[1])
                };
                let html = format!(
                    "<span class=\"{class}\" aria-hidden=\"true\"></span><span class=\"visually-hidden\">{}: </span>",
                    escape_html(label)
                );
                self.queue.push_back(Event::Html(CowStr::from(html)));
            }
            Event::Text(text) if self.heading.is_some() => {
                self.heading_text.push_str(&text);
                self.queue.push_back(Event::Text(text));
            }
            Event::Code(text) if self.heading.is_some() => {
                self.heading_text.push_str(&text);
                self.queue.push_back(Event::Code(text));
            }
            Event::Text(text) => {
                if self.image.is_some() {
                    self.image_alt.push_str(&text);
                }
                if self.paragraph_depth > 0 && !self.first_paragraph_done {
                    self.first_paragraph.push_str(&text);
                }
                self.sink.body(&text);
                self.text(text);
            }
            Event::Code(text) => {
                if self.paragraph_depth > 0 && !self.first_paragraph_done {
                    self.first_paragraph.push_str(&text);
                }
                self.sink.body(&text);
                self.queue.push_back(Event::Code(text));
            }
            Event::SoftBreak | Event::HardBreak => {
                if self.paragraph_depth > 0 && !self.first_paragraph_done {
                    self.first_paragraph.push(' ');
                }
                self.queue.push_back(event_of_break(&event));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                // Raw HTML is always shown as text: passed through, it could run script
                // (`<script>`, `onerror=`, `href="javascript:…"`) in every reader's browser.
                self.queue.push_back(Event::Text(html));
            }
            other => self.queue.push_back(other),
        }
    }

    /// The syntax of a phrase in another language, `[salaam]{lang=ar}`, on one event: a `]`
    /// right before `{lang=…}` turns the `[` that opened it into `<span lang="…">` and itself
    /// into `</span>`, and the `{lang=…}` is left out of the text. A block's end forgets the
    /// `[`s still open in it. Gives the event to go on with, `None` when it is used up.
    fn phrase(&mut self, event: Event<'a>, span: &Range<usize>) -> Option<Event<'a>> {
        if is_block_boundary(&event) {
            self.brackets.clear();
            return Some(event);
        }
        let Event::Text(text) = event else { return Some(event) };
        if self.code_block {
            return Some(Event::Text(text));
        }
        let src = self.src.text;
        if span.start < self.skip_to {
            let written = &src[span.start..self.skip_to.min(span.end)];
            if text.starts_with(written) {
                let rest = cow_slice(&text, written.len()..text.len());
                return (!rest.is_empty()).then_some(Event::Text(rest));
            }
        }
        let Some(attribute) = src[span.end..].strip_prefix("{lang=").filter(|_| text.as_ref() == "]") else {
            return Some(Event::Text(text));
        };
        let Some(open) = self.brackets.pop() else { return Some(Event::Text(text)) };
        let line = &attribute[..attribute.find('\n').unwrap_or(attribute.len())];
        let close = line.find('}');
        let tag = &line[..close.or_else(|| line.find(char::is_whitespace)).unwrap_or(line.len())];
        let tag_start = span.end + "{lang=".len();
        let Some(close) = close.filter(|_| crate::text::is_phrase_language(tag)) else {
            let at = tag_start..tag_start + tag.len().max(1);
            self.out.diagnostics.push(
                Diagnostic::error("bad-phrase-language", msg!("bad-phrase-language", lang = tag))
                    .at(&self.src, at)
                    .label(msg!("bad-phrase-language.label"))
                    .help(msg!("bad-phrase-language.help")),
            );
            return Some(Event::Text(text));
        };
        self.queue[open.queue] = Event::Html(CowStr::from(format!("<span lang=\"{}\">", escape_html(tag))));
        if self.heading.is_some() && self.heading_text[open.heading..].starts_with('[') {
            self.heading_text.remove(open.heading);
        }
        if !self.first_paragraph_done && self.first_paragraph.get(open.paragraph..).is_some_and(|t| t.starts_with('['))
        {
            self.first_paragraph.remove(open.paragraph);
        }
        self.skip_to = tag_start + close + 1;
        self.queue.push_back(Event::Html(CowStr::Borrowed("</span>")));
        None
    }

    /// Queues a run of the body's text, linking the first mention of each term in it (see
    /// [`super::glossary`]): not in headings, table headers, links, images or code.
    fn text(&mut self, text: CowStr<'a>) {
        let glossary = self
            .glossary
            .filter(|_| self.dropped.is_empty() && self.image.is_none() && !self.code_block && !self.in_table_head);
        let Some(g) = glossary else {
            self.queue.push_back(Event::Text(text));
            return;
        };
        let mut at = 0;
        for m in g.find(&text, self.own_term, &mut self.mentions) {
            if m.range.start > at {
                self.queue.push_back(Event::Text(cow_slice(&text, at..m.range.start)));
            }
            self.queue.push_back(Event::Html(CowStr::from(g.open(m.term, &self.root))));
            self.queue.push_back(Event::Text(cow_slice(&text, m.range.clone())));
            self.queue.push_back(Event::Html(CowStr::from(g.close(m.term))));
            self.out.links.push(g.path(m.term).to_string());
            at = m.range.end;
        }
        if at < text.len() {
            self.queue.push_back(Event::Text(if at == 0 { text } else { cow_slice(&text, at..text.len()) }));
        }
    }

    /// Reports `[text](address with a space)` whose `]` ends at byte `at`: Markdown does not
    /// take it as a link, so it would be published as the bracketed text itself.
    fn unparsed_link(&mut self, at: usize) {
        let text = self.src.text;
        let Some(after) = text[at..].strip_prefix('(') else { return };
        let line = &after[..after.find('\n').unwrap_or(after.len())];
        let mut depth = 0usize;
        let mut close = None;
        for (i, c) in line.char_indices() {
            match c {
                '(' => depth += 1,
                ')' if depth == 0 => {
                    close = Some(i);
                    break;
                }
                ')' => depth -= 1,
                _ => {}
            }
        }
        let Some(close) = close else { return };
        let written = &line[..close];
        let dest = written.trim();
        if dest.is_empty() || dest.starts_with('<') || !dest.contains(char::is_whitespace) {
            return;
        }
        let start = at + 1 + (written.len() - written.trim_start().len());
        let span = start..start + dest.len();
        let (path_part, fragment) = match dest.find('#') {
            Some(i) => (&dest[..i], &dest[i..]),
            None => (dest, ""),
        };
        let dir = self.doc.rel_path.rsplit_once('/').map_or("", |(d, _)| d);
        let links = &self.ctx.site.links;
        let exists = |p: &str| join_path(dir, &percent_decode(p)).is_some_and(|j| links.contains_key(&j));
        let hyphens = path_part.split_whitespace().collect::<Vec<_>>().join("-");
        let help = if exists(path_part) {
            msg!("link-with-space.angle-brackets", dest)
        } else if exists(&hyphens) {
            msg!("broken-link.hyphens", written = format!("({hyphens}{fragment})"))
        } else if let Some(s) = join_path(dir, &percent_decode(&hyphens))
            .and_then(|j| suggest_page(self.ctx, j.rsplit('/').next().unwrap_or(&j), dir, &self.doc.rel_path))
        {
            msg!("did-you-mean", name = format!("({}{fragment})", relative_source_path(dir, &s)))
        } else {
            msg!("link-with-space.help", dest)
        };
        self.out.diagnostics.push(
            Diagnostic::error("link-with-space", msg!("link-with-space", dest))
                .at(&self.src, span)
                .label(msg!("link-with-space.label"))
                .help(help),
        );
    }

    /// Where the destination of a link is written, for diagnostics: inside
    /// `[text](destination)`, in the definition `[label]: destination` of a reference link,
    /// or the whole autolink. Falls back to the link as a whole.
    fn destination_span(&self, link_type: LinkType, id: &str, dest: &str, span: Range<usize>) -> Range<usize> {
        let base = self.doc.body_start;
        let by_reference = matches!(
            link_type,
            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut | LinkType::ReferenceUnknown
        );
        let (written, start, opener) = match self.parser.reference_definitions().get(id) {
            Some(def) if by_reference => {
                (&self.src.text[base + def.span.start..base + def.span.end], base + def.span.start, "]:")
            }
            _ => (&self.src.text[span.clone()], span.start, "]("),
        };
        let url = dest.trim();
        if !url.is_empty()
            && let Some(i) = written.rfind(url)
        {
            return start + i..start + i + url.len();
        }
        // Written otherwise than it reads (`javascript&#58;…`, backslash escapes): the token
        // after the opener.
        if let Some(open) = written.find(opener) {
            let after = &written[open + opener.len()..];
            let lead = after.len() - after.trim_start().len();
            let token = after.trim_start();
            let len = match token.strip_prefix('<') {
                Some(inner) => inner.find('>').map_or(token.len(), |i| i + 2),
                None => token.find(char::is_whitespace).unwrap_or(token.len()),
            };
            let len = if opener == "](" && len == token.len() { len.saturating_sub(1) } else { len };
            if len > 0 {
                let at = start + open + opener.len() + lead;
                return at..at + len;
            }
        }
        span
    }

    /// Turns a link destination into the URL to write, reporting broken links; `at` is where
    /// the destination is written. `None` for an address that could run script (reported):
    /// the link is left out, whatever asked for it.
    fn resolve<'e>(&mut self, dest: &CowStr<'e>, at: Range<usize>, is_image: bool) -> Option<CowStr<'e>> {
        let (doc, root, src, ctx) = (self.doc, self.root.as_str(), &self.src, self.ctx);
        let out = &mut *self.out;
        if let UrlKind::Unsafe(scheme) = crate::url::classify(dest) {
            out.diagnostics.push(crate::url::unsafe_url(dest, &scheme).at(src, at));
            return None;
        }
        let url = dest.trim();
        if url.is_empty() {
            return Some(dest.clone());
        }
        if is_external(url) {
            if url.starts_with("http://") || url.starts_with("https://") {
                out.external_links.push((url.to_string(), at));
            }
            return Some(dest.clone());
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
                out.anchor_refs.push(anchor_ref(me, anchor, src, at.clone(), None));
            }
            return Some(dest.clone());
        }
        let dir = doc.rel_path.rsplit_once('/').map_or("", |(d, _)| d);
        let decoded = percent_decode(path_part);
        let Some(joined) = join_path(dir, &decoded) else {
            out.diagnostics.push(
                Diagnostic::error("broken-link", msg!("broken-link.outside", url))
                    .at(src, at)
                    .help(msg!("broken-link.outside.help")),
            );
            return Some(dest.clone());
        };
        let fragment_suffix = fragment.map(|f| format!("#{f}")).unwrap_or_default();
        if let Some(left_out) = left_out(out, doc, src, ctx.site, &joined, at.clone(), url) {
            return left_out;
        }
        if decoded.ends_with(".md") {
            return match ctx.site.links.get(&joined) {
                Some(LinkTarget { unpublished_draft: true, .. }) => {
                    out.diagnostics.push(
                        Diagnostic::error("link-to-draft", msg!("link-to-draft", url))
                            .at(src, at)
                            .label(msg!("link-to-draft.label"))
                            .help(msg!("link-to-draft.help")),
                    );
                    Some(dest.clone())
                }
                Some(target) => {
                    out.links.push(target.path.clone());
                    if let Some(anchor) = fragment {
                        out.anchor_refs.push(anchor_ref(target.path.clone(), anchor, src, at, Some(url)));
                    }
                    Some(CowStr::from(format!("{root}{}{fragment_suffix}", target.path)))
                }
                None => {
                    out.diagnostics.push(broken_link(url, &joined, &doc.rel_path, src, at, ctx));
                    Some(dest.clone())
                }
            };
        }
        // A file next to the page (an image, a PDF) or a site path (`/gemeenten/weert/`).
        if let Some(target) = ctx.site.links.get(&joined) {
            out.links.push(target.path.clone());
            return Some(CowStr::from(format!("{root}{}{fragment_suffix}", target.path)));
        }
        let site_path = if path_part.starts_with('/') { decoded.trim_start_matches('/').to_string() } else { joined };
        let candidates =
            [site_path.clone(), format!("{site_path}/"), site_path.trim_end_matches("index.html").to_string()];
        if let Some(found) = candidates.iter().find(|c| ctx.published.contains(c.as_str())) {
            out.links.push(found.clone());
            if let Some(anchor) = fragment {
                out.anchor_refs.push(anchor_ref(found.clone(), anchor, src, at, Some(url)));
            }
            let shown = if found.is_empty() { String::new() } else { found.clone() };
            return Some(CowStr::from(format!("{root}{shown}{fragment_suffix}")));
        }
        if looks_like_web_address(url) {
            out.diagnostics.push(
                Diagnostic::error("link-without-scheme", msg!("link-without-scheme", url))
                    .at(src, at)
                    .label(msg!("link-without-scheme.label"))
                    .help(msg!("link-without-scheme.help", url)),
            );
            return Some(dest.clone());
        }
        let (message, help) = if is_image {
            (msg!("broken-link.image", url), msg!("broken-link.image.help"))
        } else {
            (msg!("broken-link.nothing", url), msg!("broken-link.nothing.help"))
        };
        out.diagnostics.push(
            Diagnostic::error("broken-link", message).at(src, at).label(msg!("broken-link.nothing.label")).help(help),
        );
        Some(dest.clone())
    }
}

/// A link to a page the local site leaves out of its base, if it is one: from a base page,
/// plain text (`Some(None)`), listed for the one warning of the check stage; from a local page,
/// an error at the link. `None` for any other link.
#[allow(clippy::option_option)]
fn left_out<'e>(
    out: &mut RenderedBody,
    doc: &SourceDoc,
    src: &SourceText<'_>,
    site: &Site,
    joined: &str,
    at: Range<usize>,
    url: &str,
) -> Option<Option<CowStr<'e>>> {
    use crate::layers::Origin;
    if !site.layered {
        return None;
    }
    let excluded = site.excluded.contains(joined);
    let draft = matches!(site.links.get(joined), Some(LinkTarget { unpublished_draft: true, .. }));
    if !(excluded || draft && doc.origin == Origin::Base) {
        return None;
    }
    if doc.origin == Origin::Base {
        out.unlinked.push(joined.to_string());
        return Some(None);
    }
    out.diagnostics.push(
        Diagnostic::error("link-to-excluded", msg!("link-to-excluded", url))
            .at(src, at)
            .label(msg!("link-to-excluded.label"))
            .help(msg!("link-to-excluded.help")),
    );
    Some(None)
}

/// Part of a text, borrowed when the text is.
fn cow_slice<'x>(text: &CowStr<'x>, range: Range<usize>) -> CowStr<'x> {
    match text {
        CowStr::Borrowed(s) => CowStr::Borrowed(&s[range]),
        other => CowStr::from(other[range].to_string()),
    }
}

/// Whether an event starts or ends a block (a paragraph, list item, table cell, heading, ...),
/// which a phrase in another language cannot cross.
fn is_block_boundary(e: &Event<'_>) -> bool {
    match e {
        Event::Start(
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. },
        ) => false,
        Event::End(
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image,
        ) => false,
        Event::Start(_) | Event::End(_) | Event::Rule => true,
        _ => false,
    }
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
pub(crate) fn relative_root(page_path: &str) -> String {
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

/// A link's path or anchor as the file or heading it names: escapes decoded where they make
/// UTF-8 text, the link as written otherwise.
fn percent_decode(s: &str) -> String {
    String::from_utf8(crate::text::percent_decode(s).0).unwrap_or_else(|_| s.to_string())
}

/// `link` is the link as written, `None` for a link to an anchor of the same page.
fn anchor_ref(target: String, anchor: &str, src: &SourceText<'_>, at: Range<usize>, link: Option<&str>) -> AnchorRef {
    let message = match link {
        Some(link) => msg!("broken-anchor", link, anchor),
        None => msg!("broken-anchor.here", anchor),
    };
    AnchorRef {
        target,
        anchor: percent_decode(anchor),
        if_missing: Diagnostic::error("broken-anchor", message).at(src, at).label(msg!("broken-anchor.label")),
    }
}

fn broken_link(
    url: &str,
    joined: &str,
    from: &str,
    src: &SourceText<'_>,
    at: Range<usize>,
    ctx: &Context<'_>,
) -> Diagnostic {
    let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
    let name = joined.rsplit('/').next().unwrap_or(joined);
    // A space (or `%20`, which stands for one) where the file name has a hyphen.
    let hyphens = name.split_whitespace().collect::<Vec<_>>().join("-");
    let hyphenated = joined.rsplit_once('/').map_or(hyphens.clone(), |(d, _)| format!("{d}/{hyphens}"));
    let help = if name.contains(' ') && ctx.site.links.contains_key(&hyphenated) {
        let written = relative_source_path(dir, &hyphenated);
        if url.contains("%20") {
            msg!("broken-link.percent-space", written)
        } else {
            msg!("broken-link.hyphens", written)
        }
    } else {
        match suggest_page(ctx, name, dir, from) {
            Some(s) => msg!("did-you-mean", name = relative_source_path(dir, &s)),
            None => msg!("broken-link.help"),
        }
    };
    Diagnostic::error("broken-link", msg!("broken-link", url))
        .at(src, at)
        .label(msg!("broken-link.label", joined))
        .help(help)
}

/// The page (its path in the content folder) whose file name is closest to `name`: first among
/// the pages in folder `dir`, where a link most often goes, then in the whole site. Never the
/// page `from` the link is written in.
fn suggest_page(ctx: &Context<'_>, name: &str, dir: &str, from: &str) -> Option<String> {
    let file = |k: &str| k.rsplit('/').next().unwrap_or(k).to_string();
    let folder = |k: &str| k.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    let pages: Vec<&str> =
        ctx.site.links.keys().map(String::as_str).filter(|k| k.ends_with(".md") && *k != from).collect();
    let nearest = |among: &[&str]| -> Option<String> {
        let names: Vec<String> = among.iter().map(|k| file(k)).collect();
        let best = crate::diagnostic::did_you_mean(name, names.iter().map(String::as_str))?;
        among.iter().filter(|k| file(k) == best).min().map(|k| k.to_string())
    };
    let here: Vec<&str> = pages.iter().copied().filter(|k| folder(k) == dir).collect();
    nearest(&here).or_else(|| nearest(&pages))
}

/// `www.vng.nl` or `vng.nl/nieuws`: an address on another site written without `https://`.
fn looks_like_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("www.") {
        return true;
    }
    let host = lower.split(['/', '?', '#']).next().unwrap_or("");
    let Some((name, tld)) = host.rsplit_once('.') else { return false };
    const TLDS: [&str; 14] =
        ["nl", "com", "org", "net", "eu", "be", "de", "info", "gov", "edu", "io", "uk", "fr", "nu"];
    !name.is_empty() && !name.starts_with('.') && TLDS.contains(&tld)
}

/// The path from folder `from_dir` to file `to` (both relative to the content root).
pub(crate) fn relative_source_path(from_dir: &str, to: &str) -> String {
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
        for web in ["www.vng.nl", "WWW.vng.nl/x", "vng.nl", "rijksoverheid.nl/onderwerpen"] {
            assert!(looks_like_web_address(web), "{web}");
        }
        for file in ["rapport.pdf", "../begrippen/x.md", "foto.svg", "x", ".nl"] {
            assert!(!looks_like_web_address(file), "{file}");
        }
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
