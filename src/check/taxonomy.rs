//! Taxonomy values written in more than one way.
//!
//! The model groups values by slug, so "Den haag" and "Den Haag" already end up on one page; the
//! site still shows whichever spelling a page carries, and search filters on the text, so every
//! odd spelling is reported where it is written, with the spelling to use. Values whose slugs
//! differ by one letter are separate terms; for themes and target groups that is nearly always
//! a typo or a stray plural, so those are reported too.

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::edit_distance;
use crate::config::TaxonomyField;
use crate::diagnostic::Diagnostic;
use crate::kind::{Kind, TOOL_TYPES};
use crate::load::ValueFinder;
use crate::messages::Msg;
use crate::model::{PageId, Site, TaxonomyTerm};
use crate::msg;
use crate::text::slugify;

/// How a field is named in messages.
fn field_name(field: TaxonomyField) -> Msg {
    match field {
        TaxonomyField::Municipality => msg!("field.municipality"),
        TaxonomyField::Themes => msg!("field.theme"),
        TaxonomyField::TargetGroups => msg!("field.target-group"),
        TaxonomyField::ToolType => msg!("field.tool-type"),
    }
}

/// What sets two spellings with the same slug apart, for the message.
fn difference(a: &str, b: &str) -> Msg {
    let plain = |s: &str| -> String { s.nfkd().filter(|c| !is_combining_mark(*c)).collect::<String>().to_lowercase() };
    if a.to_lowercase() == b.to_lowercase() {
        msg!("difference.capitals")
    } else if plain(a) == plain(b) {
        msg!("difference.accents")
    } else {
        msg!("difference.punctuation")
    }
}

fn pages_word(n: usize) -> Msg {
    if n == 1 { msg!("count.pages.one") } else { msg!("count.pages", n) }
}

/// Every spelling of a term but the preferred one, reported at each page that writes it.
pub(super) fn check_spellings(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    for tax in &site.taxonomies {
        let mut values = PageValues::new(site, tax.field);
        for term in tax.terms.iter().filter(|t| t.spellings.len() > 1) {
            let preferred = term.name.as_str();
            let why = match term.page {
                Some(id) => {
                    msg!("taxonomy-spelling.why.page", field = field_name(tax.field), title = &site.page(id).title)
                }
                None => match term.spellings.get(preferred) {
                    Some(&n) => msg!("taxonomy-spelling.why.pages", pages = pages_word(n)),
                    None => msg!("taxonomy-spelling.why.most-used"),
                },
            };
            for spelling in term.spellings.keys().filter(|s| s.as_str() != preferred) {
                // A municipality the list knows gets its spelling from the list, not from the
                // other pages (see `municipalities`).
                if tax.field == TaxonomyField::Municipality
                    && (super::municipalities::known(spelling) || super::municipalities::known(preferred))
                {
                    continue;
                }
                for &id in term.pages.iter().chain(term.page.iter()) {
                    let values = values.of(id);
                    if !values.written.contains(spelling.as_str()) {
                        continue;
                    }
                    let message = msg!(
                        "taxonomy-spelling",
                        field = field_name(tax.field),
                        spelling,
                        preferred,
                        difference = difference(spelling, preferred)
                    );
                    let d = Diagnostic::warning("taxonomy-spelling", message)
                        .label(msg!("taxonomy-spelling.label", preferred))
                        .help(msg!("taxonomy-spelling.help", preferred, why = why.clone()));
                    diagnostics.push(values.finder.at(d, spelling));
                }
            }
        }
    }
}

/// Themes and target groups one letter apart. Municipalities are left out on purpose: real
/// names can be one letter apart (Ede and Epe, Heusden and Leusden). Tool types have their own
/// check against the known types.
pub(super) fn check_similar_values(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    for tax in site.taxonomies.iter().filter(|t| matches!(t.field, TaxonomyField::Themes | TaxonomyField::TargetGroups))
    {
        let terms = &tax.terms;
        let mut values = PageValues::new(site, tax.field);
        for (i, j) in pairs_one_edit_apart(terms.iter().map(|t| t.slug.as_str())) {
            let (a, b) = (&terms[i], &terms[j]);
            if a.slug.len().min(b.slug.len()) < 5 || a.slug.len().abs_diff(b.slug.len()) > 1 {
                continue;
            }
            // The value fewer pages use is the likely slip; a term with its own page is
            // never the slip. On a tie the later one in the alphabet is reported.
            let weight = |t: &TaxonomyTerm| (t.page.is_some(), t.pages.len());
            let (odd, good) = if weight(a) >= weight(b) { (b, a) } else { (a, b) };
            report_similar(tax.field, odd, good, &mut values, diagnostics);
        }
    }
}

