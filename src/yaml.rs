//! Reading YAML mappings (front matter and the site config) into typed values, with a
//! diagnostic for every wrong type and unknown key, pointing at the key's line and column.
//!
//! `serde_yaml` (archived upstream) is used here and in two other places only: `config.rs`
//! reads the values of the mappings parsed here, and `theme.rs` reads the theme's string
//! tables and `theme.yaml`. Keeping it to these three keeps a swap cheap.
//! Values are read key by key from a parsed mapping instead of through `#[derive(Deserialize)]`
//! so that *all* problems of a file are reported in one run, each at its own line, and unknown
//! keys get a "did you mean".

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use serde_yaml::{Mapping, Value};

use crate::diagnostic::{Diagnostic, LineStarts, SourceText, did_you_mean};
use crate::messages::Msg;
use crate::msg;

mod slips;
use slips::quoted;

/// How deep a YAML text may nest (mappings and lists inside each other). Real front matter and
/// configs nest two or three levels; the YAML parser's time grows with the square of the depth,
/// so a deeper text is refused before it is parsed.
pub(crate) const MAX_DEPTH: usize = 64;

/// A top-level YAML mapping being read; collects problems as it goes.
pub(crate) struct YamlMap<'a> {
    src: SourceText<'a>,
    /// Where the YAML text starts and ends in `src.text`.
    range: Range<usize>,
    map: Mapping,
    /// Keys that were present and have been taken out of `map`.
    taken: Vec<String>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Where each top-level key is written, found in one pass when first needed: a file with
    /// many problems must not be read again for each one.
    key_spans: OnceLock<HashMap<&'a str, Range<usize>>>,
    lines: OnceLock<LineStarts>,
    /// Unknown keys read as the key they stand for (`titel` for `title`): `(written, key, help)`.
    stand_ins: Vec<(String, String, Msg)>,
}

/// Where each top-level key of a mapping and its value are written, recorded once when the
/// mapping is read, so that later stages place their diagnostics without reading the YAML again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct KeySpans {
    /// `(key, key span, value span)` in the order the keys were read; a handful per file.
    entries: Vec<(String, Range<usize>, Range<usize>)>,
}

impl KeySpans {
    /// Whether `key` is in the mapping (with any value, also an empty one).
    pub(crate) fn contains(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _, _)| k == key)
    }

    /// Byte range of the value of `key`, as [`YamlMap::value_span`] gives it.
    pub(crate) fn value(&self, key: &str) -> Option<Range<usize>> {
        self.entries.iter().find(|(k, _, _)| k == key).map(|(_, _, span)| span.clone())
    }

    /// Every key with the spans of its key and value, in the order they were recorded.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, Range<usize>, Range<usize>)> {
        self.entries.iter().map(|(k, key, value)| (k.as_str(), key.clone(), value.clone()))
    }

    /// Records a span found another way (a setting inside a nested mapping).
    pub(crate) fn insert(&mut self, key: String, key_span: Range<usize>, value_span: Range<usize>) {
        if !self.contains(&key) {
            self.entries.push((key, key_span, value_span));
        }
    }
}

/// A link written in YAML as `"https://..."` or `{title: ..., url: ...}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Default)]
pub(crate) struct LinkValue {
    pub(crate) title: Option<String>,
    pub(crate) url: Option<String>,
    /// The year of the publication, when a source gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) year: Option<i64>,
    /// The pages meant (`12`, `12-14`), when a source gives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) pages: Option<String>,
    /// The language of the title when it is not the page's (`lang: nl` for a Dutch report
    /// cited on an English page), so screen readers read it in that language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) lang: Option<String>,
    /// The title as HTML when it marks a phrase in another language
    /// (`[Handreiking ...]{lang=nl}: aankondiging`, see `crate::text::phrases`); `title` is
    /// then the text without the marks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) title_html: Option<String>,
}

