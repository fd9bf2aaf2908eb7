//! The home page's intro from the config (`home: intro`): inline Markdown (links, emphasis),
//! rendered by the same Markdown pass as the pages' bodies, so its links are resolved and
//! checked as theirs are (a link to `begrippen/statushouder.md` works, a broken one is an
//! error). Its problems are reported at the intro in the config file, since that is where the
//! editor wrote it.

use super::markdown::{self, RenderedBody};
use crate::config::{Config, Written};
use crate::diagnostic::Diagnostic;
use crate::load::{DocRole, RawFrontMatter, SourceDoc};
use crate::msg;

/// The intro, rendered: each paragraph's HTML without its `<p>` (the home template wraps
/// them, the first as the lead), and the bodies, for the site-wide anchor check.
#[derive(Debug, Default)]
pub(crate) struct Intro {
    pub(crate) paragraphs: Option<Vec<String>>,
    pub(crate) bodies: Vec<RenderedBody>,
}

/// Renders `home: intro` with `ctx`. Links resolve from the content folder's top, as in the
/// home page's `_index.md`.
pub(crate) fn render(config: &Config, ctx: &markdown::Context<'_>) -> (Intro, Vec<Diagnostic>) {
    let (Some(written), Some(paragraphs)) = (config.home.intro.as_ref(), config.home.intro_paragraphs()) else {
        return (Intro::default(), Vec::new());
    };
    let mut problems = Vec::new();
    let mut html = Vec::with_capacity(paragraphs.len());
    let mut bodies = Vec::with_capacity(paragraphs.len());
    for text in paragraphs {
        let doc = intro_doc(config, written, &text);
        let mut body = markdown::render(&doc, "", ctx, &mut ());
        let at_intro = |d: Diagnostic| written.at.at_value(d);
        problems.extend(body.diagnostics.drain(..).map(at_intro));
        for r in &mut body.anchor_refs {
            r.if_missing = at_intro(r.if_missing.clone());
        }
        match one_paragraph(&body.html) {
            Some(inner) => html.push(inner.to_string()),
            None => {
                // A list, heading or quote does not fit in the lead: shown as the text it is.
                problems.push(
                    at_intro(Diagnostic::warning("intro-not-inline", msg!("intro-not-inline")))
                        .help(msg!("intro-not-inline.help")),
                );
                html.push(crate::text::escape_html(&text));
            }
        }
        bodies.push(body);
    }
    (Intro { paragraphs: Some(html), bodies }, problems)
}

/// The inner HTML of `html` when it is one paragraph and nothing else.
fn one_paragraph(html: &str) -> Option<&str> {
    let inner = html.trim_end().strip_prefix("<p>")?.strip_suffix("</p>")?;
    (!inner.contains("<p>") && !inner.contains("</p>")).then_some(inner)
}

/// One paragraph of the intro as a Markdown file of the site: at the home page's place, from
/// the layer of the config that wrote it (a base's intro is the base's: its links to pages the
/// local site leaves out become text, as in the base's pages).
fn intro_doc(config: &Config, written: &Written<String>, text: &str) -> SourceDoc {
    use crate::layers::Origin;
    let shown = written.at.file.path.clone();
    let origin = match &config.base {
        None => Origin::Site,
        Some(base) if base.config_shown.as_deref() == Some(shown.as_path()) => Origin::Base,
        Some(_) => Origin::Local,
    };
    SourceDoc {
        rel_path: "_index.md".to_string(),
        shown,
        layer: 0,
        text: text.to_string(),
        body_start: 0,
        yaml: 0..0,
        role: DocRole::Section,
        // A welcome, not a text about terms: no glossary links and their tooltips in the lead.
        front: RawFrontMatter { readable: true, glossary_links: Some(false), ..Default::default() },
        lang: config.language.clone(),
        revision: 0,
        origin,
    }
}

#[cfg(test)]
mod tests {
    use super::one_paragraph;

    #[test]
    fn only_one_paragraph_is_inline() {
        assert_eq!(one_paragraph("<p>Welkom <em>hier</em>.</p>\n"), Some("Welkom <em>hier</em>."));
        assert_eq!(one_paragraph("<ul>\n<li>a</li>\n</ul>\n"), None);
        assert_eq!(one_paragraph("<p>a</p>\n<p>b</p>\n"), None);
        assert_eq!(one_paragraph("<h1>a</h1>\n"), None);
    }
}
