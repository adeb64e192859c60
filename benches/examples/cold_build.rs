//! Timed builds of a router from the 10,000 generated routes, in a process of its own, with
//! the minor page faults they took: the build an app pays for at startup (the default: the
//! first build on a fresh heap), or a batch of `batch` builds kept together after `warm`
//! builds made and dropped in such batches, as criterion's `iter_with_large_drop` does in the
//! routing bench's build row (a batch of two in its short mode).
//!
//! ```text
//! cargo build --release -p folio-benches --example cold_build
//! $CARGO_TARGET_DIR/release/examples/cold_build folio [warm=N] [batch=B]
//! ```
//!
//! Prints `<ns a route> <minor faults a build>` of the timed batch. `benches/cold_build.sh` runs every
//! router this way, alternated, and prints the medians. Why this exists beside the criterion
//! row: there a router builds hundreds of times in one process, and whether glibc gives the
//! heap back to the system after each dropped batch (and so whether the next build faults
//! every page in again) depends on how the router allocates, not on how fast it builds
//! (benches/HISTORY.md round 13, `memory` lane). This measures both ends of that: the first
//! build, where every router pays for every page it touches, and a later one.

use std::hint::black_box;
use std::time::Instant;

use folio_benches::data::Table;
use folio_benches::generate;
use folio_benches::routers::{
    Actix, BenchRouter, Folio, Matchit, PathTree, RouteRecognizer, Wayfind, Xitca,
};

#[inline(never)]
fn build_once<R: BenchRouter>(input: &R::Input) -> R {
    match R::build(input) {
        Ok(router) => router,
        Err(why) => panic!("{} refuses the table: {why}", R::NAME),
    }
}

/// The process's minor page faults so far (Linux: `minflt`, the tenth field of
/// `/proc/self/stat`); `None` where that cannot be read.
fn minor_faults() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) may hold spaces; the fields after its `)` start at 3.
    let after_name = stat.rsplit_once(')')?.1;
    after_name.split_whitespace().nth(7)?.parse().ok()
}

/// `(ns a route, faults a build)` of one batch of `batch` builds, kept together as criterion
/// keeps a batch, after `warm` untimed builds made and dropped in such batches.
fn run<R: BenchRouter>(table: &Table, warm: usize, batch: usize) -> (f64, Option<u64>) {
    let input = R::prepare(&table.routes).unwrap_or_else(|why| panic!("{why}"));
    let mut kept = Vec::with_capacity(batch);
    for _ in 0..warm {
        kept.push(black_box(build_once::<R>(&input)));
        if kept.len() == batch {
            kept.clear();
        }
    }
    kept.clear();
    let faults_before = minor_faults();
    let started = Instant::now();
    for _ in 0..batch {
        kept.push(black_box(build_once::<R>(&input)));
    }
    let elapsed = started.elapsed();
    let faults = minor_faults()
        .zip(faults_before)
        .map(|(after, before)| after.saturating_sub(before) / batch as u64);
    drop(kept);
    let builds = (batch * table.routes.len()) as f64;
    (elapsed.as_nanos() as f64 / builds, faults)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let router = args.next().unwrap_or_else(|| "folio".into());
    let (mut warm, mut batch) = (0, 1);
    for arg in args {
        let number = |prefix: &str| arg.strip_prefix(prefix).and_then(|n| n.parse().ok());
        match (number("warm="), number("batch=")) {
            (Some(n), _) => warm = n,
            (_, Some(n)) if n > 0 => batch = n,
            _ => panic!("expected `warm=N` or `batch=N` (N > 0), got {arg:?}"),
        }
    }
    let table = generate::generated_10k();
    let (ns, faults) = match router.as_str() {
        "folio" => run::<Folio>(&table, warm, batch),
        "path-tree" => run::<PathTree>(&table, warm, batch),
        "matchit" => run::<Matchit>(&table, warm, batch),
        "wayfind" => run::<Wayfind>(&table, warm, batch),
        "xitca-router" => run::<Xitca>(&table, warm, batch),
        "actix-router" => run::<Actix>(&table, warm, batch),
        "route-recognizer" => run::<RouteRecognizer>(&table, warm, batch),
        other => panic!("unknown router {other}"),
    };
    match faults {
        Some(faults) => println!("{ns:.1} {faults}"),
        None => println!("{ns:.1} -"),
    }
}
