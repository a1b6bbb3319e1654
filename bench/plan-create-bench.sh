#!/usr/bin/env bash
# Plan creation throughput of the standalone stack: POST /api/v1/plans from 8 concurrent clients
# for 20 s, against a fresh data directory each time. Two builds are measured in interleaved pairs
# (their order alternating), so that a change to the write path (issue 12: every write on disk
# before it is answered) is measured beside the build before it, in the same run.
#
# usage: bench/plan-create-bench.sh <baseline jar> [candidate jar] [pairs]
#   baseline jar   the standalone exec jar before the change, for example built from main:
#                    git worktree add /tmp/syncplan-main main
#                    (cd /tmp/syncplan-main && ./mvnw -q -pl standalone -am package -DskipTests)
#                    -> /tmp/syncplan-main/standalone/target/standalone-0.1.0-SNAPSHOT-exec.jar
#   candidate jar  this worktree's (built with `./mvnw -q -pl standalone -am package -DskipTests`
#                  when missing)
#   pairs          7 by default
# Needs python3. Prints each measurement (plans/s, p50 and p99 in ms, non-201 answers) and the
# median of the paired ratios candidate/baseline with their min and max. Run it on a quiet machine.
set -euo pipefail

BASELINE=${1:?usage: bench/plan-create-bench.sh <baseline jar> [candidate jar] [pairs]}
CANDIDATE=${2:-standalone/target/standalone-0.1.0-SNAPSHOT-exec.jar}
PAIRS=${3:-7}
SECONDS_EACH=20
CLIENTS=8
PORT=18090
KEY=bench-admin-key-$(openssl rand -hex 24)
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/syncplan-create-bench.XXXXXX)

[ -f "$CANDIDATE" ] || ./mvnw -q -pl standalone -am package -DskipTests

STACK=
stop_stack() {
  if [ -n "$STACK" ]; then
    kill "$STACK" 2>/dev/null || true
    wait "$STACK" 2>/dev/null || true
    STACK=
  fi
}
trap 'stop_stack; rm -rf "$WORK"' EXIT

measure() { # jar label -> "plans/s p50 p99 failures"
  local data="$WORK/$2"
  rm -rf "$data" && mkdir -p "$data"
  SYNCPLAN_API_PORT=$PORT SYNCPLAN_KAFKA_PORT=0 SYNCPLAN_DATA_DIR=$data \
    SYNCPLAN_BOOTSTRAP_API_KEY=$KEY java @"$HERE/../standalone/jvm.options" -Xmx1g -jar "$1" > "$data.log" 2>&1 &
  STACK=$!
  for _ in $(seq 1 150); do
    curl -sf "http://localhost:$PORT/actuator/health/readiness" > /dev/null && break
    if ! kill -0 "$STACK" 2>/dev/null; then
      echo "the stack did not start; its log:" >&2; tail -n 20 "$data.log" >&2; exit 1
    fi
    sleep 2
  done
  # warm-up, not counted
  python3 "$HERE/plan-create.py" "http://localhost:$PORT" "$KEY" 5 "$CLIENTS" warm > /dev/null
  python3 "$HERE/plan-create.py" "http://localhost:$PORT" "$KEY" "$SECONDS_EACH" "$CLIENTS" bench
  stop_stack
}

RATIOS=()
for pair in $(seq 1 "$PAIRS"); do
  if [ $((pair % 2)) -eq 1 ]; then
    base=$(measure "$BASELINE" "baseline-$pair"); cand=$(measure "$CANDIDATE" "candidate-$pair")
  else
    cand=$(measure "$CANDIDATE" "candidate-$pair"); base=$(measure "$BASELINE" "baseline-$pair")
  fi
  echo "pair $pair: baseline $base | candidate $cand   (plans/s p50 p99 non-201)"
  RATIOS+=("$(python3 -c "print(${cand%% *} / ${base%% *})")")
done

python3 - "${RATIOS[@]}" <<'PY'
import statistics, sys
ratios = [float(r) for r in sys.argv[1:]]
print("candidate/baseline plans/s: median %.2f (min %.2f, max %.2f) over %d pairs"
      % (statistics.median(ratios), min(ratios), max(ratios), len(ratios)))
PY
