//! No super-linear blow-up (issue 8): the worst adversarial requests against templates with
//! many variables per segment and many partial siblings, next to a normal lookup of the
//! same length in the same registry. The bar: within 20× of the normal lookup.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-bench FOLIO_BENCH_SHORT=1 cargo bench -p folio-benches --features folio --bench adversarial
//! ```
//!
//! After the criterion groups, a table of medians and ratios (adversarial / normal, per
//! length) is printed; with `FOLIO_ADVERSARIAL_GATE=1` the run exits non-zero if any ratio
//! is over 20 (off by default: on a shared machine timings are noisy).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion};
use folio_benches::adversarial::{normal, registry, requests};
use folio_core::Registry;

/// Path lengths (bytes after the parent segment).
const LENGTHS: [usize; 3] = [64, 1024, 4096];

/// The bar from issue 8.
const BAR: f64 = 20.0;

fn main() {
    let short = std::env::var_os("FOLIO_BENCH_SHORT").is_some_and(|v| !v.is_empty() && v != "0");
    let mut c = Criterion::default();
    if short {
        c = c
            .warm_up_time(Duration::from_millis(200))
            .measurement_time(Duration::from_millis(600))
            .sample_size(15);
    }
    let mut c = c.configure_from_args();
    let registry = registry();

    for n in LENGTHS {
        let mut group = c.benchmark_group(format!("adversarial/{n}"));
        let path = normal(n);
        group.bench_function(BenchmarkId::new("normal", n), |b| {
            b.iter(|| black_box(registry.resolve(black_box(&path), "").status()))
        });
        for (name, path) in requests(n) {
            group.bench_function(BenchmarkId::new(name, n), |b| {
                b.iter(|| black_box(registry.resolve(black_box(&path), "").status()))
            });
        }
        group.finish();
    }
    c.final_summary();

    // The ratios, from medians measured here (criterion keeps its own numbers on disk).
    println!("\n| length | normal (ns) | worst adversarial | worst (ns) | ratio |");
    println!("|---:|---:|---|---:|---:|");
    let mut over = false;
    for n in LENGTHS {
        let base = median_ns(&registry, &normal(n));
        let (name, worst) = requests(n)
            .into_iter()
            .map(|(name, p)| (name, median_ns(&registry, &p)))
            .fold(("", 0.0), |a, b| if b.1 > a.1 { b } else { a });
        let ratio = worst / base;
        over |= ratio > BAR;
        println!("| {n} | {base:.0} | {name} | {worst:.0} | {ratio:.1}× |");
    }
    let gate = std::env::var_os("FOLIO_ADVERSARIAL_GATE").is_some_and(|v| v == "1");
    if over {
        eprintln!("an adversarial lookup is more than {BAR}× a normal one of the same length");
        if gate {
            std::process::exit(1);
        }
    }
}

/// Median time of one `resolve`, over 31 batches.
fn median_ns(registry: &Registry<()>, path: &str) -> f64 {
    let once = || black_box(registry.resolve(black_box(path), "").status());
    let start = Instant::now();
    let mut per_batch = 0u32;
    while start.elapsed() < Duration::from_millis(2) {
        once();
        per_batch += 1;
    }
    let mut samples: Vec<f64> = (0..31)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..per_batch {
                once();
            }
            t.elapsed().as_nanos() as f64 / f64::from(per_batch)
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}
