#!/usr/bin/env bash
# The performance figures of the README: `awrsr bench` on the default model with 1 and with 2 intra-op
# threads, one after the other, each written as JSON to docs/ (docs/bench-1thread.json, docs/bench-2threads.json).
# Training figures are the median of 3 timed epochs (after one untimed). Run it on an otherwise idle
# machine; the two runs take about eight minutes on 2 cores. Extra arguments go to both runs.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f model/target/awrsr.jar ] || mvn -B -q -DskipTests package
for t in 1 2; do
  name=$([ "$t" = 1 ] && echo "1thread" || echo "${t}threads")
  bin/awrsr bench --threads "$t" --epochs 3 "$@" > "docs/bench-$name.json.tmp"
  mv "docs/bench-$name.json.tmp" "docs/bench-$name.json"
  echo "wrote docs/bench-$name.json" >&2
done
