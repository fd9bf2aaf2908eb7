//! What templates see: plain serialisable views of the model, with every URL as a site path
//! (`begrippen/statushouder/`) that templates prefix with `root`, and the context each template
//! is given ([`SiteView`] as `site` for all; [`HtmlContext`] with a [`PageContext`],
//! [`SectionContext`]... per page). Their fields are the template API documented in the README;
//! keep them stable. `tests/views.rs` snapshots every template's context for a small site.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use tera::Value;

use crate::config::TaxonomyField;
use crate::date::Date;
use crate::kind::Kind;
use crate::language::Language;
use crate::model::{KindData, Page, PageId, Section, Site};
use crate::render::markdown::{RenderedBody, TocEntry};
use crate::yaml::LinkValue;

/// A named link inside the site. `path` is `None` when the target has no page (a taxonomy that
/// is turned off).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Ref {
    pub(crate) name: String,
    pub(crate) path: Option<String>,
    /// The language of `name` when it is not the page's ([`crate::model::TaxonomyTerm::lang`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) lang: Option<String>,
}

/// A page as an item of a list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Card<'a> {
    pub(crate) title: &'a str,
    pub(crate) path: &'a str,
    pub(crate) kind: Kind,
    pub(crate) summary: Option<&'a str>,
    pub(crate) date: Option<Date>,
    pub(crate) date_long: Option<String>,
    /// For practice examples: `year`, else the year of `date`.
    pub(crate) year: Option<i64>,
    pub(crate) municipalities: &'a [String],
    pub(crate) tool_type: Option<&'a str>,
    pub(crate) url: Option<&'a str>,
    /// The filter values the page matches, for a list's instant filter: `municipality:harderwijk
    /// themes:outreachend-werken`, each the value of a [`FilterOption`].
    pub(crate) facets: String,
    /// From the local layer of a site with a base: shown with the "In onze gemeente" badge.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) local: bool,
}

impl<'a> Card<'a> {
    pub(crate) fn new(page: &'a Page, body: &'a RenderedBody, language: &Language) -> Card<'a> {
        Card {
            title: &page.title,
            path: &page.path,
            kind: page.kind,
            summary: listing_summary(page, body),
            date: page.date,
            date_long: page.date.map(|d| d.long(language)),
            year: page.practice().and_then(|p| p.year.or(page.date.map(|d| i64::from(d.year)))),
            municipalities: page.practice().map_or(&[], |p| &p.municipalities),
            tool_type: page.tool().and_then(|t| t.tool_type.as_deref()),
            url: page.tool().map(|t| t.url.as_str()),
            facets: facets(page),
            local: page.is_local(),
        }
    }
}

/// The taxonomies a list of pages can be narrowed by, in the order the filters show.
pub(crate) const FILTER_FIELDS: [TaxonomyField; 2] = [TaxonomyField::Municipality, TaxonomyField::Themes];

/// A page's values of [`FILTER_FIELDS`], as `field:slug` words (see [`Card::facets`]).
fn facets(page: &Page) -> String {
    let municipalities = page.practice().map_or(&[][..], |p| &p.municipalities[..]);
    let words = FILTER_FIELDS.iter().flat_map(|&field| {
        let values = if field == TaxonomyField::Municipality { municipalities } else { &page.themes[..] };
        values.iter().map(move |v| format!("{}:{}", field.key(), crate::text::slugify(v)))
    });
    let local = page.is_local().then(|| LOCAL_FACET.to_string());
    words.chain(local).collect::<Vec<_>>().join(" ")
}

/// The facet word of a local page, and the value of the list filter that keeps just those.
pub(crate) const LOCAL_FACET: &str = "origin:lokaal";

