//! The slips editors make in YAML, found line by line once the parser has refused a text.
//!
//! The parser's own report often points past the mistake (a missing `:` shows on the next
//! line, an apostrophe in `'s-Gravenhage` at the end of the text) and in words only a
//! programmer reads. So before its report is shown, the lines are read here for the everyday
//! slips: a line without `key: value` shape, a tab in the indentation, a quote that is never
//! closed or is followed by more text, a value that starts with a character YAML reserves
//! (`'`, `*`, `&`, `!`, `%`, `@`, a backtick), curly quotes from a word processor, and `: `
//! inside a value. The first slip at or before the parser's error wins, reported on its own
//! line with the line as it should be written. Only when none is found does the parser's report
//! stand, see [`super::syntax_error`].
//!
//! This runs only on the error path, on texts the parser already refused, so it may parse a
//! single line again to tell a slip from a line that is fine.

use std::ops::Range;

/// One slip: where it is in the YAML text and how the line should read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Slip {
    /// Stable code of the kind of slip.
    pub(crate) code: &'static str,
    /// Byte range in the YAML text.
    pub(crate) span: Range<usize>,
    /// The line as it was written, and as it should be.
    pub(crate) written: String,
    pub(crate) fixed: String,
    /// The character or text the slip is about (`'`, `*`, `“`), for the message.
    pub(crate) what: String,
}

/// A line of the text, without its line break.
struct Line<'a> {
    /// Byte offset of the line in the text.
    start: usize,
    text: &'a str,
    /// Bytes of leading spaces and tabs.
    indent: usize,
}

impl Line<'_> {
    fn content(&self) -> &str {
        &self.text[self.indent..]
    }

    fn blank(&self) -> bool {
        let c = self.content();
        c.is_empty() || c.starts_with('#')
    }
}

/// What a line holds once list markers are taken off: a key and its value, or a value alone.
struct Parts {
    /// Offset in the line where the text after the `- ` markers starts.
    body: usize,
    /// Offset in the line of the colon that ends the key, if there is one.
    colon: Option<usize>,
    /// Offset in the line where the value starts (after the colon and spaces), and its text
    /// with a trailing comment left off, trailing spaces trimmed.
    value: Option<(usize, String)>,
    item: bool,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let t = raw.trim_end_matches('\n').trim_end_matches('\r');
        let indent = t.len() - t.trim_start_matches([' ', '\t']).len();
        out.push(Line { start, text: t, indent });
        start += raw.len();
    }
    out
}

/// The offset of the colon that ends a key in `s` (a line's text after its indent and list
/// markers): `key:` followed by a space, a tab or the end, outside quotes; `None` when `s` is a
/// value alone.
fn key_colon(s: &str) -> Option<usize> {
    if let Some(q @ ('"' | '\'')) = s.chars().next() {
        let close = s[1..].find(q)? + 1;
        let rest = &s[close + 1..];
        let lead = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        return rest[lead..].starts_with(':').then_some(close + 1 + lead);
    }
    if s.starts_with(['[', '{', '|', '>', '#']) || s.starts_with(['“', '„', '‘', '‚']) {
        return None;
    }
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && i > 0 && matches!(bytes[i - 1], b' ' | b'\t') {
            return None;
        }
        if b == b':' && bytes.get(i + 1).is_none_or(|n| matches!(n, b' ' | b'\t')) {
            return (i > 0).then_some(i);
        }
    }
    None
}

/// `value` with a trailing ` # comment` left off (for a value that is not quoted).
fn without_comment(value: &str) -> &str {
    let cut = value.find(" #").or_else(|| value.find("\t#")).unwrap_or(value.len());
    value[..cut].trim_end()
}

fn parts(line: &Line<'_>) -> Parts {
    let text = line.text;
    let mut body = line.indent;
    let mut item = false;
    loop {
        let rest = &text[body..];
        if rest == "-" {
            return Parts { body: text.len(), colon: None, value: None, item: true };
        }
        match rest.strip_prefix("- ").or_else(|| rest.strip_prefix("-\t")) {
            Some(after) => {
                item = true;
                body = text.len() - after.trim_start_matches([' ', '\t']).len();
            }
            None => break,
        }
    }
    let rest = &text[body..];
    let colon = key_colon(rest).map(|c| body + c);
    let value_start = match colon {
        Some(c) => {
            let after = &text[c + 1..];
            c + 1 + (after.len() - after.trim_start_matches([' ', '\t']).len())
        }
        None => body,
    };
    let raw = text[value_start..].trim_end();
    let value = if raw.is_empty() {
        None
    } else if raw.starts_with(['"', '\'']) {
        Some((value_start, raw.to_string()))
    } else {
        Some((value_start, without_comment(raw).to_string()))
    };
    Parts { body, colon, value, item }
}

