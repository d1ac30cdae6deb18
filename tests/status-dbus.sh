#!/bin/sh
# The real kiosk on the demo town answers GetStatus on the session bus, and
# `ankerort status` prints its document; when the kiosk hangs or is gone,
# `ankerort status` falls back to the file and says so. Started as systemd
# would start it (NOTIFY_SOCKET, WATCHDOG_USEC), it says READY=1 and pings
# the watchdog, and stops pinging while it hangs. Runs inside
# tests/run-in-x.sh (an X server and a private session bus).
#   status-dbus.sh ANKERORT APPLICATION_ID
set -u

bin=$1
app_id=$2
object_path=/$(echo "$app_id" | tr '.-' '/_')
work=$(mktemp -d)
export XDG_STATE_HOME="$work/state" XDG_DATA_HOME="$work/data"
export XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config"
export XDG_RUNTIME_DIR="$work/run"
mkdir -m 0700 "$XDG_RUNTIME_DIR"
pid=
listener=
trap 'if [ -n "$pid" ]; then kill -CONT "$pid"; kill "$pid"; fi 2>/dev/null; kill $listener 2>/dev/null; rm -rf "$work"' EXIT
n=0
failed=0

ok () {
  n=$((n + 1))
  echo "ok $n $1"
}

not_ok () {
  n=$((n + 1))
  failed=1
  echo "not ok $n $1"
  sed 's/^/# /' "$work/out" "$work/err" "$work/log" 2>/dev/null | tail -40
}

# python3 -c PROGRAM < document: exits 0 when PROGRAM's condition holds.
json_check () {
  /usr/bin/python3 -c "import json, sys; d = json.load(sys.stdin); sys.exit(0 if ($1) else 1)"
}

get_status () {
  gdbus call --session --dest "$app_id" --object-path "$object_path" \
    --method io.github.ankerort.Ankerort.Status.GetStatus >"$work/reply" 2>"$work/err" &&
  /usr/bin/python3 -c "import ast, sys; print(ast.literal_eval(sys.stdin.read().strip())[0])" \
    <"$work/reply" >"$work/out"
}

echo "1..10"

# systemd's end of sd_notify: a datagram socket; one line per datagram,
# with a time stamp.
/usr/bin/python3 -u -c '
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
while True:
    data = s.recv(4096).decode()
    print("%.3f %s" % (time.monotonic(), data.replace("\n", " ")), flush=True)
' "$work/notify" >"$work/notified" 2>&1 &
listener=$!
i=0
until [ -S "$work/notify" ] || [ $i -gt 50 ]; do i=$((i + 1)); sleep 0.1; done

