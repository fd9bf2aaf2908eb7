//! Which links may reach an `href` or `src`: one rule for every stage that writes a URL into
//! the output (Markdown links and images, front matter links, a tool's address, the menu in
//! the config, the theme's logo).
//!
//! A browser runs `javascript:` (and a few other schemes) as script, so content must never be
//! able to put such a URL in a link. The test looks at the URL as the browser will: the ASCII
//! tabs and newlines it removes anywhere, the spaces and control characters it strips at the
//! ends, character references it decodes in attributes (`javascript&#58;`), and the scheme in
//! any case (`JaVaScRiPt:`). Only `https:`, `http:`, `mailto:`, `tel:` and links without a
//! scheme (a path, `#anchor`, `?query`, `//host/path`) pass; everything else is refused.

use crate::diagnostic::Diagnostic;

/// What a link is, as far as safety goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UrlKind {
    /// No scheme: a path, `#anchor`, `?query` or `//host/path`, resolved against the page.
    Relative,
    /// `https:`, `http:`, `mailto:` or `tel:`; the scheme in lower case.
    Allowed(&'static str),
    /// Any other scheme (`javascript`, `vbscript`, `data`, `file`, ...), in lower case.
    Unsafe(String),
}

/// The schemes a link may have.
pub(crate) const ALLOWED_SCHEMES: [&str; 4] = ["https", "http", "mailto", "tel"];

/// Joins `rel` onto the folder `dir` (both with `/`), resolving `.` and `..`; `rel` from `/`
/// starts at the top. `None` when the path climbs out of the top.
pub(crate) fn join_path(dir: &str, rel: &str) -> Option<String> {
    walk(dir, rel, false)
}

/// [`join_path`], but a `..` at the top stays at the top (`../x` in `` is `x`), as for a theme
/// setting or a stylesheet's `url()` whose climbing out is reported elsewhere.
pub(crate) fn join_path_clamped(dir: &str, rel: &str) -> String {
    walk(dir, rel, true).unwrap_or_default()
}

fn walk(dir: &str, rel: &str, clamp: bool) -> Option<String> {
    let mut parts: Vec<&str> =
        if rel.starts_with('/') { Vec::new() } else { dir.split('/').filter(|s| !s.is_empty()).collect() };
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() && !clamp {
                    return None;
                }
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Classifies `url` as a browser would read it.
pub(crate) fn classify(url: &str) -> UrlKind {
    let cleaned = browser_view(url);
    match scheme(&cleaned) {
        None => UrlKind::Relative,
        Some(s) => {
            let s = s.to_ascii_lowercase();
            match ALLOWED_SCHEMES.iter().find(|&&a| a == s) {
                Some(allowed) => UrlKind::Allowed(allowed),
                None => UrlKind::Unsafe(s),
            }
        }
    }
}

/// Whether `url` may be written into an `href` or `src`.
pub(crate) fn is_safe(url: &str) -> bool {
    !matches!(classify(url), UrlKind::Unsafe(_))
}

/// The `unsafe-url` error for `url`, without a place (the caller adds it).
pub(crate) fn unsafe_url(url: &str, scheme: &str) -> Diagnostic {
    Diagnostic::error("unsafe-url", crate::msg!("unsafe-url", url = shown(url), scheme))
        .label(crate::msg!("unsafe-url.label"))
        .help(crate::msg!("unsafe-url.help"))
}

/// Checks that a tool's address is an absolute http(s) URL with a host.
pub(crate) fn check_web_address(url: &str) -> Result<(), crate::messages::Msg> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| crate::msg!("bad-url.scheme"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || !host.contains('.') && !host.starts_with("localhost") && !host.starts_with("127.") {
        return Err(crate::msg!("bad-url.no-host"));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(crate::msg!("bad-url.spaces"));
    }
    Ok(())
}

/// The URL as a diagnostic shows it: control characters made visible, and not too long.
fn shown(url: &str) -> String {
    let mut out: String = url.chars().take(80).flat_map(char::escape_default).collect();
    if url.chars().count() > 80 {
        out.push('…');
    }
    out
}

/// The part of `url` a browser parses for a scheme: character references decoded (Markdown
/// decodes them before we see the URL, but a template may write a value unescaped), C0 controls
/// and spaces stripped at the ends, tabs and newlines removed everywhere (the URL standard's
/// first steps). Only the start matters, so only up to the first `/`, `?` or `#` is kept.
fn browser_view(url: &str) -> String {
    let decoded = decode_char_refs(url);
    let trimmed = decoded.trim_matches(|c: char| c <= ' ');
    trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).take_while(|c| !matches!(c, '/' | '?' | '#')).collect()
}

