//! No input makes wegwijs panic: property tests over front matter, Markdown, config and whole
//! sites, built from pieces that are known to be awkward (malformed YAML, wrong types, tags and
//! aliases, deeply nested lists, unclosed front matter, binary and invalid UTF-8 files, huge
//! lines, file names of templates and generated files, links that climb out of the site, symbolic
//! links to files and folders inside and outside the site).
//!
//! Every case renders each diagnostic it gets, as text and as JSON, because printing a report
//! about a strange file must not panic either.
//!
//! The default run is short, for CI. For a longer run set `WEGWIJS_PROPTEST_CASES`, for example
//! `WEGWIJS_PROPTEST_CASES=20000 cargo test --release --test robustness`; the whole-site property
//! runs a tenth of that number, since each case builds a site on disk.

use std::path::Path;

use proptest::prelude::*;

use wegwijs::diagnostic::{Diagnostic, SourceText};
use wegwijs::load::front_matter::{self, DocRole};
use wegwijs::messages::Lang;
use wegwijs::{NoProgress, Overrides};

/// Cases per property: `WEGWIJS_PROPTEST_CASES`, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("WEGWIJS_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn config(n: u32) -> ProptestConfig {
    ProptestConfig { cases: n, max_shrink_iters: 2_000, ..ProptestConfig::default() }
}

fn print_all<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
    for d in diagnostics {
        for lang in Lang::ALL {
            let text = d.render(lang, false);
            assert!(!text.is_empty());
            let _ = d.render(lang, true);
            let json: serde_json::Value = serde_json::from_str(&d.to_json(lang)).expect("a diagnostic is valid JSON");
            assert_eq!(json["code"], d.code);
        }
    }
}

/// Keys: every real key, near misses, and odd ones.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "title",
            "summary",
            "date",
            "weight",
            "draft",
            "slug",
            "kind",
            "themes",
            "target_groups",
            "aliases",
            "definition",
            "related",
            "sources",
            "municipality",
            "province",
            "year",
            "organisations",
            "source",
            "url",
            "publisher",
            "tool_type",
            "tittle",
            "\"title\"",
            "? complex",
            "- item",
            "<<",
            "",
            " title",
            "title\t",
        ])
        .prop_map(str::to_string),
        "[a-z_]{1,12}",
    ]
}

/// YAML values that are valid, invalid, of the wrong type, or strange.
fn value() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "Statushouder",
        "\"Den Haag\"",
        "Den haag",
        "'s-Hertogenbosch",
        "\"Jeugd \"",
        "2024-02-30",
        "2024-03-15",
        "2024-03-15T10:00:00Z",
        "99999-01-01",
        "-1",
        "9223372036854775808",
        "1e400",
        ".nan",
        "true",
        "~",
        "null",
        "",
        "[]",
        "{}",
        "[a, b, \"c\"]",
        "[statushouder, statushouder, onbekend]",
        "{title: X, url: \"https://x.nl/\"}",
        "{title: X, link: y}",
        "[{title: X}, 3, [nested]]",
        "https://www.example.org/x",
        "www.example.org",
        "http://",
        "mailto:a@b.nl",
        "/begrippen/x/",
        "!!binary aGVsbG8=",
        "!tag value",
        "&anchor value",
        "*anchor",
        "*undefined",
        "\"unterminated",
        "'unterminated",
        "[unclosed",
        "{unclosed: 1",
        "a: b: c",
        "|\n  block\n  text",
        ">-\n  folded",
        "\t tab",
        "# only a comment",
        "Cliënt & financiële hulp ĳ ß ✓ 🙂",
        "\u{0}",
        "\u{feff}bom",
        "e\u{301}\u{301}\u{301}",
        "term\r\nwith crlf",
        "---",
        "...",
        "term, practice, tool",
        "begrip",
        "checklst",
        "Checklists",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        8 => atoms,
        1 => "[ -~]{0,40}",
        1 => any::<String>().prop_map(|s| s.chars().take(60).collect()),
        1 => (1usize..3000).prop_map(|n| format!("{}{}", "[".repeat(n), "]".repeat(n))),
        1 => (1usize..300).prop_map(|n| (0..n).map(|i| format!("\n{}- x", "  ".repeat(i))).collect()),
        1 => (1usize..200_000).prop_map(|n| "x".repeat(n)),
    ]
}

