//! The template API: what each template is given. For `tests/sites/kinds`, the context of the
//! first output page of each template (one page of each kind, a section, the home page, a
//! section that is a taxonomy's index, a taxonomy index, a taxonomy term's page, search, 404, sitemap, feed, robots.txt and the
//! stylesheet) and the `site` value, as JSON with sorted keys, are snapshots in
//! `tests/snapshots/views__*.snap`. A change to a view shows there; the README's template
//! reference follows these.

mod common;

use wegwijs::render::{Pages, bodies};
use wegwijs::{Config, Overrides, load, model, theme};

/// The site's contexts: (template, output path, context as pretty JSON), and the site value.
fn contexts(site_name: &str) -> (Vec<(String, String, String)>, String) {
    let root = common::site(site_name);
    let (config, problems) = Config::load(&root, &Overrides::default()).expect("the config loads");
    assert!(problems.is_empty(), "{problems:?}");
    let (theme, problems) = theme::load(&config).expect("the theme loads");
    assert!(problems.is_empty(), "{problems:?}");
    let built = model::build(&config, load::run(&config));
    assert!(built.diagnostics.is_empty(), "{:?}", built.diagnostics);
    let (bodies, _, problems) = bodies(&config, &built.site, &theme, &());
    assert!(problems.is_empty(), "{problems:?}");
    let pages = Pages::new(&config, &built.site, &theme, &bodies).expect("the templates compile");
    let pretty = |v: &serde_json::Value| without_file_dates(&serde_json::to_string_pretty(v).unwrap());
    let contexts = pages.contexts().into_iter().map(|(t, path, v)| (t, path, pretty(&v))).collect();
    (contexts, pretty(&pages.site_context()))
}

/// The JSON with each page's last-modified date (`modified`, `modified_long`, a sitemap's
/// `lastmod`) as `[date]`: it comes from git or the file's time, which a snapshot cannot fix.
fn without_file_dates(json: &str) -> String {
    json.lines()
        .map(|line| {
            let key = line.trim_start().split(':').next().unwrap_or("");
            if matches!(key, "\"modified\"" | "\"modified_long\"" | "\"lastmod\"")
                && !line.trim_end().ends_with("null,")
            {
                let comma = if line.trim_end().ends_with(',') { "," } else { "" };
                format!("{}: \"[date]\"{comma}", line.split(':').next().unwrap())
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_template_gets_its_context() {
    let (contexts, site) = contexts("kinds");
    let mut seen: Vec<&str> = Vec::new();
    for (template, path, json) in &contexts {
        let name = if path == "themas/index.html" {
            // A section whose path is a taxonomy's gets the taxonomy too.
            "section_with_taxonomy".to_string()
        } else if seen.contains(&template.as_str()) {
            continue;
        } else {
            seen.push(template);
            template.replace('.', "_")
        };
        let shown = format!("{path}\n{json}");
        insta::assert_snapshot!(name, shown);
    }
    seen.sort_unstable();
    assert_eq!(
        seen,
        [
            "404.html",
            "article.html",
            "atom.xml",
            "index.html",
            "practice.html",
            "robots.txt",
            "search.html",
            "section.html",
            "sitemap.xml",
            "taxonomy.html",
            "taxonomy_term.html",
            "term.html",
            "theme.css",
            "theme.html",
            "tool.html",
        ],
        "every kind of output page has a snapshot"
    );
    insta::assert_snapshot!("site", site);
}

/// Serialising the views sorts every map's keys, so a snapshot does not depend on the order
/// of a struct's fields or of a hash map.
#[test]
fn contexts_are_json_with_sorted_keys() {
    let (contexts, site) = contexts("kinds");
    let (_, _, home) = contexts.iter().find(|(t, _, _)| t == "index.html").unwrap();
    for json in [home, &site] {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_sorted(&value);
    }
}

fn assert_sorted(value: &serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            let keys: Vec<&String> = map.keys().collect();
            assert!(keys.is_sorted(), "keys not sorted: {keys:?}");
            map.values().for_each(assert_sorted);
        }
        serde_json::Value::Array(items) => items.iter().for_each(assert_sorted),
        _ => {}
    }
}
