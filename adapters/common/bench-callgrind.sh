#!/usr/bin/env bash
# Server overhead of one adapter (`axum` or `actix`) in instructions per request: its gallery
# example (folio) and its plain example (the same pages routed by hand, the same bytes) each
# run under callgrind; per URL, 50 keep-alive requests of warm-up, counters zeroed, then
# REQUESTS (default 300) keep-alive requests, counters dumped. Counts every thread of the
# server process in user space; repeatable to about 2 % on a loaded machine, where wall-clock
# figures (bench-wrk.sh) are not. Usage: adapters/common/bench-callgrind.sh axum|actix
# RUNS (default 3) starts each server that many times, alternating, and averages: the
# count of one run moves by up to ~2 % (hash seeds, allocator state).
# CACHE_SIM=1 adds callgrind's cache simulation (--cache-sim=yes: valgrind's model of this
# machine's L1 instruction and data caches and last level), and each line and mean then has,
# per request, instructions (Ir), L1 instruction read misses (I1mr), L1 data read and write
# misses (D1mr, D1mw) and last-level data misses (DLmr + DLmw). The simulation is
# deterministic for a given binary and request sequence, so it ranks the data each server
# touches where wrk's wall clock on this machine cannot. KEEP=dir keeps the callgrind outputs
# (one per run, server and URL: `callgrind_annotate --show=D1mr,D1mw,Ir --sort=D1mr FILE`).
# Needs valgrind and curl. Prints one line per run, server and URL, then the means and the
# overhead per URL.
set -euo pipefail
cd "$(dirname "$0")/../.."
REQUESTS=${REQUESTS:-300}
RUNS=${RUNS:-3}
CACHE_SIM=${CACHE_SIM:-}
valgrind_args=(--tool=callgrind)
[ -n "$CACHE_SIM" ] && valgrind_args+=(--cache-sim=yes)
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
  FOLIO_ADDR=127.0.0.1:8052 valgrind "${valgrind_args[@]}" --callgrind-out-file="$work/$who.%p" \
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
    [ -n "${KEEP:-}" ] && mkdir -p "$KEEP" && cp "$out" "$KEEP/$run.$who.$(echo "$u" | tr -c 'a-z0-9\n' _)"
    if [ -n "$CACHE_SIM" ]; then
      # events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw (callgrind's order with --cache-sim).
      line=$(awk -v n="$REQUESTS" '/^events:/ { for (i = 2; i <= NF; i++) e[$i] = i }
        /^summary:/ { printf "%d %.1f %.1f %.1f %.1f", $e["Ir"] / n, $e["I1mr"] / n,
          $e["D1mr"] / n, $e["D1mw"] / n, ($e["DLmr"] + $e["DLmw"]) / n }' "$out")
      echo "$run $who $u $line" | tee -a "$work/results"
    else
      ir=$(awk '/^summary:/ {print $2}' "$out")
      echo "$run $who $u $((ir / REQUESTS))" | tee -a "$work/results"
    fi
  done
  kill "$server"; wait "$server" 2>/dev/null || true; server=
done; done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); means of $RUNS runs:"
if [ -n "$CACHE_SIM" ]; then
  awk -v runs="$RUNS" 'BEGIN { split("Ir I1mr D1mr D1mw DLm", name) }
    { for (j = 1; j <= 5; j++) { n[$2 " " $3, j] += $(j + 3) / runs; s[$2, j] += $(j + 3) / runs }
      if (!($3 in seen)) { seen[$3] = 1; order[++k] = $3 } }
    function row(label, f, p) { printf "  %-40s", label
      for (j = 1; j <= 5; j++) printf "  %s %.1f/%.1f %+.1f%%", name[j], f[j], p[j],
        p[j] ? 100 * (f[j] / p[j] - 1) : 0
      printf "\n" }
    END {
      print "  per request, folio/plain:"
      for (i = 1; i <= k; i++) { for (j = 1; j <= 5; j++) { f[j] = n["folio " order[i], j]
          p[j] = n["plain " order[i], j] }; row(order[i], f, p) }
      for (j = 1; j <= 5; j++) { f[j] = s["folio", j]; p[j] = s["plain", j] }; row("sum", f, p)
    }' "$work/results"
  exit 0
fi
awk -v runs="$RUNS" '{ n[$2 " " $3] += $4 / runs; s[$2] += $4 / runs
    if (!($3 in seen)) { seen[$3] = 1; order[++k] = $3 } }
  END {
    for (i = 1; i <= k; i++) printf "  %-40s folio %7d plain %7d  %+.1f %%\n", order[i],
      n["folio " order[i]], n["plain " order[i]], 100 * (n["folio " order[i]] / n["plain " order[i]] - 1)
    printf "  %-40s folio %7d plain %7d  %+.1f %%\n", "sum", s["folio"], s["plain"], 100 * (s["folio"] / s["plain"] - 1)
  }' "$work/results"
