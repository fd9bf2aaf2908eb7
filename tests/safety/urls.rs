//! Content never runs script: a link whose scheme a browser could run (`javascript:`,
//! `vbscript:`, `data:`), however it is written, is an `unsafe-url` error at the place it is
//! written, wherever it is written (a page's body, front matter, the menu, the logo). `check`
//! reports it; `build` refuses and leaves the previous output as it was.

use std::path::Path;

use crate::support::{Fixture, assert_same, snapshot, stderr};

/// One way to write a dangerous link: the file and its text, and where the error must point.
struct Case {
    name: &'static str,
    file: &'static str,
    text: String,
    line: usize,
    column: usize,
}

/// A page `content/over.md` whose body has `markdown` from line 5 on.
fn page(name: &'static str, markdown: &str, line: usize, column: usize) -> Case {
    Case { name, file: "content/over.md", text: format!("---\ntitle: Over\n---\nTekst.\n\n{markdown}\n"), line, column }
}

fn page_cases() -> Vec<Case> {
    vec![
        page("inline", "[x](javascript:alert(1))", 6, 5),
        page("inline with title", "Zie [hier](javascript:alert(1) \"titel\").", 6, 12),
        page("image", "![foto](javascript:alert(1))", 6, 9),
        page("reference", "[x][kwaad]\n\n[kwaad]: javascript:alert(1)", 8, 10),
        page("collapsed reference", "[kwaad][]\n\n[kwaad]: javascript:alert(1)", 8, 10),
        page("shortcut reference", "[kwaad]\n\n[kwaad]: <javascript:alert(1)>", 8, 11),
        page("autolink", "<javascript:alert(1)>", 6, 2),
        page("entity colon", "[x](javascript&#58;alert(1))", 6, 5),
        page("entity hex colon", "[x](javascript&#x3A;alert(1))", 6, 5),
        page("entity letter", "[x](&#106;avascript:alert(1))", 6, 5),
        page("mixed case", "[x](JaVaScRiPt:alert(1))", 6, 5),
        page("leading spaces", "[x](<   javascript:alert(1)>)", 6, 9),
        page("leading control character", "[x](&#1;javascript:alert(1))", 6, 5),
        page("tab inside the scheme", "[x](<java\tscript:alert(1)>)", 6, 6),
        page("encoded tab inside the scheme", "[x](java&#9;script:alert(1))", 6, 5),
        page("newline inside the scheme", "[x](java&#10;script:alert(1))", 6, 5),
        page("vbscript", "[x](vbscript:msgbox(1))", 6, 5),
        page("data", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", 6, 5),
        page("javascript with slashes", "[x](javascript://%0aalert(1))", 6, 5),
        page("in a list", "- punt\n- [x](javascript:alert(1))", 7, 7),
    ]
}

/// Dangerous links as YAML writes them (in double quotes), and whether the text between the
/// quotes is the link itself; YAML escapes (`\t`) are read before the check, so the error
/// then points at the key.
const YAML_FORMS: [(&str, bool); 7] = [
    ("javascript:alert(1)", true),
    ("JaVaScRiPt:alert(1)", true),
    ("javascript&#58;alert(1)", true),
    ("vbscript:msgbox(1)", true),
    ("data:text/html,<script>alert(1)</script>", true),
    ("\\tjava\\tscript:alert(1)", false),
    ("\\x01 java\\nscript:alert(1)", false),
];

/// A case for `form` written on line `line` of `text` (1-based); the error points at the
/// form itself when it is written as it reads, else at `fallback` (line, column).
fn yaml_case(
    name: &'static str,
    file: &'static str,
    text: String,
    line: usize,
    form: (&str, bool),
    fallback: (usize, usize),
) -> Case {
    let (line, column) = match form {
        (written, true) => (line, text.lines().nth(line - 1).unwrap().find(written).unwrap() + 1),
        (_, false) => fallback,
    };
    Case { name, file, text, line, column }
}

fn front_matter_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for form in YAML_FORMS {
        let url = form.0;
        cases.push(yaml_case(
            "term sources",
            "content/begrippen/statushouder.md",
            format!("---\ntitle: Statushouder\ndefinition: Iemand met een verblijfsvergunning.\nsources:\n  - {{title: Bron, url: \"https://www.pharos.nl/\"}}\n  - {{title: Kwaad, url: \"{url}\"}}\n---\nTekst.\n"),
            6,
            form,
            (4, 1),
        ));
        cases.push(yaml_case(
            "practice source",
            "content/praktijkvoorbeelden/weert.md",
            format!(
                "---\ntitle: Weert\nmunicipality: Weert\nsource: {{title: Verslag, url: \"{url}\"}}\n---\nTekst.\n"
            ),
            4,
            form,
            (4, 9),
        ));
    }
    cases.push(Case {
        name: "term sources as a block",
        file: "content/begrippen/statushouder.md",
        text: "---\ntitle: Statushouder\ndefinition: Iemand.\nsources:\n  - title: Kwaad\n    url: VBScript:msgbox(1)\n---\nTekst.\n".into(),
        line: 6,
        column: 10,
    });
    cases.push(Case {
        name: "tool url",
        file: "content/instrumenten/lijst.md",
        text: "---\ntitle: Lijst\nurl: \"data:text/html,<script>alert(1)</script>\"\n---\nTekst.\n".into(),
        line: 3,
        column: 6,
    });
    cases
}

