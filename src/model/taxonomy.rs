//! Taxonomies: the values of `municipality`, `themes`, `target_groups` and `tool_type` across
//! the site, each with the pages that carry it.
//!
//! Values are grouped by slug, so "Den Haag" and "Den haag" are one term (`check` warns about
//! the spelling). A page whose path equals a term's path, such as `themas/outreachend-werken.md`
//! for the theme "Outreachend werken", *is* that term's page: it is rendered with its own text
//! and the term's listing, and no separate page is generated.

use std::collections::{BTreeMap, HashMap};

use crate::config::{Config, TaxonomyField};
use rayon::prelude::*;

use crate::model::{Page, PageId, title_key};
use crate::text::slugify;

#[derive(Debug)]
pub(crate) struct Taxonomy {
    pub(crate) field: TaxonomyField,
    /// Site path of the taxonomy's index page: `gemeenten/`.
    pub(crate) path: String,
    /// Terms, alphabetical.
    pub(crate) terms: Vec<TaxonomyTerm>,
    /// Slug → index in `terms`.
    by_slug: HashMap<String, usize>,
    /// Every spelling written on a page → index in `terms`: a name as pages write it is found
    /// without making its slug (lists and pages look names up for every page they show).
    by_spelling: HashMap<String, usize>,
}

#[derive(Debug)]
pub(crate) struct TaxonomyTerm {
    /// Display name: the backing page's title, else the spelling most pages use.
    pub(crate) name: String,
    /// The language of `name` when it may not be the language of the pages around it: in a
    /// translation, a term without a page of its own shows the value as the pages write it,
    /// and values are written in the site's own language (`themes: [Outreachend werken]` on an
    /// Arabic page). Templates mark it with `lang`, so a screen reader reads it in Dutch.
    pub(crate) lang: Option<String>,
    pub(crate) slug: String,
    /// Site path: `gemeenten/harderwijk/`.
    pub(crate) path: String,
    /// Pages carrying the value, in listing order.
    pub(crate) pages: Vec<PageId>,
    /// The page that is this term's page, if there is one.
    pub(crate) page: Option<PageId>,
    /// Every spelling used, with how many pages use it (for near-duplicate checks).
    pub(crate) spellings: BTreeMap<String, usize>,
    /// In the site of a translation language: the original's pages with this term that are
    /// not translated yet, as (title, site path), linked in the site's own language.
    pub(crate) untranslated: Vec<(String, String)>,
}

impl Taxonomy {
    pub(crate) fn term_by_slug(&self, slug: &str) -> Option<&TaxonomyTerm> {
        self.by_slug.get(slug).map(|&i| &self.terms[i])
    }

    pub(crate) fn term_by_name(&self, name: &str) -> Option<&TaxonomyTerm> {
        let i = match self.by_spelling.get(name.trim()) {
            Some(&i) => i,
            None => *self.by_slug.get(&slugify(name))?,
        };
        Some(&self.terms[i])
    }
}

/// The taxonomies of `config` over `pages`, whose listing order is `order`.
/// Every path is under `prefix` (`en/`, in the site of a translation language).
pub(crate) fn build(config: &Config, pages: &[Page], order: &[PageId], prefix: &str) -> Vec<super::Taxonomy> {
    let in_translation = !prefix.is_empty();
    let by_path: HashMap<&str, PageId> = pages.iter().map(|p| (p.path.as_str(), p.id)).collect();
    config
        .taxonomies
        .par_iter()
        .map(|tc| {
            let path = format!("{prefix}{}/", tc.path);
            let mut terms: BTreeMap<String, TaxonomyTerm> = BTreeMap::new();
            // In listing order, so that each term's pages are too.
            for page in order.iter().map(|&id| &pages[id]) {
                for value in page.taxonomy_values(tc.field) {
                    let slug = slugify(value);
                    if slug.is_empty() {
                        continue;
                    }
                    let term = terms.entry(slug).or_insert_with_key(|slug| TaxonomyTerm {
                        name: String::new(),
                        lang: None,
                        untranslated: Vec::new(),
                        slug: slug.clone(),
                        path: format!("{path}{slug}/"),
                        pages: Vec::new(),
                        page: None,
                        spellings: BTreeMap::new(),
                    });
                    if term.pages.last() != Some(&page.id) {
                        term.pages.push(page.id);
                    }
                    match term.spellings.get_mut(value.trim()) {
                        Some(n) => *n += 1,
                        None => {
                            term.spellings.insert(value.trim().to_string(), 1);
                        }
                    }
                }
            }
            // Pages at a term's path that nobody tagged yet still make a term (a theme page
            // with no examples yet), so the index lists them.
            let prefix = path.as_str();
            for page in pages {
                if let Some(rest) = page.path.strip_prefix(prefix)
                    && rest.matches('/').count() == 1
                    && !terms.contains_key(rest.trim_end_matches('/'))
                {
                    let slug = rest.trim_end_matches('/').to_string();
                    terms.insert(
                        slug.clone(),
                        TaxonomyTerm {
                            name: String::new(),
                            lang: None,
                            untranslated: Vec::new(),
                            slug,
                            path: page.path.clone(),
                            pages: Vec::new(),
                            page: None,
                            spellings: BTreeMap::new(),
                        },
                    );
                }
            }
            let mut terms: Vec<TaxonomyTerm> = terms
                .into_values()
                .map(|mut t| {
                    t.page = by_path.get(t.path.as_str()).copied();
                    t.pages.retain(|&id| Some(id) != t.page);
                    t.name = match t.page {
                        Some(id) => pages[id].title.clone(),
                        None => most_used(&t.spellings),
                    };
                    if t.page.is_none() && in_translation {
                        t.lang = Some(config.language.clone());
                    }
                    t
                })
                .collect();
            terms.sort_by_cached_key(|t| (title_key(&t.name), t.slug.clone()));
            let by_slug = terms.iter().enumerate().map(|(i, t)| (t.slug.clone(), i)).collect();
            let by_spelling =
                terms.iter().enumerate().flat_map(|(i, t)| t.spellings.keys().map(move |s| (s.clone(), i))).collect();
            Taxonomy { field: tc.field, path, terms, by_slug, by_spelling }
        })
        .collect()
}

/// The spelling most pages use; on a tie, the one with capitals (names are usually written with
/// them), then the first in sort order.
fn most_used(spellings: &BTreeMap<String, usize>) -> String {
    spellings
        .iter()
        .max_by(|a, b| {
            a.1.cmp(b.1)
                .then_with(|| {
                    a.0.chars()
                        .filter(|c| c.is_uppercase())
                        .count()
                        .cmp(&b.0.chars().filter(|c| c.is_uppercase()).count())
                })
                .then_with(|| b.0.cmp(a.0))
        })
        .map(|(s, _)| s.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_used_spelling_wins() {
        let mut m = BTreeMap::new();
        m.insert("Den haag".to_string(), 1);
        m.insert("Den Haag".to_string(), 3);
        assert_eq!(most_used(&m), "Den Haag");
        let mut m = BTreeMap::new();
        m.insert("jeugd".to_string(), 1);
        m.insert("Jeugd".to_string(), 1);
        assert_eq!(most_used(&m), "Jeugd");
    }
}
