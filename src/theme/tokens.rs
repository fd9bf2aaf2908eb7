//! A municipality's NL Design System design tokens: the CSS file of its token package, named by
//! the theme setting `tokens_css` and linked before the theme's stylesheet, which reads the
//! tokens by their NL Design System names (the mapping block at the top of `css/wegwijs.css`).
//!
//! Before the file is published it is read here, for what the site promises its readers:
//! - it loads nothing from another host: `@import url(https://...)` or a font at `url(//...)`
//!   is an error at its line (fonts are self-hosted from `static/`), and a file it refers to
//!   inside the site must exist;
//! - the colours it gives the theme keep WCAG 2.1 AA: text, links, button text and header text
//!   on their backgrounds at 4.5:1 at least, as `accent_color` is checked against white.
//!
//! The file is read as its custom properties (`--name: value`), wherever they are declared (on
//! `:root` or on a token package's class such as `.denhaag-theme`, which `tokens_class` puts
//! on the page), the last declaration of a name winning, `var()` references resolved.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;

use super::FileSource;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, SourceText};
use crate::messages::Msg;
use crate::msg;

/// One colour the theme takes from the tokens: the token names it reads, first found wins,
/// and the theme's own value without them (`None`: the accent, which with a tokens file is the
/// primary button's colour, else the `accent_color` setting). The mapping
/// block at the top of `css/wegwijs.css` reads the same names (a test compares them).
pub(crate) struct Role {
    /// The theme's own custom property (`--ww-link-color`).
    pub(crate) property: &'static str,
    pub(crate) tokens: &'static [&'static str],
    pub(crate) fallback: Option<&'static str>,
}

pub(crate) const DOCUMENT_COLOR: Role =
    Role { property: "--ww-document-color", tokens: &["--utrecht-document-color"], fallback: Some("#1b1b1b") };
pub(crate) const DOCUMENT_BACKGROUND: Role = Role {
    property: "--ww-document-background-color",
    tokens: &["--utrecht-document-background-color"],
    fallback: Some("#ffffff"),
};
pub(crate) const LINK: Role =
    Role { property: "--ww-link-color", tokens: &["--nl-link-color", "--utrecht-link-color"], fallback: None };
pub(crate) const BUTTON_BACKGROUND: Role = Role {
    property: "--ww-button-background-color",
    tokens: &["--nl-button-primary-background-color", "--utrecht-button-primary-action-background-color"],
    fallback: None,
};
pub(crate) const BUTTON_COLOR: Role = Role {
    property: "--ww-button-color",
    tokens: &["--nl-button-primary-color", "--utrecht-button-primary-action-color"],
    fallback: Some("#ffffff"),
};
pub(crate) const HEADER_BACKGROUND: Role = Role {
    property: "--ww-header-background-color",
    tokens: &["--utrecht-page-header-background-color"],
    fallback: None,
};
pub(crate) const HEADER_COLOR: Role =
    Role { property: "--ww-header-color", tokens: &["--utrecht-page-header-color"], fallback: Some("#ffffff") };

// Hover and focus (issue 17). A fallback `var(--ww-…)` is another role's colour: without a
// token of its own, the role is that role, whose own pairs check it.
pub(crate) const LINK_HOVER: Role = Role {
    property: "--ww-link-hover-color",
    tokens: &["--nl-link-hover-color", "--utrecht-link-hover-color"],
    fallback: Some("var(--ww-link-color)"),
};
pub(crate) const FOCUS_BACKGROUND: Role = Role {
    property: "--ww-focus-background-color",
    tokens: &["--utrecht-focus-background-color"],
    fallback: Some("#ffbf00"),
};
pub(crate) const FOCUS_OUTLINE: Role = Role {
    property: "--ww-focus-outline-color",
    tokens: &["--utrecht-focus-outline-color"],
    fallback: Some("var(--ww-document-color)"),
};

