# Shared by the benchmark scripts (sourced): a free loopback port, and nginx answering a static
# 200 — the reference every HTTP figure is compared with — logging each request to a file.
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