/// A page with everything its own template shows.
#[derive(Debug, Serialize)]
pub(crate) struct PageView<'a> {
    pub(crate) title: &'a str,
    pub(crate) path: &'a str,
    pub(crate) kind: Kind,
    pub(crate) lang: &'a str,
    pub(crate) summary: Option<&'a str>,
    pub(crate) date: Option<Date>,
    pub(crate) date_long: Option<String>,
    pub(crate) themes: Vec<Ref>,
    pub(crate) target_groups: Vec<Ref>,
    pub(crate) aliases: &'a [String],
    /// `aliases` as HTML, phrases in another language (`[statushouder]{lang=nl}`) marked.
    pub(crate) aliases_html: Vec<String>,
    /// The rendered Markdown body (HTML).
    pub(crate) content: &'a str,
    pub(crate) toc: &'a [TocEntry],
    pub(crate) term: Option<TermView<'a>>,
    pub(crate) practice: Option<PracticeView<'a>>,
    pub(crate) tool: Option<ToolView<'a>>,
    /// From the local layer of a site with a base: shown with the "In onze gemeente" badge.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) local: bool,
    /// When the editors last checked the content (`reviewed`), and in words.
    pub(crate) reviewed: Option<Date>,
    pub(crate) reviewed_long: Option<String>,
    /// When the page's file was last changed (git, else the file's time), and in words.
    pub(crate) modified: Option<Date>,
    pub(crate) modified_long: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct TermView<'a> {
    pub(crate) definition: &'a str,
    /// The definition as HTML, phrases in another language (`[statushouder]{lang=nl}`) marked.
    pub(crate) definition_html: String,
    pub(crate) related: Vec<Ref>,
    pub(crate) sources: Vec<LinkValue>,
}

#[derive(Debug, Serialize)]
pub(crate) struct PracticeView<'a> {
    pub(crate) municipalities: Vec<Ref>,
    pub(crate) province: Option<&'a str>,
    pub(crate) year: Option<i64>,
    pub(crate) organisations: &'a [String],
    pub(crate) source: Option<LinkValue>,
    /// The fact box: the facts that are known, in the order shown. A new field of practice
    /// examples becomes one more [`Fact`] in [`practice_facts`] and one string in the theme.
    pub(crate) facts: Vec<Fact>,
}

/// One line of a fact box: a label and its values.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Fact {
    /// The key of the label in the theme's strings (`municipality`, `year`...).
    pub(crate) label: &'static str,
    pub(crate) values: Vec<FactValue>,
}

/// A value of a [`Fact`]: text, a link inside the site (`path`) or to elsewhere (`url`).
#[derive(Debug, Serialize, PartialEq, Eq, Default)]
pub(crate) struct FactValue {
    pub(crate) name: String,
    pub(crate) path: Option<String>,
    pub(crate) url: Option<String>,
    /// A key of the theme's strings to show instead of `name` (`status_afgerond`): a value from
    /// a fixed list, put into words in the site's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) word: Option<String>,
    /// A source's year and pages, shown after it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) year: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) pages: Option<String>,
    /// The language of `name` when it is not the page's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) lang: Option<String>,
    /// `name` as HTML when it marks a phrase in another language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) html: Option<String>,
}

impl FactValue {
    fn text(name: impl Into<String>) -> FactValue {
        FactValue { name: name.into(), ..FactValue::default() }
    }

    /// `value` of the fixed list `key` (`status`), shown as the theme's string `status_<value>`.
    fn word(key: &str, value: &str) -> FactValue {
        FactValue { name: value.to_string(), word: Some(format!("{key}_{value}")), ..FactValue::default() }
    }
}

impl From<Ref> for FactValue {
    fn from(r: Ref) -> FactValue {
        FactValue { name: r.name, path: r.path, lang: r.lang, ..FactValue::default() }
    }
}

