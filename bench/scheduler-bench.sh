#!/usr/bin/env bash
# Scheduler benchmark (docs/benchmarks.md, "Scheduler (issue 5)").
#
# Three processes: a Kafka broker and mongo-java-server (memory backend) in one, the scheduler
# jar as it ships in another (its resident memory is what is measured), and the driver that plays
# plan-service and the executors.
#
#   bench/scheduler-bench.sh [--plans=100000] [--period-minutes=5] [--burst=10000] [--bursts=5]
#
# SCHEDULER_JAVA_OPTS sets the scheduler's JVM options, SCHEDULER_ARGS extra arguments for it
# (--syncplan.scheduler.batch-size=2000), MAVEN_REPO a local Maven repository. --hold=SECONDS keeps
# everything running that long after the plans are taken in, for a look with jcmd.
# SCHEDULER_BENCH_STORE=file puts the store in a file, synced before each answer, as the standalone
# stack keeps it (the default is mongo-java-server's memory backend).
set -euo pipefail
cd "$(dirname "$0")/.."

MVN=(./mvnw -q)
if [[ -n "${MAVEN_REPO:-}" ]]; then
  MVN+=("-Dmaven.repo.local=$MAVEN_REPO")
fi
SCHEDULER_JAVA_OPTS=${SCHEDULER_JAVA_OPTS:--Xms64m -Xmx160m -XX:NewRatio=3 -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=64m -Djdk.nio.maxCachedBufferSize=262144 -XX:+UseSerialGC -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=10000}
# glibc keeps one malloc arena per thread by default; two bound the native memory of a busy JVM.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

"${MVN[@]}" -pl scheduler-service -am install -DskipTests
"${MVN[@]}" -pl scheduler-service test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CLASSPATH="scheduler-service/target/test-classes:scheduler-service/target/classes:$(cat scheduler-service/target/bench.classpath)"
JAR=$(ls scheduler-service/target/scheduler-service-*-exec.jar)

WORK=$(mktemp -d -t scheduler-bench-XXXX)
INFRA_PID=""
SCHEDULER_PID=""
stop() {
  local pid=$1
  [[ -z "$pid" ]] && return
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
  stop "$SCHEDULER_PID"
  stop "$INFRA_PID"
}
trap cleanup EXIT

java -Xmx3g -cp "$CLASSPATH" io.syncplan.scheduler.bench.BenchInfra "$WORK/infra.env" \
  "${SCHEDULER_BENCH_STORE:-memory}" \
  >"$WORK/infra.log" 2>&1 &
INFRA_PID=$!
for _ in $(seq 1 120); do [[ -s "$WORK/infra.env" ]] && break; sleep 0.5; done
# shellcheck disable=SC1091
source "$WORK/infra.env"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# shellcheck disable=SC2086
java $SCHEDULER_JAVA_OPTS -Xlog:gc:file="$WORK/gc.log" -jar "$JAR" \
  --spring.kafka.bootstrap-servers="$KAFKA" --spring.mongodb.uri="$MONGO" \
  --server.address=127.0.0.1 --server.port="$PORT" ${SCHEDULER_ARGS:-} >"$WORK/scheduler.log" 2>&1 &
SCHEDULER_PID=$!
for _ in $(seq 1 240); do grep -q "This replica fires now" "$WORK/scheduler.log" && break; sleep 0.5; done

echo "[bench] scheduler pid $SCHEDULER_PID, JVM options: $SCHEDULER_JAVA_OPTS; logs in $WORK"
java -Xmx1g -cp "$CLASSPATH" io.syncplan.scheduler.bench.SchedulerBench \
  --kafka="$KAFKA" --pid="$SCHEDULER_PID" --scheduler-url="http://127.0.0.1:$PORT" "$@" \
  | tee "$WORK/results.txt"
