#!/usr/bin/env bash
# Restore benchmark (issue 15): restoring a revision of 10,000 files through the whole stack
# (POST /restores to the end of the run's Server-Sent Events, which end after its final state, as a
# user follows a run) against a bare `rclone copy` of the same revision folder into an empty folder,
# in interleaved pairs (which goes first alternates, so neither always meets a warmer page cache).
# Prints each pair and the median of the paired ratios (restore / bare) with their min and max.
# Target: at most 1.2.
#
# usage: bench/restore-bench.sh [pairs]   (from the repository root; needs python3, curl, rclone)
# pairs: 7 by default, at least 7. Builds the standalone jar if it is missing (./mvnw package,
# never install), starts it on free ports with its data in /tmp/syncplan-restore-bench (removed
# first), and stops it at the end. Run it on a quiet machine: nothing else building beside it.
# RCLONE: the rclone binary of both sides, the stack's executor and the bare copy (default: the one
# on the PATH), e.g. RCLONE=.tools/rclone-1.75.2/usr/bin/rclone for the newest tested rclone.
set -euo pipefail
cd "$(dirname "$0")/.."

PAIRS=${1:-7}
RCLONE=$(command -v "${RCLONE:-rclone}")
[ "$PAIRS" -ge 7 ] || { echo "at least 7 pairs" >&2; exit 2; }
# BENCH_WORK: where the trees go (for example /dev/shm/restore-bench, so that the disk's write-back
# does not decide the figures); the stack's store stays on the disk.
WORK=${BENCH_WORK:-/tmp/syncplan-restore-bench}
DATA=/tmp/syncplan-restore-bench-data
KEY=bench-admin-key-3c8e1f0a7b5d2946e1
JAR=$(ls standalone/target/standalone-*-exec.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ]; then
  ./mvnw -pl standalone -am package -DskipTests
  JAR=$(ls standalone/target/standalone-*-exec.jar | head -1)
fi

rm -rf "$WORK" "$DATA"
mkdir -p "$WORK/source"
read -r API_PORT KAFKA_PORT < <(python3 - <<'EOF'
import socket
def free(n):
    # n consecutive free ports (the stack uses the API port and the next three)
    for base in range(20000, 60000, 7):
        socks = []
        try:
            for p in range(base, base + n):
                s = socket.socket(); s.bind(("127.0.0.1", p)); socks.append(s)
            return base
        except OSError:
            pass
        finally:
            for s in socks: s.close()
api = free(4)
s = socket.socket(); s.bind(("127.0.0.1", 0)); kafka = s.getsockname()[1]; s.close()
print(api, kafka)
EOF
)
API=http://127.0.0.1:$API_PORT/api/v1
AUTH="Authorization: Bearer $KEY"