/// The fact box of a practice example: goal, status, period, municipality, province, year,
/// organisations, conditions, results, contact and source, each only when known.
pub(crate) fn practice_facts(site: &Site, page: &Page) -> Vec<Fact> {
    let Some(p) = page.practice() else { return Vec::new() };
    let year = p.year.or(page.date.map(|d| i64::from(d.year)));
    let source = p.source.as_ref().map(safe_link).map(|l| FactValue {
        name: l.title.clone().or_else(|| l.url.clone()).unwrap_or_default(),
        url: l.url,
        year: l.year,
        pages: l.pages,
        lang: l.lang,
        html: l.title_html,
        ..FactValue::default()
    });
    let contact = p.contact.as_deref().map(|c| FactValue {
        name: c.trim_start_matches("mailto:").to_string(),
        url: Some(crate::content_model::contact_link(c)),
        ..FactValue::default()
    });
    let condition = |kind: &str| -> Vec<FactValue> {
        p.conditions.iter().filter(|c| c.kind == kind).map(|c| FactValue::text(c.text.clone())).collect()
    };
    let facts = [
        ("goal", p.goal.iter().map(FactValue::text).collect()),
        ("status", p.status.iter().map(|s| FactValue::word("status", s)).collect()),
        ("period", p.period.iter().map(|y| FactValue::text(y.to_string())).collect()),
        (
            "municipality",
            refs(site, TaxonomyField::Municipality, &p.municipalities).into_iter().map(Into::into).collect(),
        ),
        ("province", p.province.iter().map(FactValue::text).collect()),
        // A period says the year already.
        ("year", year.filter(|_| p.period.is_none()).iter().map(|y| FactValue::text(y.to_string())).collect()),
        ("organisations", p.organisations.iter().map(FactValue::text).collect()),
        ("conditions_people", condition("people")),
        ("conditions_money", condition("money")),
        ("conditions_partners", condition("partners")),
        ("results_kind", p.results_kind.iter().map(|r| FactValue::word("results_kind", r)).collect()),
        ("contact", contact.into_iter().collect()),
        ("source", source.into_iter().collect::<Vec<_>>()),
    ];
    facts.into_iter().filter(|(_, values)| !values.is_empty()).map(|(label, values)| Fact { label, values }).collect()
}

/// How many of each theme's newest practice examples [`similar_examples`] weighs: a theme of
/// thousands of examples would otherwise make every example's page cost thousands of steps.
const SIMILAR_CANDIDATES: usize = 64;

/// Up to `limit` other practice examples that share themes with `page`: among the newest
/// [`SIMILAR_CANDIDATES`] of each of its themes, the most shared themes first, then the newest,
/// then by title.
pub(crate) fn similar_examples(site: &Site, page: &Page, limit: usize) -> Vec<PageId> {
    let Some(themes) = site.taxonomies.iter().find(|t| t.field == TaxonomyField::Themes) else { return Vec::new() };
    let mut shared: HashMap<PageId, usize> = HashMap::new();
    for term in page.themes.iter().filter_map(|v| themes.term_by_name(v)) {
        // A term's pages are in listing order: practice examples newest first.
        let practice = term.pages.iter().filter(|&&id| id != page.id && site.page(id).kind == Kind::Practice);
        for &id in practice.take(SIMILAR_CANDIDATES) {
            *shared.entry(id).or_default() += 1;
        }
    }
    let mut ids: Vec<(usize, PageId)> = shared.into_iter().map(|(id, n)| (n, id)).collect();
    ids.sort_by_key(|&(n, id)| {
        let p = site.page(id);
        (std::cmp::Reverse(n), std::cmp::Reverse(p.date), p.sort_title.as_str(), p.path.as_str())
    });
    ids.into_iter().take(limit).map(|(_, id)| id).collect()
}

#[derive(Debug, Serialize)]
pub(crate) struct ToolView<'a> {
    pub(crate) url: &'a str,
    pub(crate) publisher: Option<&'a str>,
    pub(crate) tool_type: Option<Ref>,
}

/// `link` without an address that could run script. The model stage refuses such addresses;
/// should one get here, the link's text is shown without a link.
fn safe_link(link: &LinkValue) -> LinkValue {
    match &link.url {
        Some(url) if !crate::url::is_safe(url) => LinkValue { url: None, ..link.clone() },
        _ => link.clone(),
    }
}

/// Links to the taxonomy terms for `values` of `field`.
pub(crate) fn refs(site: &Site, field: TaxonomyField, values: &[String]) -> Vec<Ref> {
    let taxonomy = site.taxonomies.iter().find(|t| t.field == field);
    values
        .iter()
        .map(|v| {
            let term = taxonomy.and_then(|t| t.term_by_name(v));
            Ref {
                name: term.map_or_else(|| v.clone(), |t| t.name.clone()),
                path: term.map(|t| t.path.clone()),
                lang: term.and_then(|t| t.lang.clone()),
            }
        })
        .collect()
}