/// `value` between quotes, as YAML reads it back unchanged: double quotes, or single quotes
/// when the value holds a double quote or a backslash.
pub(crate) fn quoted(value: &str) -> String {
    if value.contains(['"', '\\']) { format!("'{}'", value.replace('\'', "''")) } else { format!("\"{value}\"") }
}

/// Whether a text of a single line, taken alone, is refused by the YAML parser.
fn refused_alone(text: &str) -> bool {
    serde_yaml::from_str::<serde_yaml::Value>(text).is_err()
}

/// The end (offset in `s`, just past it) of the quoted scalar that starts `s` with `q`, if it
/// closes on this line. A `''` inside single quotes and a `\"` inside double quotes do not
/// close it.
fn quote_end(s: &str, q: char) -> Option<usize> {
    let bytes = s.as_bytes();
    let q = q as u8;
    let mut i = 1;
    while i < bytes.len() {
        let b = bytes[i];
        if q == b'"' && b == b'\\' {
            i += 2;
            continue;
        }
        if b == q {
            if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i + 1);
        }
        i += 1;
    }
    None
}

/// Dutch names that start with an apostrophe: `'s-Gravenhage`, `'t Zandt`, `'s avonds`.
fn starts_with_elision(value: &str) -> bool {
    let b = value.as_bytes();
    b.first() == Some(&b'\'')
        && matches!(b.get(1), Some(b's' | b't' | b'n' | b'S' | b'T'))
        && matches!(b.get(2), None | Some(b' ' | b'-'))
}

const CURLY_OPENERS: [char; 5] = ['“', '„', '‘', '‚', '«'];
const CURLY: [char; 8] = ['“', '”', '„', '‘', '’', '‚', '«', '»'];

