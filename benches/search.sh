#!/usr/bin/env bash
# Search benchmark at 1,000 and 10,000 pages of the generated corpus (the one ANCHORS.md
# measured Pagefind and Zola on): the extra build time of the index, what a first query
# downloads (gzip) and how long it takes in Node. Sites go to tmpfs.
#
#   benches/search.sh [pages ...]        default: 1000 10000
set -euo pipefail
cd "$(dirname "$0")/.."
gen="${GEN_CORPUS:-../shared/bench/gen_corpus.py}"
work="${BENCH_DIR:-/dev/shm/wegwijs-search-bench}"
cargo build --release --locked --quiet
cargo build --release --locked --quiet --example search_build
for n in "${@:-1000 10000}"; do
  for pages in $n; do
    site="$work/s$pages"
    python3 "$gen" --flavor wegwijs --pages "$pages" --out "$site/content" --seed 42
    echo "== $pages pages"
    ./target/release/examples/search_build "$site" 5
    ./target/release/wegwijs build --root "$site" --quiet
    node benches/search_query.js "$site/public"
  done
done
