//! Inputs: nothing from outside the site is ever published, and `check` predicts `build`.
//!
//! A link in the site's folders (content, `static/`, `templates/`, `i18n/`, the theme) that
//! leads outside the site, or nowhere, is an error from `check` and `build` alike, naming the
//! link and its target; after a refused build every file of the site and of the previous output
//! is byte-identical. Links inside the site are followed. Pipes are left out with a warning and
//! never opened. Values and folders in other scripts get pages and working links; names with no
//! letter at all are errors where they are written.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common;
use crate::support::{Fixture, assert_same, snapshot, stderr};

/// What the files outside the site contain: it must never show up in an output.
const SECRET: &str = "GEHEIM-4f1c9e";

/// A fixture that has been built once, so that there is a previous output to keep.
fn built() -> Fixture {
    let f = Fixture::new();
    let o = f.run(&["build"]);
    assert!(o.status.success(), "the clean fixture builds:\n{}", stderr(&o));
    assert!(f.site().join("public/index.html").is_file());
    f
}

/// `check` and `build` both exit 1 and name every one of `needles`; afterwards everything in
/// the temporary folder (the site, its previous output, the files outside it) is unchanged.
fn assert_refused(f: &Fixture, needles: &[&str]) {
    let before = snapshot(f.root());
    for command in ["check", "build"] {
        let o = f.run(&[command]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "`{command}` refuses the site:\n{err}");
        for needle in needles {
            assert!(err.contains(needle), "`{command}` names `{needle}`:\n{err}");
        }
        assert!(!err.contains(".wegwijs-new"), "`{command}` names the source, not the staging folder:\n{err}");
    }
    assert_same(&before, &snapshot(f.root()), "after the refused build");
    assert_no_secret(&f.site().join("public"));
}

/// No file of the output contains the secret.
fn assert_no_secret(out: &Path) {
    for (path, bytes) in common::tree(out) {
        assert!(!String::from_utf8_lossy(&bytes).contains(SECRET), "{path} contains the secret");
    }
}

/// The canonical form of a path in the temporary folder, as messages show link targets.
fn real(p: &Path) -> String {
    fs::canonicalize(p).unwrap().display().to_string()
}

#[test]
fn a_link_in_content_to_etc_passwd_is_refused() {
    let f = built();
    symlink("/etc/passwd", f.site().join("content/wachtwoorden.txt")).unwrap();
    assert_refused(
        &f,
        &["symlink-outside-site", "content/wachtwoorden.txt", "`/etc/passwd`", "copy the file into the site instead"],
    );
}

#[test]
fn a_linked_page_outside_the_site_is_refused() {
    let f = built();
    let outside = f.write("elders/geheim.md", &format!("---\ntitle: Geheim\ndefinition: {SECRET}.\n---\n{SECRET}\n"));
    symlink(&outside, f.site().join("content/begrippen/geheim.md")).unwrap();
    assert_refused(&f, &["symlink-outside-site", "content/begrippen/geheim.md", &real(&outside)]);
}

#[test]
fn a_link_to_a_hidden_file_of_the_site_is_refused() {
    // Inside the site folder, but no part of the site: `.git/config` can hold credentials.
    let f = built();
    let hidden = f.write("site/.git/config", SECRET);
    symlink("../.git/config", f.site().join("content/config.txt")).unwrap();
    assert_refused(&f, &["symlink-outside-site", "content/config.txt", &real(&hidden)]);
}

#[test]
fn a_linked_static_folder_outside_the_site_is_refused() {
    let f = built();
    f.write("elders/static/geheim.css", SECRET);
    // An absolute link, the usual way to share a folder.
    symlink(f.root().join("elders/static"), f.site().join("static")).unwrap();
    assert_refused(&f, &["symlink-outside-site", "`static`", &real(&f.root().join("elders/static"))]);
}

