#!/bin/sh
# Runs a libFuzzer binary for a short, bounded run (fixed seed, 30 seconds
# by default) on its seed corpus and on what earlier runs found.
# New inputs and crash files go to the build dir, never into the sources.
# Usage: run-fuzzer.sh FUZZER SEED-DIR WORK-DIR [SECONDS]
set -eu
fuzzer=$1 seeds=$2 work=$3 seconds=${4:-30}
mkdir -p "$work/corpus"
# libFuzzer's own exit code for a crash is 77, which meson reads as
# "skipped": a crash, a leak, an abort (a critical), running out of memory
# or a slow input must fail the test.
exec "$fuzzer" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
  -error_exitcode=1 -timeout_exitcode=1 -seed=1 -print_final_stats=1 \
  -artifact_prefix="$work/" "$work/corpus" "$seeds"
