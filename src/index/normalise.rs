//! The one definition of a search term, shared by the index (here) and the browser
//! (`themes/default/static/js/search-core.js`). The two must agree to the letter, or a word
//! that is in the index cannot be found; `tests/search/vectors.tsv` proves it: the Rust unit
//! test and the Node test both run every line of it.
//!
//! A text becomes terms in four steps:
//! 1. lower case, Unicode compatibility decomposition (NFKD) with the combining marks removed,
//!    lower case again (NFKD can give capitals: `™` → `TM`), final sigma folded to sigma:
//!    `Cliënt` → `client`, `ﬁ` → `fi`;
//! 2. words are runs of letters and digits (Unicode Alphabetic or Numeric). Words joined by
//!    hyphens also give their concatenation, so `e-learning` is found as `elearning` too and
//!    `ik-cultuur` keeps its meaning after the stop word `ik` is dropped. Words of one character
//!    and words of more than 40 are left out;
//! 3. the site language's stop words (Snowball's list) are dropped;
//! 4. words made of the letters a-z only are stemmed with the language's Snowball stemmer
//!    (Dutch: `werken`, `werkt` → `werk`; English: `running`, `runs` → `run`); others
//!    (digits, other scripts) stay as they are, so that the stemmer never sees a character
//!    whose length differs between UTF-8 and UTF-16. A language without a stemmer keeps every
//!    word as it is (see [`Language`]).
//!
//! Steps 1 and 2 are the same in every language; steps 3 and 4 are [`Language::term`].

use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::language::Language;

/// Words shorter than this (in characters) are not indexed.
pub(crate) const MIN_WORD_CHARS: usize = 2;
/// Words longer than this (in characters) are not indexed: they are URLs or noise.
pub(crate) const MAX_WORD_CHARS: usize = 40;

/// Calls `f` with each normalised word of `text` (steps 1 and 2), in order; a hyphenated
/// chain's concatenation comes right after its last part.
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    for_each_word_head(text, &mut |w: &[u8], _| f(std::str::from_utf8(w).expect("words are UTF-8")));
}

/// The first 16 bytes of a word as two little-endian numbers, zero-padded. No word has a zero
/// byte, so a word of up to 16 bytes is all in its head (the index hashes it).
pub(crate) type Head = [u64; 2];

/// Receives the words of a text, in order, with their [`Head`]s. A closure is one; the
/// index's hot loop implements it with an `#[inline(always)]` method, so that the lookup of
/// each word is compiled into the splitter's loop.
pub(crate) trait WordSink {
    fn word(&mut self, word: &[u8], head: Head);
}

impl<F: FnMut(&[u8], Head)> WordSink for F {
    fn word(&mut self, word: &[u8], head: Head) {
        self(word, head);
    }
}

/// Bytes classified at once by [`for_each_word_head`].
const BLOCK: usize = 64;