/// The pairs `(i, j)`, `i < j`, of `slugs` that are one typo apart (a letter added, dropped,
/// changed, or two neighbours swapped), in the order a comparison of all pairs finds them.
///
/// Not by comparing all pairs, which takes minutes for a page with thousands of values: two
/// slugs one typo apart share a *deletion key* (the slug with one letter left out, or the slug
/// itself), so each slug is compared only with the slugs it shares a key with. The keys are
/// hashes, computed for all deletions of a slug in one pass over it; a shared hash that is not
/// a real typo is filtered out by the exact test.
fn pairs_one_edit_apart<'a>(slugs: impl Iterator<Item = &'a str>) -> Vec<(usize, usize)> {
    let slugs: Vec<Vec<char>> = slugs.map(|s| s.chars().collect()).collect();
    let mut by_key: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, s) in slugs.iter().enumerate() {
        let mut keys = deletion_keys(s);
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            by_key.entry(k).or_default().push(i);
        }
    }
    let mut pairs = Vec::new();
    for (i, s) in slugs.iter().enumerate() {
        let mut keys = deletion_keys(s);
        keys.sort_unstable();
        keys.dedup();
        let mut partners: Vec<usize> =
            keys.iter().flat_map(|k| by_key.get(k).into_iter().flatten()).copied().filter(|&j| j > i).collect();
        partners.sort_unstable();
        partners.dedup();
        pairs.extend(partners.into_iter().filter(|&j| one_edit_apart(s, &slugs[j])).map(|j| (i, j)));
    }
    pairs
}

/// A hash of `s` itself and of `s` with each one letter left out, in one pass: a polynomial
/// hash modulo the prime 2^61 - 1, from prefix and suffix hashes.
fn deletion_keys(s: &[char]) -> Vec<u64> {
    const P: u64 = (1 << 61) - 1;
    const BASE: u64 = 1_000_003;
    let mul = |a: u64, b: u64| ((u128::from(a) * u128::from(b)) % u128::from(P)) as u64;
    let add = |a: u64, b: u64| (a + b) % P;
    let n = s.len();
    // prefix[i]: hash of s[..i]; suffix[i]: hash of s[i..]; power[i]: BASE^i.
    let mut prefix = vec![0u64; n + 1];
    let mut power = vec![1u64; n + 1];
    for i in 0..n {
        prefix[i + 1] = add(mul(prefix[i], BASE), u64::from(s[i]) + 1);
        power[i + 1] = mul(power[i], BASE);
    }
    let mut suffix = vec![0u64; n + 1];
    for i in (0..n).rev() {
        suffix[i] = add(mul(u64::from(s[i]) + 1, power[n - 1 - i]), suffix[i + 1]);
    }
    // The length goes into the key, so that `s` itself and a deletion of a longer slug meet.
    let keyed = |h: u64, len: usize| h ^ ((len as u64) << 61);
    let mut keys = Vec::with_capacity(n + 1);
    keys.push(keyed(prefix[n], n));
    for i in 0..n {
        keys.push(keyed(add(mul(prefix[i], power[n - 1 - i]), suffix[i + 1]), n - 1));
    }
    keys
}

/// Whether `a` and `b` are exactly one typo apart: the optimal string alignment distance is 1.
/// Linear in their length.
fn one_edit_apart(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let Some(i) = short.iter().zip(long).position(|(x, y)| x != y) else {
        // One is the other plus one letter at the end.
        return long.len() == short.len() + 1;
    };
    match long.len() - short.len() {
        0 => {
            short[i + 1..] == long[i + 1..]
                || (i + 1 < short.len()
                    && short[i] == long[i + 1]
                    && short[i + 1] == long[i]
                    && short[i + 2..] == long[i + 2..])
        }
        1 => short[i..] == long[i + 1..],
        _ => false,
    }
}

/// The values one taxonomy field has on each page, found once per page when first needed: a
/// page with thousands of values is not read again for each report about it.
struct PageValues<'s> {
    site: &'s Site,
    field: TaxonomyField,
    pages: HashMap<PageId, Values<'s>>,
}

struct Values<'s> {
    /// Slug → the first value written with it.
    by_slug: HashMap<String, &'s str>,
    /// Every value as written, trimmed.
    written: HashSet<&'s str>,
    /// Finds where a value is written.
    finder: ValueFinder<'s>,
}

impl<'s> PageValues<'s> {
    fn new(site: &'s Site, field: TaxonomyField) -> Self {
        PageValues { site, field, pages: HashMap::new() }
    }

    fn of(&mut self, id: PageId) -> &Values<'s> {
        let (site, field) = (self.site, self.field);
        self.pages.entry(id).or_insert_with(|| {
            let page = site.page(id);
            let mut by_slug = HashMap::new();
            for v in page.taxonomy_values(field) {
                by_slug.entry(slugify(v)).or_insert(v.as_str());
            }
            let written = page.taxonomy_values(field).iter().map(|v| v.trim()).collect();
            Values { by_slug, written, finder: page.doc.value_finder(field.key()) }
        })
    }
}

