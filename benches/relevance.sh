#!/usr/bin/env bash
# Relevance benchmark: builds the shipped knowledge base (content/) with this checkout's wegwijs
# and reports MRR and success@5 of the judged queries in benches/relevance/queries.tsv.
#
#   benches/relevance.sh [--misses]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${BENCH_DIR:-/dev/shm/wegwijs-relevance}"
cargo build --locked --quiet --bin wegwijs
./target/debug/wegwijs build --root . --output "$out" --quiet --no-fingerprint
node benches/relevance.js "$out" "$@"
