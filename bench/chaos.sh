#!/usr/bin/env bash
# Crash safety, for every release: kill -9 under load, round after round, on each engine, then
# check that nothing acknowledged was lost.
#   - SQLite: one node; each round kills it and starts it again on the same port.
#   - PostgreSQL (durable throw-away cluster): two nodes behind nginx; each round kills one of
#     them (in turn) and starts it again while the other keeps serving.
# Load: desk submissions from 8 threads, each retried with its Idempotency-Key after a lost or
# failed reply (bench/support/chaos_load.py). Printed per engine: acknowledged / present / lost,
# dossiers stored twice, the statistics counters against the dossiers stored, `tinhso audit
# verify`, and SQLite's integrity check.
#   bench/chaos.sh [rounds=5] [engines="sqlite postgres"]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
rounds=${1:-5}
engines=${2:-sqlite postgres}
bench_binary
if [[ " $engines " == *" postgres "* && -z "${TINHSO_TEST_PG_URL:-}" ]]; then
  exec env TINHSO_PG_DURABLE=1 scripts/with-postgres "$0" "$@"
fi
work=$(mktemp -d /tmp/tinhso-chaos-XXXXXX)
common=(--set security.rate_limit_per_second=0 --set security.login_attempts_per_minute=100000
        --set onestop.submissions_per_minute=0)
declare -A node_pid
load_pid=
cleanup() {
  [ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null || true
  for p in "${node_pid[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  stop_lb "$work"
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

start_node() {  # name port args…
  local name=$1 port=$2; shift 2
  "$bin" "$@" --set logging.file="$work/$name.log" serve --listen "127.0.0.1:$port" >/dev/null 2>&1 &
  node_pid[$name]=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && return; sleep 0.1; done
  echo "$name did not start (see $work/$name.log)" >&2; exit 1
}
kill_node() {  # name
  kill -9 "${node_pid[$1]}" 2>/dev/null || true
  wait "${node_pid[$1]}" 2>/dev/null || true
}
# SQL run against the engine's database; prints rows as tab-separated lines.
sql() {
  if [ "$engine" = postgres ]; then
    psql -At -F $'\t' "$url" -c "$1"
  else
    python3 - "$work/sqlite/tinhso.db" "$1" <<'PY'
import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print("\t".join(str(v) for v in row))
PY
  fi
}
# Dossiers received this year by every agency, as the statistics count them (totals and the
# deltas not yet folded).
received_counted() {
  sql "SELECT COALESCE(SUM(received), 0) FROM (SELECT received FROM dossier_stats WHERE grain = 'y' AND procedure_id = 0 UNION ALL SELECT received FROM dossier_stats_delta WHERE grain = 'y' AND procedure_id = 0) AS s"
}

for engine in $engines; do
  echo "== $engine: $rounds rounds of kill -9 under load"
  : >"$work/acknowledged"
  rm -f "$work/stop"
  if [ "$engine" = postgres ]; then
    url="${TINHSO_TEST_PG_URL%/*}/tinhso_chaos"
    psql -q "$TINHSO_TEST_PG_URL" -c "DROP DATABASE IF EXISTS tinhso_chaos WITH (FORCE)" \
      -c "CREATE DATABASE tinhso_chaos" >/dev/null
    args=(--data-dir "$work/pg" --set "database.url=$url" "${common[@]}")
    names=(a b)
  else
    args=(--data-dir "$work/sqlite" "${common[@]}")
    names=(a)
  fi
  "$bin" "${args[@]}" demo --dossiers 0 >/dev/null 2>&1
  before=$(received_counted)
  declare -A port=()
  for n in "${names[@]}"; do port[$n]=$(free_port); start_node "$n" "${port[$n]}" "${args[@]}"; done
  target="http://127.0.0.1:${port[a]}"
  if [ "$engine" = postgres ]; then
    lb=$(free_port)
    start_lb "$work" "$lb" "${port[a]}" "${port[b]}"
    target="http://127.0.0.1:$lb"
  fi
  python3 bench/support/chaos_load.py "$target" "$work/acknowledged" "$work/stop" 8 \
    >"$work/load.json" 2>"$work/load.err" &
  load_pid=$!
  for round in $(seq 1 "$rounds"); do
    sleep "$(python3 -c 'import random; print(round(random.uniform(1.5, 3.0), 2))')"
    victim=${names[$(( (round - 1) % ${#names[@]} ))]}
    kill_node "$victim"
    echo "  round $round: node $victim killed after $(wc -l <"$work/acknowledged") acknowledged"
    sleep 1
    start_node "$victim" "${port[$victim]}" "${args[@]}"
  done
  sleep 2
  touch "$work/stop"
  wait "$load_pid"; load_pid=
  for n in "${names[@]}"; do kill "${node_pid[$n]}" 2>/dev/null || true; wait "${node_pid[$n]}" 2>/dev/null || true; done
  node_pid=()
  stop_lb "$work"

  sql "SELECT applicant_address, code FROM dossiers WHERE applicant_address LIKE 'Số chaos-%'" \
    >"$work/stored"
  after=$(received_counted)
  if "$bin" "${args[@]}" audit verify >"$work/audit.out" 2>&1; then audit="intact"; else audit="BROKEN"; fi
  integrity="n/a (PostgreSQL)"
  [ "$engine" = sqlite ] && integrity=$(sql "PRAGMA integrity_check")
  python3 - "$work/acknowledged" "$work/stored" "$before" "$after" "$audit" "$integrity" \
    "$work/load.json" <<'PY' || failed=1
import collections, json, sys
ack = dict(line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8"))
stored = collections.defaultdict(list)
for line in open(sys.argv[2], encoding="utf-8"):
    address, code = line.rstrip("\n").split("\t")
    stored[address].append(code)
lost = [a for a, c in ack.items() if c not in stored.get(a, [])]
twice = [a for a, cs in stored.items() if len(cs) > 1]
counted = int(sys.argv[4]) - int(sys.argv[3])
total = sum(len(cs) for cs in stored.values())
load = json.load(open(sys.argv[7]))
print(f"  acknowledged {len(ack)}, present {len(ack) - len(lost)}, lost {len(lost)}; "
      f"stored {total} ({total - len(ack)} committed without a reply that reached the client)")
print(f"  client retries {load['retries']}, refused {load['refused']}, abandoned {load['abandoned']}, "
      f"answered 'already done' {load['done_unanswered']}")
print(f"  stored twice: {len(twice)}; statistics count {counted} received for {total} stored "
      f"({'exact' if counted == total else 'MISMATCH'})")
print(f"  audit chain: {sys.argv[5]}; integrity: {sys.argv[6]}")
ok = not lost and not twice and counted == total and sys.argv[5] == "intact" and \
    sys.argv[6] in ("ok", "n/a (PostgreSQL)") and load["refused"] == 0
print("  result: " + ("PASS" if ok else "FAIL"))
sys.exit(0 if ok else 1)
PY
done
exit "${failed:-0}"
