//! Glossary links: the first mention of a defined term (the title of a term page, or one of its
//! `aliases`) in a page's text links to the term's page, with the term's definition as a
//! tooltip that shows on hover and on keyboard focus.
//!
//! The rules, in one place:
//!
//! - **first mention only**: each term is linked once per page; a link the editor wrote to the
//!   term's page counts as its mention;
//! - **only running text**: never inside headings, table headers, links, images, code or
//!   code blocks (the Markdown pass does not hand those runs here), never on the term's own page;
//! - **titles and aliases**: a title with a qualifier in brackets (`Tolk (beroep)`) is also
//!   found without it (`tolk`);
//! - **whole words, case-insensitive**: `Statushouder` matches `statushouder` but not
//!   `statushouderschap`; letters with accents (`cliënt`) and hyphens belong to the word, so a
//!   part of `statushouder-gezin` is not a match; Dutch plural and genitive endings (`-s`,
//!   `-en`, `-'s`, `-n` after `e`) are part of the mention: `statushouders` links as a whole;
//! - **off per page** (`glossary_links: false` in the front matter) and **per site**
//!   (`glossary_links: false` in `wegwijs.yaml`).
//!
//! Every title and alias of every term is found in one pass over a run of text by an
//! Aho-Corasick automaton built once per build: the cost per page does not grow with the number
//! of terms. (An anchored search from each place a word can start was tried instead: at
//! 10,000 pages it took half as long again, starting a search costing more than the bytes it
//! skips.)
//!
//! The markup is an accessible tooltip (WCAG 1.4.13) without script: the link carries
//! `aria-describedby` to the definition beside it, which the stylesheet shows on hover and on
//! `:focus-visible` and keeps shown while the pointer is on it; `js/wegwijs.js` adds Escape to
//! dismiss it. The link itself always works.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::hash::FxMap;
use crate::model::Site;
use crate::text::escape_html;

/// The site's terms, ready to be found in text.
pub(crate) struct Glossary {
    automaton: AhoCorasick,
    /// Per pattern of the automaton: the term it names, and whether it ends in `e`.
    patterns: Vec<(usize, bool)>,
    /// The length in bytes of the shortest name: a shorter run of text mentions nothing.
    shortest: usize,
    terms: Vec<Term>,
    /// Site path of a term page → its index in `terms`.
    by_path: FxMap<String, usize>,
    /// Source path of a term page → its index in `terms`.
    by_source: FxMap<String, usize>,
}

struct Term {
    path: String,
    /// The end of its link's opening markup, after the page's root: the escaped path and
    /// tooltip id (`ww-gloss-` and the page's slug). Made once per build, not per mention.
    open_tail: String,
    /// The markup after each mention (see [`Glossary::close`]), made once per build.
    close: String,
}

/// Which terms a page has linked so far.
#[derive(Default)]
pub(crate) struct Mentions {
    linked: Vec<bool>,
    /// The candidates of one run of text, kept between runs so that a page allocates once.
    candidates: Vec<(usize, usize, usize)>,
}

impl Mentions {
    fn is_linked(&self, term: usize) -> bool {
        self.linked.get(term).copied().unwrap_or(false)
    }

    fn seen(&mut self, term: usize) -> bool {
        if self.linked.len() <= term {
            self.linked.resize(term + 1, false);
        }
        std::mem::replace(&mut self.linked[term], true)
    }
}

/// One mention to link: its byte range in the text and the term.
pub(crate) struct Mention {
    pub(crate) range: Range<usize>,
    pub(crate) term: usize,
}

