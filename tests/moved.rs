//! Moved pages (`moved_from:`): the fixture tests/sites/moved lists old addresses on two pages.
//! The build must write a page at each old address that leads on to the new one, and the same
//! redirects for nginx, Apache and as a plain list under `base_url`'s path; the old addresses
//! stay out of the sitemap and the search. `check` must refuse, at the entry, an old address
//! that is no path, that a page or a generated page has, or that is listed twice.

mod common;

use std::fs;

use common::*;

/// The old addresses of the fixture: (redirect file, new site path, new page's title).
const MOVED: [(&str, &str, &str); 4] = [
    ("starten/index.html", "artikelen/aan-de-slag/", "Aan de slag"),
    ("artikelen/beginnen/index.html", "artikelen/aan-de-slag/", "Aan de slag"),
    ("begrippen/vergunninghouder/index.html", "begrippen/statushouder/", "Statushouder"),
    ("oude-site/statushouders.html", "begrippen/statushouder/", "Statushouder"),
];

fn built(extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&site("moved"), &out, extra);
    (dir, out)
}

/// `link` resolved against the folder of the file at `from` (a path in the output).
fn resolve(from: &str, link: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in link.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[test]
fn each_old_address_gets_a_page_that_leads_on() {
    let (_dir, out) = built(&[]);
    for (file, to, title) in MOVED {
        let html = read(out.join(file));
        let refresh = html.split("<meta http-equiv=\"refresh\" content=\"0; url=").nth(1).expect(file);
        let target = &refresh[..refresh.find('"').unwrap()];
        assert_eq!(resolve(file, target), to, "{file}: the refresh goes to the new page");
        assert!(out.join(to).join("index.html").is_file());
        assert!(
            html.contains(&format!(r#"<link rel="canonical" href="https://www.example.nl/kennisbank/{to}">"#)),
            "{html}"
        );
        assert!(html.contains(r#"<meta name="robots" content="noindex">"#), "{file}");
        let visible = format!(r#"Deze pagina is verhuisd naar <a href="{target}">{title}</a>."#);
        assert!(html.contains(&visible), "{file}: {html}");
        assert!(!html.contains("<script"), "{file} works without JavaScript");
    }
}

#[test]
fn servers_get_the_same_redirects_under_the_base_path() {
    let (_dir, out) = built(&[]);
    let lines = |name: &str| -> Vec<String> {
        read(out.join(name)).lines().filter(|l| !l.starts_with('#')).map(String::from).collect()
    };
    assert_eq!(
        lines("_redirects"),
        [
            "/kennisbank/starten/ /kennisbank/artikelen/aan-de-slag/ 301",
            "/kennisbank/artikelen/beginnen/ /kennisbank/artikelen/aan-de-slag/ 301",
            "/kennisbank/begrippen/vergunninghouder/ /kennisbank/begrippen/statushouder/ 301",
            "/kennisbank/oude-site/statushouders.html /kennisbank/begrippen/statushouder/ 301",
        ]
    );
    let nginx = lines("_redirects.nginx.conf");
    for line in [
        "location = /kennisbank/starten/ { return 301 /kennisbank/artikelen/aan-de-slag/; }",
        "location = /kennisbank/starten { return 301 /kennisbank/artikelen/aan-de-slag/; }",
        "location = /kennisbank/oude-site/statushouders.html { return 301 /kennisbank/begrippen/statushouder/; }",
    ] {
        assert!(nginx.iter().any(|l| l == line), "{line} in {nginx:#?}");
    }
    assert_eq!(nginx.len(), 7);
    assert_eq!(
        lines("_redirects.htaccess"),
        [
            r#"RedirectMatch 301 "^/kennisbank/starten/?$" "/kennisbank/artikelen/aan-de-slag/""#,
            r#"RedirectMatch 301 "^/kennisbank/artikelen/beginnen/?$" "/kennisbank/artikelen/aan-de-slag/""#,
            r#"RedirectMatch 301 "^/kennisbank/begrippen/vergunninghouder/?$" "/kennisbank/begrippen/statushouder/""#,
            r#"RedirectMatch 301 "^/kennisbank/oude-site/statushouders\.html$" "/kennisbank/begrippen/statushouder/""#,
        ]
    );
}

/// The fixture copied, with `moved_from` in the `_index.md` of its tools section.
fn with_moved_section(moved_from: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&site("moved"), dir.path());
    let index = "---\ntitle: \"Instrumenten\"\nsummary: \"Hulpmiddelen voor professionals.\"\n";
    fs::write(dir.path().join("content/instrumenten/_index.md"), format!("{index}moved_from: {moved_from}\n---\n"))
        .unwrap();
    dir
}

/// A section moves as a whole: its old address and the address of every page below it lead
/// to the new ones, in the redirect pages and in the servers' redirects.
#[test]
fn a_section_moves_with_every_page_below_it() {
    let dir = with_moved_section("[/hulpmiddelen/]");
    let out = dir.path().join("public");
    let run = build(dir.path(), &out, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    for (file, to, title) in [
        ("hulpmiddelen/index.html", "instrumenten/", "Instrumenten"),
        (
            "hulpmiddelen/checklist-diversiteit/index.html",
            "instrumenten/checklist-diversiteit/",
            "Checklist diversiteit",
        ),
    ] {
        let html = read(out.join(file));
        let refresh = html.split("<meta http-equiv=\"refresh\" content=\"0; url=").nth(1).expect(file);
        let target = &refresh[..refresh.find('"').unwrap()];
        assert_eq!(resolve(file, target), to, "{file}");
        assert!(html.contains(&format!(r#"verhuisd naar <a href="{target}">{title}</a>."#)), "{file}: {html}");
    }
    let list = read(out.join("_redirects"));
    for line in [
        "/kennisbank/hulpmiddelen/ /kennisbank/instrumenten/ 301",
        "/kennisbank/hulpmiddelen/checklist-diversiteit/ /kennisbank/instrumenten/checklist-diversiteit/ 301",
    ] {
        assert!(list.lines().any(|l| l == line), "{line} in {list}");
    }
    // An address below the old one where a page lives now is refused, at the section's entry.
    let dir = with_moved_section("[/begrippen/]");
    let found = wegwijs(&["check", "--root", dir.path().to_str().unwrap(), "--format", "json"]);
    let said = String::from_utf8(found.stdout).unwrap();
    assert_eq!(found.status.code(), Some(1), "{said}");
    let taken: Vec<serde_json::Value> = said
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["code"] == "moved-from-taken")
        .collect();
    assert!(!taken.is_empty(), "{said}");
    for v in &taken {
        assert_eq!((v["file"].as_str(), v["line"].as_u64()), (Some("content/instrumenten/_index.md"), Some(4)), "{v}");
    }
}

/// A site's own `.htaccess` with the markers: lines of its own around them, and old lines
/// between them that the build must replace.
const HTACCESS: &str = "Options -Indexes\n\
    # Eigen regel boven.\n\
    <IfModule mod_alias.c>\n    \
    # BEGIN wegwijs redirects\n\
    RedirectMatch 301 \"^/kennisbank/weg/?$\" \"/kennisbank/\"\n    \
    # END wegwijs redirects\n\
    </IfModule>\n\
    # Eigen regel onder.\n";

/// `root` with `text` as its `static/.htaccess`.
fn with_htaccess(root: &std::path::Path, text: &str) {
    fs::create_dir_all(root.join("static")).unwrap();
    fs::write(root.join("static/.htaccess"), text).unwrap();
}

#[test]
fn a_site_s_htaccess_gets_the_apache_redirects_between_its_markers() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&site("moved"), &root);
    with_htaccess(&root, HTACCESS);
    let out = dir.path().join("public");
    let built = build(&root, &out, &[]);
    assert!(!stderr(&built).contains("warning"), "{}", stderr(&built));
    let redirects: String = read(out.join("_redirects.htaccess"))
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(redirects.lines().count(), 4);
    let expected = HTACCESS.replace("RedirectMatch 301 \"^/kennisbank/weg/?$\" \"/kennisbank/\"\n", &redirects);
    assert_eq!(read(out.join(".htaccess")), expected);
    // The site's own file is never changed, and a rebuild fills it in again.
    assert_eq!(read(root.join("static/.htaccess")), HTACCESS);
    build(&root, &out, &[]);
    assert_eq!(read(out.join(".htaccess")), expected);

    // A site where nothing moved: the markers stay, with nothing between them.
    let clean = dir.path().join("clean");
    copy_dir(&site("clean"), &clean);
    with_htaccess(&clean, HTACCESS);
    let out = dir.path().join("clean-public");
    build(&clean, &out, &[]);
    assert_eq!(
        read(out.join(".htaccess")),
        HTACCESS.replace("RedirectMatch 301 \"^/kennisbank/weg/?$\" \"/kennisbank/\"\n", "")
    );
}

#[test]
fn an_htaccess_without_markers_is_published_as_it_is_and_misplaced_markers_are_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&site("moved"), &root);
    let own = "Options -Indexes\n# Geen markeringen: zo gepubliceerd.\n";
    with_htaccess(&root, own);
    let out = dir.path().join("public");
    build(&root, &out, &[]);
    assert_eq!(read(out.join(".htaccess")), own);

    let misplaced = "Options -Indexes\n# END wegwijs redirects\n# BEGIN wegwijs redirects\n";
    with_htaccess(&root, misplaced);
    let built = build(&root, &out, &[]);
    assert!(built.status.success());
    let said = stderr(&built);
    assert!(said.contains("warning[htaccess-markers]"), "{said}");
    assert!(said.contains("static/.htaccess:2:1"), "{said}");
    assert!(said.contains("`# END wegwijs redirects`"), "{said}");
    assert_eq!(read(out.join(".htaccess")), misplaced, "published as it is");
}

#[test]
fn a_site_without_moved_pages_still_has_the_files_a_server_includes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&site("clean"), &out, &[]);
    for name in ["_redirects", "_redirects.nginx.conf", "_redirects.htaccess"] {
        let text = read(out.join(name));
        assert!(text.lines().all(|l| l.starts_with('#')), "{name}: {text}");
    }
}

#[test]
fn old_addresses_are_not_in_the_sitemap_search_or_lists() {
    let (_dir, out) = built(&[]);
    let sitemap = read(out.join("sitemap.xml"));
    assert!(sitemap.contains("/kennisbank/begrippen/statushouder/"));
    let mut index = String::new();
    // The index folder carries a fingerprint: `zoeken/index.<hash>/`.
    let folder = fs::read_dir(out.join("zoeken"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir() && p.file_name().unwrap().to_str().unwrap().starts_with("index"))
        .expect("an index folder");
    for entry in fs::read_dir(folder.join("d")).unwrap() {
        index.push_str(&read(entry.unwrap().path()));
    }
    assert!(index.contains("begrippen/statushouder/"));
    let lists = read(out.join("begrippen/index.html")) + &read(out.join("index.html"));
    for old in ["starten", "beginnen", "vergunninghouder", "oude-site"] {
        assert!(!sitemap.contains(old), "{old} in the sitemap");
        assert!(!index.contains(old), "{old} in the search index");
        assert!(!lists.contains(&format!("{old}/")), "{old} in a list");
    }
    let built = String::from_utf8(
        wegwijs(&["build", "--root", site("moved").to_str().unwrap(), "--output", out.to_str().unwrap()]).stderr,
    )
    .unwrap();
    assert!(built.contains("6 pages") && built.contains("and 14 list pages"), "redirects are no pages: {built}");
}

/// The fixture with `lines` added below the title (line 2) in the front matter of `begrippen/sleutelpersoon.md`, checked;
/// gives the diagnostics of `check --format json` as (code, file, line).
fn check_with(lines: &str) -> Vec<(String, String, u64)> {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&site("moved"), dir.path());
    let file = dir.path().join("content/begrippen/sleutelpersoon.md");
    let text = read(&file).replacen("title: Sleutelpersoon\n", &format!("title: Sleutelpersoon\n{lines}"), 1);
    fs::write(&file, text).unwrap();
    let out = wegwijs(&["check", "--root", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "check fails");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["type"] == "diagnostic")
        .map(|v| {
            assert_eq!(v["severity"], "error");
            (
                v["code"].as_str().unwrap().into(),
                v["file"].as_str().unwrap_or("").into(),
                v["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

const AT: &str = "content/begrippen/sleutelpersoon.md";

#[test]
fn an_old_address_of_a_live_page_is_refused() {
    // Written in three ways: slashes do not count.
    for written in ["/begrippen/statushouder/", "begrippen/statushouder", "begrippen/statushouder/index.html"] {
        let found = check_with(&format!("moved_from:\n  - {written}\n"));
        assert_eq!(found, [("moved-from-taken".into(), AT.into(), 4)], "{written}");
    }
    // A section is a live page too.
    assert_eq!(check_with("moved_from: [/begrippen]\n"), [("moved-from-taken".into(), AT.into(), 3)]);
}

#[test]
fn an_old_address_of_a_generated_page_is_refused() {
    for written in ["zoeken", "/gemeenten/", "/themas/gezondheid/"] {
        let found = check_with(&format!("moved_from: [{written}]\n"));
        assert_eq!(found, [("moved-from-taken".into(), AT.into(), 3)], "{written}");
    }
}

#[test]
fn an_old_address_listed_twice_is_refused() {
    // Another page's (aan-de-slag.md lists /starten).
    assert_eq!(check_with("moved_from: [starten/]\n"), [("moved-from-twice".into(), AT.into(), 3)]);
    // The same page's, at the second entry.
    assert_eq!(check_with("moved_from:\n  - /oud/\n  - oud\n"), [("moved-from-twice".into(), AT.into(), 5)]);
}

#[test]
fn an_old_address_that_is_no_path_here_is_refused() {
    for written in ["https://oud.example.nl/x/", "\"/a b/\"", "/", "/a/../b/", "\"/a?b\""] {
        let found = check_with(&format!("moved_from:\n  - {written}\n"));
        assert_eq!(found, [("bad-moved-from".into(), AT.into(), 4)], "{written}");
    }
}

#[test]
fn a_dutch_name_of_the_key_is_suggested() {
    let found = check_with("verhuisd_van: [/oud/]\n");
    assert_eq!(found, [("unknown-key".into(), AT.into(), 3)]);
}
