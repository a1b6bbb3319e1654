#!/bin/sh
# The same rights as agent-laptop-7.yaml, for a Kafka cluster not managed by Strimzi:
#   BOOTSTRAP=kafka-0.kafka.example.internal:9093 CONFIG=admin.properties ./kafka-acls.sh laptop-7
set -eu
pool="$1"
user="User:agent-$pool"
acl() { kafka-acls.sh --bootstrap-server "$BOOTSTRAP" --command-config "$CONFIG" --add --allow-principal "$user" "$@"; }
acl --operation Read --operation Describe --operation Create --topic "syncplan.commands.$pool"
acl --operation Write --operation Describe --operation Create --topic "syncplan.commands.$pool.dlt"
acl --operation Write --operation Describe --topic syncplan.run-events --topic syncplan.executor-results
acl --operation Read --operation Describe --topic syncplan.plan-events
acl --operation Write --operation Describe --topic syncplan.plan-events.dlt
acl --operation Describe --topic syncplan. --resource-pattern-type prefixed
acl --operation Read --group "executor-service.commands.$pool" --group "executor-service.plans.$pool"
