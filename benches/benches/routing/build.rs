//! Build scenario: time to build each router from the 10,000 generated routes (reported per
//! route). Translation into the peer's syntax is done once, untimed; dropping the built router
//! is not timed either.
//!
//! Each router's build is timed in a child process of its own (this bench binary again, with
//! [`CHILD`] naming the router), so no router inherits the heap another left. Timed in this
//! process, a build inherits the heap the lookups and the routers before it left: after
//! actix-router's builds, route-recognizer's took 33 → 55–58 ms and folio's 9.4 → 19.5 ms
//! (BENCHMARKS.md, run M), so the row measured the order, not the routers.
//!
//! Within its child a router still builds hundreds of times, its built routers dropped a
//! batch at a time between timings: the row is the steady state of that loop, in which
//! glibc may or may not give the dropped batch's heap back to the system (and so whether
//! the next builds fault every page in again) depending on how the router allocates. The
//! first build on a fresh heap, which is what an app pays at startup, and the loop's
//! steady state are both measured, with their page faults, by `benches/cold_build.sh`.

use std::process::Command;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, SamplingMode, Throughput};
use folio_benches::data::Table;
use folio_benches::routers::{
    Actix, BenchRouter, Matchit, PathTree, RouteRecognizer, Wayfind, Xitca,
};

use crate::summary::Context;

const ID: &str = "generated_10k_build";

/// Set in a child process: the one router whose build it times.
const CHILD: &str = "FOLIO_BENCH_BUILD_CHILD";

/// The router this process times the build of, when it is a child.
pub(crate) fn child_router() -> Option<String> {
    std::env::var(CHILD).ok()
}

/// Checks that the router builds the table, then has a child process time its build.
fn peer<R: BenchRouter>(ctx: &mut Context, t: &Table) {
    let input = match R::prepare(&t.routes) {
        Ok(input) => input,
        Err(why) => return ctx.excluded(ID, R::NAME, why),
    };
    if let Err(why) = R::build(&input) {
        return ctx.excluded(ID, R::NAME, format!("builder rejects the table: {why}"));
    }
    drop(input);
    // The child gets this run's arguments (criterion's filters and options) and environment.
    let status = std::env::current_exe().and_then(|exe| {
        Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env(CHILD, R::NAME)
            .status()
    });
    match status {
        Ok(status) if status.success() => ctx.ran(ID, R::NAME, t.routes.len() as f64),
        Ok(status) => ctx.excluded(ID, R::NAME, format!("its build process failed: {status}")),
        Err(why) => ctx.excluded(ID, R::NAME, format!("no build process: {why}")),
    }
}

/// Builds from the generated table (the lookup scenario on the same table has verified them).
pub(crate) fn generated(ctx: &mut Context, t: &Table) {
    peer::<Matchit>(ctx, t);
    peer::<Wayfind>(ctx, t);
    peer::<PathTree>(ctx, t);
    peer::<Xitca>(ctx, t);
    peer::<Actix>(ctx, t);
    peer::<RouteRecognizer>(ctx, t);
    // folio: the `folio` feature (default); without it the summary marks folio "pending".
    #[cfg(feature = "folio")]
    peer::<folio_benches::routers::Folio>(ctx, t);
    #[cfg(not(feature = "folio"))]
    ctx.excluded(
        ID,
        "folio",
        "pending (build with --features folio once folio-core has the API)".into(),
    );
}

/// In a child process: times `router`'s build (the parent has checked that it builds).
pub(crate) fn child(c: &mut Criterion, router: &str, t: &Table) {
    let mut g = c.benchmark_group(ID);
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    g.throughput(Throughput::Elements(t.routes.len() as u64));
    match router {
        "matchit" => time::<Matchit>(&mut g, t),
        "wayfind" => time::<Wayfind>(&mut g, t),
        "path-tree" => time::<PathTree>(&mut g, t),
        "xitca-router" => time::<Xitca>(&mut g, t),
        "actix-router" => time::<Actix>(&mut g, t),
        "route-recognizer" => time::<RouteRecognizer>(&mut g, t),
        #[cfg(feature = "folio")]
        "folio" => time::<folio_benches::routers::Folio>(&mut g, t),
        other => panic!("{CHILD}={other}: no such router"),
    }
    g.finish();
}

fn time<R: BenchRouter>(g: &mut BenchmarkGroup<'_, WallTime>, t: &Table) {
    let input = R::prepare(&t.routes).unwrap_or_else(|why| panic!("{}: {why}", R::NAME));
    g.bench_function(R::NAME, |b| b.iter_with_large_drop(|| R::build(&input)));
}