/// The first slip in `text`, at or before byte `not_after` (where the parser stopped).
pub(crate) fn find(text: &str, not_after: usize) -> Option<Slip> {
    let lines = lines(text);
    let not_after_line = lines.iter().rposition(|l| l.start <= not_after).unwrap_or(0);
    // The indent of the last key or item line, and whether its value went on as plain text
    // (so that a deeper line without a key continues it).
    let mut last: Option<(usize, bool)> = None;
    // While inside a block scalar (`|`, `>`): the indent of the line that opened it.
    let mut block: Option<usize> = None;
    // Open brackets of a `[...]` or `{...}` value that goes on over more lines.
    let mut flow = 0usize;
    // Lines of a quoted value that goes on over more lines are skipped up to this one.
    let mut skip_to = 0usize;
    for (n, line) in lines.iter().enumerate() {
        if n > not_after_line {
            break;
        }
        if n < skip_to {
            continue;
        }
        if let Some(opened) = block {
            if line.content().is_empty() || line.indent > opened {
                continue;
            }
            block = None;
        }
        if line.blank() {
            continue;
        }
        if flow > 0 {
            flow = flow_depth(line.content(), flow);
            continue;
        }
        let slip = |code, span: Range<usize>, fixed: String, what: &str| {
            let at = line.start;
            Some(Slip {
                code,
                span: at + span.start..at + span.end,
                written: line.text.to_string(),
                fixed,
                what: what.to_string(),
            })
        };
        let lead = &line.text[..line.indent];
        if let Some(tab) = lead.find('\t') {
            let fixed = format!("{}{}", lead.replace('\t', "  "), line.content());
            return slip("yaml-tab", tab..line.indent, fixed, "\t");
        }
        let p = parts(line);
        let continues = last.is_some_and(|(indent, plain)| plain && line.indent > indent);
        if p.colon.is_none() && !p.item {
            if continues {
                continue;
            }
            let content = line.content();
            if !content.starts_with(['"', '\'', '[', '{', '|', '>']) && has_key_sibling(&lines, n) {
                return missing_colon(line).and_then(|(code, span, fixed)| slip(code, span, fixed, ":"));
            }
        }
        let Some((vstart, value)) = p.value.clone() else {
            last = Some((line.indent, false));
            continue;
        };
        let key_part = &line.text[..vstart];
        let rebuilt = |v: &str| format!("{key_part}{v}");
        let first = value.chars().next().unwrap_or(' ');
        let vlen = value.len();
        if CURLY_OPENERS.contains(&first) && refused_alone(&line.text[p.body..]) {
            let inner = value.trim_start_matches(CURLY).trim_end_matches(CURLY);
            return slip(
                "yaml-curly-quotes",
                vstart..vstart + first.len_utf8(),
                rebuilt(&quoted(inner)),
                &first.to_string(),
            );
        }
        match first {
            '"' | '\'' => {
                let end = quote_end(&value, first);
                let rest = end.map(|e| value[e..].trim_start());
                let closes_well = rest.is_some_and(|r| r.is_empty() || r.starts_with('#'));
                if first == '\'' && starts_with_elision(&value) && !closes_well {
                    let whole = without_comment(&value);
                    return slip("yaml-special-start", vstart..vstart + vlen, rebuilt(&quoted(whole)), "'");
                }
                match (end, closes_well) {
                    (_, true) => {}
                    (Some(e), false) => {
                        let whole = without_comment(&value);
                        let r = rest.unwrap_or("");
                        let at = vstart + value.len() - r.len();
                        return slip(
                            "yaml-text-after-quote",
                            at..at + without_comment(r).len().max(1),
                            rebuilt(&quoted(whole)),
                            &value[..e],
                        );
                    }
                    (None, false) => {
                        // A quoted value may go on over deeper lines and close there.
                        if let Some(close) = closes_below(&lines, n, first) {
                            skip_to = close + 1;
                            last = Some((line.indent, false));
                            continue;
                        }
                        let inner = &value[1..];
                        let fixed = rebuilt(&format!("{first}{inner}{first}"));
                        return slip("yaml-unclosed-quote", vstart..vstart + 1, fixed, &first.to_string());
                    }
                }
            }
            '[' | '{' => {
                flow = flow_depth(&value, 0);
            }
            '|' | '>' => {
                block = Some(line.indent);
            }
            '*' | '&' | '!' | '%' | '@' | '`' if refused_alone(&line.text[p.body..]) => {
                return slip("yaml-special-start", vstart..vstart + vlen, rebuilt(&quoted(&value)), &first.to_string());
            }
            _ => {
                if let Some(colon) = inner_colon(&value)
                    && refused_alone(&line.text[p.body..])
                {
                    let at = vstart + colon;
                    return slip("yaml-colon-in-value", at..at + 1, rebuilt(&quoted(&value)), ": ");
                }
            }
        }
        let plain = !matches!(first, '"' | '\'' | '[' | '{' | '|' | '>');
        last = Some((line.indent, plain));
    }
    None
}

/// Values that start with `&` or `!`, which the parser takes without complaint, as an anchor
/// or a tag, and so loses or misreads: `title: &Co en partners` would be read as `en
/// partners`. No editor means either; each is reported as a slip.
pub(crate) fn reserved_starts(text: &str) -> Vec<Slip> {
    let mut found = Vec::new();
    let mut block: Option<usize> = None;
    for line in lines(text) {
        if let Some(opened) = block {
            if line.content().is_empty() || line.indent > opened {
                continue;
            }
            block = None;
        }
        if line.blank() {
            continue;
        }
        let p = parts(&line);
        let Some((vstart, value)) = p.value else { continue };
        if value.starts_with(['|', '>']) {
            block = Some(line.indent);
        }
        if let Some(first @ ('&' | '!')) = value.chars().next() {
            let at = line.start + vstart;
            let fixed = format!("{}{}", &line.text[..vstart], quoted(&value));
            found.push(Slip {
                code: "yaml-special-start",
                span: at..at + value.len(),
                written: line.text.to_string(),
                fixed,
                what: first.to_string(),
            });
        }
    }
    found
}

