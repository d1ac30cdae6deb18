#!/bin/sh
# Runs one test program in a private X server with a window manager (so that
# fullscreen works) and a private session bus. Usage: run-in-x.sh PROGRAM ARGS...
set -eu

screen="${ANKERORT_TEST_SCREEN:-1920x1080x24}"

fifo_dir=$(mktemp -d)
trap 'kill ${wm_pid:-} ${x_pid:-} 2>/dev/null || true; rm -rf "$fifo_dir"' EXIT INT TERM

# -displayfd picks a free display number and tells us which.
exec 3>"$fifo_dir/display"
Xvfb -displayfd 3 -screen 0 "$screen" -nolisten tcp -noreset >"$fifo_dir/xvfb.log" 2>&1 &
x_pid=$!
i=0
while [ ! -s "$fifo_dir/display" ]; do
  i=$((i + 1))
  if [ $i -gt 100 ]; then
    echo "Bail out! Xvfb did not start" >&2
    cat "$fifo_dir/xvfb.log" >&2
    exit 1
  fi
  sleep 0.1
done
DISPLAY=":$(head -n1 "$fifo_dir/display")"
export DISPLAY

if command -v matchbox-window-manager >/dev/null 2>&1; then
  matchbox-window-manager -use_titlebar no >/dev/null 2>&1 &
  wm_pid=$!
fi

if command -v dbus-run-session >/dev/null 2>&1; then
  dbus-run-session -- "$@"
else
  "$@"
fi
