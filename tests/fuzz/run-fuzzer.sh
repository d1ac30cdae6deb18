#!/bin/sh
# Runs a libFuzzer binary for a short, bounded, repeatable run (fixed seed,
# fixed number of inputs) on its seed corpus.
# New inputs and crash files go to the build dir, never into the sources.
# Usage: run-fuzzer.sh FUZZER SEED-DIR WORK-DIR [RUNS]
set -eu
fuzzer=$1 seeds=$2 work=$3 runs=${4:-20000}
mkdir -p "$work/corpus"
# libFuzzer's own exit code for a crash is 77, which meson reads as
# "skipped": a crash, a leak or a slow input must fail the test.
exec "$fuzzer" -runs="$runs" -max_total_time=30 -timeout=5 -rss_limit_mb=2048 \
  -error_exitcode=1 -timeout_exitcode=1 -seed=1 \
  -artifact_prefix="$work/" "$work/corpus" "$seeds"
