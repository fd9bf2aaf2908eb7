//! Times the preview's remembered builds after edits, without a server: builds the site in
//! `--root` once, then saves one page again `--edits` times (a temporary file renamed over it)
//! and builds after each save, as `wegwijs serve` does. Prints the median and 90th percentile
//! of the builds, and the process's memory after 100 edits and after the last (it should stay
//! flat). For profiling the incremental build; the
//! whole path from save to served page is measured by benches/serve.py.
//!
//!     cargo run --release --example preview_edits -- --root DIR [--edits 100] [--page REL]

use std::path::{Path, PathBuf};

/// The allocator of the `wegwijs` binary (see src/main.rs), so that time and memory are as in
/// `wegwijs serve`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut root, mut edits, mut page) = (PathBuf::from("."), 100usize, None::<String>);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--root" => root = args.next().expect("--root DIR").into(),
            "--edits" => edits = args.next().expect("--edits N").parse().expect("a number"),
            "--page" => page = args.next(),
            other => panic!("unknown argument {other}"),
        }
    }
    let page = root.join("content").join(page.unwrap_or_else(|| first_page(&root.join("content/begrippen"))));
    let original = std::fs::read_to_string(&page).expect("the page");
    let mut preview = wegwijs::serve::Preview::new(&root, false);
    let start = Instant::now();
    preview.index();
    preview.build().expect("the site builds");
    println!("first build with index: {:?}", start.elapsed());
    let mut times = Vec::new();
    for i in 0..edits {
        let tmp = page.with_extension("md.tmp");
        std::fs::write(&tmp, format!("{original}\nBewerking {i}.\n")).unwrap();
        std::fs::rename(&tmp, &page).unwrap();
        let t = Instant::now();
        preview.changed(std::slice::from_ref(&page));
        preview.rebuild().expect("the site builds");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        if i + 1 == edits.min(100) {
            println!("after {} edits: {}", i + 1, rss());
        }
    }
    std::fs::write(&page, original).unwrap();
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!("{edits} edits: median {:.1} ms, p90 {:.1} ms, max {:.1} ms", at(0.5), at(0.9), at(1.0));
    println!("after {edits} edits: {}", rss());
}

/// Resident and peak memory of this process (Linux), as `/proc/self/status` says.
fn rss() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let lines: Vec<&str> = status.lines().filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS")).collect();
    lines.join(", ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn first_page(dir: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("content/begrippen")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n != "_index.md")
        .collect();
    names.sort();
    format!("begrippen/{}", names[0])
}
