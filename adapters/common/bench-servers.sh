# Sourced by bench-wrk.sh and bench-callgrind.sh (not run on its own): the two servers each
# script compares for adapter "$1" (`axum` or `actix`), the URLs they are measured on, and
# their release binaries in BIN_DIR (built here unless BIN_DIR is given: binaries built
# elsewhere, e.g. another commit's). Works from the repository root.
# The servers run with the gallery's browser bundle off: the axum gallery links the bundle
# when `examples/gallery/pkg` holds one (an ignored build output), which the plain servers
# never do, so the two would not serve the same bytes. `FOLIO_CLIENT_DIR` names a folder
# that holds no bundle; the bench's gallery then serves the no-bundle document, as plain does.
export FOLIO_CLIENT_DIR=/nonexistent/folio-bench-no-bundle
case "${1:-}" in
  axum) package=folio-axum gallery=gallery plain=plain_axum ;;
  actix) package=folio-actix gallery=actix_gallery plain=plain_actix ;;
  *) echo "usage: $0 axum|actix" >&2; exit 2 ;;
esac
urls=("/" "/archive?report_id=9&department_id=55" "/asset/a100/department/hello-sales")
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
if [ -z "${BIN_DIR:-}" ]; then
  cargo build --release -q -p "$package" --example "$gallery" --example "$plain"
  BIN_DIR=$CARGO_TARGET_DIR/release/examples
fi