impl<'a> YamlMap<'a> {
    /// Parses `src.text[range]` as a YAML mapping. An empty text is an empty mapping.
    pub(crate) fn parse(src: SourceText<'a>, range: Range<usize>) -> Result<Self, Diagnostic> {
        let yaml = &src.text[range.clone()];
        if let Some(at) = too_deep(yaml) {
            let at = range.start + at;
            return Err(too_deep_error(src, at));
        }
        let value: Value = if yaml.trim().is_empty() {
            Value::Mapping(Mapping::new())
        } else {
            serde_yaml::from_str(yaml).map_err(|e| syntax_error(src, range.clone(), &e))?
        };
        let map = match value {
            Value::Mapping(m) => m,
            Value::Null => Mapping::new(),
            other => {
                let found = type_name(&other);
                return Err(Diagnostic::error("yaml-not-a-mapping", msg!("yaml-not-a-mapping", found))
                    .at(&src, range.start..range.start + yaml.trim_end().len().min(40))
                    .help(msg!("yaml-not-a-mapping.help")));
            }
        };
        // An anchor or tag the parser took without complaint is still a slip.
        let diagnostics = slips::reserved_starts(yaml)
            .iter()
            .map(|slip| {
                let (message, label, help) = slip_text(slip);
                let span = range.start + slip.span.start..range.start + slip.span.end;
                Diagnostic::error(slip.code, message).at(&src, span).label(label).help(help)
            })
            .collect();
        Ok(YamlMap {
            src,
            range,
            map,
            taken: Vec::new(),
            diagnostics,
            key_spans: OnceLock::new(),
            lines: OnceLock::new(),
            stand_ins: Vec::new(),
        })
    }

