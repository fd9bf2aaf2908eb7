//! What templates see: plain serialisable views of the model, with every URL as a site path
//! (`begrippen/statushouder/`) that templates prefix with `root`, and the context each template
//! is given ([`SiteView`] as `site` for all; [`HtmlContext`] with a [`PageContext`],
//! [`SectionContext`]... per page). Their fields are the template API documented in the README;
//! keep them stable. `tests/views.rs` snapshots every template's context for a small site.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;
use tera::Value;

use crate::config::TaxonomyField;
use crate::date::Date;
use crate::kind::Kind;
use crate::language::Language;
use crate::model::{KindData, Page, Section, Site};
use crate::render::markdown::{RenderedBody, TocEntry};
use crate::yaml::LinkValue;

/// A named link inside the site. `path` is `None` when the target has no page (a taxonomy that
/// is turned off).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Ref {
    pub name: String,
    pub path: Option<String>,
}

/// A page as an item of a list.
#[derive(Debug, Clone, Serialize)]
pub struct Card<'a> {
    pub title: &'a str,
    pub path: &'a str,
    pub kind: Kind,
    pub summary: Option<&'a str>,
    pub date: Option<Date>,
    pub date_long: Option<String>,
    /// For practice examples: `year`, else the year of `date`.
    pub year: Option<i64>,
    pub municipalities: &'a [String],
    pub tool_type: Option<&'a str>,
    pub url: Option<&'a str>,
}

impl<'a> Card<'a> {
    pub fn new(page: &'a Page, body: &'a RenderedBody, lang: &str) -> Card<'a> {
        Card {
            title: &page.title,
            path: &page.path,
            kind: page.kind,
            summary: page.listing_text().or(body.first_paragraph.as_deref()),
            date: page.date,
            date_long: page.date.map(|d| d.long(&Language::for_tag(lang))),
            year: page.practice().and_then(|p| p.year.or(page.date.map(|d| i64::from(d.year)))),
            municipalities: page.practice().map_or(&[], |p| &p.municipalities),
            tool_type: page.tool().and_then(|t| t.tool_type.as_deref()),
            url: page.tool().map(|t| t.url.as_str()),
        }
    }
}

/// A page with everything its own template shows.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub path: &'a str,
    pub kind: Kind,
    pub lang: &'a str,
    pub summary: Option<&'a str>,
    pub date: Option<Date>,
    pub date_long: Option<String>,
    pub themes: Vec<Ref>,
    pub target_groups: Vec<Ref>,
    pub aliases: &'a [String],
    /// The rendered Markdown body (HTML).
    pub content: &'a str,
    pub toc: &'a [TocEntry],
    pub term: Option<TermView<'a>>,
    pub practice: Option<PracticeView<'a>>,
    pub tool: Option<ToolView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct TermView<'a> {
    pub definition: &'a str,
    pub related: Vec<Ref>,
    pub sources: Vec<LinkValue>,
}

#[derive(Debug, Serialize)]
pub struct PracticeView<'a> {
    pub municipalities: Vec<Ref>,
    pub province: Option<&'a str>,
    pub year: Option<i64>,
    pub organisations: &'a [String],
    pub source: Option<LinkValue>,
}

#[derive(Debug, Serialize)]
pub struct ToolView<'a> {
    pub url: &'a str,
    pub publisher: Option<&'a str>,
    pub tool_type: Option<Ref>,
}

/// `link` without an address that could run script. The model stage refuses such addresses;
/// should one get here, the link's text is shown without a link.
fn safe_link(link: &LinkValue) -> LinkValue {
    match &link.url {
        Some(url) if !crate::url::is_safe(url) => LinkValue { title: link.title.clone(), url: None },
        _ => link.clone(),
    }
}

/// Links to the taxonomy terms for `values` of `field`.
pub fn refs(site: &Site, field: TaxonomyField, values: &[String]) -> Vec<Ref> {
    let taxonomy = site.taxonomies.iter().find(|t| t.field == field);
    values
        .iter()
        .map(|v| {
            let term = taxonomy.and_then(|t| t.term_by_name(v));
            Ref { name: term.map_or_else(|| v.clone(), |t| t.name.clone()), path: term.map(|t| t.path.clone()) }
        })
        .collect()
}

