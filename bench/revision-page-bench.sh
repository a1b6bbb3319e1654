#!/usr/bin/env bash
# Revision page benchmark (issue 15): with a revision of 100,000 files in the index, the p50, p99
# and max of GET /api/v1/plans/{id}/revisions/{revision}/files (the first page of 100, the deepest
# one the API's 10,000-item paging window reaches, a middle folder's 5th page and the last folder's
# last page), beside fetching a static file from the same server in the same
# rounds (interleaved; the static file goes first in even rounds, last in odd ones). Target: p99
# under 200 ms with the stack warm.
#
# usage: bench/revision-page-bench.sh [files] [samples]   (from the repository root)
# files: 100000 by default; samples: 500 rounds by default, after 200 rounds of warm-up.
# The index is filled as a run that moved that many files into one revision fills it: the
# executor's RevisionIndexed parts (1,000 files each, in path order) on the executors' results
# topic, stored by plan-service as any run's are; rclone does not run. Starts the standalone stack
# in the test JVM with its data in /tmp/syncplan-revision-page-bench (removed first) and prints the
# figures as lines starting with BENCH. Run it on a quiet machine: nothing else building beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${1:-100000}
SAMPLES=${2:-500}
rm -rf /tmp/syncplan-revision-page-bench
./mvnw -B -pl standalone -am verify -DskipTests=false -Dtest=RevisionPageBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dsyncplan.bench=true \
  -DargLine="-Dsyncplan.bench=true -Dsyncplan.bench.files=$FILES -Dsyncplan.bench.samples=$SAMPLES -Xmx2g" \
  > /tmp/syncplan-revision-page-bench.log 2>&1 || { tail -50 /tmp/syncplan-revision-page-bench.log; exit 1; }
grep -h '^BENCH' standalone/target/surefire-reports/io.syncplan.standalone.RevisionPageBenchmark-output.txt