/// [`for_each_word`] with each word as UTF-8 bytes and its [`Head`]: the index's hot loop,
/// as it reads every word of the site. Most words are ASCII letters and digits between ASCII
/// separators; they are found 64 bytes at a time from bit masks ([`classify`]) and given
/// straight from the text, capitals lower-cased on the way. Hyphenated words and words with
/// accented Latin letters are folded to ASCII by [`fold_run`]; anything else (other scripts,
/// separators beyond ASCII) goes through the general splitter ([`scan`]), which uses a table
/// for the Latin letters below U+0250 and the Unicode functions only for other scripts.
pub(crate) fn for_each_word_head(text: &str, f: &mut impl WordSink) {
    let bytes = text.as_bytes();
    let mut words = Words::new();
    let mut i = 0;
    // A block is read only while every word that starts in it has 16 bytes to read its head.
    while i + BLOCK + 16 <= bytes.len() {
        let block: &[u8; BLOCK] = bytes[i..i + BLOCK].try_into().expect("a block");
        let (alnum, other) = classify(block);
        let in_word = alnum | other;
        // No word is open where a block starts (it starts between words or at a word's first
        // byte), so its word starts and ends pair up in order; a word that ends at the block's
        // end or later has no end bit. Walking the two masks keeps the loop's dependency chain
        // to one instruction a word (measured: the splitter 12 % faster than finding each end
        // from its start).
        let mut starts = in_word & !(in_word << 1);
        let mut ends = !in_word & (in_word << 1);
        i = loop {
            if starts == 0 {
                break i + BLOCK;
            }
            let start = starts.trailing_zeros();
            if ends == 0 {
                // The word may go on in the next block: read that from the word's start.
                break if start > 0 { i + start as usize } else { scan(text, i, &mut words, f, true) };
            }
            let end = ends.trailing_zeros();
            starts &= starts - 1;
            ends &= ends - 1;
            let (at, len) = (i + start as usize, (end - start) as usize);
            if (other >> start) & ((1 << len) - 1) == 0 {
                // ASCII letters and digits only: lower case is one bit, which digits have set.
                if (MIN_WORD_CHARS..=MAX_WORD_CHARS).contains(&len) {
                    let mut head = head_at(bytes, at, len);
                    head[0] |= CASE_BITS & FIRST_BYTES[len.min(8)];
                    head[1] |= CASE_BITS & FIRST_BYTES[len.saturating_sub(8).min(8)];
                    let word = &bytes[at..at + len];
                    if len <= 16 {
                        let mut lower = [0u8; 16];
                        lower[..8].copy_from_slice(&head[0].to_le_bytes());
                        lower[8..].copy_from_slice(&head[1].to_le_bytes());
                        f.word(&lower[..len], head);
                    } else if word.iter().any(u8::is_ascii_uppercase) {
                        let mut lower = [0u8; MAX_WORD_CHARS];
                        for (l, &b) in lower.iter_mut().zip(word) {
                            *l = b.to_ascii_lowercase();
                        }
                        f.word(&lower[..len], head);
                    } else {
                        f.word(word, head);
                    }
                }
                continue;
            }
            // A hyphen, or characters beyond ASCII: most such runs are hyphenated words and
            // words with accented Latin letters, which are folded to ASCII here; the general
            // splitter reads the others, until it is back between words (maybe in a later
            // block).
            if fold_run(&text[at..at + len], f) {
                continue;
            }
            let next = scan(text, at, &mut words, f, true);
            if next - i < BLOCK {
                // The general splitter stops after the word's run, or inside it after a
                // separator beyond ASCII (a no-break space): then the rest is a run of its own.
                let p = (next - i) as u32;
                if p < end {
                    starts |= 1 << p;
                    ends |= 1 << end;
                }
            } else {
                break next;
            }
        };
    }
    scan(text, i, &mut words, f, false);
}

/// The bit that makes an ASCII letter lower case, in every byte.
const CASE_BITS: u64 = 0x2020_2020_2020_2020;
/// `FIRST_BYTES[n]` keeps the first `n` bytes of a little-endian number.
const FIRST_BYTES: [u64; 9] = {
    let mut t = [u64::MAX; 9];
    let mut n = 0;
    while n < 8 {
        t[n] = (1u64 << (8 * n)) - 1;
        n += 1;
    }
    t
};

/// Bit masks of a block: bytes that are ASCII letters or digits (`alnum`), and bytes that
/// can be part of a word but need the general splitter (`other`: `-` and the bytes of
/// non-ASCII characters). Every other byte separates words.
#[cfg(target_arch = "x86_64")]
fn classify(block: &[u8; BLOCK]) -> (u64, u64) {
    // SAFETY: SSE2 is part of every x86_64 processor, so the function's target feature is
    // always there. (This is the crate's only `unsafe`: the SSE2 compare and mask
    // instructions classify a block about twice as fast as `classify_words` does.)
    unsafe { classify_sse2(block) }
}

#[cfg(not(target_arch = "x86_64"))]
fn classify(block: &[u8; BLOCK]) -> (u64, u64) {
    classify_words(block)
}