/// What lists, the feed and search show of a page: its summary, else a term's definition,
/// else the first paragraph of its text.
pub(crate) fn listing_summary<'a>(page: &'a Page, body: &'a RenderedBody) -> Option<&'a str> {
    page.listing_text().or(body.first_paragraph.as_deref())
}

impl<'a> PageView<'a> {
    /// `language` is the page's language (today always the site's).
    pub(crate) fn new(site: &'a Site, page: &'a Page, body: &'a RenderedBody, language: &Language) -> PageView<'a> {
        let term = match &page.data {
            KindData::Term(t) => Some(TermView {
                definition: &t.definition,
                definition_html: page
                    .doc
                    .front
                    .definition
                    .as_deref()
                    .map_or_else(String::new, |d| crate::text::phrases(d.trim()).1),
                related: t
                    .related
                    .iter()
                    .map(|&id| Ref {
                        name: site.page(id).title.clone(),
                        path: Some(site.page(id).path.clone()),
                        lang: None,
                    })
                    .collect(),
                sources: t.sources.iter().map(safe_link).collect(),
            }),
            _ => None,
        };
        let practice = match &page.data {
            KindData::Practice(p) => Some(PracticeView {
                municipalities: refs(site, TaxonomyField::Municipality, &p.municipalities),
                province: p.province.as_deref(),
                year: p.year.or(page.date.map(|d| i64::from(d.year))),
                organisations: &p.organisations,
                source: p.source.as_ref().map(safe_link),
                facts: practice_facts(site, page),
            }),
            _ => None,
        };
        let tool = match &page.data {
            KindData::Tool(t) => Some(ToolView {
                url: if crate::url::is_safe(&t.url) { &t.url } else { "" },
                publisher: t.publisher.as_deref(),
                tool_type: t
                    .tool_type
                    .as_ref()
                    .map(|tt| refs(site, TaxonomyField::ToolType, std::slice::from_ref(tt)).remove(0)),
            }),
            _ => None,
        };
        PageView {
            title: &page.title,
            path: &page.path,
            kind: page.kind,
            lang: &page.lang,
            summary: page.summary.as_deref(),
            date: page.date,
            date_long: page.date.map(|d| d.long(language)),
            themes: refs(site, TaxonomyField::Themes, &page.themes),
            target_groups: refs(site, TaxonomyField::TargetGroups, &page.target_groups),
            aliases: &page.aliases,
            aliases_html: page.doc.front.aliases.iter().map(|a| crate::text::phrases(a).1).collect(),
            content: &body.html,
            toc: &body.toc,
            term,
            practice,
            tool,
            local: page.is_local(),
            reviewed: page.reviewed,
            reviewed_long: page.reviewed.map(|d| d.long(language)),
            modified: page.modified,
            modified_long: page.modified.map(|d| d.long(language)),
        }
    }
}

/// Position in a paginated list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Pagination {
    pub(crate) current: usize,
    pub(crate) total: usize,
    pub(crate) first: String,
    pub(crate) last: String,
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
}

impl Pagination {
    pub(crate) fn new(words: &crate::layout::UrlWords, base: &str, current: usize, total: usize) -> Pagination {
        Pagination {
            current,
            total,
            first: words.pager_path(base, 1),
            last: words.pager_path(base, total),
            prev: (current > 1).then(|| words.pager_path(base, current - 1)),
            next: (current < total).then(|| words.pager_path(base, current + 1)),
        }
    }
}

/// Items of a list grouped by kind, in the order of [`GROUP_ORDER`]; the items are cards.
#[derive(Debug, Serialize)]
pub(crate) struct Group<T: Serialize> {
    pub(crate) kind: Kind,
    pub(crate) items: Vec<T>,
}

/// The order of the kinds in a term's grouped list.
pub(crate) const GROUP_ORDER: [Kind; 5] = [Kind::Practice, Kind::Tool, Kind::Term, Kind::Article, Kind::Theme];

// What follows are the views of lists and of the site, then the context each template is given.
// Values that many pages show (cards, the site, the taxonomies, the subsections of a section,
// the breadcrumbs to a section) are built into a template `Value` once and shared; the views
// that hold such a `Value` say which view it was built from.

/// A link with a title, as in the breadcrumbs and the footer.
#[derive(Debug, Serialize)]
pub(crate) struct Link<'a> {
    pub(crate) title: Cow<'a, str>,
    pub(crate) path: &'a str,
}

