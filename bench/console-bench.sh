#!/usr/bin/env bash
# Console benchmark (issue 16): with 10,000 plans stored, how soon the overview and the plan list
# are ready in a real browser (beside loading a static file from the same server), the p99 of the
# API calls they make (beside fetching a static file), and 500 live viewers of
# GET /api/v1/runs/events: the store queries per second they add and how late they see an event.
#
# usage: bench/console-bench.sh [pairs] [viewers]   (from the repository root; 9 pairs, 500 viewers)
# Needs Debian's chromium and chromium-driver for the page figures (skipped without them). Starts
# the standalone stack in the test JVM with its data in /tmp/syncplan-console-bench (kept, so a
# second run reuses the 10,000 plans) and prints the figures as lines starting with BENCH.
set -euo pipefail
PAIRS=${1:-9}
VIEWERS=${2:-500}
./mvnw -B -pl standalone -am verify -DskipTests=false -Dtest=ConsoleBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dsyncplan.bench=true \
  -DargLine="-Dsyncplan.bench=true -Dsyncplan.bench.pairs=$PAIRS -Dsyncplan.bench.viewers=$VIEWERS -Xmx2g" \
  > /tmp/syncplan-console-bench.log 2>&1 || { tail -50 /tmp/syncplan-console-bench.log; exit 1; }
grep -h '^BENCH' standalone/target/surefire-reports/io.syncplan.standalone.ConsoleBenchmark-output.txt
