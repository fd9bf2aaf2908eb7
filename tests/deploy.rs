//! Whole-site tests of what publishing needs (issue 18, deploy part): fingerprinted asset names
//! and every reference to them, `--no-fingerprint` and `fingerprint: false`, rebuilds that do
//! not pile up old names, the favicon and its override, and the warning for a `base_url` that
//! is only a path, the gzipped copies of `precompress`. The shipped nginx and Apache
//! configurations are tested with a real nginx and a real Apache in
//! tests/browser/deploy.test.js.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;

/// A copy of the `clean` fixture site, with `config` as its wegwijs.yaml.
fn site_with(config: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&site("clean"), &root);
    fs::write(root.join("wegwijs.yaml"), config).unwrap();
    (dir, root)
}

const CONFIG: &str = "title: Schone kennisbank\nbase_url: https://example.nl/kennisbank/\n";

/// Output paths with a fingerprint: 12 hex digits before the extension, or in the index folder.
fn fingerprinted(out: &Path) -> Vec<String> {
    tree(out).into_keys().filter(|p| has_fingerprint(p)).collect()
}

fn has_fingerprint(path: &str) -> bool {
    let hex = |s: &str| s.len() == 12 && s.bytes().all(|b| b.is_ascii_hexdigit());
    let parts: Vec<&str> = path.split('/').collect();
    let name = parts[parts.len() - 1].split('.').collect::<Vec<_>>();
    (name.len() >= 3 && hex(name[name.len() - 2])) || parts.iter().any(|p| p.strip_prefix("index.").is_some_and(hex))
}

/// The only output path that is `plain` with a fingerprint.
fn named(out: &Path, plain: &str) -> String {
    let (stem, ext) = plain.rsplit_once('.').unwrap();
    let found: Vec<String> = fingerprinted(out)
        .into_iter()
        .filter(|p| {
            p.starts_with(&format!("{stem}.")) && p.ends_with(&format!(".{ext}")) && p.len() == plain.len() + 13
        })
        .collect();
    assert_eq!(found.len(), 1, "{plain}: {found:?}");
    found.into_iter().next().unwrap()
}

