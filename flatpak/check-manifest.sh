#!/bin/sh
# Validate the Flatpak manifest without a runtime and without network.
#
#   flatpak/check-manifest.sh [MANIFEST]
#
# 1. JSON syntax (python3 -m json.tool, else json-glib-validate).
# 2. Every module (nested ones and ones pulled in from other files too):
#    - a name;
#    - every git source has url, tag and a 40-hex commit (no branch);
#    - every archive source, and every file source fetched from a url,
#      has a 64-hex sha256;
#    - every git or archive source of a bundled module (all but the
#      application's own, the last top-level module) has x-checker-data,
#      so that flatpak-external-data-checker proposes updates;
#    - top level: id, runtime, runtime-version, sdk and command are set.
# 3. If flatpak-builder is installed: `flatpak-builder --show-manifest`.
#    It exits 0 even when it complains, so any WARNING (or error) on its
#    stderr counts as a failure. Without flatpak-builder this step is
#    skipped with a message, and the check still passes.
#
# Exits non-zero on any problem and prints what is wrong.

set -u

here=$(cd "$(dirname "$0")" && pwd)
manifest=${1:-"$here/io.github.ankerort.Ankerort.json"}
status=0

fail () {
  echo "FAIL: $*" >&2
  status=1
}

if [ ! -f "$manifest" ]; then
  echo "FAIL: no manifest at $manifest" >&2
  exit 1
fi
echo "Checking $manifest"

# --- 1. JSON syntax -----------------------------------------------------
if command -v python3 >/dev/null 2>&1; then
  if out=$(python3 -m json.tool "$manifest" 2>&1 >/dev/null); then
    echo "ok: JSON syntax (python3 -m json.tool)"
  else
    fail "JSON syntax: $out"
  fi
elif command -v json-glib-validate >/dev/null 2>&1; then
  if out=$(json-glib-validate "$manifest" 2>&1); then
    echo "ok: JSON syntax (json-glib-validate)"
  else
    fail "JSON syntax: $out"
  fi
else
  echo "FAIL: neither python3 nor json-glib-validate is installed" >&2
  exit 1
fi

# --- 2. Structure and pinning -------------------------------------------
if [ "$status" -eq 0 ]; then
  if ! command -v python3 >/dev/null 2>&1; then
    fail "python3 is needed for the source pinning check"
  elif ! python3 - "$manifest" <<'EOF'
import json, os, re, sys

HEX40 = re.compile(r"^[0-9a-f]{40}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
problems = []
counted = {"modules": 0, "git": 0, "archive": 0}

def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)

def check_source(src, where, base, bundled=False):
    if isinstance(src, str):
        # A source list kept in another JSON file.
        path = os.path.join(base, src)
        try:
            data = load(path)
        except (OSError, ValueError) as e:
            problems.append(f"{where}: cannot read source file {src}: {e}")
            return
        items = data if isinstance(data, list) else [data]
        for i, s in enumerate(items):
            check_source(s, f"{where} ({src}[{i}])", os.path.dirname(path))
        return
    if not isinstance(src, dict):
        problems.append(f"{where}: source is not an object")
        return
    kind = src.get("type")
    if bundled and kind in ("git", "archive") and "x-checker-data" not in src:
        problems.append(f"{where}: {src.get('url', '?')} has no x-checker-data")
    if kind is None:
        problems.append(f"{where}: source has no type")
    elif kind == "git":
        counted["git"] += 1
        if not src.get("url"):
            problems.append(f"{where}: git source has no url")
        if not src.get("tag"):
            problems.append(f"{where}: git source {src.get('url', '?')} has no tag")
        commit = src.get("commit")
        if not commit:
            problems.append(f"{where}: git source {src.get('url', '?')} has no commit")
        elif not HEX40.match(str(commit)):
            problems.append(f"{where}: git source {src.get('url', '?')}: commit "
                            f"{commit!r} is not 40 lower-case hex digits")
        if "branch" in src:
            problems.append(f"{where}: git source {src.get('url', '?')} uses a branch; pin tag + commit")
    elif kind == "archive":
        counted["archive"] += 1
        sha = src.get("sha256")
        if not sha:
            problems.append(f"{where}: archive source {src.get('url', src.get('path', '?'))} has no sha256")
        elif not HEX64.match(str(sha)):
            problems.append(f"{where}: archive source {src.get('url', '?')}: sha256 {sha!r} is not 64 hex digits")
        if not src.get("url") and not src.get("path"):
            problems.append(f"{where}: archive source has neither url nor path")
    elif kind == "file" and src.get("url"):
        sha = src.get("sha256")
        if not sha or not HEX64.match(str(sha)):
            problems.append(f"{where}: file source {src['url']} needs a 64-hex sha256")
    elif kind == "dir":
        if not src.get("path"):
            problems.append(f"{where}: dir source has no path")
        elif not os.path.isdir(os.path.join(base, src["path"])):
            problems.append(f"{where}: dir source path {src['path']!r} does not exist")

