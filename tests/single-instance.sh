#!/bin/sh
# One kiosk per session: a second `ankerort --config FILE` hands the file
# to the running kiosk, which applies it live, and exits with the result.
# Run inside tests/run-in-x.sh. Usage: single-instance.sh ANKERORT
set -u

bin=$(realpath "$1")
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config"
export XDG_CACHE_HOME="$work/cache"
export XDG_DATA_HOME="$work/data"
export XDG_STATE_HOME="$work/state"
# Settings in a file the test can read back.
export GSETTINGS_BACKEND=keyfile
settings="$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
failures=0

fail () {
  echo "FAIL: $*"
  sed 's/^/  | /' "$work/log"
  failures=$((failures + 1))
}

# Waits until $1 (a file) has a line matching $2, at most 60 s.
wait_for () {
  tries=0
  until grep -E -q "$2" "$1" 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -gt 600 ] && return 1
    sleep 0.1
  done
}

printf '[Kiosk]\nplace-name=Erster Start\n' >"$work/first.conf"
"$bin" --windowed --config "$work/first.conf" >"$work/log" 2>&1 &
pid=$!
wait_for "$settings" "Erster Start" || fail "the first kiosk did not apply its own --config"

# A relative path, from another directory: the running kiosk reads the
# caller's file.
mkdir "$work/elsewhere"
printf '[Kiosk]\nplace-name=Rathaus Foyer\nidle-timeout=45\n' >"$work/elsewhere/fleet.conf"
(cd "$work/elsewhere" && timeout 60 "$bin" --config fleet.conf >"$work/second.out" 2>&1)
status=$?
[ "$status" -eq 0 ] || fail "the second ankerort exited with $status: $(cat "$work/second.out")"
# The kiosk answers in its own language; the path is in either.
grep -q "elsewhere/fleet.conf:" "$work/second.out" ||
  fail "the second ankerort did not report the hand-over: $(cat "$work/second.out")"
wait_for "$settings" "Rathaus Foyer" || fail "the running kiosk did not apply the handed file"
grep -q "idle-timeout=uint32 45\|idle-timeout=45" "$settings" || fail "idle-timeout not applied: $(cat "$settings")"
kill -0 "$pid" 2>/dev/null || fail "the running kiosk exited"

# A bad file: refused by the running kiosk with the reason, nothing applied.
printf '[Kiosk]\nplace-name=Halb\nidle-timeout=never\n' >"$work/bad.conf"
timeout 60 "$bin" --config "$work/bad.conf" >"$work/third.out" 2>&1
status=$?
[ "$status" -eq 1 ] || fail "a bad file gave exit status $status, not 1"
grep -q "bad.conf: \[Kiosk\] idle-timeout: .never." "$work/third.out" ||
  fail "the reason did not reach the caller: $(cat "$work/third.out")"
grep -q "Halb" "$settings" && fail "a bad file was half applied"
kill -0 "$pid" 2>/dev/null || fail "the running kiosk exited after a bad file"

# A config URL handed over: the running kiosk fetches it and applies it.
printf '[Kiosk]\nplace-name=Aus der Ferne\n' >"$work/remote.conf"
timeout 60 "$bin" --config-url "file://$work/remote.conf" >"$work/fourth.out" 2>&1
status=$?
[ "$status" -eq 0 ] || fail "--config-url gave exit status $status: $(cat "$work/fourth.out")"
wait_for "$settings" "Aus der Ferne" || fail "the running kiosk did not apply its new config URL"
[ -f "$XDG_STATE_HOME/ankerort/fleet.conf" ] || fail "the applied fleet file was not kept"

# Only one window ever.
windows=$(xdotool search --onlyvisible --name '^Ankerort$' 2>/dev/null | wc -l)
[ "$windows" -eq 1 ] || fail "$windows kiosk windows, not 1"

kill "$pid"
wait "$pid" 2>/dev/null
if grep -E -q "CRITICAL|Segmentation" "$work/log"; then
  fail "criticals in the kiosk's log"
fi

if [ "$failures" -gt 0 ]; then
  exit 1
fi
echo "single instance: handed over, applied live, bad file refused, config URL taken"
