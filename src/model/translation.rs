//! Translations: a page's translation is a file beside it with the language before `.md`
//! (`statushouder.en.md`, see [`crate::layout::translation_of`]).
//!
//! The pages of each translation language make a site of their own, built by the same model
//! stage with every path under the language's folder (`en/`): its own sections, lists,
//! taxonomy pages, feed and search index. Its files are named as the files they translate, so
//! a link to `statushouder.md` in an English page leads to the English page, and a page's
//! identity ([`super::PageKey`]) is that name with the language.
//!
//! Not every page is translated. The site of a language has every section of the site's own
//! language (with its translated `_index.<lang>.md`, else the title of the original), so that
//! every translated page has its place; a section lists its untranslated pages apart, as links
//! to the original pages ([`Section::untranslated`]); and a link to an untranslated page leads
//! to the original.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::{Built, LinkTarget, Section, Site};
use crate::config::Config;
use crate::layout::{UrlWords, language_prefix};
use crate::load::{DocRole, Loaded, RawFrontMatter, SourceDoc};

/// The files of the site's own language, and per translation language (in the order of the
/// config) its files, each named as the file it translates.
pub(crate) fn split(config: &Config, loaded: Loaded) -> (Loaded, Vec<(String, Loaded)>) {
    let Loaded { docs, assets, diagnostics, layers, modified } = loaded;
    if config.languages.is_empty() {
        return (Loaded { docs, assets, diagnostics, layers, modified }, Vec::new());
    }
    let mut own = Vec::with_capacity(docs.len());
    let mut translated: Vec<(String, Loaded)> =
        config.languages.iter().map(|(tag, _)| (tag.clone(), Loaded::default())).collect();
    for doc in docs {
        let Some(i) = translated.iter().position(|(tag, _)| *tag == doc.lang) else {
            own.push(doc);
            continue;
        };
        let Some((_, base)) = crate::layout::translation_of(&doc.rel_path, &config.languages) else {
            own.push(doc);
            continue;
        };
        // The translation's own last change, under the name of the file it translates.
        if let Some(&date) = modified.get(&doc.rel_path) {
            translated[i].1.modified.insert(base.clone(), date);
        }
        let mut doc = (*doc).clone();
        doc.rel_path = base;
        translated[i].1.docs.push(Arc::new(doc));
    }
    (Loaded { docs: own, assets, diagnostics, layers, modified }, translated)
}

/// The site of the translations into `lang`, beside `main`, the site of the site's language.
/// `strings`: the interface strings of `lang`, which name a section that has no translation
/// when all its pages are of one kind (`kind_practice_plural`: "Practice examples").
pub(crate) fn build(
    config: &Config,
    lang: &str,
    mut loaded: Loaded,
    main: &Site,
    strings: &std::collections::BTreeMap<String, String>,
) -> Built {
    let prefix = language_prefix(lang, &config.language);
    // Every section of the original, so every translated page has its place.
    let have: HashSet<String> = loaded.docs.iter().map(|d| d.rel_path.clone()).collect();
    for (i, s) in main.sections.iter().enumerate() {
        let Some(doc) = &s.doc else { continue };
        if !have.contains(&doc.rel_path) {
            let mut kinds = s.pages.iter().map(|&id| main.page(id).kind);
            let first = kinds.next();
            // The listing of a local site's own pages is named as their badge is.
            let local = (main.local_listing == Some(i)).then(|| strings.get("local_badge")).flatten();
            let title = local
                .or_else(|| {
                    first
                        .filter(|&k| kinds.all(|other| other == k))
                        .and_then(|k| strings.get(&format!("kind_{}_plural", k.name())))
                })
                .unwrap_or(&s.title);
            loaded.docs.push(Arc::new(stand_in(doc, s, title)));
        }
    }
    let terms: HashSet<String> = main.pages_of(crate::kind::Kind::Term).map(|p| p.slug.clone()).collect();
    let mut built = super::build_in(config, loaded, lang, &prefix, &terms);
    let site = &mut built.site;
    // What a local site leaves out of its base is left out in every language: a translation's
    // link to it becomes plain text too, as in the original (the check lists the original's).
    site.excluded.clone_from(&main.excluded);
    if site.sections[0].doc.as_ref().is_some_and(|d| d.lang == lang) {
        site.title = site.sections[0].title.clone();
    }
    // A link to a page that is not translated leads to the original.
    for (source, target) in &main.links {
        site.links.entry(source.clone()).or_insert_with(|| LinkTarget {
            path: target.path.clone(),
            page: None,
            section: None,
            unpublished_draft: target.unpublished_draft,
        });
    }
    let translated: HashSet<&str> = site.pages.iter().map(|p| p.doc.rel_path.as_str()).collect();
    let by_path: HashMap<&str, &Section> = main.sections.iter().map(|s| (s.path.as_str(), s)).collect();
    let untranslated: Vec<Vec<(String, String)>> = site
        .sections
        .iter()
        .map(|s| {
            let Some(original) = by_path.get(&s.path[prefix.len()..]) else { return Vec::new() };
            original
                .pages
                .iter()
                .map(|&id| main.page(id))
                .filter(|p| !translated.contains(p.doc.rel_path.as_str()))
                .map(|p| (p.title.clone(), p.path.clone()))
                .collect()
        })
        .collect();
    for (s, list) in site.sections.iter_mut().zip(untranslated) {
        s.untranslated = list;
    }
    // The same on each term's page: a theme's English page names its Dutch-only pages too.
    for tax in &mut site.taxonomies {
        let Some(original) = main.taxonomies.iter().find(|t| t.field == tax.field) else { continue };
        for term in &mut tax.terms {
            let Some(o) = original.term_by_slug(&term.slug) else { continue };
            term.untranslated = o
                .pages
                .iter()
                .map(|&id| main.page(id))
                .filter(|p| !translated.contains(p.doc.rel_path.as_str()))
                .map(|p| (p.title.clone(), p.path.clone()))
                .collect();
        }
    }
    built
}