fn config_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for form in YAML_FORMS {
        let url = form.0;
        cases.push(yaml_case(
            "menu",
            "wegwijs.yaml",
            format!("title: Proef\nlanguage: nl\nmenu:\n  - {{title: Begrippen, url: begrippen/}}\n  - {{title: Kwaad, url: \"{url}\"}}\n"),
            5,
            form,
            (3, 1),
        ));
        // The logo is reported at its key, however it is written.
        cases.push(Case {
            name: "logo",
            file: "wegwijs.yaml",
            text: format!("title: Proef\nlanguage: nl\ntheme: {{logo: \"{url}\", logo_alt: Logo}}\n"),
            line: 3,
            column: 9,
        });
    }
    cases.push(Case {
        name: "menu with slashes",
        file: "wegwijs.yaml",
        text: "title: Proef\nmenu:\n  - {title: Kwaad, url: \"javascript://%0aalert(1)\"}\n".into(),
        line: 3,
        column: 26,
    });
    cases
}

/// The `unsafe-url` diagnostics of `check --format json`, as `file:line:col`.
fn unsafe_urls(f: &Fixture) -> (Option<i32>, Vec<String>, String) {
    let out = f.run(&["check", "--format", "json"]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let found = stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|d| d["code"] == "unsafe-url")
        .map(|d| format!("{}:{}:{}", d["file"].as_str().unwrap_or("?"), d["line"], d["column"]))
        .collect();
    (out.status.code(), found, stdout)
}

/// Builds a clean fixture once, then writes the case, and checks what `check` and `build` do.
fn refuses(case: &Case) {
    let f = Fixture::new();
    let clean = f.run(&["build"]);
    assert!(clean.status.success(), "{}: the clean site builds: {}", case.name, stderr(&clean));
    let public = f.site().join("public");
    let before = snapshot(&public);
    f.write(&format!("site/{}", case.file), &case.text);
    let site_before = snapshot(&f.site().join("content"));

    let (code, found, stdout) = unsafe_urls(&f);
    assert_eq!(code, Some(1), "{}: check fails\n{stdout}", case.name);
    let want = format!("{}:{}:{}", case.file, case.line, case.column);
    assert_eq!(found, vec![want], "{}: one unsafe-url at the link\n{stdout}", case.name);

    let build = f.run(&["build"]);
    assert_eq!(build.status.code(), Some(1), "{}: build fails", case.name);
    let err = stderr(&build);
    assert!(err.contains("error[unsafe-url]"), "{}: {err}", case.name);
    let help = if case.name == "logo" {
        "give the path of an image in static/"
    } else {
        "use a link that starts with https://, or a link to a page in this site"
    };
    assert!(err.contains(help), "{}: {err}", case.name);
    assert_same(&before, &snapshot(&public), case.name);
    assert_same(&site_before, &snapshot(&f.site().join("content")), case.name);
}

#[test]
fn dangerous_links_in_a_page_body_are_refused_where_they_are_written() {
    for case in page_cases() {
        refuses(&case);
    }
}

#[test]
fn dangerous_links_in_front_matter_are_refused_where_they_are_written() {
    for case in front_matter_cases() {
        refuses(&case);
    }
}