# The city's monitoring: answers the first heartbeat 503, then 200, and
# writes "KEY kiosk_id" for each POST.
/usr/bin/python3 -u -c '
import http.server, json, sys
class Handler(http.server.BaseHTTPRequestHandler):
    n = 0
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        print(self.headers["Idempotency-Key"], body["kiosk_id"], flush=True)
        Handler.n += 1
        self.send_response(503 if Handler.n == 1 else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
open(sys.argv[1], "w").write(str(server.server_port))
server.serve_forever()
' "$work/port.tmp" >"$work/posts" 2>&1 &
listener="$listener $!"
i=0
until [ -s "$work/port.tmp" ] || [ $i -gt 50 ]; do i=$((i + 1)); sleep 0.1; done
printf '[Kiosk]\nkiosk-id=stele-7\nheartbeat-url=http://127.0.0.1:%s/heartbeat\n' \
  "$(cat "$work/port.tmp")" >"$work/kiosk.conf"

NOTIFY_SOCKET="$work/notify" WATCHDOG_USEC=1000000 \
  "$bin" --demo --windowed --config "$work/kiosk.conf" >"$work/log" 2>&1 &
pid=$!

# 1. GetStatus answers with the places refreshed.
i=0
until get_status && json_check \
    'any(s["id"] == "musterdorf-places" and s["items"] > 0 and s["ok"] for s in d["sources"])' \
    <"$work/out"; do
  i=$((i + 1))
  if [ $i -gt 600 ] || ! kill -0 "$pid" 2>/dev/null; then
    break
  fi
  sleep 0.1
done
if json_check 'd["kiosk_id"] == "stele-7" and d["uptime"] >= 0 and d["outbox"]["waiting"] == 0' <"$work/out"; then
  ok "GetStatus returns the document with the refreshed places"
else
  not_ok "GetStatus returns the document with the refreshed places"
fi
kiosk_id=$(/usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["kiosk_id"])' <"$work/out")

# 2. `ankerort status` asks the running kiosk.
if "$bin" status >"$work/out" 2>"$work/err" &&
   grep -q "running kiosk (D-Bus" "$work/err" &&
   json_check "d['kiosk_id'] == '$kiosk_id' and len(d['sources']) > 0" <"$work/out"; then
  ok "ankerort status prints the running kiosk's document"
else
  not_ok "ankerort status prints the running kiosk's document"
fi

# 3. The network goes: the sources' errors reach the document, and the
#    kiosk says Changed.
gdbus monitor --session --dest "$app_id" --object-path "$object_path" >"$work/monitor" 2>&1 &
monitor=$!
sleep 1
kill -USR1 "$pid"
i=0
until get_status && json_check 'any(s["last_error"] and not s["ok"] for s in d["sources"])' \
    <"$work/out"; do
  i=$((i + 1))
  [ $i -gt 600 ] && break
  sleep 0.1
done
kill "$monitor" 2>/dev/null
if json_check 'any(s["last_error"] and not s["ok"] for s in d["sources"])' <"$work/out" &&
   grep -q "io.github.ankerort.Ankerort.Status.Changed" "$work/monitor"; then
  ok "a failed refresh shows in the document and Changed is emitted"
else
  cat "$work/monitor" >>"$work/err"
  not_ok "a failed refresh shows in the document and Changed is emitted"
fi

# 4. The file holds the same document.
if json_check "d['kiosk_id'] == '$kiosk_id'" <"$XDG_STATE_HOME/ankerort/status.json"; then
  ok "the status file is written"
else
  not_ok "the status file is written"
fi

# 5. systemd heard READY=1 and the watchdog's pings.
if grep -q "READY=1 STATUS=Showing the kiosk" "$work/notified" &&
   [ "$(grep -c "WATCHDOG=1" "$work/notified")" -ge 3 ] &&
   [ -f "$XDG_RUNTIME_DIR/ankerort/alive" ]; then
  ok "READY=1 and WATCHDOG=1 reach NOTIFY_SOCKET, the alive file is there"
else
  cp "$work/notified" "$work/err"
  ls -lR "$XDG_RUNTIME_DIR" >>"$work/err"
  not_ok "READY=1 and WATCHDOG=1 reach NOTIFY_SOCKET, the alive file is there"
fi

# 6. The heartbeat reaches the monitoring 30 s after start: refused with
#    503 first, then sent again with the same key.
i=0
until [ "$(wc -l <"$work/posts")" -ge 2 ] || [ $i -gt 600 ]; do i=$((i + 1)); sleep 0.1; done
if [ "$(wc -l <"$work/posts")" -eq 2 ] &&
   [ "$(cut -d' ' -f1 "$work/posts" | sort -u | wc -l)" -eq 1 ] &&
   [ "$(cut -d' ' -f2 "$work/posts" | sort -u)" = "stele-7" ]; then
  ok "the heartbeat is retried after a 503 with the same key"
else
  cp "$work/posts" "$work/err"
  not_ok "the heartbeat is retried after a 503 with the same key"
fi

# 7. A hung kiosk: `ankerort status` gives up on it and reads the file.
kill -STOP "$pid"
if "$bin" status >"$work/out" 2>"$work/err" &&
   grep -q "No running kiosk answered" "$work/err" &&
   grep -q "Status from the file .*status.json, written .* ago" "$work/err" &&
   json_check "d['kiosk_id'] == '$kiosk_id'" <"$work/out"; then
  ok "a hung kiosk: the file, with its age"
else
  not_ok "a hung kiosk: the file, with its age"
fi

# 8. ... and the watchdog hears nothing from it (systemd would restart it).
pings=$(grep -c "WATCHDOG=1" "$work/notified")
sleep 1.5
if [ "$(grep -c "WATCHDOG=1" "$work/notified")" -eq "$pings" ]; then
  ok "a hung kiosk sends no WATCHDOG=1"
else
  cp "$work/notified" "$work/err"
  not_ok "a hung kiosk sends no WATCHDOG=1"
fi
kill -CONT "$pid"

# 9. Stopped as systemd stops it, the kiosk quits cleanly; then
#    `ankerort status` reads the file.
kill "$pid"
wait "$pid" 2>/dev/null
pid=
if "$bin" status >"$work/out" 2>"$work/err" &&
   grep -q "Status from the file" "$work/err" &&
   json_check "d['kiosk_id'] == '$kiosk_id'" <"$work/out" &&
   grep -q "STOPPING=1" "$work/notified" && [ ! -e "$XDG_RUNTIME_DIR/ankerort/alive" ]; then
  ok "stopped with SIGTERM: STOPPING=1, no alive file left; then the file"
else
  cat "$work/notified" >>"$work/err"
  not_ok "stopped with SIGTERM: STOPPING=1, no alive file left; then the file"
fi

# 10. Neither kiosk nor file: exit 1, and the message says so.
rm -f "$XDG_STATE_HOME/ankerort/status.json"
if ! "$bin" status >"$work/out" 2>"$work/err" && grep -q "no status file" "$work/err"; then
  ok "neither kiosk nor file: exit 1 with the reason"
else
  not_ok "neither kiosk nor file: exit 1 with the reason"
fi

exit $failed
