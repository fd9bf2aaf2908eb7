//! Analysis: each page's text to its terms (stem, where it occurs, how often in the body).
//!
//! It runs inside the render stage's Markdown pass, as its [`Listener`] (`lib.rs` composes
//! the two): the renderer tells a page's text to a [`PageText`] while the page is hot in the
//! cache, and [`Analyser::finish`] analyses it when the page is rendered, on the same thread.
//! So the site's text is never kept as a whole, and a site without search analyses nothing.
//!
//! [`Analyser::busy`] is the time spent analysing, summed over the threads: the text is only
//! copied into a per-page buffer during the pass (a few microseconds a page), and everything
//! else happens in `finish`, which is timed page by page.
//!
//! Pages are rendered in any order on any thread, so a page's terms carry site-wide term ids:
//! [`Terms`] gives each normalised word its id once for the whole site (stemming is the slow
//! part of a word's first lookup), and each thread keeps a private cache of it ([`WordTable`])
//! in a [`PageText`] that goes back to a pool between pages.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::normalise::{self, Head};
use super::{FACETS, FxMap, IN_HEADING, IN_SUMMARY, IN_TITLE, IN_WHOLE_TITLE, facet_values};
use crate::language::Language;
use crate::model::Page;
use crate::render::Listener;
use crate::render::markdown::TextSink;

/// The term id of every stop word: a word that is looked up and counted like any other (the
/// hot loop is simpler without a branch for them), then left out.
pub(super) const STOP: u32 = 0;

/// One page's terms: (term id, field flags, body frequency), each term once.
pub struct PageTerms {
    pub(super) body_len: u32,
    pub(super) terms: Vec<(u32, u8, u16)>,
}

/// Every word the analysis met, with its term, and the stems by term id.
pub(super) struct SiteTerms {
    /// The language the words were stemmed in.
    pub(super) language: Language,
    of_word: FxMap<Box<str>, u32>,
    /// The first, [`STOP`], is an empty placeholder.
    pub(super) stems: Vec<Box<str>>,
}

impl SiteTerms {
    /// Every normalised word the analysis met, with its term id ([`STOP`] for a stop word).
    pub(super) fn of_word(&self) -> &FxMap<Box<str>, u32> {
        &self.of_word
    }

    /// The term ids of the words of `text` that the analysis met, stop words left out.
    pub(super) fn ids_of(&self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        normalise::for_each_word(text, |w| {
            if let Some(&id) = self.of_word.get(w)
                && id != STOP
            {
                out.push(id);
            }
        });
        out
    }

    /// The terms of `text`, as [`normalise::terms`] gives them, from what the analysis already
    /// worked out where it can.
    pub(super) fn of(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        normalise::for_each_word(text, |w| match self.of_word.get(w) {
            Some(&STOP) => {}
            Some(&id) => out.push(self.stems[id as usize].to_string()),
            None => out.extend(self.language.term(w).map(|t| t.into_owned())),
        });
        out
    }
}

/// Listens to the Markdown pass and analyses each page; see the module documentation.
pub struct Analyser {
    /// The site's language: its stop words and stemmer make the terms.
    language: Language,
    terms: Mutex<Terms>,
    /// Idle page buffers and word caches: as many as pages were ever analysed at once, so
    /// about one per thread, each warm from the pages before.
    idle: Mutex<Vec<PageText>>,
    busy_nanos: AtomicU64,
}

/// Normalised word → term id, for the whole site.
struct Terms {
    of_word: FxMap<Box<str>, u32>,
    of_stem: FxMap<Box<str>, u32>,
    /// By term id; the first, [`STOP`], is no stem.
    stems: Vec<Box<str>>,
}

impl Default for Terms {
    fn default() -> Terms {
        Terms { of_word: FxMap::default(), of_stem: FxMap::default(), stems: vec!["".into()] }
    }
}

impl Analyser {
    pub fn new(language: Language) -> Analyser {
        Analyser { language, terms: Mutex::default(), idle: Mutex::default(), busy_nanos: AtomicU64::default() }
    }

