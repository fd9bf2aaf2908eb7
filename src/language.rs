//! The site's language: what the code needs to know about it, made once from the `language`
//! setting of the config ([`Language::for_tag`]) and handed to the stages that use it: the
//! search index (stop words and stemmer, `index/normalise.rs`) and the formatting of dates
//! (month names, `date.rs`).
//!
//! Nothing here assumes one language: the Dutch and English tables are statics of their own,
//! chosen through the value. A language that the code knows nothing particular about still
//! works: no stop words, no stemming (a wrong stemmer would merge words that differ, and no
//! stemmer at all only costs some recall), dates in ISO form.
//!
//! A stemmer is offered only where the browser has the same one: the search page stems the
//! query in `themes/default/static/js/search-core.js`, and a term is found only when both
//! sides stem it alike (`tests/search/vectors*.tsv` prove it). So Dutch and English have
//! Snowball stemmers here, and the other languages of rust-stemmers none until they are
//! ported to the script too.

use std::borrow::Cow;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer as Snowball};

/// The site's language, as far as the code needs to know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// The BCP 47 tag as the config gives it (`nl`, `en`, `en-gb`).
    code: String,
    direction: Direction,
    stemmer: Option<Stemmer>,
}

/// The direction text runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// The value of HTML's `dir` attribute.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// A Snowball stemmer that both the index and the search script have, with its stop words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stemmer {
    Dutch,
    English,
}

/// Languages written right to left, by primary subtag.
const RTL: [&str; 4] = ["ar", "fa", "he", "ur"];
/// Scripts written right to left, by script subtag (`az-Arab`, `yi-Hebr`).
const RTL_SCRIPTS: [&str; 2] = ["arab", "hebr"];

impl Language {
    /// The language of a BCP 47 tag, as the config's `language` gives it. Only the primary
    /// subtag (and a script subtag, for the direction) counts: `en-GB` stems like `en`.
    pub fn for_tag(tag: &str) -> Language {
        let code = tag.trim().to_string();
        let lower = code.to_ascii_lowercase();
        let mut subtags = lower.split(['-', '_']);
        let primary = subtags.next().unwrap_or("");
        let rtl = RTL.contains(&primary) || subtags.any(|s| RTL_SCRIPTS.contains(&s));
        let stemmer = match primary {
            "nl" => Some(Stemmer::Dutch),
            "en" => Some(Stemmer::English),
            _ => None,
        };
        Language { code, direction: if rtl { Direction::Rtl } else { Direction::Ltr }, stemmer }
    }

    /// The tag as the config gave it.
    #[cfg(test)]
    pub(crate) fn code(&self) -> &str {
        &self.code
    }

    pub(crate) fn direction(&self) -> Direction {
        self.direction
    }

    /// The stemmer of the search index, if the language has one.
    pub(crate) fn stemmer(&self) -> Option<Stemmer> {
        self.stemmer
    }

    /// Whether `word` (normalised: lower case, no diacritics) is too common to index.
    pub(crate) fn is_stop_word(&self, word: &str) -> bool {
        self.stemmer.is_some_and(|s| s.stop_words().binary_search(&word).is_ok())
    }

    /// The stem of a normalised word: Snowball's for words of a-z only, the word itself
    /// otherwise (digits, other scripts) and in a language without a stemmer. Words of a-z
    /// only, so that the stemmer never sees a character whose length differs between UTF-8
    /// and UTF-16, the script's strings.
    pub(crate) fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        match self.stemmer {
            Some(s) if !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()) => s.stem(word),
            _ => word.into(),
        }
    }

    /// The term of a normalised word: `None` for a stop word, else its stem.
    pub(crate) fn term<'a>(&self, word: &'a str) -> Option<Cow<'a, str>> {
        if self.is_stop_word(word) { None } else { Some(self.stem(word)) }
    }

    /// The names of the months, January first, when the language has them here; dates in a
    /// language without them are written the ISO way (`2024-03-15`), which every reader can
    /// read, rather than with the month names of another language.
    pub(crate) fn months(&self) -> Option<&'static [&'static str; 12]> {
        match self.stemmer? {
            Stemmer::Dutch => Some(&NL_MONTHS),
            Stemmer::English => Some(&EN_MONTHS),
        }
    }
}

static DUTCH: LazyLock<Snowball> = LazyLock::new(|| Snowball::create(Algorithm::Dutch));
static ENGLISH: LazyLock<Snowball> = LazyLock::new(|| Snowball::create(Algorithm::English));

