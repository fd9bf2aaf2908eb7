//! The floor: the least work any static site generator must do for the benchmark corpus, to
//! compare a real build against (see ../shared/bench/ANCHORS.md). Walks the content, splits and
//! parses each file's YAML front matter, renders the Markdown, applies one template and writes
//! one index.html per page, all in parallel. No taxonomies, links, lists, search or checks, and
//! it writes over the output in place (no atomic swap).
//!
//! ```sh
//! cargo run --release --example floor -- CONTENT_DIR OUTPUT_DIR
//! ```

use std::fs;
use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

const TEMPLATE: &str = r##"<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{{ title }}</title><link rel="stylesheet" href="/style.css"></head><body><a href="#main">Naar inhoud</a><header><nav><a href="/">Home</a> <a href="/begrippen/">Begrippen</a></nav></header><main id="main"><h1>{{ title }}</h1>{% if summary %}<p>{{ summary }}</p>{% endif %}{{ body | safe }}<ul>{% for t in themes %}<li>{{ t }}</li>{% endfor %}</ul></main><footer>wegwijs</footer></body></html>"##;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, src, out] = &args[..] else {
        eprintln!("usage: floor CONTENT_DIR OUTPUT_DIR");
        std::process::exit(2);
    };
    let (src, out) = (PathBuf::from(src), PathBuf::from(out));
    let start = Instant::now();
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let mut tera = tera::Tera::new();
    tera.add_raw_template("page.html", TEMPLATE).unwrap();
    let walked = Instant::now();
    let pages: Vec<(PathBuf, serde_yaml::Value, String)> = files
        .par_iter()
        .map(|path| {
            let text = fs::read_to_string(path).unwrap();
            let rest = text.strip_prefix("---\n").unwrap();
            let end = rest.find("\n---\n").unwrap();
            let front: serde_yaml::Value = serde_yaml::from_str(&rest[..end]).unwrap();
            let markdown = &rest[end + 5..];
            let mut html = String::with_capacity(markdown.len() * 2);
            let options = pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES;
            pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(markdown, options));
            (path.strip_prefix(&src).unwrap().with_extension(""), front, html)
        })
        .collect();
    let parsed = Instant::now();
    let rendered: Vec<(PathBuf, String)> = pages
        .par_iter()
        .map(|(rel, front, html)| {
            let mut ctx = tera::Context::new();
            ctx.insert("title", front["title"].as_str().unwrap_or(""));
            ctx.insert("summary", front.get("summary").and_then(|v| v.as_str()).unwrap_or(""));
            let themes: Vec<&str> = front
                .get("themes")
                .and_then(|v| v.as_sequence())
                .map_or_else(Vec::new, |s| s.iter().filter_map(|x| x.as_str()).collect());
            ctx.insert("themes", &themes);
            ctx.insert("body", html);
            (rel.clone(), tera.render("page.html", &ctx).unwrap())
        })
        .collect();
    let templated = Instant::now();
    rendered.par_iter().for_each(|(rel, html)| {
        let dir = out.join(rel);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("index.html"), html).unwrap();
    });
    let written = Instant::now();
    let bytes: usize = rendered.iter().map(|(_, s)| s.len()).sum();
    eprintln!(
        "pages {} walk {:?} parse+markdown {:?} template {:?} write {:?} total {:?} out {} MB",
        pages.len(),
        walked - start,
        parsed - walked,
        templated - parsed,
        written - templated,
        written - start,
        bytes / 1_000_000
    );
}
