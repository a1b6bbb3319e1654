#!/usr/bin/env bash
# Executor benchmarks (issue 3). Builds the stack, then measures, each beside its baseline:
#   1. a MIRROR of 10,000 files through the whole stack vs bare `rclone sync` of the same tree;
#   2. the executor's overhead on a run with nothing to change;
#   3. the executor's resident memory while it runs 2 runs at once.
# Figures and how to read them: docs/benchmarks.md, section "Executor (issue 3)".
#
# Environment: BENCH_WORK (where the trees go, for example /dev/shm/executor-bench; the stack's
# store stays under /tmp), REPETITIONS (default 5), EXECUTOR_JAVA_OPTS (JVM options for the memory
# run, default the ones docs/executor.md recommends), MAVEN_REPO (a local Maven repository to use).
set -euo pipefail
cd "$(dirname "$0")/.."

mvn() { ./mvnw ${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO} "$@" > /dev/null || { echo "build failed: mvn $*" >&2; exit 1; }; }

# package, never install: with a phase, the project's own modules resolve to their target folders
mvn -pl standalone,executor-service -am package -DskipTests
mvn -pl executor-service -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
classpath="executor-service/target/test-classes:executor-service/target/classes:$(cat executor-service/target/bench.classpath)"
standalone_jar=$(ls standalone/target/standalone-*.jar | grep -v original | head -1)
executor_jar=$(ls executor-service/target/executor-service-*-exec.jar | head -1)
java_opts=${EXECUTOR_JAVA_OPTS:-"-Xmx96m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -Dio.netty.allocator.type=unpooled"}

java ${BENCH_WORK:+-Dsyncplan.bench.work=$BENCH_WORK} -cp "$classpath" io.syncplan.executor.bench.WholeStackBenchmark "$standalone_jar" "${REPETITIONS:-5}"
# shellcheck disable=SC2086
java -cp "$classpath" io.syncplan.executor.bench.MemoryBenchmark "$executor_jar" $java_opts
