//! The search index's word analysis on its own, outside the build: the numbers to watch when
//! making the tokenizer and the word lookup faster (issue 5's index-share target).
//!
//! Reads every `.md` file under a folder (the benchmark corpus, for instance), drops the front
//! matter and the targets of Markdown links (the renderer tells the analysis only the text),
//! and then, on one thread, times:
//! - `split`: the word splitter alone;
//! - `count, cold`: counting every file as a page body with a new analyser (every word is
//!   stemmed once, every word enters the thread's cache once), as the first pages of a build do;
//! - `count, warm`: the same with the analyser's terms known, as the later pages of a build do.
//!
//! A real build's analysis takes more (116-120 ms of CPU at 10,000 pages, against a cold
//! count of about 88 ms here): it also reads titles, headings, summaries and facet values,
//! two threads make their first lookups in turn, and a page's rarer words are not in the
//! processor's cache after the Markdown pass.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --pages 10000 --out /tmp/c10000
//! cargo run --release --example analysis -- /tmp/c10000/content
//! ```

use std::time::{Duration, Instant};

use wegwijs::index::{Analyser, bench};
use wegwijs::language::Language;

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: analysis CONTENT_DIR");
        std::process::exit(2);
    };
    let texts: Vec<String> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .map(|t| text_of(&t))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let words = bench::split(&texts);
    println!("{} files, {:.1} MB of text, {} words", texts.len(), bytes as f64 / 1e6, words);

    let per_word = |d: Duration| d.as_nanos() as f64 / words.max(1) as f64;
    let report = |what: &str, runs: Vec<Duration>| {
        let best = runs.iter().min().copied().unwrap_or_default();
        println!(
            "{what:<12} best of {}: {:>7.1} ms  {:>5.2} ns/word",
            runs.len(),
            best.as_secs_f64() * 1e3,
            per_word(best)
        );
    };
    const RUNS: usize = 5;
    report("split", (0..RUNS).map(|_| timed(|| bench::split(&texts))).collect());
    let mut cold = Vec::new();
    let mut warm = Vec::new();
    for _ in 0..RUNS {
        let analyser = Analyser::new(Language::for_tag("nl"));
        cold.push(timed(|| bench::count(&analyser, &texts)));
        warm.push(timed(|| bench::count(&analyser, &texts)));
    }
    report("count, cold", cold);
    report("count, warm", warm);
}

fn timed<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    std::hint::black_box(f());
    start.elapsed()
}

/// A Markdown file's text without its front matter and without the targets of its links.
fn text_of(file: &str) -> String {
    let body = match file.strip_prefix("---") {
        Some(rest) => rest.split_once("\n---").map_or(rest, |(_, body)| body),
        None => file,
    };
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find("](") {
        out.push_str(&rest[..i]);
        rest = &rest[i + 2..];
        rest = rest.find(')').map_or("", |j| &rest[j + 1..]);
    }
    out.push_str(rest);
    out
}