/// [`classify`] with SSE2, 16 bytes at a time.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn classify_sse2(block: &[u8; BLOCK]) -> (u64, u64) {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set_epi64x,
        _mm_set1_epi8, _mm_setzero_si128,
    };
    let mut alnum = 0u64;
    let mut other = 0u64;
    for (k, chunk) in block.chunks_exact(16).enumerate() {
        let lo = u64::from_le_bytes(chunk[..8].try_into().expect("8 bytes"));
        let hi = u64::from_le_bytes(chunk[8..].try_into().expect("8 bytes"));
        let v = _mm_set_epi64x(hi as i64, lo as i64);
        // Compares are signed: bytes of non-ASCII characters are negative, in no range.
        let within = |v, m: u8, n: u8| {
            _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(m as i8 - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8(n as i8 + 1)))
        };
        let folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
        let a = _mm_or_si128(within(folded, b'a', b'z'), within(v, b'0', b'9'));
        let o = _mm_or_si128(_mm_cmplt_epi8(v, _mm_setzero_si128()), _mm_cmpeq_epi8(v, _mm_set1_epi8(b'-' as i8)));
        alnum |= u64::from(_mm_movemask_epi8(a) as u16) << (16 * k);
        other |= u64::from(_mm_movemask_epi8(o) as u16) << (16 * k);
    }
    (alnum, other)
}

/// [`classify`] eight bytes at a time in 64-bit words, on any processor.
#[cfg_attr(all(target_arch = "x86_64", not(test)), allow(dead_code))]
fn classify_words(block: &[u8; BLOCK]) -> (u64, u64) {
    const fn splat(b: u8) -> u64 {
        u64::from_ne_bytes([b; 8])
    }
    let mut alnum = 0u64;
    let mut other = 0u64;
    for (k, chunk) in block.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let high = x & splat(0x80);
        let ascii = x & splat(0x7f);
        // Per byte of `ascii`, the top bit of `ascii + (0x80 - m)` is set when the byte is at
        // least m, and no byte carries into the next.
        let at_least = |v: u64, m: u8| v + splat(0x80 - m);
        let between = |v: u64, m: u8, n: u8| at_least(v, m) & !at_least(v, n + 1);
        let letter = between(ascii | CASE_BITS, b'a', b'z');
        let a = (letter | between(ascii, b'0', b'9')) & !high & splat(0x80);
        let o = (high | between(ascii, b'-', b'-')) & splat(0x80);
        alnum |= gather(a) << (8 * k);
        other |= gather(o) << (8 * k);
    }
    (alnum, other)
}

/// The top bits of the eight bytes of `m` (the others clear) as eight bits, first byte lowest.
fn gather(m: u64) -> u64 {
    (m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// The [`Head`] of the word of `len` bytes at `start` in `bytes`.
fn head_at(bytes: &[u8], start: usize, len: usize) -> Head {
    match bytes.get(start..start + 16) {
        Some(w) => {
            let a = u64::from_le_bytes(w[..8].try_into().expect("8 bytes"));
            let b = u64::from_le_bytes(w[8..].try_into().expect("8 bytes"));
            [a & FIRST_BYTES[len.min(8)], b & FIRST_BYTES[len.saturating_sub(8).min(8)]]
        }
        None => {
            let w = &bytes[start..start + len];
            [load(w), w.get(8..).map_or(0, load)]
        }
    }
}

/// Up to 8 bytes as a little-endian number.
fn load(bytes: &[u8]) -> u64 {
    let mut v = 0u64;
    for (i, &b) in bytes.iter().take(8).enumerate() {
        v |= u64::from(b) << (8 * i);
    }
    v
}

/// The general splitter, from byte `i` of `text` where no word or chain is open. With
/// `until_clean`, stops where none is open again after a word (at a separator) and gives that
/// position; otherwise goes to the end of the text.
fn scan(text: &str, mut i: usize, words: &mut Words, f: &mut impl WordSink, until_clean: bool) -> usize {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let from = i;
    // Kept in a local so that the fast path below runs from registers.
    let mut clean = true;
    while i < len {
        let b = bytes[i];
        if clean {
            if until_clean && i > from {
                return i;
            }
            // Between words, outside any chain: skip plain separators and take plain words
            // (lower-case ASCII letters and digits ending in a plain separator) directly.
            if is_plain_separator(b) {
                i += 1;
                continue;
            }
            if is_plain_letter(b) {
                let end = i + 1 + bytes[i + 1..].iter().position(|&c| !is_plain_letter(c)).unwrap_or(len - i - 1);
                if end == len || is_plain_separator(bytes[end]) {
                    if (MIN_WORD_CHARS..=MAX_WORD_CHARS).contains(&(end - i)) {
                        f.word(&bytes[i..end], head_at(bytes, i, end - i));
                    }
                    i = end;
                    continue;
                }
            }
        }
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                // A plain word outside any chain was taken above; this one has capitals, or
                // is part of a hyphenated chain or of a word that goes on beyond ASCII.
                let end = i + 1 + bytes[i + 1..].iter().position(|c| !c.is_ascii_alphanumeric()).unwrap_or(len - i - 1);
                words.start_or_continue(f);
                for &c in &bytes[i..end] {
                    words.word.push_byte(c.to_ascii_lowercase());
                }
                i = end;
                clean = words.is_clean();
                continue;
            } else {
                words.separator(b == b'-', f);
            }
            i += 1;
        } else {
            let c = text[i..].chars().next().expect("a char starts here");
            i += c.len_utf8();
            if (c as u32) < LATIN_END {
                for d in LATIN[c as usize - 0x80].chars() {
                    words.push(d, f);
                }
            } else {
                normalise_char(c, |d| words.push(d, f));
            }
        }
        clean = words.is_clean();
    }
    words.finish(f);
    len
}

