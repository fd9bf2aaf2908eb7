//! Splitting a file into YAML front matter and Markdown body, and reading the front matter into
//! [`RawFrontMatter`]: every field optional, types checked, unknown keys reported. Whether the
//! values make sense together (a tool needs a `url`, `related` names existing terms) is for the
//! model stage.

use std::ops::Range;

use crate::date::Date;
use crate::diagnostic::{Diagnostic, SourceText};
use crate::kind::{COMMON_KEYS, KeyDoc, KeyType, Kind, section_keys, suggest_key};
use crate::messages::Msg;
use crate::msg;
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
            ("toml-front-matter", msg!("toml-front-matter"), msg!("toml-front-matter.help"))
        } else if text.trim().is_empty() {
            ("empty-file", msg!("empty-file"), msg!("empty-file.help"))
        } else {
            ("missing-front-matter", msg!("missing-front-matter"), msg!("missing-front-matter.help"))
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
    Err(Diagnostic::error("unclosed-front-matter", msg!("unclosed-front-matter"))
        .at(&src, 0..3)
        .label(msg!("unclosed-front-matter.label"))
        .help(msg!("unclosed-front-matter.help")))
}

/// Front matter as written, before the model checks it against the rest of the site.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawFrontMatter {
    /// Whether there was front matter that could be read as YAML. When not, every other field
    /// is empty, and later stages do not add "missing ..." reports on top of the one that
    /// matters: fix the front matter first.
    pub(crate) readable: bool,
    /// Where each key and its value are written in the file, recorded when it was read.
    pub(crate) spans: KeySpans,
    pub(crate) title: Option<String>,
    pub(crate) summary: Option<String>,
    pub(crate) date: Option<Date>,
    pub(crate) weight: Option<i64>,
    pub(crate) draft: bool,
    pub(crate) slug: Option<String>,
    pub(crate) kind: Option<Kind>,
    pub(crate) themes: Vec<String>,
    pub(crate) target_groups: Vec<String>,
    pub(crate) aliases: Vec<String>,
    /// Old site paths of the page, as written.
    pub(crate) moved_from: Vec<String>,
    // term
    pub(crate) definition: Option<String>,
    pub(crate) related: Vec<String>,
    pub(crate) sources: Vec<LinkValue>,
    // practice example
    pub(crate) municipality: Vec<String>,
    pub(crate) province: Option<String>,
    pub(crate) year: Option<i64>,
    pub(crate) organisations: Vec<String>,
    pub(crate) source: Option<LinkValue>,
    // tool
    pub(crate) url: Option<String>,
    pub(crate) publisher: Option<String>,
    pub(crate) tool_type: Option<String>,
    /// `replaces`: the content hash of the base page a local file was copied from.
    pub(crate) replaces: Option<String>,
    // every kind: the content review
    pub(crate) reviewed: Option<Date>,
    pub(crate) review_after: Option<i64>,
    // practice example: the richer model
    pub(crate) goal: Option<String>,
    pub(crate) period: Option<crate::content_model::Period>,
    pub(crate) status: Option<String>,
    pub(crate) conditions: Vec<crate::content_model::Condition>,
    pub(crate) results_kind: Option<String>,
    pub(crate) contact: Option<String>,
    // glossary links (every kind)
    pub(crate) glossary_links: Option<bool>,
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
    let mut fm = RawFrontMatter { readable: true, ..RawFrontMatter::default() };
    let written_kind = m.peek_str("kind").and_then(|k| Kind::from_name(k.trim()));
    let all_keys: Vec<&KeyDoc> = match role {
        DocRole::Section => section_keys().collect(),
        DocRole::Page => {
            COMMON_KEYS.iter().chain(written_kind.unwrap_or_else(|| Kind::from_path(rel_path)).own_keys()).collect()
        }
    };
    stand_ins(&mut m, &all_keys, role);
    let common: Vec<&KeyDoc> = match role {
        DocRole::Section => section_keys().collect(),
        DocRole::Page => COMMON_KEYS.iter().collect(),
    };
    for key in &common {
        let value = read(&mut m, key);
        (key.store)(&mut fm, value);
    }
    if fm.title.as_deref().is_some_and(|t| t.trim().is_empty()) || (fm.title.is_none() && !m.contains("title")) {
        let span = if m.contains("title") { m.value_span("title") } else { 0..3 };
        let span = if span.is_empty() { 0..3 } else { span };
        m.diagnostics.push(
            Diagnostic::error("missing-title", msg!("missing-title"))
                .at(&m.source(), span)
                .label(msg!("missing-title.label"))
                .help(msg!("missing-title.help")),
        );
    }
    fm.spans = m.spans();
    if role == DocRole::Section {
        let names: Vec<&str> = common.iter().map(|k| k.key).collect();
        let suggest = |key: &str| suggest_key(key, &all_keys).map(|s| key_help(key, s, &all_keys));
        let diagnostics = m.finish(&names, msg!("what.section"), &suggest);
        return (fm, diagnostics);
    }
    let kind = fm.kind.unwrap_or_else(|| Kind::from_path(rel_path));
    for key in kind.own_keys() {
        let value = read(&mut m, key);
        (key.store)(&mut fm, value);
    }
    let elsewhere = |key: &str| {
        Kind::owning(key)
            .map(|owner| {
                let (owner, kind) = (owner.described(), kind.described());
                if fm.kind.is_some() {
                    msg!("unknown-key.elsewhere", key, owner, kind)
                } else {
                    msg!("unknown-key.elsewhere.folder", key, owner, kind)
                }
            })
            .or_else(|| suggest_key(key, &all_keys).map(|s| key_help(key, s, &all_keys)))
    };
    let what = msg!("what.front-matter", kind = kind.described());
    let diagnostics = m.finish(&kind.keys(), what, &elsewhere);
    (fm, diagnostics)
}

