#!/usr/bin/env bash
# Issue 17, goal 5: with 100,000 plans and 1,000,000 stored runs in the standalone stack's embedded
# store, the p99 of a plan's run history (GET /api/v1/plans/{id}/runs) and of the failures across
# plans (GET /api/v1/runs?status=FAILED&from=<7 days ago>) at about 500 requests a second, beside
# the baseline of bench/api-bench.sh (GET /actuator/health/liveness), in interleaved rounds.
#
# usage: bench/run-history-bench.sh [rounds] [plans] [runs-per-plan]   (defaults 7, 100000, 10)
#        bench/run-history-bench.sh probe [sizes...]   (default 100000 400000): which queries the
#        embedded store answers without reading every document (StoreQueryProbe), timed on
#        collections of each size in a new store file under /tmp
# From the repository root; needs wrk and python3. Run it on a quiet machine (no build beside it).
# STACK_JAVA_OPTS: JVM options for the stack after standalone/jvm.options, which they override
# (STACK_JAVA_OPTS=-XX:TieredStopAtLevel=4 measures it with both compilers).
#
# Data in /tmp/syncplan-history-bench (kept: a second run reuses it). The first run starts the
# stack once to store one plan through the API, stops it, and seeds the store file directly
# (RunHistorySeed: copies of that plan, and runs written by plan-service's own mapping of its run
# documents, in bulk inserts over the MongoDB wire protocol; a few minutes). Then it starts the
# stack on port 18081 and measures each endpoint for 15 s a round with wrk, paced by
# bench/api-paced.lua. Prints every round, the median p99 of each endpoint and the median of the
# per-round ratios p99 / baseline p99 with min and max. Figures go in docs/benchmarks.md, section
# "A million stored runs (issue 17, goal 5)".
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=measure
if [ "${1:-}" = probe ]; then
  MODE=probe
  shift
fi
ROUNDS=${1:-7}
PLANS=${2:-100000}
RUNS_PER_PLAN=${3:-10}
PORT=18081
DATA=${BENCH_DATA:-/tmp/syncplan-history-bench}
API=http://localhost:$PORT
HERE=bench
export SYNCPLAN_API_KEY=bench-admin-key-5d1f8b3a9e7c2046b4
export SYNCPLAN_SECURITY_RATE_LIMIT_REQUESTS=1000000
# paced connections offer 550 a second (SYNCPLAN_RATE), of which the answer times take some: about
# 500 when answers take 3 to 4 ms
export SYNCPLAN_RATE=${SYNCPLAN_RATE:-550} SYNCPLAN_CONNECTIONS=20
JAR=standalone/target/standalone-0.1.0-SNAPSHOT-exec.jar
mvn() { ./mvnw ${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO} "$@" || { echo "build failed: mvn $*" >&2; exit 1; }; }

# the jar, and the seeder's classpath (with a phase, so the project's modules resolve to their
# target folders: nothing is installed)
[ -f "$JAR" ] || mvn -pl standalone -am package -DskipTests > /dev/null
[ -f plan-service/target/bench.classpath ] \
  && [ -f plan-service/target/test-classes/io/syncplan/plan/run/RunHistorySeed.class ] \
  || mvn -pl plan-service -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test > /dev/null
CLASSPATH_SEED="plan-service/target/test-classes:plan-service/target/classes:$(cat plan-service/target/bench.classpath)"

if [ $MODE = probe ]; then
  PROBE=$(mktemp -d /tmp/store-probe.XXXXXX)
  trap 'rm -rf "$PROBE"' EXIT
  [ $# -gt 0 ] || set -- 100000 400000
  java -Xmx1g -cp "$CLASSPATH_SEED" io.syncplan.plan.run.StoreQueryProbe "$PROBE" "$@"
  exit 0
fi

STACK=
start_stack() {
  SYNCPLAN_API_PORT=$PORT SYNCPLAN_KAFKA_PORT=0 SYNCPLAN_DATA_DIR=$DATA \
    SYNCPLAN_BOOTSTRAP_API_KEY=$SYNCPLAN_API_KEY java @standalone/jvm.options -Xmx2g ${STACK_JAVA_OPTS:-} -jar "$JAR" >> "$DATA/stack.log" 2>&1 &
  STACK=$!
  for _ in $(seq 1 300); do
    curl -sf "$API/actuator/health/readiness" > /dev/null && return 0
    kill -0 $STACK 2> /dev/null || { echo "the stack stopped, see $DATA/stack.log" >&2; exit 1; }
    sleep 2
  done
  echo "the stack did not get ready, see $DATA/stack.log" >&2
  exit 1
}
stop_stack() {
  if [ -n "$STACK" ]; then
    kill $STACK 2> /dev/null || true
    wait $STACK 2> /dev/null || true
    STACK=
  fi
}
trap stop_stack EXIT
get() { curl -sf -H "Authorization: Bearer $SYNCPLAN_API_KEY" "$API$1"; }

mkdir -p "$DATA"
if [ ! -f "$DATA/seeded-$PLANS-$RUNS_PER_PLAN" ]; then
  if [ ! -f "$DATA/template-plan" ]; then
    start_stack
    # paused, in a pool no executor serves: stored and listed, never run
    curl -sf -H "Authorization: Bearer $SYNCPLAN_API_KEY" -H 'Content-Type: application/json' \
      -X POST "$API/api/v1/plans" -d '{"name":"history-bench-000000","tags":["bench"],
        "source":{"path":"/data/bench/history"},"destination":{"path":"/backup/bench/history"},
        "mode":"MIRROR","schedule":{"type":"INTERVAL","everyMinutes":60},
        "paused":true,"pool":"bench-idle"}' \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' > "$DATA/template-plan"
    stop_stack
  fi
  java -Xmx1g -cp "$CLASSPATH_SEED" io.syncplan.plan.run.RunHistorySeed \
    "$DATA/mongo/syncplan.mv" "$(cat "$DATA/template-plan")" "$PLANS" "$RUNS_PER_PLAN" \
    > "$DATA/history-plan"
  touch "$DATA/seeded-$PLANS-$RUNS_PER_PLAN"
