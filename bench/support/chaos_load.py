#!/usr/bin/env python3
"""Load for bench/chaos.sh: desk submissions from several threads, each retried with its
Idempotency-Key after a lost or failed reply (as a careful client does), until a stop file
appears. Every acknowledged dossier is written as "address<TAB>code" to the output file; the
chaos script then checks that each one is in the database, once.

    chaos_load.py BASE_URL OUT_FILE STOP_FILE [threads=8]
"""
import http.client
import itertools
import json
import os
import sys
import threading
import time
import urllib.parse

base, out_path, stop_path = sys.argv[1], sys.argv[2], sys.argv[3]
threads = int(sys.argv[4]) if len(sys.argv) > 4 else 8
url = urllib.parse.urlsplit(base)
counter = itertools.count()
lock = threading.Lock()
figures = {"acknowledged": 0, "retries": 0, "refused": 0, "abandoned": 0, "done_unanswered": 0}


def request(method, path, body=None, headers=None, timeout=15):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, r.getheader("Set-Cookie") or "", r.read()
    finally:
        conn.close()


def login():
    while True:
        try:
            status, cookie, body = request(
                "POST", "/api/v1/auth/login",
                json.dumps({"username": "motcua.tinh", "password": "Tinhso@2026"}),
                {"Content-Type": "application/json"})
            if status == 200:
                return cookie.split(";")[0], json.loads(body)["principal"]["csrf_token"]
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.2)


cookie, csrf = login()
status, _, body = request("GET", "/api/v1/procedures?q=ly%20lich%20tu%20phap")
procedure_id = json.loads(body)["items"][0]["id"]
out = open(out_path, "a", encoding="utf-8")


def submit_one(n):
    address = f"Số chaos-{n} đường Lê Lợi, phường Hòa Bình"
    body = json.dumps({
        "procedure_id": procedure_id,
        "applicant": {"name": "Nguyễn Văn Hỗn Loạn", "phone": "0912000111",
                      "id_number": "047190001234", "address": address},
        "papers_received": [{"index": 0, "originals": 1}, {"index": 1, "copies": 1}],
    }, ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json", "Cookie": cookie, "X-CSRF-Token": csrf,
               "Idempotency-Key": f"chaos-{os.getpid()}-{n}"}
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _, reply = request("POST", "/api/v1/dossiers", body, headers)
        except (OSError, http.client.HTTPException):
            status, reply = 0, b""
        if status in (200, 201):
            code = json.loads(reply)["code"]
            with lock:
                out.write(f"{address}\t{code}\n")
                out.flush()
                figures["acknowledged"] += 1
            return
        if status == 409 and b"idempotency.already_done" in reply:
            # Committed on a node that died before it kept the answer: done, never run twice.
            with lock:
                figures["done_unanswered"] += 1
            return
        if 400 <= status < 500 and status != 409:
            with lock:
                figures["refused"] += 1
                print(f"refused {status}: {reply[:200]!r}", file=sys.stderr)
            return
        # No reply, 5xx (the node died, the balancer found no node), 409 still in progress.
        with lock:
            figures["retries"] += 1
        time.sleep(0.1)
    with lock:
        figures["abandoned"] += 1


def worker():
    while not os.path.exists(stop_path):
        submit_one(next(counter))


pool = [threading.Thread(target=worker) for _ in range(threads)]
for t in pool:
    t.start()
for t in pool:
    t.join()
out.close()
print(json.dumps(figures))
