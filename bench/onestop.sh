#!/usr/bin/env bash
# One-stop benchmarks on a large demo database, in one run with nginx as the reference:
#   * public look-up GET /api/v1/public/dossiers/{code}?verifier=… (random codes) vs nginx static
#     (its 15-byte reply, and a static file as large as a look-up answer)
#   * an officer's work queue (50 rows in due-time order), the province-year QĐ 766 indicators
#     and statistics, and the figures by reception point
#   * durable desk submissions per second, group commit vs one fsync per transaction (SQLite)
#   * server resident memory afterwards
#   bench/onestop.sh [dossiers=1000000] [duration=10s] [connections=64]
# ENGINE=postgres runs look-up and submissions against a local PostgreSQL 15 cluster (fsync on).
# FSYNC_DELAY_US=2000 runs the SQLite server on a modelled disk whose flush takes that much longer
# (bench/support/slow_fsync.cc), for the submission figures on storage slower than this VM's.
# The SQLite demo database is kept in $BENCH_DIR (default /tmp/tinhso-bench-onestop-sqlite-<n>) and
# reused; PostgreSQL runs build theirs each time. Each run's submission phase adds its dossiers
# (tens of thousands, open, in Sở Tư pháp's queue), so queue figures of a reused database grow
# worse run by run: remove $BENCH_DIR for figures on the pristine demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
dossiers=${1:-1000000}
duration=${2:-10s}
conns=${3:-64}
engine=${ENGINE:-sqlite}
bench_binary
if [ "$engine" = postgres ] && [ -z "${TINHSO_TEST_PG_URL:-}" ]; then
  exec env TINHSO_PG_DURABLE=1 scripts/with-postgres "$0" "$@"
fi
data=${BENCH_DIR:-/tmp/tinhso-bench-onestop-$engine-$dossiers}
# The PostgreSQL cluster is new on every run: only an SQLite database can be reused.
[ "$engine" = postgres ] && rm -f "$data/.demo-done"
work=$(mktemp -d /tmp/tinhso-bench-XXXXXX)
nginx_port=$(free_port)
cores=$(nproc)
mkdir -p "$data"

db_args=()
if [ "$engine" = postgres ]; then
  url="${TINHSO_TEST_PG_URL%/*}/tinhso_bench"
  psql -q "$TINHSO_TEST_PG_URL" -c "CREATE DATABASE tinhso_bench" >/dev/null 2>&1 || true
  db_args=(--set "database.url=$url")
fi
common=(--data-dir "$data" "${db_args[@]}" --set security.rate_limit_per_second=0
        --set security.login_attempts_per_minute=100000 --set onestop.submissions_per_minute=0
        --set logging.file="$work/tinhso.log")
if [ ! -f "$data/.demo-done" ]; then
  echo "building the demo database with $dossiers dossiers ($engine; reused by later runs)…"
  start=$(date +%s)
  "$bin" "${common[@]}" demo --dossiers "$dossiers" | grep -E "^Demo (one-stop|province)" || true
  echo "  built in $(( $(date +%s) - start )) s"
  touch "$data/.demo-done"
fi

start_nginx "$work" "$nginx_port"
ts_pid=
preload=()
[ -n "${FSYNC_DELAY_US:-}" ] && preload=(env "LD_PRELOAD=$(cd "$(dirname "$bin")" && pwd)/libslow_fsync.so" "FSYNC_DELAY_US=$FSYNC_DELAY_US")
start_server() {  # extra settings…
  ts_port=$(free_port)
  "${preload[@]}" "$bin" "${common[@]}" "$@" serve --listen "127.0.0.1:$ts_port" >/dev/null 2>&1 &
  ts_pid=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$ts_port/readyz" >/dev/null && return; sleep 0.1; done
  echo "server did not start" >&2; exit 1
}
stop_server() { [ -n "$ts_pid" ] && kill "$ts_pid" 2>/dev/null && wait "$ts_pid" 2>/dev/null || true; ts_pid=; }
cleanup() { stop_server; stop_nginx "$work"; rm -rf "$work"; }
trap cleanup EXIT INT TERM
start_server
# Look-up keys: random dossiers with the last four digits of their applicant's phone.
if [ "$engine" = postgres ]; then lookup_keys postgres "$url" "$work/keys"; else lookup_keys sqlite "$data/tinhso.db" "$work/keys"; fi
lookup_script "$work/keys" "$work/lookup.lua"
total=$(wc -l <"$work/keys")
# nginx's second reference: a static file as large as a look-up answer.
read -r code v <"$work/keys"
curl -sf -o "$work/body.json" "http://127.0.0.1:$ts_port/api/v1/public/dossiers/$code?verifier=$v"
echo "engine $engine, $dossiers dossiers${FSYNC_DELAY_US:+, fsync slowed by $FSYNC_DELAY_US µs}; wrk 2 threads, $duration per run, $cores cores shared by client and server"
nginx_rps=$(measure "nginx: static 200 ($conns conn)" "http://127.0.0.1:$nginx_port/" "$conns")
nginx_body_rps=$(measure "nginx: static $(wc -c <"$work/body.json")-byte file ($conns conn)" \
  "http://127.0.0.1:$nginx_port/body.json" "$conns")
