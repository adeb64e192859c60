#!/usr/bin/env bash
# Server overhead (actix-web): see adapters/common/bench-wrk.sh (shared by both adapters).
exec "$(dirname "$0")/../common/bench-wrk.sh" actix "$@"