/// The pairs whose contrast is checked: what is read, on what, the message's words for it, and
/// the contrast it needs.
fn pairs() -> [(&'static Role, &'static Role, Msg, f64); 8] {
    [
        (&DOCUMENT_COLOR, &DOCUMENT_BACKGROUND, msg!("token-pair.text"), MIN_CONTRAST),
        (&LINK, &DOCUMENT_BACKGROUND, msg!("token-pair.link"), MIN_CONTRAST),
        (&BUTTON_COLOR, &BUTTON_BACKGROUND, msg!("token-pair.button"), MIN_CONTRAST),
        (&HEADER_COLOR, &HEADER_BACKGROUND, msg!("token-pair.header"), MIN_CONTRAST),
        // A link under the pointer is text too.
        (&LINK_HOVER, &DOCUMENT_BACKGROUND, msg!("token-pair.link-hover"), MIN_CONTRAST),
        // A focused link: the text on the focus background (css `a:focus-visible`).
        (&DOCUMENT_COLOR, &FOCUS_BACKGROUND, msg!("token-pair.focus"), MIN_CONTRAST),
        // The focus outline around buttons and fields, and in the header bar the focus colour:
        // parts of the interface, 3:1 (WCAG 1.4.11).
        (&FOCUS_OUTLINE, &DOCUMENT_BACKGROUND, msg!("token-pair.focus-outline"), MIN_NON_TEXT_CONTRAST),
        (&FOCUS_BACKGROUND, &HEADER_BACKGROUND, msg!("token-pair.header-focus"), MIN_NON_TEXT_CONTRAST),
    ]
}

/// WCAG 2.1 AA for text.
const MIN_CONTRAST: f64 = 4.5;
/// WCAG 2.1 AA for parts of the interface, such as a focus outline (1.4.11).
const MIN_NON_TEXT_CONTRAST: f64 = 3.0;

/// The role whose colour `role` takes when no token of its own is declared (`var(--ww-…)`).
fn fallback_role(role: &Role) -> Option<&'static Role> {
    let property = role.fallback?.strip_prefix("var(")?.strip_suffix(')')?;
    [&DOCUMENT_COLOR, &LINK].into_iter().find(|r| r.property == property)
}

/// Checks the theme settings `tokens_class` and `tokens_css`, and the tokens file itself.
pub(crate) fn check(
    config: &Config,
    static_files: &BTreeMap<String, FileSource>,
    settings: &BTreeMap<String, String>,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    if let Some(class) = settings.get("tokens_class").filter(|c| !c.is_empty())
        && !is_class_name(class)
    {
        found.push(
            config
                .diagnostic_at_key("tokens_class", "bad-tokens-class", msg!("bad-tokens-class", value = class))
                .help(msg!("bad-tokens-class.help")),
        );
    }
    let Some(path) = settings.get("tokens_css").map(|p| p.trim()).filter(|p| !p.is_empty()) else { return found };
    if crate::url::classify(path) != crate::url::UrlKind::Relative || path.starts_with("//") {
        found.push(
            config
                .diagnostic_at_key("tokens_css", "remote-in-tokens", msg!("remote-in-tokens", url = path))
                .label(msg!("remote-in-tokens.label"))
                .help(msg!("remote-in-tokens.help")),
        );
        return found;
    }
    if crate::config::leaves_site(path).is_some() {
        // The check stage's `missing-theme-file` reports it where it is written.
        return found;
    }
    let published = normalise("", path);
    // A file that is not there is the check stage's `missing-theme-file`, at its line.
    let Some(source) = static_files.get(&published) else { return found };
    let shown = match source {
        FileSource::Disk(p) => config.display_path(p),
        FileSource::Embedded(_) | FileSource::Rewritten(..) => {
            PathBuf::from("<built-in theme>/static").join(&published)
        }
    };
    let Ok(Ok(text)) = source.read().map(String::from_utf8) else {
        found.push(Diagnostic::error("io", msg!("io.tokens")).in_file(shown));
        return found;
    };
    let src = SourceText::new(&shown, &text);
    let css = without_comments(&text);
    let dir = published.rsplit_once('/').map_or("", |(d, _)| d);
    for (url, span) in urls(&css) {
        if is_remote(&url) {
            found.push(
                Diagnostic::error("remote-in-tokens", msg!("remote-in-tokens", url = &url))
                    .at(&src, span)
                    .label(msg!("remote-in-tokens.label"))
                    .help(msg!("remote-in-tokens.help")),
            );
        } else if !url.starts_with("data:") && !url.starts_with('#') {
            let target = normalise(dir, url.split(['?', '#']).next().unwrap_or(""));
            if !static_files.contains_key(&target) {
                found.push(
                    Diagnostic::error("missing-token-file", msg!("missing-token-file", url = &url))
                        .at(&src, span)
                        .label(msg!("missing-token-file.label", published = &target))
                        .help(msg!("missing-token-file.help", published = &target)),
                );
            }
        }
    }
    let accent = settings.get("accent_color").map(String::as_str).unwrap_or("#1d5c8c");
    check_contrast(&declarations(&css), accent, &src, &mut found);
    found
}

