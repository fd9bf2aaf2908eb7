#!/usr/bin/env bash
# Search benchmark, query side, at 1,000 and 10,000 pages of the generated corpus (the one
# ANCHORS.md measured Pagefind and Zola on): what a first query downloads (gzip) and how long it
# takes in Node. What the index adds to the build time is measured by benches/bench.py (a build
# with and without search, side by side). Sites go to tmpfs.
#
#   benches/search.sh [pages ...]        default: 1000 10000
set -euo pipefail
cd "$(dirname "$0")/.."
work="${BENCH_DIR:-/dev/shm/wegwijs-search-bench}"
cargo build --release --locked --quiet --bin wegwijs --example gen_corpus
for pages in ${@:-1000 10000}; do
  site="$work/s$pages"
  ./target/release/examples/gen_corpus --flavor wegwijs --pages "$pages" --out "$site/content" --seed 42
  echo "== $pages pages"
  ./target/release/wegwijs build --root "$site" --quiet --timings --no-fingerprint
  node benches/search_query.js "$site/public"
done
