#!/usr/bin/env bash
# Makes docs/screenshot.png: the workbench's real window under Xvfb with the shipped default model and
# data, written by the program itself once the maps are on screen.
# Needs: xvfb (apt-get install -y xvfb libgtk-3-0).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(pwd)/${1:-docs/screenshot.png}"
mvn -B -q install -DskipTests
xvfb-run -a -s "-screen 0 1600x1000x24" mvn -B -q -pl app exec:exec -Dawrsr.args="--screenshot $out"