echo "Writing 10,000 files ..."
python3 - "$WORK/source" <<'EOF'
import os, sys
root = sys.argv[1]
for i in range(10000):
    folder = os.path.join(root, "d%03d" % (i // 100))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "f%05d.bin" % i), "wb") as f:
        f.write(os.urandom(11800))
EOF

echo "Starting the standalone stack (API :$API_PORT) ..."
SYNCPLAN_API_PORT=$API_PORT SYNCPLAN_KAFKA_PORT=$KAFKA_PORT SYNCPLAN_HOST=127.0.0.1 \
  SYNCPLAN_DATA_DIR=$DATA SYNCPLAN_BOOTSTRAP_API_KEY=$KEY SYNCPLAN_LOCAL_ROOTS=$WORK \
  SYNCPLAN_EXECUTOR_RCLONE=$RCLONE \
  java @standalone/jvm.options -jar "$JAR" > "$WORK/stack.log" 2>&1 &
STACK=$!
trap 'kill $STACK 2>/dev/null; wait $STACK 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$API_PORT/actuator/health/readiness" > /dev/null && break
  sleep 1
done

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
await_run() { # runId -> final status
  while :; do
    status=$(curl -sf "$API/runs/$1" -H "$AUTH" | json '["status"]')
    case $status in SUCCEEDED|PARTIAL|FAILED|CANCELLED) echo "$status"; return ;; esac
    sleep 0.05
  done
}
run_plan() {
  await_run "$(curl -sf -X POST "$API/plans/$PLAN/runs" -H "$AUTH" | json '["runId"]')"
}

PLAN=$(curl -sf -X POST "$API/plans" -H "$AUTH" -H 'Content-Type: application/json' -d '{
  "name": "restore-bench", "mode": "MIRROR_WITH_REVISIONS",
  "source": {"path": "'"$WORK/source"'"}, "destination": {"path": "'"$WORK/destination"'"},
  "deletionGuard": {"enabled": false}}' | json '["id"]')
for _ in $(seq 1 60); do
  state=$(curl -sf "$API/plans/$PLAN" -H "$AUTH" | json '["initialization"]["state"]')
  [ "$state" = READY ] && break
  sleep 1
done
echo "first run: $(run_plan)"
# every file changed: the second run moves all 10,000 previous versions into one revision
find "$WORK/source" -name '*.bin' -exec sh -c 'printf x >> "$1"' _ {} \;
echo "second run: $(run_plan)"
REVISION=$(curl -sf "$API/plans/$PLAN/revisions" -H "$AUTH" | json '["items"][0]["revision"]')
FILES=$(curl -sf "$API/plans/$PLAN/revisions" -H "$AUTH" | json '["items"][0]["files"]')
echo "revision $REVISION holds $FILES files"
[ "$FILES" -eq 10000 ] || { echo "expected 10,000 files in the revision" >&2; exit 1; }

# Each measurement starts with no dirty pages: the files the one before it wrote (118 MB) would
# otherwise be written back during it, and the second of a pair would pay for the first.
bare() { # target -> seconds
  local start end
  sync
  start=$(date +%s.%N)
  "$RCLONE" copy "$WORK/destination/.syncplan/revisions/$REVISION" "$1"
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
restore() { # target -> seconds
  local start end run status
  sync
  start=$(date +%s.%N)
  run=$(curl -sf -X POST "$API/plans/$PLAN/restores" -H "$AUTH" -H 'Content-Type: application/json' \
    -d '{"revision": "'"$REVISION"'", "target": "'"$1"'"}' | grep -o '"runId":"[^"]*"' | cut -d'"' -f4)
  # as a user follows a run: its Server-Sent Events, which end after the final state
  curl -sfN "$API/runs/$run/events" -H "$AUTH" > "$WORK/events.txt"
  end=$(date +%s.%N)
  status=$(grep -A3 '^event:finished' "$WORK/events.txt" | grep -o '"status":"[A-Z]*"' | head -1 | cut -d'"' -f4)
  [ "$status" = SUCCEEDED ] || { echo "restore $run ended $status" >&2; exit 1; }
  echo "$end - $start" | bc -l
}

# The pairs time the stack as it runs day to day, not in its first minute, when the JVM's compilers
# take up to a core of a 2-core machine (bench/run-cost-bench.sh says more): 5 restores and 30 runs
# without changes first.
echo "Warming up: 5 restores, 30 runs without changes ..."
bare "$WORK/warm-bare" > /dev/null
rm -rf "$WORK/warm-bare"
for w in 1 2 3 4 5; do
  restore "$WORK/warm-restore" > /dev/null
  rm -rf "$WORK/warm-restore"
done
for w in $(seq 1 30); do
  run_plan > /dev/null
done

RESULTS=$WORK/pairs.txt
: > "$RESULTS"
for i in $(seq 1 "$PAIRS"); do
  if [ $((i % 2)) -eq 1 ]; then
    b=$(bare "$WORK/bare-$i"); r=$(restore "$WORK/restore-$i")
  else
    r=$(restore "$WORK/restore-$i"); b=$(bare "$WORK/bare-$i")
  fi
  count=$(find "$WORK/restore-$i" -type f | wc -l)
  [ "$count" -eq 10000 ] || { echo "restore $i brought back $count files" >&2; exit 1; }
  printf 'pair %d: rclone copy %.2f s, restore %.2f s, ratio %.3f\n' "$i" "$b" "$r" \
    "$(echo "$r / $b" | bc -l)"
  echo "$b $r" >> "$RESULTS"
  rm -rf "$WORK/bare-$i" "$WORK/restore-$i"
done
python3 - "$RESULTS" <<'EOF'
import statistics, sys
pairs = [tuple(map(float, line.split())) for line in open(sys.argv[1])]
ratios = [r / b for b, r in pairs]
print("restore of 10,000 files / bare rclone copy: median %.3f (min %.3f, max %.3f) over %d pairs;"
      " medians %.2f s vs %.2f s" % (statistics.median(ratios), min(ratios), max(ratios),
      len(pairs), statistics.median(r for _, r in pairs), statistics.median(b for b, _ in pairs)))
EOF
