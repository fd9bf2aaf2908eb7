//! Index stage: the client-side search index. A pure function of the [`Site`] and the bodies
//! the render stage gave; gives the index files under `zoeken/index/`, which the theme's
//! `search-core.js` reads.
//!
//! The index is split so that a query downloads only what it needs (file layout below; every
//! number in a `.bin` file is an unsigned LEB128 varint):
//!
//! ```text
//! meta.json     loaded first: page count, pages per d/ file, build hash, the first
//!               two-letter key of each vocabulary chunk, the facets with their values
//!               (name, URL slug)
//! facets.bin    per facet, per value: n, then n page ids as gaps (for facet counts)
//! v/<n>.json    vocabulary chunk: {"w": [[stem, pages, posting file, byte offset], ...],
//!               "g": [[phrase, term pages, alternatives, their names], ...]}, a phrase
//!               being a list of stems; all stems with the same first two letters are in
//!               one chunk, so completion and typo correction read one chunk per word
//! p/<n>.bin     postings of consecutive stems: per stem n, n page ids as gaps, n impact
//!               bytes
//! d/<n>.json    pages n*32 .. n*32+31, fetched for shown results only: per page
//!               [title, site path, kind] and, for a term, its definition
//! ```
//!
//! Snippets come from the result pages themselves: the search page fetches the HTML of each
//! result it shows (which also puts it in the browser's cache for the click that follows), so
//! the index holds no second copy of the text and the build writes no file per page.
//!
//! An impact byte holds where a stem occurs in a page: [`IN_TITLE`] (title or alias),
//! [`IN_HEADING`], [`IN_SUMMARY`] (summary, definition, taxonomy values) and, in the low four
//! bits, the body's BM25 term-frequency weight (length-normalised, 0 = not in the body). The
//! field weights themselves live in the JavaScript, which ranks.
//!
//! Glossary: a term's title (without a trailing "(...)") and its aliases are phrases; a query
//! that contains one is expanded to all phrases of the terms that have it, and the term's
//! definition is shown.

pub mod normalise;

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;
use serde::Serialize;

use crate::kind::Kind;
use crate::model::{Page, PageId, Site};
use crate::render::markdown::RenderedBody;
use crate::text::slugify;
use crate::write::{Content, OutputFile};

/// Folder of the index, relative to the site root.
pub const INDEX_DIR: &str = "zoeken/index/";
/// Changes when the file layout changes; the JavaScript refuses other versions.
pub const FORMAT_VERSION: u32 = 1;

pub const IN_TITLE: u8 = 0x80;
pub const IN_HEADING: u8 = 0x40;
pub const IN_SUMMARY: u8 = 0x20;
/// Highest body weight in the low bits of an impact byte.
pub const BODY_MAX: u8 = 15;

/// A vocabulary chunk is closed once its JSON passes this many bytes (about 2-3 KB gzipped).
const VOCAB_CHUNK_BYTES: usize = 8 * 1024;
/// A posting file is closed once it passes this many bytes; a longer list gets a file alone.
const POSTING_FILE_BYTES: usize = 8 * 1024;
/// Pages per file of `d/`: small enough that the ten results on screen cost little, large
/// enough that a big site does not get a file per page.
pub const DOCS_PER_FILE: usize = 32;
/// At most this many phrases replace a glossary phrase in a query.
const MAX_ALTERNATIVES: usize = 12;
/// BM25 parameters for the body weight.
const BM25_K1: f64 = 1.2;
const BM25_B: f64 = 0.75;

/// The facets, in the order the search page shows them: key and the page's values.
const FACETS: [&str; 5] = ["kind", "municipality", "themes", "target_groups", "tool_type"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Heading,
    Summary,
    Body,
}

impl Field {
    fn flag(self) -> u8 {
        match self {
            Field::Title => IN_TITLE,
            Field::Heading => IN_HEADING,
            Field::Summary => IN_SUMMARY,
            Field::Body => 0,
        }
    }
}