impl Stemmer {
    /// The name the search index records (`meta.json`) and the script chooses its stemmer by.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Stemmer::Dutch => "dutch",
            Stemmer::English => "english",
        }
    }

    pub(crate) fn stem(self, word: &str) -> Cow<'_, str> {
        match self {
            Stemmer::Dutch => DUTCH.stem(word),
            Stemmer::English => ENGLISH.stem(word),
        }
    }

    /// Snowball's stop word list of the language, sorted.
    pub(crate) fn stop_words(self) -> &'static [&'static str] {
        match self {
            Stemmer::Dutch => DUTCH_STOP_WORDS,
            Stemmer::English => ENGLISH_STOP_WORDS,
        }
    }
}

/// Snowball's Dutch stop word list (snowballstem.org, `dutch/stop.txt`).
pub(crate) const DUTCH_STOP_WORDS: &[&str] = &[
    "aan", "al", "alles", "als", "altijd", "andere", "ben", "bij", "daar", "dan", "dat", "de", "der", "deze", "die",
    "dit", "doch", "doen", "door", "dus", "een", "eens", "en", "er", "ge", "geen", "geweest", "haar", "had", "heb",
    "hebben", "heeft", "hem", "het", "hier", "hij", "hoe", "hun", "iemand", "iets", "ik", "in", "is", "ja", "je",
    "kan", "kon", "kunnen", "maar", "me", "meer", "men", "met", "mij", "mijn", "moet", "na", "naar", "niet", "niets",
    "nog", "nu", "of", "om", "omdat", "onder", "ons", "ook", "op", "over", "reeds", "te", "tegen", "toch", "toen",
    "tot", "u", "uit", "uw", "van", "veel", "voor", "want", "waren", "was", "wat", "werd", "wezen", "wie", "wil",
    "worden", "wordt", "zal", "ze", "zelf", "zich", "zij", "zijn", "zo", "zonder", "zou",
];

/// Snowball's English stop word list (snowballstem.org, `english/stop.txt`), without its
/// contractions (`isn't`, `we're`): a word never holds an apostrophe, and the parts of a
/// contraction (`isn`) are left to be indexed rather than guessed at.
pub(crate) const ENGLISH_STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "cannot",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "ought",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

const NL_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        for s in [Stemmer::Dutch, Stemmer::English] {
            assert!(s.stop_words().windows(2).all(|w| w[0] < w[1]), "{s:?}");
        }
    }

    #[test]
    fn dutch() {
        let nl = Language::for_tag("nl");
        assert_eq!(nl.code(), "nl");
        assert_eq!(nl.direction(), Direction::Ltr);
        assert_eq!(nl.stemmer(), Some(Stemmer::Dutch));
        assert!(nl.is_stop_word("het") && !nl.is_stop_word("the"));
        assert_eq!(nl.stem("werken"), "werk");
        assert_eq!(nl.months().unwrap()[2], "maart");
    }

    #[test]
    fn english_and_its_regions() {
        for tag in ["en", "en-GB", "en-us", "EN"] {
            let en = Language::for_tag(tag);
            assert_eq!(en.code(), tag);
            assert_eq!(en.direction(), Direction::Ltr);
            assert_eq!(en.stemmer(), Some(Stemmer::English), "{tag}");
            assert!(en.is_stop_word("the") && !en.is_stop_word("het"));
            assert_eq!(en.stem("running"), "run");
            assert_eq!(en.stem("runs"), "run");
            assert_eq!(en.term("the"), None);
            assert_eq!(en.months().unwrap()[2], "March");
        }
    }

    #[test]
    fn right_to_left() {
        for tag in ["ar", "he", "fa", "ur", "ar-EG", "az-Arab", "yi-Hebr"] {
            assert_eq!(Language::for_tag(tag).direction(), Direction::Rtl, "{tag}");
        }
        assert_eq!(Language::for_tag("ar").direction().as_str(), "rtl");
        // `ur` is a language, not a script or region that happens to start a tag.
        assert_eq!(Language::for_tag("uk").direction(), Direction::Ltr);
    }

    #[test]
    fn other_languages_have_no_stemmer_stop_words_or_months() {
        for tag in ["de", "fr", "ar", "tlh", ""] {
            let l = Language::for_tag(tag);
            assert_eq!(l.stemmer(), None, "{tag}");
            assert!(!l.is_stop_word("der") && !l.is_stop_word("the") && !l.is_stop_word("de"));
            // No stemming rather than a wrong one: the word stays as it is.
            assert_eq!(l.stem("running"), "running");
            assert_eq!(l.term("werken").as_deref(), Some("werken"));
            assert_eq!(l.months(), None);
        }
    }
}
