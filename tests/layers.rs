//! A local site over a base (`base:`, `exclude:`, `init`, `override`, `check --layers`): the
//! fixture base `tests/sites/layers/base` and its local overlay `tests/sites/layers/local`,
//! and a site made by `wegwijs init` over the base built into the binary.

mod common;
#[path = "search_support/mod.rs"]
#[allow(dead_code)]
mod search_support;

use std::fs;
use std::path::PathBuf;

use common::{broken_links, build, copy_dir, read, site, stderr, tree, wegwijs};

/// The fixture's base and local folders copied into a temporary folder, to change them.
fn copy_fixture() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&site("layers"), tmp.path());
    let (base, local) = (tmp.path().join("base"), tmp.path().join("local"));
    (tmp, base, local)
}

fn built_local() -> (tempfile::TempDir, PathBuf, String) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    // Plain names: the search tests read the index folder by name.
    let output = build(&site("layers/local"), &out, &["--no-fingerprint"]);
    (tmp, out, stderr(&output))
}

#[test]
fn local_pages_are_added_replace_base_pages_and_exclusions_leave_base_pages_out() {
    let (_tmp, out, said) = built_local();
    // Added.
    assert!(out.join("praktijkvoorbeelden/zwolle-spreekuur/index.html").is_file());
    // Replaced: the local text, not the base's.
    let statushouder = read(out.join("begrippen/statushouder/index.html"));
    assert!(statushouder.contains("In Zwolle helpt"), "the local file replaces the base file");
    assert!(!statushouder.contains("woont in een gemeente"));
    // Base pages that are not replaced are there.
    assert!(out.join("begrippen/sleutelpersoon/index.html").is_file());
    assert!(out.join("praktijkvoorbeelden/amsterdam-spreekuur/index.html").is_file());
    // Excluded, and the links of base pages to it are plain text.
    assert!(!out.join("begrippen/tolk").exists());
    let sleutelpersoon = read(out.join("begrippen/sleutelpersoon/index.html"));
    assert!(sleutelpersoon.contains("samen met een tolk of een"), "the link text stays, as text");
    assert!(!sleutelpersoon.contains("tolk/\""), "no link to the excluded page");
    assert!(broken_links(&out, "/").is_empty(), "{:?}", broken_links(&out, "/"));
    // One warning, at `exclude` in the local config, listing every such link.
    assert_eq!(said.matches("warning[links-to-excluded]").count(), 1, "{said}");
    assert!(said.contains("2 link(s) in base pages"), "{said}");
    assert!(said.contains("begrippen/sleutelpersoon.md → begrippen/tolk.md"), "{said}");
    assert!(said.contains("praktijkvoorbeelden/weert-sleutelpersonen.md → begrippen/tolk.md"), "{said}");
    assert!(said.contains("--> wegwijs.yaml:6:1"), "{said}");
    assert_eq!(said.matches("warning[").count(), 1, "nothing else: {said}");
}

#[test]
fn the_base_config_is_merged_with_the_local_one() {
    let (_tmp, out, _) = built_local();
    let home = read(out.join("index.html"));
    // Scalars: the local title and organisation replace the base's.
    assert!(home.contains("<title>Kennisbank Zwolle</title>") || home.contains("Kennisbank Zwolle"), "{home}");
    assert!(home.contains("Gemeente Zwolle"));
    assert!(!home.contains("Landelijk programma"));
    // The menu: the base's entries, then the local ones.
    let begrippen = home.find(">Begrippen</a>").expect("the base menu entry");
    let contact = home.find(">Contact</a>").expect("the local menu entry");
    assert!(begrippen < contact, "local entries come after the base's");
    // The base's home page is the home page (the local layer has none).
    assert!(home.contains("Een kleine landelijke kennisbank"));
}

