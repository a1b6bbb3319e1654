#!/usr/bin/env python3
"""Stores N plans through the API (POST /api/v1/plans), with a few threads.

usage: api-seed.py BASE_URL API_KEY COUNT
"""
import concurrent.futures
import http.client
import json
import sys
import threading
import time
import urllib.parse

base, key, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
url = urllib.parse.urlparse(base)
local = threading.local()


def connection():
    if not hasattr(local, "conn"):
        local.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    return local.conn


def create(i):
    body = json.dumps({
        "name": f"bench-{i:05d}",
        "tags": ["bench", f"team-{i % 10}"],
        "source": {"path": f"/data/bench/{i}"},
        "destination": {"path": f"/backup/bench/{i}"},
        "mode": ["MIRROR", "COPY", "MIRROR_WITH_REVISIONS"][i % 3],
        "schedule": {"type": "INTERVAL", "everyMinutes": 60 + i % 600},
        "notifications": {"webhooks": [{"url": "http://127.0.0.1:9/hook"}]},
        # paused, and in a pool no executor serves: the stack stores and lists them, but never
        # runs or initialises them, so the benchmark measures the API and not 10,000 rclone runs
        "paused": True,
        "pool": "bench-idle",
    })
    for _ in range(30):
        conn = connection()
        conn.request("POST", "/api/v1/plans", body,
                     {"Authorization": "Bearer " + key, "Content-Type": "application/json"})
        response = conn.getresponse()
        answer = response.read()
        # a busy stack answers 503 or 429 with Retry-After and changes nothing: wait as told
        if response.status not in (429, 503):
            break
        time.sleep(float(response.getheader("Retry-After") or 1))
    if response.status not in (201, 409):
        raise RuntimeError(f"plan {i}: {response.status} {answer[:200]!r}")
    return json.loads(answer).get("id") if response.status == 201 else None


with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
    ids = [i for i in pool.map(create, range(count)) if i]
print(f"stored {len(ids)} new plans", file=sys.stderr)
if ids:
    print(ids[len(ids) // 2])