/// An item of the site's menu. `path` is a site path, or an address elsewhere when `external`.
#[derive(Debug, Serialize)]
pub(crate) struct MenuItem<'a> {
    pub(crate) title: Cow<'a, str>,
    pub(crate) path: &'a str,
    pub(crate) external: bool,
}

/// The site, which every template sees as `site`.
#[derive(Debug, Serialize)]
pub(crate) struct SiteView<'a> {
    pub(crate) title: &'a str,
    pub(crate) description: Option<&'a str>,
    pub(crate) lang: &'a str,
    /// The direction the language is written in: `ltr` or `rtl`.
    pub(crate) dir: &'static str,
    /// The address of the site's root, ending in `/`.
    pub(crate) base_url: String,
    pub(crate) menu: Vec<MenuItem<'a>>,
    /// One link per taxonomy that has terms.
    pub(crate) footer_links: Vec<Link<'a>>,
    /// The theme's settings: its defaults with the site's values applied.
    pub(crate) theme: BTreeMap<&'a str, &'a str>,
    /// The search page: `zoeken/`.
    pub(crate) search_path: &'a str,
    /// The folder of the search index, for the search script: `zoeken/index/`.
    pub(crate) search_index: Cow<'a, str>,
    /// Whether the site has search.
    pub(crate) search: bool,
    pub(crate) feed_path: String,
    /// Every taxonomy: [`TaxonomyView`] values.
    pub(crate) taxonomies: &'a [Value],
    /// The footer's links to the accessibility statement, privacy statement and contact page
    /// (`footer` in the config), in that order; left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) service_links: Vec<ServiceLink<'a>>,
    /// A site with a base: the listing of its local pages ("In onze gemeente"), which the
    /// search page offers among its lists for a reader without JavaScript.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) local_listing: Option<Link<'a>>,
}

/// A link of the footer to a page every government site has. `path` is a site path, or an
/// address elsewhere when `external`.
#[derive(Debug, Serialize)]
pub(crate) struct ServiceLink<'a> {
    /// `accessibility_statement`, `privacy_statement` or `contact`.
    pub(crate) key: &'static str,
    pub(crate) title: Cow<'a, str>,
    pub(crate) path: String,
    pub(crate) external: bool,
}

/// A taxonomy with all its terms, as on its index page.
#[derive(Debug, Serialize)]
pub(crate) struct TaxonomyView<'a> {
    /// The field's key: `themes`, `municipality`...
    pub(crate) key: &'static str,
    pub(crate) title: Cow<'a, str>,
    pub(crate) path: &'a str,
    pub(crate) terms: Vec<TermSummary<'a>>,
}

/// A term of a taxonomy in the list of all its terms.
#[derive(Debug, Serialize)]
pub(crate) struct TermSummary<'a> {
    pub(crate) name: &'a str,
    /// The language of `name` when it is not the page's ([`crate::model::TaxonomyTerm::lang`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) lang: Option<&'a str>,
    pub(crate) path: &'a str,
    /// The number of pages with this term.
    pub(crate) count: usize,
    /// The summary of the page that backs the term, if one does.
    pub(crate) summary: Option<&'a str>,
}

/// A section as an item of a list (the home page's sections, a section's subsections).
#[derive(Debug, Serialize)]
pub(crate) struct SectionSummary<'a> {
    pub(crate) title: &'a str,
    pub(crate) path: &'a str,
    pub(crate) summary: Option<&'a str>,
    /// The number of pages directly in the section.
    pub(crate) count: usize,
}