/// Builds the index files of `site`, whose pages' rendered bodies are `bodies` (by page id).
/// Pure and deterministic: the same site gives the same bytes.
pub fn build(site: &Site, bodies: &[RenderedBody]) -> Vec<OutputFile> {
    let analysed = analyse(site, bodies);
    let vocab = Vocabulary::new(&analysed);
    let postings = vocab.postings(&analysed);
    let ((posting_files, locations), (glossary, facets)) =
        rayon::join(|| pack_postings(&postings), || rayon::join(|| glossary(site), || facets(site)));
    let (chunk_keys, vocab_files) = vocab_chunks(&vocab, &postings, &locations, &glossary);

    let mut files: Vec<OutputFile> = Vec::with_capacity(site.pages.len() + posting_files.len() + 64);
    for (i, bytes) in posting_files.into_iter().enumerate() {
        files.push(file(format!("p/{i}.bin"), bytes));
    }
    for (i, json) in vocab_files.into_iter().enumerate() {
        files.push(file(format!("v/{i}.json"), json));
    }
    files.push(file("facets.bin".into(), encode_facets(&facets)));
    files.par_extend(
        site.pages
            .par_chunks(DOCS_PER_FILE)
            .enumerate()
            .map(|(i, pages)| file(format!("d/{i}.json"), docs_json(pages))),
    );

    // The build hash goes into every URL the browser fetches after meta.json, so a rebuilt
    // site is never read with chunks cached from the previous build.
    let hashes: Vec<u64> = files
        .par_iter()
        .map(|f| {
            let mut h = FxHasher::default();
            h.write(f.path.as_bytes());
            if let Content::Bytes(b) = &f.content {
                h.write(b);
            }
            h.finish()
        })
        .collect();
    let mut hash = FxHasher::default();
    for h in hashes {
        hash.write_u64(h);
    }
    let meta = Meta {
        version: FORMAT_VERSION,
        build: format!("{:016x}", hash.finish()),
        docs: site.pages.len(),
        docs_per_file: DOCS_PER_FILE,
        vocab: chunk_keys,
        facets: facets.iter().map(|f| MetaFacet { key: f.key, values: &f.values }).collect(),
    };
    files.push(file("meta.json".into(), serde_json::to_vec(&meta).expect("meta serialises")));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn file(rel: String, bytes: Vec<u8>) -> OutputFile {
    OutputFile { path: format!("{INDEX_DIR}{rel}"), content: Content::Bytes(bytes) }
}

// ---------------------------------------------------------------------------------------------
// Analysis: pages to (stem, field flags, body frequency), in parallel.

/// Hashing every word of the site is the hot loop; SipHash's resistance to flooding buys
/// nothing here, so this is the multiply-rotate hash rustc uses (FxHash).
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 59));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

const STOP: u32 = u32::MAX;

/// Normalised word → stem id, the cache of the hot loop (every word of the site is looked up).
/// Open addressing over a small array of u32 (entry number and 8 bits of the hash), so the
/// probes stay in the L2 cache; the entries themselves are in first-seen order, which puts
/// the frequent words together. An entry holds the first 16 bytes of its word; longer words
/// keep the rest in an arena.
struct WordTable {
    /// (entry index + 1) << 8 | hash tag; 0 is empty. A power of two long, at most half full.
    slots: Vec<u32>,
    entries: Vec<WordEntry>,
    arena: Vec<u8>,
}

#[derive(Clone, Copy)]
struct WordEntry {
    /// The first 16 bytes, little-endian, zero-padded.
    head: [u64; 2],
    len: u32,
    /// Where the bytes after the 16th are in the arena.
    tail: u32,
    id: u32,
    hash: u32,
}

/// Up to 8 bytes as a little-endian number, built in registers: the word was usually written
/// byte by byte just before, and reading it back as one load would stall on the stores.
fn load(bytes: &[u8]) -> u64 {
    let mut v = 0u64;
    for (i, &b) in bytes.iter().take(8).enumerate() {
        v |= u64::from(b) << (8 * i);
    }
    v
}

