#!/usr/bin/env bash
# Server overhead of one adapter (`axum` or `actix`) in instructions per request: its gallery
# example (folio) and its plain example (the same pages routed by hand, the same bytes) each
# run under callgrind; per URL, 50 keep-alive requests of warm-up, counters zeroed, then
# REQUESTS (default 300) keep-alive requests, counters dumped. Counts every thread of the
# server process in user space; repeatable to about 2 % on a loaded machine, where wall-clock
# figures (bench-wrk.sh) are not. Usage: adapters/common/bench-callgrind.sh axum|actix
# RUNS (default 3) starts each server that many times, alternating, and averages: the
# count of one run moves by up to ~2 % (hash seeds, allocator state).
# Needs valgrind and curl. Prints one line per run, server and URL, then the means and the
# overhead per URL.
set -euo pipefail
cd "$(dirname "$0")/../.."
REQUESTS=${REQUESTS:-300}
RUNS=${RUNS:-3}
# BIN_DIR: measure binaries built elsewhere (another commit's) instead of building these.
source adapters/common/bench-servers.sh
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

# `n` keep-alive requests of one URL on one connection (curl reuses it for repeated URLs).
requests() {
  local n=$1 url=$2 args=()
  for _ in $(seq "$n"); do args+=("$url"); done
  curl -s -H "Host: localhost:8050" "${args[@]}" >/dev/null
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq "$RUNS"); do for who in folio plain; do
  [ "$who" = folio ] && bin=$gallery || bin=$plain
  FOLIO_ADDR=127.0.0.1:8052 valgrind --tool=callgrind --callgrind-out-file="$work/$who.%p" \
    "$BIN_DIR/$bin" >/dev/null 2>"$work/$who.log" &
  server=$!
  for _ in $(seq 120); do curl -s -o /dev/null http://127.0.0.1:8052/ && break; sleep 0.5; done
  for u in "${urls[@]}"; do
    requests 50 "http://127.0.0.1:8052$u"
    callgrind_control --zero "$server" >/dev/null 2>&1
    requests "$REQUESTS" "http://127.0.0.1:8052$u"
    callgrind_control --dump="$who $u" "$server" >/dev/null 2>&1
    # The dump just written: the newest file with this server's pid.
    out=$(ls -t "$work/$who.$server".* | head -1)
    ir=$(awk '/^summary:/ {print $2}' "$out")
    echo "$run $who $u $((ir / REQUESTS))" | tee -a "$work/results"
  done
  kill "$server"; wait "$server" 2>/dev/null || true; server=
done; done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); means of $RUNS runs:"
awk -v runs="$RUNS" '{ n[$2 " " $3] += $4 / runs; s[$2] += $4 / runs
    if (!($3 in seen)) { seen[$3] = 1; order[++k] = $3 } }
  END {
    for (i = 1; i <= k; i++) printf "  %-40s folio %7d plain %7d  %+.1f %%\n", order[i],
      n["folio " order[i]], n["plain " order[i]], 100 * (n["folio " order[i]] / n["plain " order[i]] - 1)
    printf "  %-40s folio %7d plain %7d  %+.1f %%\n", "sum", s["folio"], s["plain"], 100 * (s["folio"] / s["plain"] - 1)
  }' "$work/results"
