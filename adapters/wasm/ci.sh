#!/usr/bin/env bash
# folio-wasm in real headless Chromium (wasm-bindgen-test-runner + chromedriver), from a
# fresh machine: installs what is missing, runs the native navigator tests and the browser
# tests, prints `N passed, M failed`, exits non-zero on any failure.
#
#   adapters/wasm/ci.sh          # install + test, build the gallery bundle, gallery e2e,
#                                # issue 7's size gate on both bundles (sizes printed)
#   adapters/wasm/ci.sh size     # the same (kept for old habits)
#   adapters/wasm/ci.sh bundle   # only build the gallery's browser bundle into
#                                # examples/gallery/pkg (then `cargo run -p folio-axum
#                                # --example gallery` navigates client-side)
#
# Env: FOLIO_VECTORS (vector dirs, `:`-separated; default: ../shared/.../dash/spec/public),
#      CARGO_TARGET_DIR (default: cargo's), WB_ROOT (wasm-bindgen-cli install root).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
t0=$SECONDS

mode=${1:-test}

# 1. Chromium + ChromeDriver from Debian (skipped when present).
if [ "$mode" != bundle ] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  echo "installing chromium + chromium-driver (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
[ "$mode" = bundle ] || echo "browser: $(chromium --version 2>/dev/null | tail -1) / $(chromedriver --version | cut -d' ' -f1-2)"

# 2. The wasm32 target (a no-op when installed).
rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || rustup target add wasm32-unknown-unknown

# 3. wasm-bindgen-cli at EXACTLY the wasm-bindgen version in Cargo.lock (the schemas must
#    match), in a version-keyed root so no other copy on PATH is picked up.
WB_VER=$(awk '$0=="name = \"wasm-bindgen\""{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if [ -z "$WB_VER" ]; then
  cargo metadata --format-version 1 >/dev/null  # writes the lock entries
  WB_VER=$(awk '$0=="name = \"wasm-bindgen\""{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
fi
[ -n "$WB_VER" ] || { echo "wasm-bindgen not found in Cargo.lock" >&2; exit 1; }
WB_ROOT=${WB_ROOT:-$HOME/.cache/wasm-bindgen-cli/$WB_VER}
if [ "$("$WB_ROOT/bin/wasm-bindgen-test-runner" --version 2>/dev/null || true)" != "wasm-bindgen-test-runner $WB_VER" ]; then
  echo "installing wasm-bindgen-cli $WB_VER into $WB_ROOT (about 4 min on 2 cores)"
  # --locked first; today its lock pins a webpki-roots the registry lacks, so fall back.
  cargo install -q wasm-bindgen-cli --version "$WB_VER" --root "$WB_ROOT" --locked 2>/dev/null \
    || cargo install -q wasm-bindgen-cli --version "$WB_VER" --root "$WB_ROOT"
fi
export PATH="$WB_ROOT/bin:$PATH"
echo "wasm-bindgen-cli: $(wasm-bindgen --version)"

target=${CARGO_TARGET_DIR:-$root/target}
# The release bundles, built for size (the workspace's release profile keeps debug info),
# names stripped by wasm-bindgen: `bundle EXAMPLE OUT_DIR OUT_NAME`.
bundle() {
  CARGO_PROFILE_RELEASE_OPT_LEVEL=z CARGO_PROFILE_RELEASE_LTO=true \
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 CARGO_PROFILE_RELEASE_DEBUG=0 \
  CARGO_PROFILE_RELEASE_PANIC=abort \
    cargo build -q -p folio-wasm-bundles --release --example "$1" --target wasm32-unknown-unknown \
    || return 1
  wasm-bindgen --target web --remove-name-section --remove-producers-section \
    --out-dir "$2" --out-name "$3" "$target/wasm32-unknown-unknown/release/examples/$1.wasm" \
    || return 1
  local raw gz
  raw=$(stat -c %s "$2/$3_bg.wasm") || return 1
  gz=$(gzip -9 -c "$2/$3_bg.wasm" | wc -c) || return 1
  echo "size: $1 ($3_bg.wasm) ${raw} bytes, gzip -9 ${gz} bytes ($((gz / 1024)) KiB)"
  bundle_gz=$gz
}
pkg="$root/examples/gallery/pkg"
if [ "$mode" = bundle ]; then
  bundle gallery_client "$pkg" gallery
  echo "gallery bundle in $pkg: cargo run -p folio-axum --example gallery"
  exit 0
fi

# 4. Tests: native (the sans-DOM navigator, doc tests), then the browser.
export FOLIO_VECTORS=${FOLIO_VECTORS:-$root/../shared/conformance/dash/spec/public}
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$here/webdriver.json"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT=${WASM_BINDGEN_TEST_DRIVER_TIMEOUT:-30}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cargo test -p folio-wasm 2>&1 | tee -a "$log" || status=1
cargo test -p folio-wasm --target wasm32-unknown-unknown --tests -- --nocapture 2>&1 | tee -a "$log" || status=1

# Totals over every libtest closing line (a build failure counts as a failure).
read -r passed failed < <(awk '/^test result:/{for(i=1;i<=NF;i++){if($(i)~/^passed;?$/)p+=$(i-1); if($(i)~/^failed;?$/)f+=$(i-1)}} END{print p+0, f+0}' "$log")
grep -h "browser callback cases:" "$log" | sed 's/^ *//' | tail -1 || true

# 5. The gallery end to end: the bundle served by the axum gallery, driven by playwright-core
#    (npm, pinned by e2e/package-lock.json; installed when missing) in Debian's chromium.
bundle_gz=
bundle gallery_client "$pkg" gallery || status=1
gallery_gz=$bundle_gz
if [ ! -d "$here/e2e/node_modules/playwright-core" ]; then
  (cd "$here/e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi
cargo build -q -p folio-axum --example gallery || status=1
e2e_log=$(mktemp)
GALLERY_BIN="$target/debug/examples/gallery" FOLIO_CLIENT_DIR="$pkg" \
  node "$here/e2e/gallery.mjs" 2>&1 | tee "$e2e_log" || status=1
read -r p f < <(awk '/^gallery e2e:/{print $3, $5}' "$e2e_log") || true
passed=$((passed + ${p:-0})); failed=$((failed + ${f:-1}))
rm -f "$e2e_log"

# 6. Issue 7's size bar, gated on both bundles: at most SIZE_LIMIT bytes gzipped (64 KiB),
#    the router (core + adapter, bundles/examples/demo.rs) and the whole gallery client the
#    axum gallery serves (bundles/examples/gallery_client.rs, built in step 5).
limit=${SIZE_LIMIT:-$((64 * 1024))}
out=$(mktemp -d)
bundle_gz=
bundle demo "$out" demo || true
for gate in "router:${bundle_gz:-}" "gallery:${gallery_gz:-}"; do
  name=${gate%%:*} gz=${gate#*:}
  if [ -n "$gz" ] && [ "$gz" -le "$limit" ]; then
    passed=$((passed + 1))
  else
    echo "size gate: the $name bundle is ${gz:-not built}, over $limit bytes gzipped (issue 7)" >&2
    failed=$((failed + 1))
  fi
done
rm -rf "$out"

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "folio-wasm: ${passed} passed, ${failed} failed ($((SECONDS - t0)) s)"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
