//! Answers one HTTP request, from the hub's snapshot only.
//!
//! A request path is decoded once and must name a file of the built site: `..`, `.`, empty
//! segments (`//`), backslashes, NUL and other control characters are refused with 400 before
//! anything is looked up, and the lookup is in the snapshot's table of output paths, so no
//! request path ever reaches the file system. Pages get the live-reload script (and, for
//! drafts, the "Concept" banner) added; the rest is served as built.

use std::io::Write;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response};

use super::hub::{Hub, words};

/// The server's own files live under this prefix, apart from the site's.
pub(crate) const PREFIX: &str = "/__wegwijs/";
const LIVE_JS: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");

/// The Content Security Policy the site is published under (as in tests/browser/harness.js):
/// sent with every page of the preview too, so that what the policy would refuse (an inline
/// script in a template, say) fails in the preview as it would on the site, and so that the
/// preview's own script and overlay are held to it.
pub(crate) const CSP: &str =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

/// How often an idle event stream says it is still there (and so finds out that the page has
/// gone).
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Why a request path is refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// Not a path that could name a file of the site (traversal, encoding tricks, control
    /// characters): 400.
    BadPath,
}

/// The output path a request target asks for: `/begrippen/x/` → `begrippen/x/index.html`.
/// Query and fragment are ignored; percent escapes are decoded once (so `%252e` stays the
/// three characters `%2e`, which name no file).
pub(crate) fn output_path(target: &str) -> Result<String, Refused> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(path) = path.strip_prefix('/') else { return Err(Refused::BadPath) };
    let (bytes, valid) = crate::text::percent_decode(path);
    if !valid {
        return Err(Refused::BadPath);
    }
    let decoded = String::from_utf8(bytes).map_err(|_| Refused::BadPath)?;
    if decoded.chars().any(|c| c.is_control() || c == '\\') {
        return Err(Refused::BadPath);
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, s) in segments.iter().enumerate() {
        // An empty last segment is the folder itself (`/begrippen/`); an empty one elsewhere is
        // `//`, which could only be an attempt at an absolute path.
        let empty_ok = i == last;
        if (s.is_empty() && !empty_ok) || *s == "." || *s == ".." || s.contains(':') {
            return Err(Refused::BadPath);
        }
    }
    Ok(if decoded.is_empty() || decoded.ends_with('/') { format!("{decoded}index.html") } else { decoded })
}

/// The content type of an output file, by its extension.
pub(crate) fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "atom" => "application/atom+xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "wasm" => "application/wasm",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("header names and values are ASCII")
}

/// A response with the headers every answer has: no caching (a preview changes under the
/// reader), no type sniffing.
fn respond(request: Request, status: u16, kind: &str, body: Vec<u8>) {
    let mut response = Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    if kind.starts_with("text/html") {
        response.add_header(header("Content-Security-Policy", CSP));
    }
    // The browser may have gone; there is nobody to tell.
    let _ = request.respond(response);
}

fn plain(request: Request, status: u16, text: &str) {
    respond(request, status, "text/plain; charset=utf-8", text.as_bytes().to_vec());
}

/// Answers `request`.
pub(crate) fn answer(request: Request, hub: &Hub) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return plain(request, 405, "Method not allowed: the preview only serves files\n");
    }
    let target = request.url().to_string();
    if let Some(own) = target.strip_prefix(PREFIX) {
        return answer_own(request, own.split('?').next().unwrap_or(""), hub);
    }
    let path = match output_path(&target) {
        Ok(p) => p,
        Err(Refused::BadPath) => return plain(request, 400, "Bad request: not a path of this site\n"),
    };
    let now = hub.now();
    let Some(site) = &now.site else {
        let html = waiting_page(&now.language, now.version);
        return respond(request, 503, content_type("x.html"), html.into_bytes());
    };
    match site.read(&path) {
        Some(body) if path.ends_with(".html") => {
            let body = page(body, site.is_draft(&path), now.version, &now.language);
            respond(request, 200, content_type(&path), body)
        }
        Some(body) => respond(request, 200, content_type(&path), body),
        None if site.contains(&format!("{path}/index.html")) => {
            // `/begrippen` → `/begrippen/`, so that the page's relative links work.
            let to = format!("/{path}/");
            let response = Response::empty(301).with_header(header("Location", &to));
            let _ = request.respond(response);
        }
        None => {
            let body = site.read(crate::layout::NOT_FOUND).map(|b| page(b, false, now.version, &now.language));
            match body {
                Some(b) => respond(request, 404, content_type("x.html"), b),
                None => plain(request, 404, "Not found\n"),
            }
        }
    }
}

/// The server's own files: the script, its stylesheet, the problems and the event stream.
fn answer_own(request: Request, name: &str, hub: &Hub) {
    match name {
        "live.js" => respond(request, 200, content_type("x.js"), LIVE_JS.as_bytes().to_vec()),
        "live.css" => respond(request, 200, content_type("x.css"), LIVE_CSS.as_bytes().to_vec()),
        "problems.json" => {
            let message = hub.message(&hub.now());
            respond(request, 200, content_type("x.json"), message.into_bytes())
        }
        "events" => events(request, hub),
        _ => plain(request, 404, "Not found\n"),
    }
}