impl WordTable {
    fn new() -> WordTable {
        WordTable { slots: vec![0; 1 << 15], entries: Vec::new(), arena: Vec::new() }
    }

    fn head(word: &[u8]) -> [u64; 2] {
        let first = match word.first_chunk::<8>() {
            Some(c) => u64::from_le_bytes(*c),
            None => load(word),
        };
        let second = match word.get(8..).and_then(|w| w.first_chunk::<8>()) {
            Some(c) => u64::from_le_bytes(*c),
            None if word.len() > 8 => load(&word[8..]),
            None => 0,
        };
        [first, second]
    }

    fn hash(head: &[u64; 2], word: &[u8]) -> u64 {
        let mut h = FxHasher(word.len() as u64);
        h.add(head[0]);
        h.add(head[1]);
        if word.len() > 16 {
            h.write(&word[16..]);
        }
        h.0
    }

    fn get(&self, hash: u64, head: &[u64; 2], word: &[u8]) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let tag = (hash >> 56) as u32;
        let mut i = hash as usize & mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return None;
            }
            if s & 0xff == tag {
                let e = &self.entries[(s >> 8) as usize - 1];
                if e.len as usize == word.len()
                    && e.head == *head
                    && (word.len() <= 16
                        || self.arena[e.tail as usize..e.tail as usize + word.len() - 16] == word[16..])
                {
                    return Some(e.id);
                }
            }
            i = (i + 1) & mask;
        }
    }

    fn insert(&mut self, hash: u64, head: [u64; 2], word: &[u8], id: u32) {
        if (self.entries.len() + 1) * 2 > self.slots.len() {
            self.slots = vec![0; self.slots.len() * 2];
            for n in 0..self.entries.len() {
                let h = self.entries[n].hash;
                self.place(u64::from(h) | (u64::from(h) << 32), n);
            }
        }
        let tail = self.arena.len() as u32;
        if word.len() > 16 {
            self.arena.extend_from_slice(&word[16..]);
        }
        // Keep 32 bits of the hash for growing: the low bits pick the slot, the high the tag.
        let h32 = ((hash >> 32) as u32 & 0xff00_0000) | (hash as u32 & 0x00ff_ffff);
        self.entries.push(WordEntry { head, len: word.len() as u32, tail, id, hash: h32 });
        self.place(u64::from(h32) | (u64::from(h32) << 32), self.entries.len() - 1);
    }

    /// `hash` must agree with [`WordTable::get`] in its low bits (slot) and top byte (tag).
    fn place(&mut self, hash: u64, entry: usize) {
        let mask = self.slots.len() - 1;
        let tag = (hash >> 56) as u32;
        let mut i = hash as usize & mask;
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = ((entry as u32 + 1) << 8) | tag;
    }
}

/// One page's terms: (local stem id, field flags, body frequency).
struct PageTerms {
    id: PageId,
    body_len: u32,
    terms: Vec<(u32, u8, u16)>,
}

/// What one worker found in its share of the pages; stem ids are local to it.
struct Analysed {
    stems: Vec<String>,
    pages: Vec<PageTerms>,
}

struct Analyser<'t> {
    terms: &'t TermCache,
    words: WordTable,
    stem_ids: FxMap<String, u32>,
    stems: Vec<String>,
    /// Per local stem: flags and body frequency on the current page.
    slots: Vec<(u8, u16)>,
    touched: Vec<u32>,
    body_len: u32,
}

