#!/bin/sh
# Runs a test program under valgrind and fails when memory allocated from
# one of Ankerort's source files is definitely lost. Leaks that only the
# libraries below take part in are counted, not failed on: Ankerort cannot
# fix them. Usage: check-leaks.sh SOURCE-FILE PROGRAM ARGS...
set -eu

source_file=$1
shift
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Plain malloc, so that valgrind sees every block where it was made.
G_SLICE=always-malloc valgrind --quiet --leak-check=full --show-leak-kinds=definite \
  --num-callers=40 --log-file="$log" "$@"

# Records are separated by a line that holds only valgrind's "==PID==".
awk -v file="$source_file" '
  { sub (/^==[0-9]+== ?/, "") }
  /^$/ {
    if (record ~ /definitely lost in loss record/) {
      all++
      if (index (record, file ":") > 0) { ours++; printf "%s\n", record }
    }
    record = ""
    next
  }
  { record = record $0 "\n" }
  END {
    printf "%d definitely lost blocks, %d of them from %s\n", all, ours, file
    exit ours > 0
  }
' "$log"