#[test]
fn a_folder_base_brings_its_templates_static_files_and_strings_and_the_local_site_overrides_them() {
    let (_tmp, out, said) = built_local();
    // Templates: the base's term template (a block override of the theme's) is used for every
    // term, the base's and the local ones; its practice template is replaced by the local one.
    for term in ["begrippen/sleutelpersoon/index.html", "begrippen/statushouder/index.html"] {
        let html = read(out.join(term));
        assert!(html.contains("<p class=\"base-term-note\">Begrip uit de landelijke lijst.</p>"), "{term}");
        assert!(html.contains("class=\"lead definition\""), "the theme's blocks stay: {term}");
    }
    for practice in ["praktijkvoorbeelden/amsterdam-spreekuur/", "praktijkvoorbeelden/zwolle-spreekuur/"] {
        let html = read(out.join(practice).join("index.html"));
        assert!(html.contains("class=\"local-practice-note\""), "{practice}");
        assert!(!html.contains("base-practice-note"), "the local template replaces the base's whole: {practice}");
    }
    // Static files: the base's come along, the local file at the same path replaces the base's.
    assert_eq!(read(out.join("basis.txt")), read(site("layers/base/static/basis.txt")));
    assert_eq!(read(out.join("img/logo.svg")), read(site("layers/local/static/img/logo.svg")));
    // The logo the base's config names is the local file, and no `missing-theme-file`.
    let home = read(out.join("index.html"));
    assert!(home.contains("<img src=\"./img/logo.svg\" alt=\"Logo van Zwolle\" class=\"logo\">"), "{home}");
    // Strings: key by key, the theme's, then the base's, then the local ones.
    let search = read(out.join("zoeken/index.html"));
    assert!(search.contains("Zoek in de kennisbank van de basis."), "the base's string");
    assert!(search.contains("Bladeren in Zwolle"), "the local string over the base's");
    assert!(!search.contains("Bladeren in de basis"));
    assert!(search.contains(">Zoeken</h1>"), "the theme's string where neither has one");
    assert_eq!(said.matches("warning[").count(), 1, "only the exclusion's warning: {said}");
}

#[test]
fn a_problem_in_a_base_theme_file_names_that_file() {
    let (_tmp, base, local) = copy_fixture();
    fs::write(base.join("i18n/nl.yaml"), "search_intro: [niet, goed\n").unwrap();
    let out = wegwijs(&["check", "--root", local.to_str().unwrap()]);
    let said = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("error[bad-strings]"), "{said}");
    assert!(said.contains("../base/i18n/nl.yaml:1:"), "{said}");
    // The local site's own strings file, read over it, is not blamed.
    assert!(!said.contains("--> i18n/nl.yaml"), "{said}");
}

#[test]
fn local_pages_are_marked_filtered_and_listed() {
    let (_tmp, out, _) = built_local();
    let badge = "class=\"badge-local\"";
    assert!(read(out.join("praktijkvoorbeelden/zwolle-spreekuur/index.html")).contains(badge));
    assert!(read(out.join("begrippen/statushouder/index.html")).contains(badge), "a replaced page is local");
    assert!(!read(out.join("praktijkvoorbeelden/amsterdam-spreekuur/index.html")).contains(badge));
    // In lists: the badge on the local card only, and a filter that keeps the local pages.
    let list = read(out.join("praktijkvoorbeelden/index.html"));
    assert_eq!(list.matches(badge).count(), 1, "{list}");
    let zwolle = list.find("zwolle-spreekuur/").unwrap();
    let card_start = list[..zwolle].rfind("<li class=\"card").unwrap();
    assert!(list[card_start..zwolle].contains("origin:lokaal"), "the local card has the local facet");
    assert!(list.contains("data-key=\"origin\""), "the list has the local filter");
    assert!(list.contains("data-value=\"origin:lokaal\""));
    // Their own listing: every local page, and no base page.
    let listing = read(out.join("in-onze-gemeente/index.html"));
    assert!(listing.contains("zwolle-spreekuur/"), "{listing}");
    assert!(listing.contains("begrippen/statushouder/"));
    assert!(!listing.contains("amsterdam-spreekuur/"));
    assert!(!listing.contains("begrippen/sleutelpersoon/\""));
    // The search page offers the local filter, and its results' badge text.
    let search = read(out.join("zoeken/index.html"));
    assert!(search.contains("data-t-origin-lokaal=\"In onze gemeente\""));
    // Without JavaScript, the search page's lists lead to the local listing too.
    let browse = &search[search.find("id=\"ww-search-browse\"").expect("the lists for readers without script")..];
    assert!(browse.contains("href=\"../in-onze-gemeente/\""), "{browse}");
}

#[test]
fn local_pages_rank_above_equally_relevant_base_pages_in_search() {
    let (_tmp, out, _) = built_local();
    let meta = read(out.join("zoeken/index/meta.json"));
    assert!(meta.contains("\"origin\""), "the index has the local facet: {meta}");
    search_support::node_test(&["tests/search/layers.test.js"], &[("WEGWIJS_SEARCH_SITE", &out)]);
}