/// A declared custom property: its value as written and where the declaration is.
struct Declared {
    value: String,
    span: Range<usize>,
}

/// What a role's colour is in this file: the token that gives it (if one does), its resolved
/// value, and that value as a colour.
struct Resolved<'a> {
    token: Option<&'a str>,
    value: String,
    rgb: Option<[u8; 3]>,
}

fn resolve_role<'a>(role: &Role, declared: &'a BTreeMap<String, Declared>, accent: &str) -> Resolved<'a> {
    for &token in role.tokens {
        if let Some((name, _)) = declared.get_key_value(token) {
            let value = resolve(declared, token, 0).unwrap_or_default();
            return Resolved { token: Some(name.as_str()), rgb: parse_color(&value), value };
        }
    }
    if let Some(other) = fallback_role(role) {
        return resolve_role(other, declared, accent);
    }
    // The accent: with tokens, the primary button's colour (css/theme.css), else `accent_color`.
    if role.fallback.is_none() && role.tokens != BUTTON_BACKGROUND.tokens {
        return resolve_role(&BUTTON_BACKGROUND, declared, accent);
    }
    let value = role.fallback.unwrap_or(accent).to_string();
    Resolved { token: None, rgb: parse_color(&value), value }
}

fn check_contrast(
    declared: &BTreeMap<String, Declared>,
    accent: &str,
    src: &SourceText<'_>,
    found: &mut Vec<Diagnostic>,
) {
    let mut unreadable: Vec<&str> = Vec::new();
    for (fg_role, bg_role, what, min) in pairs() {
        let (fg, bg) = (resolve_role(fg_role, declared, accent), resolve_role(bg_role, declared, accent));
        // Without a token on either side, the theme's own colours (and `accent_color`, checked
        // against white) decide.
        if fg.token.is_none() && bg.token.is_none() {
            continue;
        }
        // A hover or outline colour without a token of its own is another role's colour, which
        // that role's pair checks already (at least as strictly).
        let own = |role: &Role, r: &Resolved<'_>| r.token.is_some_and(|t| role.tokens.contains(&t));
        if fallback_role(fg_role).is_some() && !own(fg_role, &fg) {
            continue;
        }
        let (Some(fg_rgb), Some(bg_rgb)) = (fg.rgb, bg.rgb) else {
            for side in [&fg, &bg] {
                if let (Some(token), None) = (side.token, side.rgb)
                    && !unreadable.contains(&token)
                {
                    unreadable.push(token);
                    found.push(
                        Diagnostic::warning(
                            "unknown-token-color",
                            msg!("unknown-token-color", value = &side.value, token),
                        )
                        .at(src, declared[token].span.clone())
                        .help(msg!("unknown-token-color.help")),
                    );
                }
            }
            continue;
        };
        let ratio = contrast(fg_rgb, bg_rgb);
        if ratio >= min {
            continue;
        }
        // At the text's token; for a focused link at the focus colour's, which the pair is about.
        let (first, second) = if bg_role.property == FOCUS_BACKGROUND.property { (&bg, &fg) } else { (&fg, &bg) };
        let at = first.token.or(second.token).map(|t| declared[t].span.clone()).unwrap_or(0..0);
        let name = |r: &Resolved<'_>, role: &Role| r.token.unwrap_or(role.property).to_string();
        let ratio = format!("{:.1}", (ratio * 10.0).floor() / 10.0);
        let message = if min < MIN_CONTRAST {
            msg!("low-contrast-tokens.non-text", what, ratio, fg = &fg.value, bg = &bg.value)
        } else {
            msg!("low-contrast-tokens", what, ratio, fg = &fg.value, bg = &bg.value)
        };
        found.push(
            Diagnostic::error("low-contrast-tokens", message)
                .at(src, at)
                .label(msg!("low-contrast-tokens.label"))
                .help(msg!("low-contrast-tokens.help", fg_token = name(&fg, fg_role), bg_token = name(&bg, bg_role))),
        );
    }
}

