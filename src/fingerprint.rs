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

#[cfg(test)]
mod tests {
    use super::*;

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
