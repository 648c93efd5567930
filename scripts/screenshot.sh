#!/usr/bin/env bash
# Makes a PNG of the workbench's real window under Xvfb, written by the program itself once the maps are on
# screen: scripts/screenshot.sh docs/screenshot.png          (default model and user, Explore tab)
#         scripts/screenshot.sh docs/training.png --train    (Train tab, AWRSR training, after epoch 5)
#         scripts/screenshot.sh docs/analyse.png --analyse   (Analyse tab, every user; about two minutes)
#         scripts/screenshot.sh docs/presentation.png --presentation   (1280 x 720 screen, presentation mode)
#         scripts/screenshot.sh docs/stosa.png --model assets/models/stosa --user 11     (any window option)
#         scripts/screenshot.sh docs/lesson.png --presentation --lesson assets/lessons/toy-copy.awrsr-lesson --scene 3
# Options after the file go to the window (awrsr-workbench --help); relative paths are read from here.
# Needs: xvfb (apt-get install -y xvfb libgtk-3-0).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshot.png}"
[[ "$out" = /* ]] || out="$(pwd)/$out"        # relative to the repository, an absolute path as given
shift || true
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --train) extra+=(--train --out "$(mktemp -d)/model" --shot-after 5) ;;
    --presentation) extra+=(--presentation); screen="1280x720x24" ;;
    --model|--lesson) extra+=("$1" "$(realpath "$2")"); shift ;;
    *) extra+=("$1") ;;
  esac
  shift
done
mvn -B -q install -DskipTests
xvfb-run -a -s "-screen 0 ${screen:-1600x1000x24}" mvn -B -q -pl app exec:exec -Dawrsr.args="--screenshot $out ${extra[*]}"