lookup_rps=$(measure "public look-up, $total random codes ($conns conn)" "http://127.0.0.1:$ts_port" "$conns" -s "$work/lookup.lua")

if [ "$engine" = sqlite ]; then
  { read -r cookie; read -r _; } < <(login "http://127.0.0.1:$ts_port" lanhdao.stp)
  measure "work queue: Sở Tư pháp, all, 50 rows (8 conn)" \
    "http://127.0.0.1:$ts_port/api/v1/dossiers?queue=all&limit=50" 8 -H "$cookie" >/dev/null
  { read -r cookie; read -r _; } < <(login "http://127.0.0.1:$ts_port" chuyenvien.stp)
  measure "work queue: specialist's unit, 50 rows (8 conn)" \
    "http://127.0.0.1:$ts_port/api/v1/dossiers?queue=unit&limit=50" 8 -H "$cookie" >/dev/null
  { read -r cookie; read -r _; } < <(login "http://127.0.0.1:$ts_port" admin)
  measure "indicators: province, current year (1 conn)" \
    "http://127.0.0.1:$ts_port/api/v1/statistics/indicators" 1 -H "$cookie" >/dev/null
  measure "statistics: province by agency, current year (1 conn)" \
    "http://127.0.0.1:$ts_port/api/v1/statistics?group_by=agency" 1 -H "$cookie" >/dev/null
  # Read from the dossiers through the (point, time) indexes, not from counters.
  measure "figures by reception point: province, current year (1 conn)" \
    "http://127.0.0.1:$ts_port/api/v1/statistics/reception-points" 1 -H "$cookie" >/dev/null
  measure "figures by reception point: province, ten years (1 conn)" \
    "http://127.0.0.1:$ts_port/api/v1/statistics/reception-points?from=2017-01-01" 1 -H "$cookie" >/dev/null
fi

# Durable submissions: a desk officer receives dossiers on paper (one write transaction each,
# answered after commit).
submit() {  # label
  local cookie
  cookie=$(submit_script "http://127.0.0.1:$ts_port" "$work/submit.lua")
  measure "$1" "http://127.0.0.1:$ts_port/api/v1/dossiers" "$conns" -s "$work/submit.lua" -H "$cookie"
}
group_rps=$(submit "submissions, group commit ($conns conn)")
rss=$(awk '/^RssAnon/ {print $2}' "/proc/$ts_pid/status")
rss_file=$(awk '/^RssFile/ {print $2}' "/proc/$ts_pid/status")
stop_server
single_rps=
if [ "$engine" = sqlite ]; then
  start_server --set database.group_commit_max_batch=1
  single_rps=$(submit "submissions, one fsync per transaction ($conns conn)")
  stop_server
fi
python3 - "$nginx_rps" "$lookup_rps" "$group_rps" "${single_rps:-0}" "$rss" "$rss_file" "$nginx_body_rps" <<'PY'
import sys
n, l, g, s, rss, rss_file, nb = map(float, sys.argv[1:])
print(f"look-up / nginx static 15-byte reply: {l/n:.2f}x")
print(f"look-up / nginx static file of the answer's size: {l/nb:.2f}x")
if s: print(f"submissions, group commit / one fsync per transaction: {g/s:.1f}x")
print(f"server RSS after the runs: {rss/1024:.0f} MB own memory (RssAnon) + {rss_file/1024:.0f} MB of mapped files "
      "(the binary and, on SQLite, the memory-mapped database; shared with the page cache)")
PY