/// The value of custom property `name`, its `var()` references resolved (their fallback when
/// the file does not declare them); `None` for a loop or a reference to nothing.
fn resolve(declared: &BTreeMap<String, Declared>, name: &str, depth: usize) -> Option<String> {
    if depth > 16 {
        return None;
    }
    let value = declared.get(name)?.value.trim().trim_end_matches("!important").trim().to_string();
    let Some(inner) = value.strip_prefix("var(").and_then(|v| v.strip_suffix(')')) else { return Some(value) };
    let (reference, fallback) = match inner.split_once(',') {
        Some((r, f)) => (r.trim(), Some(f.trim())),
        None => (inner.trim(), None),
    };
    match resolve(declared, reference, depth + 1) {
        Some(v) => Some(v),
        None => fallback.map(str::to_string),
    }
}

/// Every custom property declaration (`--name: value`) of a CSS text without comments, the
/// last of a name winning.
fn declarations(css: &str) -> BTreeMap<String, Declared> {
    let bytes = css.as_bytes();
    let mut out = BTreeMap::new();
    let mut i = 0;
    while let Some(at) = css[i..].find("--").map(|j| i + j) {
        i = at + 2;
        // A declaration starts a block or follows a `;`.
        let before = css[..at].trim_end();
        if !(before.ends_with('{') || before.ends_with(';')) {
            continue;
        }
        let name_end = css[at..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .map_or(css.len(), |j| at + j);
        if css[name_end..].trim_start().as_bytes().first() != Some(&b':') {
            continue;
        }
        let colon = name_end + css[name_end..].find(':').unwrap_or(0);
        let mut depth = 0i32;
        let mut end = colon + 1;
        while end < bytes.len() {
            match bytes[end] {
                b'(' => depth += 1,
                b')' => depth -= 1,
                b';' | b'}' if depth <= 0 => break,
                _ => {}
            }
            end += 1;
        }
        out.insert(
            css[at..name_end].to_string(),
            Declared { value: css[colon + 1..end].trim().to_string(), span: at..name_end },
        );
        i = end;
    }
    out
}

/// Every address a CSS text loads: `url(...)` (quoted or not) and `@import "..."`, each with
/// the span of the address.
fn urls(css: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let lower = css.to_ascii_lowercase();
    for (at, _) in lower.match_indices("url(") {
        let start = at + 4;
        let end = css[start..].find(')').map_or(css.len(), |j| start + j);
        out.push(unquoted(css, start..end));
    }
    for (at, _) in lower.match_indices("@import") {
        let rest = &css[at + 7..];
        let lead = rest.len() - rest.trim_start().len();
        let start = at + 7 + lead;
        if let Some(quote) = css[start..].chars().next().filter(|c| *c == '"' || *c == '\'') {
            let end = css[start + 1..].find(quote).map_or(css.len(), |j| start + 1 + j);
            out.push((css[start + 1..end].to_string(), start + 1..end));
        }
    }
    out.sort_by_key(|(_, span)| span.start);
    out
}

/// The address inside `url(` ... `)`, without spaces and quotes.
fn unquoted(css: &str, span: Range<usize>) -> (String, Range<usize>) {
    let raw = &css[span.clone()];
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    let after_quote = trimmed.trim_start_matches(['"', '\'']);
    let inner = after_quote.trim_end_matches(['"', '\'']);
    let start = span.start + lead + (trimmed.len() - after_quote.len());
    (inner.to_string(), start..start + inner.len())
}

/// An address that makes the browser ask another host: a scheme other than `data:`, or `//`.
fn is_remote(url: &str) -> bool {
    let url = url.trim();
    if url.starts_with("//") || url.starts_with("\\\\") {
        return true;
    }
    match url.split_once(':') {
        Some((scheme, _)) => !scheme.contains('/') && !scheme.eq_ignore_ascii_case("data") && !scheme.is_empty(),
        None => false,
    }
}

/// The CSS text with every byte of its comments but line ends made a space, so that offsets
/// and lines stay those of the file.
fn without_comments(css: &str) -> String {
    let mut bytes = css.as_bytes().to_vec();
    let mut from = 0;
    while let Some(start) = css[from..].find("/*").map(|j| from + j) {
        let end = css[start + 2..].find("*/").map_or(css.len(), |j| start + 2 + j + 2);
        for b in &mut bytes[start..end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
        from = end;
    }
    // Whole characters were replaced, so the bytes are still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// `path` relative to the folder `dir` of the output, as the published path.
fn normalise(dir: &str, path: &str) -> String {
    crate::url::join_path_clamped(dir, path)
}

/// Whether `s` can be a CSS class name as a token package names its theme (`denhaag-theme`).
fn is_class_name(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '-')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A CSS colour as red, green and blue: `#rgb`, `#rrggbb` (with an opaque alpha), `rgb()`,
/// `white`, `black`; `None` for anything else.
pub(crate) fn parse_color(value: &str) -> Option<[u8; 3]> {
    let v = value.trim().to_ascii_lowercase();
    match v.as_str() {
        "white" => return Some([255, 255, 255]),
        "black" => return Some([0, 0, 0]),
        _ => {}
    }
    if let Some(hex) = v.strip_prefix('#') {
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let full: String = match hex.len() {
            3 | 4 => hex.chars().flat_map(|c| [c, c]).collect(),
            6 | 8 => hex.to_string(),
            _ => return None,
        };
        if full.len() == 8 && &full[6..] != "ff" {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&full[i..i + 2], 16).ok();
        return Some([byte(0)?, byte(2)?, byte(4)?]);
    }
    let inner = v.strip_prefix("rgba(").or_else(|| v.strip_prefix("rgb("))?.strip_suffix(')')?;
    let parts: Vec<&str> = inner.split([',', ' ', '/']).map(str::trim).filter(|p| !p.is_empty()).collect();
    if !(parts.len() == 3 || parts.len() == 4 && matches!(parts[3], "1" | "1.0" | "100%")) {
        return None;
    }
    let channel = |p: &str| -> Option<u8> {
        match p.strip_suffix('%') {
            Some(pct) => {
                pct.parse::<f64>().ok().filter(|n| (0.0..=100.0).contains(n)).map(|n| (n * 2.55).round() as u8)
            }
            None => p.parse::<f64>().ok().filter(|n| (0.0..=255.0).contains(n)).map(|n| n.round() as u8),
        }
    };
    Some([channel(parts[0])?, channel(parts[1])?, channel(parts[2])?])
}

/// Relative luminance (WCAG 2.1).
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let v = f64::from(c) / 255.0;
        if v <= 0.03928 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// Contrast ratio of two colours (WCAG 2.1), 1 to 21.
pub(crate) fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_read_as_css_writes_them() {
        assert_eq!(parse_color("#fff"), Some([255, 255, 255]));
        assert_eq!(parse_color(" #1D5C8C "), Some([0x1d, 0x5c, 0x8c]));
        assert_eq!(parse_color("#1d5c8cff"), Some([0x1d, 0x5c, 0x8c]));
        assert_eq!(parse_color("#1d5c8c80"), None, "a see-through colour cannot be judged alone");
        assert_eq!(parse_color("rgb(0, 128, 255)"), Some([0, 128, 255]));
        assert_eq!(parse_color("rgb(0 128 255 / 1)"), Some([0, 128, 255]));
        assert_eq!(parse_color("white"), Some([255, 255, 255]));
        assert_eq!(parse_color("color-mix(in srgb, red, blue)"), None);
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 0.01);
        assert!((contrast([255, 255, 255], [0x76, 0x76, 0x76]) - 4.54).abs() < 0.01);
    }

    #[test]
    fn declarations_resolve_their_references() {
        let css = without_comments(
            ".denhaag-theme {\n  --denhaag-green: #00811f; /* brand */\n  --utrecht-link-color: var(--denhaag-green);\n  \
             --utrecht-document-color: var(--nothing, #222);\n}\n:root{--a:var(--b);--b:var(--a)}",
        );
        let d = declarations(&css);
        assert_eq!(resolve(&d, "--utrecht-link-color", 0).as_deref(), Some("#00811f"));
        assert_eq!(resolve(&d, "--utrecht-document-color", 0).as_deref(), Some("#222"));
        assert_eq!(resolve(&d, "--a", 0), None, "a loop resolves to nothing");
        assert_eq!(&css[d["--utrecht-link-color"].span.clone()], "--utrecht-link-color");
    }

    #[test]
    fn addresses_that_leave_the_site_are_found() {
        let css = "@import url(\"https://fonts.example.com/x.css\");\n@import 'fonts.css';\n\
                   @font-face { src: url(fonts/a.woff2) format(\"woff2\"), url( //cdn.example/b.woff ); }";
        let found: Vec<(String, bool)> = urls(css).into_iter().map(|(u, _)| (u.clone(), is_remote(&u))).collect();
        assert_eq!(
            found,
            [
                ("https://fonts.example.com/x.css".to_string(), true),
                ("fonts.css".to_string(), false),
                ("fonts/a.woff2".to_string(), false),
                ("//cdn.example/b.woff".to_string(), true),
            ]
        );
        assert!(!is_remote("data:font/woff2;base64,AAAA"));
        assert_eq!(normalise("css", "../fonts/a.woff2"), "fonts/a.woff2");
        assert_eq!(normalise("", "./tokens.css"), "tokens.css");
    }

    #[test]
    fn comments_keep_their_length() {
        let css = "a/* é\n */b";
        let out = without_comments(css);
        assert_eq!(out.len(), css.len());
        assert_eq!(out.find('b'), css.find('b'));
        assert_eq!(out.matches('\n').count(), 1);
    }

    #[test]
    fn the_stylesheet_reads_the_tokens_of_every_role() {
        let css = std::str::from_utf8(
            super::super::embedded::THEME_FILES.iter().find(|(p, _)| *p == "static/css/wegwijs.css").unwrap().1,
        )
        .unwrap();
        for role in [
            &DOCUMENT_COLOR,
            &DOCUMENT_BACKGROUND,
            &LINK,
            &BUTTON_BACKGROUND,
            &BUTTON_COLOR,
            &HEADER_BACKGROUND,
            &HEADER_COLOR,
            &LINK_HOVER,
            &FOCUS_BACKGROUND,
            &FOCUS_OUTLINE,
        ] {
            let fallback = role.fallback.map_or("var(--accent)".to_string(), str::to_string);
            let mut value = fallback;
            for token in role.tokens.iter().rev() {
                value = format!("var({token}, {value})");
            }
            let line = format!("{}: {value};", role.property);
            assert!(css.contains(&line), "css/wegwijs.css maps `{line}`");
        }
    }
}
