#!/bin/sh
# Makes the screenshots of every screen, in landscape (1920×1080) and
# portrait (1080×1920), German and English, in large text, high contrast
# and reach mode (layout-*), and under cage at other outputs (cage-*), by
# running the UI tests, and says where they are. The README's pictures are
# layout-portrait-de-event-plain, layout-portrait-de-events-reach,
# layout-landscape-de-events-contrast and layout-landscape-en-event-large,
# halved, in data/screenshots/. Usage: tests/screenshots.sh [BUILDDIR]
set -eu
cd "$(dirname "$0")/.."
build="${1:-_build}"
[ -f "$build/build.ninja" ] || meson setup "$build"
ninja -C "$build"
meson test -C "$build" --suite ui --print-errorlogs
echo "Screenshots:"
ls -1 "$build/tests/screenshots/"*.png