def check_module(mod, where, base, bundled=True):
    if isinstance(mod, str):
        # A module kept in another JSON file.
        path = os.path.join(base, mod)
        try:
            data = load(path)
        except (OSError, ValueError) as e:
            problems.append(f"{where}: cannot read module file {mod}: {e}")
            return
        check_module(data, f"{where} ({mod})", os.path.dirname(path), bundled)
        return
    if not isinstance(mod, dict):
        problems.append(f"{where}: module is not an object")
        return
    counted["modules"] += 1
    name = mod.get("name")
    if not name:
        problems.append(f"{where}: module has no name")
        name = "?"
    where = f"module {name}"
    sources = mod.get("sources", [])
    if not sources and mod.get("buildsystem") != "simple":
        problems.append(f"{where}: module has no sources")
    for i, src in enumerate(sources):
        check_source(src, f"{where} source {i}", base, bundled)
    for i, sub in enumerate(mod.get("modules", [])):
        check_module(sub, f"{where} submodule {i}", base)

manifest = sys.argv[1]
base = os.path.dirname(os.path.abspath(manifest))
top = load(manifest)
if not isinstance(top, dict):
    problems.append("manifest is not a JSON object")
else:
    if not (top.get("id") or top.get("app-id")):
        problems.append("manifest has no id")
    for key in ("runtime", "runtime-version", "sdk", "command"):
        if not top.get(key):
            problems.append(f"manifest has no {key}")
    if not top.get("modules"):
        problems.append("manifest has no modules")
    modules = top.get("modules", [])
    for i, mod in enumerate(modules):
        check_module(mod, f"module {i}", base, bundled=i < len(modules) - 1)

for p in problems:
    print(f"FAIL: {p}", file=sys.stderr)
if not problems:
    print(f"ok: {counted['modules']} modules, {counted['git']} git sources pinned "
          f"(url, tag, commit), {counted['archive']} archive sources with sha256")
sys.exit(1 if problems else 0)
EOF
  then
    status=1
  fi
fi

# --- 3. flatpak-builder --show-manifest ---------------------------------
if command -v flatpak-builder >/dev/null 2>&1; then
  # Run in a scratch directory so no .flatpak-builder state lands in the
  # tree; pass an absolute manifest path so relative sources still resolve.
  abs_manifest=$(cd "$(dirname "$manifest")" && pwd)/$(basename "$manifest")
  scratch=$(mktemp -d)
  (cd "$scratch" && flatpak-builder --show-manifest "$abs_manifest") \
    >"$scratch/stdout" 2>"$scratch/stderr"
  rc=$?
  fb_ok=yes
  if [ "$rc" -ne 0 ]; then
    fb_ok=no
    fail "flatpak-builder --show-manifest exited with $rc"
  fi
  if grep -Eiq 'warning|error|critical' "$scratch/stderr"; then
    fb_ok=no
    fail "flatpak-builder --show-manifest complained:"
    sed 's/^/    /' "$scratch/stderr" >&2
  fi
  if [ "$rc" -eq 0 ] && ! grep -q '"modules"' "$scratch/stdout"; then
    fb_ok=no
    fail "flatpak-builder --show-manifest printed no manifest"
  fi
  if [ "$rc" -eq 0 ] && [ -s "$scratch/stderr" ] && \
     ! grep -Eiq 'warning|error|critical' "$scratch/stderr"; then
    echo "note: flatpak-builder said on stderr:"
    sed 's/^/    /' "$scratch/stderr"
  fi
  if [ "$fb_ok" = yes ]; then
    echo "ok: flatpak-builder --show-manifest ($(flatpak-builder --version 2>/dev/null))"
  fi
  rm -rf "$scratch"
else
  echo "skip: flatpak-builder is not installed; --show-manifest check not run"
fi

if [ "$status" -eq 0 ]; then
  echo "PASS"
else
  echo "FAILED" >&2
fi
exit "$status"
