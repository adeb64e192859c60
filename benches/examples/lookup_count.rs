//! A fixed workload for instruction counts (callgrind): the requests of one scenario looked
//! up `rounds` times, each lookup as the `routing` bench times it (resolve, read the route id,
//! touch every value). Only `drive` is counted:
//!
//! ```text
//! cargo build --release -p folio-benches --example lookup_count
//! valgrind --tool=callgrind --toggle-collect='*drive*' --callgrind-out-file=/dev/null \
//!     $CARGO_TARGET_DIR/release/examples/lookup_count github_hits 100
//! ```
//!
//! Prints the number of lookups; instructions per lookup = callgrind's total `Ir` / that.
//! With `LOOKUP_ONLY=text` set, only the scenario's requests that contain `text` are looked up.
//! Scenarios: `github_hits`, `github_static`, `github_misses`, `inline_hits`,
//! `generated_10k_hits`, `github_static_floor` (the bench's `hashbrown` floor on the static
//! paths, for comparing), and `adversarial/<length>/<name>` (the requests of the
//! `adversarial` bench, `normal` included) resolved through `Registry::resolve`.

use std::hint::black_box;

use folio_benches::routers::{BenchRouter, Folio, HashFloor};
use folio_benches::{data, generate, verify};

fn main() {
    let mut args = std::env::args().skip(1);
    let scenario = args.next().unwrap_or_else(|| "github_hits".into());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(100);
    let (table, paths): (data::Table, Vec<String>) = match scenario.as_str() {
        "github_static_floor" => return floor(rounds),
        "github_hits" | "github_static" | "github_misses" => {
            let t = data::github();
            let paths = match scenario.as_str() {
                "github_hits" => t.hits.iter().map(|r| r.path.clone()).collect(),
                "github_static" => verify::static_hits(&t)
                    .iter()
                    .map(|r| r.path.clone())
                    .collect(),
                _ => t.misses.clone(),
            };
            (t, paths)
        }
        "inline_hits" => {
            let t = data::inline();
            let paths = t.hits.iter().map(|r| r.path.clone()).collect();
            (t, paths)
        }
        "generated_10k_hits" => {
            let t = generate::generated_10k();
            let paths = t.hits.iter().map(|r| r.path.clone()).collect();
            (t, paths)
        }
        other => match other.strip_prefix("adversarial/") {
            Some(rest) => return adversarial(rest, rounds),
            None => panic!("unknown scenario {other:?}"),
        },
    };
    // `ROUTER=matchit`: the same requests through matchit (the misses row's best peer), for
    // comparing counts such as callgrind's simulated branch mispredictions.
    if std::env::var("ROUTER").as_deref() == Ok("matchit") {
        return peer::<folio_benches::routers::Matchit>(&table, &paths, rounds);
    }
    let router = match verify::check_router::<Folio>(&table) {
        Ok(verify::Checked::Ready(r)) => r,
        _ => panic!("folio fails the correctness gate on {scenario}"),
    };
    // `LOOKUP_ONLY=text`: only the requests containing `text` (one request's cost).
    let only = std::env::var("LOOKUP_ONLY").unwrap_or_default();
    let paths: Vec<&str> = paths
        .iter()
        .map(String::as_str)
        .filter(|p| p.contains(only.as_str()))
        .collect();
    drive(&router, &paths, rounds);
    println!("{}", paths.len() * rounds);
}

#[inline(never)]
fn drive(router: &Folio, paths: &[&str], rounds: usize) {
    if std::env::var_os("NOVARS").is_some() {
        for _ in 0..rounds {
            for p in paths {
                black_box(router.0.resolve(black_box(p), "").status());
            }
        }
        return;
    }
    for _ in 0..rounds {
        for p in paths {
            black_box(router.lookup(black_box(p)));
        }
    }
}

/// A peer router over the scenario's requests, driven like folio.
fn peer<R: BenchRouter>(table: &data::Table, paths: &[String], rounds: usize) {
    let router = match verify::check_router::<R>(table) {
        Ok(verify::Checked::Ready(r)) => r,
        _ => panic!("{} fails the correctness gate", R::NAME),
    };
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    drive_peer(&router, &paths, rounds);
    println!("{}", paths.len() * rounds);
}

#[inline(never)]
fn drive_peer<R: BenchRouter>(router: &R, paths: &[&str], rounds: usize) {
    for _ in 0..rounds {
        for p in paths {
            black_box(router.lookup(black_box(p)));
        }
    }
}

/// The `hashbrown` floor of the static-paths scenario, driven like folio.
fn floor(rounds: usize) {
    let t = data::github();
    let statics = verify::static_hits(&t);
    let router = match verify::check_router_on::<HashFloor>(&t, &statics, &[]) {
        Ok(verify::Checked::Ready(r)) => r,
        _ => panic!("the hashbrown floor fails the correctness gate"),
    };
    let paths: Vec<&str> = statics.iter().map(|r| r.path.as_str()).collect();
    drive_floor(&router, &paths, rounds);
    println!("{}", paths.len() * rounds);
}

#[inline(never)]
fn drive_floor(router: &HashFloor, paths: &[&str], rounds: usize) {
    for _ in 0..rounds {
        for p in paths {
            black_box(router.lookup(black_box(p)));
        }
    }
}

/// `<length>/<name>`: one request of the adversarial bench (same registry, same shapes).
fn adversarial(spec: &str, rounds: usize) {
    use folio_benches::adversarial::{normal, registry, requests};
    let (n, name) = spec.split_once('/').expect("adversarial/<length>/<name>");
    let n: usize = n.parse().expect("a length");
    let registry = registry();
    let path = match name {
        "normal" => normal(n),
        name => match requests(n).into_iter().find(|(known, _)| *known == name) {
            Some((_, path)) => path,
            None => panic!("unknown adversarial request {name:?}"),
        },
    };
    drive_adversarial(&registry, &path, rounds);
    println!("{rounds}");
}

#[inline(never)]
fn drive_adversarial(registry: &folio_core::Registry<()>, path: &str, rounds: usize) {
    for _ in 0..rounds {
        black_box(registry.resolve(black_box(path), "").status());
    }
}
