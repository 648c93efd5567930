#!/usr/bin/env bash
# Checks a built app-image (jpackage/build.sh) the way a user meets it: from another folder, with an empty
# user cache, the `awrsr` launcher answers `predict --json` with the shipped default model, and
# `evaluate --json` (which relaunches itself with the allocator settings) ranks all 671 users.
set -euo pipefail
cd "$(dirname "$0")/.."
image=${1:-target/jpackage/awrsr-workbench}
image=$(cd "$image" && pwd)
for launcher in awrsr awrsr-workbench; do
  [ -x "$image/bin/$launcher" ] || { echo "check: $image/bin/$launcher is missing" >&2; exit 1; }
done
[ -f "$image/lib/app/assets/models/awrsr-value/config.json" ] || { echo "check: the default model is not in the image" >&2; exit 1; }
[ -z "$(find "$image/lib/app/assets/models" -name 'optimizer-*')" ] || { echo "check: a model in the image carries its optimizer state" >&2; exit 1; }
[ -f "$image/lib/app/assets/lessons/toy-copy.awrsr-lesson" ] || { echo "check: the toy lessons are not in the image" >&2; exit 1; }
[ -f "$image/share/applications/awrsr-workbench.desktop" ] || { echo "check: no desktop entry" >&2; exit 1; }
completion="$image/lib/app/awrsr-completion.bash"
bash -n "$completion" && grep -q -- "--refine-dim" "$completion" || { echo "check: no bash completion for awrsr" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state"
unset DJL_CACHE_DIR
"$image/bin/awrsr" predict --items 1,260,1196 --top 5 --json > predict.json 2> predict.err || {
  echo "check: awrsr predict failed:" >&2; cat predict.err >&2; exit 1; }
grep -q '"top":\[{"item":[0-9]*,"title":"[^"]' predict.json || { echo "check: unexpected output:" >&2; cat predict.json >&2; exit 1; }
[ "$(grep -o '"item":' predict.json | wc -l)" -eq 5 ] || { echo "check: expected 5 items:" >&2; cat predict.json >&2; exit 1; }
grep -q "first start: unpacking the PyTorch engine" predict.err || { echo "check: no unpacking notice on the first start" >&2; cat predict.err >&2; exit 1; }
[ -n "$(find "$XDG_CACHE_HOME/awrsr/djl" -name 'libtorch_cpu.so' 2>/dev/null)" ] || { echo "check: libtorch is not in the user cache" >&2; exit 1; }
# evaluate relaunches itself with the allocator settings: the jpackage launcher must start again cleanly
env -u MALLOC_MMAP_THRESHOLD_ -u MALLOC_TRIM_THRESHOLD_ -u MALLOC_ARENA_MAX "$image/bin/awrsr" evaluate --json > evaluate.json 2> evaluate.err || {
  echo "check: awrsr evaluate failed:" >&2; cat evaluate.err >&2; exit 1; }
grep -q '"users":671' evaluate.json || { echo "check: unexpected evaluate output:" >&2; cat evaluate.json >&2; exit 1; }
"$image/bin/awrsr" --help > /dev/null
"$image/bin/awrsr" train --help | grep -q -- "--refine-dim=r" || { echo "check: no help for awrsr train" >&2; exit 1; }
# doctor needs the management modules of the trimmed runtime; a refused command leaves its trace in the log
"$image/bin/awrsr" doctor --json > doctor.json 2> doctor.err || { echo "check: awrsr doctor failed:" >&2; cat doctor.err >&2; exit 1; }
grep -q '"engine":"PyTorch 2.7.1"' doctor.json || { echo "check: unexpected doctor output:" >&2; cat doctor.json >&2; exit 1; }
if "$image/bin/awrsr" evaluate --model "$work/nowhere" 2> refused.err; then echo "check: a missing model was accepted" >&2; exit 1; fi
[ "$(wc -l < refused.err)" -eq 1 ] || { echo "check: not one line:" >&2; cat refused.err >&2; exit 1; }
grep -q "not a checkpoint folder" "$XDG_STATE_HOME/awrsr/awrsr.log" || { echo "check: nothing in the log" >&2; exit 1; }
echo "check: $image: awrsr predict --json answered: $(cat predict.json)"
echo "check: sizes: image $(du -sh "$image" | cut -f1), runtime $(du -sh "$image/lib/runtime" | cut -f1), engine cache after the first start $(du -sh "$XDG_CACHE_HOME/awrsr/djl" | cut -f1)"
