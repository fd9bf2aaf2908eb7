//! Index stage: the client-side search index. A pure function of the [`Site`] and of the
//! terms that its [`Analyser`] found in each page's text while the render stage's Markdown
//! pass rendered it (see `analyse.rs`); gives the index files under `zoeken/index/`, which
//! the theme's `search-core.js` reads.
//!
//! The index is split so that a query downloads only what it needs (file layout below; every
//! number in a `.bin` file is an unsigned LEB128 varint):
//!
//! ```text
//! meta.json     loaded first: page count, pages per d/ file, build hash, the first
//!               two-letter key of each vocabulary chunk, the facets with their values
//!               (name, URL slug), and the stemmer the terms were made with (see below)
//! facets.bin    per facet, per value: n, then n page ids as gaps (for facet counts)
//! dates.bin     per page: its date as year * 512 + month * 32 + day (a practice
//!               example's year alone: year * 512), 0 for none (read only to sort by date)
//! v/<n>.json    vocabulary chunk: {"w": [[stem, pages, posting file, byte offset,
//!               written forms?], ...],
//!               "g": [[phrase, term pages, alternatives, their names], ...]}, a phrase
//!               being a list of stems; all stems with the same first two letters are in
//!               one chunk, so completion and typo correction read one chunk per word;
//!               the written forms are the words (normalised) of 5 letters or more that
//!               have the stem but differ from it, for typo correction on words as typed
//! p/<n>.bin     postings of consecutive stems: per stem n, n page ids as gaps, n impact
//!               bytes
//! *.binz        each .bin file gzipped: what the script reads where the browser can inflate
//!               it, since a plain static server sends .bin files uncompressed
//! d/<n>.json    pages n*32 .. n*32+31, fetched for shown results only: per page
//!               [title, site path, kind] and, for a term, its definition
//! ```
//!
//! Snippets come from the result pages themselves: the search page fetches the HTML of each
//! result it shows (which also puts it in the browser's cache for the click that follows), so
//! the index holds no second copy of the text and the build writes no file per page.
//!
//! An impact byte holds where a stem occurs in a page: [`IN_TITLE`] (title or alias),
//! [`IN_HEADING`], [`IN_SUMMARY`] (summary, definition, taxonomy values), [`IN_WHOLE_TITLE`]
//! (the title or an alias is this stem alone) and, in the low four bits, the body's BM25 term-frequency weight (length-normalised, 0 = not in the body). The
//! field weights themselves live in the JavaScript, which ranks.
//!
//! The terms are made in the site's language ([`Language`]): its stop words and stemmer.
//! `meta.json` says which in `stemmer`: `"english"`, or `"none"` for a language without one
//! (no stop words, no stemming); the field is left out for Dutch, which every index was before
//! it existed, so a Dutch index is the same bytes as then. The script stems queries with the
//! stemmer it names.
//!
//! Compounds (`compound.rs`): a page is also in the posting lists of the parts of the
//! compounds it writes, split against the whole site's vocabulary here, not in the per-page
//! analysis, which stays a function of the page alone (the incremental rebuild caches it).
//!
//! Both additions leave readers of the first layout working: they ignore a fifth element
//! and the bit, so [`FORMAT_VERSION`] is unchanged.
//!
//! Glossary: a term's title (without a trailing "(...)") and its aliases are phrases; a query
//! that contains one is expanded to all phrases of the terms that have it, and the term's
//! definition is shown.

mod analyse;
mod compound;
pub mod normalise;

use analyse::SiteTerms;
#[doc(hidden)]
pub use analyse::bench;
pub use analyse::{Analyser, PageTerms};

use std::collections::{BTreeMap, HashMap};
use std::hash::Hasher;

