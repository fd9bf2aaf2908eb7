//! The preview remembers what git said of the content folders while HEAD stays the same
//! (`load::modified::GitCache`; that it does not ask git again is counted by its unit tests).
//! Here: its dates stay those of a fresh `wegwijs build` through saves and commits.

mod common;

use std::fs;
use std::path::Path;

use wegwijs::serve::Preview;

use common::git_at as git;

/// The "Laatst gewijzigd" date of the page at `page` in the preview's files.
fn shown(files: &std::collections::BTreeMap<String, Vec<u8>>, page: &str) -> String {
    let html = String::from_utf8(files[&format!("{page}index.html")].clone()).unwrap();
    let at = html.find("Laatst gewijzigd: <time datetime=\"").unwrap_or_else(|| panic!("a date on {page}"));
    html[at..].split('"').nth(1).unwrap().to_string()
}

/// The same date in a fresh build.
fn built(root: &Path, page: &str) -> String {
    let out = root.parent().unwrap().join(format!("out-{}", page.replace('/', "-")));
    common::build(root, &out, &["--quiet"]);
    let html = common::read(out.join(page).join("index.html"));
    let at = html.find("Laatst gewijzigd: <time datetime=\"").unwrap();
    html[at..].split('"').nth(1).unwrap().to_string()
}

#[test]
fn the_preview_dates_follow_saves_and_commits_as_a_fresh_build_does() {
    let article = |body: &str| format!("---\ntitle: A\nsummary: Een artikel.\n---\n\n{body}\n");
    let (_dir, root) = common::temp_site(&[
        ("content/artikelen/a.md", &article("Eerste tekst.")),
        ("content/artikelen/b.md", &article("Andere tekst.").replace("title: A", "title: B")),
    ]);
    git(&root, "2020-01-02T12:00:00Z", &["init", "-q"]);
    git(&root, "2020-01-02T12:00:00Z", &["add", "."]);
    git(&root, "2020-01-02T12:00:00Z", &["commit", "-q", "-m", "first"]);
    let mut preview = Preview::new(&root, false);
    let files = preview.build().unwrap();
    assert_eq!(shown(&files, "artikelen/a/"), "2020-01-02");

    // Saved but not committed: the file's own time (today), as `wegwijs build` gives it.
    let file = root.join("content/artikelen/a.md");
    fs::write(&file, article("Nieuwe tekst.")).unwrap();
    preview.changed(std::slice::from_ref(&file));
    let files = preview.build().unwrap();
    let today = built(&root, "artikelen/a/");
    assert_ne!(today, "2020-01-02");
    assert_eq!(shown(&files, "artikelen/a/"), today);
    assert_eq!(shown(&files, "artikelen/b/"), "2020-01-02");

    // Committed: the new commit's date, without another save of that file.
    git(&root, "2021-03-04T12:00:00Z", &["commit", "-q", "-a", "-m", "second"]);
    let other = root.join("content/artikelen/b.md");
    fs::write(&other, article("Weer andere tekst.").replace("title: A", "title: B")).unwrap();
    preview.changed(std::slice::from_ref(&other));
    let files = preview.build().unwrap();
    assert_eq!(shown(&files, "artikelen/a/"), "2021-03-04");
    assert_eq!(built(&root, "artikelen/a/"), "2021-03-04");
    assert_eq!(shown(&files, "artikelen/b/"), built(&root, "artikelen/b/"));

    // Saved back to the committed text: no longer a change, the commit's date again.
    fs::write(&file, article("Nieuwe tekst.")).unwrap();
    fs::write(&other, article("Andere tekst.").replace("title: A", "title: B")).unwrap();
    preview.changed(&[file, other]);
    let files = preview.build().unwrap();
    assert_eq!(shown(&files, "artikelen/a/"), "2021-03-04");
    assert_eq!(shown(&files, "artikelen/b/"), "2020-01-02");
    assert_eq!(built(&root, "artikelen/b/"), "2020-01-02");
}
