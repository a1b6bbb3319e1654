#!/usr/bin/env bash
# Issue 17: how long a run takes through the whole stack beside bare rclone, and what it costs.
#
#   bench/run-cost-bench.sh speed [PAIRS]   goals 1 and 2: the README's stack (run-now request to
#       the end of the run's SSE stream) against bare `rclone sync`, PAIRS interleaved pairs
#       (default 7) of a 10,000-file MIRROR into an empty folder and of a run with nothing to
#       change; prints every pair and the median of the paired ratios with min and max.
#   bench/run-cost-bench.sh cost [REF]      goal 6: for one 10,000-file run and one no-change run,
#       the rclone processes started, the store commands of all services and the Kafka records
#       produced; for this tree ("after") and for REF ("before", default: the merge-base with main,
#       built from `git archive` in a temporary folder, nothing installed).
#
# Run it on a quiet machine (no build beside it). RCLONE: the rclone binary (default: the one on
# the PATH). BENCH_WORK: where the trees go (default under /tmp; /dev/shm/… keeps the disk's
# write-back out of the figures), the stack's store stays under /tmp. Figures go in docs/benchmarks.md, section "Run speed and cost (issue 17)".
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-speed}
rclone_binary=${RCLONE:-$(command -v rclone)}
mvn() { ./mvnw ${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO} "$@" || { echo "build failed: mvn $*" >&2; exit 1; }; }

build_here() {
  mvn -pl standalone,executor-service -am package -DskipTests >/dev/null
  # With a phase, so that the project's own modules resolve to their target folders (nothing is
  # installed into the local repository).
  mvn -pl executor-service -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
}
jar_of() { ls "$1"/standalone/target/standalone-*-exec.jar | head -1; }

build_here
classpath="executor-service/target/test-classes:executor-service/target/classes:$(cat executor-service/target/bench.classpath)"
after_jar=$(jar_of .)
bench() { java ${BENCH_WORK:+-Dsyncplan.bench.work=$BENCH_WORK} -cp "$classpath" io.syncplan.executor.bench.RunCostBenchmark "$@"; }

case "$mode" in
  speed)
    bench speed "$after_jar" "${2:-7}" "$rclone_binary"
    ;;
  cost)
    ref=${2:-$(git merge-base HEAD main)}
    before=$(mktemp -d)
    trap 'rm -rf "$before"' EXIT
    git archive "$ref" | tar -x -C "$before"
    (cd "$before" && ./mvnw ${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO} -pl standalone -am package -DskipTests >/dev/null)
    echo "# before: $(git rev-parse --short "$ref")"
    bench cost "$(jar_of "$before")" 1 "$rclone_binary"
    echo "# after: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with uncommitted changes)')"
    bench cost "$after_jar" 1 "$rclone_binary"
    ;;
  *)
    echo "usage: $0 speed [PAIRS] | cost [REF]" >&2
    exit 2
    ;;
esac
