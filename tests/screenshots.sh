#!/bin/sh
# Makes the screenshots of every screen, in landscape (1920×1080) and
# portrait (1080×1920), German and English, by running the UI tests, and
# says where they are. Usage: tests/screenshots.sh [BUILDDIR]
set -eu
cd "$(dirname "$0")/.."
build="${1:-_build}"
[ -f "$build/build.ninja" ] || meson setup "$build"
ninja -C "$build"
meson test -C "$build" --suite ui --print-errorlogs
echo "Screenshots:"
ls -1 "$build/tests/screenshots/"*.png
