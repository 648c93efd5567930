#!/usr/bin/env bash
# Times the window's start from the installed or built launcher: from the launch to the default user's
# maps and predictions on screen (the window is usable), RUNS times, under Xvfb when there is no display.
#   jpackage/startup-time.sh [LAUNCHER] [RUNS]      default: the app-image's bin/awrsr-workbench, 5 runs
# The first run of a fresh user cache also unpacks the engine: run with XDG_CACHE_HOME=$(mktemp -d) to see it.
set -euo pipefail
cd "$(dirname "$0")/.."
launcher=${1:-target/jpackage/awrsr-workbench/bin/awrsr-workbench}
runs=${2:-5}
launcher=$(readlink -f "$launcher")
one() {
  local t0 line
  t0=$(date +%s%3N)
  line=$("$launcher" --startup-time 2>/dev/null | grep '^{' | tail -1)
  ready=$(echo "$line" | sed 's/.*"ready_epoch_ms":\([0-9]*\).*/\1/')
  echo "{\"launch_to_ready_ms\":$((ready - t0)),${line#\{}"
}
for i in $(seq 1 "$runs"); do
  if [ -z "${DISPLAY:-}" ]; then
    xvfb-run -a -s "-screen 0 1600x1000x24" bash -c "$(declare -f one); launcher='$launcher'; one"
  else
    one
  fi
done
