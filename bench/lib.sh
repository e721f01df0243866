# Shared by the benchmark scripts (sourced): the server binary, a free loopback port, nginx
# answering a static 200 — the reference every HTTP figure is compared with — logging each
# request to a file, logging in, wrk runs and the wrk scripts for submissions and look-ups.

# The server binary the benchmarks run: $TINHSO_BIN or the ci build (sets bin).
bench_binary() {
  bin=${TINHSO_BIN:-build/ci/tinhso}
  [ -x "$bin" ] || { echo "build first: cmake --preset ci && cmake --build --preset ci" >&2; exit 1; }
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_nginx WORKDIR PORT: runs nginx with its files in WORKDIR; stop_nginx WORKDIR stops it.
# GET / answers 15 bytes; GET /body.json serves WORKDIR/body.json when a benchmark writes one.
start_nginx() {
  cat >"$1/nginx.conf" <<CONF
worker_processes $(nproc);
pid $1/nginx.pid;
error_log $1/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log $1/nginx-access.log;
  client_body_temp_path $1; proxy_temp_path $1; fastcgi_temp_path $1; uwsgi_temp_path $1; scgi_temp_path $1;
  server {
    listen 127.0.0.1:$2;
    location / { default_type application/json; return 200 '{"status":"ok"}'; }
    # A reply of a given size: the benchmark writes WORKDIR/body.json (sendfile, no gzip).
    location = /body.json { default_type application/json; root $1; }
  }
}
CONF
  nginx -c "$1/nginx.conf"
}
stop_nginx() { nginx -c "$1/nginx.conf" -s stop 2>/dev/null || true; }

# start_lb WORKDIR PORT NODE_PORT…: nginx as the load balancer a province puts in front of its
# nodes (round robin, keep-alive upstream connections, the next node tried when one refuses a
# connection); stop_lb WORKDIR stops it.
start_lb() {
  local dir=$1 port=$2 servers="" p
  shift 2
  for p in "$@"; do servers+="server 127.0.0.1:$p max_fails=1 fail_timeout=2s; "; done
  cat >"$dir/lb.conf" <<CONF
worker_processes 1;
pid $dir/lb.pid;
error_log $dir/lb-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir; proxy_temp_path $dir; fastcgi_temp_path $dir; uwsgi_temp_path $dir; scgi_temp_path $dir;
  upstream tinhso { $servers keepalive 64; }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://tinhso;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_connect_timeout 1s;
    }
  }
}
CONF
  nginx -c "$dir/lb.conf"
}
stop_lb() { [ -f "$1/lb.conf" ] && nginx -c "$1/lb.conf" -s stop 2>/dev/null || true; }

# login BASE_URL USERNAME → "Cookie: …" and the CSRF token, on two lines (demo password).
login() {
  local h b
  h=$(mktemp) b=$(mktemp)
  curl -s -D "$h" -o "$b" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"Tinhso@2026\"}" "$1/api/v1/auth/login"
  echo "Cookie: $(sed -n 's/^Set-Cookie: \(tinhso_session=[^;]*\).*/\1/p' "$h")"
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["principal"]["csrf_token"])' "$b"
  rm -f "$h" "$b"
}

# measure NAME URL CONNECTIONS [wrk args…]: runs wrk for $duration, prints a line of figures to
# stderr and the requests/s to stdout.
measure() {
  local name=$1 url=$2 c=$3; shift 3
  local out rps p50 p99 errors
  out=$(wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d"$duration" --latency "$@" "$url")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '%-52s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$name" "$rps" "$p50" "$p99" "${errors:-0}" >&2
  echo "$rps"
}

# submit_script BASE_URL FILE: logs in as the province's desk officer and writes a wrk script
# that receives a dossier on paper (Lý lịch tư pháp) per request; prints the cookie header.
submit_script() {
  local cookie csrf pid
  { read -r cookie; read -r csrf; } < <(login "$1" motcua.tinh)
  pid=$(curl -s "$1/api/v1/procedures?q=ly%20lich%20tu%20phap" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  cat >"$2" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-CSRF-Token"] = "$csrf"
wrk.body = '{"procedure_id":$pid,"applicant":{"name":"Nguyễn Văn Thử","phone":"0912000111","id_number":"047190001234","address":"Số 5 đường Lê Lợi, phường Hòa Bình"},"papers_received":[{"index":0,"originals":1},{"index":1,"copies":1}]}'
LUA
  echo "$cookie"
}

# lookup_script KEYS FILE: a wrk script looking up the dossiers of KEYS ("code verifier" lines).
lookup_script() {
  cat >"$2" <<LUA
local keys = {}
for line in io.lines("$1") do
  local code, v = line:match("^(%S+) (%S+)$")
  keys[#keys + 1] = "/api/v1/public/dossiers/" .. code .. "?verifier=" .. v
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", keys[(i % #keys) + 1])
end
LUA
}

# lookup_keys sqlite DB_FILE FILE | lookup_keys postgres URL FILE: 5,000 random dossiers as
# "code verifier" lines (the verifier is the last four digits of the applicant's phone).
lookup_keys() {
  local q="SELECT code, applicant_phone FROM dossiers WHERE applicant_phone IS NOT NULL ORDER BY random() LIMIT 5000"
  if [ "$1" = postgres ]; then
    psql -At -F ' ' "$2" -c "$q" | awk '{print $1, substr($2, length($2) - 3)}' >"$3"
  else
    python3 - "$2" "$q" >"$3" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
for code, phone in db.execute(sys.argv[2]):
    print(code, phone[-4:])
PY
  fi
}