const LATIN_END: u32 = 0x250;

/// Runs of word bytes that [`fold_run`] takes, at most: a chain of a few long words.
const FOLD_MAX: usize = 4 * MAX_WORD_CHARS;

/// Gives the words of `run`, a run of ASCII letters, digits, hyphens and non-ASCII characters
/// between two separators, exactly as [`scan`] would, when each of its non-ASCII characters is
/// a Latin letter that step 1 turns into one ASCII letter (`ë` → `e`); returns false, having
/// given nothing, for any other run.
fn fold_run(run: &str, f: &mut impl WordSink) -> bool {
    if run.len() > FOLD_MAX {
        return false;
    }
    // Step 1: lower-case ASCII letters, digits and hyphens, one byte a character.
    let mut folded = [0u8; FOLD_MAX];
    let mut n = 0;
    for c in run.chars() {
        folded[n] = match c {
            c if c.is_ascii() => c.to_ascii_lowercase() as u8,
            c => match LATIN_FOLD.get(c as usize - 0x80) {
                Some(&a) if a != 0 => a,
                _ => return false,
            },
        };
        n += 1;
    }
    // Step 2 as `Words` does it: each part between hyphens is a word, and parts joined by
    // single hyphens also give their concatenation, right after the last part.
    let folded = &folded[..n];
    let mut give = |w: &[u8]| {
        if (MIN_WORD_CHARS..=MAX_WORD_CHARS).contains(&w.len()) {
            f.word(w, head_at(w, 0, w.len()));
        }
    };
    let mut chain = [0u8; FOLD_MAX];
    let (mut chain_bytes, mut chain_parts) = (0, 0);
    let mut from = 0;
    for (k, &b) in folded.iter().chain(std::iter::once(&b' ')).enumerate() {
        if b != b'-' && b != b' ' {
            continue;
        }
        let part = &folded[from..k];
        from = k + 1;
        if !part.is_empty() {
            give(part);
            if b == b'-' || chain_parts > 0 {
                chain[chain_bytes..chain_bytes + part.len()].copy_from_slice(part);
                chain_bytes += part.len();
                chain_parts += 1;
            }
        }
        // A chain ends at the end of the run, and at a hyphen at its start, after a hyphen or
        // at its end (an empty part).
        if part.is_empty() || b == b' ' {
            if chain_parts >= 2 {
                give(&chain[..chain_bytes]);
            }
            (chain_bytes, chain_parts) = (0, 0);
        }
    }
    true
}

/// Per character U+0080..U+0250: the ASCII letter that step 1 turns it into, when it is one
/// ASCII letter (`ë` → `e`), else 0. Made from [`LATIN`], so the two cannot disagree.
static LATIN_FOLD: LazyLock<Vec<u8>> = LazyLock::new(|| {
    LATIN
        .iter()
        .map(|s| match s.as_bytes() {
            [b] if b.is_ascii_lowercase() => *b,
            _ => 0,
        })
        .collect()
});