fn front_matter_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((key(), value()), 0..12),
        prop::sample::select(vec!["---\n", "---\r\n", "\u{feff}---\n", "+++\n", "", "--- \n", "----\n"]),
        prop::sample::select(vec!["---\n", "---\r\n", "", "--- # x\n", "...\n", "---"]),
    )
        .prop_map(|(pairs, open, close)| {
            let mut s = open.to_string();
            for (k, v) in pairs {
                s.push_str(&format!("{k}: {v}\n"));
            }
            s.push_str(close);
            s
        })
}

/// Markdown pieces, mostly awkward ones.
fn markdown() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "# Kop\n",
        "## Kop {#eigen-id}\n",
        "## Kop {#}\n",
        "## \n",
        "### `code` in een kop\n",
        "Tekst met een [link](../begrippen/statushouder.md).\n",
        "[anker](#wat-betekent-het)\n",
        "[anker elders](../begrippen/statushouder.md#nergens)\n",
        "[omhoog](../../../../../etc/passwd)\n",
        "[procent](cli%C3%ABnt.md) [kapot](%zz%.md) [leeg]() [spatie]( )\n",
        "[site](/gemeenten/weert/) [extern](https://x.nl/) [mail](mailto:a@b)\n",
        "[query](x.md?a=1#b) [alleen](?x) [dubbel](##)\n",
        "![](foto.jpg)\n",
        "![alt](/static/x.png)\n",
        "![alt ![binnen](a.png)](b.png)\n",
        "[![](a.png)](b.md)\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "| a |\n|---|\n| ![](x.png) |\n",
        "Voetnoot[^1].\n\n[^1]: Noot met [link](x.md).\n",
        "<div>html</div>\n<script>alert(1)</script>\n",
        "```\ncode\n```\n",
        "```rust\nunclosed fence\n",
        "- [ ] taak\n- [x] klaar\n",
        "> citaat\n> > dieper\n",
        "***\n",
        "Tekst\\\nhard break\n",
        "e\u{301}\u{301} ĳ 🙂 \u{200b}\u{0}\n",
        "[ref]: x.md\n[ref]\n",
        "<https://autolink.nl>\n",
        "[kwaad](JaVa&#83;cript:alert(1)) <javascript:x> ![x](data:image/svg+xml,<svg>)\n",
        "[kwaad][k]\n\n[k]: <java\tscript:alert(1)>\n",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        6 => prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat()),
        1 => (1usize..5000).prop_map(|n| format!("{}x\n", "> ".repeat(n))),
        1 => (1usize..3000).prop_map(|n| (0..n).map(|i| format!("{}- x\n", "  ".repeat(i % 400))).collect()),
        1 => (1usize..3000).prop_map(|n| format!("{}x{}", "[".repeat(n), "](y)".repeat(n))),
        1 => (1usize..3000).prop_map(|n| format!("{}x{}", "*".repeat(n), "_".repeat(n))),
        1 => any::<String>().prop_map(|s| s.chars().take(300).collect()),
    ]
}

/// A file's bytes: a page, or something that is not a page at all.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        8 => (front_matter_text(), markdown()).prop_map(|(f, m)| format!("{f}\n{m}").into_bytes()),
        1 => prop::collection::vec(any::<u8>(), 0..600),
        1 => (front_matter_text(), prop::collection::vec(any::<u8>(), 1..50)).prop_map(|(f, mut b)| {
            b.insert(0, 0xff);
            let mut out = f.into_bytes();
            out.extend(b);
            out
        }),
        1 => Just(Vec::new()),
    ]
}