    /// Time spent analysing, summed over the threads.
    pub(crate) fn busy(&self) -> Duration {
        Duration::from_nanos(self.busy_nanos.load(Ordering::Relaxed))
    }

    /// The terms the analysis found.
    pub(super) fn into_terms(self) -> SiteTerms {
        let terms = self.terms.into_inner().unwrap_or_else(|e| e.into_inner());
        SiteTerms { language: self.language, of_word: terms.of_word, stems: terms.stems }
    }

    /// The term id of a word the calling thread has not met yet.
    #[cold]
    fn term_of(&self, word: &[u8]) -> u32 {
        let text = std::str::from_utf8(word).expect("words are UTF-8");
        if let Some(&id) = self.lock().of_word.get(text) {
            return id;
        }
        // Stem without the lock; two threads may stem the same word, with the same result.
        let term = self.language.term(text);
        let mut terms = self.lock();
        if let Some(&id) = terms.of_word.get(text) {
            return id;
        }
        let id = match term {
            None => STOP,
            Some(stem) => match terms.of_stem.get(stem.as_ref()) {
                Some(&id) => id,
                None => {
                    let id = terms.stems.len() as u32;
                    terms.of_stem.insert(stem.as_ref().into(), id);
                    terms.stems.push(stem.as_ref().into());
                    id
                }
            },
        };
        terms.of_word.insert(text.into(), id);
        id
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Terms> {
        self.terms.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Listener for Analyser {
    type PageSink = PageText;
    type Heard = PageTerms;

    fn start(&self, _: &Page) -> PageText {
        self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop().unwrap_or_else(PageText::new)
    }

    fn finish(&self, page: &Page, mut text: PageText) -> PageTerms {
        let start = Instant::now();
        let terms = text.analyse(page, self);
        self.busy_nanos.fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
        self.idle.lock().unwrap_or_else(|e| e.into_inner()).push(text);
        terms
    }
}

/// One page's text as the renderer told it, and the state to analyse it, reused page after
/// page on a thread.
pub struct PageText {
    /// The body's text but for the headings, each run followed by a space.
    body: String,
    /// The headings, each followed by a space.
    headings: String,
    /// Words of up to 16 bytes, which are most (and most of the frequent ones), apart from
    /// the longer ones, so that their table is small enough to stay in the cache while the
    /// Markdown of the next page is rendered.
    short_words: WordTable,
    long_words: WordTable,
    /// Per term id, on the current page: the field flags << 16 | the body frequency.
    slots: Vec<u32>,
    /// The term ids met on the current page: the first `touched_len`. It is kept at least as
    /// long as there can be words, so the hot loop writes every id and advances only past new
    /// ones, without a branch.
    touched: Vec<u32>,
    touched_len: usize,
    body_len: u32,
}

impl TextSink for PageText {
    fn heading(&mut self, text: &str) {
        // Also body text: counted as such when the headings are read (see `analyse`).
        self.headings.push_str(text);
        self.headings.push(' ');
    }

    fn body(&mut self, text: &str) {
        self.body.push_str(text);
        self.body.push(' ');
    }
}

/// The body frequency's bits in a slot.
const TF_BITS: u32 = 0xffff;

impl PageText {
    fn new() -> PageText {
        PageText {
            body: String::new(),
            headings: String::new(),
            short_words: WordTable::new(),
            long_words: WordTable::new(),
            slots: Vec::new(),
            touched: Vec::new(),
            touched_len: 0,
            body_len: 0,
        }
    }

    /// The page's terms: its front matter fields, then the text told, which is cleared.
    fn analyse(&mut self, page: &Page, terms: &Analyser) -> PageTerms {
        self.add_title(&page.title, terms);
        for a in &page.aliases {
            self.add_title(a, terms);
        }
        // Headings are body text too: read once for both.
        let headings = std::mem::take(&mut self.headings);
        self.make_room(&headings);
        normalise::for_each_word_head(&headings, &mut BodyWords(self, terms, u32::from(IN_HEADING) << 16));
        self.headings = headings;
        if let Some(s) = &page.summary {
            self.add(s, IN_SUMMARY, terms);
        }
        if let Some(t) = page.term() {
            self.add(&t.definition, IN_SUMMARY, terms);
        }
        for key in FACETS {
            for v in facet_values(page, key) {
                self.add(v, IN_SUMMARY, terms);
            }
        }
        if let Some(p) = page.practice() {
            for s in p.province.iter().chain(&p.organisations) {
                self.add(s, IN_SUMMARY, terms);
            }
        }
        self.count_body(terms);
        self.headings.clear();
        self.take_terms()
    }

    /// Counts the body text told, which is cleared.
    fn count_body(&mut self, terms: &Analyser) {
        let body = std::mem::take(&mut self.body);
        self.make_room(&body);
        normalise::for_each_word_head(&body, &mut BodyWords(self, terms, 0));
        self.body = body;
        self.body.clear();
    }

    /// The terms counted since the last call.
    fn take_terms(&mut self) -> PageTerms {
        let mut out = Vec::with_capacity(self.touched_len);
        for &t in &self.touched[..self.touched_len] {
            let s = std::mem::take(&mut self.slots[t as usize]);
            if t != STOP {
                out.push((t, (s >> 16) as u8, (s & TF_BITS) as u16));
            }
        }
        self.touched_len = 0;
        PageTerms { body_len: std::mem::take(&mut self.body_len), terms: out }
    }

    /// Adds the words of a field other than the body.
    fn add(&mut self, text: &str, flag: u8, terms: &Analyser) {
        self.make_room(text);
        normalise::for_each_word_head(text, &mut |w: &[u8], head| {
            let id = self.id_of(w, head, terms);
            self.record(id, u32::from(flag) << 16, false);
        });
    }

    /// Adds the words of the title or an alias; when it is one term alone (a qualifier in
    /// brackets at the end aside: "Hall (theorie)"), marks that term [`IN_WHOLE_TITLE`].
    fn add_title(&mut self, text: &str, terms: &Analyser) {
        self.make_room(text);
        let base = match text.trim().rfind(" (") {
            Some(i) if text.trim().ends_with(')') => &text.trim()[..i],
            _ => text,
        };
        // The one term of the title so far: None before the first, Some(STOP) after a second.
        let mut only: Option<u32> = None;
        normalise::for_each_word_head(base, &mut |w: &[u8], head| {
            let id = self.id_of(w, head, terms);
            if id != STOP {
                only = match only {
                    None => Some(id),
                    Some(o) if o == id => Some(o),
                    Some(_) => Some(STOP),
                };
            }
        });
        let whole = only.filter(|&id| id != STOP);
        normalise::for_each_word_head(text, &mut |w: &[u8], head| {
            let id = self.id_of(w, head, terms);
            let flag = if Some(id) == whole { IN_TITLE | IN_WHOLE_TITLE } else { IN_TITLE };
            self.record(id, u32::from(flag) << 16, false);
        });
    }

    /// Makes `touched` long enough for the words of `text`: fewer than its bytes.
    fn make_room(&mut self, text: &str) {
        let need = self.touched_len + text.len() + 1;
        if self.touched.len() < need {
            self.touched.resize(need.next_power_of_two(), 0);
        }
    }

    /// Records a word of term `id` on this page: sets `flags` (field flags << 16) in its slot
    /// and, for a body word, counts it. A term met for the first time goes into `touched`.
    #[inline(always)]
    fn record(&mut self, id: u32, flags: u32, body: bool) {
        let s = self.slots[id as usize];
        self.touched[self.touched_len] = id;
        self.touched_len += usize::from(s == 0);
        self.slots[id as usize] = (s | flags) + u32::from(body && s & TF_BITS != TF_BITS);
        self.body_len += u32::from(body && id != STOP);
    }

    /// The term id of a word, with a slot for it.
    #[inline(always)]
    fn id_of(&mut self, word: &[u8], head: Head, terms: &Analyser) -> u32 {
        // The common case, a word of up to 16 bytes in its first bucket, is one cache line.
        if word.len() <= 16
            && let Some(id) = self.short_words.get_short(head, word.len())
        {
            return id;
        }
        self.id_of_any(word, head, terms)
    }

    #[inline(never)]
    fn id_of_any(&mut self, word: &[u8], head: Head, terms: &Analyser) -> u32 {
        let hash = WordTable::hash(&head, word);
        let words = if word.len() <= 16 { &self.short_words } else { &self.long_words };
        match words.get(hash, head, word) {
            Some(id) => id,
            None => self.add_new(hash, head, word, terms),
        }
    }

    #[cold]
    #[inline(never)]
    fn add_new(&mut self, hash: u64, head: Head, word: &[u8], terms: &Analyser) -> u32 {
        let id = terms.term_of(word);
        let words = if word.len() <= 16 { &mut self.short_words } else { &mut self.long_words };
        words.insert(hash, head, word, id);
        if id as usize >= self.slots.len() {
            self.slots.resize((id as usize + 1).next_power_of_two(), 0);
        }
        id
    }
}

/// Whether two byte strings of the same length are equal: the tails of long words, a few
/// bytes, where a call to `memcmp` costs more than the comparison.
fn same(a: &[u8], b: &[u8]) -> bool {
    let (mut x, mut y) = (a.chunks_exact(8), b.chunks_exact(8));
    x.by_ref().zip(y.by_ref()).all(|(p, q)| p == q) && x.remainder() == y.remainder()
}

/// Counts the body's words: the hot loop.
/// The last field is set in the slot too (the heading flag, for headings).
struct BodyWords<'a>(&'a mut PageText, &'a Analyser, u32);

impl normalise::WordSink for BodyWords<'_> {
    #[inline(always)]
    fn word(&mut self, word: &[u8], head: Head) {
        let id = self.0.id_of(word, head, self.1);
        self.0.record(id, self.2, true);
    }
}

/// Normalised word → term id, the cache of the hot loop (every word of the site is looked up).
/// Open addressing over buckets of two slots, one cache line each, with the words in the
/// slots: a lookup usually reads one line and takes no branch that depends on where in the
/// bucket the word is. The [`Head`] is the whole word up to 16 bytes; a longer word keeps
/// the rest in an arena.
struct WordTable {
    /// A power of two long, at most half full.
    buckets: Vec<Bucket>,
    /// 64 minus the bits of a bucket index: the bucket is the top bits of the hash.
    shift: u32,
    used: usize,
    arena: Vec<u8>,
}

#[derive(Clone, Copy, Default)]
#[repr(align(64))]
struct Bucket([Slot; 2]);

/// A word and its term id; an empty slot has length 0.
#[derive(Clone, Copy, Default)]
struct Slot {
    head: Head,
    len: u32,
    id: u32,
    /// Where the bytes after the 16th are in the arena.
    tail: u32,
    /// The top half of the hash, which picks the bucket (kept for growing).
    hash: u32,
}

const HASH_K1: u64 = 0x9e37_79b9_7f4a_7c15;
const HASH_K2: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordTable {
    fn new() -> WordTable {
        WordTable { buckets: vec![Bucket::default(); 1 << 11], shift: 64 - 11, used: 0, arena: Vec::new() }
    }

    /// The hash of a word of up to 16 bytes.
    #[inline(always)]
    fn short_hash(head: &Head) -> u64 {
        (head[0].wrapping_mul(HASH_K1) ^ head[1]).wrapping_mul(HASH_K2)
    }

    fn hash(head: &Head, word: &[u8]) -> u64 {
        let mut h = Self::short_hash(head);
        if word.len() > 16 {
            let mut chunks = word[16..].chunks_exact(8);
            for c in &mut chunks {
                h = (h ^ u64::from_le_bytes(c.try_into().expect("8 bytes"))).wrapping_mul(HASH_K1);
            }
            let last = chunks.remainder().iter().rev().fold(0u64, |v, &b| v << 8 | u64::from(b));
            h = (h.rotate_left(29) ^ last).wrapping_mul(HASH_K2);
        }
        h
    }

    /// The term id of a word of up to 16 bytes in its first bucket (most lookups).
    #[inline(always)]
    fn get_short(&self, head: Head, len: usize) -> Option<u32> {
        let [a, b] = &self.buckets[(Self::short_hash(&head) >> self.shift) as usize].0;
        // How each slot differs from the word (0: it holds the word). One branch, on whether
        // either does: branching on which one, as the compiler does with `if in_a`, is
        // unpredictable where buckets hold two words.
        let differs = |s: &Slot| (s.head[0] ^ head[0]) | (s.head[1] ^ head[1]) | (u64::from(s.len) ^ len as u64);
        let (da, db) = (differs(a), differs(b));
        let id = std::hint::select_unpredictable(da == 0, a.id, b.id);
        (da.min(db) == 0).then_some(id)
    }

    fn get(&self, hash: u64, head: Head, word: &[u8]) -> Option<u32> {
        let mask = self.buckets.len() - 1;
        let mut i = (hash >> self.shift) as usize;
        loop {
            for s in &self.buckets[i].0 {
                if s.head == head
                    && s.len as usize == word.len()
                    && (word.len() <= 16 || same(&self.arena[s.tail as usize..][..word.len() - 16], &word[16..]))
                {
                    return Some(s.id);
                }
                if s.len == 0 {
                    return None;
                }
            }
            i = (i + 1) & mask;
        }
    }

    fn insert(&mut self, hash: u64, head: Head, word: &[u8], id: u32) {
        if (self.used + 1) * 2 > self.buckets.len() * 3 {
            let grown = vec![Bucket::default(); self.buckets.len() * 2];
            let old = std::mem::replace(&mut self.buckets, grown);
            self.shift -= 1;
            for s in old.iter().flat_map(|b| b.0).filter(|s| s.len > 0) {
                self.place(s);
            }
        }
        let tail = self.arena.len() as u32;
        if word.len() > 16 {
            self.arena.extend_from_slice(&word[16..]);
        }
        self.used += 1;
        self.place(Slot { head, len: word.len() as u32, id, tail, hash: (hash >> 32) as u32 });
    }

    fn place(&mut self, slot: Slot) {
        let mask = self.buckets.len() - 1;
        let mut i = ((u64::from(slot.hash) << 32) >> self.shift) as usize;
        loop {
            if let Some(free) = self.buckets[i].0.iter_mut().find(|s| s.len == 0) {
                *free = slot;
                return;
            }
            i = (i + 1) & mask;
        }
    }
}

/// The analysis outside the build, for `examples/analysis.rs`, which measures it on a folder
/// of Markdown: the word splitter alone, and the counting of body text as the build does it.
#[doc(hidden)]
pub mod bench {
    use super::{Analyser, PageText, TextSink};
    use crate::index::normalise;

    /// Splits every text into words; gives the number of words (and keeps the work from being
    /// optimised away).
    pub fn split(texts: &[String]) -> usize {
        let mut words = 0;
        for t in texts {
            normalise::for_each_word_head(t, &mut |_: &[u8], _| words += 1);
        }
        words
    }

    /// Counts every text as a page's body, on this thread, with a fresh word cache (the site's
    /// terms in `analyser` may be warm from an earlier call); gives the number of terms found
    /// over all pages.
    pub fn count(analyser: &Analyser, texts: &[String]) -> usize {
        let mut text = PageText::new();
        let mut terms = 0;
        for t in texts {
            text.body(t);
            text.count_body(analyser);
            terms += text.take_terms().terms.len();
        }
        terms
    }
}
