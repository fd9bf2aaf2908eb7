//! Output ownership: a build replaces only a folder it made itself, never the site's own
//! folders, never a folder with someone else's files in it; what killed builds leave behind is
//! cleaned up, and a symlinked output is written through to the folder it points at.

use std::fs;
use std::os::unix::fs::symlink;

use crate::support::{Fixture, assert_same, snapshot, stderr};

/// Runs `args` in a fresh fixture after `setup`, expects a refusal with `code`, and checks that
/// every file around and in the site is unchanged.
fn refused(setup: impl Fn(&Fixture), args: &[&str], code: &str) -> String {
    let f = Fixture::new();
    setup(&f);
    let before = snapshot(f.root());
    let out = f.run(args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{args:?} should fail:\n{err}");
    assert!(err.contains(&format!("error[{code}]")), "{args:?}: expected {code}:\n{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_same(&before, &snapshot(f.root()), &format!("{args:?}"));
    err
}

#[test]
fn the_site_folder_and_its_own_folders_are_never_the_output() {
    let none = |_: &Fixture| {};
    let with_static = |f: &Fixture| {
        f.write("site/static/logo.svg", "<svg/>");
        fs::create_dir_all(f.site().join("templates")).unwrap();
    };
    for (setup, args) in [
        (&none as &dyn Fn(&Fixture), vec!["build", "--output", "."]),
        (&none, vec!["build", "--output", "content"]),
        (&none, vec!["build", "--output", "content/begrippen"]),
        (&none, vec!["build", "--output", "content/out"]),
        (&none, vec!["build", "--output", "./content/../content"]),
        (&none, vec!["build", "--output", ".."]),
        (&none, vec!["build", "--output", "/"]),
        (&with_static, vec!["build", "--output", "static"]),
        (&with_static, vec!["build", "--output", "templates/x"]),
        (&none, vec!["build", "--output", "i18n"]),
    ] {
        let err = refused(setup, &args, "output-in-site");
        assert!(err.contains("would delete the site's own files"), "{err}");
    }
}

#[test]
fn output_dir_in_the_config_is_checked_and_reported_by_check() {
    for dir in ["content", "../site", ".", "content/out"] {
        let config = format!("title: Proef\noutput_dir: {dir}\n");
        let setup = |f: &Fixture| {
            f.write("site/wegwijs.yaml", &config);
        };
        refused(setup, &["build"], "output-in-site");
        let f = Fixture::new();
        setup(&f);
        let before = snapshot(f.root());
        let out = f.run(&["check"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "check with output_dir {dir}:\n{err}");
        assert!(err.contains("error[output-in-site]"), "{err}");
        assert!(err.contains("wegwijs.yaml:2:1"), "the config line is named:\n{err}");
        assert_same(&before, &snapshot(f.root()), "check");
    }
}

#[test]
fn a_folder_with_other_files_is_refused() {
    let err = refused(
        |f| {
            f.write("www/index.php", "<?php");
            f.write("www/uploads/report.pdf", "pdf");
        },
        &["build", "--output", "../www"],
        "output-not-ours",
    );
    assert!(err.contains("`index.php`") && err.contains("`uploads/`"), "the refusal says what is there:\n{err}");
    // A file where the folder should be.
    refused(|f| drop(f.write("site/public", "not a folder")), &["build"], "output-not-a-folder");
}

#[test]
fn an_empty_or_missing_folder_is_used_and_marked() {
    let f = Fixture::new();
    fs::create_dir_all(f.root().join("empty")).unwrap();
    for out in ["../empty", "../new/deeper"] {
        let o = f.run(&["build", "--output", out]);
        assert!(o.status.success(), "{}", stderr(&o));
        let dir = f.site().join(out);
        assert!(dir.join("index.html").is_file());
        let marker = fs::read_to_string(dir.join(".wegwijs-output")).unwrap();
        assert!(marker.starts_with("# Made by wegwijs"));
        assert!(marker.lines().any(|l| l == "begrippen/statushouder/index.html"), "{marker}");
    }
}

#[test]
fn files_added_to_a_previous_output_are_never_deleted() {
    let f = Fixture::new();
    assert!(f.run(&["build", "-q"]).status.success());
    // A gh-pages checkout in the output, a CNAME file and a file in a generated folder.
    f.write("site/public/.git/HEAD", "ref: refs/heads/gh-pages\n");
    f.write("site/public/CNAME", "kennisbank.example.nl\n");
    f.write("site/public/begrippen/notes.txt", "mine\n");
    let before = snapshot(f.root());
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("error[output-not-ours]"), "{err}");
    for name in ["`.git/`", "`CNAME`", "`begrippen/notes.txt`"] {
        assert!(err.contains(name), "{name} is named:\n{err}");
    }
    assert!(err.contains("static/"), "the help points at static/ for CNAME:\n{err}");
    assert_same(&before, &snapshot(f.root()), "after the refusal");
    // `check` predicts it.
    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error[output-not-ours]"));
}

#[test]
fn a_link_inside_a_previous_output_is_foreign_and_never_followed() {
    let f = Fixture::new();
    assert!(f.run(&["build", "-q"]).status.success());
    f.write("precious/keep.txt", "keep");
    symlink(f.root().join("precious"), f.site().join("public/begrippen/link")).unwrap();
    let before = snapshot(f.root());
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("`begrippen/link`"), "{}", stderr(&out));
    assert_same(&before, &snapshot(f.root()), "after the refusal");
}

#[test]
fn rebuilding_replaces_only_the_previous_output() {
    let f = Fixture::new();
    f.write("neighbour/file.txt", "untouched");
    assert!(f.run(&["build", "-q"]).status.success());
    f.write("site/content/begrippen/tolk.md", "---\ntitle: Tolk\ndefinition: Iemand die vertaalt.\n---\nTekst.\n");
    fs::remove_file(f.site().join("content/begrippen/statushouder.md")).unwrap();
    let mut before = snapshot(f.root());
    before.retain(|k, _| !k.starts_with("site/public"));
    let out = f.run(&["build", "-q", "--output", "public/../public"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.site().join("public/begrippen/tolk/index.html").is_file());
    assert!(!f.site().join("public/begrippen/statushouder").exists());
    // Nothing outside the output changed, and no hidden folder is left (the old output is
    // removed in the background: wait for it a little).
    for _ in 0..100 {
        let left: Vec<_> = fs::read_dir(f.site()).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
        if left.iter().all(|n| !n.to_string_lossy().contains("wegwijs-")) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let mut after = snapshot(f.root());
    after.retain(|k, _| !k.starts_with("site/public"));
    assert_same(&before, &after, "outside the output");
}

#[test]
fn a_symlinked_output_is_written_through_to_its_target() {
    let f = Fixture::new();
    fs::create_dir_all(f.root().join("webroot/kennisbank")).unwrap();
    symlink(f.root().join("webroot/kennisbank"), f.site().join("public")).unwrap();
    for _ in 0..2 {
        let out = f.run(&["build", "-q"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let link = fs::symlink_metadata(f.site().join("public")).unwrap();
        assert!(link.file_type().is_symlink(), "the link stays a link");
        assert!(f.root().join("webroot/kennisbank/index.html").is_file());
    }
    // A link to the content folder is the content folder.
    let g = Fixture::new();
    symlink(g.site().join("content"), g.site().join("public")).unwrap();
    let before = snapshot(g.root());
    let out = g.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error[output-in-site]"), "{}", stderr(&out));
    assert_same(&before, &snapshot(g.root()), "link to content");
    // A link to nothing.
    refused(|f| symlink(f.root().join("nowhere"), f.site().join("public")).unwrap(), &["build"], "output-not-a-folder");
}

#[test]
fn what_killed_builds_left_is_removed_when_it_is_ours() {
    let f = Fixture::new();
    assert!(f.run(&["build", "-q"]).status.success());
    // Process ids above the kernel's maximum (4194304) never run.
    let marker = "# Made by wegwijs: a staging folder\n";
    f.write("site/.public.wegwijs-new-4194400/.wegwijs-output", marker);
    f.write("site/.public.wegwijs-new-4194400/index.html", "half");
    f.write("site/.public.wegwijs-old-4194401/.wegwijs-output", marker);
    // Not ours: no marker. And ours, but of a process that runs (this test).
    f.write("site/.public.wegwijs-new-4194402/mine.txt", "mine");
    let running = format!("site/.public.wegwijs-new-{}/.wegwijs-output", std::process::id());
    f.write(&running, marker);
    let out = f.run(&["build", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!f.site().join(".public.wegwijs-new-4194400").exists());
    assert!(!f.site().join(".public.wegwijs-old-4194401").exists());
    assert!(f.site().join(".public.wegwijs-new-4194402/mine.txt").is_file());
    assert!(f.root().join(&running).is_file());
}
