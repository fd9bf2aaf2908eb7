//! What templates see: plain serialisable views of the model, with every URL as a site path
//! (`begrippen/statushouder/`) that templates prefix with `root`. Their fields are the template
//! API documented in the README; keep them stable.

use serde::Serialize;

use crate::config::TaxonomyField;
use crate::date::Date;
use crate::kind::Kind;
use crate::language::Language;
use crate::model::{KindData, Page, Site};
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

pub use crate::layout::pager_path;

impl Pagination {
    pub fn new(base: &str, current: usize, total: usize) -> Pagination {
        Pagination {
            current,
            total,
            first: pager_path(base, 1),
            last: pager_path(base, total),
            prev: (current > 1).then(|| pager_path(base, current - 1)),
            next: (current < total).then(|| pager_path(base, current + 1)),
        }
    }
}

/// Items of a list grouped by kind, in a fixed order of kinds.
#[derive(Debug, Serialize)]
pub struct Group<T: Serialize> {
    pub kind: Kind,
    pub items: Vec<T>,
}

pub const GROUP_ORDER: [Kind; 5] = [Kind::Practice, Kind::Tool, Kind::Term, Kind::Article, Kind::Theme];