fn file_path() -> impl Strategy<Value = String> {
    let folder = prop::sample::select(vec![
        "",
        "begrippen/",
        "praktijkvoorbeelden/",
        "instrumenten/",
        "themas/",
        "artikelen/",
        "begrippen/pagina/",
        "gemeenten/",
        "a/b/c/",
        "a/_index.md/",
        "begrippen/sub/",
        "../",
        "zoeken/",
        "css/",
    ]);
    let name = prop::sample::select(vec![
        "_index.md",
        "x_index.md",
        "_index.md.md",
        "statushouder.md",
        "x.md",
        "Cliënt.md",
        "zoeken.md",
        "pagina.md",
        "2.md",
        "index.md",
        "index.html",
        "404.html",
        "404.md",
        "robots.txt",
        "sitemap.xml",
        "atom.xml",
        "page.html",
        "base.html",
        "theme.css",
        "index.json",
        "foto.jpg",
        ".verborgen.md",
        "kopie.md~",
        "gemeenten",
        "begrippen",
        "-.md",
        ".md",
        "a b.md",
    ]);
    (folder, name).prop_map(|(f, n)| format!("{f}{n}"))
}

fn config_text() -> impl Strategy<Value = Option<String>> {
    let pair = prop_oneof![
        prop::sample::select(vec![
            "title: X",
            "titel: X",
            "base_url: https://example.nl/kennisbank",
            "base_url: example.nl",
            "base_url: /",
            "base_url: [1]",
            "language: nl",
            "language: en",
            "language: xx",
            "language: ../../etc",
            "menu: [{title: Begrippen, url: begrippen/}]",
            "menu: [{title: X}]",
            "menu: 3",
            "taxonomies: {municipality: gemeenten, tool_type: false}",
            "taxonomies: {themes: begrippen}",
            "taxonomies: {themes: zoeken}",
            "taxonomies: {themes: \"\", target_groups: 3, bogus: x}",
            "taxonomies: [a]",
            "content_dirs: [content]",
            "content_dirs: [content, extra]",
            "content_dirs: [missing]",
            "content_dirs: content",
            "output_dir: public",
            "allow_html: true",
            "allow_html: yes",
            "paginate: 0",
            "paginate: 1",
            "paginate: -5",
            "paginate: 99999999999999999999",
            "feed_limit: 0",
            "theme: {accent_color: \"#ffcc00\"}",
            "theme: {accent_color: blue, bogus: 1}",
            "theme: {accent_color: [1]}",
            "theme: {accent_color: \"#aéaaa\"}",
            "language: \"../../x\"",
            "language: en-GB",
            "theme: {logo: ../../x.svg}",
            "theme: 3",
            "a: b: c",
            "\t- x",
            "[",
        ])
        .prop_map(str::to_string),
        (key(), value()).prop_map(|(k, v)| format!("{k}: {v}")),
        // Colours and languages of any characters: each is a value or an error, never a
        // panic and never a path (`#aéaaa` once panicked on slicing inside `é`).
        "#[0-9a-fA-Fé\u{301}\u{1F600}g#]{0,8}".prop_map(|c| format!("theme: {{accent_color: \"{c}\"}}")),
        "[a-zA-Z0-9é\u{301}./\\\\:_ -]{0,12}".prop_map(|l| format!("language: '{l}'")),
        "[a-z./\\\\:é]{0,14}".prop_map(|p| format!("theme: {{logo: '{p}'}}")),
    ];
    prop::option::of(prop::collection::vec(pair, 0..6).prop_map(|v| v.join("\n")))
}

/// A config file, content files (path, bytes), and files of the site's own theme (path, text).
type SiteFiles = (Option<String>, Vec<(String, Vec<u8>)>, Vec<(String, String)>);

