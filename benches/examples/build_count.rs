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
//! page-faults`: what the retained bytes cost); `batch=N` keeps them `N` at a time and drops
//! each batch together, as the bench's `iter_with_large_drop` does (a batch is a tenth of a
//! sample's iterations, rounded up: 2 for the build in short mode at ~6 ms a build, 1 on a
//! loaded machine, ~8 with criterion's defaults); without either each is dropped
//! before the next build, a batch of one. The faults of a batch of two are what the bench's
//! build pays when glibc trims the heap's top after every drop (which it does for folio in
//! the bench's child process and not after a batch of one here: see benches/HISTORY.md,
//! round 13, `memory` lane):
//!
//! ```text
//! perf stat -e page-faults $CARGO_TARGET_DIR/release/examples/build_count folio generated_10k 42 batch=2
//! # less the same with 2 rounds, / 40
//! ```
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

/// `batch`: how many routers live together before they are dropped (`usize::MAX`: all).
fn run<R: BenchRouter>(table: &Table, rounds: usize, batch: usize) -> usize {
    let input = R::prepare(&table.routes).unwrap_or_else(|why| panic!("{why}"));
    // Every router lives until its batch is built (what the retained bytes cost; criterion's
    // `iter_with_large_drop` keeps a batch, a tenth of a sample's iterations).
    let mut kept = Vec::new();
    for _ in 0..rounds {
        let router = black_box(build_once::<R>(&input));
        if batch > 1 {
            kept.push(router);
            if kept.len() == batch {
                kept.clear();
            }
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
    let batch = match args.next().as_deref() {
        Some("keep") => usize::MAX,
        Some(n) => match n.strip_prefix("batch=").map(str::parse) {
            Some(Ok(n)) if n > 0 => n,
            _ => panic!("expected `keep` or `batch=N` (N > 0), got {n:?}"),
        },
        None => 1,
    };
    let routes = match router.as_str() {
        "folio" => run::<Folio>(&table, rounds, batch),
        "path-tree" => run::<PathTree>(&table, rounds, batch),
        "matchit" => run::<Matchit>(&table, rounds, batch),
        "wayfind" => run::<Wayfind>(&table, rounds, batch),
        other => panic!("unknown router {other}"),
    };
    println!("{routes}");
}
