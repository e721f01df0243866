#!/usr/bin/env bash
# Scale-out figures in one run on one machine: durable desk submissions and public look-ups on
# SQLite (group commit), on PostgreSQL with one node, and on PostgreSQL with two nodes behind
# nginx (Debian's, as a province would put in front), with the PostgreSQL wait events sampled
# during each submission run — the goal is no lock waits among the top.
#   bench/scale.sh [dossiers=5000] [duration=10s] [connections=64]
# TINHSO_BENCH_SETTINGS="key=value …" adds settings to every server (e.g. server.worker_threads=4).
# PostgreSQL 15 is a throw-away cluster with fsync on (scripts/with-postgres); both nodes share
# one data directory, as they would share one file store.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
dossiers=${1:-5000}
duration=${2:-10s}
conns=${3:-64}
bench_binary
if [ -z "${TINHSO_TEST_PG_URL:-}" ]; then
  exec env TINHSO_PG_DURABLE=1 scripts/with-postgres "$0" "$@"
fi
work=$(mktemp -d /tmp/tinhso-bench-scale-XXXXXX)
url="${TINHSO_TEST_PG_URL%/*}/tinhso_scale"
# Durable figures only: a cluster without flushes (the tests' own) would flatter PostgreSQL.
for setting in fsync synchronous_commit; do
  [ "$(psql -At "$TINHSO_TEST_PG_URL" -c "SHOW $setting")" = on ] ||
    { echo "PostgreSQL runs with $setting off: run without TINHSO_TEST_PG_URL for a durable cluster" >&2; exit 1; }
done
psql -q "$TINHSO_TEST_PG_URL" -c "DROP DATABASE IF EXISTS tinhso_scale WITH (FORCE)" -c "CREATE DATABASE tinhso_scale" >/dev/null
common=(--set security.rate_limit_per_second=0 --set security.login_attempts_per_minute=100000
        --set onestop.submissions_per_minute=0)
for setting in ${TINHSO_BENCH_SETTINGS:-}; do common+=(--set "$setting"); done
sqlite_args=(--data-dir "$work/sqlite" "${common[@]}")
pg_args=(--data-dir "$work/pg" --set "database.url=$url" "${common[@]}")
mkdir -p "$work/sqlite" "$work/pg"

