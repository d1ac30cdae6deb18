#!/bin/sh
# The kiosk session's systemd user unit parses without a complaint, starts
# the kiosk full screen (--kiosk) under cage, restarts it and watches it;
# the desktop menu's entry starts the windowed mode.
# The alive checker restarts the kiosk when its alive file is older than
# two minutes, and leaves it alone otherwise.
#   check-unit.sh UNIT DESKTOP_FILE ALIVE_SERVICE ALIVE_TIMER
set -u
unit=$1
desktop=$2
alive=$3
timer=$4
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
  for file in "$unit" "$alive" "$timer"; do
    runtime=$(mktemp -d)
    out=$(XDG_RUNTIME_DIR=$runtime systemd-analyze --user verify --man=no "$file" 2>&1)
    rc=$?
    rm -rf "$runtime"
    if [ $rc -ne 0 ] || [ -n "$out" ]; then
      fail "systemd-analyze verify $file: $out"
    fi
  done
else
  echo "skip: systemd-analyze is not installed"
fi

# The checker's command, as systemd runs it: %t is $XDG_RUNTIME_DIR, $$ is $.
work=$(mktemp -d)
mkdir -p "$work/bin" "$work/run/ankerort" "$work/run/app/io.github.ankerort.Ankerort"
printf '#!/bin/sh\necho "$*" >>"%s/restarts"\n' "$work" >"$work/bin/systemctl"
chmod +x "$work/bin/systemctl"
command=$(sed -n "s/^ExecStart=\/bin\/sh -c '\(.*\)'$/\1/p" "$alive" |
          sed -e "s|%t|$work/run|g" -e 's/\$\$/$/g')
[ -n "$command" ] || fail "$alive: no ExecStart=/bin/sh -c '…'"
check_alive () {
  rm -f "$work/restarts"
  PATH="$work/bin:$PATH" /bin/sh -c "$command" >/dev/null
}
check_alive
[ -e "$work/restarts" ] && fail "$alive: restarts the kiosk without an alive file"
touch "$work/run/app/io.github.ankerort.Ankerort/alive"
check_alive
[ -e "$work/restarts" ] && fail "$alive: restarts the kiosk whose alive file is fresh"
touch -d '3 minutes ago' "$work/run/app/io.github.ankerort.Ankerort/alive"
check_alive
grep -qx -- '--user try-restart ankerort-kiosk.service' "$work/restarts" 2>/dev/null ||
  fail "$alive: does not restart the Flatpak kiosk whose alive file is 3 minutes old"
rm "$work/run/app/io.github.ankerort.Ankerort/alive"
touch -d '3 minutes ago' "$work/run/ankerort/alive"
check_alive
grep -qx -- '--user try-restart ankerort-kiosk.service' "$work/restarts" 2>/dev/null ||
  fail "$alive: does not restart the kiosk whose alive file is 3 minutes old"
rm -rf "$work"

[ $status -eq 0 ] && echo PASS
exit $status
