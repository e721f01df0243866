#!/usr/bin/env bash
# Reporting exchange on the demo province: a monthly regime of a 200-indicator form (men and
# women: 400 cells) for every commune; a DHIS2 dataValueSet of MONTHS months of it for every
# commune checked (dryRun) and imported by the province's administrator — values/s and the
# server's memory before and after — then a month exported back (p50/p99 of ROUNDS requests),
# the month's completeness (p50/p99), the pivot of one cell over all communes and the twelve
# months up to it (p50/p99), and one commune's Excel template downloaded and uploaded back (p50
# of each). MONTHS=48 imports about a million values (in requests of at most 200,000).
#   bench/reporting.sh [rounds=20] [months=6]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
rounds=${1:-20}
months=${2:-6}
bench_binary
work=$(mktemp -d /tmp/tinhso-bench-reporting-XXXXXX)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

args=(--data-dir "$work" --set security.rate_limit_per_second=0)
"$bin" "${args[@]}" demo --dossiers 2000 >/dev/null 2>&1
port=$(free_port)
"$bin" "${args[@]}" --set logging.level=warn serve --listen "127.0.0.1:$port" >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port"
{ read -r cookie; read -r csrf; } < <(login "$base" admin)

python3 - "$base" "$cookie" "$csrf" "$pid" "$rounds" "$months" "$work" <<'PY'
import json, sys, time, urllib.request
base, cookie, csrf, pid, rounds, months = sys.argv[1], sys.argv[2].split(": ", 1)[1], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
data_dir = sys.argv[7]
def call(method, path, body=None, ctype="application/json"):
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Cookie": cookie, "X-CSRF-Token": csrf, "Content-Type": ctype})
    try:
        with urllib.request.urlopen(req, timeout=600) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
def rss_mb():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(p * len(xs)))]

demo = next(g for g in json.loads(call("GET", "/api/v1/reporting/regimes")[1])["items"] if g["code"] == "KSTT-QUY")
form = {"code": "BENCH-200", "title": "Biểu thử tải", "name": "200 chỉ tiêu theo giới tính",
        "rows": [{"code": f"ct{i:03}", "label": f"Chỉ tiêu {i}"} for i in range(1, 201)],
        "columns": [{"code": "nam", "label": "Nam"}, {"code": "nu", "label": "Nữ"}]}
st, raw = call("POST", "/api/v1/reporting/forms", form)
if st != 201: sys.exit(f"form: HTTP {st} {raw[:300]}")
version = json.loads(raw)["version"]
st, raw = call("POST", "/api/v1/reporting/regimes", {
    "code": f"BENCH-200-{version}", "name": "Thử tải", "form_code": "BENCH-200", "form_version": version,
    "period_type": "month", "cutoff_day": 15,
    "deadline": {"kind": "working_days_after_cutoff", "working_days": 5},
    "receiver_unit_id": demo["receiver"]["id"], "reporter_level": "commune"})
if st != 201: sys.exit(f"regime: HTTP {st} {raw[:300]}")
regime = json.loads(raw)
regimes = json.loads(call("GET", "/api/v1/reporting/regimes")[1])["items"]
periods = [p["id"] for p in next(g for g in regimes if g["id"] == regime["id"])["periods"]]
current = periods[-1]
year, month = map(int, current.split("-"))
wanted = []
for k in range(months):
    m = year * 12 + month - 1 - k
    wanted.append(f"{m // 12:04}-{m % 12 + 1:02}")
units = {u["id"]: u for u in json.loads(call("GET", "/api/v1/units?limit=1000")[1])["items"]}
done = json.loads(call("GET", f"/api/v1/reporting/regimes/{regime['id']}/completeness?period={current}")[1])
communes = [units[x["unit_id"]] for x in done["units"]]
values = []
for p in wanted:
    for i, u in enumerate(communes):
        for k in range(1, 201):
            for col in ("nam", "nu"):
                values.append({"dataElement": f"ct{k:03}", "categoryOptionCombo": col, "orgUnit": u["code"],
                               "period": p.replace("-", ""), "value": str((i * 7 + k) % 50)})