/// Lower-case ASCII letters and digits: a word made of these alone is already normalised.
fn is_plain_letter(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// ASCII that ends a word without joining words: everything but letters, digits and `-`.
fn is_plain_separator(b: u8) -> bool {
    b < 0x80 && !b.is_ascii_alphanumeric() && b != b'-'
}

/// Step 1 for U+0080..U+0250, computed once by [`normalise_char`].
static LATIN: LazyLock<Vec<String>> = LazyLock::new(|| {
    (0x80..LATIN_END)
        .map(|c| {
            let mut out = String::new();
            normalise_char(char::from_u32(c).expect("a scalar value"), |d| out.push(d));
            out
        })
        .collect()
});

/// Step 1 for one non-ASCII character.
fn normalise_char(c: char, mut f: impl FnMut(char)) {
    for lower in c.to_lowercase() {
        for d in lower.nfkd() {
            if is_combining_mark(d) {
                continue;
            }
            for d in d.to_lowercase() {
                f(if d == 'ς' { 'σ' } else { d });
            }
        }
    }
}

/// The terms of `text` (all four steps) in `language`, in order.
pub fn terms(text: &str, language: &Language) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| {
        if let Some(t) = language.term(w) {
            out.push(t.into_owned());
        }
    });
    out
}

/// Text of at most [`MAX_WORD_CHARS`] characters; longer text is counted, not kept (it is
/// never emitted).
struct Buf {
    bytes: [u8; MAX_WORD_CHARS * 4],
    len: usize,
    chars: usize,
}

impl Buf {
    fn new() -> Buf {
        Buf { bytes: [0; MAX_WORD_CHARS * 4], len: 0, chars: 0 }
    }

    fn push_byte(&mut self, b: u8) {
        if self.chars < MAX_WORD_CHARS {
            self.bytes[self.len] = b;
            self.len += 1;
        }
        self.chars += 1;
    }

    fn push(&mut self, c: char) {
        if self.chars < MAX_WORD_CHARS {
            self.len += c.encode_utf8(&mut self.bytes[self.len..]).len();
        }
        self.chars += 1;
    }

    fn append(&mut self, other: &Buf) {
        if self.chars + other.chars <= MAX_WORD_CHARS {
            self.bytes[self.len..self.len + other.len].copy_from_slice(&other.bytes[..other.len]);
            self.len += other.len;
        }
        self.chars += other.chars;
    }

    fn fits(&self) -> bool {
        (MIN_WORD_CHARS..=MAX_WORD_CHARS).contains(&self.chars)
    }

    fn clear(&mut self) {
        self.len = 0;
        self.chars = 0;
    }
}

/// The word splitter's state: the word being read and the hyphenated chain it may belong to.
struct Words {
    word: Buf,
    chain: Buf,
    chain_len: usize,
    after_hyphen: bool,
}

impl Words {
    fn new() -> Words {
        Words { word: Buf::new(), chain: Buf::new(), chain_len: 0, after_hyphen: false }
    }

    /// No word being read, no chain, no hyphen pending: a plain word here is just itself.
    fn is_clean(&self) -> bool {
        self.word.chars == 0 && self.chain_len == 0 && !self.after_hyphen
    }

    /// Before a letter or digit: a word that does not follow a hyphen ends the chain.
    fn start_or_continue(&mut self, f: &mut impl WordSink) {
        if self.word.chars == 0 && !self.after_hyphen {
            self.end_chain(f);
        }
        self.after_hyphen = false;
    }

    fn push(&mut self, c: char, f: &mut impl WordSink) {
        if c.is_alphanumeric() {
            self.start_or_continue(f);
            self.word.push(c);
        } else {
            self.separator(c == '-', f);
        }
    }

    fn separator(&mut self, hyphen: bool, f: &mut impl WordSink) {
        if self.word.chars > 0 {
            self.end_word(hyphen, f);
            if hyphen {
                self.after_hyphen = true;
            } else {
                self.end_chain(f);
            }
        } else {
            self.end_chain(f);
        }
    }

