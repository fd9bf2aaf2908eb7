//! Splitting a file into YAML front matter and Markdown body, and reading the front matter into
//! [`RawFrontMatter`]: every field optional, types checked, unknown keys reported. Whether the
//! values make sense together (a tool needs a `url`, `related` names existing terms) is for the
//! model stage.

use std::ops::Range;

use crate::date::Date;
use crate::diagnostic::{Diagnostic, SourceText};
use crate::kind::{Kind, SECTION_KEYS};
use crate::yaml::{KeySpans, LinkValue, YamlMap};

/// Where the front matter and the body are in a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The YAML between the `---` lines.
    pub yaml: Range<usize>,
    /// Everything after the closing `---` line.
    pub body: Range<usize>,
}

/// Finds the front matter: a first line `---`, YAML, a line `---`.
pub fn split(src: SourceText<'_>) -> Result<Split, Diagnostic> {
    let text = src.text;
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_line_end].trim_end();
    if first != "---" {
        let (code, message, help) = if first == "+++" {
            (
                "toml-front-matter",
                "TOML front matter (`+++`) is not supported",
                "write the front matter as YAML between two lines `---`",
            )
        } else if text.trim().is_empty() {
            (
                "empty-file",
                "the file is empty",
                "start the file with front matter: a line `---`, `title: ...`, and a line `---`",
            )
        } else {
            (
                "missing-front-matter",
                "the file does not start with front matter",
                "start the file with a line `---`, then `title: ...` and other keys, then a line `---`",
            )
        };
        let span = 0..first.len().max(1).min(text.len().max(1));
        return Err(Diagnostic::error(code, message).at(&src, span).help(help));
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == "---" {
            let body = (end + 1).min(text.len());
            return Ok(Split { yaml: yaml_start..pos, body: body..text.len() });
        }
        pos = end + 1;
    }
    Err(Diagnostic::error("unclosed-front-matter", "the front matter is never closed")
        .at(&src, 0..3)
        .label("front matter starts here")
        .help("add a line with only `---` after the last front matter key"))
}

/// Front matter as written, before the model checks it against the rest of the site.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawFrontMatter {
    /// Whether there was front matter that could be read as YAML. When not, every other field
    /// is empty, and later stages do not add "missing ..." reports on top of the one that
    /// matters: fix the front matter first.
    pub readable: bool,
    /// Where each key and its value are written in the file, recorded when it was read.
    pub spans: KeySpans,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub date: Option<Date>,
    pub weight: Option<i64>,
    pub draft: bool,
    pub slug: Option<String>,
    pub kind: Option<Kind>,
    pub themes: Vec<String>,
    pub target_groups: Vec<String>,
    pub aliases: Vec<String>,
    // term
    pub definition: Option<String>,
    pub related: Vec<String>,
    pub sources: Vec<LinkValue>,
    // practice example
    pub municipality: Vec<String>,
    pub province: Option<String>,
    pub year: Option<i64>,
    pub organisations: Vec<String>,
    pub source: Option<LinkValue>,
    // tool
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub tool_type: Option<String>,
}

/// Whether a file is a page or a section's `_index.md`, which have different keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocRole {
    Page,
    Section,
}

