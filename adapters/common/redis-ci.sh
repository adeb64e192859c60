#!/usr/bin/env bash
# The Redis-backed widget-state tests: two app instances (axum, and actix-web) sharing one
# Redis server, one browser session carried from one to the other.
#
# Installs Debian's redis-server when missing, starts it on 127.0.0.1 on a free port
# (no persistence: --save '' --appendonly no), runs the tests with FOLIO_REDIS_URL set
# (without it they skip, so a plain `cargo test` passes on a machine without Redis), stops
# the server, prints `N passed, M failed` and exits non-zero on any failure.
#
#   bash adapters/common/redis-ci.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v redis-server >/dev/null 2>&1; then
    echo "redis-ci: installing redis-server"
    export DEBIAN_FRONTEND=noninteractive
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends redis-server >/dev/null
fi

# A free port: one nothing answers on.
port=""
for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
        port=$candidate
        break
    fi
done
[ -n "$port" ] || { echo "redis-ci: no free port"; echo "0 passed, 1 failed"; exit 1; }
dir=$(mktemp -d)
redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --dir "$dir" \
    --daemonize no --loglevel warning >"$dir/redis.log" 2>&1 &
redis_pid=$!
stop() {
    kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
    rm -rf "$dir"
}
trap stop EXIT

for _ in $(seq 1 100); do
    if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
        break
    fi
    if ! kill -0 "$redis_pid" 2>/dev/null; then
        cat "$dir/redis.log"
        echo "0 passed, 1 failed"
        exit 1
    fi
    sleep 0.1
done
echo "redis-ci: redis-server $(redis-server --version | grep -o 'v=[0-9.]*') on 127.0.0.1:$port"

export FOLIO_REDIS_URL="redis://127.0.0.1:$port"
passed=0
failed=0
for package in folio-axum folio-actix; do
    log="$dir/$package.log"
    if cargo test -p "$package" --test redis -- --nocapture >"$log" 2>&1; then
        status=ok
    else
        status=FAILED
    fi
    cat "$log"
    p=$({ grep -Eo '[0-9]+ passed' "$log" || true; } | awk '{s += $1} END {print s + 0}')
    f=$({ grep -Eo '[0-9]+ failed' "$log" || true; } | awk '{s += $1} END {print s + 0}')
    # A build failure runs no test: count it as a failure.
    if [ "$status" = FAILED ] && [ "$f" -eq 0 ]; then f=1; fi
    if grep -q 'skipped' "$log"; then
        echo "redis-ci: $package skipped its Redis test although FOLIO_REDIS_URL is set"
        f=$((f + 1))
    fi
    passed=$((passed + p))
    failed=$((failed + f))
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
