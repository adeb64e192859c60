//! A fixed workload for the build's instruction counts (callgrind): one router built from a
//! table `rounds` times, each build as the `routing` bench times it (`BenchRouter::build` on
//! the prepared input), the registry dropped outside the counted part. Only `build_once`
//! is counted:
//!
//! ```text
//! cargo build --release -p folio-benches --example build_count
//! valgrind --tool=callgrind --toggle-collect='*build_once*' --callgrind-out-file=/dev/null \
//!     $CARGO_TARGET_DIR/release/examples/build_count folio generated_10k 2
//! ```
//!
//! Prints the number of routes built; instructions per route = callgrind's total `Ir` / that.
//! A fourth argument `keep` keeps every router until the last is built (for `perf stat -e
//! page-faults`: what the retained bytes cost); without it each is dropped before the next
//! build, as the bench's `iter_with_large_drop` does when a batch holds one iteration.
//! Routers: `folio`, `path-tree`, `matchit`, `wayfind`. Tables: `generated_10k`, `github`.

use std::hint::black_box;

use folio_benches::data::{self, Table};
use folio_benches::generate;
use folio_benches::routers::{BenchRouter, Folio, Matchit, PathTree, Wayfind};

#[inline(never)]
fn build_once<R: BenchRouter>(input: &R::Input) -> R {
    match R::build(input) {
        Ok(router) => router,
        Err(why) => panic!("{} refuses the table: {why}", R::NAME),
    }
}

fn run<R: BenchRouter>(table: &Table, rounds: usize, keep: bool) -> usize {
    let input = R::prepare(&table.routes).unwrap_or_else(|why| panic!("{why}"));
    // `keep`: every router lives until the last is built (what the retained bytes cost;
    // criterion's `iter_with_large_drop` keeps a batch, a tenth of a sample's iterations).
    let mut kept = Vec::new();
    for _ in 0..rounds {
        let router = black_box(build_once::<R>(&input));
        if keep {
            kept.push(router);
        }
    }
    drop(kept);
    rounds * table.routes.len()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let router = args.next().unwrap_or_else(|| "folio".into());
    let table = match args.next().as_deref() {
        Some("github") => data::github(),
        _ => generate::generated_10k(),
    };
    let rounds = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let keep = args.next().as_deref() == Some("keep");
    let routes = match router.as_str() {
        "folio" => run::<Folio>(&table, rounds, keep),
        "path-tree" => run::<PathTree>(&table, rounds, keep),
        "matchit" => run::<Matchit>(&table, rounds, keep),
        "wayfind" => run::<Wayfind>(&table, rounds, keep),
        other => panic!("unknown router {other}"),
    };
    println!("{routes}");
}