impl<'t> Analyser<'t> {
    fn new(terms: &'t TermCache) -> Analyser<'t> {
        Analyser {
            terms,
            words: WordTable::new(),
            stem_ids: FxMap::default(),
            stems: Vec::new(),
            slots: Vec::new(),
            touched: Vec::new(),
            body_len: 0,
        }
    }

    fn id_of(&mut self, word: &[u8]) -> u32 {
        let head = WordTable::head(word);
        let hash = WordTable::hash(&head, word);
        if let Some(id) = self.words.get(hash, &head, word) {
            return id;
        }
        let text = std::str::from_utf8(word).expect("words are UTF-8");
        let id = match self.terms.term(text) {
            None => STOP,
            Some(stem) => match self.stem_ids.get(stem.as_ref()) {
                Some(&id) => id,
                None => {
                    let id = self.stems.len() as u32;
                    self.stem_ids.insert(stem.to_string(), id);
                    self.stems.push(stem.to_string());
                    self.slots.push((0, 0));
                    id
                }
            },
        };
        self.words.insert(hash, head, word, id);
        id
    }

    fn add_word(&mut self, word: &[u8], flag: u8, body: bool) {
        let id = self.id_of(word);
        if id == STOP {
            return;
        }
        let slot = &mut self.slots[id as usize];
        if *slot == (0, 0) {
            self.touched.push(id);
        }
        slot.0 |= flag;
        if body {
            slot.1 = slot.1.saturating_add(1);
            self.body_len += 1;
        }
    }

    fn add(&mut self, text: &str, field: Field) {
        let (flag, body) = (field.flag(), field == Field::Body);
        normalise::for_each_word_bytes(text, |w| self.add_word(w, flag, body));
    }

    fn finish_page(&mut self, id: PageId) -> PageTerms {
        let mut terms = Vec::with_capacity(self.touched.len());
        for &t in &self.touched {
            let (flags, tf) = std::mem::take(&mut self.slots[t as usize]);
            terms.push((t, flags, tf));
        }
        self.touched.clear();
        PageTerms { id, body_len: std::mem::take(&mut self.body_len), terms }
    }
}

/// Normalised word → term, shared by the shares: stemming is the slow part of a word's first
/// lookup, and each share would otherwise stem the whole vocabulary again.
#[derive(Default)]
struct TermCache(std::sync::Mutex<FxMap<String, Option<std::sync::Arc<str>>>>);

impl TermCache {
    fn term(&self, word: &str) -> Option<std::sync::Arc<str>> {
        if let Some(t) = self.0.lock().expect("no thread panics holding it").get(word) {
            return t.clone();
        }
        // Stem without the lock; two shares may stem the same word, with the same result.
        let t: Option<std::sync::Arc<str>> = normalise::term(word).map(|s| s.as_ref().into());
        self.0.lock().expect("no thread panics holding it").insert(word.to_string(), t.clone());
        t
    }
}

/// Splits the pages into up to two shares per thread (at least 500 pages each); each share
/// keeps its own word table, so a word is looked up in a small table that stays in the cache
/// and is normalised and stemmed once for the whole site ([`TermCache`]).
fn analyse(site: &Site, bodies: &[RenderedBody]) -> Vec<Analysed> {
    let shares = (rayon::current_num_threads() * 2).min(site.pages.len() / 500).max(1);
    let per_share = site.pages.len().div_ceil(shares).max(1);
    let terms = TermCache::default();
    site.pages
        .par_chunks(per_share)
        .map(|pages| {
            let mut a = Analyser::new(&terms);
            let mut out = Vec::with_capacity(pages.len());
            for page in pages {
                for (text, field) in page_fields(page, &bodies[page.id]) {
                    a.add(text, field);
                }
                out.push(a.finish_page(page.id));
            }
            Analysed { stems: a.stems, pages: out }
        })
        .collect()
}

/// The texts of a page with the field each belongs to.
fn page_fields<'a>(page: &'a Page, body: &'a RenderedBody) -> Vec<(&'a str, Field)> {
    let mut fields: Vec<(&str, Field)> = vec![(&page.title, Field::Title)];
    fields.extend(page.aliases.iter().map(|a| (a.as_str(), Field::Title)));
    fields.extend(body.headings.iter().map(|h| (h.as_str(), Field::Heading)));
    if let Some(s) = &page.summary {
        fields.push((s, Field::Summary));
    }
    if let Some(t) = page.term() {
        fields.push((&t.definition, Field::Summary));
    }
    for key in FACETS {
        for v in facet_values(page, key) {
            fields.push((v, Field::Summary));
        }
    }
    if let Some(p) = page.practice() {
        fields.extend(p.province.iter().map(|s| (s.as_str(), Field::Summary)));
        fields.extend(p.organisations.iter().map(|s| (s.as_str(), Field::Summary)));
    }
    fields.push((&body.plain, Field::Body));
    fields
}

