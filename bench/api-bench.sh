#!/usr/bin/env bash
# Plan API benchmark: with 10,000 plans stored, GET /api/v1/plans (a page of 50) and
# GET /api/v1/plans/{id} at about 1,000 requests a second, beside the baseline of the cheapest
# endpoint the service has (GET /actuator/health/liveness: no store, no authentication), measured
# with wrk while the whole standalone stack runs.
#
# usage: bench/api-bench.sh [rounds]   (from the repository root; needs wrk and python3)
# Starts the standalone stack on port 18080 with its data in /tmp/syncplan-api-bench (kept, so a
# second run reuses the 10,000 plans), seeds the plans if they are missing, runs each measurement
# `rounds` times (3) for 15 s and prints every round and the medians. Stops the stack at the end.
set -euo pipefail

ROUNDS=${1:-3}
PORT=18080
DATA=/tmp/syncplan-api-bench
API=http://localhost:$PORT
export SYNCPLAN_API_KEY=bench-admin-key-5d1f8b3a9e7c2046b4
# one key offers about 1,000 requests a second here: lift the per-key rate limit (100 a second)
export SYNCPLAN_SECURITY_RATE_LIMIT_REQUESTS=1000000
# wrk paces each connection with a fixed pause, to which the answer time adds: offering 1,100 a
# second yields about 1,000
export SYNCPLAN_RATE=1100 SYNCPLAN_CONNECTIONS=20
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=standalone/target/standalone-0.1.0-SNAPSHOT-exec.jar

[ -f "$JAR" ] || ./mvnw -pl standalone -am package -DskipTests
mkdir -p "$DATA"
SYNCPLAN_API_PORT=$PORT SYNCPLAN_KAFKA_PORT=0 SYNCPLAN_DATA_DIR=$DATA \
  SYNCPLAN_BOOTSTRAP_API_KEY=$SYNCPLAN_API_KEY java @"$HERE/../standalone/jvm.options" -Xmx1g -jar "$JAR" > "$DATA/stack.log" 2>&1 &
STACK=$!
trap 'kill $STACK 2>/dev/null; wait $STACK 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "$API/actuator/health/readiness" > /dev/null && break
  sleep 2
done

count() {
  curl -sf -H "Authorization: Bearer $SYNCPLAN_API_KEY" "$API/api/v1/plans?size=1" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalItems"])'
}
if [ "$(count)" -lt 10000 ]; then
  python3 "$HERE/api-seed.py" "$API" "$SYNCPLAN_API_KEY" 10000 > /dev/null
fi
ID=$(curl -sf -H "Authorization: Bearer $SYNCPLAN_API_KEY" "$API/api/v1/plans?page=100&size=50" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
echo "plans stored: $(count); measuring with plan $ID"

measure() { # name url -> "rps p50 p99" in ms
  wrk -t2 -c$SYNCPLAN_CONNECTIONS -d15s --latency -s "$HERE/api-paced.lua" "$1" | python3 -c '
import re, sys
text = sys.stdin.read()
def ms(label):
    m = re.search(r"\s" + label + r"\s+([\d.]+)(us|ms|s)\b", text)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
p50, p99 = ms("50%"), ms("99%")
print("%.0f %.1f %.1f %s" % (rps, p50, p99, errors.group(1) if errors else 0))'
}

# warm up (JIT, the plan view's first load, the other services digesting the plans' events)
for url in "$API/actuator/health/liveness" "$API/api/v1/plans?size=50" "$API/api/v1/plans/$ID"; do
  wrk -t2 -c$SYNCPLAN_CONNECTIONS -d20s -s "$HERE/api-paced.lua" "$url" > /dev/null
done

declare -A RESULTS
for round in $(seq 1 "$ROUNDS"); do
  for name in baseline list get; do
    case $name in
      baseline) url="$API/actuator/health/liveness" ;;
      list) url="$API/api/v1/plans?size=50" ;;
      get) url="$API/api/v1/plans/$ID" ;;
    esac
    result=$(measure "$url")
    RESULTS[$name]+="$result;"
    echo "round $round $name: req/s p50(ms) p99(ms) non-2xx = $result"
  done
done

python3 - "${RESULTS[baseline]}" "${RESULTS[list]}" "${RESULTS[get]}" <<'PY'
import statistics, sys
names = ["baseline (GET /actuator/health/liveness)", "GET /api/v1/plans?size=50", "GET /api/v1/plans/{id}"]
rows = [[list(map(float, r.split())) for r in arg.strip(";").split(";")] for arg in sys.argv[1:]]
base_p99 = statistics.median(r[2] for r in rows[0])
print("\nmedians over rounds:  req/s   p50 ms   p99 ms   p99 / baseline p99")
for name, runs in zip(names, rows):
    rps, p50, p99 = (statistics.median(r[i] for r in runs) for i in range(3))
    print(f"{name:45s} {rps:7.0f} {p50:8.1f} {p99:8.1f} {p99 / base_p99:8.2f}")
print("\npaired p99 ratios (each round's endpoint against the same round's baseline):")
for name, runs in list(zip(names, rows))[1:]:
    ratios = [r[2] / b[2] for r, b in zip(runs, rows[0])]
    print(f"{name:45s} median {statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f})")
PY