pids=()
cleanup() {
  [ -n "${sampler:-}" ] && kill "$sampler" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  stop_lb "$work"
  stop_nginx "$work"
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "building two demo databases with $dossiers dossiers each (SQLite, PostgreSQL)…"
"$bin" "${sqlite_args[@]}" demo --dossiers "$dossiers" >/dev/null 2>&1
"$bin" "${pg_args[@]}" demo --dossiers "$dossiers" >/dev/null 2>&1

node() {  # name args…: starts a server (until cleanup) and sets node_port
  local name=$1; shift
  node_port=$(free_port)
  "$bin" "$@" --set logging.file="$work/$name.log" serve --listen "127.0.0.1:$node_port" >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$node_port/readyz" >/dev/null && return; sleep 0.1; done
  echo "$name did not start" >&2; exit 1
}
# Samples what the active PostgreSQL sessions of the benchmark database wait on, twenty times a
# second for $duration, into FILE.
sample_waits() {
  # One psql session polling (\watch) rather than a new connection per sample.
  printf '%s\n' "SELECT COALESCE(wait_event_type || ':' || wait_event, 'CPU') || CASE WHEN wait_event_type = 'Lock' THEN ' | ' || regexp_replace(left(query, 70), '\\s+', ' ', 'g') ELSE '' END FROM pg_stat_activity WHERE datname = 'tinhso_scale' AND state = 'active' AND pid <> pg_backend_pid() \\watch 0.05" |
    timeout "$duration" psql -At "$TINHSO_TEST_PG_URL" 2>/dev/null | grep -v '^$' >>"$1" || true
}
report_waits() {
  local n
  n=$(wc -l <"$1")
  echo "  PostgreSQL sessions by wait event ($n samples of an active session):" >&2
  sed 's/ | .*//' "$1" | sort | uniq -c | sort -rn | head -6 |
    awk -v n="$n" '{printf "    %5.1f %%  %s\n", 100 * $1 / (n ? n : 1), $2}' >&2
  if grep -q ' | ' "$1"; then
    echo "  statements waiting on a lock:" >&2
    grep ' | ' "$1" | sed 's/^[^|]*| //' | sort | uniq -c | sort -rn | head -4 |
      awk -v n="$n" '{c = $1; $1 = ""; printf "    %5.1f %% %s\n", 100 * c / (n ? n : 1), $0}' >&2
  fi
}
submissions() {  # label base_url [sample] → req/s
  local cookie rps
  cookie=$(submit_script "$2" "$work/submit.lua")
  if [ -n "${3:-}" ]; then : >"$work/waits"; sample_waits "$work/waits" & sampler=$!; fi
  rps=$(measure "$1" "$2/api/v1/dossiers" "$conns" -s "$work/submit.lua" -H "$cookie")
  if [ -n "${3:-}" ]; then wait "$sampler" || true; sampler=; report_waits "$work/waits"; fi
  echo "$rps"
}
lookups() {  # label base_url keys → req/s
  lookup_script "$3" "$work/lookup.lua"
  measure "$1" "$2" "$conns" -s "$work/lookup.lua"
}

echo "wrk 2 threads, $duration per run, $conns connections, $(nproc) cores shared by the load generator, the servers and PostgreSQL"
nginx_port=$(free_port)
start_nginx "$work" "$nginx_port"
nginx_rps=$(measure "nginx: static 200" "http://127.0.0.1:$nginx_port/" "$conns")

lookup_keys sqlite "$work/sqlite/tinhso.db" "$work/keys-sqlite"
lookup_keys postgres "$url" "$work/keys-pg"

node sqlite "${sqlite_args[@]}"; port=$node_port
sqlite_lookup=$(lookups "SQLite: public look-up" "http://127.0.0.1:$port" "$work/keys-sqlite")
sqlite_submit=$(submissions "SQLite: durable submissions (group commit)" "http://127.0.0.1:$port")
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'

node pg-a "${pg_args[@]}"; port_a=$node_port
pg_lookup=$(lookups "PostgreSQL, one node: public look-up" "http://127.0.0.1:$port_a" "$work/keys-pg")
pg1_submit=$(submissions "PostgreSQL, one node: durable submissions" "http://127.0.0.1:$port_a" sample)

node pg-b "${pg_args[@]}"; port_b=$node_port
lb_port=$(free_port)
start_lb "$work" "$lb_port" "$port_a" "$port_b"
pg2_lookup=$(lookups "PostgreSQL, two nodes behind nginx: look-up" "http://127.0.0.1:$lb_port" "$work/keys-pg")
pg2_submit=$(submissions "PostgreSQL, two nodes behind nginx: submissions" "http://127.0.0.1:$lb_port" sample)

python3 - "$nginx_rps" "$sqlite_lookup" "$sqlite_submit" "$pg_lookup" "$pg1_submit" "$pg2_lookup" "$pg2_submit" <<'PY'
import sys
# A failed wrk run prints nothing: count it as 0 and keep the ratios printable.
n, sl, ss, pl, p1, p2l, p2 = (float(a or 0) or 1e-9 for a in sys.argv[1:])
print(f"PostgreSQL one node / SQLite, submissions: {p1/ss:.2f}x (goal >= 0.5x; and >= 1,000/s)")
print(f"PostgreSQL two nodes / one node, submissions: {p2/p1:.2f}x (goal >= 1x)")
print(f"PostgreSQL / SQLite, public look-up: {pl/sl:.2f}x (goal >= 0.6x); two nodes {p2l/sl:.2f}x")
print(f"look-up / nginx static reply: SQLite {sl/n:.2f}x, PostgreSQL {pl/n:.2f}x")
PY