/// Reads every unknown key that stands for a key of `keys` (its Dutch name, or a typo of a
/// required key) as that key, so that one report says it: `titel:` gives "did you mean
/// `title`?" and not also "the page has no title". A key of another kind is left for its own
/// explanation.
fn stand_ins(m: &mut YamlMap<'_>, keys: &[&KeyDoc], role: DocRole) {
    for written in m.unread_keys() {
        if keys.iter().any(|k| k.key == written) || (role == DocRole::Page && Kind::owning(&written).is_some()) {
            continue;
        }
        let Some(key) = suggest_key(&written, keys) else { continue };
        // A Dutch name is sure; a typo only for a required key, where it saves a second
        // report. Taking `tags` for `date` on a guess would give a confusing one instead.
        let doc = keys.iter().find(|k| k.key == key);
        if doc.is_some_and(|k| k.required || k.has_dutch_name(&written)) {
            m.stand_in(&written, key, key_help(&written, key, keys));
        }
    }
}

/// "did you mean `title`?", and for a Dutch name that the keys are written in English.
fn key_help(written: &str, key: &str, keys: &[&KeyDoc]) -> Msg {
    if keys.iter().any(|k| k.key == key && k.has_dutch_name(written)) {
        msg!("unknown-key.dutch", key, written)
    } else {
        msg!("did-you-mean", name = key)
    }
}

/// A value read from the front matter, typed after the [`KeyType`] of its key.
pub(crate) enum Read {
    Text(Option<String>),
    Number(Option<i64>),
    Flag(Option<bool>),
    Date(Option<Date>),
    Kind(Option<Kind>),
    List(Vec<String>),
    Link(Option<LinkValue>),
    Links(Vec<LinkValue>),
    Period(Option<crate::content_model::Period>),
    Conditions(Vec<crate::content_model::Condition>),
}

impl Read {
    pub(crate) fn text(self) -> Option<String> {
        if let Read::Text(v) = self { v } else { None }
    }

    pub(crate) fn number(self) -> Option<i64> {
        if let Read::Number(v) = self { v } else { None }
    }

    pub(crate) fn flag(self) -> Option<bool> {
        if let Read::Flag(v) = self { v } else { None }
    }

    pub(crate) fn date(self) -> Option<Date> {
        if let Read::Date(v) = self { v } else { None }
    }

    pub(crate) fn kind(self) -> Option<Kind> {
        if let Read::Kind(v) = self { v } else { None }
    }

    pub(crate) fn list(self) -> Vec<String> {
        if let Read::List(v) = self { v } else { Vec::new() }
    }

    pub(crate) fn link(self) -> Option<LinkValue> {
        if let Read::Link(v) = self { v } else { None }
    }

    pub(crate) fn links(self) -> Vec<LinkValue> {
        if let Read::Links(v) = self { v } else { Vec::new() }
    }

    pub(crate) fn period(self) -> Option<crate::content_model::Period> {
        if let Read::Period(v) = self { v } else { None }
    }

    pub(crate) fn conditions(self) -> Vec<crate::content_model::Condition> {
        if let Read::Conditions(v) = self { v } else { Vec::new() }
    }
}