impl<'a> SectionSummary<'a> {
    pub(crate) fn new(s: &'a Section) -> SectionSummary<'a> {
        SectionSummary { title: &s.title, path: &s.path, summary: s.summary.as_deref(), count: s.pages.len() }
    }
}

/// The home page's lists, as `home`.
#[derive(Debug, Serialize)]
pub(crate) struct HomeView {
    /// The top sections: [`SectionSummary`] values.
    pub(crate) sections: Value,
    /// The six most recent practice examples: cards.
    pub(crate) latest: Vec<Value>,
    /// The themes taxonomy: a [`TaxonomyView`] value.
    pub(crate) themes: Option<Value>,
    /// The municipality taxonomy: a [`TaxonomyView`] value.
    pub(crate) municipalities: Option<Value>,
    /// `home: intro` of the config, by paragraph, as HTML (inline Markdown rendered): shown
    /// instead of the home page's summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) intro: Option<Vec<String>>,
}

/// A section's own page (one page of it, when its list is paginated), as `section`.
#[derive(Debug, Serialize)]
pub(crate) struct SectionView<'a> {
    pub(crate) title: &'a str,
    pub(crate) path: &'a str,
    pub(crate) summary: Option<&'a str>,
    /// The rendered Markdown of its `_index.md` (HTML).
    pub(crate) content: &'a str,
    pub(crate) toc: &'a [TocEntry],
    /// The kind of its first page.
    pub(crate) kind: Option<Kind>,
    /// The number of its pages, on all pages of the list.
    pub(crate) count: usize,
    /// The cards of the pages on this page of the list.
    pub(crate) pages: Vec<Value>,
    /// [`SectionSummary`] values.
    pub(crate) subsections: Value,
    pub(crate) pagination: Option<Pagination>,
    /// For a glossary (a section of terms in alphabetical order): the A–Z index over all pages
    /// of the list, and this page's cards by first letter. Empty otherwise.
    pub(crate) alphabet: Vec<Letter>,
    pub(crate) letters: Vec<LetterGroup>,
    /// Ways to narrow the list (by municipality, by theme): only those with two or more
    /// options. [`Filter`] values.
    pub(crate) filters: Value,
    /// In the site of a translation language: the section's pages that are not translated yet,
    /// linked in the site's own language.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) untranslated: Vec<Untranslated<'a>>,
}

/// A page not translated into the language of the list, linked in the language it is in.
#[derive(Debug, Serialize)]
pub(crate) struct Untranslated<'a> {
    pub(crate) title: &'a str,
    pub(crate) path: &'a str,
    pub(crate) lang: &'a str,
}

/// A letter of a glossary's A–Z index.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Letter {
    /// `A`...`Z`, or `#` for terms that start with another character.
    pub(crate) letter: char,
    /// The id of the letter's group on its list page: `ww-letter-a`.
    pub(crate) id: String,
    /// The list page that holds the letter's first term; `None` when no term starts with it.
    pub(crate) path: Option<String>,
}

/// The cards of a glossary page that start with one letter.
#[derive(Debug, Serialize)]
pub(crate) struct LetterGroup {
    pub(crate) letter: char,
    pub(crate) id: String,
    pub(crate) items: Vec<Value>,
}

/// The letter a page is listed under: the first letter of its title without accents.
pub(crate) fn letter_of(page: &Page) -> char {
    match page.sort_title.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase(),
        _ => '#',
    }
}

fn letter_id(letter: char) -> String {
    if letter == '#' { "ww-letter-other".into() } else { format!("ww-letter-{}", letter.to_ascii_lowercase()) }
}

/// The A–Z index of a section's pages (`pages`, in listing order, `per_page` to a list page):
/// every letter, with the list page of its first term. Empty unless every page is a term and
/// the order is alphabetical (a weight can put a term out of order; then there is no index).
pub(crate) fn alphabet(
    site: &Site,
    words: &crate::layout::UrlWords,
    base: &str,
    pages: &[PageId],
    per_page: usize,
) -> Vec<Letter> {
    let letters: Vec<char> = pages.iter().map(|&id| letter_of(site.page(id))).collect();
    // Titles sort by their slug, so `#` (digits first) comes before A, as in ASCII.
    let in_order = letters.windows(2).all(|w| w[0] <= w[1]);
    if pages.is_empty() || !in_order || pages.iter().any(|&id| site.page(id).kind != Kind::Term) {
        return Vec::new();
    }
    let other = letters.contains(&'#').then_some('#');
    let all: Vec<char> = other.into_iter().chain('A'..='Z').collect();
    all.into_iter()
        .map(|letter| Letter {
            letter,
            id: letter_id(letter),
            path: letters.iter().position(|&l| l == letter).map(|i| {
                let n = i.checked_div(per_page).map_or(1, |page| page + 1);
                words.pager_path(base, n)
            }),
        })
        .collect()
}

