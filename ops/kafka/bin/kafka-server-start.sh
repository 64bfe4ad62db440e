#!/usr/bin/env bash
# Starts the broker on a server.properties, as the distribution's script does: 1 GiB heap unless
# KAFKA_HEAP_OPTS says otherwise, the broker's logging (log4j2.yaml).
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "USAGE: $0 server.properties" >&2
  exit 1
fi
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}"
export KAFKA_LOG4J_OPTS="${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=/opt/kafka/config/log4j2.yaml}"
exec "$(dirname "$0")/kafka-run-class.sh" kafka.Kafka "$@"
