//! A municipality's own version in its house style, without copying national files: the home
//! page's intro and highlighted sections from the config, a template that replaces single blocks
//! of the theme's (`theme:page.html`), the footer's links to the pages a government site needs,
//! an NL Design System tokens file (linked, its remote loads and weak contrasts refused), and a
//! logo that is not there. The fixture is tests/sites/house-style; each refusal is a copy of it
//! with one file changed.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{attr_values, build, copy_dir, read, site, stderr, wegwijs};

/// The fixture built once into a temp folder.
fn built() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&site("house-style"), &out, &["--quiet"]);
    (dir, out)
}

/// A copy of the fixture with `changes` (path → new text) written over it.
fn changed(changes: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&site("house-style"), dir.path());
    for (path, text) in changes {
        let file = dir.path().join(path);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, text).unwrap();
    }
    dir
}

/// `wegwijs check` of `root` in `lang`: its exit code and what it printed.
fn check(root: &Path, lang: &str) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        .args(["--lang", lang, "check", "--root", root.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (out.status.code().unwrap(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The report of the diagnostic `code` in a check's output: from its first line to the next
/// blank line after its help.
fn report<'a>(said: &'a str, code: &str) -> &'a str {
    let start = said.find(&format!("[{code}]")).unwrap_or_else(|| panic!("no {code} in:\n{said}"));
    let start = said[..start].rfind('\n').map_or(0, |i| i + 1);
    let rest = &said[start..];
    let end = rest.find("\n\n").map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

fn config_with(from: &str, to: &str) -> String {
    let text = read(site("house-style").join("wegwijs.yaml"));
    assert!(text.contains(from), "the fixture's config has `{from}`");
    text.replacen(from, to, 1)
}

#[test]
fn the_home_page_takes_its_intro_and_sections_from_the_config() {
    let (_dir, out) = built();
    let home = read(out.join("index.html"));
    assert!(home.contains(
        "<div class=\"home-intro\"><p class=\"lead\">Welkom bij de kennisbank van Gemeente Voorbeeld.</p>\
         <p>Hier vindt u voorbeelden uit onze eigen gemeente en de landelijke kennis.</p></div>"
    ));
    assert!(!home.contains("Een kleine kennisbank waarin alles klopt."), "the intro replaces the summary of _index.md");
    let tiles = &home[home.find("class=\"cards tiles\"").unwrap()..];
    let tiles = &tiles[..tiles.find("</ul>").unwrap()];
    assert_eq!(attr_values(tiles, "href"), ["./praktijkvoorbeelden/", "./begrippen/"], "the chosen sections, in order");
}

#[test]
fn the_intro_takes_inline_markdown_with_its_links_checked() {
    let config = config_with(
        "    Hier vindt u voorbeelden uit onze eigen gemeente en de landelijke kennis.\n",
        "    Hier vindt u *onze eigen* voorbeelden en wat een\n    [statushouder](begrippen/statushouder.md) is.\n",
    );
    let dir = changed(&[("wegwijs.yaml", &config)]);
    let out = dir.path().join("public");
    build(dir.path(), &out, &["--quiet"]);
    let home = read(out.join("index.html"));
    assert!(
        home.contains(
            "<p>Hier vindt u <em>onze eigen</em> voorbeelden en wat een \
             <a href=\"./begrippen/statushouder/\">statushouder</a> is.</p></div>"
        ),
        "the link resolved as in the home page's own text: {home}"
    );
    assert!(home.contains("<p class=\"lead\">Welkom bij de kennisbank van Gemeente Voorbeeld.</p>"));
    assert!(!home.contains("gloss-link"), "no glossary tooltips in the welcome");
    // A broken link is an error at the intro in wegwijs.yaml, as in a page.
    let broken = config.replacen("begrippen/statushouder.md", "begrippen/statushouders.md", 1);
    let dir = changed(&[("wegwijs.yaml", &broken)]);
    let (code, said) = check(dir.path(), "nl");
    assert_eq!(code, 1, "{said}");
    let link = report(&said, "broken-link");
    assert!(link.contains("begrippen/statushouders.md"), "{link}");
    assert!(link.contains("--> wegwijs.yaml:6:"), "{link}");
    // A list does not fit in the lead: shown as text, with a warning.
    let list = config_with("    Welkom bij de kennisbank van Gemeente Voorbeeld.\n", "    - Welkom\n    - Hallo\n");
    let dir = changed(&[("wegwijs.yaml", &list)]);
    let (code, said) = check(dir.path(), "en");
    assert_eq!(code, 0, "{said}");
    let warning = report(&said, "intro-not-inline");
    assert!(warning.contains("--> wegwijs.yaml:6:"), "{warning}");
    let out = dir.path().join("public");
    build(dir.path(), &out, &["--quiet"]);
    assert!(read(out.join("index.html")).contains("<p class=\"lead\">- Welkom - Hallo</p>"));
}

/// A page the home page's intro links to is not an orphan: the intro is on the home page.
#[test]
fn a_page_the_intro_links_to_is_no_orphan() {
    let island = "---\ntitle: Eiland\nsummary: Een pagina zonder thema.\n---\n\nTekst.\n";
    let dir = changed(&[("content/artikelen/eiland.md", island)]);
    let (_, said) = check(dir.path(), "en");
    assert!(report(&said, "orphan-page").contains("eiland.md"), "without a link it is an orphan: {said}");
    let config = config_with(
        "    Hier vindt u voorbeelden uit onze eigen gemeente en de landelijke kennis.\n",
        "    Lees eerst [dit artikel](artikelen/eiland.md).\n",
    );
    let dir = changed(&[("content/artikelen/eiland.md", island), ("wegwijs.yaml", &config)]);
    let (code, said) = check(dir.path(), "en");
    assert_eq!(code, 0, "{said}");
    assert!(!said.contains("orphan-page"), "{said}");
}

#[test]
fn a_site_template_replaces_single_blocks_of_the_theme_template() {
    let (_dir, out) = built();
    // templates/index.html extends theme:index.html and empties its `about` block only.
    let home = read(out.join("index.html"));
    assert!(!home.contains("home-about"), "the national introduction is left out");
    assert!(home.contains("id=\"ww-home-kinds\"") && home.contains("class=\"home-search\""), "the rest is the theme's");
    // templates/page.html extends theme:page.html and fills `before_content`; article.html
    // extends page.html, so articles get it too, inside the theme's layout.
    for page in ["artikelen/aan-de-slag/index.html", "over/toegankelijkheid/index.html"] {
        let html = read(out.join(page));
        let note = html.find("<p class=\"local-note\">").unwrap_or_else(|| panic!("the note on {page}"));
        let body = html.find("<div class=\"page-body\">").unwrap();
        let content = html.find("<div class=\"content\">").unwrap();
        assert!(body < note && note < content, "the note is in the theme's block before the text on {page}");
        assert!(html.contains("class=\"page-side\""), "the theme's two columns stay on {page}");
    }
}

#[test]
fn a_site_template_of_the_same_name_still_replaces_the_whole_file() {
    let whole = "{% extends \"base.html\" %}{% block main %}<p>eigen</p>{% endblock main %}";
    let dir = changed(&[("templates/article.html", whole)]);
    let out = dir.path().join("public");
    build(dir.path(), &out, &["--quiet"]);
    let html = read(out.join("artikelen/aan-de-slag/index.html"));
    assert!(html.contains("<p>eigen</p>") && !html.contains("page-side"));
}

#[test]
fn an_error_in_a_block_override_points_at_the_site_file() {
    let dir = changed(&[(
        "templates/page.html",
        "{% extends \"theme:page.html\" %}\n{% block lead %}{{ page.title | nope }}{% endblock lead %}\n",
    )]);
    let (code, said) = check(dir.path(), "en");
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("error[template]") && said.contains("templates/page.html:2"), "{said}");
}

#[test]
fn the_footer_links_to_the_pages_a_government_site_needs() {
    let (_dir, out) = built();
    for (page, root) in [("index.html", "./"), ("begrippen/statushouder/index.html", "../../")] {
        let html = read(out.join(page));
        let nav = &html[html.find("<nav aria-label=\"Over deze website\">").unwrap_or_else(|| panic!("{page}"))..];
        let nav = &nav[..nav.find("</nav>").unwrap()];
        assert_eq!(
            attr_values(nav, "href"),
            [
                format!("{root}over/toegankelijkheid/").as_str(),
                "https://www.voorbeeld.nl/privacyverklaring",
                "mailto:info@example.nl"
            ]
        );
        for label in [">Toegankelijkheidsverklaring<", ">Privacyverklaring<", ">Contact<"] {
            assert!(nav.contains(label), "{label} on {page}");
        }
    }
    // The statement is reached from every page's footer: not an orphan.
    let o = wegwijs(&["check", "--root", site("house-style").to_str().unwrap()]);
    assert!(o.status.success() && !stderr(&o).contains("orphan-page"), "{}", stderr(&o));
}

#[test]
fn the_footer_labels_follow_the_site_language() {
    let dir =
        changed(&[("wegwijs.yaml", &config_with("title: Wegwijs in Voorbeeld\n", "title: Wegwijs\nlanguage: en\n"))]);
    let out = dir.path().join("public");
    build(dir.path(), &out, &["--quiet"]);
    let home = read(out.join("index.html"));
    assert!(home.contains("<nav aria-label=\"About this website\">"));
    assert!(home.contains(">Accessibility statement<") && home.contains(">Privacy statement<"));
}

#[test]
fn a_footer_page_or_home_section_that_does_not_exist_is_an_error_at_its_line() {
    let config =
        config_with("accessibility_statement: over/toegankelijkheid/", "accessibility_statement: toegankelijkheid/")
            .replacen("sections: [praktijkvoorbeelden, begrippen]", "sections: [praktijkvoorbeelden, begripen]", 1);
    let dir = changed(&[("wegwijs.yaml", &config)]);
    let (code, said) = check(dir.path(), "nl");
    assert_eq!(code, 1, "{said}");
    let footer = report(&said, "missing-footer-page");
    assert!(footer.contains("`accessibility_statement` bij `footer` wijst naar `toegankelijkheid/`"), "{footer}");
    assert!(footer.contains("--> wegwijs.yaml:12:28"), "{footer}");
    assert!(footer.contains("wat te doen: maak de pagina (bijvoorbeeld content/toegankelijkheid.md)"), "{footer}");
    let section = report(&said, "unknown-home-section");
    assert!(section.contains("de map `begripen` bij `home: sections` bestaat niet"), "{section}");
    assert!(section.contains("--> wegwijs.yaml:10:35"), "{section}");
    assert!(section.contains("bedoelde u `begrippen`?"), "{section}");
}

#[test]
fn unknown_and_wrong_keys_under_home_and_footer_are_located() {
    let config = config_with("  intro: |", "  intro_text: |")
        .replacen("  contact: mailto:", "  kontakt: mailto:", 1)
        .replacen("  privacy_statement: https://www.voorbeeld.nl/privacyverklaring", "  privacy_statement: [a]", 1);
    let dir = changed(&[("wegwijs.yaml", &config)]);
    let (code, said) = check(dir.path(), "nl");
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("onbekend veld `intro_text` bij `home`\n --> wegwijs.yaml:6:3"), "{said}");
    assert!(said.contains("bedoelde u `intro`?"), "{said}");
    assert!(said.contains("onbekende link `kontakt` bij `footer`\n  --> wegwijs.yaml:14:3"), "{said}");
    assert!(said.contains("bedoelde u `contact`?"), "{said}");
    assert!(said.contains("`privacy_statement` bij `footer` moet een adres zijn"), "{said}");
}

#[test]
fn a_footer_link_that_could_run_script_is_refused() {
    let config = config_with("contact: mailto:info@example.nl", "contact: \"javascript:alert(1)\"");
    let dir = changed(&[("wegwijs.yaml", &config)]);
    let (code, said) = check(dir.path(), "en");
    assert_eq!(code, 1);
    assert!(report(&said, "unsafe-url").contains("--> wegwijs.yaml:14:13"), "{said}");
}

#[test]
fn the_tokens_file_is_linked_before_the_theme_and_its_class_put_on_the_body() {
    let (_dir, out) = built();
    let html = read(out.join("begrippen/statushouder/index.html"));
    // Both under their fingerprinted names (`css/tokens.<hash>.css`).
    let tokens = html.find("<link rel=\"stylesheet\" href=\"../../css/tokens.").expect("the tokens are linked");
    let theme = html.find("<link rel=\"stylesheet\" href=\"../../css/wegwijs.").unwrap();
    assert!(tokens < theme, "the tokens come first, so the theme reads them");
    assert!(html.contains("<body class=\"voorbeeld-theme\" "));
    let href = linked(&html, "css/tokens.");
    assert!(href.len() == "css/tokens.0123456789ab.css".len(), "{href}");
    assert_eq!(read(out.join(href)), read(site("house-style").join("static/css/tokens.css")));
    // The theme's accents (borders, tints) take the municipality's primary colour.
    let theme_css = read(out.join(linked(&html, "css/theme.")));
    assert!(theme_css.contains(
        "--accent: var(--nl-button-primary-background-color, var(--utrecht-button-primary-action-background-color, #1d5c8c));"
    ));
    // Without tokens nothing changes in the head.
    let plain = tempfile::tempdir().unwrap();
    build(&site("clean"), &plain.path().join("p"), &["--quiet"]);
    let html = read(plain.path().join("p/index.html"));
    assert!(html.contains("<link rel=\"canonical\" href=\"/\">\n<link rel=\"stylesheet\" href=\"./css/wegwijs."));
    assert!(html.contains("<body data-root=\"./\""));
    assert_eq!(
        read(plain.path().join("p").join(linked(&html, "css/theme."))),
        "/* Generated from the theme settings in wegwijs.yaml. */\n:root {\n  --accent: #1d5c8c;\n}\n"
    );
}

#[test]
fn a_tokens_file_that_loads_from_another_host_is_refused_with_its_line() {
    let tokens = read(site("house-style").join("static/css/tokens.css"));
    let tokens = format!(
        "@import url(\"https://fonts.example.com/css?family=Huisletter\");\n{tokens}\
         @font-face {{ font-family: Huisletter; src: url(../fonts/huisletter.woff2) format(\"woff2\"), url(//cdn.example.com/h.woff); }}\n"
    );
    let dir = changed(&[("static/css/tokens.css", &tokens)]);
    let (code, said) = check(dir.path(), "nl");
    assert_eq!(code, 1, "{said}");
    let first = report(&said, "remote-in-tokens");
    assert!(
        first.contains(
            "het tokens-bestand laadt `https://fonts.example.com/css?family=Huisletter` van een andere website"
        )
    );
    assert!(first.contains("--> static/css/tokens.css:1:14"), "{first}");
    assert!(first.contains("wat te doen: zet het bestand (zoals een lettertype) in static/"), "{first}");
    assert!(said.contains("`//cdn.example.com/h.woff`") && said.contains("static/css/tokens.css:19:"), "{said}");
    // A font inside the site must be there.
    let missing = report(&said, "missing-token-file");
    assert!(
        missing.contains("`../fonts/huisletter.woff2`")
            && missing.contains("static/fonts/huisletter.woff2 bestaat niet")
    );
    // With the font in static/ and the remote loads gone, it builds.
    let tokens = tokens.replacen("@import url(\"https://fonts.example.com/css?family=Huisletter\");\n", "", 1);
    let tokens = tokens.replacen(", url(//cdn.example.com/h.woff)", "", 1);
    let dir = changed(&[("static/css/tokens.css", &tokens), ("static/fonts/huisletter.woff2", "wOF2")]);
    let (code, said) = check(dir.path(), "nl");
    assert_eq!(code, 0, "{said}");
}

#[test]
fn token_colours_with_too_little_contrast_are_refused() {
    let tokens = read(site("house-style").join("static/css/tokens.css"))
        .replacen("--voorbeeld-color-green-40: #00704a;", "--voorbeeld-color-green-40: #5fb38a;", 1)
        .replacen(
            "--utrecht-page-header-color: var(--voorbeeld-color-white);",
            "--utrecht-page-header-color: #2b4d40;",
            1,
        );
    let dir = changed(&[("static/css/tokens.css", &tokens)]);
    let (code, said) = check(dir.path(), "nl");
    assert_eq!(code, 1, "{said}");
    let reports: Vec<&str> = said.split("\n\n").filter(|r| r.contains("[low-contrast-tokens]")).collect();
    assert_eq!(reports.len(), 3, "link, button and header: {said}");
    let link = reports.iter().find(|r| r.contains("een link op de achtergrond")).unwrap();
    assert!(link.contains("te weinig contrast: 2.5:1 (#5fb38a op #ffffff)"), "{link}");
    assert!(link.contains("--> static/css/tokens.css:11:3"), "{link}");
    let button = reports.iter().find(|r| r.contains("de tekst op een knop")).unwrap();
    assert!(button.contains("(#ffffff op #5fb38a)") && button.contains("tokens.css:14:3"), "{button}");
    let header = reports.iter().find(|r| r.contains("de tekst in de kop")).unwrap();
    assert!(header.contains("(#2b4d40 op #004d33)") && header.contains("tokens.css:16:3"), "{header}");
    // In English too.
    let (_, said) = check(dir.path(), "en");
    assert!(said.contains(
        "a link on the background has too little contrast: 2.5:1 (#5fb38a on #ffffff); WCAG 2.1 AA needs at least 4.5:1"
    ));
}

#[test]
fn hover_and_focus_token_colours_are_checked_too() {
    // A pale hover colour, a focus background as dark as the text, a pale focus outline.
    let tokens = read(site("house-style").join("static/css/tokens.css")).replacen(
        "  --utrecht-link-hover-color: var(--voorbeeld-color-green-60);\n",
        "  --utrecht-link-hover-color: #8fc9ad;\n  --utrecht-focus-background-color: #2b3a33;\n  \
         --utrecht-focus-outline-color: #c8d6cf;\n",
        1,
    );
    let dir = changed(&[("static/css/tokens.css", &tokens)]);
    let (code, said) = check(dir.path(), "nl");
    assert_eq!(code, 1, "{said}");
    let reports: Vec<&str> = said.split("\n\n").filter(|r| r.contains("[low-contrast-tokens]")).collect();
    let find = |what: &str| *reports.iter().find(|r| r.contains(what)).unwrap_or_else(|| panic!("{what}: {said}"));
    let hover = find("een link onder de muis op de achtergrond");
    assert!(hover.contains("(#8fc9ad op #ffffff); WCAG 2.1 AA vraagt minstens 4.5:1"), "{hover}");
    assert!(hover.contains("--> static/css/tokens.css:12:3"), "{hover}");
    let focus = find("de tekst van een link met de focus op de focuskleur");
    assert!(focus.contains("(#14201b op #2b3a33)") && focus.contains("tokens.css:13:3"), "{focus}");
    // An outline is a part of the interface: 3:1 is enough, and the message says so.
    let outline = find("de focusrand op de achtergrond");
    assert!(outline.contains("(#c8d6cf op #ffffff); WCAG 2.1 AA vraagt minstens 3:1"), "{outline}");
    assert!(outline.contains("tokens.css:14:3"), "{outline}");
    // In the header bar the focus colour is the outline: dark on dark green.
    let header = find("de focusrand in de kop van de pagina");
    assert!(header.contains("(#2b3a33 op #004d33)"), "{header}");
    assert_eq!(reports.len(), 4, "{said}");
    // 3:1 passes for an outline where text would need 4.5:1: #949494 on white is 3.0:1.
    let tokens = read(site("house-style").join("static/css/tokens.css")).replacen(
        "  --utrecht-link-hover-color: var(--voorbeeld-color-green-60);\n",
        "  --utrecht-link-hover-color: var(--voorbeeld-color-green-60);\n  --utrecht-focus-outline-color: #949494;\n",
        1,
    );
    let dir = changed(&[("static/css/tokens.css", &tokens)]);
    let (code, said) = check(dir.path(), "en");
    assert_eq!(code, 0, "{said}");
    // Without a hover token, the hover colour is the link's: one report, the link's, not two.
    let tokens = read(site("house-style").join("static/css/tokens.css"))
        .replacen("  --utrecht-link-hover-color: var(--voorbeeld-color-green-60);\n", "", 1)
        .replacen("--voorbeeld-color-green-40: #00704a;", "--voorbeeld-color-green-40: #5fb38a;", 1);
    let dir = changed(&[("static/css/tokens.css", &tokens)]);
    let (_, said) = check(dir.path(), "en");
    assert!(said.contains("a link on the background has too little contrast"), "{said}");
    assert!(!said.contains("under the pointer"), "{said}");
}

#[test]
fn a_token_colour_that_cannot_be_read_is_a_warning() {
    let tokens = read(site("house-style").join("static/css/tokens.css")).replacen(
        "--voorbeeld-color-green-40: #00704a;",
        "--voorbeeld-color-green-40: color-mix(in srgb, green, black);",
        1,
    );
    let dir = changed(&[("static/css/tokens.css", &tokens)]);
    let (code, said) = check(dir.path(), "en");
    assert_eq!(code, 0, "{said}");
    let warning = report(&said, "unknown-token-color");
    assert!(
        warning.starts_with("warning[unknown-token-color]") && warning.contains("`--utrecht-link-color`"),
        "{warning}"
    );
}

#[test]
fn a_bad_tokens_class_is_refused() {
    let dir = changed(&[(
        "wegwijs.yaml",
        &config_with("tokens_class: voorbeeld-theme", "tokens_class: \".voorbeeld-theme\""),
    )]);
    let (code, said) = check(dir.path(), "nl");
    assert_eq!(code, 1);
    assert!(report(&said, "bad-tokens-class").contains("--> wegwijs.yaml:21:3"), "{said}");
}

#[test]
fn a_logo_or_tokens_file_that_does_not_exist_is_an_error_at_its_line() {
    let config = config_with("logo: img/logo.svg", "logo: img/logo.png").replacen(
        "tokens_css: css/tokens.css",
        "tokens_css: static/css/tokens.css",
        1,
    );
    let dir = changed(&[("wegwijs.yaml", &config)]);
    let (code, said) = check(dir.path(), "nl");
    assert_eq!(code, 1, "{said}");
    let logo = report(&said, "missing-theme-file");
    assert!(logo.contains("het bestand `img/logo.png` bij `logo` bestaat niet\n  --> wegwijs.yaml:18:9"), "{logo}");
    assert!(logo.contains("bedoelde u `logo: img/logo.svg`?"), "{logo}");
    // A path written from the site folder instead of from static/: said what to write.
    assert!(
        said.contains("het bestand `static/css/tokens.css` bij `tokens_css` bestaat niet\n  --> wegwijs.yaml:20:15"),
        "{said}"
    );
    assert!(said.contains("bedoelde u `tokens_css: css/tokens.css`?"), "{said}");

    // A tokens file among the content's files is not read for its checks, so it is refused too.
    let config = config_with("tokens_css: css/tokens.css", "tokens_css: tokens/tokens.css");
    let tokens = read(site("house-style").join("static/css/tokens.css"));
    let dir = changed(&[("wegwijs.yaml", &config), ("content/tokens/tokens.css", &tokens)]);
    let (code, said) = check(dir.path(), "en");
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("the file `tokens/tokens.css` named by `tokens_css` does not exist"), "{said}");
}

/// The site path of the stylesheet `html` links whose name starts with `start` (`css/theme.`),
/// whatever fingerprint it carries.
fn linked<'a>(html: &'a str, start: &str) -> &'a str {
    let at = html.find(&format!("/{start}")).map(|i| i + 1).expect(start);
    let rest = &html[at..];
    &rest[..rest.find('"').unwrap()]
}
