#!/usr/bin/env bash
# Makes a PNG of the workbench's real window under Xvfb, written by the program itself once the maps are on
# screen: scripts/screenshot.sh docs/screenshot.png          (default model and user, Explore tab)
#         scripts/screenshot.sh docs/training.png --train    (Train tab, AWRSR training, after epoch 5)
#         scripts/screenshot.sh docs/analyse.png --analyse   (Analyse tab, every user; about two minutes)
#         scripts/screenshot.sh docs/presentation.png --presentation   (1280 x 720 screen, presentation mode)
# Needs: xvfb (apt-get install -y xvfb libgtk-3-0).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(pwd)/${1:-docs/screenshot.png}"
shift || true
extra=""
if [ "${1:-}" = "--train" ]; then
  extra="--train --out $(mktemp -d)/model --shot-after 5"
elif [ "${1:-}" = "--analyse" ]; then
  extra="--analyse"
elif [ "${1:-}" = "--presentation" ]; then
  extra="--presentation"
  screen="1280x720x24"
fi
mvn -B -q install -DskipTests
xvfb-run -a -s "-screen 0 ${screen:-1600x1000x24}" mvn -B -q -pl app exec:exec -Dawrsr.args="--screenshot $out $extra"