impl Glossary {
    /// The glossary of `site`, `None` when it has no terms.
    pub(crate) fn new(site: &Site) -> Option<Glossary> {
        let mut terms = Vec::new();
        let mut words: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let mut taken = FxMap::default();
        for page in &site.pages {
            if page.term().is_none() {
                continue;
            }
            let index = terms.len();
            let tip_id = escape_html(&format!("ww-gloss-{}", page.slug));
            terms.push(Term {
                path: page.path.clone(),
                open_tail: format!("{}\" aria-describedby=\"{tip_id}\">", escape_html(&page.path)),
                // The definition as HTML, phrases in another language marked (`text::phrases`).
                close: format!(
                    "</a><span class=\"gloss-tip\" role=\"tooltip\" id=\"{tip_id}\">{}</span></span>",
                    crate::text::phrases(page.doc.front.definition.as_deref().unwrap_or_default().trim()).1
                ),
            });
            // A title with a qualifier in brackets, `Tolk (beroep)`, is mentioned without it.
            let unqualified = page.title.trim().strip_suffix(')').and_then(|t| t.rsplit_once(" (")).map(|(t, _)| t);
            let names =
                std::iter::once(page.title.as_str()).chain(unqualified).chain(page.aliases.iter().map(String::as_str));
            for name in names {
                let folded = fold(name.trim());
                // A name shared by two terms names the first (by source path).
                if folded.chars().count() < 2 || taken.contains_key(&folded) {
                    continue;
                }
                taken.insert(folded.clone(), index);
                patterns.push((index, folded.ends_with('e')));
                words.push(folded);
            }
        }
        if terms.is_empty() {
            return None;
        }
        // ASCII case is ignored by the automaton, so that ASCII text (nearly all of it) is
        // searched as it is, without a lower-case copy per text event; a DFA, since the
        // overlapping search visits every byte.
        let shortest = words.iter().map(String::len).min().unwrap_or(0);
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&words)
            .expect("a glossary's automaton fits in memory");
        let by_path = terms.iter().enumerate().map(|(i, t)| (t.path.clone(), i)).collect();
        let by_source = site
            .pages
            .iter()
            .filter(|p| p.term().is_some())
            .zip(0..)
            .map(|(p, i)| (p.doc.rel_path.clone(), i))
            .collect();
        Some(Glossary { automaton, patterns, shortest, terms, by_path, by_source })
    }

    /// The term whose page is the file at `rel_path`.
    pub(crate) fn term_of_source(&self, rel_path: &str) -> Option<usize> {
        self.by_source.get(rel_path).copied()
    }

    /// Marks the term published at site path `path`, if any, as linked on this page: the
    /// editor linked it by hand.
    pub(crate) fn linked_by_hand(&self, path: &str, mentions: &mut Mentions) {
        if let Some(&t) = self.by_path.get(path) {
            mentions.seen(t);
        }
    }

    /// The first mentions in `text` of terms not yet linked on the page (marking them linked),
    /// leaving out the term `own`, in order.
    pub(crate) fn find(&self, text: &str, own: Option<usize>, mentions: &mut Mentions) -> Vec<Mention> {
        // A run shorter than every name (a space or a comma between two emphases) holds none.
        if text.len() < self.shortest {
            return Vec::new();
        }
        // ASCII case is ignored by the automaton and by `word_end`, so only a run with a
        // non-ASCII letter that has another lower case (`Ë`) needs a folded copy; Dutch text
        // with `ë` and `é` is searched as it is.
        let folded: std::borrow::Cow<'_, str> =
            if needs_fold(text) { std::borrow::Cow::Owned(fold(text)) } else { std::borrow::Cow::Borrowed(text) };
        let bytes = folded.as_bytes();
        // Every whole-word candidate, then the leftmost-longest that do not overlap. A term
        // linked earlier on the page can never be chosen nor block another candidate, so its
        // matches are dropped before the word checks.
        let mut candidates = std::mem::take(&mut mentions.candidates);
        candidates.clear();
        for m in self.automaton.find_overlapping_iter(&*folded) {
            let (term, ends_in_e) = self.patterns[m.pattern().as_usize()];
            if Some(term) == own || mentions.is_linked(term) || !starts_word(&folded, m.start()) {
                continue;
            }
            let Some(end) = word_end(&folded, m.end(), ends_in_e) else { continue };
            candidates.push((m.start(), end, term));
        }
        let mut found = Vec::new();
        if !candidates.is_empty() {
            candidates.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
            let mut free_from = 0;
            for &(start, end, term) in &candidates {
                if start < free_from || mentions.is_linked(term) {
                    continue;
                }
                debug_assert!(end <= bytes.len());
                mentions.seen(term);
                found.push(Mention { range: start..end, term });
                free_from = end;
            }
        }
        mentions.candidates = candidates;
        found
    }

    /// The markup before a mention: the link and its description's id.
    pub(crate) fn open(&self, term: usize, root: &str) -> String {
        const HEAD: &str = "<span class=\"gloss\"><a class=\"gloss-link\" href=\"";
        let tail = &self.terms[term].open_tail;
        let root = escape_html(root);
        let mut out = String::with_capacity(HEAD.len() + root.len() + tail.len());
        out.push_str(HEAD);
        out.push_str(&root);
        out.push_str(tail);
        out
    }

    /// The markup after a mention: the end of the link, and the definition as its tooltip.
    pub(crate) fn close(&self, term: usize) -> String {
        self.terms[term].close.clone()
    }

    /// The site path of a term's page.
    pub(crate) fn path(&self, term: usize) -> &str {
        &self.terms[term].path
    }
}

