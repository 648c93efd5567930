#!/usr/bin/env bash
# Is training reproducible across processes under a given garbage collector? Trains the same model RUNS times,
# each in its own JVM started with the collector option GC (for example -XX:+UseG1GC), on the shipped
# MovieLens data, one intra-op thread, and prints how many distinct parameter files the runs wrote.
# The allocator settings go in the environment, so the command line does not relaunch itself (a relaunch
# would choose Serial GC). Behind the README's "Reproducibility".
#   scripts/gc-study.sh GC RUNS OUTDIR [VARIANT] [DROPOUT] [EPOCHS]
set -euo pipefail
cd "$(dirname "$0")/.."
gc="$1"; runs="$2"; out="$3"; variant="${4:-value}"; dropout="${5:-0}"; epochs="${6:-4}"
jar="${AWRSR_JAR:-model/target/awrsr.jar}"
[ -f "$jar" ] || mvn -B -q -DskipTests package
mkdir -p "$out"
for i in $(seq 1 "$runs"); do
  dir="$out/run-$i"
  if [ -e "$dir" ]; then echo "$dir exists: choose a new OUTDIR" >&2; exit 2; fi
  MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=17179869184 MALLOC_ARENA_MAX=1 \
    java "$gc" -Dai.djl.offline=true -jar "$jar" train --data movielens-small --variant "$variant" \
    --dropout "$dropout" --epochs "$epochs" --patience "$epochs" --threads 1 --seed 1 --out "$dir" \
    > "$out/run-$i.log" 2>&1
  sha256sum "$dir"/params-*.bin | cut -c1-16
done | tee "$out/hashes.txt"
echo "$gc $variant dropout $dropout $epochs epochs: $(sort -u "$out/hashes.txt" | wc -l) distinct of $runs runs"
