#!/usr/bin/env bash
# HTTP throughput and tail latency of tinhso against nginx serving a static 200 on the same
# machine, in one run: wrk against nginx, tinhso GET /healthz, and an authenticated JSON read
# (GET /api/v1/auth/me with a session cookie). Both servers log each request to a file.
#   bench/http.sh [duration=10s] [connections=64]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
duration=${1:-10s}
conns=${2:-64}
bench_binary
work=$(mktemp -d /tmp/tinhso-bench-XXXXXX)
nginx_port=$(free_port)
ts_port=$(free_port)
cores=$(nproc)

common=(--data-dir "$work/data" --set security.rate_limit_per_second=0 --set security.login_attempts_per_minute=1000
        --set logging.file="$work/tinhso.log")
"$bin" "${common[@]}" demo --dossiers 0 >/dev/null 2>&1
start_nginx "$work" "$nginx_port"
"$bin" "${common[@]}" serve --listen "127.0.0.1:$ts_port" >/dev/null 2>&1 &
ts_pid=$!
cleanup() { kill "$ts_pid" 2>/dev/null || true; stop_nginx "$work"; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$ts_port/healthz" >/dev/null && break; sleep 0.1; done
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"chuyenvien.stp","password":"Tinhso@2026"}' "http://127.0.0.1:$ts_port/api/v1/auth/login" |
  sed -n 's/^Set-Cookie: \(tinhso_session=[^;]*\).*/\1/p')

measure() {  # name url [header]
  local out
  if [ -n "${3:-}" ]; then out=$(wrk -t2 -c"$conns" -d"$duration" --latency -H "$3" "$2"); else out=$(wrk -t2 -c"$conns" -d"$duration" --latency "$2"); fi
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '%-44s %12s req/s   p99 %8s   non-2xx %s\n' "$1" "$rps" "$p99" "${errors:-0}"
  echo "$rps"
}

echo "wrk: 2 threads, $conns connections, $duration per run, $cores cores shared by client and server"
nginx_rps=$(measure "nginx: static 200" "http://127.0.0.1:$nginx_port/" | tee /dev/stderr | tail -1)
health_rps=$(measure "tinhso: GET /healthz" "http://127.0.0.1:$ts_port/healthz" | tee /dev/stderr | tail -1)
me_rps=$(measure "tinhso: GET /api/v1/auth/me (session)" "http://127.0.0.1:$ts_port/api/v1/auth/me" "Cookie: $cookie" | tee /dev/stderr | tail -1)
python3 - "$nginx_rps" "$health_rps" "$me_rps" <<'PY'
import sys
n, h, m = map(float, sys.argv[1:])
print(f"ratio to nginx: /healthz {h/n:.2f}x, authenticated JSON read {m/n:.2f}x")
PY