/// A whole site: a config, content files, and now and then templates or static files of its own.
fn site() -> impl Strategy<Value = SiteFiles> {
    let theme_file = (
        prop::sample::select(vec![
            "templates/page.html",
            "templates/base.html",
            "templates/robots.txt",
            "templates/extra.html",
            "static/zoeken/index.json",
            "static/robots.txt",
            "i18n/nl.yaml",
        ]),
        prop_oneof![
            Just("{% extends \"base.html\" %}{% block main %}{{ page.title }}{% endblock main %}".to_string()),
            Just("{{ unclosed".to_string()),
            Just("{% block x %}".to_string()),
            Just("search: 3\nbogus: [a]".to_string()),
            "[ -~]{0,60}",
        ],
    )
        .prop_map(|(p, t)| (p.to_string(), t));
    (config_text(), prop::collection::vec((file_path(), file_bytes()), 0..14), prop::collection::vec(theme_file, 0..2))
}

proptest! {
    #![proptest_config(config(cases(256)))]

    /// Any text at all, as a file that may or may not have front matter.
    #[test]
    fn front_matter_of_any_text(text in any::<String>(), section in any::<bool>()) {
        read_front_matter(&text, section);
    }

    /// Text that looks like front matter, with the problems editors make.
    #[test]
    fn front_matter_with_awkward_values(text in front_matter_text(), section in any::<bool>()) {
        read_front_matter(&text, section);
    }

    /// Locating and printing a problem anywhere in any text.
    #[test]
    fn diagnostics_at_any_span(text in any::<String>(), a in 0usize..400, b in 0usize..400, w in 0usize..50) {
        let src = SourceText::new(Path::new("x.md"), &text);
        let d = Diagnostic::error("test", wegwijs::msg!("missing-title"))
            .at(&src, a..b)
            .label(wegwijs::msg!("missing-title.label"))
            .help(wegwijs::msg!("missing-title.help"));
        let mut wide = d.clone();
        wide.width = w;
        wide.column = wide.column.map(|c| c + w);
        print_all([&d, &wide]);
        let _ = src.line_span(a);
    }
}

fn read_front_matter(text: &str, section: bool) {
    let src = SourceText::new(Path::new("begrippen/x.md"), text);
    let role = if section { DocRole::Section } else { DocRole::Page };
    match front_matter::split(src) {
        Ok(split) => {
            assert!(split.yaml.end <= split.body.start && split.body.end == text.len());
            let (_, diagnostics) = front_matter::parse(src, split.yaml, "begrippen/x.md", role);
            print_all(&diagnostics);
        }
        Err(d) => print_all([&d]),
    }
}

proptest! {
    #![proptest_config(config((cases(256) / 10).max(8)))]

    /// A whole site on disk, built and written: no panic, and a build either writes a site or
    /// says why not.
    #[test]
    fn any_site_builds_or_explains((config, files, theme_files) in site()) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        if let Some(c) = &config {
            std::fs::write(root.join("wegwijs.yaml"), c).unwrap();
        }
        for (path, bytes) in &files {
            let file = root.join("content").join(path);
            // Two generated paths can name a file and a folder alike; the first one wins.
            if std::fs::create_dir_all(file.parent().unwrap()).is_ok() {
                let _ = std::fs::write(&file, bytes);
            }
        }
        for (path, text) in &theme_files {
            let file = root.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, text).unwrap();
        }
        let overrides = Overrides { output_dir: Some(dir.path().join("public")), ..Overrides::default() };
        let report = wegwijs::check(&root, &overrides, None, &NoProgress);
        print_all(&report.diagnostics.items);
        match wegwijs::build(&root, &overrides, &NoProgress) {
            Ok(built) => {
                prop_assert!(!built.diagnostics.has_errors());
                prop_assert!(!report.diagnostics.has_errors(), "check found errors in a site that builds");
                prop_assert!(dir.path().join("public/index.html").is_file());
            }
            Err(wegwijs::BuildError::Content(d)) => {
                prop_assert!(d.has_errors());
                print_all(&d.items);
                // `check` predicts `build`.
                prop_assert!(report.diagnostics.has_errors(), "build failed where check found nothing: {:?}", d.items);
            }
            // The output is a fresh folder beside the site: never refused.
            Err(wegwijs::BuildError::Output(r)) => prop_assert!(false, "output refused: {r}"),
            // A file and a folder of the same name cannot both be written; `check` reports it.
            Err(wegwijs::BuildError::Write(e)) => {
                prop_assert!(report.diagnostics.has_errors(), "write failed without a reported problem: {e}");
            }
        }
    }
}

