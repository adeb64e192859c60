#!/usr/bin/env bash
# Server overhead (axum): see adapters/common/bench-wrk.sh (shared by both adapters).
exec "$(dirname "$0")/../common/bench-wrk.sh" axum "$@"
