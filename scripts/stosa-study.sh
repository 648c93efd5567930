#!/usr/bin/env bash
# The STOSA study (issue #15): on Amazon Beauty (the STOSA code's sequence file, not shipped; pass its folder)
# with the literature's settings (maxlen 50, d 64, full ranking over all items with the history left out,
# leave-one-out, early stopping on validation NDCG@10), SASRec (BCE) and STOSA (BPR + pvn) with the
# official mean-stream bug and fixed, then AWRSR's mechanisms on each backbone. Two runs at a time, one
# thread each, on the 2-core machine; one seed for the less important variants.
#   scripts/stosa-study.sh ../shared/datasets/amazon-beauty [runs-beauty] [stage]
#   scripts/stosa-study.sh ../shared/datasets/amazon-beauty runs-beauty runs RUN...   (one after another)
# Stages (each a few hours on 2 cores): 1 = the two backbones with seed 1; 2 = seeds 2-3 of them;
# 3 = the mechanisms on STOSA, seed 1 (3a: the same as one stream); 4 = the mechanisms on SASRec, seed 1;
# 5 = SASRec with RecBoard's Beauty setting (lr 5e-4, batch 512, dropout 0.4), a try on validation.
# A RUN is BACKBONE:MECHANISM:SEED with BACKBONE one of sasrec, stosa-ref, stosa-fix, and the same with
# RecBoard's settings: sasrec-recboard, stosa-ref-recboard, stosa-fix-recboard (its configuration files before
# 2026-04-26), sasrec-recboard2, stosa-ref-recboard2, stosa-fix-recboard2 (those of 2026-04-26, which its
# benchmark of 2026-04-27 ran with: all its epochs, the best by validation; here patience 100), e.g. sasrec:none:2, and
# optionally a fourth field of further train options, comma-separated, that also name the run's folder
# (stosa-fix:value:1:--refine-dim=16 goes to stosa-fix-value-s1-refine-dim=16); two "runs" commands side by
# side are the two lanes of a stage.
# Then the summary table.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:?the Beauty folder or file}"
out="${2:-runs-beauty}"
stage="${3:-1}"
mkdir -p "$out"
[ -f model/target/awrsr.jar ] || mvn -B -q -DskipTests package
# Rebuilding the project must not touch running runs: each command runs its own copy of the jar (of
# $AWRSR_JAR when set, e.g. to run later runs with the build of earlier ones).
jar="$out/awrsr-$stage-$$.jar"
# A copy is removed when its command exits; one killed outright (SIGKILL) leaves its copy behind: remove
# those whose command (the pid in the name, running this script) is gone.
for old in "$out"/awrsr-*-*.jar; do
  pid="${old##*-}"; pid="${pid%.jar}"
  [[ "$pid" =~ ^[0-9]+$ ]] || continue
  grep -qs stosa-study /proc/"$pid"/cmdline || rm -f "$old"
done
cp "${AWRSR_JAR:-model/target/awrsr.jar}" "$jar"
trap 'rm -f "$jar"' EXIT
awrsr() { java -XX:+UseSerialGC -jar "$jar" "$@"; }
common=(--data "$data" --maxlen 50 --dim 64 --threads 1)
stop=(--epochs 300 --patience 20)    # the study's early stopping; the recboard2 runs have their own
extra=()     # a run's further options (set by one)
suffix=""    # and what they add to its folder's name
# SASRec on Beauty as its literature trains it: 2 blocks, 1 head, dropout 0.5, BCE with one negative.
sasrec() { awrsr train "${common[@]}" "${stop[@]}" --backbone sasrec --layers 2 --heads 1 --dropout 0.5 --variant "$1" \
             --seed "$2" "${extra[@]}" --out "$out/sasrec-$1-s$2$suffix" > "$out/sasrec-$1-s$2$suffix.log" 2>&1; }
# STOSA with its README's Beauty setting: 1 block, 4 heads, hidden dropout 0.3, attention dropout 0,
# pvn-weight 0.005, batch 256, BPR; "ref" = --stosa-reference-mean-bug (the code behind the published figures).
stosa() { local bug=(); [ "$3" = ref ] && bug=(--stosa-reference-mean-bug)
          awrsr train "${common[@]}" "${stop[@]}" --backbone stosa --layers 1 --heads 4 --dropout 0.3 --attn-dropout 0 \
             --batch 256 --pvn-weight 0.005 "${bug[@]}" --variant "$1" --seed "$2" "${extra[@]}" \
             --out "$out/stosa-$3-$1-s$2$suffix" > "$out/stosa-$3-$1-s$2$suffix.log" 2>&1; }
# SASRec with RecBoard's Beauty configuration (MTandHJ/RecBoard, SASRec/configs/Amazon2014Beauty_550_LOU.yaml;
# its Adam has betas 0.9/0.999 and weight decay 1e-8, ours 0.9/0.98 and none).
recboard() { awrsr train "${common[@]}" "${stop[@]}" --backbone sasrec --layers 2 --heads 1 --dropout 0.4 --lr 5e-4 --batch 512 \
               --variant "$1" --seed "$2" "${extra[@]}" --out "$out/sasrec-recboard-$1-s$2$suffix" \
               > "$out/sasrec-recboard-$1-s$2$suffix.log" 2>&1; }
