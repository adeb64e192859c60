#!/bin/sh
# Instructions per query decode (callgrind) for folio and form_urlencoded on each input:
#   CARGO_TARGET_DIR=... benches/query_count.sh [input...]
# See benches/examples/query_count.rs. Builds the example first.
set -e
cd "$(dirname "$0")/.."
cargo build -q --release -p folio-benches --example query_count
bin="${CARGO_TARGET_DIR:-target}/release/examples/query_count"
[ $# -gt 0 ] || set -- query_short query_10_params query_percent_heavy
for input in "$@"; do
    for decoder in form_urlencoded folio; do
        out=$(mktemp)
        n=$(valgrind --tool=callgrind --toggle-collect='*drive*' --callgrind-out-file="$out" \
            "$bin" "$decoder" "$input" 1000 2>/dev/null)
        ir=$(grep '^summary:' "$out" | awk '{print $2}')
        rm -f "$out"
        echo "$input $decoder $(echo "scale=1; $ir / $n" | bc)"
    done
done