#[test]
fn assets_and_the_search_index_get_fingerprints_and_every_reference_follows() {
    let (dir, root) = site_with(CONFIG);
    let out = dir.path().join("public");
    build(&root, &out, &[]);
    let files = tree(&out);
    for plain in ["css/wegwijs.css", "css/theme.css", "js/wegwijs.js", "js/search-core.js", "js/search-ui.js"] {
        let name = named(&out, plain);
        assert!(!files.contains_key(plain), "{plain} is written only under its fingerprinted name");
        // The name is the content's: the same bytes as the theme's file (theme.css is rendered).
        if plain != "css/theme.css" {
            let theme =
                fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static").join(plain)).unwrap();
            assert_eq!(files[&name], theme, "{name}");
        }
    }
    let search = read(out.join("zoeken/index.html"));
    let index = attr_values(&search, "data-index")[0].to_string();
    assert!(index.starts_with("zoeken/index.") && has_fingerprint(&index), "{index}");
    assert!(out.join(&index).join("meta.json").is_file(), "the search page names the index's folder");
    assert!(!out.join("zoeken/index").exists());
    for script in ["js/search-core.js", "js/search-ui.js"] {
        assert!(search.contains(&format!(r#"src="../{}""#, named(&out, script))), "{script}");
    }
    // Every page links the fingerprinted names; nothing links a plain one.
    let home = read(out.join("index.html"));
    for plain in ["css/wegwijs.css", "css/theme.css", "js/wegwijs.js", "img/favicon.svg"] {
        assert!(home.contains(&format!(r#"="./{}""#, named(&out, plain))), "{plain} in {home}");
    }
    for (path, bytes) in &files {
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(bytes);
            for plain in ["css/wegwijs.css", "css/theme.css", "js/wegwijs.js", "js/search-core.js"] {
                assert!(!html.contains(plain), "{path} names {plain}");
            }
        }
    }
    let broken = broken_links(&out, "/kennisbank/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    // Deterministic: a second build gives the same files, names and bytes.
    let again = dir.path().join("again");
    build(&root, &again, &[]);
    assert!(tree(&again) == files, "two builds of the same site differ");
}

#[test]
fn no_fingerprint_by_flag_or_config_keeps_the_plain_names() {
    let (dir, root) = site_with(CONFIG);
    let by_flag = dir.path().join("flag");
    build(&root, &by_flag, &["--no-fingerprint"]);
    fs::write(root.join("wegwijs.yaml"), format!("{CONFIG}fingerprint: false\n")).unwrap();
    let by_config = dir.path().join("config");
    build(&root, &by_config, &[]);
    for out in [&by_flag, &by_config] {
        assert_eq!(fingerprinted(out), Vec::<String>::new());
        for plain in ["css/wegwijs.css", "css/theme.css", "js/wegwijs.js", "img/favicon.svg", "zoeken/index/meta.json"]
        {
            assert!(out.join(plain).is_file(), "{plain}");
        }
        let home = read(out.join("index.html"));
        assert!(home.contains(r#"href="./css/wegwijs.css""#) && home.contains(r#"src="./js/wegwijs.js""#));
        assert!(read(out.join("zoeken/index.html")).contains(r#"data-index="zoeken/index/""#));
    }
    assert!(tree(&by_flag) == tree(&by_config));
}

#[test]
fn a_rebuild_after_a_change_replaces_the_old_fingerprinted_files() {
    let (dir, root) = site_with(CONFIG);
    let out = dir.path().join("public");
    build(&root, &out, &[]);
    let before = named(&out, "css/wegwijs.css");
    fs::create_dir_all(root.join("static/css")).unwrap();
    fs::write(root.join("static/css/wegwijs.css"), "body { color: #222; }\n").unwrap();
    // The build replaces its own output: the marker lists the fingerprinted names it wrote.
    build(&root, &out, &[]);
    let after = named(&out, "css/wegwijs.css");
    assert_ne!(before, after);
    assert!(!out.join(&before).exists(), "the old name is gone");
    assert_eq!(read(out.join(&after)), "body { color: #222; }\n");
    let marker = read(out.join(".wegwijs-output"));
    assert!(marker.lines().any(|l| l == after) && !marker.lines().any(|l| l == before), "{marker}");
    assert!(read(out.join("index.html")).contains(&after));
}

#[test]
fn the_theme_has_a_favicon_that_the_site_can_replace() {
    let (dir, root) = site_with(CONFIG);
    let out = dir.path().join("public");
    build(&root, &out, &[]);
    let icon = named(&out, "img/favicon.svg");
    let home = read(out.join("index.html"));
    assert!(home.contains(&format!(r#"<link rel="icon" href="./{icon}" type="image/svg+xml">"#)), "{home}");
    assert!(read(out.join("begrippen/index.html")).contains(&format!(r#"<link rel="icon" href="../{icon}""#)));

    // The same name in the site's static/ replaces it.
    fs::create_dir_all(root.join("static/img")).unwrap();
    let own = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>\n";
    fs::write(root.join("static/img/favicon.svg"), own).unwrap();
    build(&root, &out, &[]);
    assert_eq!(read(out.join(named(&out, "img/favicon.svg"))), own);

    // Or a setting names another file.
    fs::write(root.join("static/img/gemeente.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    fs::write(root.join("wegwijs.yaml"), format!("{CONFIG}theme:\n  favicon: img/gemeente.png\n")).unwrap();
    build(&root, &out, &[]);
    let png = named(&out, "img/gemeente.png");
    assert!(read(out.join("index.html")).contains(&format!(r#"<link rel="icon" href="./{png}" type="image/png">"#)));
}

#[test]
fn a_favicon_that_does_not_exist_is_an_error_at_its_line() {
    let (dir, root) = site_with(&format!("{CONFIG}theme:\n  favicon: img/bestaat-niet.svg\n"));
    let out = dir.path().join("public");
    let args = ["build", "--root", root.to_str().unwrap(), "--output", out.to_str().unwrap()];
    let built = wegwijs(&args);
    assert_eq!(built.status.code(), Some(1));
    let err = stderr(&built);
    assert!(
        err.contains("error[missing-theme-file]: the file `img/bestaat-niet.svg` named by `favicon` does not exist"),
        "{err}"
    );
    assert!(err.contains("wegwijs.yaml:4:12"), "{err}");
    assert!(!out.exists());
}

#[test]
fn a_base_url_that_is_only_a_path_is_a_warning_and_no_relative_address_is_published() {
    let (dir, root) = site_with("title: Schone kennisbank\nbase_url: /kennisbank/\n");
    let checked = wegwijs(&["check", "--root", root.to_str().unwrap()]);
    let err = stderr(&checked);
    assert!(
        err.contains("warning[relative-base-url]: `base_url` is not a whole web address, only the path `/kennisbank/`"),
        "{err}"
    );
    assert!(err.contains("wegwijs.yaml:2:11"), "{err}");
    assert!(err.contains("base_url: https://www.example.nl/kennisbank/"), "the help shows the line to write: {err}");
    assert_eq!(checked.status.code(), Some(0), "a warning does not stop a build");

    let out = dir.path().join("public");
    let built = build(&root, &out, &[]);
    assert!(stderr(&built).contains("relative-base-url"), "the build warns too");
    let sitemap = read(out.join("sitemap.xml"));
    assert!(sitemap.contains("<urlset") && !sitemap.contains("<loc>"), "{sitemap}");
    let robots = read(out.join("robots.txt"));
    assert!(!robots.contains("Sitemap"), "{robots}");
    let feed = read(out.join("atom.xml"));
    assert!(feed.contains(r#"<link rel="self" type="application/atom+xml" href="/kennisbank/atom.xml"/>"#), "{feed}");
    for id in feed.split("<id>").skip(1).map(|s| &s[..s.find("</id>").unwrap()]) {
        assert!(id.starts_with("urn:uuid:") && id.len() == 45, "an Atom id is an absolute IRI: {id}");
    }

    // The same path from the command line: a warning without a line.
    let (_d, plain) = site_with("title: Schone kennisbank\n");
    let flagged = wegwijs(&["check", "--root", plain.to_str().unwrap()]);
    assert!(!stderr(&flagged).contains("relative-base-url"), "no base_url, no warning");
    let out = dir.path().join("flag");
    let built = build(&plain, &out, &["--base-url", "/kennisbank/"]);
    assert!(stderr(&built).contains("warning[relative-base-url]"), "{}", stderr(&built));

    // A whole address: no warning, and the addresses are there.
    let (d2, whole) = site_with(CONFIG);
    let out = d2.path().join("public");
    let built = build(&whole, &out, &[]);
    assert!(!stderr(&built).contains("relative-base-url"));
    assert!(read(out.join("sitemap.xml")).contains("<loc>https://example.nl/kennisbank/</loc>"));
    assert!(read(out.join("robots.txt")).contains("Sitemap: https://example.nl/kennisbank/sitemap.xml"));
}

#[test]
fn the_apache_configuration_in_static_is_published_and_kept_by_rebuilds() {
    let (dir, root) = site_with(CONFIG);
    fs::create_dir_all(root.join("static")).unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/.htaccess");
    fs::copy(&shipped, root.join("static/.htaccess")).unwrap();
    fs::write(root.join("static/.verborgen"), "niet publiceren").unwrap();
    let out = dir.path().join("public");
    build(&root, &out, &[]);
    build(&root, &out, &[]);
    assert_eq!(read(out.join(".htaccess")), read(&shipped));
    assert!(!out.join(".verborgen").exists(), "other hidden files stay out");
}

#[test]
fn no_page_has_a_style_attribute_so_a_strict_policy_holds() {
    let (dir, root) = site_with(CONFIG);
    fs::write(
        root.join("content/tabel.md"),
        "---\ntitle: Tabel\nsummary: Een tabel met uitgelijnde kolommen.\n---\n\n| Links | Midden | Rechts |\n|:--|:-:|--:|\n| a | b | 3 |\n",
    )
    .unwrap();
    let out = dir.path().join("public");
    build(&root, &out, &[]);
    let page = read(out.join("tabel/index.html"));
    assert!(page.contains(r#"<th class="align-left">Links</th><th class="align-center">Midden</th><th class="align-right">Rechts</th>"#), "{page}");
    assert!(
        page.contains(r#"<td class="align-left">a</td><td class="align-center">b</td><td class="align-right">3</td>"#),
        "{page}"
    );
    for (path, bytes) in tree(&out) {
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(&bytes);
            assert!(!html.contains(" style=") && !html.contains("<style") && !html.contains("<script>"), "{path}");
        }
    }
}

/// The files of `out` with a gzipped copy beside them, each checked to unpack to the same
/// bytes; and the paths of the copies. `data/lijst.json.gz` is a site's own file.
fn unpacked_copies(out: &Path) -> (Vec<String>, Vec<String>) {
    use std::io::Read;
    let files = tree(out);
    let mut originals = Vec::new();
    let mut copies = Vec::new();
    for (path, bytes) in &files {
        let Some(original) = path.strip_suffix(".gz").filter(|_| path != "data/lijst.json.gz") else { continue };
        let plain = files.get(original).unwrap_or_else(|| panic!("{path} has no original beside it"));
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut back).unwrap();
        assert!(back == *plain, "{path} unpacks to other bytes than {original}");
        assert!(bytes.len() < plain.len(), "{path} is smaller than {original}");
        originals.push(original.to_string());
        copies.push(path.clone());
    }
    (originals, copies)
}

#[test]
fn precompress_writes_a_gzipped_copy_of_each_text_file_that_unpacks_to_the_same_bytes() {
    let (dir, root) = site_with(&format!("{CONFIG}precompress: true\n"));
    // The site's own files: a text file, a compressed file of its own beside it, an image.
    fs::create_dir_all(root.join("static/data")).unwrap();
    let json = format!("[{}]\n", vec!["{\"gemeente\": \"Harderwijk\"}"; 40].join(", "));
    fs::write(root.join("static/data/lijst.json"), &json).unwrap();
    fs::write(root.join("static/data/lijst.json.gz"), "eigen bestand").unwrap();
    fs::write(root.join("static/data/tabel.csv"), "a,b\n".repeat(100)).unwrap();
    let out = dir.path().join("public");
    build(&root, &out, &[]);
    let (originals, copies) = unpacked_copies(&out);
    for path in ["index.html", "begrippen/statushouder/index.html", "sitemap.xml", "atom.xml", "404.html"] {
        assert!(originals.iter().any(|p| p == path), "{path} has a copy: {originals:?}");
    }
    for plain in ["css/wegwijs.css", "js/wegwijs.js", "img/favicon.svg"] {
        let name = named(&out, plain);
        assert!(originals.contains(&name), "{name} has a copy");
    }
    assert!(originals.iter().any(|p| p.starts_with("zoeken/index.") && p.ends_with("/meta.json")), "{originals:?}");
    // Every text file big enough to gain has one; nothing else has.
    let text = |p: &str| [".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"].iter().any(|e| p.ends_with(e));
    for (path, bytes) in tree(&out) {
        if text(&path) && bytes.len() > 1000 && path != "data/lijst.json" {
            assert!(originals.contains(&path), "{path} ({} bytes) has no copy", bytes.len());
        }
    }
    assert!(originals.iter().all(|p| text(p)), "{originals:?}");
    assert!(!out.join("data/tabel.csv.gz").exists());
    // The site's own .gz file is published as it is, not replaced by a copy.
    assert_eq!(read(out.join("data/lijst.json.gz")), "eigen bestand");
    // The build's list of its files names the copies: the next build may replace them, and a
    // build without copies leaves none behind.
    let marker = read(out.join(".wegwijs-output"));
    for copy in &copies {
        assert!(marker.lines().any(|l| l == copy), "{copy} in the marker");
    }
    build(&root, &out, &[]);
    assert_eq!(unpacked_copies(&out).1, copies, "the same copies again");
    fs::write(root.join("wegwijs.yaml"), CONFIG).unwrap();
    build(&root, &out, &[]);
    let left: Vec<String> = tree(&out).into_keys().filter(|p| p.ends_with(".gz")).collect();
    assert_eq!(left, ["data/lijst.json.gz"], "only the site's own .gz file");

    // The flag does the same; a portable build, opened from disk, gets none.
    let by_flag = dir.path().join("flag");
    build(&root, &by_flag, &["--precompress"]);
    assert_eq!(unpacked_copies(&by_flag).1, copies);
    let portable = dir.path().join("portable");
    build(&root, &portable, &["--precompress", "--portable"]);
    assert_eq!(unpacked_copies(&portable).1, Vec::<String>::new());
}