    /// Emits the word; keeps it for the chain when a hyphen follows or precedes it.
    fn end_word(&mut self, hyphen_follows: bool, f: &mut impl WordSink) {
        if self.word.fits() {
            f.word(&self.word.bytes[..self.word.len], head_at(&self.word.bytes, 0, self.word.len));
        }
        if hyphen_follows || self.chain_len > 0 {
            self.chain.append(&self.word);
            self.chain_len += 1;
        }
        self.word.clear();
    }

    fn end_chain(&mut self, f: &mut impl WordSink) {
        if self.chain_len >= 2 && self.chain.fits() {
            f.word(&self.chain.bytes[..self.chain.len], head_at(&self.chain.bytes, 0, self.chain.len));
        }
        self.chain.clear();
        self.chain_len = 0;
        self.after_hyphen = false;
    }

    fn finish(&mut self, f: &mut impl WordSink) {
        if self.word.chars > 0 {
            self.end_word(false, f);
        }
        self.end_chain(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(text, |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn diacritics_and_case_go() {
        assert_eq!(words("Cliënt, ÁLLE financiële"), ["client", "alle", "financiele"]);
        assert_eq!(words("ﬁets ™"), ["fiets", "tm"]);
    }

    #[test]
    fn hyphenated_words_also_count_joined() {
        assert_eq!(words("e-learning"), ["learning", "elearning"]);
        assert_eq!(
            words("ik-cultuur en wij-culturen"),
            ["ik", "cultuur", "ikcultuur", "en", "wij", "culturen", "wijculturen"]
        );
        assert_eq!(words("Sittard-Geleen - Heerlen"), ["sittard", "geleen", "sittardgeleen", "heerlen"]);
        assert_eq!(words("a -b"), Vec::<String>::new());
    }

    /// The rule of steps 1 and 2 written plainly, char by char with Unicode functions, to
    /// check the byte-level splitter against.
    fn reference_words(text: &str) -> Vec<String> {
        let normalised: String = text
            .chars()
            .flat_map(|c| c.to_lowercase())
            .flat_map(|c| c.to_string().nfkd().collect::<Vec<_>>())
            .filter(|c| !is_combining_mark(*c))
            .flat_map(|c| c.to_lowercase())
            .map(|c| if c == 'ς' { 'σ' } else { c })
            .collect();
        let fits = |w: &str| (MIN_WORD_CHARS..=MAX_WORD_CHARS).contains(&w.chars().count());
        let mut out = Vec::new();
        // Chains of words joined by single hyphens.
        let mut chain: Vec<String> = Vec::new();
        let mut word = String::new();
        let mut prev_hyphen = false;
        let flush_chain = |chain: &mut Vec<String>, out: &mut Vec<String>| {
            if chain.len() >= 2 {
                let joined = chain.concat();
                if fits(&joined) {
                    out.push(joined);
                }
            }
            chain.clear();
        };
        for c in normalised.chars().chain(std::iter::once(' ')) {
            if c.is_alphanumeric() {
                if word.is_empty() && !prev_hyphen {
                    flush_chain(&mut chain, &mut out);
                }
                prev_hyphen = false;
                word.push(c);
            } else if !word.is_empty() {
                if fits(&word) {
                    out.push(word.clone());
                }
                if c == '-' || !chain.is_empty() {
                    chain.push(std::mem::take(&mut word));
                }
                word.clear();
                if c == '-' {
                    prev_hyphen = true;
                } else {
                    flush_chain(&mut chain, &mut out);
                }
            } else {
                prev_hyphen = false;
                flush_chain(&mut chain, &mut out);
            }
        }
        out
    }

    #[test]
    fn the_byte_splitter_follows_the_plain_rule() {
        let texts = [
            "De cliënt (en zijn familie) werkt\tmet e-learning; zie www.pharos.nl/over-ons.",
            "Súdwest-Fryslân, 's-Hertogenbosch en ΟΔΟΣ: a-b -c d- ﬁets™ x\u{a0}y",
            &format!("{} {}-{} kort", "a".repeat(41), "b".repeat(30), "c".repeat(30)),
            "GGZ, Wmo en de Participatiewet.\r\nNieuwe regel--dubbel - los",
            "Coördineert álle financiële casuïstiek, ½ jaar, ©2024, Æble ŒUVRE ǅemal ɐ ʃ ’s “cliënt” — ok",
            &format!("{}é {}-{}", "é".repeat(40), "ø".repeat(39), "x".repeat(3)),
            "x\u{fe63}y ab\u{ff0d}cd İstanbul ẞ",
        ];
        for text in texts {
            assert_eq!(words(text), reference_words(text), "{text}");
        }
    }

    #[test]
    fn both_block_classifiers_agree() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..2000 {
            let mut block = [0u8; BLOCK];
            for b in &mut block {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                *b = (state >> 24) as u8;
            }
            assert_eq!(classify(&block), classify_words(&block));
        }
        let all: Vec<u8> = (0..=255).collect();
        for chunk in all.chunks(BLOCK) {
            let block: &[u8; BLOCK] = chunk.try_into().unwrap();
            assert_eq!(classify(block), classify_words(block));
        }
    }

    /// Long texts, so that words start and end everywhere in the 64-byte blocks of the fast
    /// path, at its edges and across them, mixed with everything that needs the general
    /// splitter.
    #[test]
    fn the_block_splitter_follows_the_plain_rule_on_long_texts() {
        let pieces = [
            "de",
            "werk",
            "cultuursensitieve",
            "samenwerkingsverbanden",
            "2024",
            "a",
            "x1",
            "Het",
            "GGZ",
            "WMO-loket",
            "e-learning",
            "cliënt",
            "Coördineert",
            "álle",
            "ΟΔΟΣ",
            "ﬁets",
            "sittard-geleen-heerlen",
            "-",
            "--",
            "ab-",
            "-cd",
            "’s",
            "x\u{a0}y",
            &"a".repeat(41),
            &"b".repeat(40),
            &"c".repeat(70),
            &"D".repeat(20),
            "Ab1Cd2",
            "ab--cd-ef",
            "Één-twee-drie",
            "naïef",
            "x-ĳs",
            "ɐ-b",
            "zeɪ",
            "ab-cd-ef-gh-ij-kl-mn-op-qr-st-uv-wx-yz",
            "mét",
        ];
        let seps = [" ", " ", " ", ", ", ". ", "\n", " (", ") ", "/", "'", " – ", ""];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..400 {
            let mut text = String::new();
            let len = 80 + next(400);
            while text.len() < len {
                text.push_str(pieces[next(pieces.len())]);
                text.push_str(seps[next(seps.len())]);
            }
            assert_eq!(words(&text), reference_words(&text), "{text:?}");
        }
    }

    #[test]
    fn dutch_stems() {
        let terms = |text| terms(text, &Language::for_tag("nl"));
        // Snowball Dutch strips inflection endings, not the -t of verbs or the ge- of participles.
        assert_eq!(terms("werken werkt gewerkt"), ["werk", "werkt", "gewerkt"]);
        assert_eq!(terms("De statushouders en de statushouder"), ["statushouder", "statushouder"]);
        assert_eq!(terms("sleutelpersonen"), ["sleutelperson"]);
        assert_eq!(terms("Cliënten cliënt"), ["client", "client"]);
        assert_eq!(terms("GGZ 2024"), ["ggz", "2024"]);
    }

    #[test]
    fn english_stems_and_stop_words() {
        let terms = |text| terms(text, &Language::for_tag("en"));
        assert_eq!(terms("The runner runs; running ran"), ["runner", "run", "run", "ran"]);
        assert_eq!(terms("Cities and their citizens"), ["citi", "citizen"]);
        // The same text in Dutch keeps `the` and stems otherwise.
        assert_eq!(super::terms("The runs running", &Language::for_tag("nl")), ["the", "run", "running"]);
    }

    #[test]
    fn a_language_without_a_stemmer_keeps_its_words() {
        assert_eq!(terms("Die Läufer laufen", &Language::for_tag("de")), ["die", "laufer", "laufen"]);
    }
}