/// What the bodies' glossary links depend on, for the preview's memo: whether they are on, and
/// every term's address, slug, names and definition.
pub(crate) fn print(site: &Site, on: bool) -> u64 {
    let mut h = DefaultHasher::new();
    on.hash(&mut h);
    if on {
        for page in &site.pages {
            if page.term().is_some() {
                (&page.doc.rel_path, &page.path, &page.slug, &page.title, &page.aliases, &page.doc.front.definition)
                    .hash(&mut h);
            }
        }
    }
    h.finish()
}

/// Whether [`fold`] would change `text` beyond ASCII case (which the search ignores): it has a
/// non-ASCII character with another lower case of the same length. Looks only at the
/// non-ASCII characters, without a copy.
fn needs_fold(text: &str) -> bool {
    if text.is_ascii() {
        return false;
    }
    text.chars().any(|c| match u32::from(c) {
        0..=0xBF | 0xD7 | 0xDF..=0xFF => false,
        // Latin-1 capitals (`À`-`Þ`): their lower case is two bytes too.
        0xC0..=0xDE => true,
        _ => changes_case(c),
    })
}

/// Whether [`fold`] changes `c`: a single lower-case character of the same length.
fn changes_case(c: char) -> bool {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l != c && l.len_utf8() == c.len_utf8(),
        _ => false,
    }
}

/// `text` in lower case, byte for byte as long as `text`, so that a range in one is the same
/// range in the other: a letter whose lower case is longer or shorter in UTF-8 (rare: `İ`)
/// stays as it is.
fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
    }
    out
}

/// Whether a character belongs to a word: letters (with accents), digits, and the hyphen and
/// underscore that join a compound (`statushouder-gezin`).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

fn starts_word(text: &str, at: usize) -> bool {
    !text[..at].chars().next_back().is_some_and(is_word_char)
}

/// Where the word that a match ending at `at` is part of ends: at `at` itself, or after a Dutch
/// plural or genitive ending; `None` when the match ends inside a longer word.
fn word_end(text: &str, at: usize, ends_in_e: bool) -> Option<usize> {
    let rest = &text[at..];
    let ends_word = |n: usize| !rest[n..].chars().next().is_some_and(is_word_char);
    if ends_word(0) && !rest.starts_with(['\'', '’']) {
        return Some(at);
    }
    // In either case: ASCII text is searched as written (see `Glossary::find`).
    for ending in ["'s", "’s", "en", "s"] {
        if rest.get(..ending.len()).is_some_and(|r| r.eq_ignore_ascii_case(ending)) && ends_word(ending.len()) {
            return Some(at + ending.len());
        }
    }
    if ends_in_e && rest.starts_with(['n', 'N']) && ends_word(1) {
        return Some(at + 1);
    }
    // An apostrophe that is not a genitive: the word ends before it.
    ends_word(0).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_text_that_folding_changes_beyond_ascii_case_is_folded() {
        for c in (0x80..0x3000).filter_map(char::from_u32) {
            let text = format!("a{c}B");
            assert_eq!(needs_fold(&text), changes_case(c), "{c:?}");
            assert_eq!(needs_fold(&text), fold(&text) != text.to_ascii_lowercase(), "{c:?}");
        }
        assert!(!needs_fold("cliënt, één"));
        assert!(needs_fold("CLIËNT"));
    }

    #[test]
    fn folding_keeps_byte_offsets() {
        for text in ["Statushouder", "CLIËNT", "İstanbul", "ÆØÅ straße"] {
            assert_eq!(fold(text).len(), text.len(), "{text}");
        }
        assert_eq!(fold("CLIËNT"), "cliënt");
    }

    #[test]
    fn words_end_at_a_boundary_or_a_dutch_ending() {
        assert_eq!(word_end("tolk is", 4, false), Some(4));
        assert_eq!(word_end("tolken.", 4, false), Some(6));
        assert_eq!(word_end("tolks", 4, false), Some(5));
        assert_eq!(word_end("taxi's rijden", 4, false), Some(6));
        assert_eq!(word_end("tolkdienst", 4, false), None);
        assert_eq!(word_end("tolk-gesprek", 4, false), None);
        assert_eq!(word_end("allochtonen", 10, true), Some(11));
        assert_eq!(word_end("allochtonen", 10, false), None);
        assert_eq!(word_end("tolk' zei", 4, false), Some(4));
        assert!(starts_word("de tolk", 3));
        assert!(!starts_word("detolk", 2));
        assert!(!starts_word("ëtolk", 2));
    }
}
