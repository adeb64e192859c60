//! folio against the Rust routers users would otherwise pick (issue 4), in one criterion run.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-bench FOLIO_BENCH_SHORT=1 cargo bench -p folio-benches --bench routing
//! ```
//!
//! Before anything is timed, every router is built from each table and checked to return the
//! right route and values for every request and no match for every miss (`verify`); a router
//! that cannot express a table is excluded from its scenarios and listed in the summary.
//! At the end a markdown summary of the medians (ns per lookup / per route / per decode) is
//! printed and written to `<criterion dir>/folio-summary.md`.

mod build;
mod lookup;
mod query;
mod summary;

use std::path::PathBuf;
use std::time::Duration;

use criterion::Criterion;
use folio_benches::{data, generate};

/// Short mode (`FOLIO_BENCH_SHORT=1`): the whole run in well under 3 minutes on 2 cores.
fn short_mode() -> bool {
    std::env::var_os("FOLIO_BENCH_SHORT").is_some_and(|v| !v.is_empty() && v != "0")
}

fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("target")
        .join("criterion")
}

fn main() {
    let dir = criterion_dir();
    let mut c = Criterion::default().output_directory(&dir);
    if short_mode() {
        c = c
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_millis(900))
            .sample_size(20);
    }
    let mut c = c.configure_from_args();

    // A child process of `build::generated`: time one router's build, on a fresh heap.
    if let Some(router) = build::child_router() {
        build::child(&mut c, &router, &generate::generated_10k());
        return;
    }

    let started = std::time::SystemTime::now();
    let t0 = std::time::Instant::now();
    let github = data::github();
    let inline = data::inline();
    let generated = generate::generated_10k();
    let mut ctx = summary::Context::default();
    for table in [&github, &inline, &generated] {
        if let Err(errors) = folio_benches::verify::check_expectations(table) {
            panic!(
                "reference matcher disagrees with the data files:\n{}",
                errors.join("\n")
            );
        }
    }

    lookup::github(&mut c, &mut ctx, &github);
    lookup::inline(&mut c, &mut ctx, &inline);
    lookup::generated(&mut c, &mut ctx, &generated);
    build::generated(&mut ctx, &generated);
    query::all(&mut c, &mut ctx);

    c.final_summary();
    summary::print(&ctx, &dir, started);
    eprintln!("total wall time: {:.1} s", t0.elapsed().as_secs_f64());
}