    pub(crate) fn source(&self) -> SourceText<'a> {
        self.src
    }

    pub(crate) fn contains(&self, key: &str) -> bool {
        self.map.contains_key(key) || self.taken.iter().any(|k| k == key)
    }

    /// Byte range of `key` where it starts a line of the YAML text (top-level keys only); the
    /// first such line wins.
    pub(crate) fn key_span(&self, key: &str) -> Range<usize> {
        let key = self.stand_ins.iter().find(|(_, k, _)| k == key).map_or(key, |(written, _, _)| written.as_str());
        let spans = self.key_spans.get_or_init(|| key_spans(self.src.text, self.range.clone()));
        spans.get(key).cloned().unwrap_or(self.range.start..self.range.start)
    }

    /// The spans of every key of the mapping that is text (read or not yet read), for later
    /// stages: see [`KeySpans`].
    pub(crate) fn spans(&self) -> KeySpans {
        let keys = self.taken.iter().map(String::as_str).chain(self.map.keys().filter_map(Value::as_str));
        let mut spans = KeySpans::default();
        for key in keys {
            spans.insert(key.to_string(), self.key_span(key), self.value_span(key));
        }
        spans
    }

    /// A diagnostic at `span`, located through the line starts of the text (found once).
    fn at(&self, d: Diagnostic, span: Range<usize>) -> Diagnostic {
        d.at_indexed(&self.src, self.lines.get_or_init(|| LineStarts::new(self.src.text)), span)
    }

    /// Byte range of the value written after `key:` on the key's own line, or the key itself
    /// when the value starts on the next line.
    pub(crate) fn value_span(&self, key: &str) -> Range<usize> {
        let k = self.key_span(key);
        let text = self.src.text;
        let line_end = text[k.end..].find('\n').map_or(text.len(), |i| k.end + i);
        let after = &text[k.end..line_end];
        let Some(colon) = after.find(':') else { return k };
        let value = &after[colon + 1..];
        let lead = value.len() - value.trim_start().len();
        let trimmed = value.trim();
        // A trailing comment is not part of the value.
        let len = if trimmed.starts_with(['"', '\'']) {
            trimmed.len()
        } else {
            trimmed.split(" #").next().unwrap_or("").trim_end().len()
        };
        if len == 0 {
            return k;
        }
        let start = k.end + colon + 1 + lead;
        start..start + len
    }

    /// The text value of `key`, left in the mapping.
    pub(crate) fn peek_str(&self, key: &str) -> Option<&str> {
        self.map.get(key).and_then(Value::as_str)
    }

    /// The keys not read yet, as written (keys that are not text are left out).
    pub(crate) fn unread_keys(&self) -> Vec<String> {
        self.map.keys().filter_map(Value::as_str).map(str::to_string).collect()
    }

    /// Reads the unknown key `written` as `key` from now on, which it most likely stands for
    /// (`titel` for `title`): [`YamlMap::finish`] reports it with `help`, and that one report
    /// is all: the value counts, so nothing else reports `key` missing. Nothing happens when
    /// `key` is written too.
    pub(crate) fn stand_in(&mut self, written: &str, key: &str, help: Msg) {
        if self.contains(key) {
            return;
        }
        if let Some(value) = self.map.remove(written) {
            self.map.insert(Value::String(key.to_string()), value);
            self.stand_ins.push((written.to_string(), key.to_string(), help));
        }
    }

    /// Takes the value of `key` out of the mapping (what is left at the end is unknown).
    fn take(&mut self, key: &str) -> Option<Value> {
        let value = self.map.remove(key)?;
        self.taken.push(key.to_string());
        match value {
            Value::Null => None,
            v => Some(v),
        }
    }

    /// Reports a problem with the value of `key`.
    pub(crate) fn error_at_value(&mut self, key: &str, code: &'static str, message: Msg, help: Msg) {
        let span = self.value_span(key);
        let d = self.at(Diagnostic::error(code, message), span).help(help);
        self.diagnostics.push(d);
    }

    fn wrong_type(&mut self, key: &str, expected: Msg, found: &Value, example: &str) {
        // A tag (`!Belangrijk`) has been reported as a slip already, with the line to write.
        if matches!(found, Value::Tagged(_)) && self.diagnostics.iter().any(|d| d.code == "yaml-special-start") {
            return;
        }
        let message = msg!("wrong-type", key, expected, found = type_name(found));
        self.error_at_value(key, "wrong-type", message, msg!("wrong-type.help", key, example));
    }

    /// A text value; numbers are accepted and turned into text.
    pub(crate) fn string(&mut self, key: &str, example: &str) -> Option<String> {
        let v = self.take(key)?;
        match scalar_string(&v) {
            Some(s) => Some(s),
            None => {
                self.wrong_type(key, msg!("yaml.type.text"), &v, example);
                None
            }
        }
    }

    pub(crate) fn bool(&mut self, key: &str) -> Option<bool> {
        let v = self.take(key)?;
        match v {
            Value::Bool(b) => Some(b),
            other => {
                self.wrong_type(key, msg!("yaml.type.bool"), &other, "true");
                None
            }
        }
    }

    pub(crate) fn integer(&mut self, key: &str, example: &str) -> Option<i64> {
        let v = self.take(key)?;
        match v.as_i64() {
            Some(n) => Some(n),
            None => {
                self.wrong_type(key, msg!("yaml.type.integer"), &v, example);
                None
            }
        }
    }

    /// A list of text values. Empty strings are dropped.
    pub(crate) fn string_list(&mut self, key: &str, example: &str) -> Vec<String> {
        let Some(v) = self.take(key) else { return Vec::new() };
        match &v {
            Value::Sequence(items) => {
                let strings: Option<Vec<String>> = items.iter().map(scalar_string).collect();
                match strings {
                    Some(s) => s.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
                    None => {
                        if !self.colon_in_item(key, items) {
                            self.wrong_type(key, msg!("yaml.type.text-list"), &v, example);
                        }
                        Vec::new()
                    }
                }
            }
            _ => {
                self.wrong_type(key, msg!("yaml.type.list"), &v, example);
                Vec::new()
            }
        }
    }

    /// Reports an item of the list under `key` that YAML read as a pair because of a `: ` in
    /// it (`- Zorg: welzijn`), at its colon, with the item quoted; whether there was one.
    fn colon_in_item(&mut self, key: &str, items: &[Value]) -> bool {
        let pair = items.iter().find_map(|item| match item {
            Value::Mapping(m) if m.len() == 1 => {
                let (k, v) = m.iter().next()?;
                Some(format!("{}: {}", scalar_string(k)?, scalar_string(v)?))
            }
            _ => None,
        });
        let Some(pair) = pair else { return false };
        let text = self.src.text;
        let from = self.key_span(key).end.min(self.range.end);
        let Some(at) = text[from..self.range.end].find(&pair).map(|i| from + i) else { return false };
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = text[line_start..line_end].trim_end_matches('\r');
        let fixed = line.replacen(&pair, &quoted(&pair), 1);
        let colon = at + pair.find(':').unwrap_or(0);
        let d = self
            .at(Diagnostic::error("yaml-colon-in-value", msg!("yaml-colon-in-value")), colon..colon + 1)
            .label(msg!("yaml-colon-in-value.label"))
            .help(msg!("yaml.help.quote-whole", fixed = fixed.trim_start()));
        self.diagnostics.push(d);
        true
    }

    /// One text value or a list of them (`municipality: Weert` or `municipality: [A, B]`).
    pub(crate) fn string_or_list(&mut self, key: &str, example: &str) -> Vec<String> {
        match self.map.get(key) {
            Some(v) if !v.is_sequence() && !v.is_null() => self.string(key, example).into_iter().collect(),
            _ => self.string_list(key, example),
        }
    }

    /// A link: `"https://..."` or `{title: ..., url: ...}`.
    pub(crate) fn link(&mut self, key: &str) -> Option<LinkValue> {
        let v = self.take(key)?;
        match self.parse_link(key, &v) {
            Ok(l) => Some(l),
            Err(found) => {
                self.wrong_type(
                    key,
                    msg!("yaml.type.link"),
                    &found,
                    "{title: \"Handreiking\", url: \"https://www.example.nl/\"}",
                );
                None
            }
        }
    }

    /// `conditions`: a mapping of `people`, `money` and `partners` (or their Dutch words) to
    /// text, in that order. Another key or a value that is not text is reported at the value.
    pub(crate) fn conditions(&mut self, key: &str, example: &str) -> Vec<crate::content_model::Condition> {
        use crate::content_model::{CONDITION_KEYS, Condition, condition_key};
        let Some(v) = self.take(key) else { return Vec::new() };
        let Value::Mapping(map) = &v else {
            self.wrong_type(key, msg!("yaml.type.conditions"), &v, example);
            return Vec::new();
        };
        let mut found: Vec<Condition> = Vec::new();
        for (k, val) in map {
            let written = k.as_str().unwrap_or("");
            let Some(kind) = condition_key(written) else {
                let names = CONDITION_KEYS.iter().map(|(k, _)| *k);
                let hint = did_you_mean(written, names)
                    .map_or_else(|| msg!("unknown-key.conditions.keys"), |s| msg!("did-you-mean", name = s));
                self.error_at_value(key, "unknown-key", msg!("unknown-key.conditions", other = written), hint);
                continue;
            };
            match scalar_string(val).map(|t| t.trim().to_string()).filter(|t| !t.is_empty()) {
                Some(text) => found.push(Condition { kind, text }),
                None => self.wrong_type(key, msg!("yaml.type.text"), val, example),
            }
        }
        found.sort_by_key(|c| CONDITION_KEYS.iter().position(|(k, _)| *k == c.kind));
        found.dedup_by_key(|c| c.kind);
        found
    }

    /// A list of links.
    pub(crate) fn link_list(&mut self, key: &str) -> Vec<LinkValue> {
        let Some(v) = self.take(key) else { return Vec::new() };
        let Value::Sequence(items) = &v else {
            self.wrong_type(
                key,
                msg!("yaml.type.link-list"),
                &v,
                "[{title: \"Handreiking\", url: \"https://www.example.nl/\"}]",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match self.parse_link(key, item) {
                Ok(l) => out.push(l),
                Err(found) => {
                    self.wrong_type(
                        key,
                        msg!("yaml.type.link-list"),
                        &found,
                        "[{title: \"Handreiking\", url: \"https://www.example.nl/\"}]",
                    );
                    break;
                }
            }
        }
        out
    }

    fn parse_link(&mut self, key: &str, v: &Value) -> Result<LinkValue, Value> {
        match v {
            Value::String(s) if looks_like_url(s) => {
                Ok(LinkValue { url: Some(s.trim().to_string()), ..LinkValue::default() })
            }
            Value::String(s) => Ok(LinkValue { title: Some(s.trim().to_string()), ..LinkValue::default() }),
            Value::Mapping(m) => {
                let mut link = LinkValue::default();
                for (k, val) in m {
                    let name = k.as_str().unwrap_or("");
                    let text = scalar_string(val);
                    match (name, text) {
                        ("title", Some(t)) => {
                            let (plain, html) = crate::text::phrases(&t);
                            if plain != t {
                                link.title_html = Some(html);
                            }
                            link.title = Some(plain);
                        }
                        ("url", Some(u)) => link.url = Some(u.trim().to_string()),
                        ("title" | "url", None) => return Err(val.clone()),
                        ("year", _) => match val.as_i64().filter(|y| (1000..=2100).contains(y)) {
                            Some(y) => link.year = Some(y),
                            None => self.error_at_value(
                                key,
                                "bad-source-year",
                                msg!("bad-source-year", key, year = scalar_string(val).unwrap_or_default()),
                                msg!("bad-source-year.help"),
                            ),
                        },
                        ("pages", Some(p)) if is_page_range(&p) => link.pages = Some(p.trim().replace('-', "–")),
                        ("pages", written) => self.error_at_value(
                            key,
                            "bad-source-pages",
                            msg!("bad-source-pages", key, pages = written.unwrap_or_default()),
                            msg!("bad-source-pages.help"),
                        ),
                        ("lang", Some(l)) if crate::config::is_language_tag(l.trim()) => {
                            link.lang = Some(l.trim().to_string());
                        }
                        ("lang", written) => self.error_at_value(
                            key,
                            "bad-source-lang",
                            msg!("bad-source-lang", key, lang = written.unwrap_or_default()),
                            msg!("bad-source-lang.help"),
                        ),
                        (other, _) => {
                            let hint = did_you_mean(other, ["title", "url", "year", "pages", "lang"])
                                .map_or_else(|| msg!("unknown-key.link.keys"), |s| msg!("did-you-mean", name = s));
                            self.error_at_value(key, "unknown-key", msg!("unknown-key.link", other, key), hint);
                        }
                    }
                }
                if link.title.is_none() && link.url.is_none() {
                    return Err(v.clone());
                }
                Ok(link)
            }
            other => Err(other.clone()),
        }
    }

    /// Any value, unconverted (for maps the caller reads itself).
    pub(crate) fn raw(&mut self, key: &str) -> Option<Value> {
        self.take(key)
    }

    /// Reports every key that was never read and is not in `allowed`, with a suggestion from
    /// `allowed`, then returns all diagnostics. `what` names the thing in messages ("a term").
    /// `elsewhere` explains keys that belong to another kind.
    pub(crate) fn finish(
        mut self,
        allowed: &[&str],
        what: Msg,
        elsewhere: &dyn Fn(&str) -> Option<Msg>,
    ) -> Vec<Diagnostic> {
        for (written, _, help) in std::mem::take(&mut self.stand_ins) {
            let span = self.key_span(&written);
            let message = msg!("unknown-key", key = written, what = what.clone());
            let d = self.at(Diagnostic::error("unknown-key", message), span);
            self.diagnostics.push(d.label(msg!("unknown-key.label")).help(help));
        }
        // Every key still in the mapping was never read.
        let keys: Vec<String> = self.map.keys().map(|k| scalar_string(k).unwrap_or_else(|| format!("{k:?}"))).collect();
        for key in keys {
            if allowed.contains(&key.as_str()) {
                continue;
            }
            let span = self.key_span(&key);
            let span = if span.is_empty() { self.range.start..self.range.start + 1 } else { span };
            let help = match (elsewhere(&key), did_you_mean(&key, allowed.iter().copied())) {
                (Some(why), _) => why,
                (None, Some(s)) => msg!("did-you-mean", name = s),
                (None, None) => msg!("unknown-key.keys", what = what.clone(), keys = allowed.join(", ")),
            };
            let d = self.at(Diagnostic::error("unknown-key", msg!("unknown-key", key, what = what.clone())), span);
            self.diagnostics.push(d.label(msg!("unknown-key.label")).help(help));
        }
        self.diagnostics
    }
}

