//! Dutch compounds: a word such as `jeugdhulpverlener` is also indexed under its parts
//! (`jeugdhulp`, `verlener`, `jeugd`, `hulp`, ...), so that a query for a part finds the pages
//! that only write the compound. Done once per build against the site's own vocabulary (every
//! word some page writes), in [`parts_by_term`], because it depends on the whole site: the
//! per-page analysis stays a function of the page alone.
//!
//! The rules, the same in `search-core.js` (`splitCompound`), which splits a typed word that is
//! not in the vocabulary:
//! - a compound has at least [`MIN_COMPOUND_CHARS`] letters; each part at least
//!   [`MIN_PART_CHARS`], and is a word of the vocabulary that is no stop word;
//! - the head is tried longest first; after it comes the tail directly, or after a linking
//!   `s`, `en` or `e` (`inburgering-s-plicht`, `vluchteling-en-werk`, `ouder-en-zorg`), the
//!   direct tail first;
//! - the first head with a known tail wins; the head and tail are then split by the same rules,
//!   so `jeugdhulpverlener` gives `jeugdhulp` and `verlener`, and `jeugdhulp` gives `jeugd`
//!   and `hulp`;
//! - only words of `a` to `z` are split (all of the site's Dutch words after normalisation;
//!   numbers and other scripts are left alone).
//!
//! The vocabulary decides: a part that no page writes is no part. So a site that never writes
//! `verlener` alone indexes `jeugdhulpverlener` under `jeugd`, `hulp` and `hulpverlener` when
//! those are written, and not under `verlener`.

use super::FxMap;
use super::analyse::{STOP, SiteTerms};
use rayon::prelude::*;

/// Shorter words are not split.
pub(crate) const MIN_COMPOUND_CHARS: usize = 8;
/// Shorter parts are not parts: `eis`, `wet` and `bel` split too many words wrongly.
pub(crate) const MIN_PART_CHARS: usize = 4;
/// The linking sounds between head and tail, the direct join first.
const LINKS: [&str; 4] = ["", "s", "en", "e"];

/// The first split of `word` into a known head and tail by the rules above, as the two words;
/// `known` says whether a word is in the vocabulary (and no stop word).
pub(crate) fn split(word: &str, known: impl Fn(&str) -> bool) -> Option<(&str, &str)> {
    if word.len() < MIN_COMPOUND_CHARS || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    for head_len in (MIN_PART_CHARS..=word.len() - MIN_PART_CHARS).rev() {
        let head = &word[..head_len];
        if !known(head) {
            continue;
        }
        let rest = &word[head_len..];
        for link in LINKS {
            if let Some(tail) = rest.strip_prefix(link)
                && tail.len() >= MIN_PART_CHARS
                && known(tail)
            {
                return Some((head, tail));
            }
        }
    }
    None
}

/// All parts of `word`, splitting the parts again, each once, head before tail.
pub(crate) fn all_parts<'w>(word: &'w str, known: &impl Fn(&str) -> bool) -> Vec<&'w str> {
    let mut out = Vec::new();
    if let Some((head, tail)) = split(word, known) {
        for part in [head, tail] {
            if !out.contains(&part) {
                out.push(part);
            }
            for p in all_parts(part, known) {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
    }
    out
}

/// Per term id that is a compound, the term ids of its parts (never the term itself).
pub(super) fn parts_by_term(terms: &SiteTerms) -> FxMap<u32, Vec<u32>> {
    let of_word = terms.of_word();
    let known = |w: &str| matches!(of_word.get(w), Some(&id) if id != STOP);
    let found: Vec<(u32, Vec<u32>)> = of_word
        .par_iter()
        .filter(|(w, id)| **id != STOP && w.len() >= MIN_COMPOUND_CHARS)
        .filter_map(|(w, &id)| {
            let parts: Vec<u32> = all_parts(w, &known).into_iter().map(|p| of_word[p]).filter(|&p| p != id).collect();
            (!parts.is_empty()).then_some((id, parts))
        })
        .collect();
    let mut by_term: FxMap<u32, Vec<u32>> = FxMap::default();
    for (id, parts) in found {
        let all = by_term.entry(id).or_default();
        for p in parts {
            if !all.contains(&p) {
                all.push(p);
            }
        }
    }
    // Several spellings of one term may give the same parts in another order.
    for parts in by_term.values_mut() {
        parts.sort_unstable();
    }
    by_term
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;

    /// Real compounds of the social domain, with the parts the rules must find when the
    /// vocabulary holds the words of the table's third column (and the distractors below).
    /// Format: compound, its parts (space-separated, `-` for none), the vocabulary it needs.
    const TABLE: &str = include_str!("../../tests/search/compounds.tsv");

    /// Added to every row's vocabulary: stop words (`over`, `door`), words shorter than a part
    /// (`wet`, `eis`) and longer forms of parts (`zorgen`), none of which may change a split.
    const DISTRACTORS: &[&str] = &["over", "door", "wet", "eis", "bel", "gem", "zorgen", "hulpje"];

    #[test]
    fn the_table_of_compounds_splits_as_written() {
        let nl = Language::for_tag("nl");
        let mut cases = 0;
        let mut wrong = Vec::new();
        for line in TABLE.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            let (word, expected, vocab) = (cols[0], cols[1], cols[2]);
            let vocab: Vec<&str> = vocab.split(' ').chain(DISTRACTORS.iter().copied()).collect();
            let known = |w: &str| vocab.contains(&w) && nl.term(w).is_some();
            let got = all_parts(word, &known).join(" ");
            let got = if got.is_empty() { "-".to_string() } else { got };
            if got != expected {
                wrong.push(format!("{word}: expected {expected}, got {got}"));
            }
            cases += 1;
        }
        assert!(cases >= 40, "only {cases} compounds in the table");
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn short_words_stop_words_and_non_letters_are_not_split() {
        let known = |w: &str| ["zorg", "werk", "2024"].contains(&w);
        assert_eq!(split("zorgwerk", known), Some(("zorg", "werk")));
        assert_eq!(split("werkzorg2024", known), None, "only a-z");
        assert_eq!(split("zorgwer", known), None, "too short");
        assert_eq!(split("zorgéwerk", known), None);
    }
}