// ---------------------------------------------------------------------------------------------
// Vocabulary and postings.

/// Every stem of the site in index order, with the map from each share's local ids.
struct Vocabulary {
    /// Stems sorted by UTF-16 code units, the order JavaScript compares strings in.
    stems: Vec<String>,
    /// Per share: local id → index in `stems`.
    local: Vec<Vec<u32>>,
}

impl Vocabulary {
    fn new(analysed: &[Analysed]) -> Vocabulary {
        let mut all: FxMap<&str, u32> = FxMap::default();
        for a in analysed {
            for s in &a.stems {
                let next = all.len() as u32;
                all.entry(s.as_str()).or_insert(next);
            }
        }
        let mut order: Vec<(&str, u32)> = all.iter().map(|(s, &id)| (*s, id)).collect();
        order.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
        let mut rank = vec![0u32; order.len()];
        for (i, (_, id)) in order.iter().enumerate() {
            rank[*id as usize] = i as u32;
        }
        let local = analysed.iter().map(|a| a.stems.iter().map(|s| rank[all[s.as_str()] as usize]).collect()).collect();
        Vocabulary { stems: order.into_iter().map(|(s, _)| s.to_string()).collect(), local }
    }

    /// Per stem, its encoded posting list: n, n page ids as gaps, n impact bytes.
    fn postings(&self, analysed: &[Analysed]) -> Vec<Vec<u8>> {
        let pages: usize = analysed.iter().map(|a| a.pages.len()).sum();
        let total_len: u64 = analysed.iter().flat_map(|a| &a.pages).map(|p| u64::from(p.body_len)).sum();
        let avg_len = (total_len as f64 / pages.max(1) as f64).max(1.0);
        // Each share sorts its own postings by stem; shares are in page order and so are the
        // pages within a share, so concatenating the shares' lists keeps each list sorted.
        let shares: Vec<Vec<Vec<(u32, u8)>>> = analysed
            .par_iter()
            .zip(&self.local)
            .map(|(a, local)| {
                let mut lists: Vec<Vec<(u32, u8)>> = vec![Vec::new(); self.stems.len()];
                for page in &a.pages {
                    let norm = BM25_K1 * (1.0 - BM25_B + BM25_B * f64::from(page.body_len) / avg_len);
                    for &(t, flags, tf) in &page.terms {
                        lists[local[t as usize] as usize].push((page.id as u32, flags | body_weight(tf, norm)));
                    }
                }
                lists
            })
            .collect();
        (0..self.stems.len())
            .into_par_iter()
            .map(|s| {
                let n: usize = shares.iter().map(|l| l[s].len()).sum();
                let mut out = Vec::with_capacity(n * 2 + 4);
                push_varint(&mut out, n as u32);
                let mut last = None;
                for &(doc, _) in shares.iter().flat_map(|l| &l[s]) {
                    push_varint(&mut out, last.map_or(doc, |l| doc - l));
                    last = Some(doc);
                }
                out.extend(shares.iter().flat_map(|l| &l[s]).map(|&(_, impact)| impact));
                out
            })
            .collect()
    }
}

/// BM25's saturating term frequency, scaled to 1..=BODY_MAX (0 when the stem is not in the body).
fn body_weight(tf: u16, norm: f64) -> u8 {
    if tf == 0 {
        return 0;
    }
    let tf = f64::from(tf);
    let w = tf * (BM25_K1 + 1.0) / (tf + norm) / (BM25_K1 + 1.0);
    ((w * f64::from(BODY_MAX)).ceil() as u8).clamp(1, BODY_MAX)
}

fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Packs encoded posting lists into files of about [`POSTING_FILE_BYTES`]; gives the files and
/// each stem's (file, byte offset).
fn pack_postings(lists: &[Vec<u8>]) -> (Vec<Vec<u8>>, Vec<(u32, u32)>) {
    let mut files: Vec<Vec<u8>> = Vec::new();
    let mut current: Vec<u8> = Vec::new();
    let mut locations = Vec::with_capacity(lists.len());
    for list in lists {
        if !current.is_empty() && current.len() + list.len() > POSTING_FILE_BYTES {
            files.push(std::mem::take(&mut current));
        }
        locations.push((files.len() as u32, current.len() as u32));
        current.extend_from_slice(list);
        if current.len() >= POSTING_FILE_BYTES {
            files.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        files.push(current);
    }
    (files, locations)
}

/// The number of pages in an encoded posting list (its first varint).
fn list_len(list: &[u8]) -> usize {
    let mut n = 0usize;
    for (i, &b) in list.iter().enumerate() {
        n |= usize::from(b & 0x7f) << (7 * i);
        if b < 0x80 {
            break;
        }
    }
    n
}

/// The key that decides a stem's vocabulary chunk: its first two characters.
fn chunk_key(stem: &str) -> &str {
    match stem.char_indices().nth(2) {
        Some((i, _)) => &stem[..i],
        None => stem,
    }
}

/// One glossary phrase: the terms that have it and the phrases it expands to.
struct GlossaryEntry {
    phrase: Vec<String>,
    terms: Vec<PageId>,
    alternatives: Vec<Vec<String>>,
    /// How each alternative is written (the title or alias it came from), to show.
    names: Vec<String>,
}

/// The glossary's phrases: each term's title (without a trailing qualifier in brackets) and
/// its aliases, as stems.
fn glossary(site: &Site) -> Vec<GlossaryEntry> {
    let mut by_phrase: BTreeMap<Vec<String>, Vec<PageId>> = BTreeMap::new();
    let mut phrases_of: HashMap<PageId, Vec<(Vec<String>, &str)>> = HashMap::new();
    for page in site.pages_of(Kind::Term) {
        let title = page.title.trim();
        let base = match title.rfind(" (") {
            Some(i) if title.ends_with(')') => &title[..i],
            _ => title,
        };
        let mut phrases: Vec<(Vec<String>, &str)> = Vec::new();
        for name in std::iter::once(base).chain(page.aliases.iter().map(|a| a.trim())) {
            let stems = normalise::terms(name);
            if !stems.is_empty() && !phrases.iter().any(|(p, _)| *p == stems) {
                phrases.push((stems, name));
            }
        }
        for (p, _) in &phrases {
            by_phrase.entry(p.clone()).or_default().push(page.id);
        }
        phrases_of.insert(page.id, phrases);
    }
    by_phrase
        .into_iter()
        .map(|(phrase, terms)| {
            let mut alternatives: Vec<Vec<String>> = Vec::new();
            let mut names: Vec<String> = Vec::new();
            // The phrase itself first, then the other names of its terms.
            let own = phrases_of[&terms[0]].iter().find(|(p, _)| *p == phrase).map_or("", |(_, n)| *n);
            alternatives.push(phrase.clone());
            names.push(own.to_string());
            for t in &terms {
                for (p, name) in &phrases_of[t] {
                    if alternatives.len() < MAX_ALTERNATIVES && !alternatives.contains(p) {
                        alternatives.push(p.clone());
                        names.push(name.to_string());
                    }
                }
            }
            GlossaryEntry { phrase, terms, alternatives, names }
        })
        .collect()
}

/// A glossary phrase as written to a chunk: phrase, terms, alternatives, their names.
type GlossaryRow<'a> = (&'a [String], &'a [PageId], &'a [Vec<String>], &'a [String]);

#[derive(Serialize)]
struct VocabChunk<'a> {
    /// [stem, pages, posting file, offset]
    w: Vec<(&'a str, usize, u32, u32)>,
    /// [phrase, terms, alternatives, names of the alternatives]
    g: Vec<GlossaryRow<'a>>,
}

/// Cuts the sorted vocabulary into chunks at two-letter boundaries; gives the first key of each
/// chunk and the chunks' JSON.
fn vocab_chunks(
    vocab: &Vocabulary,
    postings: &[Vec<u8>],
    locations: &[(u32, u32)],
    glossary: &[GlossaryEntry],
) -> (Vec<String>, Vec<Vec<u8>>) {
    let mut keys: Vec<String> = Vec::new();
    let mut chunks: Vec<VocabChunk<'_>> = Vec::new();
    let mut chunk_of_key: HashMap<&str, usize> = HashMap::new();
    let mut size = 0;
    let mut i = 0;
    while i < vocab.stems.len() {
        let key = chunk_key(&vocab.stems[i]);
        let group_end = i + vocab.stems[i..].iter().take_while(|s| chunk_key(s) == key).count();
        if chunks.is_empty() || size >= VOCAB_CHUNK_BYTES {
            keys.push(key.to_string());
            chunks.push(VocabChunk { w: Vec::new(), g: Vec::new() });
            size = 0;
        }
        let chunk = chunks.last_mut().unwrap();
        for s in i..group_end {
            let (file, offset) = locations[s];
            chunk.w.push((&vocab.stems[s], list_len(&postings[s]), file, offset));
            size += vocab.stems[s].len() + 20;
        }
        chunk_of_key.insert(key, chunks.len() - 1);
        i = group_end;
    }
    for entry in glossary {
        // A phrase's stems come from a term's title or aliases, which are indexed, so its key
        // has a chunk.
        if let Some(&c) = chunk_of_key.get(chunk_key(&entry.phrase[0])) {
            chunks[c].g.push((&entry.phrase, &entry.terms, &entry.alternatives, &entry.names));
        }
    }
    let json = chunks.iter().map(|c| serde_json::to_vec(c).expect("vocabulary serialises")).collect();
    (keys, json)
}

// ---------------------------------------------------------------------------------------------
// Facets and documents.

#[derive(Serialize)]
struct FacetValue {
    name: String,
    slug: String,
}

struct Facet {
    key: &'static str,
    values: Vec<FacetValue>,
    /// Per value, the pages that have it, by id.
    pages: Vec<Vec<u32>>,
}

fn facet_values<'a>(page: &'a Page, key: &str) -> &'a [String] {
    match key {
        "municipality" => page.practice().map_or(&[], |p| &p.municipalities),
        "themes" => &page.themes,
        "target_groups" => &page.target_groups,
        "tool_type" => page.tool().map_or(&[], |t| t.tool_type.as_slice()),
        _ => &[],
    }
}