/// How many colons of a line may end a key: a key with more is shown at the start of the text.
/// Bounds the work per line, whatever the line holds.
const COLONS_PER_LINE: usize = 8;

/// Every top-level key written at the start of a line of `text[range]` (`key:`, `key :` or
/// `"key":`) with its byte range (quotes included), the first line winning. A line `a:b: x`
/// may hold the key `a` or `a:b`, so each of its first colons ends a candidate.
fn key_spans(text: &str, range: Range<usize>) -> HashMap<&str, Range<usize>> {
    let mut spans = HashMap::new();
    let mut offset = range.start;
    for line in text[range].split_inclusive('\n') {
        // (An empty key is only found unquoted, as a line `: value`.)
        if let Some(rest) = line.strip_prefix('"')
            && let Some(q) = rest.find('"').filter(|&q| q > 0)
            && rest[q + 1..].trim_start_matches([' ', '\t']).starts_with(':')
        {
            spans.entry(&rest[..q]).or_insert(offset..offset + q + 2);
        }
        for (colon, _) in line.match_indices(':').take(COLONS_PER_LINE) {
            let key = line[..colon].trim_end_matches([' ', '\t']);
            spans.entry(key).or_insert(offset..offset + key.len());
        }
        offset += line.len();
    }
    spans
}

