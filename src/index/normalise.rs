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
//! 3. Dutch stop words (Snowball's list) are dropped;
//! 4. words made of the letters a-z only are stemmed with Snowball's Dutch stemmer
//!    (`werken`, `werkt` → `werk`); others (digits, other scripts) stay as they are, so that
//!    the stemmer never sees a character whose length differs between UTF-8 and UTF-16.

use std::borrow::Cow;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Words shorter than this (in characters) are not indexed.
pub const MIN_WORD_CHARS: usize = 2;
/// Words longer than this (in characters) are not indexed: they are URLs or noise.
pub const MAX_WORD_CHARS: usize = 40;

/// Snowball's Dutch stop word list (snowballstem.org, `dutch/stop.txt`).
pub const STOP_WORDS: &[&str] = &[
    "aan", "al", "alles", "als", "altijd", "andere", "ben", "bij", "daar", "dan", "dat", "de", "der", "deze", "die",
    "dit", "doch", "doen", "door", "dus", "een", "eens", "en", "er", "ge", "geen", "geweest", "haar", "had", "heb",
    "hebben", "heeft", "hem", "het", "hier", "hij", "hoe", "hun", "iemand", "iets", "ik", "in", "is", "ja", "je",
    "kan", "kon", "kunnen", "maar", "me", "meer", "men", "met", "mij", "mijn", "moet", "na", "naar", "niet", "niets",
    "nog", "nu", "of", "om", "omdat", "onder", "ons", "ook", "op", "over", "reeds", "te", "tegen", "toch", "toen",
    "tot", "u", "uit", "uw", "van", "veel", "voor", "want", "waren", "was", "wat", "werd", "wezen", "wie", "wil",
    "worden", "wordt", "zal", "ze", "zelf", "zich", "zij", "zijn", "zo", "zonder", "zou",
];

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Dutch));

pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// The stem of a normalised word: Snowball Dutch for words of a-z only, the word itself
/// otherwise.
pub fn stem(word: &str) -> Cow<'_, str> {
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()) { STEMMER.stem(word) } else { word.into() }
}

/// The term of a normalised word: `None` for a stop word, else its stem.
pub fn term(word: &str) -> Option<Cow<'_, str>> {
    if is_stop_word(word) { None } else { Some(stem(word)) }
}

/// Calls `f` with each normalised word of `text` (steps 1 and 2), in order; a hyphenated
/// chain's concatenation comes right after its last part.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut words = Words::default();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            // Most of a Dutch text is ASCII: take whole runs at once.
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            words.push_ascii_run(&text[start..i], &mut f);
        } else if b.is_ascii() {
            words.push(b as char, &mut f);
            i += 1;
        } else {
            let c = text[i..].chars().next().expect("a char starts here");
            i += c.len_utf8();
            for lower in c.to_lowercase() {
                for d in lower.nfkd() {
                    if is_combining_mark(d) {
                        continue;
                    }
                    for d in d.to_lowercase() {
                        words.push(if d == 'ς' { 'σ' } else { d }, &mut f);
                    }
                }
            }
        }
    }
    words.finish(&mut f);
}

/// The terms of `text` (all four steps), in order.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| {
        if let Some(t) = term(w) {
            out.push(t.into_owned());
        }
    });
    out
}

/// The word splitter's state: the word being read and the hyphenated chain it may belong to.
#[derive(Default)]
struct Words {
    word: String,
    word_chars: usize,
    chain: String,
    chain_chars: usize,
    chain_len: usize,
    after_hyphen: bool,
}

impl Words {
    /// A run of ASCII letters and digits: the same as pushing its characters one by one.
    fn push_ascii_run(&mut self, run: &str, f: &mut impl FnMut(&str)) {
        if self.word.is_empty() && !self.after_hyphen {
            self.end_chain(f);
        }
        self.after_hyphen = false;
        let start = self.word.len();
        self.word.push_str(run);
        self.word[start..].make_ascii_lowercase();
        self.word_chars += run.len();
    }

    fn push(&mut self, c: char, f: &mut impl FnMut(&str)) {
        if c.is_alphanumeric() {
            if self.word.is_empty() && !self.after_hyphen {
                self.end_chain(f);
            }
            self.after_hyphen = false;
            self.word.push(c);
            self.word_chars += 1;
        } else if !self.word.is_empty() {
            let hyphen = c == '-';
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
    fn end_word(&mut self, hyphen_follows: bool, f: &mut impl FnMut(&str)) {
        if (MIN_WORD_CHARS..=MAX_WORD_CHARS).contains(&self.word_chars) {
            f(&self.word);
        }
        if hyphen_follows || self.chain_len > 0 {
            self.chain.push_str(&self.word);
            self.chain_chars += self.word_chars;
            self.chain_len += 1;
        }
        self.word.clear();
        self.word_chars = 0;
    }

    fn end_chain(&mut self, f: &mut impl FnMut(&str)) {
        if self.chain_len == 0 {
            self.after_hyphen = false;
            return;
        }
        if self.chain_len >= 2 && (MIN_WORD_CHARS..=MAX_WORD_CHARS).contains(&self.chain_chars) {
            f(&self.chain);
        }
        self.chain.clear();
        self.chain_chars = 0;
        self.chain_len = 0;
        self.after_hyphen = false;
    }

    fn finish(&mut self, f: &mut impl FnMut(&str)) {
        if !self.word.is_empty() {
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
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
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

    #[test]
    fn dutch_stems() {
        // Snowball Dutch strips inflection endings, not the -t of verbs or the ge- of participles.
        assert_eq!(terms("werken werkt gewerkt"), ["werk", "werkt", "gewerkt"]);
        assert_eq!(terms("De statushouders en de statushouder"), ["statushouder", "statushouder"]);
        assert_eq!(terms("sleutelpersonen"), ["sleutelperson"]);
        assert_eq!(terms("Cliënten cliënt"), ["client", "client"]);
        assert_eq!(terms("GGZ 2024"), ["ggz", "2024"]);
    }
}