#[test]
fn dangerous_links_in_the_config_are_refused_where_they_are_written() {
    for case in config_cases() {
        refuses(&case);
    }
}

/// Every `href` and `src` value in `html`.
fn links_of(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            out.push(&rest[..rest.find('"').unwrap_or(rest.len())]);
        }
    }
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn safe_links_still_build_unchanged() {
    let f = Fixture::new();
    f.write(
        "site/wegwijs.yaml",
        "title: Proef\nlanguage: nl\nmenu:\n  - {title: Begrippen, url: begrippen/}\n  - {title: Pharos, url: \"https://www.pharos.nl/\"}\ntheme: {logo: img/logo.svg, logo_alt: Logo}\n",
    );
    f.write("site/static/img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    f.write(
        "site/content/over.md",
        "---\ntitle: Over\n---\n## Aanpak\n\n[web](https://www.pharos.nl/a?b=1) [post](mailto:info@example.nl) \
         [bellen](tel:+31201234567) [term](begrippen/statushouder.md) [kop](#aanpak) \
         [zoek](?q=1) <https://www.example.nl/> [ref]\n\n[ref]: http://www.example.nl/x\n",
    );
    f.write(
        "site/content/begrippen/statushouder.md",
        "---\ntitle: Statushouder\ndefinition: Iemand.\nsources:\n  - {title: Bron, url: \"https://www.pharos.nl/bron\"}\n  - {title: Mail, url: \"mailto:bron@example.nl\"}\n---\nZie [over](../over.md).\n",
    );
    f.write(
        "site/content/praktijkvoorbeelden/weert.md",
        "---\ntitle: Weert\nmunicipality: Weert\nsource: {title: Verslag, url: \"https://www.weert.nl/verslag\"}\n---\nTekst.\n",
    );
    let out = f.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (code, found, _) = unsafe_urls(&f);
    assert_eq!((code, found), (Some(0), Vec::<String>::new()));

    let public = f.site().join("public");
    let over = read(&public.join("over/index.html"));
    let links = links_of(&over);
    for want in [
        "https://www.pharos.nl/a?b=1",
        "mailto:info@example.nl",
        "tel:+31201234567",
        "../begrippen/statushouder/",
        "#aanpak",
        "?q=1",
        "https://www.example.nl/",
        "http://www.example.nl/x",
        "https://www.pharos.nl/",
    ] {
        assert!(links.contains(&want), "{want} in {links:?}");
    }
    // The logo, under its fingerprinted name (`img/logo.3f9a1c2b7d4e.svg`).
    assert!(links.iter().any(|l| l.starts_with("../img/logo.") && l.ends_with(".svg") && l.len() == 28), "{links:?}");
    let term = read(&public.join("begrippen/statushouder/index.html"));
    assert!(links_of(&term).contains(&"https://www.pharos.nl/bron"));
    assert!(links_of(&term).contains(&"mailto:bron@example.nl"));
    let practice = read(&public.join("praktijkvoorbeelden/weert/index.html"));
    assert!(links_of(&practice).contains(&"https://www.weert.nl/verslag"));
}

#[test]
fn raw_html_never_reaches_the_page_as_html() {
    let f = Fixture::new();
    f.write(
        "site/content/over.md",
        "---\ntitle: Over\n---\n<script>alert(1)</script>\n\nTekst met <img src=x onerror=alert(1)> en \
         <a href=\"javascript:alert(1)\">hier</a>.\n",
    );
    let out = f.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = read(&f.site().join("public/over/index.html"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "{html}");
    for tag in ["<script>alert", "<img src=x", "<a href=\"javascript"] {
        assert!(!html.contains(tag), "{tag} in {html}");
    }
}

#[test]
fn a_page_of_many_open_emphasis_markers_builds() {
    // `*a *a *a …` makes two parser events for every three bytes; the Markdown pass used to
    // hold all of them at once (1.4 GB for 9 MB). It streams them now; this size is enough to
    // show that such a page builds and keeps its text.
    let f = Fixture::new();
    f.write("site/content/over.md", &format!("---\ntitle: Over\n---\n{}\n", "*a ".repeat(200_000)));
    let out = f.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = read(&f.site().join("public/over/index.html"));
    assert_eq!(html.matches("*a ").count(), 200_000 - 1);
}
