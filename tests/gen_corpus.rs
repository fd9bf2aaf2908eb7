//! The in-repo corpus generator (examples/gen_corpus.rs) reproduces `gen_corpus.py`, the
//! generator the Hugo, Zola and Pagefind anchors were measured on, byte for byte. The digests
//! below are of the Python generator's output (`gen_corpus.py --pages 120 --seed 42`).

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use std::fs;
use std::path::Path;

/// FNV-1a over every file's relative path and bytes, in path order.
fn digest(dir: &Path) -> u64 {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() { stack.push(p) } else { files.push(p) }
        }
    }
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in files {
        let rel = f.strip_prefix(dir).unwrap().to_str().unwrap().replace('\\', "/");
        for b in rel.bytes().chain([0]).chain(fs::read(&f).unwrap()).chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[test]
fn reproduces_the_python_generator() {
    for (flavor, expected) in [("wegwijs", WEGWIJS), ("hugo", HUGO)] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("content");
        let (pages, words) = gen_corpus::generate(120, &out, flavor, 42).unwrap();
        assert_eq!(pages, 120);
        assert!(words > 120 * 600, "{words}");
        assert_eq!(digest(&out), expected, "flavor {flavor}");
    }
}

/// Digests of `gen_corpus.py --pages 120 --seed 42 --flavor wegwijs|hugo`.
const WEGWIJS: u64 = 0x8d51_3338_390b_5055;
const HUGO: u64 = 0xa2fe_d1f6_30d3_c728;