/// The URL value of a kind in the search page's `soort=` parameter: its folder name.
pub fn kind_slug(kind: Kind) -> &'static str {
    kind.folder().unwrap_or("artikelen")
}

fn facets(site: &Site) -> Vec<Facet> {
    FACETS
        .iter()
        .map(|&key| {
            // slug → (name, pages); the name is the taxonomy's display name when the site has
            // that taxonomy, else the first spelling met.
            let mut values: BTreeMap<String, (String, Vec<u32>)> = BTreeMap::new();
            let mut slugs: HashMap<&str, String> = HashMap::new();
            for page in &site.pages {
                if key == "kind" {
                    let v = values
                        .entry(format!("{}", page.kind as u8))
                        .or_insert_with(|| (page.kind.name().to_string(), Vec::new()));
                    v.1.push(page.id as u32);
                    continue;
                }
                for value in facet_values(page, key) {
                    let slug = slugs.entry(value.as_str()).or_insert_with(|| slugify(value)).clone();
                    if slug.is_empty() {
                        continue;
                    }
                    let v = values.entry(slug).or_insert_with(|| (display_name(site, key, value), Vec::new()));
                    if v.1.last() != Some(&(page.id as u32)) {
                        v.1.push(page.id as u32);
                    }
                }
            }
            let mut values: Vec<(String, String, Vec<u32>)> =
                values.into_iter().map(|(slug, (name, pages))| (slug, name, pages)).collect();
            if key == "kind" {
                // Kinds keep their fixed order; their slug is the folder name.
                for v in &mut values {
                    let kind = Kind::from_name(&v.1).expect("a kind name");
                    v.0 = kind_slug(kind).to_string();
                }
            } else {
                values.sort_by_cached_key(|v| (crate::model::title_key(&v.1), v.0.clone()));
            }
            let (values, pages) =
                values.into_iter().map(|(slug, name, pages)| (FacetValue { name, slug }, pages)).unzip();
            Facet { key, values, pages }
        })
        .collect()
}

