#!/bin/sh
# The kiosk under a real Wayland kiosk compositor (cage) fits outputs from
# 1024×768 to 3840×2160 in both orientations: the window's allocation (from
# its log) equals the output's size (from a grim screenshot), so nothing is
# cut off and nothing is left uncovered. Headless outputs (1280×720, rotated
# 720×1280) and, for other sizes, cage's X11 backend in an Xvfb screen of that
# size. cage refuses to run as root: as root the test runs the compositor as
# an unprivileged user. Usage: cage-fit.sh ANKERORT [SCREENSHOT_DIR]
set -u
unset DISPLAY WAYLAND_DISPLAY

ankerort="$1"
shots="${2:-$(pwd)/screenshots}"

for tool in cage grim Xwayland Xvfb matchbox-window-manager dbus-run-session; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "1..0 # SKIP $tool is not installed"
    exit 77
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
chmod 755 "$work"
mkdir -p "$shots"

user=""
if [ "$(id -u)" = 0 ]; then
  user=ankerort-test
  if ! id "$user" >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$user" || exit 1
  fi
  # The binary must be reachable for that user, wherever the build is.
  if ! setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups test -x "$ankerort"; then
    cp "$ankerort" "$work/ankerort"
    chmod 755 "$work/ankerort"
    ankerort="$work/ankerort"
  fi
fi

as_user () {
  if [ -n "$user" ]; then
    setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups "$@"
  else
    "$@"
  fi
}

# The PNG header holds the image's width and height (big-endian, bytes 16-23).
png_size () {
  od -An -tu1 -j16 -N8 "$1" |
    awk '{ printf "%d×%d\n", (($1*256+$2)*256+$3)*256+$4, (($5*256+$6)*256+$7)*256+$8 }'
}

failures=0
n=0

# run NAME BACKEND [CAGE_OPTION]: the demo kiosk in cage, then a screenshot.
run () {
  name="$1"
  backend="$2"
  shift 2
  dir="$work/$name"
  mkdir -p "$dir/home" "$dir/runtime"
  chmod 700 "$dir/runtime"
  [ -n "$user" ] && chown -R "$user" "$dir"
  n=$((n + 1))

  # Inside cage: start the kiosk, wait until it has allocated its window and
  # the demo's data has arrived, take the screenshot, end.
  cat >"$dir/session.sh" <<EOF
#!/bin/sh
"$ankerort" --demo >"$dir/kiosk.log" 2>&1 &
kiosk=\$!
i=0
while ! grep -q "Window allocated" "$dir/kiosk.log" && [ \$i -lt 300 ]; do
  sleep 0.1; i=\$((i + 1))
done
sleep 4
grim "$dir/shot.png"
kill \$kiosk
EOF
  chmod 755 "$dir/session.sh"

  as_user env -i PATH="$PATH" HOME="$dir/home" XDG_RUNTIME_DIR="$dir/runtime" \
    XDG_CONFIG_HOME="$dir/home/config" XDG_CACHE_HOME="$dir/home/cache" \
    XDG_DATA_HOME="$dir/home/data" XDG_STATE_HOME="$dir/home/state" \
    ${DISPLAY:+DISPLAY=$DISPLAY} WLR_BACKENDS="$backend" WLR_LIBINPUT_NO_DEVICES=1 \
    GDK_BACKEND=wayland GSETTINGS_BACKEND=memory GSK_RENDERER=cairo GTK_A11Y=none \
    G_MESSAGES_DEBUG=kiosk-window LANG=C.UTF-8 \
    timeout 90 dbus-run-session -- cage "$@" -- "$dir/session.sh" >"$dir/cage.log" 2>&1

  window=$(sed -n 's/.*Window allocated \([0-9]*×[0-9]*\).*/\1/p' "$dir/kiosk.log" | tail -n 1)
  if [ ! -s "$dir/shot.png" ] || [ -z "$window" ]; then
    echo "not ok $n - $name: no screenshot or no window size"
    tail -n 20 "$dir/kiosk.log" "$dir/cage.log" | sed 's/^/# /'
    failures=$((failures + 1))
    return
  fi
  output=$(png_size "$dir/shot.png")
  cp "$dir/shot.png" "$shots/cage-$name.png"
  if [ "$window" = "$output" ]; then
    echo "ok $n - $name: window $window on a $output output"
  else
    echo "not ok $n - $name: window $window on a $output output"
    failures=$((failures + 1))
  fi
}

# run_in_x NAME WIDTHxHEIGHT: cage's X11 backend takes the size of its X
# window, which the window manager makes as large as the screen.
run_in_x () {
  fifo="$work/display-$1"
  exec 3>"$fifo"
  Xvfb -displayfd 3 -screen 0 "$2x24" -nolisten tcp -noreset >/dev/null 2>&1 &
  x_pid=$!
  i=0
  while [ ! -s "$fifo" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  exec 3>&-
  DISPLAY=":$(head -n 1 "$fifo")"
  export DISPLAY
  matchbox-window-manager -use_titlebar no >/dev/null 2>&1 &
  wm_pid=$!
  run "$1" x11
  unset DISPLAY
  kill "$wm_pid" "$x_pid" 2>/dev/null
  wait "$wm_pid" "$x_pid" 2>/dev/null
}

echo "1..8"
run headless-1280x720 headless
run headless-720x1280 headless -r
run_in_x x11-1080x1920 1080x1920
run_in_x x11-1280x800 1280x800
run_in_x x11-1920x1080 1920x1080
run_in_x x11-1024x768 1024x768
run_in_x x11-768x1024 768x1024
run_in_x x11-3840x2160 3840x2160

[ "$failures" = 0 ]
