#!/usr/bin/env bash
# Issue 17, goal 3: a first MIRROR of a million small files between local folders, through the
# services deployed one JVM each (the memory their manifests give them), against bare
# `rclone sync` of the same tree, in interleaved pairs. For each stack run it samples every
# service's resident memory (and the executor's rclone apart), counts the run's progress events,
# and for the first run pages through its whole change list. Writes memory.csv and memory.svg
# into the work folder.
#
#   bench/million-files-bench.sh [FILES] [PAIRS]     defaults: 1000000 files, 7 pairs
#
# Run it on a quiet machine (no build beside it). RCLONE: the rclone binary (default: the one on
# the PATH; the change list is complete on rclone 1.66 and later). BENCH_WORK: where the trees go
# (the source and one destination at a time; a million files take about 5 GB on a tmpfs).
# EXECUTOR_JAVA_OPTS: the executor's JVM options (default: docs/executor.md's small-footprint ones).
# Figures go in docs/benchmarks.md, section "Run speed and cost (issue 17)", goal 3.
set -euo pipefail
cd "$(dirname "$0")/.."

rclone_binary=${RCLONE:-$(command -v rclone)}
mvn() { ./mvnw ${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO} "$@" >/dev/null || { echo "build failed: mvn $*" >&2; exit 1; }; }

# package, never install: with a phase, the project's own modules resolve to their target folders
mvn -pl plan-service,executor-service,scheduler-service,notification-service -am package -DskipTests
mvn -pl executor-service -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
classpath="executor-service/target/test-classes:executor-service/target/classes:$(cat executor-service/target/bench.classpath)"
jar() { ls "$1"/target/"$1"-*-exec.jar | head -1; }

java ${BENCH_WORK:+-Dsyncplan.bench.work=$BENCH_WORK} -cp "$classpath" \
  io.syncplan.executor.bench.MillionFilesBenchmark "${1:-1000000}" "${2:-7}" "$rclone_binary" \
  "$(jar plan-service)" "$(jar executor-service)" "$(jar scheduler-service)" "$(jar notification-service)"
