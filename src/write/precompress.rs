//! Pre-compressed copies (`precompress: true` or `--precompress`): beside each text file of the
//! output the build writes the same bytes gzipped, `index.html` → `index.html.gz`, so that a web
//! server sends that file as it is (nginx `gzip_static on;`, the rewrite rules of
//! `deploy/.htaccess`) instead of compressing the page again at every request, and at the best
//! compression, which is too slow to do per request.
//!
//! The copies are written into the staging folder with the other files, so they appear and go
//! with the build that made them, and the build's list of its files (the marker, see
//! [`super::ownership`]) names them: a later build replaces them like any file it made.
//!
//! A copy is left out when it would not be smaller (a tiny `robots.txt`), and when the site
//! itself publishes a file of that name (a `static/data.json.gz` of its own is never replaced).

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;

/// Extensions of the files that get a compressed copy: text, which gzip makes several times
/// smaller. Images other than SVG, fonts and the search index's own `.binz` are compressed
/// already.
const EXTENSIONS: [&str; 7] = ["html", "css", "js", "json", "xml", "svg", "txt"];

/// The path of the compressed copy of the output file at `path`, when it gets one.
pub(crate) fn copy_path(path: &str) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let (_, ext) = name.rsplit_once('.')?;
    EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()).then(|| format!("{path}.gz"))
}

/// `bytes` gzipped at the best compression, when that is smaller. The header carries no time
/// or name, so the same file always gives the same copy (and a rebuild the same output).
pub(crate) fn gzip(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::best());
    encoder.write_all(bytes).ok()?;
    let gz = encoder.finish().ok()?;
    (gz.len() < bytes.len()).then_some(gz)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn text_files_get_a_copy_and_others_do_not() {
        assert_eq!(copy_path("index.html").as_deref(), Some("index.html.gz"));
        assert_eq!(copy_path("css/wegwijs.3f9a1c2b7d4e.css").as_deref(), Some("css/wegwijs.3f9a1c2b7d4e.css.gz"));
        assert_eq!(copy_path("zoeken/index/meta.json").as_deref(), Some("zoeken/index/meta.json.gz"));
        assert_eq!(copy_path("img/LOGO.SVG").as_deref(), Some("img/LOGO.SVG.gz"));
        for path in ["img/foto.jpg", "zoeken/index/t0.binz", "fonts/x.woff2", "_redirects", ".htaccess", "a.json.gz"] {
            assert_eq!(copy_path(path), None, "{path}");
        }
        // A folder with a dot is not an extension.
        assert_eq!(copy_path("v1.html/README"), None);
    }

    #[test]
    fn the_copy_unpacks_to_the_same_bytes_and_is_the_same_each_time() {
        let text = "<p>Een statushouder heeft een verblijfsvergunning.</p>\n".repeat(50);
        let gz = gzip(text.as_bytes()).expect("repeated text compresses");
        assert!(gz.len() < text.len() / 5);
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut back).unwrap();
        assert_eq!(back, text);
        assert_eq!(gzip(text.as_bytes()), Some(gz));
    }

    #[test]
    fn no_copy_when_it_would_not_be_smaller() {
        assert_eq!(gzip(b"User-agent: *\n"), None);
        assert_eq!(gzip(b""), None);
    }
}
