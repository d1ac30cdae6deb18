#!/bin/sh
# The kiosk session's systemd user unit parses without a complaint, starts
# the kiosk full screen (--kiosk) under cage, restarts it and watches it;
# the desktop menu's entry starts the windowed mode.
#   check-unit.sh UNIT DESKTOP_FILE
set -u
unit=$1
desktop=$2
status=0

fail () {
  echo "FAIL: $*" >&2
  status=1
}

grep -q '^ExecStart=cage -- .*/ankerort --kiosk$' "$unit" || fail "$unit: ExecStart is not cage -- ankerort --kiosk"
grep -q '^Restart=always$' "$unit" || fail "$unit: no Restart=always"
grep -q '^WatchdogSec=' "$unit" || fail "$unit: no WatchdogSec"
grep -q '^Type=notify$' "$unit" || fail "$unit: not Type=notify"
grep -q '^NotifyAccess=all$' "$unit" || fail "$unit: the kiosk is cage's child: NotifyAccess=all is needed"
grep -q '^Exec=ankerort --windowed$' "$desktop" || fail "$desktop: the menu entry does not start --windowed"

# systemd-analyze exits 0 even when it ignores a line: any output is a failure.
if command -v systemd-analyze >/dev/null 2>&1; then
  runtime=$(mktemp -d)
  out=$(XDG_RUNTIME_DIR=$runtime systemd-analyze --user verify --man=no "$unit" 2>&1)
  rc=$?
  rm -rf "$runtime"
  if [ $rc -ne 0 ] || [ -n "$out" ]; then
    fail "systemd-analyze verify $unit: $out"
  fi
else
  echo "skip: systemd-analyze is not installed"
fi

[ $status -eq 0 ] && echo PASS
exit $status