fn display_name(site: &Site, key: &str, value: &str) -> String {
    site.taxonomies
        .iter()
        .find(|t| t.field.key() == key)
        .and_then(|t| t.term_by_name(value))
        .map_or_else(|| value.trim().to_string(), |t| t.name.clone())
}

fn encode_facets(facets: &[Facet]) -> Vec<u8> {
    let mut out = Vec::new();
    for f in facets {
        for pages in &f.pages {
            push_varint(&mut out, pages.len() as u32);
            let mut last = 0;
            for (i, &p) in pages.iter().enumerate() {
                push_varint(&mut out, if i == 0 { p } else { p - last });
                last = p;
            }
        }
    }
    out
}

#[derive(Serialize)]
struct MetaFacet<'a> {
    key: &'static str,
    values: &'a [FacetValue],
}

#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    build: String,
    docs: usize,
    docs_per_file: usize,
    vocab: Vec<String>,
    facets: Vec<MetaFacet<'a>>,
}

/// What a result shows of a page, before its own HTML arrives: title, path, kind and a
/// term's definition (for the glossary box).
#[derive(Serialize)]
struct Doc<'a>(&'a str, &'a str, &'static str, #[serde(skip_serializing_if = "Option::is_none")] Option<&'a str>);

fn docs_json(pages: &[Page]) -> Vec<u8> {
    let docs: Vec<Doc<'_>> =
        pages.iter().map(|p| Doc(&p.title, &p.path, p.kind.name(), p.term().map(|t| t.definition.as_str()))).collect();
    serde_json::to_vec(&docs).expect("documents serialise")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_leb128() {
        let mut out = Vec::new();
        for n in [0, 1, 127, 128, 300, 16_384] {
            push_varint(&mut out, n);
        }
        assert_eq!(out, [0, 1, 127, 0x80, 1, 0xac, 2, 0x80, 0x80, 1]);
    }

    #[test]
    fn body_weight_saturates() {
        assert_eq!(body_weight(0, 1.2), 0);
        assert!(body_weight(1, 1.2) < body_weight(3, 1.2));
        assert_eq!(body_weight(1000, 1.2), BODY_MAX);
        // A long page needs more occurrences for the same weight.
        assert!(body_weight(2, 2.4) < body_weight(2, 0.6));
    }

    #[test]
    fn chunk_keys_are_two_characters() {
        assert_eq!(chunk_key("statushouder"), "st");
        assert_eq!(chunk_key("éé"), "éé");
        assert_eq!(chunk_key("x"), "x");
    }

    #[test]
    fn postings_pack_into_files_with_offsets() {
        let lists = vec![vec![2, 0, 5, 0x81, 2], vec![1, 3, 1], vec![0xac, 2]];
        let (files, locations) = pack_postings(&lists);
        assert_eq!(files, vec![vec![2, 0, 5, 0x81, 2, 1, 3, 1, 0xac, 2]]);
        assert_eq!(locations, vec![(0, 0), (0, 5), (0, 8)]);
        assert_eq!(list_len(&lists[2]), 300);
    }
}
