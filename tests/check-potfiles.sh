#!/bin/sh
# POTFILES.in must be sorted and list every file with translatable strings.
set -eu
cd "$1"
status=0
if ! LC_ALL=C sort -c po/POTFILES.in 2>/dev/null; then
  echo "po/POTFILES.in is not sorted" >&2
  status=1
fi
for f in $(grep -lE '(_|N_|C_|ngettext)\s*\(\s*"' src -r --include='*.c' | sort) \
         $(grep -l 'translatable="yes"' ui -r --include='*.ui' | sort); do
  if ! grep -qx "$f" po/POTFILES.in; then
    echo "$f has translatable strings but is missing from po/POTFILES.in" >&2
    status=1
  fi
done
while read -r f; do
  [ -z "$f" ] && continue
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist" >&2
    status=1
  fi
done < po/POTFILES.in
exit $status
