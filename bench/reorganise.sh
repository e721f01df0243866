#!/usr/bin/env bash
# Reorganisation at scale: the communes of three districts (about 30) merged into 10 communes
# directly under the province, the districts and their own units ended, on a demo database of
# that many dossiers (SQLite). Prints the time and peak memory of the dry run and of the apply
# (`tinhso units reorganise`), what moved, and then, in one run with nginx as the reference, the
# public look-up of dossiers whose codes were issued by the ended units (old codes) against
# dossiers of units the plan left alone.
#   bench/reorganise.sh [dossiers=1000000] [duration=10s] [connections=64]
# OPEN=50000 (default) of the ended units' finished dossiers are reopened in the run's copy
# first (in progress at their agency, due in a week): the demo's history is almost all finished,
# while a province reorganised on an ordinary day has that much work in its queues to move.
# The pristine demo database is built once into $BENCH_DIR (default
# /tmp/tinhso-bench-reorganise-<n>) and copied for each run: applying changes it.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
dossiers=${1:-1000000}
duration=${2:-10s}
conns=${3:-64}
bench_binary
data=${BENCH_DIR:-/tmp/tinhso-bench-reorganise-$dossiers}
work=$(mktemp -d /tmp/tinhso-bench-XXXXXX)
nginx_port=$(free_port)
mkdir -p "$data"
quiet=(--set logging.file="$work/tinhso.log")
if [ ! -f "$data/.demo-done" ]; then
  echo "building the demo database with $dossiers dossiers (kept for later runs)…"
  start=$(date +%s)
  "$bin" --data-dir "$data" "${quiet[@]}" demo --without-reform --dossiers "$dossiers" | grep -E "^Demo (one-stop|province)" || true
  echo "  built in $(( $(date +%s) - start )) s"
  touch "$data/.demo-done"
fi
# Pending migrations are applied to the kept database first, outside the measured commands.
"$bin" --data-dir "$data" "${quiet[@]}" migrate >/dev/null
# A copy per run (the keys directory too: the audit key is bound to the database).
cp -a "$data/." "$work/data/" 2>/dev/null || { mkdir -p "$work/data"; cp -a "$data/." "$work/data/"; }
db="$work/data/tinhso.db"

ts_pid=
stop_server() { [ -n "$ts_pid" ] && kill "$ts_pid" 2>/dev/null && wait "$ts_pid" 2>/dev/null || true; ts_pid=; }
cleanup() { stop_server; stop_nginx "$work"; rm -rf "$work"; }
trap cleanup EXIT INT TERM

# The plan, from the tree: districts 31, 32, 33 of H47.
python3 - "$db" "$work/plan.json" "$work/old-keys" "$work/new-keys" "${OPEN:-50000}" <<'PY'
import json, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
districts = ["000.00.31.H47", "000.00.32.H47", "000.00.33.H47"]
communes, own = [], {}
for d in districts:
    (did,) = db.execute("SELECT id FROM units WHERE code = ?", (d,)).fetchone()
    rows = db.execute("SELECT code, level FROM units WHERE parent_id = ? AND active = 1 ORDER BY code", (did,)).fetchall()
    communes += [(d, c) for c, l in rows if l == "commune"]
    own[d] = [c for c, l in rows if l != "commune"]
news = [f"000.00.{81 + i}.H47" for i in range(10)]
groups = [communes[i::10] for i in range(10)]
merges, successors = [], {d: [] for d in districts}
for i, g in enumerate(groups):
    merges.append({"units": [c for _, c in g], "into": news[i], "staff_to": news[i]})
    for d, _ in g:
        if news[i] not in successors[d]:
            successors[d].append(news[i])
ends = []
for d in districts:
    first = successors[d][0]
    merges.append({"units": own[d], "into": first, "staff_to": first})
    ends.append({"unit": d, "successors": successors[d], "work_to": first, "staff_to": first})
plan = {
    "title": "Sắp xếp đơn vị hành chính cấp xã (benchmark)",
    "legal_basis": "Nghị quyết số 1234/NQ-UBTVQH15",
    "effective_on": __import__("datetime").datetime.now(__import__("zoneinfo").ZoneInfo("Asia/Ho_Chi_Minh")).date().isoformat(),
    "new_units": [{"code": c, "name": f"Ủy ban nhân dân xã Hợp Nhất {i + 1}", "level": "commune",
                   "kind": "commune", "parent_code": "000.00.00.H47"} for i, c in enumerate(news)],
    "merges": merges,
    "ends": ends,
}
json.dump(plan, open(sys.argv[2], "w"), ensure_ascii=False)
print(f"plan: {len(communes)} communes of {len(districts)} districts into {len(news)} communes; "
      f"{sum(len(v) for v in own.values())} district units and the districts end")
