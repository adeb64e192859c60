#!/usr/bin/env bash
# Builds every fuzz target and runs each for a short, bounded time; exits non-zero on any
# finding (a crash, a failed property, a timeout or an out-of-memory). Installs what is
# missing: the nightly toolchain (if rustup can fetch it) and cargo-fuzz at a pinned version.
#
#   bash fuzz/ci.sh                  # every target, FUZZ_SECONDS (default 15) each
#   FUZZ_SECONDS=600 bash fuzz/ci.sh # the issue-8 bar: 10 minutes each
#   bash fuzz/ci.sh registry query   # only these targets
#
# Without a nightly toolchain the targets are only type-checked on stable (their
# properties still run in `cargo test -p folio-core --test invariants`), and the script
# says so; FUZZ_REQUIRE_NIGHTLY=1 makes that a failure.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
seconds="${FUZZ_SECONDS:-15}"
cargo_fuzz_version="0.13.2"
# Outside the clone, so that a rerun on the same machine reuses the build.
export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-${CARGO_HOME:-$HOME/.cargo}/folio-fuzz-target}"

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    echo "fuzz/ci.sh: installing the nightly toolchain"
    rustup toolchain install nightly --profile minimal >/dev/null 2>&1 || true
fi
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    echo "fuzz/ci.sh: no nightly toolchain; type-checking the targets on stable only"
    cargo check --locked --bins
    if [ "${FUZZ_REQUIRE_NIGHTLY:-0}" = 1 ]; then
        echo "fuzz/ci.sh: FAILED: nightly required"
        exit 1
    fi
    echo "fuzz: 0 passed, 0 failed (fuzzing skipped: no nightly toolchain)"
    exit 0
fi
if ! cargo fuzz --version 2>/dev/null | grep -q "cargo-fuzz $cargo_fuzz_version"; then
    echo "fuzz/ci.sh: installing cargo-fuzz $cargo_fuzz_version"
    cargo install cargo-fuzz --version "$cargo_fuzz_version" --locked
fi

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo +nightly fuzz list)
fi
echo "fuzz/ci.sh: building ${targets[*]}"
if [ "$#" -gt 0 ]; then
    for t in "${targets[@]}"; do cargo +nightly fuzz build --target-dir "$CARGO_TARGET_DIR" "$t"; done
else
    cargo +nightly fuzz build --target-dir "$CARGO_TARGET_DIR"
fi

passed=0
failed=0
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "seeds/$t"
    log="$(mktemp)"
    start=$(date +%s)
    # corpus/ (ignored by git) collects what this machine finds; seeds/ is committed.
    if cargo +nightly fuzz run --target-dir "$CARGO_TARGET_DIR" "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=2048 \
        -print_final_stats=1 >"$log" 2>&1; then
        runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo '?')
        echo "fuzz $t: ok, $runs runs in $(( $(date +%s) - start )) s"
        passed=$((passed + 1))
    else
        echo "fuzz $t: FINDING after $(( $(date +%s) - start )) s"
        grep -E -A 12 "panicked at|ERROR: libFuzzer|SUMMARY" "$log" | head -n 40 || tail -n 40 "$log"
        ls -1 "artifacts/$t" 2>/dev/null | sed 's/^/  artifact: fuzz\/artifacts\/'"$t"'\//' || true
        echo "  replay: cd fuzz && cargo +nightly fuzz run $t artifacts/$t/<file>; then add a test to core/tests/fuzz_regressions.rs"
        failed=$((failed + 1))
    fi
    rm -f "$log"
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