fn report_similar(
    field: TaxonomyField,
    odd: &TaxonomyTerm,
    good: &TaxonomyTerm,
    values: &mut PageValues<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let used = good.pages.len() + usize::from(good.page.is_some());
    for &id in &odd.pages {
        let values = values.of(id);
        let Some(written) = values.by_slug.get(&odd.slug).copied() else { continue };
        let message =
            msg!("similar-taxonomy-value", field = field_name(field), written = written.trim(), good = &good.name);
        let d = Diagnostic::warning("similar-taxonomy-value", message)
            .label(msg!("did-you-mean", name = &good.name))
            .help(msg!(
                "similar-taxonomy-value.help",
                good = &good.name,
                pages = pages_word(used),
                field = field_name(field)
            ));
        diagnostics.push(values.finder.at(d, written.trim()));
    }
}

/// A `tool_type` that is a known type with a typo or in the plural. Other unknown types are
/// accepted: a site may have types of its own.
pub(super) fn check_tool_types(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    let known: HashMap<String, &str> = TOOL_TYPES.iter().map(|t| (slugify(t), *t)).collect();
    for page in site.pages_of(Kind::Tool) {
        let Some(tool_type) = page.tool().and_then(|t| t.tool_type.as_deref()) else { continue };
        let slug = slugify(tool_type);
        if slug.is_empty() || known.contains_key(&slug) {
            continue;
        }
        let Some(suggestion) = likely_type(&slug, &known) else { continue };
        let d = Diagnostic::warning("unknown-tool-type", msg!("unknown-tool-type", tool_type))
            .label(msg!("did-you-mean", name = suggestion))
            .help(msg!("unknown-tool-type.help", suggestion, types = TOOL_TYPES.join(", ")));
        diagnostics.push(page.doc.at_key(d, "tool_type"));
    }
}

/// The known type `slug` is most likely a misspelling or plural of.
fn likely_type<'a>(slug: &str, known: &HashMap<String, &'a str>) -> Option<&'a str> {
    let mut candidates: Vec<(&String, &&str)> = known.iter().collect();
    candidates.sort();
    candidates.into_iter().find_map(|(k, name)| {
        let plural = [format!("{k}s"), format!("{k}en"), format!("{k}-s")].iter().any(|p| p == slug);
        let typo = k.len() >= 5 && slug.len().abs_diff(k.len()) <= 1 && edit_distance(slug, k) == 1;
        (plural || typo).then_some(*name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_are_named() {
        assert_eq!(difference("Den haag", "Den Haag").english(), "only in capital letters");
        assert_eq!(difference("Sudwest-Fryslan", "Súdwest-Fryslân").english(), "only in accents");
        assert_eq!(difference("Den-Haag", "Den Haag").english(), "only in spaces or punctuation");
    }

    #[test]
    fn one_typo_apart_is_an_edit_distance_of_one() {
        let words = [
            "statushouder",
            "statushouders",
            "statushoudre",
            "sattushouder",
            "statushuoder",
            "statushoud",
            "tatushouder",
            "xstatushouder",
            "ouderen",
            "ouders",
            "cliënt",
            "client",
            "clinet",
            "a",
            "ab",
            "ba",
            "",
            "jeugd",
            "jeugdd",
            "jeudg",
            "thema-nummer-12",
            "thema-nummer-21",
            "thema-nummer-120",
        ];
        let chars: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
        let mut all_pairs = Vec::new();
        for i in 0..words.len() {
            for j in i + 1..words.len() {
                assert_eq!(
                    one_edit_apart(&chars[i], &chars[j]),
                    edit_distance(words[i], words[j]) == 1,
                    "{} {}",
                    words[i],
                    words[j]
                );
                if edit_distance(words[i], words[j]) == 1 {
                    all_pairs.push((i, j));
                }
            }
        }
        // The index finds exactly the pairs that comparing all pairs finds, in the same order.
        assert_eq!(pairs_one_edit_apart(words.iter().copied()), all_pairs);
    }

    #[test]
    fn tool_type_typos_and_plurals() {
        let known: HashMap<String, &str> = TOOL_TYPES.iter().map(|t| (slugify(t), *t)).collect();
        assert_eq!(likely_type("checklst", &known), Some("checklist"));
        assert_eq!(likely_type("checklists", &known), Some("checklist"));
        assert_eq!(likely_type("gesprekskaarten", &known), Some("gesprekskaart"));
        assert_eq!(likely_type("elearning", &known), Some("e-learning"));
        assert_eq!(likely_type("methodiek", &known), None);
        assert_eq!(likely_type("spel", &known), None);
    }
}