/// What the files outside the site hold; it must never appear in an output.
#[cfg(unix)]
const SECRET: &str = "GEHEIM-7d20b1";

/// Links among a site's files: (where the link is, what it points to, whether the link is
/// written as an absolute path).
#[cfg(unix)]
fn links() -> impl Strategy<Value = Vec<(&'static str, &'static str, bool)>> {
    let place = prop::sample::select(vec![
        "content/geheim.txt",
        "content/begrippen/geheim.md",
        "content/begrippen/extra",
        "content/extra",
        "static/geheim.css",
        "static/extra",
        "static",
        "templates/page.html",
        "i18n/nl.yaml",
        "themes/default",
    ]);
    let target = prop::sample::select(vec![
        "elders/geheim.txt",
        "elders/geheim.md",
        "elders",
        "site/gedeeld/ok.txt",
        "site/gedeeld/ok.md",
        "site/gedeeld",
        "site/content/begrippen",
        "site/.git/config",
        "site/.git",
        "nergens",
        "..",
    ]);
    prop::collection::vec((place, target, any::<bool>()), 1..5)
}

/// A scheme that can run script, written as an author might to slip it past a check: each
/// letter in either case and maybe as a character reference, tabs and newlines (raw where
/// Markdown allows them, else as references) between letters, spaces and control characters
/// before it. Gives the text to write and whether it goes in a `<…>` destination.
/// (pulldown-cmark percent-encodes tabs, newlines and controls in an `href`, so only the
/// variants without them would run if a check were missing; both kinds must be reported.)
fn dangerous_url() -> impl Strategy<Value = (String, bool)> {
    let scheme = prop::sample::select(vec![
        ("javascript", "alert(1)"),
        ("vbscript", "msgbox(1)"),
        ("data", "text/html,x"),
        ("file", "///etc/passwd"),
        ("javascript", "//%0aalert(1)"),
    ]);
    // Mostly no gap, so that many cases are dangerous as written, not only once decoded.
    let letter = (any::<bool>(), 0u8..4, 0u8..40);
    let lead = prop_oneof![3 => Just(0usize), 1 => 1usize..3];
    (scheme, prop::collection::vec(letter, 12), lead, 0u8..3).prop_map(|((name, rest), letters, lead, angle)| {
        let mut out = String::new();
        let mut needs_angle = false;
        for _ in 0..lead {
            out.push_str(["&#32;", "&#1;", "&#x1F;"][lead % 3]);
        }
        for (c, (upper, encode, gap)) in format!("{name}:").chars().zip(letters) {
            let c = if upper { c.to_ascii_uppercase() } else { c };
            match encode {
                0 => out.push_str(&format!("&#{};", c as u32)),
                1 => out.push_str(&format!("&#x{:x};", c as u32)),
                _ => out.push(c),
            }
            match gap {
                0 => out.push_str("&#9;"),
                1 => out.push_str("&#10;"),
                2 => out.push_str("&#13;"),
                3 => {
                    out.push('\t');
                    needs_angle = true;
                }
                _ => {}
            }
        }
        out.push_str(rest);
        (out, needs_angle || angle == 0)
    })
}

/// The ways Markdown writes a link to `url`, with the link text `kwaad`.
fn link_to(url: &str, angle: bool, form: u8) -> String {
    let dest = if angle { format!("<{url}>") } else { url.to_string() };
    match form {
        0 => format!("[kwaad]({dest})"),
        1 => format!("![kwaad]({dest})"),
        2 => format!("[kwaad][k]\n\n[k]: {dest}"),
        _ => format!("[kwaad]({dest} \"titel\")"),
    }
}

