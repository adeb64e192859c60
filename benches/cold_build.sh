#!/bin/sh
# The build row as an app pays it: every router builds the 10,000 generated routes once in a
# fresh process (`cold`), and twice, kept together, after 40 builds made and dropped two at a
# time in the same process (the criterion row's steady state in short mode); routers alternated, RUNS processes
# each (default 15). Prints the median ns a route and minor page faults of the timed build,
# and folio / best peer. See benches/examples/cold_build.rs.
#   CARGO_TARGET_DIR=... [RUNS=15] [ROUTERS="folio path-tree ..."] benches/cold_build.sh
# The default leaves out actix-router and route-recognizer: the criterion row has them more
# than 4x slower than every other router, and their 41-build processes take most of a run.
set -e
cd "$(dirname "$0")/.."
cargo build -q --release -p folio-benches --example cold_build
bin="${CARGO_TARGET_DIR:-target}/release/examples/cold_build"
runs="${RUNS:-15}"
routers="${ROUTERS:-folio path-tree matchit wayfind xitca-router}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for mode in cold warm; do
    case $mode in cold) args="" ;; warm) args="warm=40 batch=2" ;; esac
    i=0
    while [ $i -lt "$runs" ]; do
        for r in $routers; do
            # shellcheck disable=SC2086
            "$bin" "$r" $args >>"$out/$mode.$r" 2>/dev/null || echo "failed" >>"$out/$mode.$r"
        done
        i=$((i + 1))
    done
done

median() { # column $1 of file $2
    cut -d' ' -f"$1" "$2" | sort -n | awk '{ v[NR] = $1 } END {
        if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2];
        else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

for mode in cold warm; do
    case $mode in cold) title="first build in a fresh process" ;; warm) title="a pair of builds after 40 dropped in pairs" ;; esac
    echo "$title ($runs processes a router):"
    best=""
    best_ns=""
    for r in $routers; do
        if grep -q failed "$out/$mode.$r"; then
            echo "  $r: a process failed"
            continue
        fi
        ns=$(median 1 "$out/$mode.$r")
        faults=$(median 2 "$out/$mode.$r")
        echo "  $r: $ns ns a route, $faults faults"
        if [ "$r" = folio ]; then
            folio_ns=$ns
        elif [ -z "$best_ns" ] || [ "$(echo "$ns < $best_ns" | bc)" = 1 ]; then
            best=$r
            best_ns=$ns
        fi
    done
    [ -n "${folio_ns:-}" ] && [ -n "$best_ns" ] &&
        echo "  folio / best peer ($best): $(awk "BEGIN { printf \"%.2f\", $folio_ns / $best_ns }")"
    folio_ns=""
done