/// Reads the value of `key` as its type says; a value of another type, a date that is no date
/// and a kind that does not exist are reported and read as nothing.
fn read(m: &mut YamlMap<'_>, key: &KeyDoc) -> Read {
    let (name, example) = (key.key, key.example);
    match key.ty {
        KeyType::Text | KeyType::WebAddress => Read::Text(m.string(name, example)),
        KeyType::WholeNumber => Read::Number(m.integer(name, example)),
        KeyType::Flag => Read::Flag(m.bool(name)),
        KeyType::TextList | KeyType::TermNames => Read::List(m.string_list(name, example)),
        KeyType::TextOrList => Read::List(m.string_or_list(name, example)),
        KeyType::Link => Read::Link(m.link(name)),
        KeyType::LinkList => Read::Links(m.link_list(name)),
        KeyType::Date => Read::Date(m.string(name, example).and_then(|d| match Date::parse(&d) {
            Ok(date) => Some(date),
            Err(why) => {
                m.error_at_value(name, "bad-date", msg!("bad-date", date = d), why);
                None
            }
        })),
        KeyType::Period => {
            Read::Period(m.string(name, example).and_then(|p| match crate::content_model::Period::parse(&p) {
                Ok(period) => Some(period),
                Err(why) => {
                    m.error_at_value(name, "bad-period", msg!("bad-period", period = p), why);
                    None
                }
            }))
        }
        KeyType::Choice(words) => Read::Text(m.string(name, example).and_then(|written| {
            let value = written.trim().to_lowercase();
            if words.contains(&value.as_str()) {
                return Some(value);
            }
            let help = crate::diagnostic::did_you_mean(&value, words.iter().copied()).map_or_else(
                || msg!("bad-choice.help", key = name, words = words.join(", ")),
                |s| msg!("did-you-mean", name = s),
            );
            m.error_at_value(name, "bad-choice", msg!("bad-choice", key = name, written), help);
            None
        })),
        KeyType::Months => Read::Number(m.integer(name, example).and_then(|n| {
            if n >= 1 {
                return Some(n);
            }
            m.error_at_value(
                name,
                "bad-months",
                msg!("bad-months", key = name, n),
                msg!("bad-months.help", key = name),
            );
            None
        })),
        KeyType::Contact => {
            Read::Text(m.string(name, example).and_then(|c| match crate::content_model::check_contact(&c) {
                Ok(()) => Some(c.trim().to_string()),
                Err(why) => {
                    m.error_at_value(name, "bad-contact", msg!("bad-contact", contact = c), why);
                    None
                }
            }))
        }
        KeyType::Conditions => Read::Conditions(m.conditions(name, example)),
        KeyType::KindName => Read::Kind(m.string(name, example).and_then(|written| {
            let found = Kind::from_name(written.trim());
            if found.is_none() {
                let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                let help = crate::diagnostic::did_you_mean(&written, names.iter().copied()).map_or_else(
                    || msg!("unknown-kind.help", kinds = names.join(", ")),
                    |s| msg!("did-you-mean", name = s),
                );
                m.error_at_value(name, "unknown-kind", msg!("unknown-kind", written), help);
            }
            found
        })),
    }
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
        assert!(
            d[0].help_text(crate::messages::Lang::En).unwrap().contains("`url` is a key of a tool (instrumenten/)"),
            "{d:?}"
        );
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
    fn a_dutch_or_misspelled_key_is_one_report() {
        let (fm, d) = parse_str("begrippen/x.md", "titel: Bijstand\ndefinitie: Een regeling.\nthema's: [Werk]\n");
        let en = crate::messages::Lang::En;
        let found: Vec<_> = d.iter().map(|d| (d.code, d.line, d.help_text(en).unwrap())).collect();
        assert_eq!(
            found,
            vec![
                ("unknown-key", Some(1), "did you mean `title`? The keys are English words: write `title:` instead of `titel:`".to_string()),
                ("unknown-key", Some(2), "did you mean `definition`? The keys are English words: write `definition:` instead of `definitie:`".to_string()),
                ("unknown-key", Some(3), "did you mean `themes`? The keys are English words: write `themes:` instead of `thema's:`".to_string()),
            ]
        );
        // The values count, so no other report says that a title or definition is missing.
        assert_eq!(fm.title.as_deref(), Some("Bijstand"));
        assert_eq!(fm.definition.as_deref(), Some("Een regeling."));
        assert_eq!(fm.spans.value("title").map(|s| s.start), Some(7));
        let (_, d) = parse_str("praktijkvoorbeelden/x.md", "tittle: X\ngemeente: Weert\n");
        let helps: Vec<_> = d.iter().map(|d| d.help_text(en).unwrap()).collect();
        assert_eq!(helps[0], "did you mean `title`?");
        assert!(helps[1].starts_with("did you mean `municipality`?"), "{helps:?}");
        assert_eq!(d.len(), 2);
        // A typo of a key that is not required is only suggested, not read as that key.
        let (fm, d) = parse_str("artikelen/x.md", "title: A\nsumary: Kort.\n");
        assert_eq!((fm.summary, d.len()), (None, 1));
        assert_eq!(d[0].help_text(en).as_deref(), Some("did you mean `summary`?"));
        // Written beside the key itself, it is only unknown.
        let (fm, d) = parse_str("artikelen/x.md", "title: A\ntitel: B\n");
        assert_eq!((fm.title.as_deref(), d.len()), (Some("A"), 1));
    }

    #[test]
    fn missing_title_and_bad_date() {
        let (_, d) = parse_str("artikelen/x.md", "date: 2024-02-30\n");
        let mut codes: Vec<_> = d.iter().map(|d| d.code).collect();
        codes.sort_unstable();
        assert_eq!(codes, vec!["bad-date", "missing-title"]);
    }
}