/// Reads the front matter of a file at `rel_path`. Returns what could be read even when there
/// are problems, so that later stages can still check the rest of the site.
pub fn parse(
    src: SourceText<'_>,
    yaml: Range<usize>,
    rel_path: &str,
    role: DocRole,
) -> (RawFrontMatter, Vec<Diagnostic>) {
    let mut m = match YamlMap::parse(src, yaml) {
        Ok(m) => m,
        Err(d) => return (RawFrontMatter::default(), vec![d]),
    };
    let mut fm = RawFrontMatter {
        readable: true,
        title: m.string("title", "Statushouder"),
        summary: m.string("summary", "Een zin die zegt waar de pagina over gaat."),
        weight: m.integer("weight", "10"),
        draft: m.bool("draft").unwrap_or(false),
        aliases: m.string_list("aliases", "[nieuwkomer, vergunninghouder]"),
        ..RawFrontMatter::default()
    };
    if fm.title.as_deref().is_some_and(|t| t.trim().is_empty()) || (fm.title.is_none() && !m.contains("title")) {
        let span = if m.contains("title") { m.value_span("title") } else { 0..3 };
        let span = if span.is_empty() { 0..3 } else { span };
        m.diagnostics.push(
            Diagnostic::error("missing-title", "the page has no title")
                .at(&m.source(), span)
                .label("no title in this front matter")
                .help("add a line `title: ...` to the front matter"),
        );
    }
    fm.spans = m.spans();
    if role == DocRole::Section {
        let diagnostics = m.finish(SECTION_KEYS, "a section's _index.md", &|_| None);
        return (fm, diagnostics);
    }

    if let Some(name) = m.string("kind", "term") {
        match Kind::from_name(name.trim()) {
            Some(k) => fm.kind = Some(k),
            None => {
                let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                let help = crate::diagnostic::did_you_mean(&name, names.iter().copied())
                    .map_or_else(|| format!("the kinds are: {}", names.join(", ")), |s| format!("did you mean `{s}`?"));
                m.error_at_value("kind", "unknown-kind", format!("unknown kind `{name}`"), help);
            }
        }
    }
    let kind = fm.kind.unwrap_or_else(|| Kind::from_path(rel_path));
    if let Some(d) = m.string("date", "2024-03-15") {
        match Date::parse(&d) {
            Ok(date) => fm.date = Some(date),
            Err(why) => m.error_at_value("date", "bad-date", format!("`{d}` is not a date"), why.into()),
        }
    }
    fm.slug = m.string("slug", "statushouder");
    fm.themes = m.string_list("themes", "[\"Kennis van de leefwereld\"]");
    fm.target_groups = m.string_list("target_groups", "[statushouders, jongeren]");
    match kind {
        Kind::Term => {
            fm.definition = m.string("definition", "Een korte uitleg in een of twee zinnen.");
            fm.related = m.string_list("related", "[inburgering, sleutelpersoon]");
            fm.sources = m.link_list("sources");
        }
        Kind::Practice => {
            fm.municipality = m.string_or_list("municipality", "Harderwijk");
            fm.province = m.string("province", "Gelderland");
            fm.year = m.integer("year", "2019");
            fm.organisations = m.string_list("organisations", "[GGD, Vluchtelingenwerk]");
            fm.source = m.link("source");
        }
        Kind::Tool => {
            fm.url = m.string("url", "https://www.pharos.nl/");
            fm.publisher = m.string("publisher", "Pharos");
            fm.tool_type = m.string("tool_type", "checklist").map(|t| t.trim().to_lowercase());
        }
        Kind::Theme | Kind::Article => {}
    }
    let elsewhere = |key: &str| {
        Kind::owning(key).map(|owner| {
            format!(
                "`{key}` is a key of {}; this file is {}{}",
                owner.described(),
                kind.described(),
                if fm.kind.is_some() { "" } else { " because of its folder (set `kind:` to change that)" }
            )
        })
    };
    let what = format!("the front matter of {}", kind.described());
    let diagnostics = m.finish(&kind.keys(), &what, &elsewhere);
    (fm, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn src(text: &str) -> SourceText<'_> {
        SourceText::new(Path::new("begrippen/x.md"), text)
    }

    #[test]
    fn splits_front_matter() {
        let t = "---\ntitle: X\n---\nBody\n";
        let s = split(src(t)).unwrap();
        assert_eq!(&t[s.yaml], "title: X\n");
        assert_eq!(&t[s.body], "Body\n");
        let t = "---\r\ntitle: X\r\n---\r\n";
        let s = split(src(t)).unwrap();
        assert_eq!(&t[s.yaml], "title: X\r\n");
        let t = "---\n---\n";
        assert_eq!(split(src(t)).unwrap().yaml, 4..4);
    }

    #[test]
    fn split_errors_say_what_to_do() {
        assert_eq!(split(src("# Title\n")).unwrap_err().code, "missing-front-matter");
        assert_eq!(split(src("")).unwrap_err().code, "empty-file");
        assert_eq!(split(src("---\ntitle: x\n")).unwrap_err().code, "unclosed-front-matter");
        assert_eq!(split(src("+++\ntitle = 1\n+++\n")).unwrap_err().code, "toml-front-matter");
    }

    fn parse_str(path: &str, yaml: &str) -> (RawFrontMatter, Vec<Diagnostic>) {
        parse(SourceText::new(Path::new(path), yaml), 0..yaml.len(), path, DocRole::Page)
    }

    #[test]
    fn reads_a_term() {
        let (fm, d) = parse_str(
            "begrippen/statushouder.md",
            "title: Statushouder\ndefinition: Iemand met een verblijfsvergunning.\naliases: [nieuwkomer]\nrelated: [inburgering]\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.definition.as_deref(), Some("Iemand met een verblijfsvergunning."));
        assert_eq!(fm.related, vec!["inburgering"]);
    }

    #[test]
    fn keys_of_another_kind_are_explained() {
        let (_, d) = parse_str("begrippen/x.md", "title: X\nurl: https://x.nl/\n");
        assert_eq!(d.len(), 1);
        assert!(d[0].help.as_deref().unwrap().contains("`url` is a key of a tool (instrumenten/)"), "{d:?}");
    }

    #[test]
    fn spans_are_recorded_where_a_new_parse_finds_them() {
        let yaml = "title: X\nurl: https://x.nl/ # tool\n\"slug\": y\nthemes:\n  - a\nsummary:\nrelated: [a, b]\n";
        let (fm, _) = parse_str("begrippen/x.md", yaml);
        let again = YamlMap::parse(SourceText::new(Path::new("x"), yaml), 0..yaml.len()).unwrap();
        for key in ["title", "url", "slug", "themes", "summary", "related", "missing", "sources"] {
            let expected = again.contains(key).then(|| again.value_span(key));
            assert_eq!(fm.spans.value(key), expected, "{key}");
        }
        assert_eq!(fm.spans.value("url").map(|s| &yaml[s]), Some("https://x.nl/"));
        assert!(fm.spans.contains("summary"));
    }

    #[test]
    fn missing_title_and_bad_date() {
        let (_, d) = parse_str("artikelen/x.md", "date: 2024-02-30\n");
        let codes: Vec<_> = d.iter().map(|d| d.code).collect();
        assert_eq!(codes, vec!["missing-title", "bad-date"]);
    }
}
