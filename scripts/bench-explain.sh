#!/usr/bin/env bash
# The explain and analysis sections of the bench, two jars alternating in one sitting (README, Performance,
# "Two threads that do not wait on each other"):
#   scripts/bench-explain.sh BEFORE.jar AFTER.jar OUT-DIR "MODEL THREADS" ["MODEL THREADS" ...]
# e.g. scripts/bench-explain.sh before.jar model/target/awrsr.jar bench-out "awrsr-value 2" "awrsr-value 1"
# For each "MODEL THREADS" (a folder of assets/models), runs before, after, and after with MALLOC_ARENA_MAX=1
# (and the relaunch's thresholds) in the environment, writes each bench's JSON to OUT-DIR and prints one line
# per run: model, threads, which, explain median (ms), analysis (s), the allocator line.
# Set AWRSR_PAUSE to a pgrep -f pattern to stop those processes (e.g. trainings) while it runs.
set -euo pipefail
cd "$(dirname "$0")/.."
before="${1:?the before jar}"; after="${2:?the after jar}"; out="${3:?an output folder}"; shift 3
mkdir -p "$out"
paused=""
if [ -n "${AWRSR_PAUSE:-}" ]; then
  paused=$(pgrep -f "$AWRSR_PAUSE" | tr '\n' ' ' || true)
  if [ -n "$paused" ]; then
    trap 'kill -CONT $paused' EXIT
    kill -STOP $paused
  fi
fi
skip=peak,training,ml1m,memory,evaluation,inference,toy
one_arena=(MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=17179869184 MALLOC_ARENA_MAX=1)
for spec in "$@"; do
  read -r model threads <<< "$spec"
  for which in before after after-one-arena; do
    jar="$after"; environment=()
    [ "$which" = before ] && jar="$before"
    [ "$which" = after-one-arena ] && environment=("${one_arena[@]}")
    f="$out/$model-t$threads-$which-$(date +%H%M%S).json"
    env "${environment[@]}" java -XX:+UseSerialGC -Dai.djl.offline=true -jar "$jar" bench \
      --model "assets/models/$model" --threads "$threads" --skip "$skip" > "$f" 2>> "$out/err.log"
    python3 - "$f" "$model" "$threads" "$which" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(sys.argv[2], "t" + sys.argv[3], sys.argv[4], d["explain"]["median_ms"], d["analysis"]["seconds"],
      d["machine"].get("allocator"))
PY
  done
done