# STOSA with RecBoard's Beauty configuration (STOSA/configs/Amazon2014Beauty_550_LOU.yaml: batch 512, attention
# dropout 0.1, hidden 0.3, pvn-weight 0.001, lr 1e-3).
stosa_recboard() { local bug=(); [ "$3" = ref ] && bug=(--stosa-reference-mean-bug)
          awrsr train "${common[@]}" "${stop[@]}" --backbone stosa --layers 1 --heads 4 --dropout 0.3 --attn-dropout 0.1 \
             --batch 512 --pvn-weight 0.001 "${bug[@]}" --variant "$1" --seed "$2" "${extra[@]}" \
             --out "$out/stosa-$3-recboard-$1-s$2$suffix" > "$out/stosa-$3-recboard-$1-s$2$suffix.log" 2>&1; }
# RecBoard's configurations of 2026-04-26 (commit 5e6da0b), the ones its published Beauty runs used: SASRec dropout 0.5,
# lr 5e-4, batch 512, weight decay 1e-6, 300 epochs; STOSA attention dropout 0.5, hidden 0.2, pvn 0.001, lr 5e-4,
# batch 512, weight decay 1e-6, 500 epochs. Its Adam has betas 0.9/0.999 (ours 0.9/0.98).
recboard2() { awrsr train "${common[@]}" --epochs 300 --patience 100 --backbone sasrec --layers 2 --heads 1 \
                --dropout 0.5 --lr 5e-4 --batch 512 --weight-decay 1e-6 --variant "$1" --seed "$2" "${extra[@]}" \
                --out "$out/sasrec-recboard2-$1-s$2$suffix" > "$out/sasrec-recboard2-$1-s$2$suffix.log" 2>&1; }
stosa_recboard2() { local bug=(); [ "$3" = ref ] && bug=(--stosa-reference-mean-bug)
          awrsr train "${common[@]}" --epochs 500 --patience 100 --backbone stosa --layers 1 --heads 4 --dropout 0.2 \
             --attn-dropout 0.5 --batch 512 --lr 5e-4 --weight-decay 1e-6 --pvn-weight 0.001 "${bug[@]}" --variant "$1" \
             --seed "$2" "${extra[@]}" --out "$out/stosa-$3-recboard2-$1-s$2$suffix" \
             > "$out/stosa-$3-recboard2-$1-s$2$suffix.log" 2>&1; }
one() { local options
        IFS=: read -r backbone mechanism seed options <<< "$1"
        extra=(); suffix=""
        if [ -n "$options" ]; then
          IFS=, read -r -a extra <<< "$options"
          suffix="-$(printf '%s' "$options" | sed 's/^--//; s/,--/-/g; s/,/-/g')"
        fi
        case "$backbone" in
          sasrec) sasrec "$mechanism" "$seed" ;;
          sasrec-recboard) recboard "$mechanism" "$seed" ;;
          stosa-ref) stosa "$mechanism" "$seed" ref ;;
          stosa-fix) stosa "$mechanism" "$seed" fix ;;
          stosa-ref-recboard) stosa_recboard "$mechanism" "$seed" ref ;;
          stosa-fix-recboard) stosa_recboard "$mechanism" "$seed" fix ;;
          sasrec-recboard2) recboard2 "$mechanism" "$seed" ;;
          stosa-ref-recboard2) stosa_recboard2 "$mechanism" "$seed" ref ;;
          stosa-fix-recboard2) stosa_recboard2 "$mechanism" "$seed" fix ;;
          *) echo "unknown backbone in $1 (sasrec, sasrec-recboard, sasrec-recboard2, stosa-ref, stosa-fix," \
                  "stosa-ref-recboard, stosa-fix-recboard, stosa-ref-recboard2, stosa-fix-recboard2)" >&2; exit 2 ;;
        esac; }
case "$stage" in
  1) ( stosa none 1 ref; stosa none 1 fix ) & ( sasrec none 1 ) & wait ;;
  2) ( stosa none 2 ref; stosa none 3 ref; stosa none 2 fix ) & ( sasrec none 2; sasrec none 3; stosa none 3 fix ) & wait ;;
  3) ( stosa simple 1 fix; stosa additive 1 fix ) & ( stosa value 1 fix; stosa stochastic 1 fix ) & wait ;;
  3a) stosa value 1 fix; stosa stochastic 1 fix; stosa simple 1 fix; stosa additive 1 fix ;;   # one stream
  4) ( sasrec simple 1; sasrec additive 1 ) & ( sasrec value 1 ) & wait ;;
  5) recboard none 1 ;;
  runs) shift 3; for r in "$@"; do one "$r"; done ;;
  *) echo "unknown stage $stage (1, 2, 3, 3a, 4, 5, runs)" >&2; exit 2 ;;
esac
awrsr summary "$out"/*/