/// The scheme of a cleaned URL: an ASCII letter, then letters, digits, `+`, `-` or `.`, then
/// `:`. A URL without one is relative (the browser's "no scheme" state).
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let s = &url[..colon];
    let mut chars = s.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .then_some(s)
}

/// Decodes the character references that can hide a scheme: numeric ones (`&#58;`, `&#x3A;`,
/// with or without the `;`, as browsers accept) and the named ones for the characters that
/// matter (`&colon;`, `&Tab;`, `&NewLine;`). Other text stays as it is.
fn decode_char_refs(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match char_ref(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference at the start of `s` (which starts with `&`) stands for, and the
/// reference's length in bytes.
fn char_ref(s: &str) -> Option<(char, usize)> {
    for (name, c) in [("&colon;", ':'), ("&Tab;", '\t'), ("&NewLine;", '\n')] {
        if s.starts_with(name) {
            return Some((c, name.len()));
        }
    }
    let body = s.strip_prefix("&#")?;
    let (hex, digits_at) = match body.as_bytes().first() {
        Some(b'x' | b'X') => (true, 1),
        _ => (false, 0),
    };
    let digits = &body[digits_at..];
    let n = digits.bytes().take_while(|b| if hex { b.is_ascii_hexdigit() } else { b.is_ascii_digit() }).count();
    if n == 0 {
        return None;
    }
    // Saturating, so a long run of digits is still one (invalid) number, as in a browser.
    let radix = if hex { 16 } else { 10 };
    let value =
        digits[..n].chars().fold(0u32, |v, d| v.saturating_mul(radix).saturating_add(d.to_digit(radix).unwrap_or(0)));
    let c = char::from_u32(value).filter(|&c| c != '\0').unwrap_or('\u{fffd}');
    let semicolon = digits[n..].starts_with(';') as usize;
    Some((c, 2 + digits_at + n + semicolon))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_links_pass() {
        for url in [
            "https://www.pharos.nl/",
            "HTTP://x.nl",
            "mailto:info@example.nl",
            "tel:+31201234567",
            "#aanpak",
            "?q=1",
            "/gemeenten/weert/",
            "../begrippen/statushouder.md",
            "x.md",
            "//cdn.example.nl/x.png",
            "a/b:c",
            "javascript%3Aalert(1)",
            "",
        ] {
            assert!(is_safe(url), "{url}");
        }
    }

    #[test]
    fn script_schemes_are_refused_however_written() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\r\nscript:alert(1)",
            "javascript&#58;alert(1)",
            "javascript&#x3a;alert(1)",
            "javascript&#0000058alert(1)",
            "&#106;avascript:alert(1)",
            "javascript&colon;alert(1)",
            "java&Tab;script:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "javascript://%0aalert(1)",
        ] {
            assert!(matches!(classify(url), UrlKind::Unsafe(_)), "{url:?}");
        }
        assert_eq!(classify("JAVA\tSCRIPT:x"), UrlKind::Unsafe("javascript".into()));
    }

    #[test]
    fn web_addresses_of_tools() {
        assert!(check_web_address("https://www.pharos.nl/x?y=1").is_ok());
        assert!(check_web_address("www.pharos.nl").is_err());
        assert!(check_web_address("https://").is_err());
        assert!(check_web_address("https://a b.nl").is_err());
    }
}