#[test]
fn a_site_without_a_base_has_no_local_facet() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&site("layers/base"), &out, &["--no-fingerprint"]);
    assert!(!read(out.join("zoeken/index/meta.json")).contains("\"origin\""));
    assert!(!out.join("in-onze-gemeente").exists());
    assert!(!read(out.join("zoeken/index.html")).contains("in-onze-gemeente/"));
    // No page has the badge (the search script, shipped to every site, names its class).
    let pages = tree(&out).into_iter().filter(|(p, _)| p.ends_with(".html"));
    assert!(!pages.into_iter().any(|(_, b)| String::from_utf8_lossy(&b).contains("badge-local\"")));
}

#[test]
fn check_layers_lists_what_is_added_replaced_and_excluded() {
    let local = site("layers/local");
    let out = wegwijs(&["check", "--root", local.to_str().unwrap(), "--layers"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Added (1):\n  praktijkvoorbeelden/zwolle-spreekuur.md\nReplaced (1):\n  begrippen/statushouder.md\n\
         Left out (1):\n  begrippen/tolk.md\n"
    );
}

#[test]
fn a_base_page_that_changed_since_its_override_is_reported() {
    let (_tmp, base, local) = copy_fixture();
    let root = local.to_str().unwrap();
    let rel = "praktijkvoorbeelden/amsterdam-spreekuur.md";
    let out = wegwijs(&["override", "--root", root, rel]);
    assert!(out.status.success(), "{}", stderr(&out));
    let copy = read(local.join("content").join(rel));
    let base_page = base.join("content").join(rel);
    let hash = wegwijs::layers::content_hash(&fs::read(&base_page).unwrap());
    assert!(copy.starts_with(&format!("---\nreplaces: {hash}\ntitle: \"Amsterdam: inloopspreekuur\"\n")), "{copy}");
    // Unchanged base: no warning about it.
    let out = wegwijs(&["check", "--root", root]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("base-changed"), "{}", stderr(&out));
    // Twice is refused, and the copy is kept.
    let again = wegwijs(&["override", "--root", root, rel]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("exists already"), "{}", stderr(&again));
    assert_eq!(read(local.join("content").join(rel)), copy);
    // The base page changes: `check` warns at `replaces`, and says what to write.
    fs::write(&base_page, read(&base_page).replace("elke week", "elke dinsdag")).unwrap();
    let new_hash = wegwijs::layers::content_hash(&fs::read(&base_page).unwrap());
    let out = wegwijs(&["check", "--root", root]);
    let said = stderr(&out);
    assert!(out.status.success(), "a warning: {said}");
    assert!(said.contains(&format!("warning[base-changed]: the base page `{rel}` has changed")), "{said}");
    assert!(said.contains(&format!("--> content/{rel}:2:11")), "{said}");
    assert!(said.contains(&format!("then write `replaces: {new_hash}`")), "{said}");
    // A page the base does not have cannot be copied.
    let out = wegwijs(&["override", "--root", root, "begrippen/onbekend.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("the base has no page `begrippen/onbekend.md`"), "{}", stderr(&out));
}

#[test]
fn problems_in_base_files_never_fail_the_local_build() {
    let (_tmp, base, local) = copy_fixture();
    // Instead of `exclude`, a local draft over the base page: the base pages linking to it
    // would have `link-to-draft` errors.
    let config = local.join("wegwijs.yaml");
    fs::write(&config, read(&config).replace("exclude:\n  - begrippen/tolk.md\n", "")).unwrap();
    fs::write(
        local.join("content/begrippen/tolk.md"),
        "---\ntitle: Tolk\ndefinition: Nog niet af.\ndraft: true\n---\nTekst.\n",
    )
    .unwrap();
    // And an error of the base's own: a broken link.
    let weert = base.join("content/praktijkvoorbeelden/weert-sleutelpersonen.md");
    fs::write(&weert, format!("{}\nZie ook [de kaart](kaart.md).\n", read(&weert))).unwrap();
    let out_dir = local.join("../public");
    let output = build(&local, &out_dir, &[]);
    let said = stderr(&output);
    assert!(!said.contains("error"), "{said}");
    // The links of the base pages to the draft are plain text, listed in the one warning.
    assert!(said.contains("begrippen/sleutelpersoon.md → begrippen/tolk.md"), "{said}");
    assert!(!read(out_dir.join("begrippen/sleutelpersoon/index.html")).contains("tolk/\""));
    // The base's own error is a warning, at its place in the base.
    assert!(said.contains("warning[broken-link]"), "{said}");
    assert!(said.contains("--> ../base/content/praktijkvoorbeelden/weert-sleutelpersonen.md:"), "{said}");
    // A local page's own link to a page left out is the municipality's to fix: an error there.
    fs::write(
        local.join("content/praktijkvoorbeelden/zwolle-tolk.md"),
        "---\ntitle: Zwolle en de tolk\nsummary: Over tolken.\n---\nZie [de tolk](../begrippen/tolk.md).\n",
    )
    .unwrap();
    fs::write(&config, format!("{}exclude: [begrippen/tolk.md, begrippen/tolken.md]\n", read(&config))).unwrap();
    let out = wegwijs(&["check", "--root", local.to_str().unwrap()]);
    assert!(
        stderr(&out)
            .contains("warning[exclude-matches-nothing]: `begrippen/tolken.md` under `exclude` matches no page"),
        "{}",
        stderr(&out)
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error[link-to-excluded]"), "{}", stderr(&out));
    assert!(stderr(&out).contains("content/praktijkvoorbeelden/zwolle-tolk.md:5:"), "{}", stderr(&out));
}

#[test]
fn init_makes_a_site_that_builds_from_the_builtin_base_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("zwolle");
    let out = wegwijs(&["init", dir.to_str().unwrap(), "--name", "Gemeente Zwolle"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for f in ["wegwijs.yaml", "README.md", "content/praktijkvoorbeelden/voorbeeld-uit-onze-gemeente.md"] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    assert!(dir.join("static").is_dir());
    let config = read(dir.join("wegwijs.yaml"));
    assert!(config.contains("base: builtin\n") && config.contains("organisation: \"Gemeente Zwolle\""), "{config}");
    // Nothing but the init'd folder is on disk: the base comes from the binary. Clean: no
    // warnings either.
    let check = wegwijs(&["check", "--root", dir.to_str().unwrap(), "--deny-warnings"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let public = tmp.path().join("public");
    let said = stderr(&build(&dir, &public, &[]));
    // Dutch term pages only: not `_index.md`, nor translations such as `statushouder.en.md`.
    let terms = fs::read_dir(site("../../content/begrippen"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name().into_string().unwrap();
            name != "_index.md" && name.matches('.').count() == 1
        })
        .count();
    assert!(said.contains(&format!("({terms} terms, ")), "every term of the built-in base: {said}");
    let example = read(public.join("praktijkvoorbeelden/voorbeeld-uit-onze-gemeente/index.html"));
    assert!(example.contains("class=\"badge-local\""));
    assert!(read(public.join("index.html")).contains("Gemeente Zwolle"));
    assert!(broken_links(&public, "/").is_empty(), "{:?}", broken_links(&public, "/"));
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("notities.txt"), "van mij").unwrap();
    let before = tree(tmp.path());
    let out = common::run_in("nl", &["init", tmp.path().to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("is niet leeg"), "{}", out.stderr);
    assert!(out.stderr.contains("wat te doen:"), "{}", out.stderr);
    assert_eq!(tree(tmp.path()), before, "nothing touched");
}

#[test]
fn the_builtin_base_is_named_as_the_base_in_messages() {
    // A local page at the path of a built-in base page, with a `replaces` of another text.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    assert!(wegwijs(&["init", dir.to_str().unwrap()]).status.success());
    let page = dir.join("content/begrippen/statushouder.md");
    fs::create_dir_all(page.parent().unwrap()).unwrap();
    fs::write(&page, "---\nreplaces: 0000000000000000\ntitle: Statushouder\ndefinition: Lokaal.\n---\nTekst.\n")
        .unwrap();
    let out = wegwijs(&["check", "--root", dir.to_str().unwrap()]);
    assert!(stderr(&out).contains("warning[base-changed]"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--> content/begrippen/statushouder.md:2:11"), "{}", stderr(&out));
    // A base file's problem is named by its place in the base: `(basis)/…`.
    let page = dir.join("content/begrippen/sleutelpersoon.md");
    fs::write(&page, "---\ntitle: Sleutelpersoon\ndefinition: Nog niet af.\ndraft: true\n---\nTekst.\n").unwrap();
    let out = wegwijs(&["check", "--root", dir.to_str().unwrap()]);
    assert!(stderr(&out).contains("(basis)/begrippen/"), "{}", stderr(&out));
}
