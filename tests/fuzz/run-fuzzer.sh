#!/bin/sh
# Runs a libFuzzer binary for a short, bounded time on its seed corpus.
# New inputs and crash files go to the build dir, never into the sources.
# Usage: run-fuzzer.sh FUZZER SEED-DIR WORK-DIR [RUNS]
set -eu
fuzzer=$1 seeds=$2 work=$3 runs=${4:-50000}
mkdir -p "$work/corpus"
exec "$fuzzer" -runs="$runs" -max_total_time=10 -timeout=5 -rss_limit_mb=2048 \
  -artifact_prefix="$work/" "$work/corpus" "$seeds"
