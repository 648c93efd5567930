#!/usr/bin/env bash
# STOSA and AWRSR's mechanisms on it on the shipped MovieLens data, seed 1 (README, "STOSA", "On the shipped
# MovieLens data"): the command line's defaults (n 200, d 64, 2 × 2 heads, BPR + pvn 0.005) with patience 40,
# 120 epochs each. The mechanisms are compared by their best validation NDCG@10 (the summary's column); the best
# one ships beside the backbone, and the stochastic one too (STOSA's own): the checkpoint's files
# (awrsr-checkpoint, config.json, items.tsv, *.bin) of OUT/stosa-none to assets/models/stosa and of
# OUT/stosa-MECHANISM to assets/models/awrsr-MECHANISM-stosa, each with its log (OUT/stosa-V.log) as train.log.
# About an hour and a half on one core (600 epochs of 8-10 s).
#   scripts/stosa-movielens.sh [OUT] [VARIANT:EPOCHS ...]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-runs-stosa-movielens}"
shift || true
specs=("$@")
[ ${#specs[@]} -gt 0 ] || specs=(none:120 value:120 additive:120 simple:120 stochastic:120)
mkdir -p "$out"
[ -f model/target/awrsr.jar ] || mvn -B -q -DskipTests package
folders=()
for spec in "${specs[@]}"; do
  variant="${spec%%:*}" epochs="${spec##*:}"
  bin/awrsr train --data movielens-small --backbone stosa --variant "$variant" --epochs "$epochs" --patience 40 \
    --seed 1 --threads 1 --out "$out/stosa-$variant" > "$out/stosa-$variant.log" 2>&1
  folders+=("$out/stosa-$variant")
done
bin/awrsr summary "${folders[@]}"