impl<'a> PageView<'a> {
    pub fn new(site: &'a Site, page: &'a Page, body: &'a RenderedBody) -> PageView<'a> {
        let term = match &page.data {
            KindData::Term(t) => Some(TermView {
                definition: &t.definition,
                related: t
                    .related
                    .iter()
                    .map(|&id| Ref { name: site.page(id).title.clone(), path: Some(site.page(id).path.clone()) })
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
            date_long: page.date.map(|d| d.long(&Language::for_tag(&page.lang))),
            themes: refs(site, TaxonomyField::Themes, &page.themes),
            target_groups: refs(site, TaxonomyField::TargetGroups, &page.target_groups),
            aliases: &page.aliases,
            content: &body.html,
            toc: &body.toc,
            term,
            practice,
            tool,
        }
    }
}

/// Position in a paginated list.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub first: String,
    pub last: String,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pagination {
    pub fn new(words: &crate::layout::UrlWords, base: &str, current: usize, total: usize) -> Pagination {
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
pub struct Group<T: Serialize> {
    pub kind: Kind,
    pub items: Vec<T>,
}

/// The order of the kinds in a term's grouped list.
pub const GROUP_ORDER: [Kind; 5] = [Kind::Practice, Kind::Tool, Kind::Term, Kind::Article, Kind::Theme];

// What follows are the views of lists and of the site, then the context each template is given.
// Values that many pages show (cards, the site, the taxonomies, the subsections of a section,
// the breadcrumbs to a section) are built into a template `Value` once and shared; the views
// that hold such a `Value` say which view it was built from.

/// A link with a title, as in the breadcrumbs and the footer.
#[derive(Debug, Serialize)]
pub struct Link<'a> {
    pub title: Cow<'a, str>,
    pub path: &'a str,
}

/// An item of the site's menu. `path` is a site path, or an address elsewhere when `external`.
#[derive(Debug, Serialize)]
pub struct MenuItem<'a> {
    pub title: Cow<'a, str>,
    pub path: &'a str,
    pub external: bool,
}

/// The site, which every template sees as `site`.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub lang: &'a str,
    /// The address of the site's root, ending in `/`.
    pub base_url: String,
    pub menu: Vec<MenuItem<'a>>,
    /// One link per taxonomy that has terms.
    pub footer_links: Vec<Link<'a>>,
    /// The theme's settings: its defaults with the site's values applied.
    pub theme: BTreeMap<&'a str, &'a str>,
    /// The search page: `zoeken/`.
    pub search_path: &'a str,
    /// The folder of the search index, for the search script: `zoeken/index/`.
    pub search_index: &'a str,
    /// Whether the site has search.
    pub search: bool,
    pub feed_path: &'static str,
    /// Every taxonomy: [`TaxonomyView`] values.
    pub taxonomies: &'a [Value],
}

/// A taxonomy with all its terms, as on its index page.
#[derive(Debug, Serialize)]
pub struct TaxonomyView<'a> {
    /// The field's key: `themes`, `municipality`...
    pub key: &'static str,
    pub title: Cow<'a, str>,
    pub path: &'a str,
    pub terms: Vec<TermSummary<'a>>,
}

/// A term of a taxonomy in the list of all its terms.
#[derive(Debug, Serialize)]
pub struct TermSummary<'a> {
    pub name: &'a str,
    pub path: &'a str,
    /// The number of pages with this term.
    pub count: usize,
    /// The summary of the page that backs the term, if one does.
    pub summary: Option<&'a str>,
}

/// A section as an item of a list (the home page's sections, a section's subsections).
#[derive(Debug, Serialize)]
pub struct SectionSummary<'a> {
    pub title: &'a str,
    pub path: &'a str,
    pub summary: Option<&'a str>,
    /// The number of pages directly in the section.
    pub count: usize,
}

