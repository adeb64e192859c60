//! Build scenario: time to build each router from the 10,000 generated routes (reported per
//! route). Translation into the peer's syntax is done once, untimed; dropping the built router
//! is not timed either.

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, SamplingMode, Throughput};
use folio_benches::data::Table;
use folio_benches::routers::{
    Actix, BenchRouter, Matchit, PathTree, RouteRecognizer, Wayfind, Xitca,
};

use crate::summary::Context;

const ID: &str = "generated_10k_build";

fn peer<R: BenchRouter>(g: &mut BenchmarkGroup<'_, WallTime>, ctx: &mut Context, t: &Table) {
    let input = match R::prepare(&t.routes) {
        Ok(input) => input,
        Err(why) => return ctx.excluded(ID, R::NAME, why),
    };
    if let Err(why) = R::build(&input) {
        return ctx.excluded(ID, R::NAME, format!("builder rejects the table: {why}"));
    }
    g.bench_function(R::NAME, |b| b.iter_with_large_drop(|| R::build(&input)));
    ctx.ran(ID, R::NAME, t.routes.len() as f64);
}

/// Builds from the generated table (the lookup scenario on the same table has verified them).
pub(crate) fn generated(c: &mut Criterion, ctx: &mut Context, t: &Table) {
    let mut g = c.benchmark_group(ID);
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    g.throughput(Throughput::Elements(t.routes.len() as u64));
    peer::<Matchit>(&mut g, ctx, t);
    peer::<Wayfind>(&mut g, ctx, t);
    peer::<PathTree>(&mut g, ctx, t);
    peer::<Xitca>(&mut g, ctx, t);
    peer::<Actix>(&mut g, ctx, t);
    peer::<RouteRecognizer>(&mut g, ctx, t);
    // folio: the `folio` feature (default); without it the summary marks folio "pending".
    #[cfg(feature = "folio")]
    peer::<folio_benches::routers::Folio>(&mut g, ctx, t);
    #[cfg(not(feature = "folio"))]
    ctx.excluded(
        ID,
        "folio",
        "pending (build with --features folio once folio-core has the API)".into(),
    );
    g.finish();
}
