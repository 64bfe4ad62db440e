#!/usr/bin/env bash
# The distribution's kafka-topics.sh: org.apache.kafka.tools.TopicCommand.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.TopicCommand "$@"
