#!/bin/sh
# The layers of src/ (see data/docs/architecture.md), checked on the source:
#   core  <  model, formats, store, media, demo  <  views  <  shell
# A file may include headers of its own layer and the layers below only.
# Views include nothing of src/store but the kiosk-services.h facade and
# the settings (kiosk-config.h), and
# neither speak HTTP nor SQL; one SoupSession in all, the fetcher's.
# Also: no hidden state (object data in views and shell), no private glibc
# symbols, no global application lookups outside the shell, and every enum
# of a public header registered with glib-mkenums.
set -eu
cd "${1:-.}"
status=0

fail () {
  echo "$*" >&2
  status=1
}

# The header NAME lives in which layer directory?
layer_of () {
  for dir in core model formats store media demo views shell; do
    if [ -f "src/$dir/$1" ]; then
      echo "$dir"
      return
    fi
  done
}

check_dir () {
  dir=$1
  shift
  for file in src/"$dir"/*.[ch]; do
    for header in $(sed -n 's/^#include "\(kiosk-[^"]*\)".*/\1/p' "$file"); do
      layer=$(layer_of "$header")
      [ -z "$layer" ] && continue
      for forbidden in "$@"; do
        if [ "$layer" = "$forbidden" ]; then
          fail "$file includes $header from src/$layer, a layer above it"
        fi
      done
    done
  done
}

check_dir core model formats store media demo views shell
for lower in model formats store media demo; do
  check_dir "$lower" views shell
done
check_dir views shell

# Views show; the store does the work. From src/store a view includes only
# the facade kiosk-services.h (list models and async calls) and the
# settings it shows (kiosk-config.h), never the fetcher, the sources, the
# outbox or the database behind them.
for file in src/views/*.[ch]; do
  for header in $(sed -n 's/^#include "\(kiosk-[^"]*\)".*/\1/p' "$file"); do
    if [ "$(layer_of "$header")" = store ] && [ "$header" != kiosk-services.h ] &&
       [ "$header" != kiosk-config.h ]; then
      fail "$file includes $header: views reach the store through kiosk-services.h only"
    fi
  done
done

# No view speaks HTTP or SQL itself.
if grep -n 'libsoup/\|SoupSession\|soup_session_\|sqlite3' src/views/*.[ch]; then
  fail "src/views uses libsoup or SQLite (above): go through KioskServices"
fi

# One HTTP client for the whole kiosk: the fetcher's session. (The demo
# town is a server; tests may have clients of their own.)
sessions=$(grep -rln 'soup_session_new\|g_object_new (SOUP_TYPE_SESSION' src | grep -v '^src/demo/' | sort)
if [ "$sessions" != "src/store/kiosk-fetcher.c" ] ||
   [ "$(grep -c 'soup_session_new\|g_object_new (SOUP_TYPE_SESSION' src/store/kiosk-fetcher.c)" != 1 ]; then
  fail "a SoupSession is made outside KioskFetcher (or twice in it): $sessions"
fi

# Views reach the window through signals and actions, never by name.
if grep -n 'KIOSK_WINDOW\|KIOSK_APPLICATION\|kiosk_window_\|kiosk_application_' src/views/*.c; then
  fail "src/views names the window or the application (above)"
fi

if grep -rn 'g_object_set_data\|g_object_get_data\|g_object_steal_data' src/views src/shell; then
  fail "src/views or src/shell keep state as object data (above): use fields"
fi

if grep -rn '_nl_msg_cat_cntr' src; then
  fail "glibc's private _nl_msg_cat_cntr is used (above)"
fi

if grep -rn 'g_application_get_default' src | grep -v '^src/shell/\|^src/main.c'; then
  fail "g_application_get_default outside src/shell (above): pass what is needed in"
fi

for header in $(grep -rl 'typedef enum' src --include='*.h' | sort); do
  name=${header#src/}
  if ! grep -q "'$name'" src/meson.build; then
    fail "$header has an enum that kiosk_enums in src/meson.build does not register"
  fi
done

exit $status
