#!/usr/bin/env bash
# Completion event -> webhook received: latency percentiles of notification-service at a steady
# rate on loopback (real Kafka broker, MongoDB wire protocol), beside a bare consumer that POSTs
# the same events straight on. Usage: bench/notifications-latency.sh [events-per-second] [seconds]
# (defaults 100 and 60). Set MAVEN_REPO to use a local Maven repository other than ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."
RATE="${1:-100}"
SECONDS_TO_RUN="${2:-60}"
REPO_ARGS=()
if [ -n "${MAVEN_REPO:-}" ]; then REPO_ARGS=("-Dmaven.repo.local=$MAVEN_REPO"); fi

# package, never install: with a phase, the project's own modules resolve to their target folders
./mvnw "${REPO_ARGS[@]}" -pl notification-service -am package -DskipTests > /dev/null
./mvnw "${REPO_ARGS[@]}" -pl notification-service -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CP="notification-service/target/test-classes:notification-service/target/classes:$(cat notification-service/target/bench.classpath)"
exec java -Xmx1g -cp "$CP" io.syncplan.notification.bench.DeliveryLatencyBenchmark "$RATE" "$SECONDS_TO_RUN"