/// A section of the original in the site of a translation that has no `_index.<lang>.md`: the
/// original's place and weight, no text, and `title`: the kind of its pages in the language,
/// else the original's title.
fn stand_in(doc: &SourceDoc, s: &Section, title: &str) -> SourceDoc {
    SourceDoc {
        rel_path: doc.rel_path.clone(),
        shown: doc.shown.clone(),
        layer: doc.layer,
        text: String::new(),
        body_start: 0,
        yaml: 0..0,
        role: DocRole::Section,
        front: RawFrontMatter {
            readable: true,
            title: Some(title.to_string()),
            weight: s.weight,
            ..Default::default()
        },
        lang: doc.lang.clone(),
        revision: 0,
        origin: doc.origin,
    }
}

/// A language of the site, for the language switcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LanguageInfo {
    /// The tag (`en`).
    pub(crate) tag: String,
    /// Its name in itself (`English`).
    pub(crate) name: String,
    /// Its folder: empty for the site's language, else `en/`.
    pub(crate) prefix: String,
}

/// The same page in another language.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub(crate) struct Alternate {
    pub(crate) lang: String,
    /// The language's name in itself.
    pub(crate) name: String,
    /// Site path of the page in that language; the language's home page when the page has no
    /// translation into it (then `translated` is false).
    pub(crate) path: String,
    pub(crate) translated: bool,
    /// Whether this is the page itself.
    pub(crate) current: bool,
}

/// Which pages of the sites of all languages are the same page.
#[derive(Debug, Default)]
pub(crate) struct Translations {
    /// The site's language first, then the translation languages.
    pub(crate) languages: Vec<LanguageInfo>,
    /// Site path → what it is the page of: `p:` and the source path for a page, `s:` and the
    /// path without the language folder for a section, `t:` for a taxonomy page, `search`.
    of_path: HashMap<String, String>,
    /// What a page is → per language (index in `languages`), its site path.
    by_key: HashMap<String, Vec<(usize, String)>>,
}

impl Translations {
    /// `sites`: the site of every language, the site's own first, each with its address words.
    /// `names`: the name of the site's language in itself (from its interface strings).
    pub(crate) fn new(config: &Config, own_name: &str, sites: &[(&Site, &UrlWords)]) -> Translations {
        let mut t = Translations::default();
        for (i, (site, words)) in sites.iter().enumerate() {
            let name = config.languages.iter().find(|(tag, _)| *tag == site.lang).map_or(own_name, |(_, n)| n.as_str());
            t.languages.push(LanguageInfo {
                tag: site.lang.clone(),
                name: name.to_string(),
                prefix: site.prefix.clone(),
            });
            let bare = |path: &str| path[site.prefix.len().min(path.len())..].to_string();
            let mut add = |path: &str, key: String| {
                t.of_path.insert(path.to_string(), key.clone());
                t.by_key.entry(key).or_default().push((i, path.to_string()));
            };
            for p in &site.pages {
                add(&p.path, format!("p:{}", p.doc.rel_path));
            }
            for s in &site.sections {
                add(&s.path, format!("s:{}", bare(&s.path)));
            }
            for tax in &site.taxonomies {
                // A taxonomy's index page is made only when it has terms, and not where a
                // section of the same folder is (`themas/`).
                if !tax.terms.is_empty() && !site.sections.iter().any(|s| s.path == tax.path) {
                    add(&tax.path, format!("t:{}", bare(&tax.path)));
                }
                for term in tax.terms.iter().filter(|term| term.page.is_none()) {
                    add(&term.path, format!("t:{}", bare(&term.path)));
                }
            }
            add(&words.search, "search".to_string());
        }
        t
    }

    /// The site path of every page, list and search page in the translation languages.
    pub(crate) fn translated_paths(&self) -> impl Iterator<Item = &str> {
        let prefixes: Vec<&str> = self.languages.iter().skip(1).map(|l| l.prefix.as_str()).collect();
        self.of_path.keys().map(String::as_str).filter(move |p| prefixes.iter().any(|pre| p.starts_with(pre)))
    }

    /// Whether the site has more than one language.
    pub(crate) fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }

    /// The page at site path `path` in every language, for the language switcher: its
    /// translation where there is one, else that language's home page. Empty for a site of one
    /// language, and for a page the switcher does not know (a further page of a list).
    pub(crate) fn alternates(&self, path: &str) -> Vec<Alternate> {
        if !self.is_multilingual() {
            return Vec::new();
        }
        let Some(versions) = self.of_path.get(path).and_then(|k| self.by_key.get(k)) else { return Vec::new() };
        self.languages
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let found = versions.iter().find(|(at, _)| *at == i);
                Alternate {
                    lang: l.tag.clone(),
                    name: l.name.clone(),
                    path: found.map_or_else(|| l.prefix.clone(), |(_, p)| p.clone()),
                    translated: found.is_some(),
                    current: found.is_some_and(|(_, p)| p == path),
                }
            })
            .collect()
    }
}