/// Every HTML file the render stage makes of the site in `root`, even when the site has errors
/// (a build would write none of them): what the templates would get if a check were missing.
fn render_anyway(root: &Path) -> Vec<(String, String)> {
    let (config, _) = wegwijs::Config::load(root, &Overrides::default()).expect("the config reads");
    let (theme, _) = wegwijs::theme::load(&config).expect("the theme loads");
    let built = wegwijs::model::build(&config, wegwijs::load::run(&config));
    let (bodies, _, _) = wegwijs::render::bodies(&config, &built.site, &theme, &());
    let pages = wegwijs::render::Pages::new(&config, &built.site, &theme, &bodies).expect("the templates compile");
    let sink = wegwijs::output::Memory::default();
    pages.render(&sink, &NoProgress);
    sink.into_files()
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .filter_map(|(path, content)| match content {
            wegwijs::output::Content::Bytes(b) => Some((path, String::from_utf8_lossy(&b).into_owned())),
            _ => None,
        })
        .collect()
}

/// Every `href` and `src` value in `html`, as the browser reads it: attribute references
/// decoded (the writers only use `&amp;`, `&quot;`, `&lt;`, `&gt;`, `&#39;` and `&#x27;`).
fn attribute_urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            let value = &rest[..rest.find('"').unwrap_or(rest.len())];
            out.push(
                value
                    .replace("&quot;", "\"")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&#39;", "'")
                    .replace("&#x27;", "'")
                    .replace("&amp;", "&"),
            );
        }
    }
    out
}

/// Whether a browser would run `url` as something other than a web page, mail or phone link:
/// an oracle written apart from wegwijs's own check, after the URL standard's first steps.
fn runs_as_script(url: &str) -> bool {
    let cleaned: String =
        url.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let lower = cleaned.to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:", "file:"].iter().any(|s| lower.starts_with(s))
}

/// A site with a page whose body is `markdown`, and a term with `source` among its sources.
fn site_with(markdown: &str, source: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("begrippen")).unwrap();
    std::fs::write(content.join("over.md"), format!("---\ntitle: Over\n---\n## Aanpak\n\n{markdown}\n")).unwrap();
    let yaml_source = source.replace('\\', "\\\\").replace('"', "\\\"").replace('\t', "\\t").replace('\n', "\\n");
    std::fs::write(
        content.join("begrippen/statushouder.md"),
        format!(
            "---\ntitle: Statushouder\ndefinition: Iemand.\nsources:\n  - {{title: Bron, url: \"{yaml_source}\"}}\n---\nZie [over](../over.md).\n"
        ),
    )
    .unwrap();
    dir
}

