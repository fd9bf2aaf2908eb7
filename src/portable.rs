//! What a `--portable` build changes, so that the output works opened straight from disk
//! (`file://`, a USB stick, an intranet share), search included:
//!
//! - Every link to a folder names the folder's `index.html` ([`rewrite_links`], with the rule
//!   in `layout::portable_link`): a browser shows a folder listing for `begrippen/`, not its
//!   page. This happens as each page is rendered; no script is involved.
//! - A browser does not let a page `fetch` files from disk, but it runs `<script src>` from
//!   there. So beside each file the search reads (the index files, and the pages whose text a
//!   result quotes) the build writes a script that hands the same bytes to the search code
//!   ([`data_script`]): `WegwijsSearch.register("zoeken/index/meta.json", "...")`. The search
//!   page loads these scripts instead of fetching; the index and the engine are the same.
//!
//! Below the stages: the render stage rewrites its pages and writes the page scripts, and
//! `lib.rs` adds the scripts of the index files.

use crate::output::{Content, OutputFile};

/// The script beside the file at site path `path`: `zoeken/index/meta.json.js`, and for a
/// page (`begrippen/x/`) `begrippen/x/index.html.js`. `search-core.js` names them the same way.
pub(crate) fn script_path(path: &str) -> String {
    if path.ends_with('/') { format!("{path}index.html.js") } else { format!("{path}.js") }
}

/// A script that registers `data`, the file at site path `key`, with the search code: as a
/// string for text, base64 for bytes.
pub(crate) fn data_script(key: &str, data: &[u8], binary: bool) -> Vec<u8> {
    let key = serde_json::to_string(key).unwrap_or_default();
    let mut out = format!("WegwijsSearch.register({key},");
    if binary {
        out.push('"');
        out.push_str(&base64(data));
        out.push_str("\",\"base64\");\n");
    } else {
        // A JSON string is a JavaScript string literal.
        out.push_str(&serde_json::to_string(&String::from_utf8_lossy(data)).unwrap_or_default());
        out.push_str(");\n");
    }
    out.into_bytes()
}

/// The scripts of the search index's files: one per file the search code reads, none for the
/// gzipped copies (`.binz`), which the portable loader does not ask for.
pub(crate) fn index_scripts(files: &[OutputFile]) -> Vec<OutputFile> {
    files
        .iter()
        .filter(|f| !f.path.ends_with(".binz"))
        .filter_map(|f| {
            let bytes: &[u8] = match &f.content {
                Content::Bytes(b) => b,
                Content::Shared(b) => b,
                Content::Static(b) => b,
                Content::Copy(_) => return None,
            };
            let binary = !f.path.ends_with(".json");
            Some(OutputFile {
                path: script_path(&f.path),
                content: Content::Bytes(data_script(&f.path, bytes, binary)),
            })
        })
        .collect()
}

/// The part of a page that the search quotes from (its `<main>`), as a script.
pub(crate) fn page_script(site_path: &str, html: &[u8]) -> OutputFile {
    let text = String::from_utf8_lossy(html);
    let main = text
        .find("<main")
        .and_then(|start| text[start..].rfind("</main>").map(|end| &text[start..start + end + "</main>".len()]))
        .unwrap_or(&text);
    OutputFile { path: script_path(site_path), content: Content::Bytes(data_script(site_path, main.as_bytes(), false)) }
}

/// `html` with every `href` and `action` that leads to a folder pointed at the folder's
/// `index.html` (see `layout::portable_link`). Addresses from the root (`/x/`, the canonical
/// link of a site at `/`) stay: no file on disk answers them. In a folder's `index.html`
/// (`is_index`), an empty address (the page itself, as a search form's `action=""`) is named
/// too.
pub(crate) fn rewrite_links(html: &[u8], is_index: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len() + 1024);
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        let attr = [&b" href=\""[..], &b" action=\""[..], &b"\nhref=\""[..], &b"\naction=\""[..]]
            .into_iter()
            .find(|a| rest.starts_with(a));
        let Some(attr) = attr else {
            out.push(html[i]);
            i += 1;
            continue;
        };
        out.extend_from_slice(attr);
        i += attr.len();
        let end = html[i..].iter().position(|&b| b == b'"').map_or(html.len(), |n| i + n);
        let value = &html[i..end];
        let file = match std::str::from_utf8(value) {
            Ok("") if is_index => Some("index.html".to_string()),
            Ok(v) if !v.starts_with('/') => crate::layout::portable_link(v),
            _ => None,
        };
        out.extend_from_slice(file.as_ref().map_or(value, |f| f.as_bytes()));
        i = end;
    }
    out
}

/// Standard base64 with padding.
fn base64(data: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (k, &b)| n | (b as u32) << (16 - 8 * k));
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_the_browser_reads_it() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xff, 0x00, 0x80]), "/wCA");
    }

    #[test]
    fn links_to_folders_become_links_to_files() {
        let html = br##"<a href="../x/">x</a> <a class="a" href="#k">k</a> <form action="../zoeken/" method="get">
<link rel="canonical" href="/x/"><a
href="./">home</a><a href="https://x.nl/">e</a><form action="">"##;
        let out = String::from_utf8(rewrite_links(html, true)).unwrap();
        assert_eq!(
            out,
            r##"<a href="../x/index.html">x</a> <a class="a" href="#k">k</a> <form action="../zoeken/index.html" method="get">
<link rel="canonical" href="/x/"><a
href="./index.html">home</a><a href="https://x.nl/">e</a><form action="index.html">"##
        );
        assert_eq!(rewrite_links(br#"<form action="">"#, false), br#"<form action="">"#);
    }

    #[test]
    fn scripts_register_the_same_bytes() {
        assert_eq!(script_path("zoeken/index/meta.json"), "zoeken/index/meta.json.js");
        assert_eq!(script_path("begrippen/x/"), "begrippen/x/index.html.js");
        let s = String::from_utf8(data_script("zoeken/index/meta.json", "{\"a\":\"é\\n\"}".as_bytes(), false)).unwrap();
        assert_eq!(s, "WegwijsSearch.register(\"zoeken/index/meta.json\",\"{\\\"a\\\":\\\"é\\\\n\\\"}\");\n");
        let s = String::from_utf8(data_script("p/0.bin", &[1, 2, 3], true)).unwrap();
        assert_eq!(s, "WegwijsSearch.register(\"p/0.bin\",\"AQID\",\"base64\");\n");
        let page = page_script("x/", b"<html><main id=\"m\"><p>Tekst</p></main></html>");
        assert_eq!(page.path, "x/index.html.js");
    }
}
