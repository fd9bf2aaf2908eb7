//! Words in another language (`[salaam]{lang=ar}`), glossary links, the unlinked-term warning
//! and the markup of task lists, on small whole sites built by the binary.

use std::path::Path;

mod common;

use common::{build, read, temp_site, wegwijs};

/// Builds `files` and gives the `<main>` part of the page at `page` (a site path).
fn built(files: &[(&str, &str)], page: &str) -> String {
    let (dir, root) = temp_site(files);
    let out = dir.path().join("public");
    build(&root, &out, &["--quiet"]);
    main_of(&out, page)
}

fn main_of(out: &Path, page: &str) -> String {
    let html = read(out.join(page).join("index.html"));
    let start = html.find("<main").expect("a main element");
    let end = html.find("</main>").expect("a main end");
    html[start..end].to_string()
}

const TERM: &str = "---\ntitle: Statushouder\ndefinition: Iemand met een verblijfsvergunning.\naliases: [vergunninghouder]\n---\n\nOver de statushouder zelf.\n";
const TOLK: &str = "---\ntitle: Tolk\ndefinition: Iemand die \"vertaalt\" <tussen> talen.\n---\n\nDe tolk.\n";

fn article(body: &str) -> String {
    format!("---\ntitle: Artikel\nsummary: Een artikel.\n---\n\n{body}\n")
}

#[test]
fn a_phrase_in_another_language_gets_its_lang() {
    let main = built(
        &[(
            "content/artikelen/a.md",
            &article(
                "Zeg [salaam aleikum]{lang=ar} of [*good morning*]{lang=en-GB}, dan [dit] en [x](https://example.nl/){.c}.\n\n## Over [inshallah]{lang=ar}\n\n`[code]{lang=ar}`",
            ),
        )],
        "artikelen/a/",
    );
    assert!(main.contains("Zeg <span lang=\"ar\">salaam aleikum</span> of"), "{main}");
    assert!(main.contains("<span lang=\"en-GB\"><em>good morning</em></span>, dan [dit] en"), "{main}");
    assert!(main.contains("{.c}"), "other braces stay text: {main}");
    assert!(main.contains("<h2 id=\"over-inshallah\">Over <span lang=\"ar\">inshallah</span></h2>"), "{main}");
    assert!(main.contains("<code>[code]{lang=ar}</code>"), "code stays as written: {main}");
    assert_eq!(main.matches("{lang").count(), 1, "only in the code: {main}");
}

#[test]
fn a_phrase_with_a_wrong_language_code_is_an_error_at_the_code() {
    let (_dir, root) =
        temp_site(&[("content/artikelen/a.md", &article("Eerst\n[salaam]{lang=arabisch} en [x]{lang=}."))]);
    let out = wegwijs(&["check", "--root", root.to_str().unwrap()]);
    let stderr = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[bad-phrase-language]: `arabisch` is not a language code"), "{stderr}");
    assert!(stderr.contains("content/artikelen/a.md:7:15"), "{stderr}");
    assert!(stderr.contains("error[bad-phrase-language]: `` is not a language code"), "{stderr}");
    assert!(stderr.contains("content/artikelen/a.md:7:37"), "{stderr}");
}

#[test]
fn the_first_mention_of_a_term_links_to_it_with_its_definition() {
    let main = built(
        &[
            ("content/begrippen/statushouder.md", TERM),
            ("content/begrippen/tolk.md", TOLK),
            (
                "content/artikelen/a.md",
                &article(
                    "## De statushouder\n\nEen Statushouder en nog een statushouder. Statushouderschap niet.\n\nDe TOLKEN, [tolk](../begrippen/tolk.md) en `tolk`.",
                ),
            ),
        ],
        "artikelen/a/",
    );
    let link = "<span class=\"gloss\"><a class=\"gloss-link\" href=\"../../begrippen/statushouder/\" aria-describedby=\"ww-gloss-statushouder\">Statushouder</a><span class=\"gloss-tip\" role=\"tooltip\" id=\"ww-gloss-statushouder\">Iemand met een verblijfsvergunning.</span></span>";
    assert!(
        main.contains(&format!("<p>Een {link} en nog een statushouder.")),
        "first mention, not in the heading: {main}"
    );
    assert_eq!(main.matches("gloss-link").count(), 2, "{main}");
    assert!(main.contains("<h2 id=\"de-statushouder\">De statushouder</h2>"), "{main}");
    assert!(
        main.contains(">TOLKEN</a><span class=\"gloss-tip\" role=\"tooltip\" id=\"ww-gloss-tolk\">Iemand die &quot;vertaalt&quot; &lt;tussen&gt; talen.</span>"),
        "a Dutch plural, in capitals, the definition escaped: {main}"
    );
    assert!(!main.contains("title="), "no title attribute: {main}");
}

