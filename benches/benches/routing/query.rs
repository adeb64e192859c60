//! Query-decoding scenarios: one iteration = decode one raw query and touch every pair.

use std::hint::black_box;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion};
use folio_benches::query::{self, FormUrlencoded, QueryDecoder, SerdeBorrowed, SerdeOwned};

use crate::summary::Context;

fn peer<D: QueryDecoder>(
    g: &mut BenchmarkGroup<'_, WallTime>,
    ctx: &mut Context,
    id: &'static str,
    raw: &str,
) {
    if let Err(e) = query::check::<D>(raw) {
        // A zero-copy decoder refusing input that needs decoding is a limitation, not a bug.
        if D::decode_with(raw, |_, _| ()).is_err() {
            return ctx.excluded(id, D::NAME, e);
        }
        panic!("{e}");
    }
    g.bench_function(D::NAME, |b| b.iter(|| D::decode(black_box(raw))));
    ctx.ran(id, D::NAME, 1.0);
}

/// Short, 10 parameters, percent-heavy.
pub(crate) fn all(c: &mut Criterion, ctx: &mut Context) {
    for (id, raw) in query::INPUTS {
        let mut g = c.benchmark_group(id);
        peer::<FormUrlencoded>(&mut g, ctx, id, raw);
        peer::<SerdeBorrowed>(&mut g, ctx, id, raw);
        peer::<SerdeOwned>(&mut g, ctx, id, raw);
        // folio: the `folio` feature (default); without it the summary marks folio "pending".
        #[cfg(feature = "folio")]
        peer::<folio_benches::query::FolioQuery>(&mut g, ctx, id, raw);
        #[cfg(not(feature = "folio"))]
        ctx.excluded(
            id,
            "folio",
            "pending (build with --features folio once folio-core has the API)".into(),
        );
        g.finish();
    }
}