fi

start_stack
PLAN=$(cat "$DATA/history-plan")
FROM=$(date -u -d '7 days ago' +%Y-%m-%dT%H:%M:%SZ)
BASELINE="$API/actuator/health/liveness"
HISTORY="$API/api/v1/plans/$PLAN/runs"
FAILURES="$API/api/v1/runs?status=FAILED&from=$FROM"
total() { get "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalItems"])'; }
echo "plans: $(total '/api/v1/plans?size=1'); runs: $(total '/api/v1/runs?size=1')"
echo "history of plan $PLAN: $(total "/api/v1/plans/$PLAN/runs?size=1") runs;" \
  "failures since $FROM: $(total "/api/v1/runs?status=FAILED&from=$FROM&size=1")"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

measure() { # url -> "rps p50 p99 non-2xx timeouts" (ms)
  wrk -t2 -c$SYNCPLAN_CONNECTIONS -d15s --timeout 30s --latency -s "$HERE/api-paced.lua" "$1" \
    | python3 -c '
import re, sys
text = sys.stdin.read()
def ms(label):
    m = re.search(r"\s" + label + r"\s+([\d.]+)(us|ms|s|m)\b", text)
    if not m:
        return float("nan")
    value, unit = float(m.group(1)), m.group(2)
    return {"us": value / 1000, "ms": value, "s": value * 1000, "m": value * 60000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
timeouts = re.search(r"timeout (\d+)", text)
print("%.0f %.1f %.1f %s %s" % (rps, ms("50%"), ms("99%"), errors.group(1) if errors else 0,
                                timeouts.group(1) if timeouts else 0))'
}
settle() { # the requests wrk gave up on may still be running in the stack
  for _ in $(seq 1 60); do
    [ "$(curl -s -o /dev/null -w '%{time_total}' "$BASELINE" | cut -d. -f1)" = 0 ] && break
    sleep 1
  done
  sleep 2
}

for url in "$BASELINE" "$HISTORY" "$FAILURES"; do # warm up (JIT, the store's page cache)
  wrk -t2 -c$SYNCPLAN_CONNECTIONS -d10s --timeout 30s -s "$HERE/api-paced.lua" "$url" > /dev/null
  settle
done

declare -A RESULTS
for round in $(seq 1 "$ROUNDS"); do
  for name in baseline history failures; do
    case $name in
      baseline) url=$BASELINE ;;
      history) url=$HISTORY ;;
      failures) url=$FAILURES ;;
    esac
    result=$(measure "$url")
    RESULTS[$name]+="$result;"
    echo "round $round $name: req/s p50(ms) p99(ms) non-2xx timeouts = $result"
    settle
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "${RESULTS[baseline]}" "${RESULTS[history]}" "${RESULTS[failures]}" <<'PY'
import statistics, sys
names = ["baseline GET /actuator/health/liveness", "GET /api/v1/plans/{id}/runs",
         "GET /api/v1/runs?status=FAILED&from=-7d"]
rows = [[list(map(float, r.split())) for r in arg.strip(";").split(";")] for arg in sys.argv[1:]]
print("\nmedians over %d rounds:      req/s   p50 ms   p99 ms   p99/baseline p99: median (min, max)"
      % len(rows[0]))
for name, runs in zip(names, rows):
    rps, p50, p99 = (statistics.median(r[i] for r in runs) for i in range(3))
    ratios = [r[2] / b[2] for r, b in zip(runs, rows[0])]
    print(f"{name:40s} {rps:6.0f} {p50:8.1f} {p99:8.1f}   {statistics.median(ratios):.2f}"
          f" ({min(ratios):.2f}, {max(ratios):.2f});"
          f" p99 per round {', '.join('%.0f' % r[2] for r in runs)}")
PY
