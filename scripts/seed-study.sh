#!/usr/bin/env bash
# The seed study behind the README's results: SASRec and AWRSR (value) with seeds 1-3, the simple and
# additive variants with seed 1, all with the command line's defaults on the shipped MovieLens data except
# --patience 200: every run trains its 200 epochs and keeps the epoch with the best validation NDCG@10, so
# no variant is cut short by a plateau. Then the summary table. About 2 hours on 2 cores.
# The shipped models are the seed-1 runs: cp -r runs/none-s1 assets/models/sasrec; runs/value-s1 -> awrsr-value.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-runs}"
mkdir -p "$out"
mvn -B -q -DskipTests package
run() { bin/awrsr train --data movielens-small --variant "$1" --seed "$2" --patience 200 --out "$out/$1-s$2" \
        --threads 1 > "$out/$1-s$2.log" 2>&1; }
( run none 1; run value 1; run none 3; run simple 1 ) &
( run value 2; run none 2; run value 3; run additive 1 ) &
wait
bin/awrsr summary "$out"/none-s1 "$out"/none-s2 "$out"/none-s3 "$out"/value-s1 "$out"/value-s2 "$out"/value-s3 \
  "$out"/simple-s1 "$out"/additive-s1
