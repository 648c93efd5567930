#!/usr/bin/env bash
# STOSA and AWRSR's mechanisms on it on the shipped MovieLens data, seed 1 (README, "STOSA", "On the shipped
# MovieLens data"): the command line's defaults (n 200, d 64, 2 × 2 heads, BPR + pvn 0.005) with patience 40;
# the plain backbone and the stochastic mechanism for at most 120 epochs, value, additive and simple for 80.
# The mechanisms are compared by their best validation NDCG@10 up to epoch 80 (read from each run's log), the
# best one ships beside the backbone: the checkpoint's files (awrsr-checkpoint, config.json, items.tsv, *.bin)
# of OUT/stosa-none to assets/models/stosa and of OUT/stosa-MECHANISM to assets/models/awrsr-MECHANISM-stosa,
# each with its log (OUT/stosa-V.log) as train.log.
# About 80 minutes on one core.
#   scripts/stosa-movielens.sh [OUT] [VARIANT:EPOCHS ...]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-runs-stosa-movielens}"
shift || true
specs=("$@")
[ ${#specs[@]} -gt 0 ] || specs=(none:120 stochastic:120 value:80 additive:80 simple:80)
mkdir -p "$out"
[ -f model/target/awrsr.jar ] || mvn -B -q -DskipTests package
folders=()
for spec in "${specs[@]}"; do
  variant="${spec%%:*}" epochs="${spec##*:}"
  bin/awrsr train --data movielens-small --backbone stosa --variant "$variant" --epochs "$epochs" --patience 40 \
    --seed 1 --threads 1 --out "$out/stosa-$variant" > "$out/stosa-$variant.log" 2>&1
  folders+=("$out/stosa-$variant")
done
echo "best validation NDCG@10 up to epoch 80 (epoch):"
for folder in "${folders[@]}"; do
  awk -v run="$(basename "$folder")" '$1 == "epoch" && $2 <= 80 && $9 > best { best = $9; at = $2 }
       END { printf "  %s %.4f (%d)\n", run, best, at }' "$folder.log"
done
bin/awrsr summary "${folders[@]}"
