//! Index stage: the client-side search index, a pure function of the site and its rendered
//! bodies. Takes the [`Site`] and the bodies from the render stage; gives the index files.
//!
//! The document list below is the index's schema: one entry per page with the fields search
//! ranks and filters on.

use serde::Serialize;

use crate::model::Site;
use crate::render::markdown::RenderedBody;
use crate::write::{Content, OutputFile};

/// Where the index is written, relative to the site root.
pub const INDEX_PATH: &str = "zoeken/index.json";

/// One searchable page.
#[derive(Debug, Serialize)]
pub struct Document<'a> {
    pub title: &'a str,
    pub path: &'a str,
    pub kind: &'static str,
    pub summary: Option<&'a str>,
    pub headings: &'a [String],
    pub text: &'a str,
    pub aliases: &'a [String],
    pub municipalities: &'a [String],
    pub themes: &'a [String],
    pub target_groups: &'a [String],
    pub tool_type: Option<&'a str>,
}

/// Builds the index files.
pub fn build(site: &Site, bodies: &[RenderedBody]) -> Vec<OutputFile> {
    let docs: Vec<Document<'_>> = site
        .pages
        .iter()
        .map(|p| Document {
            title: &p.title,
            path: &p.path,
            kind: p.kind.name(),
            summary: p.listing_text(),
            headings: &bodies[p.id].headings,
            text: &bodies[p.id].plain,
            aliases: &p.aliases,
            municipalities: p.practice().map_or(&[], |x| &x.municipalities),
            themes: &p.themes,
            target_groups: &p.target_groups,
            tool_type: p.tool().and_then(|t| t.tool_type.as_deref()),
        })
        .collect();
    let json = serde_json::to_vec(&docs).expect("the index serialises");
    vec![OutputFile { path: INDEX_PATH.into(), content: Content::Bytes(json) }]
}
