#!/usr/bin/env bash
# The epochs at which a training log's loss rose by more than a share (default 5 %) over the epoch before:
#   scripts/loss-spikes.sh [--rise 0.05] runs-beauty4/*.log
# A loss that jumps while the learning rate is constant is what the garbage gradients of DJL's scalar
# constants (fixed by awrsr.nn.Scalars) left in the Beauty studies' STOSA runs; BCE on SASRec moves a few % by
# itself from epoch to epoch, so a 5 % rise there is a hint at most.
set -euo pipefail
rise=0.05
if [ "${1:-}" = --rise ]; then rise="$2"; shift 2; fi
[ $# -gt 0 ] || { echo "usage: scripts/loss-spikes.sh [--rise SHARE] LOG..." >&2; exit 2; }
for log in "$@"; do
  awk -v rise="$rise" -v name="$log" '
    $1 == "epoch" && $3 == "loss" { if (seen && $4 > prev * (1 + rise)) spikes = spikes sprintf(" %d(%.4f→%.4f)", $2, prev, $4)
                                     prev = $4; seen = 1 }
    END { print name ":" (spikes == "" ? " none" : spikes) }' "$log"
done
