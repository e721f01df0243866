#!/usr/bin/env bash
# Feedback at the scale of a province's years: ITEMS items over two years (49 in 50 answered and
# published; the other 2 % still open and all past their deadline, the worst case for the live
# overdue count) loaded
# straight into a demo SQLite database, then, against the server: the public list's first page,
# a word search (accents optional, through the FTS5 index), the figures of a year as reception
# reads them, and durable submissions — each with requests/s, p50 and p99, beside nginx serving
# a file of the public page's size in the same run.
#   bench/feedback.sh [items=1000000] [duration=10s] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
items=${1:-1000000}
duration=${2:-10s}
conns=${3:-32}
bench_binary
work=$(mktemp -d /tmp/tinhso-bench-feedback-XXXXXX)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  stop_nginx "$work"
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

args=(--data-dir "$work" --set security.rate_limit_per_second=0 --set feedback.per_sender_per_day=0)
"$bin" "${args[@]}" demo --dossiers 0 >/dev/null 2>&1
db="$work/tinhso.db"
echo "loading $items feedback items…"
started=$(date +%s)
# Texts vary by item so that a word is in about one item in a hundred ("den<n % 100>").
sqlite3 "$db" <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $items),
deps(u, k) AS (SELECT id, row_number() OVER (ORDER BY id) - 1 FROM units
               WHERE level = 'province' AND kind = 'department' AND active = 1),
nu AS (SELECT count(*) AS c FROM deps)
INSERT INTO feedback_items (code, kind, status, category_id, channel, title, content,
  sender_name, sender_address, sender_phone, token_hash, reception_unit_id, unit_id,
  received_at, registered_at, due_at, answer, answered_at, answer_unit_id, timeliness,
  published, folded, version, created_at, updated_at)
SELECT printf('PAKN-B-%07d', i), 'reflection', CASE WHEN i % 50 <> 0 THEN 'answered' ELSE 'in_progress' END,
  1 + i % 7, CASE i % 10 WHEN 0 THEN 'hotline' WHEN 1 THEN 'in_person' WHEN 2 THEN 'app' ELSE 'portal' END,
  'Phản ánh số ' || i || ' về đèn đường den' || (i % 100),
  'Nội dung phản ánh ' || i || ': đèn chiếu sáng khu dân cư số ' || (i % 500) || ' không sáng.',
  'Người gửi ' || i, 'Tỉnh An Khang', printf('09%08d', i), 'x',
  (SELECT id FROM units WHERE name = 'Văn phòng Ủy ban nhân dân tỉnh'),
  (SELECT u FROM deps, nu WHERE k = i % nu.c),
  1700000000000 + i * 60000, 1700000000000 + i * 60000 + 3600000,
  1700000000000 + i * 60000 + 864000000,
  CASE WHEN i % 50 <> 0 THEN 'Đã chỉ đạo sửa chữa đèn chiếu sáng số ' || (i % 500) || '.' END,
  CASE WHEN i % 50 <> 0 THEN 1700000000000 + i * 60000 + 172800000 END,
  CASE WHEN i % 50 <> 0 THEN (SELECT u FROM deps, nu WHERE k = i % nu.c) END,
  CASE WHEN i % 50 <> 0 THEN 'early' END,
  CASE WHEN i % 50 <> 0 THEN 1 ELSE 0 END,
  'phan anh so ' || i || ' ve den duong den' || (i % 100) || ' noi dung phan anh ' || i ||
    ': den chieu sang khu dan cu so ' || (i % 500) || ' khong sang.',
  1, 1700000000000 + i * 60000, 1700000000000 + i * 60000
FROM n;
COMMIT;
ANALYZE;
SQL
# The figures' counters, made from the items as an operator would after a bulk load.
"$bin" "${args[@]}" feedback recount
echo "loaded in $(( $(date +%s) - started )) s; database $(du -m "$db" | cut -f1) MB"

port=$(free_port)
"$bin" "${args[@]}" serve --listen "127.0.0.1:$port" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port"
nginx_port=$(free_port)
curl -s "$base/api/v1/public/feedback?limit=20" >"$work/body.json"
start_nginx "$work" "$nginx_port"
echo "wrk, $duration per run, $conns connections, $(nproc) cores shared by wrk, nginx and tinhso"
nginx_rps=$(measure "nginx: a file of the list page's size ($(wc -c <"$work/body.json") B)" \
  "http://127.0.0.1:$nginx_port/body.json" "$conns")
list_rps=$(measure "public list, first page (20)" "$base/api/v1/public/feedback?limit=20" "$conns")
search_rps=$(measure "public search, one word in ~1 %" "$base/api/v1/public/feedback?q=den42&limit=20" "$conns")
{ read -r cookie; read -r csrf; } < <(login "$base" vanthu.ubndtinh)
stats_rps=$(measure "figures of a year (reception)" "$base/api/v1/feedback/stats?from=2023-11-01&to=2024-10-31" 4 -H "$cookie")
stats_one_rps=$(measure "figures of a year, one request at a time" "$base/api/v1/feedback/stats?from=2023-11-01&to=2024-10-31" 1 -H "$cookie")
cat >"$work/submit.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"category_id":1,"title":"Đèn đường không sáng","content":"Đèn đường khu dân cư số 3 không sáng.","sender":{"name":"Nguyễn Văn Thử","address":"Tỉnh An Khang"}}'
LUA
submit_rps=$(measure "durable submissions (anonymous)" "$base/api/v1/public/feedback" "$conns" -s "$work/submit.lua")
python3 - "$nginx_rps" "$list_rps" "$search_rps" <<'PY'
import sys
n, l, s = (float(a or 0) or 1e-9 for a in sys.argv[1:])
print(f"public list / nginx file of the same size: {l/n:.2f}x; search / nginx: {s/n:.2f}x")
PY
