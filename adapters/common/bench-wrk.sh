#!/usr/bin/env bash
# Server overhead of one adapter (`axum` or `actix`): its gallery example (folio) against its
# plain example (plain_axum.rs / plain_actix.rs: the same pages routed by hand, serving the same
# bytes), under wrk on loopback. Usage: adapters/common/bench-wrk.sh axum|actix (the adapters'
# own bench-wrk.sh call this). 5 s per run, three URLs, ROUNDS rounds (default 3). Prints
# requests/s and the server's CPU time per request (utime + stime from /proc), which load from
# other processes disturbs far less than throughput.
# Against drift on a shared machine: servers pinned to CPU 0 and wrk to CPU 1; every server
# and URL warmed up first (WARMUP seconds of wrk, default 2, not counted: a fresh server's heap
# grows and takes page faults); within a round the two servers run back to back per URL, the
# first one alternating from round to round; and besides the sums, the median over the
# (round, URL) pairs of folio's CPU per request divided by plain's, each ratio taken from two
# runs a few seconds apart.
# Needs wrk (Debian: apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-2}
source adapters/common/bench-servers.sh   # package, binaries in BIN_DIR, urls
FOLIO_ADDR=127.0.0.1:8050 taskset -c 0 "$BIN_DIR/$gallery" >/dev/null & G=$!
FOLIO_ADDR=127.0.0.1:8051 taskset -c 0 "$BIN_DIR/$plain" >/dev/null & P=$!
trap 'kill $G $P; rm -f "${results:-}"' EXIT
sleep 1
# The two must serve the same bytes (one Host for both: it is in twitter:url and image URLs),
# and the same headers but `Date` (sorted: actix's header map has no fixed order).
answer() {
  curl -s -D - -o /dev/null -H "Host: localhost" "http://127.0.0.1:$1$2" | tr -d '\r' \
    | grep -iv '^date:' | sort
  curl -s -H "Host: localhost" "http://127.0.0.1:$1$2"
}
for u in "${urls[@]}"; do
  [ "$(answer 8050 "$u" | md5sum)" = "$(answer 8051 "$u" | md5sum)" ] || { echo "folio and plain differ on $u" >&2; exit 1; }
done
echo "same status, headers and bytes on the three URLs; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
tick_us=$((1000000 / $(getconf CLK_TCK)))
results=$(mktemp)
if [ "$WARMUP" -gt 0 ]; then
  for u in "${urls[@]}"; do for port in 8050 8051; do
    taskset -c 1 wrk -t1 -c32 -d"${WARMUP}s" "http://127.0.0.1:$port$u" >/dev/null
  done; done
fi
for round in $(seq "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then order=("folio 8050 $G" "plain 8051 $P"); else order=("plain 8051 $P" "folio 8050 $G"); fi
  for u in "${urls[@]}"; do
    for pair in "${order[@]}"; do
      set -- $pair
      c0=$(cpu "$3")
      out=$(taskset -c 1 wrk -t1 -c32 -d5s "http://127.0.0.1:$2$u")
      c1=$(cpu "$3")
      n=$(awk '/requests in/ {print $1}' <<<"$out")
      rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
      awk -v r="$round" -v who="$1" -v u="$u" -v rps="$rps" -v n="$n" -v t="$((c1 - c0))" -v us="$tick_us" \
        'BEGIN { printf "%s %-5s %-40s %10s req/s %6.2f us CPU/req\n", r, who, u, rps, t * us / n }' |
        tee -a "$results"
    done
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# Per server: requests/s summed over the runs, CPU per request averaged over them; then the
# CPU per request of each URL; then the paired figure (see the top).
awk '{ rps[$2] += $4; cpu[$2] += $6; n[$2]++; u[$3 " " $2] += $6; m[$3 " " $2]++ }
  END {
    for (w in rps) printf "%-5s sum %10.0f req/s, mean %6.2f us CPU/req\n", w, rps[w], cpu[w] / n[w]
    if (("folio" in cpu) && ("plain" in cpu))
      printf "folio overhead: %+.1f %% CPU/req, %+.1f %% req/s\n",
        100 * (cpu["folio"] / n["folio"] / (cpu["plain"] / n["plain"]) - 1), 100 * (rps["folio"] / rps["plain"] - 1)
    for (k in u) printf "  %-46s %6.2f us CPU/req\n", k, u[k] / m[k]
  }' "$results"
awk '{ c[$1 " " $3 " " $2] = $6; r[$1 " " $3 " " $2] = $4; if ($2 == "folio") key[$1 " " $3] = 1 }
  END {
    for (k in key) if ((k " plain") in c && c[k " plain"] > 0) {
      cr[++n] = c[k " folio"] / c[k " plain"]; rr[n] = r[k " folio"] / r[k " plain"]
    }
    if (n == 0) exit
    for (i = 2; i <= n; i++) for (j = i; j > 1 && cr[j - 1] > cr[j]; j--) { t = cr[j]; cr[j] = cr[j - 1]; cr[j - 1] = t }
    for (i = 2; i <= n; i++) for (j = i; j > 1 && rr[j - 1] > rr[j]; j--) { t = rr[j]; rr[j] = rr[j - 1]; rr[j - 1] = t }
    med = n % 2 ? cr[(n + 1) / 2] : (cr[n / 2] + cr[n / 2 + 1]) / 2
    medr = n % 2 ? rr[(n + 1) / 2] : (rr[n / 2] + rr[n / 2 + 1]) / 2
    printf "paired (median of %d round-and-URL pairs, range): %+.1f %% CPU/req (%+.1f .. %+.1f), %+.1f %% req/s (%+.1f .. %+.1f)\n",
      n, 100 * (med - 1), 100 * (cr[1] - 1), 100 * (cr[n] - 1), 100 * (medr - 1), 100 * (rr[1] - 1), 100 * (rr[n] - 1)
  }' "$results"
