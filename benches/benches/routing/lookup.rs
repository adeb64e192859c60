//! Lookup scenarios: one criterion iteration = one lookup, cycling through the request set.

use std::hint::black_box;
use std::time::Instant;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion};
use folio_benches::data::{Request, Table};
use folio_benches::routers::{
    Actix, BenchRouter, HashFloor, Matchit, PathTree, RouteRecognizer, Wayfind, Xitca,
};
use folio_benches::verify::{self, Checked};

use crate::summary::Context;

/// A row of the table: a route table and the paths looked up (hits or misses).
struct Scenario<'a> {
    id: &'static str,
    table: &'a Table,
    /// Hits to look up (checked) — or empty when `misses` is the set.
    hits: Vec<&'a Request>,
    /// `true`: look up `table.misses` instead of hits.
    misses: bool,
}

impl Scenario<'_> {
    fn paths(&self) -> Vec<&str> {
        if self.misses {
            self.table.misses.iter().map(String::as_str).collect()
        } else {
            self.hits.iter().map(|r| r.path.as_str()).collect()
        }
    }
}

/// Times one lookup per iteration, cycling through `paths` (the cursor survives between
/// criterion's calls so that every path is looked up equally often).
pub(crate) fn bench_lookups<R: BenchRouter>(
    g: &mut BenchmarkGroup<'_, WallTime>,
    router: &R,
    paths: &[&str],
) {
    let mut cursor = 0usize;
    g.bench_function(R::NAME, |b| {
        b.iter_custom(|iters| {
            let mut i = cursor;
            let start = Instant::now();
            for _ in 0..iters {
                black_box(router.lookup(black_box(paths[i])));
                i += 1;
                if i == paths.len() {
                    i = 0;
                }
            }
            let took = start.elapsed();
            cursor = i;
            took
        });
    });
}

fn peer<R: BenchRouter>(
    g: &mut BenchmarkGroup<'_, WallTime>,
    ctx: &mut Context,
    sc: &Scenario<'_>,
) {
    // The check covers all hits and misses of the table, whatever subset the scenario times.
    let outcome = if R::NAME == HashFloor::NAME {
        verify::check_router_on::<R>(sc.table, &sc.hits, &[])
    } else {
        verify::check_router::<R>(sc.table)
    };
    match outcome {
        Ok(Checked::Ready(router)) => {
            bench_lookups(g, &router, &sc.paths());
            ctx.ran(sc.id, R::NAME, 1.0);
        }
        Ok(Checked::Excluded(why)) => ctx.excluded(sc.id, R::NAME, why),
        Err(errors) => panic!(
            "{} gives wrong answers — refusing to time it:\n{}",
            R::NAME,
            errors.join("\n")
        ),
    }
}

fn run(c: &mut Criterion, ctx: &mut Context, sc: &Scenario<'_>, floor: bool) {
    let mut g = c.benchmark_group(sc.id);
    peer::<Matchit>(&mut g, ctx, sc);
    peer::<Wayfind>(&mut g, ctx, sc);
    peer::<PathTree>(&mut g, ctx, sc);
    peer::<Xitca>(&mut g, ctx, sc);
    peer::<Actix>(&mut g, ctx, sc);
    peer::<RouteRecognizer>(&mut g, ctx, sc);
    if floor {
        peer::<HashFloor>(&mut g, ctx, sc);
    }
    // folio: the `folio` feature (default); without it the summary marks folio "pending".
    #[cfg(feature = "folio")]
    peer::<folio_benches::routers::Folio>(&mut g, ctx, sc);
    #[cfg(not(feature = "folio"))]
    ctx.excluded(
        sc.id,
        "folio",
        "pending (build with --features folio once folio-core has the API)".into(),
    );
    g.finish();
}

/// GitHub: all hits, static paths only (with the hashbrown floor), misses.
pub(crate) fn github(c: &mut Criterion, ctx: &mut Context, t: &Table) {
    let all: Vec<&Request> = t.hits.iter().collect();
    run(
        c,
        ctx,
        &Scenario {
            id: "github_hits",
            table: t,
            hits: all,
            misses: false,
        },
        false,
    );
    let statics = verify::static_hits(t);
    run(
        c,
        ctx,
        &Scenario {
            id: "github_static",
            table: t,
            hits: statics,
            misses: false,
        },
        true,
    );
    run(
        c,
        ctx,
        &Scenario {
            id: "github_misses",
            table: t,
            hits: Vec::new(),
            misses: true,
        },
        false,
    );
}

/// The partial-segment table: all hits.
pub(crate) fn inline(c: &mut Criterion, ctx: &mut Context, t: &Table) {
    let all: Vec<&Request> = t.hits.iter().collect();
    run(
        c,
        ctx,
        &Scenario {
            id: "inline_hits",
            table: t,
            hits: all,
            misses: false,
        },
        false,
    );
}

/// 10,000 generated routes: all hits.
pub(crate) fn generated(c: &mut Criterion, ctx: &mut Context, t: &Table) {
    let all: Vec<&Request> = t.hits.iter().collect();
    run(
        c,
        ctx,
        &Scenario {
            id: "generated_10k_hits",
            table: t,
            hits: all,
            misses: false,
        },
        false,
    );
}