#[test]
fn a_link_inside_static_to_a_file_outside_is_refused() {
    let f = built();
    let outside = f.write("geheim.txt", SECRET);
    fs::create_dir_all(f.site().join("static/css")).unwrap();
    // A relative link that climbs out of the site.
    symlink("../../../geheim.txt", f.site().join("static/css/geheim.css")).unwrap();
    assert_refused(&f, &["symlink-outside-site", "static/css/geheim.css", &real(&outside)]);
}

#[test]
fn links_out_of_templates_i18n_and_the_theme_are_refused() {
    let f = built();
    let page = f.write("elders/page.html", SECRET);
    let strings = f.write("elders/nl.yaml", &format!("home: \"{SECRET}\"\n"));
    f.write("elders/thema/static/geheim.css", SECRET);
    fs::create_dir_all(f.site().join("templates")).unwrap();
    fs::create_dir_all(f.site().join("i18n")).unwrap();
    fs::create_dir_all(f.site().join("themes")).unwrap();
    symlink(&page, f.site().join("templates/page.html")).unwrap();
    symlink(&strings, f.site().join("i18n/nl.yaml")).unwrap();
    symlink(f.root().join("elders/thema"), f.site().join("themes/default")).unwrap();
    assert_refused(
        &f,
        &[
            "templates/page.html",
            &real(&page),
            "i18n/nl.yaml",
            &real(&strings),
            "`themes/default`",
            &real(&f.root().join("elders/thema")),
        ],
    );
}

#[test]
fn a_content_folder_that_is_a_link_out_of_the_site_is_refused() {
    let f = built();
    fs::rename(f.site().join("content"), f.root().join("elders-content")).unwrap();
    f.write("elders-content/geheim.txt", SECRET);
    symlink(f.root().join("elders-content"), f.site().join("content")).unwrap();
    assert_refused(&f, &["symlink-outside-site", "`content`", &real(&f.root().join("elders-content"))]);
}