old = tuple(c for _, c in communes) + tuple(districts) + tuple(x for v in own.values() for x in v)
marks = ",".join("?" * len(old))
ids = [r[0] for r in db.execute(f"SELECT id FROM units WHERE code IN ({marks})", old)]
idmarks = ",".join("?" * len(ids))
reopen = int(sys.argv[5])
if reopen > 0:
    due = int(time.time() * 1000) + 7 * 86400 * 1000
    db.execute(f"UPDATE dossiers SET closed_at = NULL, finished_at = NULL, returned_at = NULL, "
               f"status = 'in_progress', outcome = NULL, timeliness = NULL, current_unit_id = agency_unit_id, "
               f"due_at = ?, public_view = NULL WHERE id IN (SELECT id FROM dossiers WHERE closed_at IS NOT NULL "
               f"AND agency_unit_id IN ({idmarks}) ORDER BY random() LIMIT ?)", [due, *ids, reopen])
    db.commit()
# Like with like: closed dossiers of the ended units against closed ones of units left alone
# (an open dossier's answer adds its live countdown); the moved open ones on their own.
q = ("SELECT code, applicant_phone FROM dossiers WHERE applicant_phone IS NOT NULL AND "
     "agency_unit_id {} ({}) AND closed_at IS {} ORDER BY random() LIMIT 5000")
for name, op, closed in ((sys.argv[3], "IN", "NOT NULL"), (sys.argv[4], "NOT IN", "NOT NULL"),
                         (sys.argv[3] + "-open", "IN", "NULL")):
    with open(name, "w") as f:
        for code, phone in db.execute(q.format(op, idmarks, closed), ids):
            f.write(f"{code} {phone[-4:]}\n")
(n_old,) = db.execute(f"SELECT count(*) FROM dossiers WHERE agency_unit_id IN ({idmarks})", ids).fetchone()
(n_open,) = db.execute(f"SELECT count(*) FROM dossiers WHERE closed_at IS NULL AND agency_unit_id IN ({idmarks})", ids).fetchone()
print(f"dossiers of the ended units: {n_old} ({n_open} open)")
PY

# run NAME COMMAND…: wall time and peak resident memory of one command.
run() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>&1 || { cat "$work/out"; exit 1; }
  read -r secs kib <"$work/time"
  printf '%-40s %8s s   peak RSS %6d MiB (with the database pages SQLite maps)\n' "$name" "$secs" "$(( kib / 1024 ))"
}
run "dry run (units reorganise --dry-run)" "$bin" --data-dir "$work/data" "${quiet[@]}" units reorganise --plan "$work/plan.json" --dry-run
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("  to move:", d["to_move"], "items; problems:", len(d["problems"]))' "$work/out" 2>/dev/null ||
  grep -o '"to_move":[0-9]*' "$work/out"
run "apply (units reorganise)" "$bin" --data-dir "$work/data" "${quiet[@]}" units reorganise --plan "$work/plan.json"
sed 's/^/  /' "$work/out" | grep -v DEMO || true

start_nginx "$work" "$nginx_port"
ts_port=$(free_port)
"$bin" --data-dir "$work/data" "${quiet[@]}" --set security.rate_limit_per_second=0 serve --listen "127.0.0.1:$ts_port" >/dev/null 2>&1 &
ts_pid=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$ts_port/readyz" >/dev/null && break; sleep 0.1; done
# The views of moved dossiers (they named the old units) are rendered again in the background.
start=$(date +%s)
for _ in $(seq 1 600); do
  missing=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True).execute("SELECT count(*) FROM dossiers WHERE public_view IS NULL").fetchone()[0])' "$db")
  [ "$missing" = 0 ] && break
  sleep 1
done
echo "public views of moved dossiers rendered again in the background in $(( $(date +%s) - start )) s (left: $missing)"
lookup_script "$work/old-keys" "$work/old.lua"
lookup_script "$work/new-keys" "$work/new.lua"
lookup_script "$work/old-keys-open" "$work/old-open.lua"
echo "look-up after the reorganisation (closed dossiers unless said); wrk 2 threads, $duration per run, $(nproc) cores shared by client and server"
measure "nginx: static 200 ($conns conn)" "http://127.0.0.1:$nginx_port/" "$conns" >/dev/null
# Alternated, twice each: on two shared cores one run's p99 swings with what else ran.
for round in 1 2; do
  measure "look-up, codes of units left alone ($(wc -l <"$work/new-keys"))" "http://127.0.0.1:$ts_port" "$conns" -s "$work/new.lua" >/dev/null
  measure "look-up, codes of ended units ($(wc -l <"$work/old-keys"))" "http://127.0.0.1:$ts_port" "$conns" -s "$work/old.lua" >/dev/null
done
measure "look-up, moved open dossiers ($(wc -l <"$work/old-keys-open"))" "http://127.0.0.1:$ts_port" "$conns" -s "$work/old-open.lua" >/dev/null