proptest! {
    #![proptest_config(config((cases(256) / 10).max(8)))]

    /// Links anywhere among a site's files, to files and folders inside and outside it or to
    /// nothing: nothing from outside ever reaches the output, and `check` finds an error
    /// exactly when `build` fails.
    #[test]
    #[cfg(unix)]
    fn links_never_publish_what_is_outside_the_site(links in links()) {
        let dir = tempfile::tempdir().unwrap();
        let tmp = dir.path();
        let write = |rel: &str, text: &str| {
            let p = tmp.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        write("site/wegwijs.yaml", "title: Proef\n");
        write("site/content/_index.md", "---\ntitle: Welkom\n---\nTekst.\n");
        write("site/content/begrippen/statushouder.md", "---\ntitle: Statushouder\ndefinition: Iemand.\n---\nTekst.\n");
        write("site/gedeeld/ok.txt", "ok");
        write("site/gedeeld/ok.md", "---\ntitle: Gedeeld\n---\nTekst.\n");
        write("elders/geheim.txt", SECRET);
        write("site/.git/config", SECRET);
        write("elders/geheim.md", &format!("---\ntitle: {SECRET}\n---\n{SECRET}\n"));
        for (place, target, absolute) in &links {
            let link = tmp.join("site").join(place);
            let target = if *target == ".." {
                std::path::PathBuf::from("..")
            } else if *absolute {
                tmp.join(target)
            } else {
                // From the link's folder up to the temporary folder, then down to the target.
                let depth = Path::new("site").join(place).components().count() - 1;
                let mut rel = std::path::PathBuf::new();
                for _ in 0..depth {
                    rel.push("..");
                }
                rel.join(target)
            };
            let _ = std::fs::create_dir_all(link.parent().unwrap());
            let _ = std::os::unix::fs::symlink(&target, &link);
        }
        let root = tmp.join("site");
        let overrides = Overrides { output_dir: Some(tmp.join("public")), ..Overrides::default() };
        let report = wegwijs::check(&root, &overrides, None, &NoProgress);
        print_all(&report.diagnostics.items);
        match wegwijs::build(&root, &overrides, &NoProgress) {
            Ok(_) => {
                prop_assert!(!report.diagnostics.has_errors(), "check found errors in a site that builds");
                for entry in walkdir::WalkDir::new(tmp.join("public")) {
                    let entry = entry.unwrap();
                    if entry.file_type().is_file() {
                        let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
                        prop_assert!(!text.contains(SECRET), "{} holds what is outside the site", entry.path().display());
                    }
                    prop_assert!(!entry.file_type().is_symlink(), "the output holds a link");
                }
            }
            Err(wegwijs::BuildError::Content(d)) => {
                prop_assert!(report.diagnostics.has_errors(), "build failed where check found nothing: {:?}", d.items);
            }
            Err(wegwijs::BuildError::Output(r)) => prop_assert!(false, "output refused: {r}"),
            Err(wegwijs::BuildError::Write(e)) => {
                prop_assert!(report.diagnostics.has_errors(), "write failed without a reported problem: {e}");
            }
        }
    }

    /// However a script scheme is written, it never reaches an `href` or `src`, and `check`
    /// reports it as `unsafe-url` at its page.
    #[test]
    fn script_links_never_reach_the_output((url, angle) in dangerous_url(), form in 0u8..4) {
        let markdown = link_to(&url, angle, form);
        // In front matter the same URL as the browser would read it: references decoded.
        let plain = url.replace("&#9;", "\t").replace("&#10;", "\n").replace("&#13;", "\r");
        let dir = site_with(&markdown, &plain);
        let report = wegwijs::check(dir.path(), &Overrides::default(), None, &NoProgress);
        print_all(&report.diagnostics.items);
        let found: Vec<_> = report.diagnostics.items.iter().filter(|d| d.code == "unsafe-url").collect();
        prop_assert!(found.iter().any(|d| d.file.as_deref() == Some(Path::new("content/over.md"))), "{markdown:?}: {found:?}");
        for (path, html) in render_anyway(dir.path()) {
            for value in attribute_urls(&html) {
                prop_assert!(!runs_as_script(&value), "{markdown:?} put {value:?} in {path}");
            }
        }
    }

    /// Links that are allowed are written as they are, and give no `unsafe-url`.
    #[test]
    fn safe_links_pass_unchanged(
        scheme in prop::sample::select(vec!["https://www.example.nl/", "http://example.nl/", "mailto:", "tel:", "HTTPS://x.nl/"]),
        path in "[a-zA-Z0-9._~-]{0,12}(/[a-zA-Z0-9._~-]{1,8}){0,3}(\\?[a-z]=[0-9]{1,3})?",
        form in 0u8..4,
    ) {
        let url = format!("{scheme}{path}");
        let dir = site_with(&format!("[anker](#aanpak) {}", link_to(&url, false, form)), &url);
        let report = wegwijs::check(dir.path(), &Overrides::default(), None, &NoProgress);
        prop_assert!(!report.diagnostics.items.iter().any(|d| d.code == "unsafe-url"), "{url}");
        let html = render_anyway(dir.path());
        let over = &html.iter().find(|(p, _)| p == "over/index.html").expect("the page is rendered").1;
        let links = attribute_urls(over);
        prop_assert!(links.contains(&url), "{url} not in {links:?}");
        prop_assert!(links.contains(&"#aanpak".to_string()));
        let term = &html.iter().find(|(p, _)| p == "begrippen/statushouder/index.html").expect("the term is rendered").1;
        prop_assert!(attribute_urls(term).contains(&url), "{url} not a source link");
    }
}

proptest! {
    #![proptest_config(config(cases(256)))]

    /// Any text as the accent colour and as the language: the config and theme give a value or
    /// an error at the config, never a panic, and a language that is not a tag is never used.
    #[test]
    fn any_colour_or_language_is_a_value_or_an_error(
        colour in prop_oneof!["#\\PC{0,7}", "\\PC{0,8}", "#[0-9a-fA-Fé\u{301}\u{1F600}]{3,6}"],
        lang in prop_oneof!["\\PC{0,12}", "[a-zA-Z0-9./\\\\-]{0,12}"],
    ) {
        let dir = tempfile::tempdir().unwrap();
        // A JSON string is a YAML double-quoted scalar: any text fits.
        let quote = |s: &str| serde_json::to_string(s).unwrap();
        let text = format!("language: {}\ntheme: {{accent_color: {}}}\n", quote(&lang), quote(&colour));
        std::fs::write(dir.path().join("wegwijs.yaml"), &text).unwrap();
        let (config, problems) = match wegwijs::Config::load(dir.path(), &Overrides::default()) {
            Ok(c) => c,
            Err(d) => {
                print_all(&d);
                return Ok(());
            }
        };
        print_all(&problems);
        let tag = wegwijs::config::is_language_tag(lang.trim());
        prop_assert_eq!(problems.iter().any(|d| d.code == "invalid-language"), !tag);
        prop_assert!(wegwijs::config::is_language_tag(&config.language), "{}", config.language);
        match wegwijs::theme::load(&config) {
            Ok((theme, diagnostics)) => {
                print_all(&diagnostics);
                let is_colour = wegwijs::theme::contrast_with_white(&colour).is_some();
                prop_assert_eq!(diagnostics.iter().any(|d| d.code == "bad-color"), !is_colour);
                prop_assert!(theme.settings.contains_key("accent_color"));
            }
            Err(d) => print_all(&d),
        }
    }
}

proptest! {
    #![proptest_config(config(cases(256)))]

    /// The value finder (one pass per page, for checks that report thousands of values) points
    /// where `at_key_value` (one pass per value) points, for any front matter and any value.
    #[test]
    fn the_value_finder_points_where_at_key_value_points(
        text in front_matter_text(),
        key in key(),
        needles in prop::collection::vec(prop_oneof!["[a-zA-Z ,'\"\\-:\\[\\]é]{0,12}", value()], 0..8),
    ) {
        let src = SourceText::new(Path::new("begrippen/x.md"), &text);
        let Ok(split) = front_matter::split(src) else { return Ok(()) };
        let doc = wegwijs::load::SourceDoc {
            rel_path: "begrippen/x.md".into(),
            shown: "content/begrippen/x.md".into(),
            layer: 0,
            text: text.clone(),
            body_start: split.body.start,
            yaml: split.yaml.clone(),
            role: DocRole::Page,
            front: wegwijs::load::RawFrontMatter::default(),
            lang: "nl".into(),
            revision: 0,
            origin: Default::default(),
        };
        let finder = doc.value_finder(&key);
        // The needles, and every value written in the text, as a check would look for them.
        let written = text.lines().filter_map(|l| l.split_once(": ").map(|(_, v)| v.trim().to_string()));
        for needle in needles.into_iter().chain(written) {
            let blank = || Diagnostic::warning("x", wegwijs::msg!("count.none"));
            let (a, b) = (finder.at(blank(), &needle), doc.at_key_value(blank(), &key, &needle));
            prop_assert_eq!((a.line, a.column, a.width), (b.line, b.column, b.width), "{:?}", needle);
        }
    }
}
