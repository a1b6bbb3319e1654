#!/usr/bin/env python3
"""Creates plans through the API as fast as `clients` concurrent clients can, for `seconds`.

usage: plan-create.py <api base url> <api key> <seconds> <clients> <name prefix>
Prints one line: plans/s, p50 and p99 latency in ms, and the number of non-201 answers.
"""
import http.client
import json
import statistics
import sys
import threading
import time
import urllib.parse

base, key, seconds, clients, prefix = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
url = urllib.parse.urlparse(base)
latencies, failures = [], [0]
lock = threading.Lock()
deadline = time.monotonic() + seconds


def client(number):
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    i = 0
    while time.monotonic() < deadline:
        body = json.dumps({
            "name": "%s-%d-%d" % (prefix, number, i),
            "source": {"path": "/tmp/bench-src"},
            "destination": {"path": "/tmp/bench-dst-%d-%d" % (number, i)},
            "mode": "MIRROR",
        })
        start = time.monotonic()
        connection.request("POST", "/api/v1/plans", body,
                           {"Authorization": "Bearer " + key, "Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        took = (time.monotonic() - start) * 1000
        with lock:
            if response.status == 201:
                latencies.append(took)
            else:
                failures[0] += 1
        i += 1


threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
begun = time.monotonic()
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
elapsed = time.monotonic() - begun
latencies.sort()
p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else 0
print("%.1f %.1f %.1f %d" % (len(latencies) / elapsed, statistics.median(latencies) if latencies else 0, p99, failures[0]))
