#!/usr/bin/env bash
# Benchmark (not a test): native name-tagging speed of several `clipmark-lab` binaries, measured
# alternately (A, B, A, B, ...), since timing on a shared machine drifts by more than most
# changes. Prints each binary's median and best tokens per CPU second of `bench-ner` on FILE.
#   bash scripts/bench/bench-ner-ab.sh ROUNDS FILE BIN_A BIN_B [...]
# e.g. copy target/release/clipmark-lab to /tmp/old before a change, rebuild
# (`cargo build --release -p clipmark-lab`), then
#   bash scripts/bench/bench-ner-ab.sh 6 $D/conll2003/test.txt /tmp/old target/release/clipmark-lab
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: bash scripts/bench/bench-ner-ab.sh ROUNDS FILE BIN..." >&2
  exit 2
fi
rounds=$1 file=$2
shift 2
for _ in $(seq "$rounds"); do
  for bin in "$@"; do
    rate=$("$bin" bench-ner "$file" | sed -n 's/.*: \([0-9]*\) tokens per CPU second.*/\1/p')
    echo "$bin ${rate:?bench-ner printed no CPU-time figure}"
  done
done | python3 -c '
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in sys.stdin:
    name, rate = line.rsplit(maxsplit=1)
    runs[name].append(int(rate))
for name, r in runs.items():
    print(f"{name}: median {statistics.median(r):,.0f}, best {max(r):,} tokens per CPU second ({len(r)} runs)")
'