/// The byte offset in `yaml` where it nests deeper than [`MAX_DEPTH`], if it does: one pass
/// that counts indentation levels, `- ` list markers and open `[`/`{` brackets outside quoted
/// text and comments. It is generous (a bracket in plain text counts), which only matters for
/// texts nested near the limit, and no real text is.
pub(crate) fn too_deep(yaml: &str) -> Option<usize> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        let blank = content.trim().is_empty() || content.starts_with('#');
        if !blank && flow == 0 {
            while indents.last().is_some_and(|&i| i > indent) {
                indents.pop();
            }
            if indents.last() != Some(&indent) {
                indents.push(indent);
            }
        }
        let mut dashes = 0;
        // Only the `- ` markers before the first other character open lists (`- - x`).
        let mut leading = true;
        let mut quote: Option<u8> = None;
        // The last character that was not a space, for telling a quoted scalar from an
        // apostrophe inside plain text (`auto's`).
        let mut prev = b' ';
        let bytes = content.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let after_space = i == 0 || matches!(bytes[i - 1], b' ' | b'\t');
            match quote {
                Some(q) => {
                    if b == b'\\' && q == b'"' {
                        i += 1;
                    } else if b == q {
                        quote = None;
                    }
                }
                None => match b {
                    b'#' if after_space => break,
                    b'"' | b'\'' if matches!(prev, b' ' | b':' | b'[' | b'{' | b',' | b'-') => quote = Some(b),
                    b'[' | b'{' => flow += 1,
                    b']' | b'}' => flow = flow.saturating_sub(1),
                    b'-' if leading && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) => dashes += 1,
                    _ => {}
                },
            }
            if indents.len() + dashes + flow > MAX_DEPTH {
                return Some(offset + indent + i);
            }
            if !b.is_ascii_whitespace() {
                prev = b;
                leading &= b == b'-';
            }
            i += 1;
        }
        offset += line.len();
    }
    None
}