# A request takes at most 200,000 values: whole months, as many as fit, a request each.
per_month = len(communes) * 400
chunk = max(1, 200000 // per_month) * per_month
period = current
print(f"dataValueSet: {len(values):,} values ({len(communes)} communes x 400 cells x {months} months), "
      f"{(len(values) + chunk - 1) // chunk} request(s)")
before = rss_mb()
peak = before
for label, query in (("dryRun", "?dryRun=true"), ("import", "")):
    t = time.monotonic()
    counts = {}
    for at in range(0, len(values), chunk):
        body = {"dataSet": regime["code"], "dataValues": values[at:at + chunk]}
        status, out = call("POST", f"/api/v1/reporting/regimes/{regime['id']}/data-value-sets{query}", body)
        peak = max(peak, rss_mb())
        summary = json.loads(out)
        part = summary.get("importCount") or summary.get("error", {}).get("details", {}).get("importCount") or {}
        for k, v in part.items():
            counts[k] = counts.get(k, 0) + v
        if status != 200:
            print(f"{label}: HTTP {status} {out[:300]}"); break
    dt = time.monotonic() - t
    print(f"{label}: {dt:.2f} s, {len(values) / dt:,.0f} values/s, counts {counts}, "
          f"server RSS {before:.0f} -> {rss_mb():.0f} MB (peak {peak:.0f} MB)")
del values
times = []
for _ in range(rounds):
    t = time.monotonic()
    status, out = call("GET", f"/api/v1/reporting/regimes/{regime['id']}/data-value-sets?period={period}")
    times.append((time.monotonic() - t) * 1000)
n = len(json.loads(out)["dataValues"])
print(f"export of a month ({n:,} values): p50 {pct(times, .5):.1f} ms, p99 {pct(times, .99):.1f} ms")
times = []
for _ in range(rounds):
    t = time.monotonic()
    call("GET", f"/api/v1/reporting/regimes/{regime['id']}/completeness?period={period}")
    times.append((time.monotonic() - t) * 1000)
print(f"completeness of a month ({len(communes)} units): p50 {pct(times, .5):.1f} ms, p99 {pct(times, .99):.1f} ms")
path = f"/api/v1/reporting/regimes/{regime['id']}/reports/{period}/{communes[1]['id']}"
down, up = [], []
for _ in range(rounds):
    t = time.monotonic(); status, xlsx = call("GET", path + "?format=xlsx"); down.append((time.monotonic() - t) * 1000)
    t = time.monotonic(); status, out = call("POST", path + "/xlsx", xlsx, "application/octet-stream"); up.append((time.monotonic() - t) * 1000)
    if status != 200:
        print("upload:", status, out[:200]); break
print(f"Excel template ({len(xlsx)} bytes): download p50 {pct(down, .5):.1f} ms, upload p50 {pct(up, .5):.1f} ms")
# The pivot reads approved reports: the imported drafts are marked approved in the database
# itself (the approval workflow is not what is measured here).
import sqlite3
db = sqlite3.connect(f"{data_dir}/tinhso.db", timeout=30)
db.execute("UPDATE reporting_reports SET status = 'approved', approved_levels = 1 WHERE regime_id = ?", (regime["id"],))
# What an approval passes up (reporting/reports.h pass_up), written the same way.
db.execute("INSERT INTO reporting_approved (regime_id, period, row_code, column_code, unit_id, report_id, num) "
           "SELECT r.regime_id, r.period, v.row_code, v.column_code, r.unit_id, r.id, v.num FROM reporting_values v "
           "JOIN reporting_reports r ON r.id = v.report_id WHERE r.regime_id = ? AND v.num IS NOT NULL", (regime["id"],))
db.commit()
db.close()
times = []
for _ in range(rounds):
    t = time.monotonic()
    status, out = call("GET", f"/api/v1/reporting/regimes/{regime['id']}/pivot?cell=ct001.nam&to={period}")
    times.append((time.monotonic() - t) * 1000)
pv = json.loads(out)
filled = sum(v is not None for u in pv["units"] for v in u["values"])
print(f"pivot of one cell ({len(pv['units'])} units x {len(pv['periods'])} months, {filled} figures): "
      f"p50 {pct(times, .5):.1f} ms, p99 {pct(times, .99):.1f} ms")
PY