impl<'a> SectionSummary<'a> {
    pub fn new(s: &'a Section) -> SectionSummary<'a> {
        SectionSummary { title: &s.title, path: &s.path, summary: s.summary.as_deref(), count: s.pages.len() }
    }
}

/// The home page's lists, as `home`.
#[derive(Debug, Serialize)]
pub struct HomeView {
    /// The top sections: [`SectionSummary`] values.
    pub sections: Value,
    /// The six most recent practice examples: cards.
    pub latest: Vec<Value>,
    /// The themes taxonomy: a [`TaxonomyView`] value.
    pub themes: Option<Value>,
    /// The municipality taxonomy: a [`TaxonomyView`] value.
    pub municipalities: Option<Value>,
}

/// A section's own page (one page of it, when its list is paginated), as `section`.
#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    pub title: &'a str,
    pub path: &'a str,
    pub summary: Option<&'a str>,
    /// The rendered Markdown of its `_index.md` (HTML).
    pub content: &'a str,
    pub toc: &'a [TocEntry],
    /// The kind of its first page.
    pub kind: Option<Kind>,
    /// The number of its pages, on all pages of the list.
    pub count: usize,
    /// The cards of the pages on this page of the list.
    pub pages: Vec<Value>,
    /// [`SectionSummary`] values.
    pub subsections: Value,
    pub pagination: Option<Pagination>,
}

/// A taxonomy term's list of pages, grouped by kind (one page of it, when paginated), as `term`
/// on the term's page.
#[derive(Debug, Serialize)]
pub struct TermListing<'a> {
    pub name: &'a str,
    pub path: &'a str,
    /// The taxonomy's key.
    pub taxonomy: &'static str,
    pub taxonomy_path: &'a str,
    /// The number of pages with this term, on all pages of the list.
    pub count: usize,
    /// The pages on this page of the list: cards.
    pub groups: Vec<Group<Value>>,
    pub pagination: Option<Pagination>,
}

/// A URL in the sitemap.
#[derive(Debug, Serialize)]
pub struct SitemapEntry {
    pub loc: String,
    pub lastmod: Option<String>,
}

/// An entry of the Atom feed.
#[derive(Debug, Serialize)]
pub struct FeedEntry<'a> {
    pub title: &'a str,
    pub url: String,
    /// RFC 3339.
    pub updated: Option<String>,
    pub summary: Option<&'a str>,
}

/// What the template of an HTML page (and of `robots.txt` and `theme.css`) is given, besides
/// `site` ([`SiteView`]) and `t` (the theme's strings), which every template sees.
#[derive(Debug, Serialize)]
pub struct HtmlContext<'a, V: Serialize> {
    /// The way up from this page to the site's root (`../../`), to prefix site paths with.
    pub root: String,
    /// This page's site path.
    pub current_path: &'a str,
    /// This page's address.
    pub canonical: String,
    /// What the page shows, by template.
    #[serde(flatten)]
    pub view: V,
}

/// A content page's template (`term.html`, ..., else `page.html`).
#[derive(Debug, Serialize)]
pub struct PageContext<'a> {
    pub page: PageView<'a>,
    /// The sections from the home page down to the page's own: [`Link`] values.
    pub breadcrumbs: Value,
    /// When the page backs a taxonomy term (a theme page), the term's list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<TermListing<'a>>,
}

/// `section.html`, and `index.html` for the home page.
#[derive(Debug, Serialize)]
pub struct SectionContext<'a> {
    pub section: SectionView<'a>,
    /// The sections above this one: [`Link`] values.
    pub breadcrumbs: Value,
    /// When the section's path is a taxonomy's (`themas/`), that taxonomy: a [`TaxonomyView`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taxonomy: Option<Value>,
    /// On the home page only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub home: Option<Value>,
}

/// `taxonomy.html`, the index of a taxonomy that has no section of its own.
#[derive(Debug, Serialize)]
pub struct TaxonomyContext {
    /// A [`TaxonomyView`] value.
    pub taxonomy: Value,
    /// [`Link`] values.
    pub breadcrumbs: Value,
}

/// `taxonomy_term.html`, the page of a term that no page backs.
#[derive(Debug, Serialize)]
pub struct TermContext<'a> {
    /// A [`TaxonomyView`] value.
    pub taxonomy: Value,
    pub term: TermListing<'a>,
    /// [`Link`] values.
    pub breadcrumbs: Value,
}

/// The pages that show nothing of their own: `404.html`, `search.html`, `robots.txt`,
/// `theme.css`.
#[derive(Debug, Serialize)]
pub struct Plain {}

/// `sitemap.xml`.
#[derive(Debug, Serialize)]
pub struct SitemapContext {
    pub urls: Vec<SitemapEntry>,
}

/// `atom.xml`.
#[derive(Debug, Serialize)]
pub struct FeedContext<'a> {
    pub feed_url: String,
    /// RFC 3339: the newest entry's date.
    pub updated: String,
    pub entries: Vec<FeedEntry<'a>>,
}