/// The refusal of a text that nests deeper than [`MAX_DEPTH`], at the place it does.
pub(crate) fn too_deep_error(src: SourceText<'_>, at: usize) -> Diagnostic {
    Diagnostic::error("too-deep", msg!("too-deep", max = MAX_DEPTH))
        .at(&src, at..at + 1)
        .label(msg!("too-deep.label"))
        .help(msg!("too-deep.help", max = MAX_DEPTH))
}

/// `12`, `12-14` or `12–14, 20`: page numbers, ranges and commas.
fn is_page_range(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | ',' | ' '))
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim();
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("mailto:") || s.starts_with('/')
}

/// Text of a scalar (strings, numbers); `None` for anything else.
fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn type_name(v: &Value) -> Msg {
    match v {
        Value::Null => msg!("yaml.found.nothing"),
        Value::Bool(_) => msg!("yaml.found.bool"),
        Value::Number(_) => msg!("yaml.found.number"),
        Value::String(_) => msg!("yaml.type.text"),
        Value::Sequence(_) => msg!("yaml.type.list"),
        Value::Mapping(_) => msg!("yaml.found.mapping"),
        Value::Tagged(_) => msg!("yaml.found.tagged"),
    }
}

fn syntax_error(src: SourceText<'_>, range: Range<usize>, e: &serde_yaml::Error) -> Diagnostic {
    let yaml = &src.text[range.clone()];
    let stopped = e.location().map_or(yaml.len(), |loc| loc.index().min(yaml.len()));
    if let Some(slip) = slips::find(yaml, stopped) {
        let span = range.start + slip.span.start..range.start + slip.span.end;
        let (message, label, help) = slip_text(&slip);
        return Diagnostic::error(slip.code, message).at(&src, span).label(label).help(help);
    }
    // serde_yaml's messages end with " at line X column Y"; the location is shown separately.
    let reason = e.to_string();
    let reason = reason.split(" at line ").next().unwrap_or(&reason).to_string();
    // A key written twice: the parser points at the start of the mapping, the editor needs the
    // second one.
    if let Some(key) = reason.strip_prefix("duplicate entry with key \"").and_then(|k| k.strip_suffix('"'))
        && let [first, second, ..] = top_level_key_lines(yaml, key)[..]
    {
        let line = yaml[..first].matches('\n').count() + src.text[..range.start].matches('\n').count() + 1;
        let at = range.start + second;
        return Diagnostic::error("yaml-duplicate-key", msg!("yaml-duplicate-key", key))
            .at(&src, at..at + key.len())
            .label(msg!("yaml-duplicate-key.label", line))
            .help(msg!("yaml-duplicate-key.help", line));
    }
    // No slip that an editor makes every day: the parser's report, below an explanation.
    let start = range.start + stopped;
    let help = syntax_help(&reason);
    Diagnostic::error("yaml-syntax", msg!("yaml-syntax"))
        .at(&src, start..start + 1)
        .label(msg!("yaml-syntax.label"))
        .help(msg!("yaml-syntax.reader", help, reason))
}

/// Where the lines that start with `key:` start in `yaml` (top level only).
fn top_level_key_lines(yaml: &str, key: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let rest = line
            .strip_prefix(key)
            .or_else(|| line.strip_prefix('"').and_then(|l| l.strip_prefix(key)?.strip_prefix('"')));
        if rest.is_some_and(|r| r.trim_start_matches([' ', '\t']).starts_with(':')) {
            found.push(offset);
        }
        offset += line.len();
    }
    found
}