/// A stream of server-sent events: the state now, then one message per change. Written by
/// hand on the connection (no chunked encoding, closed at the end), so each message reaches
/// the page as soon as it is written.
fn events(request: Request, hub: &Hub) {
    let listener = hub.listen();
    let first = hub.message(&hub.now());
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n";
    if out.write_all(head.as_bytes()).and_then(|_| send(&mut out, &first)).is_err() {
        return;
    }
    loop {
        let sent = match listener.recv_timeout(KEEP_ALIVE) {
            Ok(message) => send(&mut out, &message),
            Err(RecvTimeoutError::Timeout) => out.write_all(b": still here\n\n").and_then(|_| out.flush()),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if sent.is_err() {
            return;
        }
    }
}

fn send(out: &mut impl Write, message: &str) -> std::io::Result<()> {
    // The message is one line of JSON, so it is one `data:` field.
    write!(out, "data: {message}\n\n")?;
    out.flush()
}

/// A page as served: the live script (an external file, so that a strict Content Security
/// Policy without 'unsafe-inline' allows it) and its stylesheet before `</head>`, and for a
/// draft the "Concept" banner at the top of the body.
pub(crate) fn page(html: Vec<u8>, draft: bool, version: u64, language: &str) -> Vec<u8> {
    let mut html = match String::from_utf8(html) {
        Ok(h) => h,
        // Not text: served as built.
        Err(e) => return e.into_bytes(),
    };
    let tags = format!(
        "<link rel=\"stylesheet\" href=\"{PREFIX}live.css\"><script src=\"{PREFIX}live.js?v={version}\" defer></script>"
    );
    match html.find("</head>") {
        Some(at) => html.insert_str(at, &tags),
        None => html.insert_str(0, &tags),
    }
    if draft {
        let w = words(crate::messages::Lang::choose(Some(language)));
        let banner = format!(
            "<div class=\"wegwijs-concept\" role=\"note\"><strong>{}</strong>: {}</div>",
            w["concept"].as_str().unwrap_or_default(),
            w["concept_text"].as_str().unwrap_or_default()
        );
        let at = html.find("<body").and_then(|b| html[b..].find('>').map(|e| b + e + 1)).unwrap_or(html.len());
        html.insert_str(at, &banner);
    }
    html.into_bytes()
}

/// What is served while no build of the site has succeeded yet: a blank page with the live
/// script, which shows the problems and reloads when the site builds.
fn waiting_page(language: &str, version: u64) -> String {
    let text = words(crate::messages::Lang::choose(Some(language)))["no_site"].as_str().unwrap_or_default().to_string();
    let html = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>wegwijs</title></head><body><p>{text}</p></body></html>"
    );
    String::from_utf8(page(html.into_bytes(), false, version, language)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_the_site_map_to_output_files() {
        assert_eq!(output_path("/").unwrap(), "index.html");
        assert_eq!(output_path("/begrippen/x/?q=1#top").unwrap(), "begrippen/x/index.html");
        assert_eq!(output_path("/css/wegwijs.css").unwrap(), "css/wegwijs.css");
        assert_eq!(output_path("/caf%C3%A9/").unwrap(), "café/index.html");
        // Decoded once: a double-encoded dot stays the text `%2e`, which names no file.
        assert_eq!(output_path("/%252e%252e/secret.txt").unwrap(), "%2e%2e/secret.txt");
    }

    #[test]
    fn traversal_and_encoding_tricks_are_refused() {
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/a/../../secret.txt",
            "/./index.html",
            "/..%5csecret.txt",
            "/..\\secret.txt",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/%00",
            "/a%00.html",
            "/C:/Windows/win.ini",
            "/%zz",
            "/%e2%28",
            "etc/passwd",
            "http://example.org/",
            "",
        ] {
            assert_eq!(output_path(bad), Err(Refused::BadPath), "{bad}");
        }
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("css/wegwijs.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("js/wegwijs.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("zoeken/index/meta.json"), "application/json");
        assert_eq!(content_type("logo.SVG"), "image/svg+xml");
        assert_eq!(content_type("README"), "application/octet-stream");
    }

    #[test]
    fn pages_get_the_script_and_drafts_the_banner() {
        let html = b"<html><head><title>x</title></head><body class=\"a\"><p>t</p></body></html>".to_vec();
        let served = String::from_utf8(page(html.clone(), false, 3, "nl")).unwrap();
        assert!(served.contains("<script src=\"/__wegwijs/live.js?v=3\" defer></script></head>"));
        assert!(!served.contains("wegwijs-concept"));
        let draft = String::from_utf8(page(html, true, 3, "nl")).unwrap();
        assert!(
            draft.contains("<body class=\"a\"><div class=\"wegwijs-concept\" role=\"note\"><strong>Concept</strong>")
        );
    }
}
