//! A fixed workload for instruction counts (callgrind): one query input decoded `rounds` times
//! by one decoder, each decode as the `routing` bench times it (every pair, key and value
//! touched). Only `drive` is counted:
//!
//! ```text
//! cargo build --release -p folio-benches --example query_count
//! valgrind --tool=callgrind --toggle-collect='*drive*' --callgrind-out-file=/dev/null \
//!     $CARGO_TARGET_DIR/release/examples/query_count folio query_short 1000
//! ```
//!
//! Prints the number of decodes; instructions per decode = callgrind's total `Ir` / that.
//! Decoders: `folio`, `form_urlencoded`; inputs: the ids of `folio_benches::query::INPUTS`.

use std::hint::black_box;

use folio_benches::query::{self, FolioQuery, FormUrlencoded, QueryDecoder};

fn main() {
    let mut args = std::env::args().skip(1);
    let decoder = args.next().unwrap_or_else(|| "folio".into());
    let input = args.next().unwrap_or_else(|| "query_short".into());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1000);
    let raw = query::INPUTS
        .iter()
        .find(|(id, _)| *id == input)
        .unwrap_or_else(|| panic!("unknown input {input:?}"))
        .1;
    let sum = match decoder.as_str() {
        "folio" => drive::<FolioQuery>(raw, rounds),
        "form_urlencoded" => drive::<FormUrlencoded>(raw, rounds),
        other => panic!("unknown decoder {other:?}"),
    };
    black_box(sum);
    println!("{rounds}");
}

#[inline(never)]
fn drive<D: QueryDecoder>(raw: &str, rounds: usize) -> usize {
    let mut sum = 0;
    for _ in 0..rounds {
        sum += D::decode(black_box(raw));
    }
    sum
}
