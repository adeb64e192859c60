#!/bin/sh
# Instructions per lookup (callgrind) for each scenario given, or for all of them:
#   CARGO_TARGET_DIR=... benches/count.sh [scenario...]
# See benches/examples/lookup_count.rs for the scenarios. Builds the example first.
set -e
cd "$(dirname "$0")/.."
cargo build -q --release -p folio-benches --example lookup_count
bin="${CARGO_TARGET_DIR:-target}/release/examples/lookup_count"
[ $# -gt 0 ] || set -- github_hits github_static github_misses inline_hits generated_10k_hits
for s in "$@"; do
    out=$(mktemp)
    case "$s" in adversarial/*) rounds=200 ;; generated*) rounds=1 ;; *) rounds=50 ;; esac
    n=$(valgrind --tool=callgrind --toggle-collect='*drive*' --callgrind-out-file="$out" \
        "$bin" "$s" "$rounds" 2>/dev/null)
    ir=$(grep '^summary:' "$out" | awk '{print $2}')
    rm -f "$out"
    echo "$s $(echo "scale=1; $ir / $n" | bc)"
done
