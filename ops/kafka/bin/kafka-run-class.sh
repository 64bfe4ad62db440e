#!/usr/bin/env bash
# Runs a class of Kafka's jars, as the distribution's kafka-run-class.sh does for what this image
# needs: the same variables (KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_OPTS,
# KAFKA_LOG4J_OPTS), the tools' logging unless a caller chose another.
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "USAGE: $0 classname [opts]" >&2
  exit 1
fi
# shellcheck disable=SC2086 # the *_OPTS variables hold several JVM options, as in Kafka's scripts
exec java ${KAFKA_HEAP_OPTS:--Xmx256M} ${KAFKA_JVM_PERFORMANCE_OPTS:-} ${KAFKA_OPTS:-} \
  ${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=/opt/kafka/config/tools-log4j2.yaml} \
  -cp '/opt/kafka/libs/*' "$@"