pub(crate) use crate::hash::{FxHasher, FxMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::config::TaxonomyField;
use crate::kind::Kind;
use crate::language::{Language, Stemmer};
use crate::layout::UrlWords;
use crate::model::{Page, PageId, Site};
use crate::output::{Content, OutputFile};
use crate::text::slugify;

/// Changes when the file layout changes; the JavaScript refuses other versions.
pub(crate) const FORMAT_VERSION: u32 = 1;

pub(crate) const IN_TITLE: u8 = 0x80;
pub(crate) const IN_HEADING: u8 = 0x40;
pub(crate) const IN_SUMMARY: u8 = 0x20;
/// The page's title, or one of its aliases, is this stem alone: "a page whose title is the
/// query comes first". Set by the page's own analysis; never passed on to compound parts.
pub(crate) const IN_WHOLE_TITLE: u8 = 0x10;
/// Highest body weight in the low bits of an impact byte.
pub(crate) const BODY_MAX: u8 = 15;

/// A vocabulary chunk is closed once its JSON passes this many bytes (about 2-3 KB gzipped).
const VOCAB_CHUNK_BYTES: usize = 8 * 1024;
/// A posting file is closed once it passes this many bytes; a longer list gets a file alone.
const POSTING_FILE_BYTES: usize = 8 * 1024;
/// Pages per file of `d/`: small enough that the ten results on screen cost little, large
/// enough that a big site does not get a file per page.
pub(crate) const DOCS_PER_FILE: usize = 32;
/// At most this many phrases replace a glossary phrase in a query.
const MAX_ALTERNATIVES: usize = 12;
/// BM25 parameters for the body weight.
const BM25_K1: f64 = 1.2;
const BM25_B: f64 = 0.75;

/// The facets, in the order the search page shows them: the kind, then every taxonomy field
/// (`TaxonomyField::ALL`, the one list of them), whether or not the site publishes pages for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FacetKey {
    Kind,
    Field(TaxonomyField),
}

const FACETS: [FacetKey; 1 + TaxonomyField::ALL.len()] = {
    let mut all = [FacetKey::Kind; 1 + TaxonomyField::ALL.len()];
    let mut i = 0;
    while i < TaxonomyField::ALL.len() {
        all[i + 1] = FacetKey::Field(TaxonomyField::ALL[i]);
        i += 1;
    }
    all
};

impl FacetKey {
    /// The key in the index's `meta.json` and the search page's URL.
    fn key(self) -> &'static str {
        match self {
            FacetKey::Kind => "kind",
            FacetKey::Field(f) => f.key(),
        }
    }
}

/// Builds the index files of `site`, from the terms of its pages (by page id) that `analyser`
/// found in the render stage's Markdown pass. Deterministic: the same site gives the same
/// bytes, whatever the order the pages were analysed in.
///
/// With `fingerprint`, the folder's name carries a hash of the whole index
/// (`zoeken/index.3f9a1c2b7d4e/`), so that every file in it may be cached for good: the search
/// page names the folder (`data-index`), and a rebuilt index is a new folder. See [`folder`].
pub(crate) fn build(
    site: &Site,
    analyser: Analyser,
    pages: &[PageTerms],
    words: &UrlWords,
    fingerprint: bool,
) -> Vec<OutputFile> {
    let terms = analyser.into_terms();
    let ((vocab, postings), (glossary, facets)) = rayon::join(
        || {
            let vocab = Vocabulary::new(&terms.stems);
            // Compound splitting follows Dutch rules: other languages have none.
            let dutch = terms.language.stemmer() == Some(Stemmer::Dutch);
            let by_term = if dutch { compound::parts_by_term(&terms) } else { FxMap::default() };
            let parts = Parts::new(by_term, terms.stems.len());
            // The title's own terms (not the aliases'), for the weight of compound parts.
            let titles: Vec<Vec<u32>> = if parts.is_empty() {
                Vec::new()
            } else {
                site.pages.par_iter().map(|p| terms.ids_of(&p.title)).collect()
            };
            let postings = vocab.postings(pages, &parts, &titles);
            (vocab, postings)
        },
        || rayon::join(|| glossary(site, &terms), || facets(site)),
    );
    let (posting_files, locations) = pack_postings(&postings);
    let forms = forms_by_stem(&terms);
    let (chunk_keys, vocab_files) = vocab_chunks(&vocab, &postings, &locations, &glossary, &forms);

    let mut files: Vec<OutputFile> = Vec::with_capacity(site.pages.len() + posting_files.len() + 64);
    for (i, bytes) in posting_files.into_iter().enumerate() {
        files.push(file(format!("p/{i}.bin"), bytes));
    }
    for (i, json) in vocab_files.into_iter().enumerate() {
        files.push(file(format!("v/{i}.json"), json));
    }
    files.push(file("facets.bin".into(), encode_facets(&facets)));
    files.push(file("dates.bin".into(), encode_dates(site)));
    files.par_extend(
        site.pages
            .par_chunks(DOCS_PER_FILE)
            .enumerate()
            .map(|(i, pages)| file(format!("d/{i}.json"), docs_json(pages))),
    );
    let compressed: Vec<OutputFile> = files
        .par_iter()
        .filter(|f| f.path.ends_with(".bin"))
        .map(|f| match &f.content {
            // The posting files are most of the bytes and a query reads few of them: the
            // fastest level (a third of level 6's time, 8 % larger). The facets, which every
            // first query reads, the best.
            Content::Bytes(b) => file(format!("{}z", f.path), gzip(b, if f.path.starts_with("p/") { 1 } else { 9 })),
            _ => unreachable!("index files are bytes"),
        })
        .collect();
    files.extend(compressed);

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
        stemmer: stemmer_field(&terms.language),
    };
    let folder = if fingerprint {
        let hash = crate::fingerprint::digest(meta.build.as_bytes());
        format!("{}.{hash}/", words.search_index.trim_end_matches('/'))
    } else {
        words.search_index.clone()
    };
    files.push(file("meta.json".into(), serde_json::to_vec(&meta).expect("meta serialises")));
    for f in &mut files {
        f.path = format!("{folder}{}", f.path);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The folder of the index `files` (as [`build`] gave them), with its fingerprint if it has one:
/// `zoeken/index/` or `zoeken/index.3f9a1c2b7d4e/`.
pub(crate) fn folder(files: &[OutputFile]) -> Option<&str> {
    files.iter().find_map(|f| f.path.strip_suffix("meta.json"))
}

/// `bytes` gzipped, for a `.binz` file: a static server that gzips only text types sends the
/// `.bin` files as they are, so the build compresses them itself and the script inflates them
/// (`DecompressionStream`), reading the plain `.bin` where a browser cannot. The header has
/// no time or name: the same bytes give the same file.
fn gzip(bytes: &[u8], level: u32) -> Vec<u8> {
    use std::io::Write;
    let mut enc =
        flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 2 + 64), flate2::Compression::new(level));
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory")
}