/// The cards of one list page (`pages` with their `cards`) grouped by first letter.
pub(crate) fn letter_groups(site: &Site, pages: &[PageId], cards: &[Value]) -> Vec<LetterGroup> {
    pages
        .chunk_by(|&a, &b| letter_of(site.page(a)) == letter_of(site.page(b)))
        .map(|run| {
            let letter = letter_of(site.page(run[0]));
            LetterGroup { letter, id: letter_id(letter), items: run.iter().map(|&id| cards[id].clone()).collect() }
        })
        .collect()
}

/// A way to narrow a list: the values of one taxonomy among the list's pages.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Filter {
    /// The taxonomy's key: `municipality`, `themes`.
    pub(crate) key: &'static str,
    /// The taxonomy's index page.
    pub(crate) path: String,
    pub(crate) options: Vec<FilterOption>,
}

/// A value to filter on: links to its term's page; `value` matches [`Card::facets`].
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct FilterOption {
    pub(crate) name: String,
    /// The language of `name` when it is not the page's ([`crate::model::TaxonomyTerm::lang`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) lang: Option<String>,
    pub(crate) path: String,
    pub(crate) value: String,
    /// The number of the list's pages with this value.
    pub(crate) count: usize,
}

/// The filters of a list of `pages`, for each of [`FILTER_FIELDS`] that has two or more values
/// among them; values in the taxonomy's (alphabetical) order.
pub(crate) fn filters(site: &Site, pages: &[PageId]) -> Vec<Filter> {
    FILTER_FIELDS
        .iter()
        .filter_map(|&field| {
            let tax = site.taxonomies.iter().find(|t| t.field == field)?;
            // By slug, the order of the taxonomy's terms.
            let mut counts: BTreeMap<&str, (&crate::model::TaxonomyTerm, usize)> = BTreeMap::new();
            for &id in pages {
                let page = site.page(id);
                let values = match field {
                    TaxonomyField::Municipality => page.practice().map_or(&[][..], |p| &p.municipalities[..]),
                    _ => &page.themes[..],
                };
                for term in values.iter().filter_map(|v| tax.term_by_name(v)) {
                    counts.entry(&term.slug).or_insert((term, 0)).1 += 1;
                }
            }
            let options: Vec<FilterOption> = counts
                .into_values()
                .map(|(term, count)| FilterOption {
                    name: term.name.clone(),
                    lang: term.lang.clone(),
                    path: term.path.clone(),
                    value: format!("{}:{}", field.key(), term.slug),
                    count,
                })
                .collect();
            (options.len() > 1).then(|| Filter { key: field.key(), path: tax.path.clone(), options })
        })
        .chain(local_filter(site, pages))
        .collect()
}

/// The filter "In onze gemeente" of a list with both local and base pages, linking to the
/// listing of all local pages.
fn local_filter(site: &Site, pages: &[PageId]) -> Option<Filter> {
    let listing = site.local_listing?;
    let count = pages.iter().filter(|&&id| site.page(id).is_local()).count();
    if count == 0 || count == pages.len() {
        return None;
    }
    let path = site.sections[listing].path.clone();
    let name = site.sections[listing].title.clone();
    let option = FilterOption { name, lang: None, path: path.clone(), value: LOCAL_FACET.to_string(), count };
    Some(Filter { key: "origin", path, options: vec![option] })
}

/// A taxonomy term's list of pages, grouped by kind (one page of it, when paginated), as `term`
/// on the term's page.
#[derive(Debug, Serialize)]
pub(crate) struct TermListing<'a> {
    pub(crate) name: &'a str,
    /// The language of `name` when it is not the page's ([`crate::model::TaxonomyTerm::lang`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) lang: Option<&'a str>,
    pub(crate) path: &'a str,
    /// The taxonomy's key.
    pub(crate) taxonomy: &'static str,
    pub(crate) taxonomy_path: &'a str,
    /// The number of pages with this term, on all pages of the list.
    pub(crate) count: usize,
    /// The pages on this page of the list: cards.
    pub(crate) groups: Vec<Group<Value>>,
    pub(crate) pagination: Option<Pagination>,
    /// In the site of a translation language: the term's pages that are not translated yet,
    /// linked in the site's own language (on the list's first page).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) untranslated: Vec<Untranslated<'a>>,
}

