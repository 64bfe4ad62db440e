#!/usr/bin/env bash
# The distribution's kafka-metadata-quorum.sh: org.apache.kafka.tools.MetadataQuorumCommand.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.MetadataQuorumCommand "$@"