/// A file of the index, by its path inside the index folder.
fn file(rel: String, bytes: Vec<u8>) -> OutputFile {
    OutputFile { path: rel, content: Content::Bytes(bytes) }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary and postings.

/// Every stem of the site in index order, with their term ids.
struct Vocabulary<'a> {
    /// Stems sorted by UTF-16 code units, the order JavaScript compares strings in.
    stems: Vec<&'a str>,
    /// The term id of each stem in `stems`.
    ids: Vec<u32>,
    /// How many term ids there are (the first, which is no stem, included).
    id_count: usize,
}

impl<'a> Vocabulary<'a> {
    /// `by_id` is every stem by term id, but for the first, which is no stem.
    fn new(by_id: &'a [Box<str>]) -> Vocabulary<'a> {
        let mut order: Vec<(&str, u32)> = by_id.iter().enumerate().skip(1).map(|(id, s)| (&**s, id as u32)).collect();
        // UTF-8 bytes sort like UTF-16 code units unless a character of U+E000..U+FFFF meets
        // one above U+FFFF; both start with a byte of 0xEE or more.
        if by_id.iter().any(|s| s.bytes().any(|b| b >= 0xee)) {
            order.par_sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
        } else {
            order.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
        }
        let (stems, ids) = order.into_iter().unzip();
        Vocabulary { stems, ids, id_count: by_id.len() }
    }

    /// Per stem, its encoded posting list: n, n page ids as gaps, n impact bytes. A page is
    /// also in the lists of the parts of its compounds (see `compound.rs`).
    fn postings(&self, pages: &[PageTerms], parts: &Parts, titles: &[Vec<u32>]) -> Vec<Vec<u8>> {
        let total_len: u64 = pages.iter().map(|p| u64::from(p.body_len)).sum();
        let avg_len = (total_len as f64 / pages.len().max(1) as f64).max(1.0);
        // Each share of consecutive pages lays out its postings by term (a counting sort);
        // concatenating the shares' runs of a term then gives its list in page order.
        let per_share = pages.len().div_ceil(rayon::current_num_threads() * 2).max(256);
        let shares: Vec<SharePostings> = pages
            .par_chunks(per_share)
            .enumerate()
            .map(|(n, share)| SharePostings::new(self.id_count, share, n * per_share, avg_len, parts, titles))
            .collect();
        self.ids
            .par_iter()
            .map(|&id| {
                let n: usize = shares.iter().map(|sh| sh.range(id).len()).sum();
                let mut out = Vec::with_capacity(n * 2 + 8);
                push_varint(&mut out, n as u32);
                let mut last = 0;
                for sh in &shares {
                    for &p in &sh.postings[sh.range(id)] {
                        push_varint(&mut out, (p >> 8) - last);
                        last = p >> 8;
                    }
                }
                for sh in &shares {
                    out.extend(sh.postings[sh.range(id)].iter().map(|&p| p as u8));
                }
                out
            })
            .collect()
    }
}

/// The postings of a share of the pages, by term id: page id << 8 | impact byte.
struct SharePostings {
    /// Where each term's run starts in `postings`; one more than there are term ids.
    starts: Vec<u32>,
    postings: Vec<u32>,
}

/// Page ids must leave 8 bits of a `u32` for the impact byte.
const MAX_PAGES: usize = 1 << 24;

impl SharePostings {
    fn new(
        ids: usize,
        pages: &[PageTerms],
        first_page: usize,
        avg_len: f64,
        parts: &Parts,
        titles: &[Vec<u32>],
    ) -> SharePostings {
        assert!(first_page + pages.len() <= MAX_PAGES, "the search index holds at most {MAX_PAGES} pages");
        let mut scratch = vec![0u32; if parts.is_empty() { 0 } else { ids }];
        let expanded: Vec<Option<Vec<(u32, u8, u16)>>> = pages
            .iter()
            .enumerate()
            .map(|(i, p)| parts.expand(&p.terms, titles.get(first_page + i).map_or(&[], |t| t), &mut scratch))
            .collect();
        let terms_of = |i: usize| expanded[i].as_deref().unwrap_or(&pages[i].terms);
        let mut starts = vec![0u32; ids + 1];
        for i in 0..pages.len() {
            for &(t, _, _) in terms_of(i) {
                starts[t as usize + 1] += 1;
            }
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut postings = vec![0u32; starts[ids] as usize];
        for (i, p) in pages.iter().enumerate() {
            let page = ((first_page + i) as u32) << 8;
            let norm = BM25_K1 * (1.0 - BM25_B + BM25_B * f64::from(p.body_len) / avg_len);
            // Most terms occur a few times: each weight of this page is worked out once.
            let mut weights = [0u8; 16];
            for &(t, flags, tf) in terms_of(i) {
                let weight = match weights.get_mut(usize::from(tf)) {
                    Some(w) if *w != 0 => *w,
                    Some(w) => {
                        *w = body_weight(tf, norm);
                        *w
                    }
                    None => body_weight(tf, norm),
                };
                let at = &mut next[t as usize];
                postings[*at as usize] = page | u32::from(flags | weight);
                *at += 1;
            }
        }
        SharePostings { starts, postings }
    }

    fn range(&self, id: u32) -> std::ops::Range<usize> {
        self.starts[id as usize] as usize..self.starts[id as usize + 1] as usize
    }
}

/// The parts of every compound term, by term id (compressed rows: `starts` has one more entry
/// than there are term ids).
struct Parts {
    starts: Vec<u32>,
    parts: Vec<u32>,
}

impl Parts {
    fn new(by_term: FxMap<u32, Vec<u32>>, ids: usize) -> Parts {
        if by_term.is_empty() {
            return Parts { starts: Vec::new(), parts: Vec::new() };
        }
        let mut starts = vec![0u32; ids + 1];
        for (&t, p) in &by_term {
            starts[t as usize + 1] = p.len() as u32;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut parts = vec![0u32; starts[ids] as usize];
        for (&t, p) in &by_term {
            parts[starts[t as usize] as usize..starts[t as usize + 1] as usize].copy_from_slice(p);
        }
        Parts { starts, parts }
    }

    fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    fn of(&self, t: u32) -> &[u32] {
        &self.parts[self.starts[t as usize] as usize..self.starts[t as usize + 1] as usize]
    }

    /// A page's terms with the parts of its compounds added (`None`: it has no compound).
    /// A part takes the compound's fields and body count, added to its own where the page also
    /// writes the part; never [`IN_WHOLE_TITLE`], and a compound that is in an alias but not in
    /// the title (`title`: its term ids) makes its parts weigh as a heading, not a title: the
    /// term `Klantreis`, alias `cliëntreis`, is not about `cliënt`, while the theme
    /// `Cultuursensitieve jeugdhulp` is about `jeugd`. `scratch` is all zeros, one per term id, and
    /// is left so.
    fn expand(&self, terms: &[(u32, u8, u16)], title: &[u32], scratch: &mut [u32]) -> Option<Vec<(u32, u8, u16)>> {
        if self.is_empty() || terms.iter().all(|&(t, _, _)| self.of(t).is_empty()) {
            return None;
        }
        let part_flags = |t: u32, f: u8| {
            let f = f & !IN_WHOLE_TITLE;
            if f & IN_TITLE != 0 && !title.contains(&t) { (f & !IN_TITLE) | IN_HEADING } else { f }
        };
        let mut out = terms.to_vec();
        for (i, &(t, _, _)) in terms.iter().enumerate() {
            scratch[t as usize] = i as u32 + 1;
        }
        for &(t, flags, tf) in terms {
            for &p in self.of(t) {
                match scratch[p as usize] {
                    0 => {
                        out.push((p, part_flags(t, flags), tf));
                        scratch[p as usize] = out.len() as u32;
                    }
                    k => {
                        let e = &mut out[k as usize - 1];
                        e.1 |= part_flags(t, flags);
                        e.2 = e.2.saturating_add(tf);
                    }
                }
            }
        }
        for &(t, _, _) in &out {
            scratch[t as usize] = 0;
        }
        Some(out)
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
fn glossary(site: &Site, terms: &SiteTerms) -> Vec<GlossaryEntry> {
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
            let stems = terms.of(name);
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

/// The shortest written word that typo correction looks at (see `search-core.js`).
const MIN_TYPO_CHARS: usize = 5;

/// Per stem, the words as written (normalised) that have it, where they differ from it and are
/// long enough for typo correction: a typo is measured against the word as a reader types it,
/// not only against the stem (`ervaringsdeskundigne` is one edit from `ervaringsdeskundigen`,
/// three from the stem `ervaringsdeskund`). Only those whose first two characters are the
/// stem's, so each lives in its stem's vocabulary chunk.
fn forms_by_stem(terms: &SiteTerms) -> HashMap<&str, Vec<&str>> {
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    for (word, &id) in terms.of_word() {
        let stem = &*terms.stems[id as usize];
        if id != analyse::STOP
            && **word != *stem
            && word.chars().count() >= MIN_TYPO_CHARS
            && chunk_key(word) == chunk_key(stem)
        {
            out.entry(stem).or_default().push(word);
        }
    }
    for forms in out.values_mut() {
        forms.sort_unstable();
    }
    out
}

/// A stem as written to a chunk: stem, pages, posting file, offset and, when it has any, the
/// written forms that differ from it.
#[derive(Serialize)]
struct VocabEntry<'a>(&'a str, usize, u32, u32, #[serde(skip_serializing_if = "<[_]>::is_empty")] &'a [&'a str]);

#[derive(Serialize)]
struct VocabChunk<'a> {
    /// [stem, pages, posting file, offset, forms?]
    w: Vec<VocabEntry<'a>>,
    /// [phrase, terms, alternatives, names of the alternatives]
    g: Vec<GlossaryRow<'a>>,
}

/// Cuts the sorted vocabulary into chunks at two-letter boundaries; gives the first key of each
/// chunk and the chunks' JSON.
fn vocab_chunks<'a>(
    vocab: &'a Vocabulary,
    postings: &[Vec<u8>],
    locations: &[(u32, u32)],
    glossary: &[GlossaryEntry],
    forms: &'a HashMap<&'a str, Vec<&'a str>>,
) -> (Vec<String>, Vec<Vec<u8>>) {
    let mut keys: Vec<String> = Vec::new();
    let mut chunks: Vec<VocabChunk<'_>> = Vec::new();
    let mut chunk_of_key: HashMap<&str, usize> = HashMap::new();
    let mut size = 0;
    let mut i = 0;
    while i < vocab.stems.len() {
        let key = chunk_key(vocab.stems[i]);
        let group_end = i + vocab.stems[i..].iter().take_while(|s| chunk_key(s) == key).count();
        if chunks.is_empty() || size >= VOCAB_CHUNK_BYTES {
            keys.push(key.to_string());
            chunks.push(VocabChunk { w: Vec::new(), g: Vec::new() });
            size = 0;
        }
        let chunk = chunks.last_mut().unwrap();
        for s in i..group_end {
            let (file, offset) = locations[s];
            let f = forms.get(vocab.stems[s]).map_or(&[][..], |f| &f[..]);
            chunk.w.push(VocabEntry(vocab.stems[s], list_len(&postings[s]), file, offset, f));
            size += vocab.stems[s].len() + 20 + f.iter().map(|w| w.len() + 3).sum::<usize>();
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

fn facet_values(page: &Page, key: FacetKey) -> &[String] {
    match key {
        FacetKey::Kind => &[],
        FacetKey::Field(field) => page.taxonomy_values(field),
    }
}

/// The URL value of a kind in the search page's `soort=` parameter: its folder name.
pub(crate) fn kind_slug(kind: Kind) -> &'static str {
    kind.folder().unwrap_or(crate::layout::ARTICLES)
}

fn facets(site: &Site) -> Vec<Facet> {
    FACETS
        .iter()
        .map(|&key| {
            // Values by slug: (slug, name, pages); the name is the taxonomy's display name when
            // the site has that taxonomy, else the first spelling met. Each spelling is looked
            // up (and slugified) once.
            let mut values: Vec<(String, String, Vec<u32>)> = Vec::new();
            if key == FacetKey::Kind {
                // Kinds keep their fixed order; their slug is the folder name.
                for kind in Kind::ALL {
                    let pages: Vec<u32> = site.pages_of(kind).map(|p| p.id as u32).collect();
                    if !pages.is_empty() {
                        values.push((kind_slug(kind).to_string(), kind.name().to_string(), pages));
                    }
                }
            } else {
                let mut of_spelling: HashMap<&str, Option<usize>> = HashMap::new();
                let mut of_slug: HashMap<String, usize> = HashMap::new();
                for page in &site.pages {
                    for value in facet_values(page, key) {
                        let v = *of_spelling.entry(value.as_str()).or_insert_with(|| {
                            let slug = slugify(value);
                            if slug.is_empty() {
                                return None;
                            }
                            Some(*of_slug.entry(slug.clone()).or_insert_with(|| {
                                values.push((slug, display_name(site, key, value), Vec::new()));
                                values.len() - 1
                            }))
                        });
                        if let Some(v) = v
                            && values[v].2.last() != Some(&(page.id as u32))
                        {
                            values[v].2.push(page.id as u32);
                        }
                    }
                }
                values.sort_by_cached_key(|v| (crate::model::title_key(&v.1), v.0.clone()));
            }
            let (values, pages) =
                values.into_iter().map(|(slug, name, pages)| (FacetValue { name, slug }, pages)).unzip();
            Facet { key: key.key(), values, pages }
        })
        .chain(origin_facet(site))
        .collect()
}

/// The facet of a site with a base: its local pages, the one value `lokaal`, which the search
/// page offers as a filter and ranks a little higher (search-core.js, `F_LOCAL`). A site without
/// a base has no such facet, so its index stays as it was.
fn origin_facet(site: &Site) -> Option<Facet> {
    if !site.layered {
        return None;
    }
    let local: Vec<u32> = site.pages.iter().filter(|p| p.is_local()).map(|p| p.id as u32).collect();
    let value = FacetValue { name: "lokaal".to_string(), slug: "lokaal".to_string() };
    Some(Facet { key: "origin", values: vec![value], pages: vec![local] })
}

fn display_name(site: &Site, key: FacetKey, value: &str) -> String {
    site.taxonomies
        .iter()
        .find(|t| FacetKey::Field(t.field) == key)
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

/// Per page, in id order, its date as one number that sorts as the date does
/// (year * 512 + month * 32 + day), or 0 for a page without one: for sorting by date, read
/// only when a reader asks for that order. A practice example with only a `year` counts as
/// that year's start (month and day 0).
fn encode_dates(site: &Site) -> Vec<u8> {
    let mut out = Vec::with_capacity(site.pages.len() * 3);
    for page in &site.pages {
        let year_only = page.practice().and_then(|p| p.year).and_then(|y| u32::try_from(y).ok()).filter(|&y| y < 8192);
        let n = match page.date {
            Some(d) => u32::from(d.year) * 512 + u32::from(d.month) * 32 + u32::from(d.day),
            None => year_only.map_or(0, |y| y * 512),
        };
        push_varint(&mut out, n);
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
    /// The stemmer and stop words of the terms; `None` (left out) for Dutch.
    #[serde(skip_serializing_if = "Option::is_none")]
    stemmer: Option<&'static str>,
}

/// The `stemmer` of `meta.json`: left out for Dutch (see the module documentation).
fn stemmer_field(language: &Language) -> Option<&'static str> {
    match language.stemmer() {
        Some(Stemmer::Dutch) => None,
        Some(s) => Some(s.name()),
        None => Some("none"),
    }
}

/// What a result shows of a page, before its own HTML arrives: title, path, kind and a
/// term's definition (for the glossary box). Whether it is a local page (its "In onze
/// gemeente" badge) is not repeated here: the script reads it from the `origin` facet.
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
