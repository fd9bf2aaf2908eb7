#!/bin/bash
# Two wegwijs binaries side by side on one corpus, runs alternating so that a slow moment of
# the machine hits both: a clean build and a rebuild over its own output, each timed with
# /usr/bin/time (wall, user, system seconds, peak KiB), one line per run on stdout.
#
#   bash benches/ab.sh OLD_BINARY NEW_BINARY CORPUS_DIR [RUNS]
#   e.g. bash benches/ab.sh /tmp/wegwijs-old target/release/wegwijs /dev/shm/c10000 5
#
# The corpus comes from `target/release/examples/gen_corpus --pages N --out DIR/content
# --flavor wegwijs`. Outputs go next to the corpus (use tmpfs, as benches/bench.py does).
set -eu
old=$1 new=$2 corpus=$3 runs=${4:-5}
for i in $(seq "$runs"); do
  for b in old new; do
    bin=${!b}
    out="$corpus.ab-$b"
    rm -rf "$out"
    /usr/bin/time -f "$b clean %e %U %S %M" "$bin" build -q --root "$corpus" --output "$out"
    /usr/bin/time -f "$b rebuild %e %U %S %M" "$bin" build -q --root "$corpus" --output "$out"
    sleep 1
  done
done 2>&1