/// Message, label and help of a slip: what is wrong, in the editor's words, and the line as it
/// should be written.
fn slip_text(slip: &slips::Slip) -> (Msg, Msg, Msg) {
    let fixed = slip.fixed.trim_start();
    let what = slip.what.as_str();
    match slip.code {
        "yaml-missing-colon" => {
            (msg!("yaml-missing-colon"), msg!("yaml-missing-colon.label"), msg!("yaml-missing-colon.help", fixed))
        }
        "yaml-missing-space" => {
            (msg!("yaml-missing-space"), msg!("yaml-missing-space.label"), msg!("yaml-missing-space.help", fixed))
        }
        // The indentation is the point here: shown as it should be.
        "yaml-tab" => (msg!("yaml-tab"), msg!("yaml-tab.label"), msg!("yaml-tab.help", fixed = &slip.fixed)),
        "yaml-special-start" => (
            msg!("yaml-special-start", what),
            msg!("yaml-special-start.label", what),
            msg!("yaml.help.quote-whole", fixed),
        ),
        "yaml-unclosed-quote" => (
            msg!("yaml-unclosed-quote", what),
            msg!("yaml-unclosed-quote.label"),
            msg!("yaml-unclosed-quote.help", fixed),
        ),
        "yaml-text-after-quote" => (
            msg!("yaml-text-after-quote", what),
            msg!("yaml-text-after-quote.label"),
            msg!("yaml.help.quote-whole", fixed),
        ),
        "yaml-curly-quotes" => {
            (msg!("yaml-curly-quotes", what), msg!("yaml-curly-quotes.label"), msg!("yaml-curly-quotes.help", fixed))
        }
        "yaml-colon-in-value" => {
            (msg!("yaml-colon-in-value"), msg!("yaml-colon-in-value.label"), msg!("yaml.help.quote-whole", fixed))
        }
        _ => (msg!("yaml-syntax"), msg!("yaml-syntax.label"), msg!("yaml.help.quote-whole", fixed)),
    }
}

