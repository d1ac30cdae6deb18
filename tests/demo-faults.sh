#!/bin/sh
# The real kiosk on the demo town, once per fault of the demo server: it
# must show its cached data, record the error, keep running and keep
# answering (its main loop handles SIGUSR1). Run inside tests/run-in-x.sh.
# Usage: demo-faults.sh ANKERORT
set -u

bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/cache"
export G_MESSAGES_DEBUG=kiosk-source
export GSETTINGS_BACKEND=memory
failures=0

fail () {
  echo "FAIL: $*"
  sed 's/^/  | /' "$work/log"
  failures=$((failures + 1))
}

# Waits until the kiosk's log has a line matching $1 (grep -E), at most
# 60 s: a busy machine is slow, a condition is never early.
wait_for_log () {
  tries=0
  until grep -E -q "$1" "$work/log"; do
    tries=$((tries + 1))
    [ "$tries" -gt 600 ] && return 1
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
}

# Runs the kiosk with ANKERORT_DEMO_FAULT=$1 until its log has the lines
# $2 and, when given, $3 (regexes; the cache loads and the refresh runs at
# the same time, so either may come first).
run_kiosk () {
  ANKERORT_DEMO_FAULT=$1 "$bin" --demo --windowed >"$work/log" 2>&1 &
  pid=$!
  if ! wait_for_log "$2" || { [ -n "${3:-}" ] && ! wait_for_log "$3"; }; then
    if kill -0 "$pid" 2>/dev/null; then
      fail "$1: the places source did not show its cache and end its refresh in 60 s"
    else
      fail "$1: the kiosk exited"
      return
    fi
  fi
  kill -USR1 "$pid"
  if ! wait_for_log "Musterdorf is offline"; then
    fail "$1: the kiosk does not answer"
  fi
  kill "$pid"
  wait "$pid" 2>/dev/null
  if grep -E -q "CRITICAL|ERROR|Segmentation" "$work/log"; then
    fail "$1: criticals in the log"
  fi
}

# First a healthy start fills the cache.
run_kiosk "" "Refreshed “musterdorf-places”: 27 items"
if ! grep -q "Musterdorf is offline" "$work/log"; then
  echo "Bail out! the kiosk did not start"
  cat "$work/log"
  exit 1
fi

for fault in status:503 truncate garbage huge:67108864 reset wrong-type changing-etag delay:8000; do
  case $fault in
    # a slow or changing server still answers: wait for the cache only
    delay*|changing-etag) done_line="“musterdorf-places”: 27 cached items shown" ;;
    *) done_line="Refreshing “musterdorf-places” failed" ;;
  esac
  run_kiosk "$fault" "“musterdorf-places”: 27 cached items shown" "$done_line"
  if ! grep -q "“musterdorf-places”: 27 cached items shown" "$work/log"; then
    fail "$fault: the cached places were not shown"
  fi
  case $fault in
    delay*|changing-etag) ;;
    *)
      if ! grep -q "Refreshing “musterdorf-places” failed" "$work/log"; then
        fail "$fault: no error recorded"
      fi
      ;;
  esac
  [ "$failures" -eq 0 ] && echo "ok: $fault: $(grep -o 'failed: .*' "$work/log" | head -n1)"
done

[ "$failures" -eq 0 ]
