//! The glossary as open data: every term as a SKOS concept in JSON-LD, after the Dutch NL-SBB
//! profile (Nederlandse standaard voor het beschrijven van begrippen) that the Dutch
//! standardisation forum requires for publishing term lists. Written next to the site as
//! [`GLOSSARY_EXPORT`] and linked from the glossary's section page.
//!
//! One `skos:ConceptScheme` (the glossary, with `skos:prefLabel`, `rdfs:label`, `dct:title` and
//! `skos:hasTopConcept`), and per term a `skos:Concept` with `skos:prefLabel` and `rdfs:label`
//! (the title), `skos:altLabel` (its aliases), `skos:definition`, `skos:inScheme` and
//! `skos:topConceptOf` (the list is flat, so every term is a top concept), `skos:related` (its
//! `related` terms) and `dct:source` (its sources: the address, else the title). Every text is
//! tagged with the site's language. A concept's IRI is its page's address, so it resolves.

use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::kind::Kind;
use crate::model::Site;

/// The file, at the root of the output folder.
pub(crate) const GLOSSARY_EXPORT: &str = "begrippen.jsonld";

/// The export, when the site has terms.
pub(crate) fn export(config: &Config, site: &Site) -> Option<Vec<u8>> {
    let terms: Vec<_> = site.pages_of(Kind::Term).collect();
    if terms.is_empty() {
        return None;
    }
    let base = &config.base_url;
    let lang = config.language.as_str();
    let text = |s: &str| json!({ "@value": s, "@language": lang });
    // The glossary's own page when it has one (the section of the terms), else the export.
    let section = &site.sections[terms[0].section];
    let scheme = if section.id != 0 { base.absolute(&section.path) } else { base.absolute(GLOSSARY_EXPORT) };
    let scheme_title = if section.id != 0 { section.title.clone() } else { site.title.clone() };
    let mut graph = vec![json!({
        "@id": scheme,
        "@type": "skos:ConceptScheme",
        "skos:prefLabel": text(&scheme_title),
        "rdfs:label": text(&scheme_title),
        "dct:title": text(&scheme_title),
        "skos:hasTopConcept": terms.iter().map(|p| json!({ "@id": base.absolute(&p.path) })).collect::<Vec<_>>(),
    })];
    for page in &terms {
        let Some(term) = page.term() else { continue };
        let mut c = Map::new();
        c.insert("@id".into(), json!(base.absolute(&page.path)));
        c.insert("@type".into(), json!("skos:Concept"));
        c.insert("skos:prefLabel".into(), text(&page.title));
        c.insert("rdfs:label".into(), text(&page.title));
        if !page.aliases.is_empty() {
            c.insert("skos:altLabel".into(), Value::Array(page.aliases.iter().map(|a| text(a)).collect()));
        }
        if !term.definition.is_empty() {
            c.insert("skos:definition".into(), text(&term.definition));
        }
        c.insert("skos:inScheme".into(), json!({ "@id": scheme }));
        c.insert("skos:topConceptOf".into(), json!({ "@id": scheme }));
        if !term.related.is_empty() {
            let related = term.related.iter().map(|&id| json!({ "@id": base.absolute(&site.page(id).path) }));
            c.insert("skos:related".into(), Value::Array(related.collect()));
        }
        let sources: Vec<Value> = term
            .sources
            .iter()
            .filter_map(|s| match (&s.url, &s.title) {
                (Some(url), _) if crate::url::is_safe(url) => Some(json!({ "@id": url })),
                (_, Some(title)) => Some(text(title)),
                _ => None,
            })
            .collect();
        if !sources.is_empty() {
            c.insert("dct:source".into(), Value::Array(sources));
        }
        graph.push(Value::Object(c));
    }
    let doc = json!({
        "@context": {
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "dct": "http://purl.org/dc/terms/",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        },
        "@graph": graph,
    });
    let mut out = serde_json::to_vec_pretty(&doc).expect("JSON values serialise");
    out.push(b'\n');
    Some(out)
}
