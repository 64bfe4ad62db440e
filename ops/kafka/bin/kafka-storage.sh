#!/usr/bin/env bash
# The distribution's kafka-storage.sh: kafka.tools.StorageTool.
exec "$(dirname "$0")/kafka-run-class.sh" kafka.tools.StorageTool "$@"