fn syntax_help(msg: &str) -> Msg {
    if msg.contains("mapping values are not allowed") {
        msg!("yaml-syntax.help.colon")
    } else if msg.contains("duplicate entry") {
        msg!("yaml-syntax.help.duplicate")
    } else if msg.contains("tab") {
        msg!("yaml-syntax.help.tab")
    } else if msg.contains("did not find expected") || msg.contains("found character that cannot start") {
        msg!("yaml-syntax.help.quotes")
    } else {
        msg!("yaml-syntax.help")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn with_map<R>(text: &str, f: impl FnOnce(&mut YamlMap<'_>) -> R) -> (R, Vec<Diagnostic>) {
        let src = SourceText::new(Path::new("x.md"), text);
        let mut m = YamlMap::parse(src, 0..text.len()).unwrap();
        let r = f(&mut m);
        let d = m.finish(&["title", "themes", "sources", "year"], msg!("what.config"), &|_| None);
        (r, d)
    }

    #[test]
    fn reads_typed_values() {
        let ((t, th, y), d) = with_map("title: Weert\nthemes: [A, \" B \"]\nyear: 2019\n", |m| {
            (m.string("title", "x"), m.string_list("themes", "[x]"), m.integer("year", "2020"))
        });
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(t.as_deref(), Some("Weert"));
        assert_eq!(th, vec!["A", "B"]);
        assert_eq!(y, Some(2019));
    }

    #[test]
    fn reports_wrong_types_at_the_value() {
        let (_, d) = with_map("title: x\nthemes: Gezondheid\n", |m| {
            m.string("title", "x");
            m.string_list("themes", "[Gezondheid]")
        });
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].column, d[0].width), (Some(2), Some(9), 10));
        assert!(d[0].message.english().contains("must be a list"), "{d:?}");
        assert!(d[0].message.render(crate::messages::Lang::Nl).contains("een lijst"), "{d:?}");
    }

    #[test]
    fn reports_unknown_keys_with_suggestion() {
        let (_, d) = with_map("tittle: x\n", |_| ());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].help_text(crate::messages::Lang::En).as_deref(), Some("did you mean `title`?"));
        assert_eq!((d[0].line, d[0].column), (Some(1), Some(1)));
    }

    /// The span of `key` as found before there was an index: a scan of every line.
    fn key_span_by_scan(text: &str, key: &str) -> Range<usize> {
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let stripped = line
                .strip_prefix(key)
                .or_else(|| line.strip_prefix('"').and_then(|l| l.strip_prefix(key)).and_then(|l| l.strip_prefix('"')));
            if let Some(rest) = stripped
                && rest.trim_start_matches([' ', '\t']).starts_with(':')
            {
                let quoted = line.starts_with('"') as usize * 2;
                return offset..offset + key.len() + quoted;
            }
            offset += line.len();
        }
        0..0
    }

    #[test]
    fn key_spans_are_where_a_scan_finds_them() {
        let text = "title: x\n\"quoted key\": y\ntitle : again\na:b: c\n  nested: 1\nspace \t: z\n\"\": e\n: f\n";
        // Not valid YAML (`title` twice): the index is built from the lines, whatever they hold.
        let spans = key_spans(text, 0..text.len());
        for key in ["title", "quoted key", "a", "a:b", "nested", "space", "", "missing", "tit", "a:b: c"] {
            assert_eq!(spans.get(key).cloned().unwrap_or(0..0), key_span_by_scan(text, key), "{key:?}");
        }
    }

    #[test]
    fn nesting_is_counted_before_parsing() {
        // The key is the first level.
        assert_eq!(too_deep(&format!("a: {}{}", "[".repeat(63), "]".repeat(63))), None);
        assert_eq!(too_deep(&format!("a: {}{}", "[".repeat(64), "]".repeat(64))), Some(3 + 63));
        let block: String = (0..70).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
        assert!(too_deep(&block).is_some());
        assert_eq!(
            too_deep(&format!("a: \"{}\"\nb: '{}'\nc: x # {}\n", "[".repeat(99), "{".repeat(99), "[".repeat(99))),
            None
        );
        assert_eq!(too_deep("titel: auto's [en] foto's\nthemes: ['a', \"b\"]\n"), None);
        assert!(too_deep(&"- ".repeat(70)).is_some());
        assert_eq!(too_deep(&format!("title: a {}\n", "- ".repeat(70))), None);
    }

    #[test]
    fn syntax_errors_have_a_location() {
        let text = "title: a: b\n";
        let src = SourceText::new(Path::new("x.md"), text);
        let Err(d) = YamlMap::parse(src, 0..text.len()) else { panic!() };
        assert_eq!(d.code, "yaml-colon-in-value");
        assert_eq!((d.line, d.column), (Some(1), Some(9)));
        assert_eq!(
            d.help_text(crate::messages::Lang::En).as_deref(),
            Some("put the whole value between quotes: `title: \"a: b\"`")
        );
        // A refusal that is no everyday slip keeps the parser's words, below an explanation.
        let text = "title: a\ntitle: b\n";
        let src = SourceText::new(Path::new("x.md"), text);
        let Err(d) = YamlMap::parse(src, 0..text.len()) else { panic!() };
        assert_eq!((d.code, d.line), ("yaml-duplicate-key", Some(2)));
        let text = "title: a\nthemes: [a, b]]\n";
        let src = SourceText::new(Path::new("x.md"), text);
        let Err(d) = YamlMap::parse(src, 0..text.len()) else { panic!() };
        assert_eq!(d.code, "yaml-syntax");
        assert!(d.help_text(crate::messages::Lang::En).unwrap().contains("\n(the YAML reader says: "), "{d:?}");
    }

    #[test]
    fn a_colon_in_a_list_item_is_a_slip() {
        let (l, d) = with_map("themes:\n  - Taal\n  - Zorg: welzijn\n", |m| m.string_list("themes", "[x]"));
        assert!(l.is_empty());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].code, d[0].line, d[0].column), ("yaml-colon-in-value", Some(3), Some(9)));
        assert_eq!(
            d[0].help_text(crate::messages::Lang::En).as_deref(),
            Some("put the whole value between quotes: `- \"Zorg: welzijn\"`")
        );
        let (_, d) = with_map("themes: [Taal, Zorg: welzijn]\n", |m| m.string_list("themes", "[x]"));
        assert_eq!((d[0].code, d[0].column), ("yaml-colon-in-value", Some(20)));
    }

    #[test]
    fn links_in_both_forms() {
        let (l, d) =
            with_map("sources:\n  - https://a.nl/\n  - {title: B, url: \"https://b.nl/\"}\n  - Handboek\n", |m| {
                m.link_list("sources")
            });
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(l.len(), 3);
        assert_eq!(l[1].title.as_deref(), Some("B"));
        assert_eq!(l[2].url, None);
    }
}