#[test]
fn a_content_folder_outside_the_root_by_config_is_published() {
    // The config may place content elsewhere on purpose; that is not a link to refuse.
    let f = Fixture::new();
    fs::rename(f.site().join("content"), f.root().join("gedeeld")).unwrap();
    f.write("site/wegwijs.yaml", "title: Proef\nlanguage: nl\ncontent_dirs: [../gedeeld]\n");
    let o = f.run(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(f.site().join("public/begrippen/statushouder/index.html").is_file());
}

#[test]
fn a_hidden_content_folder_set_in_the_config_is_published() {
    let f = Fixture::new();
    fs::rename(f.site().join("content"), f.site().join(".inhoud")).unwrap();
    f.write("site/wegwijs.yaml", "title: Proef\nlanguage: nl\ncontent_dirs: [.inhoud]\n");
    let o = f.run(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(f.site().join("public/begrippen/statushouder/index.html").is_file());
}

#[test]
fn a_dangling_link_is_an_error_naming_it() {
    let f = built();
    fs::create_dir_all(f.site().join("static")).unwrap();
    symlink("../verdwenen.css", f.site().join("static/weg.css")).unwrap();
    symlink("verdwenen.md", f.site().join("content/begrippen/nergens.md")).unwrap();
    // A link to itself leads nowhere either.
    symlink("zelf.md", f.site().join("content/begrippen/zelf.md")).unwrap();
    assert_refused(
        &f,
        &[
            "dangling-symlink",
            "static/weg.css",
            "`../verdwenen.css`",
            "content/begrippen/nergens.md",
            "`verdwenen.md`",
            "cannot follow the link `content/begrippen/zelf.md`",
        ],
    );
}

#[test]
fn a_link_to_a_folder_around_it_is_an_error() {
    let f = built();
    symlink("..", f.site().join("content/begrippen/terug")).unwrap();
    assert_refused(&f, &["symlink-loop", "content/begrippen/terug"]);
}

#[test]
fn links_inside_the_site_are_followed() {
    let f = built();
    f.write("site/gedeeld/logo.svg", "<svg/>");
    f.write(
        "site/gedeeld/asielzoeker.md",
        "---\ntitle: Asielzoeker\ndefinition: Iemand die asiel aanvraagt.\n---\nTekst.\n",
    );
    symlink("../gedeeld/logo.svg", f.site().join("content/logo.svg")).unwrap();
    symlink("../../gedeeld/asielzoeker.md", f.site().join("content/begrippen/asielzoeker.md")).unwrap();
    fs::create_dir_all(f.site().join("static")).unwrap();
    symlink("../gedeeld", f.site().join("static/gedeeld")).unwrap();
    let site_before = snapshot(&f.site().join("content"));
    let o = f.run(&["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = f.run(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = f.site().join("public");
    assert_eq!(fs::read_to_string(out.join("logo.svg")).unwrap(), "<svg/>");
    assert_eq!(fs::read_to_string(out.join("gedeeld/logo.svg")).unwrap(), "<svg/>");
    // The output holds copies, not links.
    assert!(!fs::symlink_metadata(out.join("logo.svg")).unwrap().file_type().is_symlink());
    assert!(common::read(out.join("begrippen/asielzoeker/index.html")).contains("Iemand die asiel aanvraagt."));
    assert_same(&site_before, &snapshot(&f.site().join("content")), "the content");
    assert!(common::broken_links(&out, "/").is_empty());
}

/// Runs wegwijs in the site, killing it if it takes longer than a minute (a pipe that is
/// opened blocks forever).
fn run_bounded(f: &Fixture, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        // These tests read the English messages; tests/messages.rs reads both languages.
        .args(["--lang", "en"])
        .args(args)
        .current_dir(f.site())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("wegwijs {args:?} hangs (did it open a pipe?)");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

#[test]
fn pipes_are_left_out_with_a_warning_and_never_opened() {
    let f = built();
    fs::create_dir_all(f.site().join("static")).unwrap();
    mkfifo(&f.site().join("static/pijp.css"));
    mkfifo(&f.site().join("content/begrippen/pijp.md"));
    for command in ["check", "build"] {
        let o = run_bounded(&f, &[command]);
        let err = stderr(&o);
        assert!(o.status.success(), "`{command}` goes on without the pipes:\n{err}");
        for needle in ["special-file", "static/pijp.css", "content/begrippen/pijp.md"] {
            assert!(err.contains(needle), "`{command}` names `{needle}`:\n{err}");
        }
    }
    let out = f.site().join("public");
    assert!(!out.join("pijp.css").exists());
    assert!(!out.join("begrippen/pijp").exists());
    assert!(out.join("begrippen/statushouder/index.html").is_file());
    // The pipes are still there, as pipes.
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::symlink_metadata(f.site().join("static/pijp.css")).unwrap().file_type().is_fifo());
}

/// Runs wegwijs as an ordinary user (`nobody`) when the tests run as root, who can read any
/// file: an unreadable file is what a user who is not root meets.
fn run_unprivileged(f: &Fixture, args: &[&str]) -> Output {
    let root_user = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    if !root_user {
        return f.run(args);
    }
    // Hand the whole temporary folder to `nobody`, who then owns the site like a user would.
    for entry in walkdir::WalkDir::new(f.root()) {
        let entry = entry.unwrap();
        std::os::unix::fs::lchown(entry.path(), Some(65534), Some(65534)).unwrap();
    }
    Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_wegwijs"), "--lang", "en"])
        .args(args)
        .current_dir(f.site())
        .env("NO_COLOR", "1")
        .output()
        .expect("setpriv runs")
}

#[test]
fn an_unreadable_file_is_reported_by_check_at_the_source() {
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::new();
    let css = f.write("site/static/geheim.css", "body {}");
    let pdf = f.write("site/content/begrippen/folder.pdf", "%PDF");
    let o = run_unprivileged(&f, &["build"]);
    assert!(o.status.success(), "the readable site builds:\n{}", stderr(&o));
    for p in [&css, &pdf] {
        fs::set_permissions(p, fs::Permissions::from_mode(0o000)).unwrap();
    }
    let before = snapshot(f.root());
    for command in ["check", "build"] {
        let o = run_unprivileged(&f, &[command]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "`{command}` refuses the site:\n{err}");
        for needle in ["unreadable-file", "static/geheim.css", "content/begrippen/folder.pdf"] {
            assert!(err.contains(needle), "`{command}` names `{needle}`:\n{err}");
        }
        assert!(!err.contains(".wegwijs-new"), "`{command}` names the source, not the staging folder:\n{err}");
    }
    assert_same(&before, &snapshot(f.root()), "after the refused build");
}

#[test]
fn values_and_folders_in_other_scripts_get_pages_and_working_links() {
    let f = Fixture::new();
    f.write(
        "site/content/begrippen/statushouder.md",
        "---\ntitle: Statushouder\ndefinition: Iemand met een verblijfsvergunning.\nthemes: [صحة, Здоровье]\ntarget_groups: [Молодёжь]\n---\nZie [het artikel](../مقالات/مقالة-أولى.md#مقدمة).\n",
    );
    f.write("site/content/مقالات/_index.md", "---\ntitle: Artikelen in het Arabisch\n---\nInleiding.\n");
    f.write(
        "site/content/مقالات/مقالة-أولى.md",
        "---\ntitle: Eerste artikel\nthemes: [صحة]\n---\n## مقدمة\n\nTekst.\n\n## Введение\n\nMeer [tekst](#введение).\n",
    );
    let o = f.run(&["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // A whole base address: the sitemap holds whole addresses only (see `relative-base-url`).
    let o = f.run(&["build", "--base-url", "https://example.nl/"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = f.site().join("public");
    for page in [
        "themas/صحة/index.html",
        "themas/здоровье/index.html",
        "doelgroepen/молодёжь/index.html",
        "مقالات/index.html",
        "مقالات/مقالة-أولى/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page} is written");
    }
    // The theme page lists both pages, and the pages link to it.
    let theme = common::read(out.join("themas/صحة/index.html"));
    assert!(theme.contains("Statushouder") && theme.contains("Eerste artikel"), "{theme}");
    let term = common::read(out.join("begrippen/statushouder/index.html"));
    assert!(term.contains("href=\"../../themas/صحة/\""), "{term}");
    assert!(term.contains("href=\"../../doelgroepen/молодёжь/\""), "{term}");
    let article = common::read(out.join("مقالات/مقالة-أولى/index.html"));
    assert!(article.contains("id=\"مقدمة\"") && article.contains("id=\"введение\""), "{article}");
    // The sitemap holds valid URLs: the letters percent-encoded.
    let sitemap = common::read(out.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://example.nl/themas/%D8%B5%D8%AD%D8%A9/</loc>"), "{sitemap}");
    let broken = common::broken_links(&out, "/");
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

#[test]
fn a_value_without_letters_is_an_error_where_it_is_written() {
    let f = built();
    f.write(
        "site/content/begrippen/statushouder.md",
        "---\ntitle: Statushouder\ndefinition: Iemand met een verblijfsvergunning.\nthemes: [Werk, \"???\"]\n---\nTekst.\n",
    );
    assert_refused(&f, &["empty-slug", "content/begrippen/statushouder.md:4:17", "`???`"]);
}

#[test]
fn a_folder_without_letters_is_an_error_naming_it() {
    let f = built();
    f.write("site/content/!!!/_index.md", "---\ntitle: Uitroep\n---\nTekst.\n");
    f.write("site/content/!!!/pagina.md", "---\ntitle: Een pagina\n---\nTekst.\n");
    assert_refused(&f, &["empty-slug", "content/!!!", "the folder name `!!!`"]);
}
