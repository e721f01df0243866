#!/usr/bin/env bash
# Reporting at the scale of issue 18's goal: UNITS reporting units × a 200-indicator monthly
# form × MONTHS months of approved reports (3,300 × 200 × 60 ≈ 40 M values) on SQLite, then,
# live on the serving node: the province-wide pivot of one indicator (every unit × the twelve
# months up to a period), the completeness of a regime-period, and the month's aggregate (every
# unit's 200 figures summed), p50/p99 of ROUNDS requests each, with the server's memory.
#   bench/reporting-province.sh [units=3300] [months=60] [rounds=50]
# ENGINE=postgres runs it on PostgreSQL 15 (a throw-away cluster, scripts/with-postgres; the
# reports are generated inside the database by one set-based statement per month).
# KEEP=1 keeps the data directory (its path is printed) to look into afterwards.
# The units are made through the API (divisions under the demo's communes and departments: the
# coding of agencies leaves a province 99 units per level, and what is measured is their number);
# the reports and values are written straight into the database with the server stopped — the
# import path has its own figures (bench/reporting.sh), and 40 M values through it would take
# ten minutes of the run.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
units=${1:-3300}
months=${2:-60}
rounds=${3:-50}
engine=${ENGINE:-sqlite}
bench_binary
if [ "$engine" = postgres ] && [ -z "${TINHSO_TEST_PG_URL:-}" ]; then
  exec scripts/with-postgres "$0" "$@"
fi
work=$(mktemp -d /tmp/tinhso-bench-province-XXXXXX)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  if [ "${KEEP:-}" = 1 ]; then echo "kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM

args=(--data-dir "$work" --set security.rate_limit_per_second=0)
if [ "$engine" = postgres ]; then
  url="${TINHSO_TEST_PG_URL%/*}/tinhso_province"
  psql -q "$TINHSO_TEST_PG_URL" -c "DROP DATABASE IF EXISTS tinhso_province WITH (FORCE)" \
    -c "CREATE DATABASE tinhso_province" >/dev/null
  args+=(--set "database.url=$url")
fi
echo "engine: $engine"
"$bin" "${args[@]}" demo --dossiers 0 >/dev/null 2>&1
port=$(free_port)
base="http://127.0.0.1:$port"
serve() {
  "$bin" "${args[@]}" --set logging.level=warn serve --listen "127.0.0.1:$port" >>"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do curl -sf "$base/readyz" >/dev/null && return; sleep 0.1; done
  echo "the server did not start" >&2; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }

# Step 1, through the API: the units, the form and the regime.
serve
{ read -r cookie; read -r csrf; } < <(login "$base" admin)
python3 - "$base" "$cookie" "$csrf" "$units" "$work/regime.json" <<'PY'
import json, sys, time, urllib.request
base, cookie, csrf, want, out = sys.argv[1], sys.argv[2].split(": ", 1)[1], sys.argv[3], int(sys.argv[4]), sys.argv[5]
def call(method, path, body=None):
    req = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(),
                                 method=method, headers={"Cookie": cookie, "X-CSRF-Token": csrf,
                                                         "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=600) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, e.read()[:300]
demo = next(g for g in call("GET", "/api/v1/reporting/regimes")[1]["items"] if g["code"] == "KSTT-QUY")
items = call("GET", "/api/v1/units?limit=1000")[1]["items"]
# Parents with a free third level of the agency code: the demo's units of two levels.
parents = [u for u in items if u["code"][4:6] == "00" and u["code"][7:9] != "00"]
made, t = [], time.monotonic()
for p in parents:
    for k in range(50, 100):
        if len(made) == want: break
        code = f"000.{k:02}.{p['code'][7:9]}.{p['code'][10:]}"
        st, body = call("POST", "/api/v1/units", {"parent_id": p["id"], "code": code, "name": f"Đơn vị thử tải {len(made) + 1}",
                                                 "level": p["level"], "kind": "division"})
        if st != 201: sys.exit(f"unit {code}: HTTP {st} {body}")
        made.append(body["id"])
if len(made) < want: sys.exit(f"only {len(made)} units could be coded under {len(parents)} parents")
print(f"{len(made):,} reporting units made through the API in {time.monotonic() - t:.1f} s")
form = {"code": "BENCH-TINH", "title": "Biểu thử tải cấp tỉnh", "name": "200 chỉ tiêu",
        "rows": [{"code": f"ct{i:03}", "label": f"Chỉ tiêu {i}"} for i in range(1, 201)],
        "columns": [{"code": "so_lieu", "label": "Số liệu"}]}
st, f = call("POST", "/api/v1/reporting/forms", form)
if st != 201: sys.exit(f"form: HTTP {st} {f}")
st, g = call("POST", "/api/v1/reporting/regimes", {
    "code": "BENCH-TINH", "name": "Thử tải cấp tỉnh", "form_code": "BENCH-TINH", "form_version": f["version"],
    "period_type": "month", "cutoff_day": 15, "deadline": {"kind": "working_days_after_cutoff", "working_days": 5},
    "receiver_unit_id": demo["receiver"]["id"], "reporter_unit_ids": made})
if st != 201: sys.exit(f"regime: HTTP {st} {g}")
mine = next(x for x in call("GET", "/api/v1/reporting/regimes")[1]["items"] if x["id"] == g["id"])
json.dump({"id": g["id"], "form_version": f["version"], "units": made, "current": mine["periods"][-1]["id"]}, open(out, "w"))
PY
stop

# Step 2, in the database: MONTHS months of approved reports, 200 figures each.
if [ "$engine" = postgres ]; then
python3 - "$work/regime.json" "$months" > "$work/fill.sql" <<'PY'
import json, sys
meta, months = json.load(open(sys.argv[1])), int(sys.argv[2])
year, month = map(int, meta["current"].split("-"))
periods = [f"{(year * 12 + month - 1 - k) // 12:04}-{(year * 12 + month - 1 - k) % 12 + 1:02}" for k in range(months)]
units = "{" + ",".join(map(str, meta["units"])) + "}"
for p in periods:
    # The same rows as the SQLite branch below, one statement each.
    print(f"""BEGIN;
INSERT INTO reporting_reports (regime_id, period, unit_id, form_version, status, comment, due_at,
  submitted_at, on_time, approved_at, approved_by, version, created_at, updated_at, approved_levels)
SELECT {meta['id']}, '{p}', u, {meta['form_version']}, 'approved', '', 0, 0, 1, 0, 'Thử tải', 2, 0, 0, 1
FROM unnest('{units}'::bigint[]) AS u;
INSERT INTO reporting_values (report_id, row_code, column_code, num)
SELECT r.id, 'ct' || lpad(k::text, 3, '0'), 'so_lieu', ((r.unit_id * 7 + k) % 50)::double precision
FROM reporting_reports r CROSS JOIN generate_series(1, 200) AS k WHERE r.regime_id = {meta['id']} AND r.period = '{p}';
INSERT INTO reporting_approved (regime_id, period, row_code, column_code, unit_id, report_id, num)
SELECT r.regime_id, r.period, v.row_code, v.column_code, r.unit_id, r.id, v.num FROM reporting_values v
JOIN reporting_reports r ON r.id = v.report_id WHERE r.regime_id = {meta['id']} AND r.period = '{p}';
COMMIT;""")
print("VACUUM ANALYZE reporting_reports; VACUUM ANALYZE reporting_values; VACUUM ANALYZE reporting_approved;")
PY
start=$(date +%s)
psql -q -v ON_ERROR_STOP=1 "$url" -f "$work/fill.sql" >/dev/null
echo "$(psql -At "$url" -c "SELECT count(*) FROM reporting_reports WHERE approved_by = 'Thử tải'") approved reports, $(psql -At "$url" -c "SELECT count(*) FROM reporting_values") values written in $(( $(date +%s) - start )) s"
echo "database: $(psql -At "$url" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"
else
python3 - "$work/tinhso.db" "$work/regime.json" "$months" <<'PY'
import json, sqlite3, sys, time
db, meta, months = sqlite3.connect(sys.argv[1]), json.load(open(sys.argv[2])), int(sys.argv[3])
year, month = map(int, meta["current"].split("-"))
periods = [f"{(year * 12 + month - 1 - k) // 12:04}-{(year * 12 + month - 1 - k) % 12 + 1:02}" for k in range(months)]
t = time.monotonic()
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA synchronous = OFF")
now = int(time.time() * 1000)
for p in periods:
    db.executemany(
        "INSERT INTO reporting_reports (regime_id, period, unit_id, form_version, status, comment, due_at, "
        "submitted_at, on_time, approved_at, approved_by, version, created_at, updated_at, approved_levels) "
        "VALUES (?, ?, ?, ?, 'approved', '', ?, ?, 1, ?, 'Thử tải', 2, ?, ?, 1)",
        [(meta["id"], p, u, meta["form_version"], now, now, now, now, now) for u in meta["units"]])
    ids = db.execute("SELECT id, unit_id FROM reporting_reports WHERE regime_id = ? AND period = ?", (meta["id"], p)).fetchall()
    db.executemany("INSERT INTO reporting_values (report_id, row_code, column_code, num) VALUES (?, ?, 'so_lieu', ?)",
                   ((rid, f"ct{k:03}", float((uid * 7 + k) % 50)) for rid, uid in ids for k in range(1, 201)))
    # What each approval passes up (reporting/reports.h pass_up), written the same way.
    db.execute("INSERT INTO reporting_approved (regime_id, period, row_code, column_code, unit_id, report_id, num) "
               "SELECT r.regime_id, r.period, v.row_code, v.column_code, r.unit_id, r.id, v.num FROM reporting_values v "
               "JOIN reporting_reports r ON r.id = v.report_id WHERE r.regime_id = ? AND r.period = ?", (meta["id"], p))
    db.commit()
count = db.execute("SELECT count(*) FROM reporting_values").fetchone()[0]
print(f"{len(periods) * len(meta['units']):,} approved reports, {count:,} values written in {time.monotonic() - t:.0f} s")
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.close()
PY
echo "database: $(du -sh "$work" | cut -f1)"
fi

# Step 3, live: the figures people ask the serving node for.
serve
{ read -r cookie; read -r csrf; } < <(login "$base" admin)
python3 - "$base" "$cookie" "$csrf" "$pid" "$rounds" "$work/regime.json" <<'PY'
import json, sys, time, urllib.request
base, cookie, csrf, pid, rounds = sys.argv[1], sys.argv[2].split(": ", 1)[1], sys.argv[3], sys.argv[4], int(sys.argv[5])
meta = json.load(open(sys.argv[6]))
def get(path):
    req = urllib.request.Request(base + path, headers={"Cookie": cookie, "X-CSRF-Token": csrf})
    with urllib.request.urlopen(req, timeout=600) as r:
        return r.read()
def rss_mb():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(p * len(xs)))]
def measure(label, path, describe):
    times, out = [], b""
    for _ in range(rounds):
        t = time.monotonic()
        out = get(path)
        times.append((time.monotonic() - t) * 1000)
    print(f"{label} ({describe(json.loads(out))}): p50 {pct(times, .5):.1f} ms, p99 {pct(times, .99):.1f} ms, "
          f"first {times[0]:.1f} ms; server RSS {rss_mb():.0f} MB")
g, period = meta["id"], meta["current"]
print(f"server RSS at start {rss_mb():.0f} MB")
measure("pivot of one indicator", f"/api/v1/reporting/regimes/{g}/pivot?cell=ct001.so_lieu&to={period}",
        lambda pv: f"{len(pv['units']):,} units x {len(pv['periods'])} months, "
                   f"{sum(v is not None for u in pv['units'] for v in u['values']):,} figures")
measure("completeness of a month", f"/api/v1/reporting/regimes/{g}/completeness?period={period}",
        lambda d: f"{d['expected']:,} expected, {d['approved']:,} approved")
measure("aggregate of a month", f"/api/v1/reporting/regimes/{g}/aggregate?period={period}",
        lambda d: f"{d['approved_reports']:,} reports, {len(d['values'])} cells")
PY