/// `: ` (or a `:` at the end) inside a plain value: where YAML sees a new key.
fn inner_colon(value: &str) -> Option<usize> {
    let b = value.as_bytes();
    (0..b.len()).find(|&i| b[i] == b':' && b.get(i + 1).is_none_or(|n| matches!(n, b' ' | b'\t')))
}

/// The open brackets after `s`, starting from `depth`; quoted text does not count.
fn flow_depth(s: &str, mut depth: usize) -> usize {
    let mut quote: Option<char> = None;
    for c in s.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' => quote = Some(c),
                '[' | '{' => depth += 1,
                ']' | '}' => depth = depth.saturating_sub(1),
                '#' => break,
                _ => {}
            },
        }
    }
    depth
}

/// The line below line `n` where a quoted value opened on line `n` with `q` closes, if it goes
/// on over deeper lines and nothing but a comment follows its close.
fn closes_below(lines: &[Line<'_>], n: usize, q: char) -> Option<usize> {
    let indent = lines[n].indent;
    for (i, line) in lines.iter().enumerate().skip(n + 1) {
        if !line.content().is_empty() && line.indent <= indent {
            return None;
        }
        let text = line.text;
        if let Some(at) = text.find(q) {
            if q == '\'' && text[at + 1..].starts_with('\'') {
                continue;
            }
            let rest = text[at + 1..].trim_start();
            return (rest.is_empty() || rest.starts_with('#')).then_some(i);
        }
    }
    None
}

/// How many lines above and below a line are searched for a key beside it.
const NEARBY: usize = 100;

/// Whether line `n` has, in the same block, a line at its indent that is `key: value`: then
/// it is one of the keys of a mapping and should have been one too.
fn has_key_sibling(lines: &[Line<'_>], n: usize) -> bool {
    let indent = lines[n].indent;
    let in_block = |l: &&Line<'_>| l.blank() || l.indent >= indent;
    // Only nearby lines are looked at, which bounds the work on a long text without keys.
    let before = lines[..n].iter().rev().take(NEARBY).take_while(in_block);
    let after = lines[n + 1..].iter().take(NEARBY).take_while(in_block);
    before.chain(after).any(|l| !l.blank() && l.indent == indent && key_colon(l.content()).is_some())
}

/// The report of a line without a colon after its key: `definition Een regeling` (a `:` after
/// the first word) or `definition:Een regeling` (a space after the colon).
fn missing_colon(line: &Line<'_>) -> Option<(&'static str, Range<usize>, String)> {
    let content = line.content();
    let lead = &line.text[..line.indent];
    let word_end = content.find([' ', '\t']).unwrap_or(content.len());
    let word = &content[..word_end];
    if let Some(colon) = word.find(':')
        && colon > 0
        && !word[colon + 1..].starts_with("//")
        && word[..colon].chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    {
        let at = line.indent + colon;
        let fixed = format!("{lead}{}: {}", &content[..colon], &content[colon + 1..]);
        return Some(("yaml-missing-space", at..at + 1, fixed));
    }
    let at = line.indent + word_end;
    let fixed = format!("{lead}{word}:{}", &content[word_end..]);
    let fixed = if word_end == content.len() { fixed } else { fixed.replacen(":\t", ": ", 1) };
    Some(("yaml-missing-colon", at..at + 1, fixed))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slip in `text`, with the line and 1-based column of its start, as the parser found
    /// the text refused (the slips are only looked for then).
    fn slip(text: &str) -> (&'static str, usize, usize, String) {
        let err = serde_yaml::from_str::<serde_yaml::Value>(text).expect_err("the parser refuses the text");
        let at = err.location().map_or(text.len(), |l| l.index());
        let s = find(text, at).unwrap_or_else(|| panic!("no slip found in {text:?}"));
        let line_start = text[..s.span.start].rfind('\n').map_or(0, |i| i + 1);
        let line = text[..line_start].matches('\n').count() + 1;
        let column = text[line_start..s.span.start].chars().count() + 1;
        assert!(!refused_alone(s.fixed.trim_start()), "the fixed line is valid: {}", s.fixed);
        (s.code, line, column, s.fixed)
    }

    #[test]
    fn a_missing_colon_is_found_on_its_own_line() {
        let t = "title: Bijstand\ndefinition Een regeling voor wie te weinig heeft.\nrelated: [inburgering]\n";
        assert_eq!(slip(t), ("yaml-missing-colon", 2, 11, "definition: Een regeling voor wie te weinig heeft.".into()));
        // The last key too: the caret stays on it, not on what follows.
        let t = "title: Bijstand\ndefinition Een regeling\n";
        assert_eq!(slip(t).0, "yaml-missing-colon");
        assert_eq!(slip(t).1, 2);
        let t = "title: Bijstand\ndefinition:Een regeling\nsummary: x\n";
        assert_eq!(slip(t), ("yaml-missing-space", 2, 11, "definition: Een regeling".into()));
        let t = "theme:\n  accent_color: \"#123456\"\n  logo img/logo.svg\n";
        assert_eq!(slip(t), ("yaml-missing-colon", 3, 7, "  logo: img/logo.svg".into()));
    }

    #[test]
    fn tabs_apostrophes_quotes_and_colons() {
        assert_eq!(slip("title: X\nthemes:\n\t- Zorg\n"), ("yaml-tab", 3, 1, "  - Zorg".into()));
        assert_eq!(
            slip("title: X\nmunicipality: 's-Gravenhage\nyear: 2020\n"),
            ("yaml-special-start", 2, 15, "municipality: \"'s-Gravenhage\"".into())
        );
        assert_eq!(slip("title: @jongeren\n"), ("yaml-special-start", 1, 8, "title: \"@jongeren\"".into()));
        assert_eq!(slip("title: `code`\n"), ("yaml-special-start", 1, 8, "title: \"`code`\"".into()));
        assert_eq!(slip("title: %20 korting\n"), ("yaml-special-start", 1, 8, "title: \"%20 korting\"".into()));
        assert_eq!(slip("title: *ster\n").0, "yaml-special-start");
        assert_eq!(slip("title: \"Aanpak\nyear: 2020\n"), ("yaml-unclosed-quote", 1, 8, "title: \"Aanpak\"".into()));
        assert_eq!(
            slip("title: \"Aanpak\" voor jongeren\n"),
            ("yaml-text-after-quote", 1, 17, "title: '\"Aanpak\" voor jongeren'".into())
        );
        assert_eq!(
            slip("title: “Aanpak: stap voor stap”\n"),
            ("yaml-curly-quotes", 1, 8, "title: \"Aanpak: stap voor stap\"".into())
        );
        assert_eq!(
            slip("title: x\nsummary: Aanpak: sleutelpersonen in dienst\n"),
            ("yaml-colon-in-value", 2, 16, "summary: \"Aanpak: sleutelpersonen in dienst\"".into())
        );
        assert_eq!(
            slip("theme:\n  organisation: Gemeente: Weert\n"),
            ("yaml-colon-in-value", 2, 25, "  organisation: \"Gemeente: Weert\"".into())
        );
    }

    #[test]
    fn anchors_and_tags_that_parse_are_still_slips() {
        let t = "title: &Co en partners\nsummary: |\n  & meer\nthemes:\n  - !Belangrijk\n";
        let found: Vec<_> = reserved_starts(t).into_iter().map(|s| (s.code, s.what, s.fixed)).collect();
        assert_eq!(
            found,
            vec![
                ("yaml-special-start", "&".to_string(), "title: \"&Co en partners\"".to_string()),
                ("yaml-special-start", "!".to_string(), "  - \"!Belangrijk\"".to_string()),
            ]
        );
    }

    #[test]
    fn valid_lines_before_the_slip_are_passed() {
        let t = "summary: Een lange zin\n  die doorloopt\nbody: |\n  tekst zonder: sleutel\n  meer\n\
                 themes: [a,\n  b]\nquote: \"een\n  twee\"\ntitle: X\ndefinition Een regeling\n";
        assert_eq!(slip(t).0, "yaml-missing-colon");
        assert_eq!(slip(t).1, 11);
        // A valid quoted or commented value is no slip; a parser error elsewhere gives none.
        let t = "title: 'Zeg ''ja'''\nurl: https://x.nl/ # a: b\nthemes: [a, b]]\n";
        let err = serde_yaml::from_str::<serde_yaml::Value>(t).unwrap_err();
        assert_eq!(find(t, err.location().unwrap().index()), None);
    }
}