#[test]
fn glossary_links_keep_out_of_links_code_and_the_terms_own_page() {
    let files = [
        ("content/begrippen/statushouder.md", TERM),
        ("content/begrippen/tolk.md", TOLK),
        (
            "content/artikelen/a.md",
            "---\ntitle: Artikel\nsummary: Een artikel.\n---\n\n[Een tolk](https://example.nl/) en `statushouder`:\n\n```\nstatushouder\n```\n\n| tolk |\n|---|\n| een tolk |\n\n![statushouder](foto.png)\n",
        ),
    ];
    let (dir, root) = temp_site(&files);
    std::fs::write(root.join("content/artikelen/foto.png"), b"png").unwrap();
    let out = dir.path().join("public");
    build(&root, &out, &["--quiet"]);
    let a = main_of(&out, "artikelen/a/");
    assert_eq!(a.matches("gloss-link").count(), 1, "only the tolk in the table's body: {a}");
    assert!(a.contains("<td>een <span class=\"gloss\"><a class=\"gloss-link\" href=\"../../begrippen/tolk/\""), "{a}");
    let own = main_of(&out, "begrippen/statushouder/");
    assert!(!own.contains("ww-gloss-statushouder"), "not on its own page: {own}");
    assert!(!own.contains("gloss-link"), "{own}");
}

#[test]
fn aliases_link_and_a_link_by_hand_counts_as_the_mention() {
    let main = built(
        &[
            ("content/begrippen/statushouder.md", TERM),
            ("content/begrippen/tolk.md", TOLK),
            (
                "content/artikelen/a.md",
                &article("Een [tolk](../begrippen/tolk.md), een tolk.\n\nDe vergunninghouders, de statushouder."),
            ),
        ],
        "artikelen/a/",
    );
    assert!(!main.contains("ww-gloss-tolk"), "linked by hand first: {main}");
    assert!(
        main.contains("aria-describedby=\"ww-gloss-statushouder\">vergunninghouders</a>"),
        "the alias, plural: {main}"
    );
    assert_eq!(main.matches("gloss-link").count(), 1, "{main}");
}

#[test]
fn glossary_links_turn_off_per_page_and_per_site() {
    let off = "---\ntitle: Uit\nsummary: Zonder links.\nglossary_links: false\n---\n\nEen statushouder.\n";
    let on = article("Een statushouder.");
    let files = [
        ("content/begrippen/statushouder.md", TERM),
        ("content/artikelen/uit.md", off),
        ("content/artikelen/a.md", on.as_str()),
    ];
    let (dir, root) = temp_site(&files);
    let out = dir.path().join("public");
    build(&root, &out, &["--quiet"]);
    assert!(!main_of(&out, "artikelen/uit/").contains("gloss-link"));
    assert!(main_of(&out, "artikelen/a/").contains("gloss-link"));
    std::fs::write(root.join("wegwijs.yaml"), "glossary_links: false\n").unwrap();
    build(&root, &out, &["--quiet"]);
    assert!(!main_of(&out, "artikelen/a/").contains("gloss-link"));
}

#[test]
fn a_term_no_page_links_to_is_a_warning() {
    let (_dir, root) = temp_site(&[
        ("content/begrippen/statushouder.md", TERM),
        ("content/begrippen/tolk.md", TOLK),
        (
            "content/begrippen/sleutelpersoon.md",
            "---\ntitle: Sleutelpersoon\ndefinition: Iemand.\nrelated: [tolk]\n---\n\nTekst.\n",
        ),
        ("content/artikelen/a.md", &article("De vergunninghouder.")),
    ]);
    let out = wegwijs(&["check", "--root", root.to_str().unwrap()]);
    let stderr = common::stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr.matches("warning[unlinked-term]").count(), 1, "{stderr}");
    assert!(stderr.contains("warning[unlinked-term]: no other page links to the term `Sleutelpersoon`"), "{stderr}");
    assert!(stderr.contains("content/begrippen/sleutelpersoon.md:2:8"), "{stderr}");
    // Without glossary links only the links by hand and `related` count.
    std::fs::write(root.join("wegwijs.yaml"), "glossary_links: false\n").unwrap();
    let stderr = common::stderr(&wegwijs(&["check", "--root", root.to_str().unwrap()]));
    assert_eq!(stderr.matches("warning[unlinked-term]").count(), 2, "{stderr}");
    // A term with a theme is listed on the theme's page.
    let themed =
        "---\ntitle: Sleutelpersoon\ndefinition: Iemand.\nrelated: [tolk]\nthemes: [Gezondheid]\n---\n\nTekst.\n";
    std::fs::write(root.join("content/begrippen/sleutelpersoon.md"), themed).unwrap();
    let stderr = common::stderr(&wegwijs(&["check", "--root", root.to_str().unwrap()]));
    assert_eq!(stderr.matches("warning[unlinked-term]").count(), 1, "{stderr}");
    assert!(stderr.contains("the term `Statushouder`"), "{stderr}");
}

#[test]
fn a_task_list_has_no_form_controls() {
    let main = built(&[("content/artikelen/a.md", &article("- [x] Gebeld\n- [ ] Brief sturen"))], "artikelen/a/");
    assert!(!main.contains("<input"), "{main}");
    assert!(
        main.contains("<li><span class=\"task-mark task-done\" aria-hidden=\"true\"></span><span class=\"visually-hidden\">gedaan: </span>Gebeld</li>"),
        "{main}"
    );
    assert!(
        main.contains("<li><span class=\"task-mark\" aria-hidden=\"true\"></span><span class=\"visually-hidden\">nog te doen: </span>Brief sturen</li>"),
        "{main}"
    );
}
