//! Search benchmark, build side: what the index stage adds to a build.
//!
//!   cargo run --release --example search_build -- SITE_DIR [runs]
//!
//! Runs the stages like `wegwijs build` does, `runs` times (default 5), into a temporary
//! folder next to the site's output, and reports medians: the whole build (stages plus
//! write), the index stage, and the extra write time of the index files, measured by writing
//! the same output once with and once without them. The extra cost of search is the index
//! stage plus that extra write time; it is given as a share of the build without search.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use wegwijs::{NoProgress, Overrides, Timings, write};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: search_build SITE_DIR [runs]"));
    let runs: usize = args.next().map_or(5, |r| r.parse().expect("runs is a number"));
    let out = root.join("public.bench");
    let overrides = Overrides { output_dir: Some(out.clone()), ..Default::default() };
    let (mut stages, mut index, mut write_all, mut write_without) = (vec![], vec![], vec![], vec![]);
    let mut index_files = 0;
    let mut index_bytes = 0;
    for _ in 0..runs {
        let mut timings = Timings::default();
        let (generated, diagnostics) = wegwijs::generate(&root, &overrides, &mut timings, &NoProgress);
        let Some(generated) = generated else { panic!("the site has errors: {}", diagnostics.counts()) };
        stages.push(timings.total());
        index.push(timings.0.iter().find(|(s, _)| *s == "index").expect("an index stage").1);
        let (with_index, without): (Vec<_>, Vec<_>) =
            generated.files.iter().cloned().partition(|f| f.path.starts_with(wegwijs::index::INDEX_DIR));
        index_files = with_index.len();
        index_bytes = with_index.iter().map(|f| f.content.len()).sum::<u64>();
        // A build replaces the previous output (and removes it), so each write is timed
        // replacing an output of its own kind: once to set it up, then timed.
        write::run(&out, &without).expect("write");
        let t = Instant::now();
        write::run(&out, &without).expect("write");
        write_without.push(t.elapsed());
        write::run(&out, &generated.files).expect("write");
        let t = Instant::now();
        write::run(&out, &generated.files).expect("write");
        write_all.push(t.elapsed());
    }
    let _ = std::fs::remove_dir_all(&out);
    let stages = median(stages);
    let index = median(index);
    let (write_all, write_without) = (median(write_all), median(write_without));
    let build = stages + write_all;
    let extra_write = write_all.saturating_sub(write_without);
    let without_search = build.saturating_sub(index + extra_write);
    println!("site {}: {runs} runs, medians", root.display());
    println!("  build with search        {:8.1} ms (stages {:.1} + write {:.1})", ms(build), ms(stages), ms(write_all));
    println!("  index stage              {:8.1} ms", ms(index));
    println!(
        "  index files written      {:8.1} ms extra ({index_files} files, {:.1} MB; write without them {:.1} ms)",
        ms(extra_write),
        index_bytes as f64 / 1e6,
        ms(write_without)
    );
    println!(
        "  search adds              {:8.1} ms = {:.1}% of the build without search ({:.1} ms)",
        ms(index + extra_write),
        100.0 * (index + extra_write).as_secs_f64() / without_search.as_secs_f64(),
        ms(without_search)
    );
}