/// A URL in the sitemap.
#[derive(Debug, Serialize)]
pub(crate) struct SitemapEntry {
    pub(crate) loc: String,
    pub(crate) lastmod: Option<String>,
}

/// An entry of the Atom feed.
#[derive(Debug, Serialize)]
pub(crate) struct FeedEntry<'a> {
    pub(crate) title: &'a str,
    /// The entry's `<id>`, as the feed's.
    pub(crate) id: String,
    pub(crate) url: String,
    /// RFC 3339.
    pub(crate) updated: Option<String>,
    pub(crate) summary: Option<&'a str>,
}

/// What the template of an HTML page (and of `robots.txt` and `theme.css`) is given, besides
/// `site` ([`SiteView`]) and `t` (the theme's strings), which every template sees.
#[derive(Debug, Serialize)]
pub(crate) struct HtmlContext<'a, V: Serialize> {
    /// The way up from this page to the site's root (`../../`), to prefix site paths with.
    pub(crate) root: String,
    /// This page's site path.
    pub(crate) current_path: &'a str,
    /// This page's address.
    pub(crate) canonical: String,
    /// In a site of more than one language: this page in every language (itself too), for
    /// `hreflang` links and the language switcher.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) languages: Vec<crate::model::translation::Alternate>,
    /// What the page shows, by template.
    #[serde(flatten)]
    pub(crate) view: V,
}

/// A content page's template (`term.html`, ..., else `page.html`).
#[derive(Debug, Serialize)]
pub(crate) struct PageContext<'a> {
    pub(crate) page: PageView<'a>,
    /// The sections from the home page down to the page's own: [`Link`] values.
    pub(crate) breadcrumbs: Value,
    /// When the page backs a taxonomy term (a theme page), the term's list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) term: Option<TermListing<'a>>,
    /// For a practice example: other examples with the same themes ([`similar_examples`]),
    /// as cards.
    pub(crate) similar: Vec<Value>,
}

/// `section.html`, and `index.html` for the home page.
#[derive(Debug, Serialize)]
pub(crate) struct SectionContext<'a> {
    pub(crate) section: SectionView<'a>,
    /// The sections above this one: [`Link`] values.
    pub(crate) breadcrumbs: Value,
    /// When the section's path is a taxonomy's (`themas/`), that taxonomy: a [`TaxonomyView`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) taxonomy: Option<Value>,
    /// On the home page only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) home: Option<Value>,
    /// On the glossary's section: the site path of its SKOS export (`begrippen.jsonld`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) glossary_export: Option<&'static str>,
}

/// `taxonomy.html`, the index of a taxonomy that has no section of its own.
#[derive(Debug, Serialize)]
pub(crate) struct TaxonomyContext {
    /// A [`TaxonomyView`] value.
    pub(crate) taxonomy: Value,
    /// [`Link`] values.
    pub(crate) breadcrumbs: Value,
}

/// `taxonomy_term.html`, the page of a term that no page backs.
#[derive(Debug, Serialize)]
pub(crate) struct TermContext<'a> {
    /// A [`TaxonomyView`] value.
    pub(crate) taxonomy: Value,
    pub(crate) term: TermListing<'a>,
    /// [`Link`] values.
    pub(crate) breadcrumbs: Value,
}

/// The pages that show nothing of their own: `404.html`, `search.html`, `robots.txt`,
/// `theme.css`.
#[derive(Debug, Serialize)]
pub(crate) struct Plain {}

/// `sitemap.xml`.
#[derive(Debug, Serialize)]
pub(crate) struct SitemapContext {
    pub(crate) urls: Vec<SitemapEntry>,
}

/// `atom.xml`.
#[derive(Debug, Serialize)]
pub(crate) struct FeedContext<'a> {
    /// The feed's `<id>`: its address, or a `urn:uuid:` when `base_url` is only a path.
    pub(crate) id: String,
    pub(crate) feed_url: String,
    /// RFC 3339: the newest entry's date.
    pub(crate) updated: String,
    pub(crate) entries: Vec<FeedEntry<'a>>,
}
