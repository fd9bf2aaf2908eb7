//! Content hashes in file names (`css/wegwijs.css` → `css/wegwijs.3f9a1c2b7d4e.css`), so that a
//! web server may tell browsers to keep such a file for a year: a changed file gets a new
//! name, and the pages that name it (which are cached briefly) ask for the new one.
//!
//! Used by the theme stage (its static files), the render stage (`css/theme.css`, rendered
//! from the settings) and the index stage (the folder of the search index). The names are a
//! pure function of the bytes, so a build stays byte-for-byte reproducible. The deploy
//! configurations in `deploy/` recognise a name by its [`LEN`] hex digits before the
//! extension (or after `index.` for the index folder).

use std::hash::Hasher;

use crate::hash::FxHasher;

/// Hex digits of a fingerprint: 48 bits. More than the 8 digits of a date such as
/// `verslag.20240315.pdf`, so that the deploy configurations' pattern does not take a file an
/// editor named that way for one of ours.
pub(crate) const LEN: usize = 12;

/// Folders of the theme's static files whose files get a fingerprint. Other static files
/// (`robots.txt` replacements, `.well-known/`, a `CNAME`, PDFs an editor links to) keep their
/// names: something outside the site may ask for them by name.
const FOLDERS: &[&str] = &["css/", "js/", "img/", "fonts/"];

/// Extensions of the files in [`FOLDERS`] that get a fingerprint.
const EXTENSIONS: &[&str] =
    &["css", "js", "mjs", "svg", "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "woff", "woff2"];

/// Whether the static file at `path` gets a fingerprint.
pub(crate) fn applies_to(path: &str) -> bool {
    FOLDERS.iter().any(|f| path.starts_with(f))
        && path.rsplit_once('.').is_some_and(|(_, ext)| EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// The [`LEN`] hex digits of `bytes`: FxHash over the bytes and their length, then a
/// finaliser (splitmix64's) so that every input bit reaches the digits kept.
pub(crate) fn digest(bytes: &[u8]) -> String {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.write_u64(bytes.len() as u64);
    let mut x = h.finish();
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^= x >> 31;
    format!("{x:016x}")[..LEN].to_string()
}

/// `path` with `hash` before its extension: `css/a.css` → `css/a.<hash>.css`.
pub(crate) fn name(path: &str, hash: &str) -> String {
    let file_start = path.rfind('/').map_or(0, |i| i + 1);
    match path[file_start..].rfind('.') {
        Some(dot) if dot > 0 => {
            let dot = file_start + dot;
            format!("{}.{hash}{}", &path[..dot], &path[dot..])
        }
        _ => format!("{path}.{hash}"),
    }
}

/// `path` with the fingerprint of `bytes` in its name.
pub(crate) fn of(path: &str, bytes: &[u8]) -> String {
    name(path, &digest(bytes))
}

/// The stylesheet at `path` with every `url()` that names a fingerprinted file (relative to
/// the sheet: `url(../fonts/x.woff2)`) pointed at its new name; `None` when none does.
/// Addresses with a scheme, from the root (`/`), `data:` and fragments are left alone.
pub(crate) fn rewrite_css_urls(
    path: &str,
    bytes: &[u8],
    names: &std::collections::BTreeMap<String, String>,
) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let dir = path.rfind('/').map_or("", |i| &path[..=i]);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(at) = rest.find("url(") {
        let (before, after) = rest.split_at(at + 4);
        out.push_str(before);
        let inner = after.trim_start();
        out.push_str(&after[..after.len() - inner.len()]);
        let quote = inner.chars().next().filter(|c| *c == '"' || *c == '\'');
        let body = &inner[quote.map_or(0, |_| 1)..];
        let end = body.find(|c: char| Some(c) == quote || (quote.is_none() && (c == ')' || c.is_whitespace())));
        let Some(end) = end else {
            rest = inner;
            continue;
        };
        let target = &body[..end];
        let cut = target.find(['?', '#']).unwrap_or(target.len());
        let (file, suffix) = target.split_at(cut);
        let new = (!file.is_empty() && !file.contains(':') && !file.starts_with('/'))
            .then(|| names.get(&crate::url::join_path_clamped(dir, file)))
            .flatten();
        if let Some(q) = quote {
            out.push(q);
        }
        match new {
            Some(new) => {
                let keep = file.rfind('/').map_or("", |i| &file[..=i]);
                out.push_str(keep);
                out.push_str(new.rsplit('/').next().unwrap_or(new));
                out.push_str(suffix);
                changed = true;
            }
            None => out.push_str(target),
        }
        rest = &body[end..];
    }
    out.push_str(rest);
    changed.then(|| out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stylesheets_name_the_fingerprinted_fonts_and_images() {
        let names: std::collections::BTreeMap<String, String> = [
            ("fonts/a.woff2", "fonts/a.0123456789ab.woff2"),
            ("img/b.svg", "img/b.ba9876543210.svg"),
            ("css/c.png", "css/c.aaaaaaaaaaaa.png"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let css = "@font-face{src:url(../fonts/a.woff2) format('woff2'),url( \"../fonts/a.woff2?v=1#x\" )}\n\
                   .x{background:url('../img/b.svg')}.y{background:url(c.png)}\n\
                   .z{background:url(https://x.nl/a.png),url(/img/b.svg),url(data:image/png;base64,AA==),url(../img/none.svg)}";
        let out = String::from_utf8(rewrite_css_urls("css/t.css", css.as_bytes(), &names).unwrap()).unwrap();
        assert_eq!(
            out,
            "@font-face{src:url(../fonts/a.0123456789ab.woff2) format('woff2'),url( \"../fonts/a.0123456789ab.woff2?v=1#x\" )}\n\
             .x{background:url('../img/b.ba9876543210.svg')}.y{background:url(c.aaaaaaaaaaaa.png)}\n\
             .z{background:url(https://x.nl/a.png),url(/img/b.svg),url(data:image/png;base64,AA==),url(../img/none.svg)}"
        );
        assert_eq!(rewrite_css_urls("css/t.css", b"a{color:red}", &names), None);
    }

    #[test]
    fn names() {
        assert_eq!(name("css/wegwijs.css", "3f9a1c2b7d4e"), "css/wegwijs.3f9a1c2b7d4e.css");
        assert_eq!(name("js/a.b/c", "0123456789ab"), "js/a.b/c.0123456789ab");
        assert_eq!(name("img/.x", "0123456789ab"), "img/.x.0123456789ab");
        assert!(applies_to("css/wegwijs.css") && applies_to("img/logo.SVG") && applies_to("js/x.js"));
        assert!(!applies_to("favicon.ico") && !applies_to("css/readme.txt") && !applies_to("docs/x.css"));
    }

    #[test]
    fn digests_are_stable_and_differ() {
        assert_eq!(digest(b"body{}"), digest(b"body{}"));
        assert_eq!(digest(b"").len(), LEN);
        assert_ne!(digest(b"body{}"), digest(b"body{} "));
        assert_ne!(digest(b"a"), digest(b"a\0"));
    }
}
